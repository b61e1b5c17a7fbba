/**
 * The live half of the socket types lab: what a page sends to `POST <base>/socket-lab` and what
 * comes back, shared by the server (src/echo/socket-lab.ts) and the page.
 *
 * The server runs the messages through real sockets on its loopback interface and returns what
 * the receiving side's reads returned. This module holds no socket code: it checks a request
 * (every refusal names the field, and the message's index, it is about), checks a response, and
 * words the notes the server sends with every result.
 *
 * It is in vite.config.ts's import graph (through the Vite plugin), so its imports name their
 * files with an extension.
 */
import { decodeBase64 } from '../bytes/base64.js';

/** The socket types a live run can use: Node has no SOCK_SEQPACKET (see SEQPACKET_REFUSAL). */
export type KernelRunType = 'stream' | 'datagram';

/** The types, in the order the lab lists them. */
export const KERNEL_RUN_TYPES: readonly KernelRunType[] = ['stream', 'datagram'];

/** What the page asks for: the same messages and read size as the simulation. */
export interface KernelRunRequest {
	type: KernelRunType;
	/** Successive send() calls, as text; each is sent as its UTF-8 bytes. */
	messages: string[];
	/** Bytes each read asks the kernel for. */
	readSize: number;
}

/** The endpoint's bounds. The server enforces them; the page can use them to say why not. */
export const KERNEL_RUN_LIMITS = Object.freeze({
	/** Messages in one run. */
	maxMessages: 32,
	/** UTF-8 bytes in one message. */
	maxMessageBytes: 1024,
	/** UTF-8 bytes in all the messages together: a 1-byte read size gives one read per byte. */
	maxTotalBytes: 8192,
	/** Largest read size: 64 KiB, more than any UDP datagram over IPv4 can carry (65,507). */
	maxReadSize: 65536,
	/** Runs at once on one server; more get 503 with Retry-After. */
	maxConcurrent: 4,
	/** A run still going after this long is stopped, its sockets closed, and answered with 500. */
	timeoutMs: 5000,
	/** Request body in bytes; larger gets 413. Room for every message written as \u escapes. */
	maxBodyBytes: 64 * 1024
});

/** Which part of the request a refusal is about. */
export type KernelRunField = 'body' | 'type' | 'messages' | 'readSize';

/** A refused request: a sentence, and where the problem is. */
export interface KernelRunRequestError {
	ok: false;
	/** One or two sentences naming the field and what it must be. */
	error: string;
	field: KernelRunField;
	/** For `messages`: the index of the message at fault, when one is. */
	index?: number;
}

/** One read on the receiving socket, as the kernel returned it. */
export interface KernelRead {
	/** The bytes the read returned, in base64 (RFC 4648 §4). */
	data: string;
	/** How many bytes that is. */
	length: number;
	/** Datagram: the datagram was longer than the read size, and the rest was discarded. */
	truncated: boolean;
	/** Datagram: how many bytes of it were discarded (0 when not truncated). */
	discarded?: number;
}

/** What the server answers with 200. */
export interface KernelRunResult {
	type: KernelRunType;
	readSize: number;
	/** Every read on the receiving side, in order, up to end-of-file (stream) or the last datagram. */
	reads: KernelRead[];
	/** Plain sentences about how the run was done and what it cannot show; the page shows them. */
	notes: string[];
	/** Wall-clock time of the run on the server, from opening the sockets to the last read. */
	elapsedMs: number;
}

/** Why a seqpacket run is refused. */
export const SEQPACKET_REFUSAL =
	"type 'seqpacket' cannot run on the kernel here: Node cannot open SOCK_SEQPACKET sockets " +
	'(node:net makes stream sockets and node:dgram makes UDP sockets), so only the simulation ' +
	'shows seqpacket.';

function describeValue(value: unknown): string {
	if (value === undefined) return 'nothing';
	if (value === null) return 'null';
	if (Array.isArray(value)) return 'an array';
	if (typeof value === 'object') return 'an object';
	if (typeof value === 'string') {
		const shown = value.length > 20 ? `${value.slice(0, 20)}…` : value;
		return `the string ${JSON.stringify(shown)}`;
	}
	return String(value);
}

