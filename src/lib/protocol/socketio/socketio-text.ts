/**
 * Every sentence the Engine.IO and Socket.IO decoders produce: field meanings, problem messages
 * and one-line summaries. The decoders work out the facts and call these; a second language
 * would be a second module like this one.
 */
import { groupDigits, plural } from '../bytes/text';
import type { SocketIoProblemCode } from './problems';

/** Engine.IO v4 packet types by their digit (Engine.IO protocol v4, Protocol). */
export const ENGINE_IO_TYPES = [
	'open',
	'close',
	'ping',
	'pong',
	'message',
	'upgrade',
	'noop'
] as const;
export type EngineIoType = (typeof ENGINE_IO_TYPES)[number];

/** Socket.IO v5 packet types by their digit (Socket.IO protocol v5, Exchange protocol). */
export const SOCKET_IO_TYPES = [
	'CONNECT',
	'DISCONNECT',
	'EVENT',
	'ACK',
	'CONNECT_ERROR',
	'BINARY_EVENT',
	'BINARY_ACK'
] as const;
export type SocketIoTypeName = (typeof SOCKET_IO_TYPES)[number];

/** The event names socket.io-parser refuses in an EVENT (they mean something to the library). */
export const RESERVED_EVENTS = [
	'connect',
	'connect_error',
	'disconnect',
	'disconnecting',
	'newListener',
	'removeListener'
] as const;

/** A character as a reader can see it: printable ones quoted, others as U+XXXX. */
export function showChar(c: string): string {
	const point = c.codePointAt(0) ?? 0;
	if (point < 0x20 || (point >= 0x7f && point < 0xa0) || c.trim() === '') {
		return `U+${point.toString(16).toUpperCase().padStart(4, '0')}`;
	}
	return `'${c}'`;
}

/** A text shortened for a table cell. */
/**
 * A value parsed from a packet's JSON, written back as JSON and shortened. It never throws:
 * String() would on an object whose `toString` is not a function (`{"toString":0}`).
 */
export function jsonText(value: unknown): string {
	return shorten(JSON.stringify(value) ?? typeof value);
}

export function shorten(text: string, max = 40): string {
	return text.length > max ? `${text.slice(0, max - 1)}…` : text;
}

const ms = (value: number) =>
	value >= 1000 && value % 1000 === 0
		? `${groupDigits(value)} ms (${groupDigits(value / 1000)} s)`
		: `${groupDigits(value)} ms`;

/** Meanings of Engine.IO fields. */
export const EIO_TEXT = {
	type: {
		open: 'open: the server’s first packet on a new session, with the handshake as JSON.',
		close: 'close: this side closes the session (the transport closes with it).',
		ping: 'ping: in v4 the server sends it every pingInterval; the client must answer with a pong.',
		pong: 'pong: the answer to a ping, carrying the same data.',
		message: 'message: application data. Every Socket.IO packet travels as one of these.',
		upgrade:
			'upgrade: the client’s last step of the upgrade; from now on the WebSocket carries the session.',
		noop: 'noop: does nothing. The server answers a pending poll with it during an upgrade.'
	} satisfies Record<EngineIoType, string>,
	unknownType: (c: string) =>
		`${showChar(c)} is not an Engine.IO packet type: only 0 to 6 and b (binary) are.`,
	binaryMarker:
		'b: a binary message whose bytes follow in base64. HTTP long-polling always sends binary this way; over WebSocket binary goes as a binary frame instead.',
	base64: (bytes: number, attachment?: string) =>
		`${plural(bytes, 'byte')} of binary data in base64${attachment ? `: ${attachment}` : ''}.`,
	rawBinary: (bytes: number, attachment?: string) =>
		`A binary WebSocket message is one Engine.IO message packet: ${plural(bytes, 'byte')} as they are, with no type character and no base64${attachment ? `. ${attachment}` : ''}.`,
	attachment: (index: number, count: number) =>
		`attachment ${index + 1} of ${count} of the binary Socket.IO packet before it`,
	messageData: (chars: number) =>
		`The message’s data: ${plural(chars, 'character')} handed to the application as they are.`,
	pingData: (data: string) =>
		data === 'probe'
			? 'probe: the client’s upgrade probe, sent on the new WebSocket; the server must answer 3probe.'
			: `Data the pong must echo: ${shorten(data)}.`,
	pongData: (data: string) =>
		data === 'probe'
			? 'probe: the server answers the probe on the WebSocket; the client then sends 5 (upgrade).'
			: `The data of the ping it answers: ${shorten(data)}.`,
	unexpectedData: (type: EngineIoType) =>
		`Data on a ${type} packet: the protocol gives it none, and the receiver ignores it.`,
	handshake: (members: number) =>
		`The handshake as JSON, ${plural(members, 'member')}: what the client needs to keep this session alive.`,
	handshakeText: 'The handshake should be a JSON object; this text is not one.',
	handshakeOpen: 'Opens the handshake object.',
	handshakeClose: 'Closes the handshake object.',
	sid: (sid: string) =>
		`The Engine.IO session id ${shorten(sid)}: every later request carries it as ?sid=…, and the WebSocket upgrade too.`,
	upgrades: (list: string[]) =>
		list.length === 0
			? 'No upgrade offered: already on WebSocket, or the server allows none.'
			: `Transports this session may upgrade to: ${list.join(', ')}. The client probes with 2probe.`,
	pingInterval: (value: number) => `The server sends a ping (2) every ${ms(value)}.`,
	pingTimeout: (value: number, interval?: number) =>
		`The client must answer a ping within ${ms(value)}${interval !== undefined ? `; with no ping for ${ms(interval + value)} (pingInterval + pingTimeout) it considers the connection closed` : ''}.`,
	maxPayload: (value: number) =>
		`At most ${groupDigits(value)} bytes per polling payload: the client splits bigger batches over several requests.`,
	otherMember: (key: string) => `${shorten(key)}: not part of the v4 handshake; clients ignore it.`,
	separator:
		'Record separator (0x1E) between two packets of a polling payload. It replaced v3’s length prefixes.',
	unread: (bytes: number) =>
		`Not read: the parser stops at the first broken packet (${plural(bytes, 'byte')} left).`
};

