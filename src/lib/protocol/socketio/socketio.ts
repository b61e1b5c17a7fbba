/**
 * Socket.IO protocol v5 packets, as text:
 *
 *     <type>[<attachments>-][<namespace>,][<ack id>][<JSON payload>]
 *     5     1-              /admin,       14         ["foo",{"_placeholder":true,"num":0}]
 *
 * (Socket.IO protocol v5, Packet encoding.) The decoder reads a packet the way socket.io-parser
 * 4.2's Decoder does, down to its quirks (whitespace read as digits, a namespace that runs to the
 * end without a comma), so it rejects exactly what the reference implementation rejects; where
 * the parser is more lenient than the protocol text, it accepts and warns. Each part becomes a
 * field over the packet's UTF-8 bytes. Never throws.
 */
import type { DecodedUnit, Field, FieldCategory } from '../bytes/fields';
import { jsonSpans } from './json-spans';
import {
	SIO_ACK,
	SIO_CONNECT,
	SIO_ENCODING,
	SIO_EVENT,
	SIO_TYPES,
	SOCKETIO_PROBLEMS,
	type SocketIoProblem,
	type SocketIoProblemCode
} from './problems';
import {
	PROBLEM_TEXT,
	RESERVED_EVENTS,
	SIO_TEXT,
	SOCKET_IO_TYPES,
	SUMMARY_TEXT,
	showChar,
	shorten,
	type SocketIoTypeName
} from './socketio-text';
import { byteSpan, charAt, encodeText, type EncodedText } from './text-bytes';

/** socket.io-parser's default maxAttachments: a packet announcing more is refused. */
export const MAX_ATTACHMENTS = 10;

/** A decoded packet, as socket.io-parser's Decoder.decodeString returns it. */
export interface SocketIoPacket {
	/** 0 CONNECT … 6 BINARY_ACK. */
	type: number;
	typeName: SocketIoTypeName;
	/** The namespace; `/` when the packet names none. */
	nsp: string;
	/** The acknowledgement id, when there is one (as Number() reads it, NaN included). */
	id?: number;
	/** The JSON payload, parsed. */
	data?: unknown;
	/** For BINARY_EVENT and BINARY_ACK: how many binary attachments follow. */
	attachments?: number;
}

/** What `readSocketIo` finds in a range of a text. */
export interface SocketIoReading {
	/** The packet's unit, or null for an empty range. */
	unit: DecodedUnit | null;
	/** The packet, or null when the reference parser would reject it. */
	packet: SocketIoPacket | null;
	problems: SocketIoProblem[];
	summary: string;
}

/** The outcome of `decodeSocketIoPacket`. */
export interface SocketIoDecoding extends SocketIoReading {
	kind: 'socket.io-packet';
	encoded: EncodedText;
	/** The text's UTF-8 bytes, which the fields tile. */
	bytes: Uint8Array;
	units: DecodedUnit[];
}

/** A problem over the characters [from, to) of `encoded`. */
export function makeProblem(
	encoded: EncodedText,
	code: SocketIoProblemCode,
	detail: string,
	from: number,
	to: number
): SocketIoProblem {
	const { layer, severity, source } = SOCKETIO_PROBLEMS[code];
	const { offset, length } = byteSpan(encoded, from, to);
	return { code, layer, severity, source, offset, length, message: PROBLEM_TEXT[code](detail) };
}

/** Text with control characters written as \xNN, so a table cell shows every character. */
export function escapeControls(text: string): string {
	let out = '';
	for (const c of text) {
		const code = c.charCodeAt(0);
		out += code < 0x20 || code === 0x7f ? `\\x${code.toString(16).padStart(2, '0')}` : c;
	}
	return out;
}

/** A field over the characters [from, to) of `encoded`. */
export function makeField(
	encoded: EncodedText,
	from: number,
	to: number,
	parts: {
		key: string;
		name: string;
		meaning: string;
		source: string;
		category: FieldCategory;
		value?: string;
		display?: string;
		children?: Field[];
	}
): Field {
	const value = parts.value ?? encoded.text.slice(from, to);
	return {
		key: parts.key,
		name: parts.name,
		...byteSpan(encoded, from, to),
		value,
		display: parts.display ?? shorten(escapeControls(value), 60),
		meaning: parts.meaning,
		source: parts.source,
		category: parts.category,
		...(parts.children?.length ? { children: parts.children } : {})
	};
}

