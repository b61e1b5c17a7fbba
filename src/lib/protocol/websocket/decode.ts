/**
 * Decoding a captured byte stream into WebSocket frames and messages, the way a strict
 * receiver reads it (RFC 6455 §5–7, RFC 7692), and explaining every bit on the way.
 *
 * The reader is an explicit state machine over the bytes, one state per part of the frame
 * header (RFC 6455 §5.2):
 *
 *    0                   1                   2                   3
 *    0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1
 *   +-+-+-+-+-------+-+-------------+-------------------------------+
 *   |F|R|R|R| opcode|M| Payload len |    Extended payload length    |
 *   |I|S|S|S|  (4)  |A|     (7)     |             (16/64)           |
 *   |N|V|V|V|       |S|             |   (if payload len==126/127)   |
 *   | |1|2|3|       |K|             |                               |
 *   +-+-+-+-+-------+-+-------------+ - - - - - - - - - - - - - - - +
 *   |     Extended payload length continued, if payload len == 127  |
 *   + - - - - - - - - - - - - - - - +-------------------------------+
 *   |                               |Masking-key, if MASK set to 1  |
 *   +-------------------------------+-------------------------------+
 *   | Masking-key (continued)       |          Payload Data         |
 *   +-------------------------------- - - - - - - - - - - - - - - - +
 *   :                     Payload Data continued ...                :
 *   + - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - +
 *
 *   GET_INFO → GET_PAYLOAD_LENGTH → [GET_PAYLOAD_LENGTH_16 | GET_PAYLOAD_LENGTH_64]
 *            → [GET_MASK] → GET_DATA → FRAME_DONE
 *
 * Rules are checked in the order the bits arrive, so "the first violation" is well defined:
 * byte 0 before byte 1, and within a byte the lower bit offset first (FIN=0 on a control
 * frame at bit 0, then RSV1–3 at bits 1–3, then opcode problems at bits 4–7). Every field a
 * frame's bytes allow is laid out even after an error, so a UI can pin the error on it.
 */
import { concatBytes, readU16, readU32 } from '../bytes/bytes';
import { toHex } from '../bytes/hex';
import { closeCodeInfo } from './close-codes';
import { inflateMessage, slideWindow } from './deflate';
import * as explain from './explain';
import type {
	DecodeError,
	DecodeOptions,
	DecodeResult,
	DecodeWarning,
	DecodedFrame,
	DecodedMessage,
	FieldKey,
	IncompleteFrame,
	MessageType
} from './frame-types';
import { frameField, type FieldSpec } from './frame-fields';
import { maskInPlace } from './mask';
import {
	MAX_16BIT_LENGTH,
	MAX_CONTROL_PAYLOAD,
	OPCODE_BINARY,
	OPCODE_CLOSE,
	OPCODE_CONTINUATION,
	OPCODE_PING,
	OPCODE_PONG,
	OPCODE_TEXT,
	isControlOpcode,
	isReservedOpcode,
	opcodeName
} from './opcodes';
import {
	DECODE_ERRORS,
	DECODE_WARNINGS,
	RFC_CLOSE,
	RFC_COMPRESSED_DATA,
	RFC_DATA,
	RFC_FRAMING,
	RFC_MASKING,
	RFC_PING,
	RFC_PONG,
	RFC_RSV1,
	RFC_STATUS_CODES,
	type DecodeErrorCode,
	type DecodeWarningCode
} from './problems';
import { hexPreview, looksLikeText, textPreview } from './preview';
import { Utf8Validator, validateUtf8 } from './utf8';

export type {
	DecodeError,
	DecodeErrorCode,
	DecodeOptions,
	DecodeProblem,
	DecodeResult,
	DecodeWarning,
	DecodeWarningCode,
	DecodedFrame,
	DecodedMessage,
	FieldKey,
	FrameField,
	IncompleteFrame,
	MessageType,
	Sender
} from './frame-types';

// States of the frame reader.
const GET_INFO = 0;
const GET_PAYLOAD_LENGTH = 1;
const GET_PAYLOAD_LENGTH_16 = 2;
const GET_PAYLOAD_LENGTH_64 = 3;
const GET_MASK = 4;
const GET_DATA = 5;
const FRAME_DONE = 6;

/** 2^32, to combine the two halves of a 64-bit length. */
const TWO_POW_32 = 0x100000000;