/** Meanings of Socket.IO fields. */
export const SIO_TEXT = {
	type: {
		CONNECT: 'CONNECT: the client asks to join a namespace; the server’s reply carries the sid.',
		DISCONNECT: 'DISCONNECT: this side leaves the namespace.',
		EVENT: 'EVENT: an emit(); the data is an array whose first element is the event name.',
		ACK: 'ACK: the answer to an EVENT that asked for an acknowledgement, with the same id.',
		CONNECT_ERROR: 'CONNECT_ERROR: the server refuses the connection to the namespace.',
		BINARY_EVENT:
			'BINARY_EVENT: an EVENT with binary arguments, each replaced by a placeholder and sent after it.',
		BINARY_ACK: 'BINARY_ACK: an ACK with binary values, sent after it as attachments.'
	} satisfies Record<SocketIoTypeName, string>,
	unknownType: (c: string) =>
		c === ''
			? 'No type: the packet is empty.'
			: `${showChar(c)} is not a Socket.IO packet type: only 0 to 6 are.`,
	whitespaceType: (c: string) =>
		`${showChar(c)} is read as type 0 (CONNECT): socket.io-parser takes Number('${c === ' ' ? ' ' : '…'}'), which is 0 for whitespace.`,
	attachments: (n: number, text: string) =>
		`${plural(n, 'binary attachment')}: ${n === 1 ? 'it follows' : 'they follow'} this packet as ${n === 1 ? 'its own Engine.IO message' : 'separate Engine.IO messages'}${/^[1-9][0-9]*$/.test(text) ? '' : ` (written ${shorten(text)})`}.`,
	attachmentsBad: (text: string) => `${shorten(text)} is not a count of attachments.`,
	dash: 'Ends the attachment count.',
	namespace: (nsp: string) =>
		`Namespace ${shorten(nsp)}. The main namespace / is left out of the packet.`,
	comma: 'Ends the namespace.',
	id: (id: number, text: string) =>
		Number.isNaN(id)
			? `Read as an acknowledgement id, but ${JSON.stringify(text)} is not a number: the id is NaN.`
			: `Acknowledgement id ${groupDigits(id)}: the ACK that answers will carry the same id.`,
	data: (type: SocketIoTypeName, count: number | null) => {
		if (count === null) return 'The payload, as JSON.';
		if (type === 'CONNECT') return `The payload: an object of ${plural(count, 'member')}.`;
		if (type === 'CONNECT_ERROR')
			return `Why the connection was refused: an object of ${plural(count, 'member')}.`;
		if (type === 'EVENT' || type === 'BINARY_EVENT') {
			return `The payload: the event name and ${plural(Math.max(0, count - 1), 'argument')}.`;
		}
		return `The payload: ${plural(count, 'value')} for the acknowledgement callback.`;
	},
	dataScalar: (type: SocketIoTypeName) =>
		type === 'CONNECT_ERROR'
			? 'Why the connection was refused, as a string (protocol v4’s form).'
			: 'The payload, as JSON.',
	open: (kind: 'array' | 'object') => `Opens the JSON ${kind}.`,
	close: (kind: 'array' | 'object') => `Closes the JSON ${kind}.`,
	eventName: (name: unknown) =>
		typeof name === 'string'
			? `The event name ${JSON.stringify(shorten(name))}: the listener socket.on(${JSON.stringify(shorten(name, 20))}, …) receives the rest.`
			: typeof name === 'number'
				? `The event name, here the number ${name} (socket.io-parser accepts numbers).`
				: `In the event name’s place, ${jsonText(name)}: an event name is a string (or a number), so socket.io-parser refuses the packet.`,
	argument: (index: number, valueText: string) => `Argument ${index}: ${shorten(valueText)}.`,
	ackValue: (index: number, valueText: string) =>
		`Value ${index + 1} handed to the acknowledgement callback: ${shorten(valueText)}.`,
	placeholder: (num: unknown) =>
		`Placeholder for attachment ${jsonText(num)}: the binary sent after this packet goes here.`,
	sid: (sid: string) =>
		`The Socket.IO session id ${shorten(sid)} for this namespace (not the Engine.IO sid).`,
	message: (text: string) => `The reason: ${shorten(text)}.`,
	member: (key: string, valueText: string) => `${shorten(key, 20)}: ${shorten(valueText)}.`,
	unread: (bytes: number) =>
		`Not read: decoding stops at the error (${plural(bytes, 'byte')} left).`
};

