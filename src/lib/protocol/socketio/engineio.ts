/**
 * Engine.IO protocol v4 packets and polling payloads:
 *
 *     <type>[<data>]        4hello · 2probe · 0{"sid":"…","upgrades":["websocket"],…}
 *     b<base64>             bAQIDBA==  (binary, as HTTP long-polling carries it)
 *     packet \x1e packet    4hello\x1e2\x1e4world  (a polling payload)
 *
 * and, over WebSocket, a binary message is a message packet with its bytes as they are
 * (Engine.IO protocol v4, Packet encoding). The decoder reads packets the way engine.io-parser
 * 5.2's decodePacket and decodePayload do, so it rejects exactly what they reject, and explains
 * the open packet's handshake and, when asked, the Socket.IO packet inside each message. Fields
 * tile the text's UTF-8 bytes. Never throws.
 */
import { decodeBase64 } from '../bytes/base64';
import type { DecodedUnit, Field } from '../bytes/fields';
import { jsonSpans } from './json-spans';
import { nodeBase64Decode } from './node-base64';
import {
	EIO_ENCODING,
	EIO_HANDSHAKE,
	EIO_HEARTBEAT,
	EIO_PROTOCOL,
	EIO_UPGRADE,
	SOCKETIO_PROBLEMS,
	type SocketIoProblem,
	type SocketIoProblemCode
} from './problems';
import { makeField, makeProblem, readSocketIo, type SocketIoReading } from './socketio';
import {
	EIO_TEXT,
	ENGINE_IO_TYPES,
	PROBLEM_TEXT,
	SUMMARY_TEXT,
	showChar,
	shorten,
	type EngineIoType
} from './socketio-text';
import { byteSpan, charAt, encodeText, type EncodedText } from './text-bytes';

/** The record separator between the packets of a polling payload. */
export const SEPARATOR = '\x1e';

/** The open packet's handshake fields (Engine.IO protocol v4, Handshake), as far as present. */
export interface Handshake {
	sid?: unknown;
	upgrades?: unknown;
	pingInterval?: unknown;
	pingTimeout?: unknown;
	maxPayload?: unknown;
	[key: string]: unknown;
}

/** A decoded packet, as engine.io-parser's decodePacket returns it, plus what it carries. */
export interface EngineIoPacket {
	type: EngineIoType;
	/** The text after the type, or the binary bytes; absent when the packet has no data. */
	data?: string | Uint8Array;
	/** How binary data travelled: `b` + base64 in text, or as a binary WebSocket message. */
	binary?: 'base64' | 'raw';
	/** The open packet's handshake, when its data is a JSON object. */
	handshake?: Handshake;
	/** The Socket.IO packet inside a text message (with `socketIo: true`). */
	socketIo?: SocketIoReading;
	/** For a binary message after a binary Socket.IO packet in the same payload. */
	attachment?: { index: number; count: number };
}

/** Options of the Engine.IO decoders. */
export interface EngineIoOptions {
	/** Decode each text message's data as a Socket.IO packet (what Socket.IO sends). */
	socketIo?: boolean;
}

interface Common {
	/** The text and its UTF-8 bytes, or null for a binary message. */
	encoded: EncodedText | null;
	/** The bytes the fields are laid over. */
	bytes: Uint8Array;
	units: DecodedUnit[];
	problems: SocketIoProblem[];
}

/** The outcome of `decodeEngineIoPacket`. */
export interface EngineIoDecoding extends Common {
	kind: 'engine.io-packet';
	/** The packet, or null when engine.io-parser would return its error packet. */
	packet: EngineIoPacket | null;
	summary: string;
}

/** The outcome of `decodeEngineIoPayload`. */
export interface EngineIoPayloadDecoding extends Common {
	kind: 'engine.io-payload';
	/** The packets read, in order, up to the first broken one (engine.io-parser stops there). */
	packets: EngineIoPacket[];
	/** One line per packet read, and one for the broken packet if there is one. */
	summaries: string[];
}

interface Reading {
	unit: DecodedUnit | null;
	packet: EngineIoPacket | null;
	problems: SocketIoProblem[];
	summary: string;
}

const isPlainObject = (value: unknown): value is Record<string, unknown> =>
	Object.prototype.toString.call(value) === '[object Object]';

/** Why text is not strict base64, for the warning. */
function base64Trouble(text: string): string | null {
	const strict = decodeBase64(text, { alphabet: 'standard', padding: 'required' });
	if (strict.ok) return null;
	const { code, index, char } = strict.error;
	if (code === 'character' || code === 'other-alphabet') {
		return `${showChar(char ?? '')} at character ${index + 1}`;
	}
	if (code === 'padding') return `= in the middle, at character ${index + 1}`;
	return 'its length is not a multiple of 4';
}