/** The index of the first lone UTF-16 surrogate, which has no UTF-8 encoding, or -1. */
function loneSurrogateAt(text: string): number {
	for (let i = 0; i < text.length; i++) {
		const unit = text.charCodeAt(i);
		if (unit >= 0xd800 && unit <= 0xdbff) {
			const next = text.charCodeAt(i + 1);
			if (next >= 0xdc00 && next <= 0xdfff) i++;
			else return i;
		} else if (unit >= 0xdc00 && unit <= 0xdfff) return i;
	}
	return -1;
}

/** Bytes of `text` in UTF-8 (RFC 3629), for text without lone surrogates. */
export function utf8Length(text: string): number {
	let bytes = 0;
	for (let i = 0; i < text.length; i++) {
		const unit = text.charCodeAt(i);
		if (unit < 0x80) bytes += 1;
		else if (unit < 0x800) bytes += 2;
		else if (unit >= 0xd800 && unit <= 0xdbff) {
			// A surrogate pair is one code point above U+FFFF: 4 bytes.
			bytes += 4;
			i++;
		} else bytes += 3;
	}
	return bytes;
}

function refuse(field: KernelRunField, error: string, index?: number): KernelRunRequestError {
	return index === undefined ? { ok: false, error, field } : { ok: false, error, field, index };
}

const REQUEST_KEYS = new Set(['type', 'messages', 'readSize']);

/** Checks a parsed request body against the shape and the limits; never throws. */
export function parseKernelRunRequest(
	json: unknown
): { ok: true; request: KernelRunRequest } | KernelRunRequestError {
	const limits = KERNEL_RUN_LIMITS;
	if (typeof json !== 'object' || json === null || Array.isArray(json)) {
		return refuse(
			'body',
			`The body must be a JSON object with type, messages and readSize, not ${describeValue(json)}.`
		);
	}
	const body = json as Record<string, unknown>;
	for (const key of Object.keys(body)) {
		if (!REQUEST_KEYS.has(key)) {
			return refuse(
				'body',
				`The body has a field ${JSON.stringify(key)} that the endpoint does not know: ` +
					'it takes type, messages and readSize only.'
			);
		}
	}

	const type = body.type;
	if (type === 'seqpacket') return refuse('type', SEQPACKET_REFUSAL);
	if (type !== 'stream' && type !== 'datagram') {
		return refuse('type', `type must be 'stream' or 'datagram', not ${describeValue(type)}.`);
	}

	const messages = body.messages;
	if (!Array.isArray(messages)) {
		return refuse(
			'messages',
			`messages must be an array of strings, not ${describeValue(messages)}.`
		);
	}
	if (messages.length === 0) {
		return refuse('messages', 'messages is empty: send at least one message.');
	}
	if (messages.length > limits.maxMessages) {
		return refuse(
			'messages',
			`messages has ${messages.length} messages; the limit is ${limits.maxMessages}.`
		);
	}
	let total = 0;
	for (let index = 0; index < messages.length; index++) {
		const message: unknown = messages[index];
		if (typeof message !== 'string') {
			return refuse(
				'messages',
				`messages[${index}] must be a string, not ${describeValue(message)}.`,
				index
			);
		}
		const lone = loneSurrogateAt(message);
		if (lone >= 0) {
			return refuse(
				'messages',
				`messages[${index}] has a lone surrogate (\\u${message.charCodeAt(lone).toString(16)}) ` +
					`at character ${lone}, which has no UTF-8 encoding.`,
				index
			);
		}
		const bytes = utf8Length(message);
		if (bytes > limits.maxMessageBytes) {
			return refuse(
				'messages',
				`messages[${index}] is ${bytes} bytes in UTF-8; the limit is ${limits.maxMessageBytes}.`,
				index
			);
		}
		total += bytes;
	}
	if (total > limits.maxTotalBytes) {
		return refuse(
			'messages',
			`The messages add up to ${total} bytes in UTF-8; the limit is ${limits.maxTotalBytes}.`
		);
	}

	const readSize = body.readSize;
	if (
		typeof readSize !== 'number' ||
		!Number.isInteger(readSize) ||
		readSize < 1 ||
		readSize > limits.maxReadSize
	) {
		return refuse(
			'readSize',
			`readSize must be a whole number of bytes from 1 to ${limits.maxReadSize}, ` +
				`not ${describeValue(readSize)}.`
		);
	}

	return { ok: true, request: { type, messages: [...(messages as string[])], readSize } };
}