/** A single character counts as an id digit when Number(c) == c: 0–9, and any whitespace. */
const isIdChar = (c: string) => c.length === 1 && ((c >= '0' && c <= '9') || c.trim() === '');

const isPlainObject = (value: unknown) =>
	Object.prototype.toString.call(value) === '[object Object]';

/** Placeholders as socket.io-parser's reconstructPacket finds them, with the top-level item. */
function findPlaceholders(data: unknown): { num: unknown; item: number }[] {
	const found: { num: unknown; item: number }[] = [];
	// An explicit stack: a deeply nested payload must not overflow the call stack.
	const stack: { value: unknown; item: number }[] = Array.isArray(data)
		? data.map((value, item) => ({ value, item })).reverse()
		: [{ value: data, item: -1 }];
	while (stack.length > 0) {
		const { value, item } = stack.pop()!;
		if (!value || typeof value !== 'object') continue;
		const record = value as Record<string, unknown>;
		if (record._placeholder === true) found.push({ num: record.num, item });
		else if (Array.isArray(value)) {
			for (let i = value.length - 1; i >= 0; i--) stack.push({ value: value[i], item });
		} else {
			for (const key of Object.keys(record).reverse()) stack.push({ value: record[key], item });
		}
	}
	return found;
}

/** What the payload must be, per type, as socket.io-parser's isPayloadValid checks it. */
function payloadProblem(
	type: number,
	data: unknown
): { code: SocketIoProblemCode; detail: string } | null {
	switch (type) {
		case 0:
			return isPlainObject(data) ? null : { code: 'SIO_CONNECT_PAYLOAD', detail: '' };
		case 1:
			return { code: 'SIO_DISCONNECT_PAYLOAD', detail: '' };
		case 4:
			return typeof data === 'string' || isPlainObject(data)
				? null
				: { code: 'SIO_CONNECT_ERROR_PAYLOAD', detail: '' };
		case 2:
		case 5: {
			if (!Array.isArray(data)) return { code: 'SIO_EVENT_PAYLOAD', detail: '' };
			const name: unknown = data[0];
			if (typeof name === 'number') return null;
			if (typeof name !== 'string') return { code: 'SIO_EVENT_PAYLOAD', detail: '' };
			return (RESERVED_EVENTS as readonly string[]).includes(name)
				? { code: 'SIO_RESERVED_EVENT', detail: JSON.stringify(name) }
				: null;
		}
		default:
			return Array.isArray(data) ? null : { code: 'SIO_ACK_PAYLOAD', detail: '' };
	}
}