/** The handshake's field, one child per member, and the warnings about its members. */
function handshakeField(
	encoded: EncodedText,
	from: number,
	to: number,
	handshake: Record<string, unknown>,
	problems: SocketIoProblem[]
): Field {
	const spans = jsonSpans(encoded.text, from, to)!;
	const children: Field[] = [];
	const warn = (what: string, a: number, b: number) =>
		problems.push(makeProblem(encoded, 'EIO_HANDSHAKE_FIELD', what, a, b));
	if (spans.openEnd > from) {
		children.push(
			makeField(encoded, from, spans.openEnd, {
				key: 'eio.handshake.open',
				name: 'Object start',
				meaning: EIO_TEXT.handshakeOpen,
				source: EIO_HANDSHAKE,
				category: 'reserved'
			})
		);
	}
	const interval = typeof handshake.pingInterval === 'number' ? handshake.pingInterval : undefined;
	for (const item of spans.items) {
		const key = item.key ?? '';
		const value = handshake[key];
		let meaning = EIO_TEXT.otherMember(key);
		let category: Field['category'] = 'text';
		let source = EIO_HANDSHAKE;
		const isNumber = typeof value === 'number' && value >= 0;
		if (key === 'sid') {
			category = 'key';
			if (typeof value === 'string') meaning = EIO_TEXT.sid(value);
			else warn('sid should be a string', item.start, item.end);
		} else if (key === 'upgrades') {
			category = 'options';
			source = EIO_UPGRADE;
			if (Array.isArray(value) && value.every((v) => typeof v === 'string')) {
				meaning = EIO_TEXT.upgrades(value as string[]);
			} else warn('upgrades should be an array of transport names', item.start, item.end);
		} else if (key === 'pingInterval' || key === 'pingTimeout') {
			category = 'sequence';
			source = EIO_HEARTBEAT;
			if (isNumber) {
				meaning =
					key === 'pingInterval'
						? EIO_TEXT.pingInterval(value)
						: EIO_TEXT.pingTimeout(value, interval);
			} else warn(`${key} should be a number of milliseconds`, item.start, item.end);
		} else if (key === 'maxPayload') {
			category = 'length';
			if (isNumber) meaning = EIO_TEXT.maxPayload(value);
			else warn('maxPayload should be a number of bytes', item.start, item.end);
		}
		children.push(
			makeField(encoded, item.start, item.end, {
				key: `eio.handshake.${key === 'sid' || key === 'upgrades' || key.startsWith('ping') || key === 'maxPayload' ? key : 'other'}`,
				name: shorten(key, 24) || '""',
				meaning,
				source,
				category
			})
		);
	}
	children.push(
		makeField(encoded, spans.closeStart, to, {
			key: 'eio.handshake.close',
			name: 'Object end',
			meaning: EIO_TEXT.handshakeClose,
			source: EIO_HANDSHAKE,
			category: 'reserved'
		})
	);
	const missing = ['sid', 'upgrades', 'pingInterval', 'pingTimeout', 'maxPayload'].filter(
		(key) => !(key in handshake)
	);
	if (missing.length > 0) warn(`lacks ${missing.join(', ')}`, to, to);
	return makeField(encoded, from, to, {
		key: 'eio.handshake',
		name: 'Handshake',
		meaning: EIO_TEXT.handshake(spans.items.length),
		source: EIO_HANDSHAKE,
		category: 'payload',
		children
	});
}