/** Where a JSON text stops being JSON (RFC 8259). */
export interface JsonSyntaxError {
	/** 0-based index of the offending character (the text's length when it ends too soon). */
	index: number;
	/** 1-based line and column of that character. */
	line: number;
	column: number;
	/** What was expected there, e.g. "expected ',' or '}'". */
	expected: string;
}

const NUMBER = /-?(?:0|[1-9]\d*)(?:\.\d+)?(?:[eE][+-]?\d+)?/y;

/**
 * The first syntax error in `text` as JSON (RFC 8259), or null when it is JSON. JSON.parse
 * says what is wrong but, in Node 20, not always where; this finds where. Iterative, so deep
 * nesting cannot overflow the stack.
 */
export function findJsonSyntaxError(text: string): JsonSyntaxError | null {
	let i = 0;
	const stack: ('array' | 'object')[] = [];
	const fail = (expected: string): JsonSyntaxError => {
		let line = 1;
		let lineStart = 0;
		for (let k = 0; k < i && k < text.length; k++) {
			if (text.charCodeAt(k) === 0x0a) {
				line++;
				lineStart = k + 1;
			}
		}
		return { index: i, line, column: i - lineStart + 1, expected };
	};
	const skipSpace = () => {
		// RFC 8259 §2: space, horizontal tab, line feed, carriage return.
		while (i < text.length && ' \t\n\r'.includes(text[i])) i++;
	};
	/** Scans a string starting at its opening quote; false when it is not a valid string. */
	const scanString = (): boolean => {
		i++;
		while (i < text.length) {
			const c = text.charCodeAt(i);
			if (c === 0x22) {
				i++;
				return true;
			}
			if (c < 0x20) return false;
			if (c === 0x5c) {
				const e = text[i + 1];
				if (e === 'u') {
					if (!/^[0-9a-fA-F]{4}$/.test(text.slice(i + 2, i + 6))) {
						i += 2;
						return false;
					}
					i += 6;
				} else if (e !== undefined && '"\\/bfnrt'.includes(e)) i += 2;
				else {
					i++;
					return false;
				}
			} else i++;
		}
		return false;
	};

	type State = 'value' | 'after-value' | 'key';
	let state: State = 'value';
	for (;;) {
		skipSpace();
		if (state === 'value') {
			const c = text[i];
			if (c === '{') {
				i++;
				skipSpace();
				if (text[i] === '}') {
					i++;
					state = 'after-value';
				} else {
					stack.push('object');
					state = 'key';
				}
			} else if (c === '[') {
				i++;
				skipSpace();
				if (text[i] === ']') {
					i++;
					state = 'after-value';
				} else stack.push('array');
			} else if (c === '"') {
				if (!scanString())
					return fail('a complete string (closing ", valid escapes, no control characters)');
				state = 'after-value';
			} else if (c === '-' || (c !== undefined && c >= '0' && c <= '9')) {
				NUMBER.lastIndex = i;
				if (!NUMBER.test(text)) return fail('a number');
				i = NUMBER.lastIndex;
				state = 'after-value';
			} else {
				const literal = ['true', 'false', 'null'].find((word) => text.startsWith(word, i));
				if (!literal) return fail('a value');
				i += literal.length;
				state = 'after-value';
			}
		} else if (state === 'key') {
			if (text[i] !== '"') return fail('a property name in double quotes');
			if (!scanString())
				return fail('a complete string (closing ", valid escapes, no control characters)');
			skipSpace();
			if (text[i] !== ':') return fail("':'");
			i++;
			state = 'value';
		} else {
			const top = stack[stack.length - 1];
			if (top === undefined) return i < text.length ? fail('the end of the text') : null;
			const close = top === 'array' ? ']' : '}';
			if (text[i] === ',') {
				i++;
				state = top === 'array' ? 'value' : 'key';
			} else if (text[i] === close) {
				i++;
				stack.pop();
			} else return fail(`',' or '${close}'`);
		}
	}
}