const EMPTY = new Uint8Array(0);
const TEXT_DECODER = new TextDecoder();

/** The strict receiver. One instance reads one input. */
class Decoder {
	readonly frames: DecodedFrame[] = [];
	readonly messages: DecodedMessage[] = [];
	readonly warnings: DecodeWarning[] = [];
	error: DecodeError | undefined;
	incomplete: IncompleteFrame | undefined;

	private readonly bytes: Uint8Array;
	private readonly end: number;
	private readonly fromClient: boolean;
	private readonly deflate: boolean;
	private readonly contextTakeover: boolean;
	private readonly maxMessageBytes: number;
	private readonly fieldsFrom: number;
	private readonly fieldsTo: number;

	// Reader state for the current frame.
	private state = GET_INFO;
	private pos = 0;
	private frame!: DecodedFrame;
	/** Whether the current frame's fields are built (DecodeOptions.fieldsOf). */
	private withFields = true;

	// The data message being reassembled (RFC 6455 §5.4): -1 when none is open.
	private messageOpcode = -1;
	private messageCompressed = false;
	private messageStartFrame = -1;
	private messageFrames: number[] = [];
	private messageChunks: Uint8Array[] = [];
	/** Payload bytes announced so far by the message's frames, for maxMessageBytes. */
	private messageBytes = 0;
	private readonly utf8 = new Utf8Validator();

	/** Uncompressed history for context takeover (RFC 7692 §7.2.2). */
	private window: Uint8Array | undefined;
	/** Index of the Close frame, once one has been read. */
	private closeFrame = -1;

	constructor(bytes: Uint8Array, options: DecodeOptions) {
		this.bytes = bytes;
		this.end = bytes.length;
		this.fromClient = options?.from !== 'server';
		const deflate = options?.permessageDeflate;
		this.deflate = deflate === true || (typeof deflate === 'object' && deflate !== null);
		this.contextTakeover = !(typeof deflate === 'object' && deflate?.noContextTakeover === true);
		const max = options?.maxMessageBytes;
		this.maxMessageBytes = typeof max === 'number' && max >= 0 ? max : Infinity;
		this.fieldsFrom = options?.fieldsOf?.from ?? 0;
		this.fieldsTo = options?.fieldsOf?.to ?? Infinity;
	}

	/** Reads frames until the input ends, a frame is cut, or a rule is broken. */
	run(): DecodeResult {
		let start = 0;
		while (start < this.end) {
			const frame = this.readFrame(start);
			start += frame.length;
			if (this.error === undefined) this.assemble(frame);
			if (this.error !== undefined || !frame.complete) break;
		}
		this.closeOpenMessage();
		const result: DecodeResult = {
			frames: this.frames,
			messages: this.messages,
			warnings: this.warnings,
			trailing: this.error === undefined ? 0 : this.end - start
		};
		// A cut frame is worth reporting only if nothing worse stopped the decoding.
		if (this.error !== undefined) result.error = this.error;
		else if (this.incomplete !== undefined) result.incomplete = this.incomplete;
		return result;
	}

	// -------------------------------------------------------------------------------------------
	// The frame reader.

	private readFrame(start: number): DecodedFrame {
		const frame: DecodedFrame = {
			protocol: 'websocket',
			index: this.frames.length,
			offset: start,
			length: 0,
			headerLength: 2,
			fin: false,
			rsv1: false,
			rsv2: false,
			rsv3: false,
			opcode: 0,
			masked: false,
			payloadLength: -1,
			payloadOffset: -1,
			payload: EMPTY,
			payloadView: 'text',
			fields: [],
			complete: false
		};
		this.frames.push(frame);
		this.frame = frame;
		this.withFields = frame.index >= this.fieldsFrom && frame.index < this.fieldsTo;
		this.pos = start;
		this.state = GET_INFO;
		while (this.state !== FRAME_DONE) {
			switch (this.state) {
				case GET_INFO:
					this.getInfo();
					break;
				case GET_PAYLOAD_LENGTH:
					this.getPayloadLength();
					break;
				case GET_PAYLOAD_LENGTH_16:
					this.getPayloadLength16();
					break;
				case GET_PAYLOAD_LENGTH_64:
					this.getPayloadLength64();
					break;
				case GET_MASK:
					this.getMask();
					break;
				default:
					this.getData();
			}
		}
		frame.length = this.pos - start;
		return frame;
	}