/** The payload's field, with one child per element or member when it is an array or object. */
function dataField(
	encoded: EncodedText,
	from: number,
	to: number,
	typeName: SocketIoTypeName,
	data: unknown,
	valid: boolean
): Field {
	const text = encoded.text;
	const spans = valid ? jsonSpans(text, from, to) : null;
	const base = {
		key: 'sio.data',
		name: 'Payload',
		source: sourceOf(typeName),
		category: 'payload' as const
	};
	if (!spans) {
		return makeField(encoded, from, to, {
			...base,
			meaning: valid ? SIO_TEXT.dataScalar(typeName) : SIO_TEXT.data(typeName, null)
		});
	}
	const isEvent = typeName === 'EVENT' || typeName === 'BINARY_EVENT';
	const isAck = typeName === 'ACK' || typeName === 'BINARY_ACK';
	const children: Field[] = [];
	if (spans.openEnd > from) {
		children.push(
			makeField(encoded, from, spans.openEnd, {
				key: 'sio.data.open',
				name: spans.kind === 'array' ? 'Array start' : 'Object start',
				meaning: SIO_TEXT.open(spans.kind),
				source: SIO_ENCODING,
				category: 'reserved'
			})
		);
	}
	spans.items.forEach((item, index) => {
		const value: unknown = Array.isArray(data)
			? data[index]
			: (data as Record<string, unknown>)[item.key ?? ''];
		const placeholder =
			!!value &&
			typeof value === 'object' &&
			(value as Record<string, unknown>)._placeholder === true;
		let name = spans.kind === 'object' ? `"${shorten(item.key ?? '', 20)}"` : `Element ${index}`;
		let meaning = SIO_TEXT.member(item.key ?? '', item.valueText);
		let key = 'sio.data.item';
		if (placeholder) {
			name = 'Placeholder';
			key = 'sio.placeholder';
			meaning = SIO_TEXT.placeholder((value as Record<string, unknown>).num);
		} else if (isEvent && index === 0) {
			name = 'Event name';
			key = 'sio.event';
			meaning = SIO_TEXT.eventName(value);
		} else if (isEvent) {
			name = `Argument ${index}`;
			meaning = SIO_TEXT.argument(index, item.valueText);
		} else if (isAck) {
			name = `Value ${index + 1}`;
			meaning = SIO_TEXT.ackValue(index, item.valueText);
		} else if (item.key === 'sid' && typeof value === 'string') {
			meaning = SIO_TEXT.sid(value);
		} else if (item.key === 'message' && typeof value === 'string') {
			meaning = SIO_TEXT.message(value);
		}
		children.push(
			makeField(encoded, item.start, item.end, {
				key,
				name,
				meaning,
				source: sourceOf(typeName),
				category: placeholder ? 'options' : isEvent && index === 0 ? 'key' : 'text'
			})
		);
	});
	children.push(
		makeField(encoded, spans.closeStart, to, {
			key: 'sio.data.close',
			name: spans.kind === 'array' ? 'Array end' : 'Object end',
			meaning: SIO_TEXT.close(spans.kind),
			source: SIO_ENCODING,
			category: 'reserved'
		})
	);
	return makeField(encoded, from, to, {
		...base,
		meaning: SIO_TEXT.data(typeName, spans.items.length),
		children
	});
}

function sourceOf(typeName: SocketIoTypeName): string {
	if (typeName === 'CONNECT' || typeName === 'CONNECT_ERROR') return SIO_CONNECT;
	if (typeName === 'ACK' || typeName === 'BINARY_ACK') return SIO_ACK;
	if (typeName === 'DISCONNECT') return SIO_ENCODING;
	return SIO_EVENT;
}

/**
 * Reads the Socket.IO packet in the characters [from, to) of `encoded` (a whole packet, or the
 * data of an Engine.IO message), with fields at the text's absolute byte offsets.
 */