/** The sentence for a body that is not JSON, located when the position is known. */
export function describeJsonSyntaxError(error: JsonSyntaxError | null): string {
	if (!error) return 'The body is not valid JSON.';
	return (
		`The body is not valid JSON: at line ${error.line}, column ${error.column} ` +
		`(character ${error.index}) the parser expected ${error.expected}.`
	);
}

/** What the server knew about a run, for the notes. */
export interface KernelRunFacts {
	type: KernelRunType;
	readSize: number;
	/** Messages sent. */
	messages: number;
	/** Messages with no bytes. */
	emptyMessages: number;
	/** Datagram: datagrams that arrived, and how long the receiver waited for missing ones. */
	arrived?: number;
	quietMs?: number;
	/** Datagram: reads the server cut to readSize. */
	truncated?: number;
}

export const LOOPBACK_NOTE =
	'Loopback loses, reorders and duplicates nothing, so the loss, reorder, duplicate and MTU ' +
	'settings of the simulation have no counterpart in this run.';

export const SEQPACKET_NOTE =
	'Node cannot open SOCK_SEQPACKET sockets, so there is no live seqpacket run: only the ' +
	'simulation shows it.';

function count(n: number, one: string, many: string): string {
	return `${n} ${n === 1 ? one : many}`;
}

/** The notes a result carries: how the run was done, and what it cannot show. */
export function kernelRunNotes(facts: KernelRunFacts): string[] {
	const notes: string[] = [];
	if (facts.type === 'stream') {
		notes.push(
			'A real TCP connection on the server\u2019s loopback interface (127.0.0.1), made with ' +
				'node:net: the sender wrote each message with its own write() call, then closed its ' +
				'side (FIN).',
			'Nagle\u2019s algorithm was off on the sender (setNoDelay, TCP_NODELAY in tcp(7)), so the ' +
				'kernel sent each write() at once instead of holding small writes back to merge them.',
			`Each read is one read() the receiver made from the kernel into a ${facts.readSize}-byte ` +
				'buffer: it returns whatever bytes were waiting, up to that size, so one message can ' +
				'come back in several reads and several messages in one read (recv(2)). The reads ' +
				'stop at end-of-file, the sender\u2019s FIN.',
			'Where the read boundaries fall depends on timing: run it again and they can move. The ' +
				'bytes, and their order, cannot.'
		);
		if (facts.emptyMessages > 0) {
			notes.push(
				`${count(facts.emptyMessages, 'message was', 'messages were')} empty: a write() of ` +
					'0 bytes sends nothing on a stream, so it left no trace.'
			);
		}
	} else {
		notes.push(
			'Real UDP sockets on the server\u2019s loopback interface (127.0.0.1), made with ' +
				'node:dgram: each message went out as one datagram, with its own send() call.',
			'Node\u2019s dgram reads every datagram whole, into a 64 KiB buffer, and cannot ask the ' +
				`kernel for a ${facts.readSize}-byte recv(). So the server cut each datagram to ` +
				`${facts.readSize} bytes itself and marked the ones it cut as truncated: that is what ` +
				'a recv() of that size returns on a UDP socket, where the rest of the datagram is ' +
				'discarded (udp(7), MSG_TRUNC in recv(2)).'
		);
		if ((facts.truncated ?? 0) > 0) {
			notes.push(
				`${count(facts.truncated ?? 0, 'datagram was', 'datagrams were')} longer than ` +
					`${facts.readSize} bytes and cut by the server, not by the kernel.`
			);
		}
		if (facts.emptyMessages > 0) {
			notes.push(
				`${count(facts.emptyMessages, 'message was', 'messages were')} empty and went out ` +
					'as a 0-byte datagram: its read returns 0 bytes, which on a datagram socket is ' +
					'not end-of-file (recv(2)).'
			);
		}
		const arrived = facts.arrived ?? facts.messages;
		if (arrived < facts.messages) {
			notes.push(
				`Only ${arrived} of ${facts.messages} datagrams arrived before the receiver had ` +
					`waited ${facts.quietMs ?? 0} ms without one. UDP does not retransmit; on loopback ` +
					'this means a receive buffer overflowed on a busy server.'
			);
		}
	}
	notes.push(LOOPBACK_NOTE, SEQPACKET_NOTE);
	return notes;
}