	/** Byte 0: FIN, RSV1–3 and the opcode. */
	private getInfo(): void {
		const frame = this.frame;
		const at = this.pos;
		const b0 = this.bytes[at];
		//   0 1 2 3 4 5 6 7
		//  +-+-+-+-+-------+
		//  |F|R|R|R| opcode|
		//  |I|S|S|S|  (4)  |
		//  |N|V|V|V|       |
		//  | |1|2|3|       |
		//  +-+-+-+-+-------+
		frame.fin = (b0 & 0x80) === 0x80;
		frame.rsv1 = (b0 & 0x40) === 0x40;
		frame.rsv2 = (b0 & 0x20) === 0x20;
		frame.rsv3 = (b0 & 0x10) === 0x10;
		frame.opcode = b0 & 0x0f;

		const { opcode } = frame;
		const control = isControlOpcode(opcode);
		const dataStart = opcode === OPCODE_TEXT || opcode === OPCODE_BINARY;
		this.addField({
			key: 'fin',
			offset: at,
			bitOffset: 0,
			bitLength: 1,
			value: frame.fin ? 1 : 0,
			meaning: explain.finMeaning(frame.fin, control),
			source: RFC_FRAMING
		});
		this.addField({
			key: 'rsv1',
			offset: at,
			bitOffset: 1,
			bitLength: 1,
			value: frame.rsv1 ? 1 : 0,
			meaning: explain.rsv1Meaning(frame.rsv1, this.deflate, dataStart),
			source: this.deflate ? RFC_RSV1 : RFC_FRAMING
		});
		for (const [key, bit, set] of [
			['rsv2', 2, frame.rsv2],
			['rsv3', 3, frame.rsv3]
		] as const) {
			this.addField({
				key,
				offset: at,
				bitOffset: bit,
				bitLength: 1,
				value: set ? 1 : 0,
				meaning: explain.rsvMeaning(set),
				source: RFC_FRAMING
			});
		}
		const continuing =
			opcode === OPCODE_CONTINUATION && this.messageOpcode >= 0 ? this.messageOpcode : undefined;
		this.addField({
			key: 'opcode',
			offset: at,
			bitOffset: 4,
			bitLength: 4,
			value: opcode,
			display: explain.displayOpcode(opcode),
			meaning: explain.opcodeMeaning(opcode, continuing),
			source: RFC_FRAMING
		});

		this.checkInfo();
		if (this.error === undefined && dataStart) this.beginMessage();

		this.pos++;
		if (this.pos === this.end) return this.cut(1, true);
		this.state = GET_PAYLOAD_LENGTH;
	}

	/** The rules byte 0 alone decides, in bit order. */
	private checkInfo(): void {
		const frame = this.frame;
		const { opcode, offset: at } = frame;
		const control = isControlOpcode(opcode);
		const knownControl = control && !isReservedOpcode(opcode);

		// Bit 0: control frames may not be fragmented (RFC 6455 §5.5).
		if (!frame.fin && knownControl) {
			return this.fail(
				'FRAGMENTED_CONTROL_FRAME',
				explain.errors.fragmentedControl(at, opcode),
				at,
				0
			);
		}
		// Bits 1–3: reserved unless an extension defines them (RFC 6455 §5.2, RFC 7692 §6.1).
		if (frame.rsv1) {
			if (!this.deflate) {
				return this.fail(
					'RSV_WITHOUT_EXTENSION',
					explain.errors.rsvWithoutExtension(at, 1, false),
					at,
					1
				);
			}
			if (opcode === OPCODE_CONTINUATION) {
				return this.fail('RSV1_ON_CONTINUATION', explain.errors.rsv1OnContinuation(at), at, 1);
			}
			if (knownControl) {
				return this.fail('RSV1_ON_CONTROL_FRAME', explain.errors.rsv1OnControl(at, opcode), at, 1);
			}
		}
		for (const [bit, set] of [
			[2, frame.rsv2],
			[3, frame.rsv3]
		] as const) {
			if (set) {
				return this.fail(
					'RSV_WITHOUT_EXTENSION',
					explain.errors.rsvWithoutExtension(at, bit, this.deflate),
					at,
					bit
				);
			}
		}
		// Bits 4–7: the opcode, in the light of what came before.
		if (isReservedOpcode(opcode)) {
			return this.fail('RESERVED_OPCODE', explain.errors.reservedOpcode(at, opcode), at, 4);
		}
		if (opcode === OPCODE_CONTINUATION && this.messageOpcode < 0) {
			return this.fail(
				'CONTINUATION_WITHOUT_MESSAGE',
				explain.errors.continuationWithoutMessage(at),
				at,
				4
			);
		}
		if ((opcode === OPCODE_TEXT || opcode === OPCODE_BINARY) && this.messageOpcode >= 0) {
			const startAt = this.frames[this.messageStartFrame].offset;
			return this.fail(
				'EXPECTED_CONTINUATION',
				explain.errors.expectedContinuation(at, opcode, this.messageOpcode, startAt),
				at,
				4
			);
		}
		// A Close may sit between the fragments of a message like any control frame, so what
		// follows it is not a protocol error for the receiver; a sender MUST NOT send data frames
		// after its Close (§5.5.1), and a receiver that has seen the Close discards them.
		if (this.closeFrame >= 0) {
			const closeAt = this.frames[this.closeFrame].offset;
			this.warn(
				'FRAME_AFTER_CLOSE',
				explain.warnings.frameAfterClose(at, opcode, control, closeAt),
				at,
				4
			);
		}
	}

