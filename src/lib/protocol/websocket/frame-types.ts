/**
 * The shapes `decodeFrames` returns: frames whose fields tile their bytes, reassembled messages,
 * and located problems (RFC 6455 §5–7, RFC 7692).
 */
import type { DecodedUnit, Field } from '../bytes/fields';
import type { DecodeErrorCode, DecodeWarningCode } from './problems';

export type { DecodeErrorCode, DecodeWarningCode } from './problems';

/** Which side sent the bytes: clients must mask every frame, servers must not (RFC 6455 §5.1). */
export type Sender = 'client' | 'server';

/** How to read the bytes: who sent them and what was negotiated in the handshake. */
export interface DecodeOptions {
	/** Who sent the bytes. */
	from: Sender;
	/** permessage-deflate was negotiated (RFC 7692); context takeover unless told otherwise. */
	permessageDeflate?: boolean | { noContextTakeover?: boolean };
	/** Largest message (after inflating) a receiver accepts; no limit by default. */
	maxMessageBytes?: number;
	/**
	 * Build the fields of these frames only (indices, `to` excluded); the others' `fields` are
	 * empty. Everything else is read as usual. For a view that shows a page of a long decoding:
	 * holding ten thousand frames' fields costs more than reading the frames. Every frame's
	 * fields are built by default.
	 */
	fieldsOf?: { from: number; to: number };
}

/** Stable identifiers of the fields of a frame, as laid out in RFC 6455 §5.2. */
export type FieldKey =
	| 'fin'
	| 'rsv1'
	| 'rsv2'
	| 'rsv3'
	| 'opcode'
	| 'mask'
	| 'payloadLength'
	| 'extendedPayloadLength'
	| 'maskingKey'
	| 'payload'
	| 'closeCode'
	| 'closeReason';

/** One field of a frame: the shared annotated field, keyed by the names above. */
export type FrameField = Field<FieldKey> & {
	/** A frame field always says where its bits are. */
	bitOffset: number;
	bitLength: number;
	/** A number, or text for the masking key and for fields the input cuts short. */
	value: number | string;
};

/** A frame as read from the input; `fields` tile its bytes exactly. */
export interface DecodedFrame extends DecodedUnit<FrameField> {
	protocol: 'websocket';
	index: number;
	/** Bytes the header takes (2–14); known once byte 1 has been read, else 2. */
	headerLength: number;
	fin: boolean;
	rsv1: boolean;
	rsv2: boolean;
	rsv3: boolean;
	opcode: number;
	masked: boolean;
	maskingKey?: Uint8Array;
	/** Declared payload length; -1 while the header is cut before the length is known. */
	payloadLength: number;
	/** Byte offset of the payload in the input; -1 when the header is cut. */
	payloadOffset: number;
	/** The payload, unmasked; for a cut frame, the bytes present. */
	payload: Uint8Array;
	/** How the payload reads best: hex for binary, compressed or non-textual control data. */
	payloadView: 'text' | 'hex';
	/** All of the frame's bytes are present. */
	complete: boolean;
	/** Index into `messages` of the message this frame belongs to, if it made it there. */
	message?: number;
}

/** The kinds of message an application sees. */
export type MessageType = 'text' | 'binary' | 'ping' | 'pong' | 'close';

/** A message: data frames reassembled (and inflated), or a single control frame. */
export interface DecodedMessage {
	type: MessageType;
	/** Application data: reassembled and inflated. For an unfinished compressed message, the
	 * compressed bytes so far (they cannot be inflated before the message ends). */
	data: Uint8Array;
	/** Text of a text message, or a Close frame's reason. */
	text?: string;
	/** Close status code, when the Close frame has one. */
	code?: number;
	/** Close reason (may be empty). */
	reason?: string;
	/** Indexes into `frames`. */
	frames: number[];
	/** RSV1 was set on the first frame under permessage-deflate. */
	compressed: boolean;
	/** Payload bytes on the wire, for compressed messages. */
	compressedLength?: number;
	/** False for a data message the input (or an error) ended before its final frame. */
	complete: boolean;
}

/** A problem located in the input. */
export interface DecodeProblem<Code extends string> {
	code: Code;
	/** A sentence quoting the actual values. */
	message: string;
	/** Byte offset in the input. */
	offset: number;
	/** Bit within that byte (0 = most significant). */
	bitOffset?: number;
	/** Index of the frame holding `offset`. */
	frame: number;
	/** The rule that makes it a problem, e.g. 'RFC 6455 §5.2'. */
	source: string;
}

/** The first fatal violation: decoding stops there. */
export interface DecodeError extends DecodeProblem<DecodeErrorCode> {
	/** The status code a strict receiver would close the connection with. */
	closeCode: number;
}

/** Something a strict reading flags but a receiver may accept. */
export type DecodeWarning = DecodeProblem<DecodeWarningCode>;

/** The input ends inside a frame. */
export interface IncompleteFrame {
	/** Byte offset of the cut frame. */
	offset: number;
	/** Bytes still needed: to finish the frame, or — when `atLeast` — to finish its header. */
	needed: number;
	/** The header itself is cut: at least `needed` more bytes (the payload comes on top). */
	atLeast: boolean;
	/** The whole frame's size, when its payload length is already known. */
	frameLength?: number;
}

/** Everything read from the input. */
export interface DecodeResult {
	frames: DecodedFrame[];
	messages: DecodedMessage[];
	error?: DecodeError;
	warnings: DecodeWarning[];
	/** The input ends inside a frame (reported only when there is no `error`). */
	incomplete?: IncompleteFrame;
	/** Bytes after the frame where decoding stopped on an error, not decoded (0 without one). */
	trailing: number;
}