/** The bytes of a read, decoded from its base64. */
export function kernelReadBytes(read: KernelRead): Uint8Array {
	const decoded = decodeBase64(read.data);
	return decoded.ok ? decoded.bytes : new Uint8Array(0);
}

function isCount(value: unknown): value is number {
	return typeof value === 'number' && Number.isInteger(value) && value >= 0;
}

/** Checks a 200 response body from the endpoint; never throws. */
export function parseKernelRunResult(
	json: unknown
): { ok: true; result: KernelRunResult } | { ok: false; error: string } {
	const fail = (error: string) => ({ ok: false as const, error: `Bad kernel result: ${error}` });
	if (typeof json !== 'object' || json === null || Array.isArray(json)) {
		return fail(`expected an object, got ${describeValue(json)}.`);
	}
	const body = json as Record<string, unknown>;
	const type = body.type;
	if (type !== 'stream' && type !== 'datagram') {
		return fail(`type is ${describeValue(type)}, not 'stream' or 'datagram'.`);
	}
	const readSize = body.readSize;
	if (!isCount(readSize) || readSize < 1 || readSize > KERNEL_RUN_LIMITS.maxReadSize) {
		return fail(`readSize is ${describeValue(readSize)}.`);
	}
	if (!Array.isArray(body.reads)) return fail('reads is not an array.');
	const reads: KernelRead[] = [];
	for (const [index, item] of (body.reads as unknown[]).entries()) {
		if (typeof item !== 'object' || item === null) return fail(`reads[${index}] is not an object.`);
		const read = item as Record<string, unknown>;
		if (typeof read.data !== 'string') return fail(`reads[${index}].data is not a string.`);
		const decoded = decodeBase64(read.data);
		if (!decoded.ok) {
			return fail(`reads[${index}].data is not base64 (at character ${decoded.error.index}).`);
		}
		if (read.length !== decoded.bytes.length) {
			return fail(
				`reads[${index}].length is ${describeValue(read.length)}, but its data holds ` +
					`${decoded.bytes.length} bytes.`
			);
		}
		if (decoded.bytes.length > readSize) {
			return fail(`reads[${index}] holds ${decoded.bytes.length} bytes, more than readSize.`);
		}
		if (typeof read.truncated !== 'boolean') {
			return fail(`reads[${index}].truncated is not true or false.`);
		}
		if (type === 'stream' && read.truncated) {
			return fail(`reads[${index}] is marked truncated, which a stream read never is.`);
		}
		const discarded = read.discarded ?? 0;
		if (!isCount(discarded) || discarded > 0 !== read.truncated) {
			return fail(`reads[${index}].discarded is ${describeValue(read.discarded)}.`);
		}
		reads.push({
			data: read.data,
			length: decoded.bytes.length,
			truncated: read.truncated,
			discarded
		});
	}
	const notes = body.notes;
	if (!Array.isArray(notes) || !notes.every((note) => typeof note === 'string')) {
		return fail('notes is not an array of strings.');
	}
	const elapsedMs = body.elapsedMs;
	if (typeof elapsedMs !== 'number' || !Number.isFinite(elapsedMs) || elapsedMs < 0) {
		return fail(`elapsedMs is ${describeValue(elapsedMs)}.`);
	}
	return { ok: true, result: { type, readSize, reads, notes: [...notes], elapsedMs } };
}

/** The reason in an error response (`{ "error": "…" }`) from the endpoint, or null. */
export function kernelRunErrorMessage(json: unknown): string | null {
	if (typeof json !== 'object' || json === null) return null;
	const error = (json as Record<string, unknown>).error;
	return typeof error === 'string' && error !== '' ? error : null;
}