	/** Byte 1: MASK and the 7-bit payload length. */
	private getPayloadLength(): void {
		const frame = this.frame;
		const at = this.pos;
		const b1 = this.bytes[at];
		//   0 1 2 3 4 5 6 7
		//  +-+-------------+
		//  |M| Payload len |
		//  |A|     (7)     |
		//  |S|             |
		//  |K|             |
		//  +-+-------------+
		frame.masked = (b1 & 0x80) === 0x80;
		const length7 = b1 & 0x7f;
		const extended = length7 === 126 ? 2 : length7 === 127 ? 8 : 0;
		frame.headerLength = 2 + extended + (frame.masked ? 4 : 0);

		this.addField({
			key: 'mask',
			offset: at,
			bitOffset: 0,
			bitLength: 1,
			value: frame.masked ? 1 : 0,
			meaning: explain.maskMeaning(frame.masked),
			source: RFC_MASKING
		});
		this.addField({
			key: 'payloadLength',
			offset: at,
			bitOffset: 1,
			bitLength: 7,
			value: length7,
			meaning: explain.payloadLengthMeaning(length7),
			source: RFC_FRAMING
		});

		this.checkPayloadLength(length7);

		this.pos++;
		if (extended === 0) {
			frame.payloadLength = length7;
			this.haveLength(at, 1);
		} else {
			this.state = extended === 2 ? GET_PAYLOAD_LENGTH_16 : GET_PAYLOAD_LENGTH_64;
		}
		if (this.pos === this.end && this.state !== GET_DATA) this.cutHeader();
	}

	/** The rules byte 1 decides, in bit order. */
	private checkPayloadLength(length7: number): void {
		if (this.error !== undefined) return;
		const frame = this.frame;
		const at = frame.offset + 1;
		// Bit 0: clients mask, servers do not (RFC 6455 §5.1).
		if (this.fromClient && !frame.masked) {
			return this.fail(
				'CLIENT_FRAME_NOT_MASKED',
				explain.errors.clientNotMasked(frame.offset),
				at,
				0
			);
		}
		if (!this.fromClient && frame.masked) {
			return this.fail('SERVER_FRAME_MASKED', explain.errors.serverMasked(frame.offset), at, 0);
		}
		// Bits 1–7: control frames fit in the 7-bit length (RFC 6455 §5.5).
		if (isControlOpcode(frame.opcode) && length7 > MAX_CONTROL_PAYLOAD) {
			return this.fail(
				'CONTROL_FRAME_TOO_LONG',
				explain.errors.controlTooLong(frame.offset, frame.opcode, length7),
				at,
				1
			);
		}
		if (frame.opcode === OPCODE_CLOSE && length7 === 1) {
			return this.fail('CLOSE_PAYLOAD_ONE_BYTE', explain.errors.closeOneByte(frame.offset), at, 1);
		}
	}

