/**
 * Every problem the Engine.IO and Socket.IO decoders can report, in one table: its stable code,
 * its layer, how serious it is, and the rule behind it. The decoders take severities and sources
 * from here, and the tests iterate over the table, so a new code cannot be forgotten.
 *
 * The line between the two severities is the official parsers' (engine.io-parser 5,
 * socket.io-parser 4): an `error` is something they reject, a `warning` something they accept
 * although the protocol text says otherwise (an EVENT without data, a namespace with no comma,
 * a number as an event name). The decoder never rejects what the reference implementation
 * accepts; it says where the two part ways instead.
 */

export const EIO_PROTOCOL = 'Engine.IO protocol v4, Protocol';
export const EIO_ENCODING = 'Engine.IO protocol v4, Packet encoding';
export const EIO_HANDSHAKE = 'Engine.IO protocol v4, Handshake';
export const EIO_HEARTBEAT = 'Engine.IO protocol v4, Heartbeat';
export const EIO_UPGRADE = 'Engine.IO protocol v4, Upgrade';
export const SIO_TYPES = 'Socket.IO protocol v5, Exchange protocol';
export const SIO_ENCODING = 'Socket.IO protocol v5, Packet encoding';
export const SIO_CONNECT = 'Socket.IO protocol v5, Connection to a namespace';
export const SIO_EVENT = 'Socket.IO protocol v5, Sending and receiving data';
export const SIO_ACK = 'Socket.IO protocol v5, Acknowledgement';
export const SIO_DISCONNECT = 'Socket.IO protocol v5, Disconnection from a namespace';
export const SIO_PARSER = 'socket.io-parser 4.2 (the reference decoder)';
export const EIO_PARSER = 'engine.io-parser 5.2 (the reference decoder)';

export type Severity = 'error' | 'warning';
export type Layer = 'engine.io' | 'socket.io';

/** The table. */
export const SOCKETIO_PROBLEMS = {
	// Engine.IO: rejected by engine.io-parser's decodePacket / decodePayload.
	EIO_EMPTY: { layer: 'engine.io', severity: 'error', source: EIO_ENCODING },
	EIO_UNKNOWN_TYPE: { layer: 'engine.io', severity: 'error', source: EIO_PROTOCOL },
	// Engine.IO: accepted by the parser, but not what the protocol describes.
	EIO_BASE64_LOOSE: { layer: 'engine.io', severity: 'warning', source: EIO_ENCODING },
	EIO_HANDSHAKE_NOT_JSON: { layer: 'engine.io', severity: 'warning', source: EIO_HANDSHAKE },
	EIO_HANDSHAKE_FIELD: { layer: 'engine.io', severity: 'warning', source: EIO_HANDSHAKE },
	EIO_UNEXPECTED_DATA: { layer: 'engine.io', severity: 'warning', source: EIO_PROTOCOL },
	// Socket.IO: rejected by socket.io-parser's Decoder.
	SIO_UNKNOWN_TYPE: { layer: 'socket.io', severity: 'error', source: SIO_TYPES },
	SIO_ILLEGAL_ATTACHMENTS: { layer: 'socket.io', severity: 'error', source: SIO_ENCODING },
	SIO_TOO_MANY_ATTACHMENTS: { layer: 'socket.io', severity: 'error', source: SIO_PARSER },
	SIO_INVALID_JSON: { layer: 'socket.io', severity: 'error', source: SIO_ENCODING },
	SIO_CONNECT_PAYLOAD: { layer: 'socket.io', severity: 'error', source: SIO_CONNECT },
	SIO_DISCONNECT_PAYLOAD: { layer: 'socket.io', severity: 'error', source: SIO_DISCONNECT },
	SIO_EVENT_PAYLOAD: { layer: 'socket.io', severity: 'error', source: SIO_EVENT },
	SIO_RESERVED_EVENT: { layer: 'socket.io', severity: 'error', source: SIO_PARSER },
	SIO_ACK_PAYLOAD: { layer: 'socket.io', severity: 'error', source: SIO_ACK },
	SIO_CONNECT_ERROR_PAYLOAD: { layer: 'socket.io', severity: 'error', source: SIO_CONNECT },
	SIO_PLACEHOLDER_INVALID: { layer: 'socket.io', severity: 'error', source: SIO_ENCODING },
	// Socket.IO: accepted by the parser, but not what the protocol describes.
	SIO_EMPTY: { layer: 'socket.io', severity: 'warning', source: SIO_ENCODING },
	SIO_TYPE_WHITESPACE: { layer: 'socket.io', severity: 'warning', source: SIO_ENCODING },
	SIO_LOOSE_ATTACHMENTS: { layer: 'socket.io', severity: 'warning', source: SIO_ENCODING },
	SIO_NAMESPACE_WITHOUT_COMMA: { layer: 'socket.io', severity: 'warning', source: SIO_ENCODING },
	SIO_ID_NOT_DIGITS: { layer: 'socket.io', severity: 'warning', source: SIO_ENCODING },
	SIO_ID_UNSAFE: { layer: 'socket.io', severity: 'warning', source: SIO_ACK },
	SIO_NO_DATA: { layer: 'socket.io', severity: 'warning', source: SIO_EVENT },
	SIO_NUMERIC_EVENT_NAME: { layer: 'socket.io', severity: 'warning', source: SIO_EVENT },
	SIO_CONNECT_ERROR_STRING: { layer: 'socket.io', severity: 'warning', source: SIO_CONNECT },
	SIO_ATTACHMENT_UNUSED: { layer: 'socket.io', severity: 'warning', source: SIO_ENCODING }
} as const satisfies Record<string, { layer: Layer; severity: Severity; source: string }>;

/** Stable identifiers of the problems. */
export type SocketIoProblemCode = keyof typeof SOCKETIO_PROBLEMS;

/** Every code, in table order. */
export const SOCKETIO_PROBLEM_CODES = Object.keys(SOCKETIO_PROBLEMS) as SocketIoProblemCode[];

/** A problem found in a packet, located in the UTF-8 bytes of the text (or the binary input). */
export interface SocketIoProblem {
	code: SocketIoProblemCode;
	layer: Layer;
	severity: Severity;
	/** One sentence from socketio-text.ts. */
	message: string;
	/** Absolute byte offset of the first byte concerned. */
	offset: number;
	/** Bytes concerned (0 when the problem is something missing at `offset`). */
	length: number;
	source: string;
}