/** Reads the packet in the characters [from, to) of `encoded`. */
function readPacket(
	encoded: EncodedText,
	from: number,
	to: number,
	options: EngineIoOptions,
	attachment?: { index: number; count: number }
): Reading {
	const text = encoded.text;
	const fields: Field[] = [];
	const problems: SocketIoProblem[] = [];
	const children: DecodedUnit[] = [];
	const unit = (): DecodedUnit => ({
		protocol: 'engine.io',
		...byteSpan(encoded, from, to),
		fields,
		...(children.length ? { children } : {})
	});
	const problem = (code: SocketIoProblemCode, detail: string, a: number, b: number) =>
		problems.push(makeProblem(encoded, code, detail, a, b));

	if (to <= from) {
		problem('EIO_EMPTY', '', from, from);
		return {
			unit: null,
			packet: null,
			problems,
			summary: SUMMARY_TEXT.broken(PROBLEM_TEXT.EIO_EMPTY(''))
		};
	}
	const first = charAt(text, from);
	const dataFrom = from + first.length;
	const hasData = dataFrom < to;
	const data = text.slice(dataFrom, to);

	if (first === 'b') {
		fields.push(
			makeField(encoded, from, dataFrom, {
				key: 'eio.b',
				name: 'Binary marker',
				meaning: EIO_TEXT.binaryMarker,
				source: EIO_ENCODING,
				category: 'type'
			})
		);
		const bytes = nodeBase64Decode(data);
		const where = attachment ? EIO_TEXT.attachment(attachment.index, attachment.count) : undefined;
		if (hasData) {
			fields.push(
				makeField(encoded, dataFrom, to, {
					key: 'eio.base64',
					name: 'Data (base64)',
					meaning: EIO_TEXT.base64(bytes.length, where),
					source: EIO_ENCODING,
					category: 'payload'
				})
			);
		}
		const trouble = base64Trouble(data);
		if (trouble) problem('EIO_BASE64_LOOSE', trouble, dataFrom, to);
		const packet: EngineIoPacket = { type: 'message', data: bytes, binary: 'base64' };
		if (attachment) packet.attachment = attachment;
		return {
			unit: unit(),
			packet,
			problems,
			summary: SUMMARY_TEXT.engineIo('message', `binary, ${SUMMARY_TEXT.binary(bytes.length)}`)
		};
	}

	const typeIndex = first.length === 1 ? '0123456'.indexOf(first) : -1;
	if (typeIndex < 0) {
		fields.push(
			makeField(encoded, from, dataFrom, {
				key: 'eio.type',
				name: 'Packet type',
				meaning: EIO_TEXT.unknownType(first),
				source: EIO_PROTOCOL,
				category: 'type'
			})
		);
		problem('EIO_UNKNOWN_TYPE', showChar(first), from, dataFrom);
		if (hasData) {
			fields.push(
				makeField(encoded, dataFrom, to, {
					key: 'eio.unread',
					name: 'Not read',
					meaning: EIO_TEXT.unread(byteSpan(encoded, dataFrom, to).length),
					source: EIO_ENCODING,
					category: 'reserved'
				})
			);
		}
		return {
			unit: unit(),
			packet: null,
			problems,
			summary: SUMMARY_TEXT.broken(problems[0].message)
		};
	}
	const type = ENGINE_IO_TYPES[typeIndex];
	fields.push(
		makeField(encoded, from, dataFrom, {
			key: 'eio.type',
			name: 'Packet type',
			display: `${first} (${type})`,
			meaning: EIO_TEXT.type[type],
			source:
				type === 'ping' || type === 'pong'
					? EIO_HEARTBEAT
					: type === 'upgrade' || type === 'noop'
						? EIO_UPGRADE
						: EIO_PROTOCOL,
			category: 'type'
		})
	);
	const packet: EngineIoPacket = { type };
	let detail = '';
	if (hasData) packet.data = data;
	const plainData = (meaning: string, source = EIO_ENCODING) =>
		fields.push(
			makeField(encoded, dataFrom, to, {
				key: 'eio.data',
				name: 'Data',
				meaning,
				source,
				category: 'payload'
			})
		);

	if (type === 'open') {
		let handshake: unknown;
		try {
			handshake = JSON.parse(data);
		} catch {
			handshake = undefined;
		}
		if (hasData && isPlainObject(handshake)) {
			packet.handshake = handshake;
			fields.push(handshakeField(encoded, dataFrom, to, handshake, problems));
			if (typeof handshake.sid === 'string') detail = `sid ${shorten(handshake.sid, 24)}`;
		} else {
			if (hasData) plainData(EIO_TEXT.handshakeText, EIO_HANDSHAKE);
			problem('EIO_HANDSHAKE_NOT_JSON', '', dataFrom, to);
		}
	} else if (type === 'message') {
		if (hasData && options.socketIo) {
			const inner = readSocketIo(encoded, dataFrom, to);
			packet.socketIo = inner;
			if (inner.unit) children.push(inner.unit);
			problems.push(...inner.problems);
			detail = inner.summary;
		} else if (hasData) {
			plainData(EIO_TEXT.messageData(data.length));
			detail = JSON.stringify(shorten(data, 30));
		}
	} else if (type === 'ping' || type === 'pong') {
		if (hasData) {
			plainData(
				type === 'ping' ? EIO_TEXT.pingData(data) : EIO_TEXT.pongData(data),
				data === 'probe' ? EIO_UPGRADE : EIO_HEARTBEAT
			);
			detail = data === 'probe' ? 'upgrade probe' : shorten(data, 30);
		} else detail = 'heartbeat';
	} else if (hasData) {
		plainData(EIO_TEXT.unexpectedData(type));
		problem('EIO_UNEXPECTED_DATA', type, dataFrom, to);
	}
	return { unit: unit(), packet, problems, summary: SUMMARY_TEXT.engineIo(type, detail) };
}