	/** The 16-bit extended payload length (Payload len = 126). */
	private getPayloadLength16(): void {
		const frame = this.frame;
		const at = this.pos;
		if (this.end - at < 2) {
			this.partialField('extendedPayloadLength', 2);
			return this.cutHeader();
		}
		const length = readU16(this.bytes, at);
		const minimal = length > 125;
		this.addField({
			key: 'extendedPayloadLength',
			offset: at,
			bitOffset: 0,
			bitLength: 16,
			value: length,
			meaning: explain.extendedLength16Meaning(length),
			source: RFC_FRAMING
		});
		if (!minimal && this.error === undefined) {
			this.warn(
				'NON_MINIMAL_LENGTH',
				explain.warnings.nonMinimalLength(frame.offset, length, 16),
				at,
				0
			);
		}
		this.pos += 2;
		frame.payloadLength = length;
		this.haveLength(at, 0);
		if (this.pos === this.end && this.state !== GET_DATA) this.cutHeader();
	}

	/** The 64-bit extended payload length (Payload len = 127). */
	private getPayloadLength64(): void {
		const frame = this.frame;
		const bytes = this.bytes;
		const at = this.pos;
		// The most significant bit must be 0 (RFC 6455 §5.2); the first byte shows it.
		if ((bytes[at] & 0x80) === 0x80 && this.error === undefined) {
			this.fail(
				'LENGTH_MSB_SET',
				explain.errors.lengthMsbSet(frame.offset, toHex(bytes.subarray(at, at + 1))),
				at,
				0
			);
		}
		if (this.end - at < 8) {
			this.partialField('extendedPayloadLength', 8);
			return this.cutHeader();
		}
		const high = readU32(bytes, at);
		const length = high * TWO_POW_32 + readU32(bytes, at + 4);
		const msbSet = (high & 0x80000000) !== 0;
		const minimal = length > MAX_16BIT_LENGTH;
		this.addField({
			key: 'extendedPayloadLength',
			offset: at,
			bitOffset: 0,
			bitLength: 64,
			value: length,
			meaning: explain.extendedLength64Meaning(length, msbSet),
			source: RFC_FRAMING
		});
		if (length > Number.MAX_SAFE_INTEGER && this.error === undefined) {
			this.fail('LENGTH_TOO_LARGE', explain.errors.lengthTooLarge(frame.offset, length), at, 0);
		}
		if (!minimal && this.error === undefined) {
			this.warn(
				'NON_MINIMAL_LENGTH',
				explain.warnings.nonMinimalLength(frame.offset, length, 64),
				at,
				0
			);
		}
		this.pos += 8;
		frame.payloadLength = length;
		this.haveLength(at, 0);
		if (this.pos === this.end && this.state !== GET_DATA) this.cutHeader();
	}

	/** The payload length is known: check the message size, then read the key or the data. */
	private haveLength(fieldOffset: number, bitOffset: number): void {
		const frame = this.frame;
		this.state = frame.masked ? GET_MASK : GET_DATA;
		if (this.error !== undefined || isControlOpcode(frame.opcode)) return;
		this.messageBytes += frame.payloadLength;
		if (this.messageBytes > this.maxMessageBytes) {
			this.fail(
				'MESSAGE_TOO_BIG',
				explain.errors.messageTooBig(
					frame.offset,
					frame.payloadLength,
					this.messageBytes,
					this.maxMessageBytes
				),
				fieldOffset,
				bitOffset
			);
		}
	}

	/** The 4-byte masking key (RFC 6455 §5.3). */
	private getMask(): void {
		const frame = this.frame;
		const at = this.pos;
		if (this.end - at < 4) {
			this.partialField('maskingKey', 4);
			return this.cutHeader();
		}
		const key = this.bytes.slice(at, at + 4);
		frame.maskingKey = key;
		const hex = toHex(key);
		this.addField({
			key: 'maskingKey',
			offset: at,
			bitOffset: 0,
			bitLength: 32,
			value: hex,
			display: hex,
			meaning: explain.maskingKeyMeaning(hex),
			source: RFC_MASKING
		});
		this.pos += 4;
		this.state = GET_DATA;
	}

	/** The payload: unmask it, lay it out, and check what its content must satisfy. */
	private getData(): void {
		const frame = this.frame;
		const at = this.pos;
		const declared = frame.payloadLength;
		const available = Math.min(this.end - at, declared);
		frame.payloadOffset = at;
		let payload = this.bytes.subarray(at, at + available);
		if (frame.maskingKey !== undefined && available > 0) {
			payload = payload.slice();
			maskInPlace(payload, frame.maskingKey);
		}
		frame.payload = payload;
		this.pos += available;

		if (frame.opcode === OPCODE_CLOSE) this.closeFields(available);
		else if (available > 0) this.payloadField(available);

		if (this.error === undefined) this.checkData();

		if (available < declared) return this.cut(declared - available, false);
		frame.complete = true;
		this.state = FRAME_DONE;
	}