/** One sentence per problem; details are what the decoder found. */
export const PROBLEM_TEXT: Record<SocketIoProblemCode, (detail: string) => string> = {
	EIO_EMPTY: () => 'An empty packet: Engine.IO needs at least a type character.',
	EIO_UNKNOWN_TYPE: (c) => `${c} is not an Engine.IO packet type (0 to 6, or b for base64 binary).`,
	EIO_BASE64_LOOSE: (why) =>
		`The data after b is not strict base64 (${why}); Node’s Buffer skips what it cannot read, and these are the bytes it gets.`,
	EIO_HANDSHAKE_NOT_JSON: () =>
		'The open packet’s data is not a JSON object: engine.io-client’s JSON.parse would fail or find no handshake.',
	EIO_HANDSHAKE_FIELD: (what) => `The handshake ${what}.`,
	EIO_UNEXPECTED_DATA: (type) =>
		`A ${type} packet carries no data in the protocol; this one has some.`,
	SIO_UNKNOWN_TYPE: (c) => `${c} is not a Socket.IO packet type (0 to 6).`,
	SIO_ILLEGAL_ATTACHMENTS: (why) => `Illegal attachments: ${why}.`,
	SIO_TOO_MANY_ATTACHMENTS: (n) =>
		`${n} attachments: socket.io-parser refuses more than 10 (its maxAttachments default).`,
	SIO_INVALID_JSON: () => 'The payload is not JSON.',
	SIO_CONNECT_PAYLOAD: () => 'A CONNECT payload must be a JSON object.',
	SIO_DISCONNECT_PAYLOAD: () => 'A DISCONNECT packet carries no payload.',
	SIO_EVENT_PAYLOAD: () =>
		'An EVENT payload must be a non-empty array whose first element is the event name.',
	SIO_RESERVED_EVENT: (name) =>
		`${name} is a reserved event name: the library uses it itself, so socket.io-parser refuses it in an EVENT.`,
	SIO_ACK_PAYLOAD: () => 'An ACK payload must be an array (possibly empty).',
	SIO_CONNECT_ERROR_PAYLOAD: () =>
		'A CONNECT_ERROR payload must be an object (or, in v4, a string).',
	SIO_PLACEHOLDER_INVALID: (what) =>
		`${what}: a placeholder’s num must be an attachment of this packet, from 0 to the count less one.`,
	SIO_EMPTY: () =>
		"An empty packet: socket.io-parser reads it as CONNECT to /, because Number('') is 0.",
	SIO_TYPE_WHITESPACE: (c) =>
		`The type is ${c}, whitespace, which socket.io-parser reads as 0 (CONNECT).`,
	SIO_LOOSE_ATTACHMENTS: (text) =>
		`The attachment count ${text} is not plain digits; socket.io-parser reads it with Number() all the same.`,
	SIO_NAMESPACE_WITHOUT_COMMA: () =>
		'The namespace has no comma after it, so it runs to the end of the packet and nothing follows it.',
	SIO_ID_NOT_DIGITS: (text) =>
		`The acknowledgement id ${text} holds whitespace: socket.io-parser counts whitespace as digits.`,
	SIO_ID_UNSAFE: (text) =>
		`The acknowledgement id ${text} is above 2^53 − 1: as a JavaScript number it loses precision, so the ACK may not match.`,
	SIO_NO_DATA: (type) =>
		`${type} without a payload: the protocol requires one, but socket.io-parser accepts the packet.`,
	SIO_NUMERIC_EVENT_NAME: (name) =>
		`The event name is the number ${name}; the protocol expects a string, but socket.io-parser accepts numbers.`,
	SIO_CONNECT_ERROR_STRING: () =>
		'The CONNECT_ERROR payload is a string, protocol v4’s form; v5 sends an object such as {"message":…}.',
	SIO_ATTACHMENT_UNUSED: (list) =>
		`No placeholder refers to attachment ${list}: it is sent and never used.`
};

/** Summaries, one line per packet. */
export const SUMMARY_TEXT = {
	engineIo: (type: EngineIoType, detail: string) =>
		`Engine.IO ${type}${detail ? ` · ${detail}` : ''}`,
	socketIo: (type: SocketIoTypeName, nsp: string, id: number | undefined, detail: string) =>
		`Socket.IO ${type} on ${nsp}${id !== undefined ? ` · ack id ${id}` : ''}${detail ? ` · ${detail}` : ''}`,
	binary: (bytes: number) => plural(bytes, 'byte'),
	broken: (message: string) => `Broken: ${message}`
};