/** A binary WebSocket message: one message packet, its bytes as they are. */
function readBinary(bytes: Uint8Array): EngineIoDecoding {
	const fields: Field[] = [];
	if (bytes.length > 0) {
		fields.push({
			key: 'eio.binary',
			name: 'Binary data',
			offset: 0,
			length: bytes.length,
			value: `${bytes.length} bytes`,
			display: SUMMARY_TEXT.binary(bytes.length),
			meaning: EIO_TEXT.rawBinary(bytes.length),
			source: EIO_ENCODING,
			category: 'payload'
		});
	}
	return {
		kind: 'engine.io-packet',
		encoded: null,
		bytes,
		units: bytes.length ? [{ protocol: 'engine.io', offset: 0, length: bytes.length, fields }] : [],
		packet: { type: 'message', data: bytes, binary: 'raw' },
		problems: [],
		summary: SUMMARY_TEXT.engineIo(
			'message',
			`binary WebSocket message, ${SUMMARY_TEXT.binary(bytes.length)}`
		)
	};
}

/**
 * Decodes one Engine.IO v4 packet: text (a polling packet or a WebSocket text message) or bytes
 * (a binary WebSocket message). Never throws.
 */
export function decodeEngineIoPacket(
	input: string | Uint8Array,
	options: EngineIoOptions = {}
): EngineIoDecoding {
	if (typeof input !== 'string') return readBinary(input);
	const encoded = encodeText(input);
	const reading = readPacket(encoded, 0, input.length, options);
	return {
		kind: 'engine.io-packet',
		encoded,
		bytes: encoded.bytes,
		units: reading.unit ? [reading.unit] : [],
		packet: reading.packet,
		problems: reading.problems,
		summary: reading.summary
	};
}

/**
 * Decodes an HTTP long-polling payload: packets separated by the record separator 0x1E, read
 * until the first broken one as engine.io-parser's decodePayload does. Never throws.
 */
export function decodeEngineIoPayload(
	text: string,
	options: EngineIoOptions = {}
): EngineIoPayloadDecoding {
	const encoded = encodeText(text);
	const units: DecodedUnit[] = [];
	const packets: EngineIoPacket[] = [];
	const problems: SocketIoProblem[] = [];
	const summaries: string[] = [];
	let pending: { index: number; count: number } | undefined;
	let from = 0;
	for (;;) {
		let to = text.indexOf(SEPARATOR, from);
		const last = to < 0;
		if (last) to = text.length;
		const reading = readPacket(encoded, from, to, options, pending);
		problems.push(...reading.problems);
		summaries.push(reading.summary);
		if (!reading.packet) {
			// engine.io-parser stops at the first broken packet: the rest is left unread.
			const unit = reading.unit ?? {
				protocol: 'engine.io',
				...byteSpan(encoded, from, from),
				fields: []
			};
			const readEnd = unit.fields.length ? from + charAt(text, from).length : from;
			if (text.length > readEnd) {
				const unread = unit.fields.find((f) => f.key === 'eio.unread');
				const field = makeField(encoded, readEnd, text.length, {
					key: 'eio.unread',
					name: 'Not read',
					meaning: EIO_TEXT.unread(byteSpan(encoded, readEnd, text.length).length),
					source: EIO_ENCODING,
					category: 'reserved'
				});
				unit.fields = [...unit.fields.filter((f) => f !== unread), field];
				Object.assign(unit, byteSpan(encoded, from, text.length));
			}
			if (unit.length > 0) units.push(unit);
			break;
		}
		const unit = reading.unit!;
		packets.push(reading.packet);
		// Attachments of a binary Socket.IO packet follow it as binary messages.
		if (pending && reading.packet.binary) {
			pending =
				pending.index + 1 < pending.count ? { ...pending, index: pending.index + 1 } : undefined;
		} else pending = undefined;
		const attachments = reading.packet.socketIo?.packet?.attachments;
		if (attachments) pending = { index: 0, count: attachments };
		if (!last) {
			unit.fields.push(
				makeField(encoded, to, to + 1, {
					key: 'eio.separator',
					name: 'Separator',
					display: '0x1e',
					meaning: EIO_TEXT.separator,
					source: EIO_ENCODING,
					category: 'length'
				})
			);
			unit.length += 1;
		}
		units.push(unit);
		if (last) break;
		from = to + 1;
	}
	return {
		kind: 'engine.io-payload',
		encoded,
		bytes: encoded.bytes,
		units,
		packets,
		problems,
		summaries
	};
}

/** True when a problem is an error (the reference parser rejects the input). */
export const isError = (problem: SocketIoProblem) =>
	SOCKETIO_PROBLEMS[problem.code].severity === 'error';