	/** One field covering the payload bytes present. */
	private payloadField(available: number): void {
		const frame = this.frame;
		const payload = frame.payload;
		const { opcode } = frame;
		const cut = available < frame.payloadLength;
		const count = explain.presentText(available, frame.payloadLength);
		const messageType = opcode === OPCODE_CONTINUATION ? this.messageOpcode : opcode;
		let kind: Parameters<typeof explain.payloadMeaning>[0];
		let source = RFC_DATA;
		let preview = '';
		if (!isControlOpcode(opcode) && this.messageCompressed && this.messageOpcode >= 0) {
			kind = 'compressed';
			source = RFC_COMPRESSED_DATA;
		} else if (messageType === OPCODE_TEXT) {
			kind = 'text';
			preview = textPreview(payload);
		} else if (opcode === OPCODE_PING || opcode === OPCODE_PONG || opcode === OPCODE_CLOSE) {
			kind = 'control';
			preview = looksLikeText(payload) ? textPreview(payload) : hexPreview(payload);
			source = opcode === OPCODE_PING ? RFC_PING : opcode === OPCODE_PONG ? RFC_PONG : RFC_CLOSE;
		} else {
			kind = 'binary';
			preview = hexPreview(payload);
		}
		const textual = kind === 'text' || (kind === 'control' && looksLikeText(payload));
		frame.payloadView = textual ? 'text' : 'hex';
		this.addField({
			key: 'payload',
			offset: frame.payloadOffset,
			bitOffset: 0,
			bitLength: available * 8,
			value: available,
			display: explain.bytesText(available),
			meaning: explain.payloadMeaning(kind, count, preview),
			source,
			...(cut ? { partial: true } : {})
		});
	}

	/** A Close payload is a 2-byte status code and a UTF-8 reason (RFC 6455 §5.5.1). */
	private closeFields(available: number): void {
		const frame = this.frame;
		const payload = frame.payload;
		const at = frame.payloadOffset;
		if (available === 0) return;
		if (available === 1) {
			const tooShort = frame.payloadLength === 1;
			const hex = toHex(payload);
			this.addField({
				key: tooShort ? 'payload' : 'closeCode',
				offset: at,
				bitOffset: 0,
				bitLength: 8,
				value: tooShort ? 1 : hex,
				display: tooShort ? explain.bytesText(1) : hex,
				meaning: explain.closeOneByteMeaning(tooShort, hex),
				source: tooShort ? RFC_CLOSE : RFC_STATUS_CODES,
				...(tooShort ? {} : { partial: true })
			});
			return;
		}
		const code = readU16(payload, 0);
		this.addField({
			key: 'closeCode',
			offset: at,
			bitOffset: 0,
			bitLength: 16,
			value: code,
			display: explain.displayCloseCode(code),
			meaning: explain.closeCodeMeaning(code),
			source: RFC_STATUS_CODES
		});
		if (available > 2) {
			const reason = payload.subarray(2);
			const cut = available < frame.payloadLength;
			this.addField({
				key: 'closeReason',
				offset: at + 2,
				bitOffset: 0,
				bitLength: reason.length * 8,
				value: reason.length,
				display: explain.bytesText(reason.length),
				meaning: explain.closeReasonMeaning(
					textPreview(reason),
					reason.length,
					cut ? explain.presentText(available - 2, frame.payloadLength - 2) : ''
				),
				source: RFC_CLOSE,
				...(cut ? { partial: true } : {})
			});
		}
	}