export function readSocketIo(encoded: EncodedText, from: number, to: number): SocketIoReading {
	const s = encoded.text.slice(from, to);
	const len = s.length;
	const at = (i: number) => from + i;
	const fields: Field[] = [];
	const problems: SocketIoProblem[] = [];
	const problem = (code: SocketIoProblemCode, detail: string, a: number, b: number) =>
		problems.push(makeProblem(encoded, code, detail, at(a), at(b)));
	const unitOf = (): DecodedUnit | null =>
		len === 0 ? null : { protocol: 'socket.io', ...byteSpan(encoded, from, to), fields };
	/** Stops at an error at [a, b): the rest of the packet from `a` is left unread. */
	const fail = (code: SocketIoProblemCode, detail: string, a: number, b: number, rest = a) => {
		problem(code, detail, a, b);
		if (rest < len) {
			const bytes = byteSpan(encoded, at(rest), at(len)).length;
			fields.push(
				makeField(encoded, at(rest), at(len), {
					key: 'sio.unread',
					name: 'Not read',
					meaning: SIO_TEXT.unread(bytes),
					source: SIO_ENCODING,
					category: 'reserved'
				})
			);
		}
		const first = problems.find((p) => p.severity === 'error');
		return {
			unit: unitOf(),
			packet: null,
			problems,
			summary: SUMMARY_TEXT.broken(first?.message ?? '')
		};
	};

	// The type: socket.io-parser reads Number(str.charAt(0)), so '' and whitespace read as 0.
	const first = charAt(s, 0);
	let type: number;
	if (len === 0) {
		type = 0;
		problem('SIO_EMPTY', '', 0, 0);
	} else if (first.length === 1 && first >= '0' && first <= '6') {
		type = Number(first);
	} else if (first.length === 1 && first.trim() === '') {
		type = 0;
		problem('SIO_TYPE_WHITESPACE', showChar(first), 0, 1);
	} else {
		fields.push(
			makeField(encoded, at(0), at(first.length), {
				key: 'sio.type',
				name: 'Packet type',
				meaning: SIO_TEXT.unknownType(first),
				source: SIO_TYPES,
				category: 'type'
			})
		);
		return fail('SIO_UNKNOWN_TYPE', showChar(first), 0, first.length, first.length);
	}
	const typeName = SOCKET_IO_TYPES[type];
	if (len > 0) {
		fields.push(
			makeField(encoded, at(0), at(1), {
				key: 'sio.type',
				name: 'Packet type',
				value: s[0],
				display: `${s[0] === first && first.trim() !== '' ? first : showChar(first)} (${typeName})`,
				meaning: SIO_TEXT.type[typeName],
				source: SIO_TYPES,
				category: 'type'
			})
		);
	}

	// The attachment count of a binary packet: everything up to the first '-'.
	let i = 0;
	let attachments: number | undefined;
	if (type === 5 || type === 6) {
		let dash = 1;
		while (dash < len && s[dash] !== '-') dash++;
		const text = s.slice(1, dash);
		const n = Number(text);
		const countField = () => {
			if (dash > 1) {
				fields.push(
					makeField(encoded, at(1), at(dash), {
						key: 'sio.attachments',
						name: 'Attachments',
						meaning: SIO_TEXT.attachmentsBad(text),
						source: SIO_ENCODING,
						category: 'length'
					})
				);
			}
		};
		if (Number.isNaN(n) || dash >= len) {
			countField();
			const why =
				dash >= len ? 'no - ends the count' : `${JSON.stringify(shorten(text))} is not a number`;
			return fail('SIO_ILLEGAL_ATTACHMENTS', why, 1, Math.max(dash, 1), dash);
		}
		if (!Number.isInteger(n) || n < 1) {
			countField();
			return fail(
				'SIO_ILLEGAL_ATTACHMENTS',
				`${JSON.stringify(shorten(text))} is not a count of one or more`,
				1,
				Math.max(dash, 2),
				dash
			);
		}
		if (n > MAX_ATTACHMENTS) {
			countField();
			return fail('SIO_TOO_MANY_ATTACHMENTS', String(n), 1, dash, dash);
		}
		if (!/^[1-9][0-9]*$/.test(text))
			problem('SIO_LOOSE_ATTACHMENTS', JSON.stringify(text), 1, dash);
		attachments = n;
		fields.push(
			makeField(encoded, at(1), at(dash), {
				key: 'sio.attachments',
				name: 'Attachments',
				value: text,
				display: String(n),
				meaning: SIO_TEXT.attachments(n, text),
				source: SIO_ENCODING,
				category: 'length'
			}),
			makeField(encoded, at(dash), at(dash + 1), {
				key: 'sio.dash',
				name: 'Separator',
				meaning: SIO_TEXT.dash,
				source: SIO_ENCODING,
				category: 'reserved'
			})
		);
		i = dash;
	}

	// The namespace: from a '/' right after the type (or the '-') to the next ',' or the end.
	let nsp = '/';
	if (s[i + 1] === '/') {
		const start = i + 1;
		let end = start + 1;
		while (end < len && s[end] !== ',') end++;
		nsp = s.slice(start, end);
		fields.push(
			makeField(encoded, at(start), at(end), {
				key: 'sio.nsp',
				name: 'Namespace',
				meaning: SIO_TEXT.namespace(nsp),
				source: SIO_ENCODING,
				category: 'address'
			})
		);
		if (end < len) {
			fields.push(
				makeField(encoded, at(end), at(end + 1), {
					key: 'sio.comma',
					name: 'Separator',
					meaning: SIO_TEXT.comma,
					source: SIO_ENCODING,
					category: 'reserved'
				})
			);
			i = end;
		} else {
			problem('SIO_NAMESPACE_WITHOUT_COMMA', '', start, end);
			i = end - 1;
		}
	}

	// The ack id: the run of characters that Number() reads as digits, whitespace included.
	let id: number | undefined;
	if (i + 1 < len && isIdChar(s[i + 1])) {
		const start = i + 1;
		let end = start;
		while (end < len && isIdChar(s[end])) end++;
		const text = s.slice(start, end);
		id = Number(text);
		if (!/^[0-9]+$/.test(text)) problem('SIO_ID_NOT_DIGITS', JSON.stringify(text), start, end);
		else if (!Number.isSafeInteger(id)) problem('SIO_ID_UNSAFE', text, start, end);
		fields.push(
			makeField(encoded, at(start), at(end), {
				key: 'sio.id',
				name: 'Ack id',
				display: String(id),
				meaning: SIO_TEXT.id(id, text),
				source: SIO_ACK,
				category: 'sequence'
			})
		);
		i = end - 1;
	}

	// The payload: everything left, as JSON, checked against what the type needs.
	let data: unknown;
	const dataStart = i + 1;
	if (dataStart < len) {
		let parsed: unknown;
		let json = true;
		try {
			parsed = JSON.parse(s.slice(dataStart));
		} catch {
			json = false;
		}
		if (!json) {
			fields.push(dataField(encoded, at(dataStart), at(len), typeName, undefined, false));
			return fail('SIO_INVALID_JSON', '', dataStart, len, len);
		}
		const wrong = payloadProblem(type, parsed);
		fields.push(dataField(encoded, at(dataStart), at(len), typeName, parsed, true));
		if (wrong) return fail(wrong.code, wrong.detail, dataStart, len, len);
		data = parsed;
		if (typeof parsed === 'string' && type === 4)
			problem('SIO_CONNECT_ERROR_STRING', '', dataStart, len);
		if (Array.isArray(parsed) && typeof parsed[0] === 'number' && (type === 2 || type === 5)) {
			problem('SIO_NUMERIC_EVENT_NAME', String(parsed[0]), dataStart, len);
		}
		// Placeholders are replaced by the attachments once they all arrived; one that points
		// at no attachment makes socket.io-parser throw "illegal attachments" then.
		if (attachments !== undefined) {
			const placeholders = findPlaceholders(parsed);
			const bad = placeholders.find(
				(p) => !(typeof p.num === 'number' && p.num >= 0 && p.num < attachments!)
			);
			if (bad) {
				return fail(
					'SIO_PLACEHOLDER_INVALID',
					`A placeholder with num ${shorten(JSON.stringify(bad.num) ?? 'undefined')}`,
					dataStart,
					len,
					len
				);
			}
			const used = new Set(placeholders.map((p) => p.num));
			const unused = Array.from({ length: attachments }, (_, k) => k).filter((k) => !used.has(k));
			if (unused.length > 0) problem('SIO_ATTACHMENT_UNUSED', unused.join(', '), dataStart, len);
		}
	} else if (type >= 2) {
		problem('SIO_NO_DATA', typeName, len, len);
	}

	const packet: SocketIoPacket = { type, typeName, nsp };
	if (id !== undefined) packet.id = id;
	if (data !== undefined) packet.data = data;
	if (attachments !== undefined) packet.attachments = attachments;
	return { unit: unitOf(), packet, problems, summary: summarise(packet) };
}

function summarise(packet: SocketIoPacket): string {
	const data = packet.data;
	let detail = '';
	if (Array.isArray(data) && (packet.type === 2 || packet.type === 5)) {
		detail = `${JSON.stringify(data[0])}${data.length > 1 ? ` + ${data.length - 1} argument${data.length > 2 ? 's' : ''}` : ''}`;
	} else if (data !== undefined) detail = shorten(JSON.stringify(data), 40);
	if (packet.attachments !== undefined)
		detail += ` · ${packet.attachments} attachment${packet.attachments > 1 ? 's' : ''}`;
	return SUMMARY_TEXT.socketIo(packet.typeName, packet.nsp, packet.id, detail.replace(/^ · /, ''));
}

/** Decodes one Socket.IO v5 packet (without the Engine.IO `4` in front). Never throws. */
export function decodeSocketIoPacket(text: string): SocketIoDecoding {
	const encoded = encodeText(text);
	const reading = readSocketIo(encoded, 0, text.length);
	return {
		kind: 'socket.io-packet',
		encoded,
		bytes: encoded.bytes,
		units: reading.unit ? [reading.unit] : [],
		...reading
	};
}