	/** Content rules: UTF-8 in text (checked as it arrives), close codes and reasons. */
	private checkData(): void {
		const frame = this.frame;
		const payload = frame.payload;
		const at = frame.payloadOffset;
		if (frame.opcode === OPCODE_CLOSE) {
			if (payload.length >= 2) {
				const code = readU16(payload, 0);
				if (!closeCodeInfo(code).mayBeSent) {
					return this.fail(
						'INVALID_CLOSE_CODE',
						explain.errors.invalidCloseCode(frame.offset, code),
						at,
						0
					);
				}
			}
			if (payload.length > 2) {
				const validator = new Utf8Validator();
				const bad = validator.push(payload, 2);
				const failure =
					bad >= 0
						? { index: bad, reason: validator.reason }
						: frame.payloadLength === payload.length
							? validator.finish()
							: null;
				if (failure) {
					const index = bad >= 0 ? failure.index : failure.index + 2;
					return this.fail(
						'INVALID_CLOSE_REASON_UTF8',
						explain.errors.invalidCloseReason(frame.offset, failure.reason),
						at + index,
						0
					);
				}
			}
			return;
		}
		// Text is validated as it arrives, so the error points at the first impossible byte
		// even when the message is still unfinished. Compressed text is checked once inflated.
		if (
			!isControlOpcode(frame.opcode) &&
			this.messageOpcode === OPCODE_TEXT &&
			!this.messageCompressed
		) {
			const before = this.utf8.position;
			const bad = this.utf8.push(payload);
			if (bad >= 0) {
				this.fail(
					'INVALID_UTF8',
					explain.errors.invalidUtf8InFrame(frame.offset, before + bad, this.utf8.reason),
					at + bad,
					0
				);
			}
		}
	}

	/** A field the input ends inside: lay out the bytes present. */
	private partialField(key: FieldKey, size: number): void {
		const at = this.pos;
		const present = this.bytes.subarray(at, this.end);
		const hex = toHex(present);
		this.addField({
			key,
			offset: at,
			bitOffset: 0,
			bitLength: present.length * 8,
			value: hex,
			display: hex,
			meaning: explain.partialMeaning(hex, present.length, size),
			source: key === 'maskingKey' ? RFC_MASKING : RFC_FRAMING,
			partial: true
		});
		this.pos = this.end;
	}

	/** The input ends inside the header: say how much more the header needs. */
	private cutHeader(): void {
		const frame = this.frame;
		const have = this.end - frame.offset;
		const frameLength =
			frame.payloadLength >= 0 ? frame.headerLength + frame.payloadLength : undefined;
		this.cut(frame.headerLength - have, true, frameLength);
	}

	private cut(needed: number, atLeast: boolean, frameLength?: number): void {
		const frame = this.frame;
		this.incomplete = { offset: frame.offset, needed, atLeast };
		const total = frameLength ?? (atLeast ? undefined : frame.headerLength + frame.payloadLength);
		if (total !== undefined) this.incomplete.frameLength = total;
		this.pos = this.end;
		this.state = FRAME_DONE;
	}

	// -------------------------------------------------------------------------------------------
	// Messages.

	private beginMessage(): void {
		this.messageOpcode = this.frame.opcode;
		this.messageCompressed = this.deflate && this.frame.rsv1;
		this.messageStartFrame = this.frame.index;
		this.messageFrames = [];
		this.messageChunks = [];
		this.messageBytes = 0;
		this.utf8.reset();
	}

	/** Adds a frame read without error to its message. */
	private assemble(frame: DecodedFrame): void {
		if (isControlOpcode(frame.opcode)) {
			if (!frame.complete) return;
			const message: DecodedMessage = {
				type: opcodeName(frame.opcode) as MessageType,
				data: frame.payload,
				frames: [frame.index],
				compressed: false,
				complete: true
			};
			if (frame.opcode === OPCODE_CLOSE) {
				if (frame.payload.length >= 2) {
					message.code = readU16(frame.payload, 0);
					message.reason = TEXT_DECODER.decode(frame.payload.subarray(2));
					message.text = message.reason;
				}
				if (this.closeFrame < 0) this.closeFrame = frame.index;
			}
			frame.message = this.messages.length;
			this.messages.push(message);
			return;
		}
		this.messageFrames.push(frame.index);
		this.messageChunks.push(frame.payload);
		if (frame.complete && frame.fin) this.finishMessage(frame);
	}

	/** The final frame arrived: inflate, validate and publish the message. */
	private finishMessage(last: DecodedFrame): void {
		const text = this.messageOpcode === OPCODE_TEXT;
		let data = concatBytes(this.messageChunks);
		let compressedLength: number | undefined;
		// Inflated bytes do not map to input bytes, so problems found after inflating are
		// reported at the final frame's payload (or its start, if that payload is empty).
		const at = last.payload.length > 0 ? last.payloadOffset : last.offset;
		if (this.messageCompressed) {
			compressedLength = data.length;
			const outcome = inflateMessage(data, {
				dictionary: this.contextTakeover ? this.window : undefined,
				maxBytes: Number.isFinite(this.maxMessageBytes) ? this.maxMessageBytes : undefined
			});
			if (!outcome.ok) {
				if (outcome.tooBig) {
					return this.fail(
						'MESSAGE_TOO_BIG',
						explain.errors.inflatedTooBig(last.offset, this.maxMessageBytes),
						at,
						0
					);
				}
				return this.fail(
					'INFLATE_FAILED',
					explain.errors.inflateFailed(last.offset, this.contextTakeover, outcome.reason),
					at,
					0
				);
			}
			data = outcome.data;
			if (this.contextTakeover) this.window = slideWindow(this.window, data);
			if (text) {
				const result = validateUtf8(data);
				if (!result.valid) {
					return this.fail(
						'INVALID_UTF8',
						explain.errors.invalidUtf8Inflated(last.offset, result.index, result.reason),
						at,
						0
					);
				}
			}
		} else if (text) {
			const failure = this.utf8.finish();
			if (failure) {
				const located = this.locateInMessage(failure.index);
				return this.fail(
					'INVALID_UTF8',
					explain.errors.invalidUtf8AtEnd(last.offset, failure.reason),
					located.offset,
					0,
					located.frame
				);
			}
		}
		const message: DecodedMessage = {
			type: text ? 'text' : 'binary',
			data,
			frames: this.messageFrames,
			compressed: this.messageCompressed,
			complete: true
		};
		if (text) message.text = TEXT_DECODER.decode(data);
		if (compressedLength !== undefined) message.compressedLength = compressedLength;
		this.publish(message);
		this.messageOpcode = -1;
		this.messageCompressed = false;
		this.messageStartFrame = -1;
		this.messageFrames = [];
		this.messageChunks = [];
		this.messageBytes = 0;
	}

	/** At the end: a data message still open is reported with `complete: false`. */
	private closeOpenMessage(): void {
		if (this.messageOpcode < 0 || this.messageFrames.length === 0) return;
		const data = concatBytes(this.messageChunks);
		const text = this.messageOpcode === OPCODE_TEXT;
		const message: DecodedMessage = {
			type: text ? 'text' : 'binary',
			data,
			frames: this.messageFrames,
			compressed: this.messageCompressed,
			complete: false
		};
		if (this.messageCompressed) message.compressedLength = data.length;
		// `stream: true` holds back a code point cut at the end instead of showing U+FFFD.
		else if (text) message.text = new TextDecoder().decode(data, { stream: true });
		this.publish(message);
	}

	private publish(message: DecodedMessage): void {
		const index = this.messages.length;
		for (const frame of message.frames) this.frames[frame].message = index;
		this.messages.push(message);
	}

	/** Input offset (and frame) of byte `position` of the message being reassembled. */
	private locateInMessage(position: number): { offset: number; frame: number } {
		let start = 0;
		for (const index of this.messageFrames) {
			const frame = this.frames[index];
			if (position < start + frame.payload.length) {
				return { offset: frame.payloadOffset + position - start, frame: index };
			}
			start += frame.payload.length;
		}
		return { offset: this.frame.offset, frame: this.frame.index };
	}

	// -------------------------------------------------------------------------------------------

	/** Records the first fatal violation; its close code and rule come from DECODE_ERRORS. */
	private fail(
		code: DecodeErrorCode,
		message: string,
		offset: number,
		bitOffset: number,
		frame = this.frame.index
	): void {
		if (this.error !== undefined) return;
		const { closeCode, source } = DECODE_ERRORS[code];
		this.error = { code, closeCode, message, offset, bitOffset, frame, source };
	}

	private warn(code: DecodeWarningCode, message: string, offset: number, bitOffset: number): void {
		const { source } = DECODE_WARNINGS[code];
		this.warnings.push({ code, message, offset, bitOffset, frame: this.frame.index, source });
	}

	/** Adds a field to the current frame. */
	private addField(spec: FieldSpec): void {
		if (this.withFields) this.frame.fields.push(frameField(spec));
	}
}

/**
 * Decodes captured bytes as a strict receiver would (RFC 6455, RFC 7692): frames with every
 * field explained, reassembled messages, and the first violation located to the bit.
 */
export function decodeFrames(bytes: Uint8Array, options: DecodeOptions): DecodeResult {
	return new Decoder(bytes, options).run();
}
