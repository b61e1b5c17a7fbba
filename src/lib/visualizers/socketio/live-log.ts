/**
 * The live Socket.IO client's log, as data: where each line comes from, which way it went, a
 * short name for what it holds, and how it opens in the decoder. Pure: no DOM, no timers.
 */
import type { SocketIoWireEntry } from './inspect-report';

/** Engine.IO v4 packet types (facts N1). */
export const ENGINE_IO_TYPES = ['open', 'close', 'ping', 'pong', 'message', 'upgrade', 'noop'];

/** Socket.IO v5 packet types (facts N8). */
export const SOCKET_IO_TYPES = [
	'CONNECT',
	'DISCONNECT',
	'EVENT',
	'ACK',
	'CONNECT_ERROR',
	'BINARY_EVENT',
	'BINARY_ACK'
];

/**
 * - 'server': exact, the server's record of what its transports received and sent.
 * - 'browser': reconstructed, what socket.io-client's transports handed the browser to send and
 *   got back from it (the browser's HTTP heads and WebSocket frames are not visible to a page).
 * - 'http': one polling request, from socket.io-client's XHR, with sizes.
 */
export type LogSource = 'server' | 'browser' | 'http';

/** Which way, from the client's point of view. */
export type LogDirection = 'to-server' | 'to-client';

export interface LogEntry {
	/** Unique in the log. */
	id: number;
	source: LogSource;
	direction: LogDirection;
	transport: 'polling' | 'websocket';
	/** Milliseconds since the connection started (browser clock) or since the server's first record. */
	ms: number;
	/** The text (a polling body, a WebSocket text message), or '' for binary. */
	text: string;
	/** A WebSocket binary message (an attachment, as-is). */
	binary?: Uint8Array;
	/** Its length in bytes (UTF-8 for text). */
	bytes: number;
	/** Only the start was kept (the server's per-entry cap). */
	truncated?: boolean;
	/** For 'http': the request. */
	http?: HttpExchange;
}

export interface HttpExchange {
	method: string;
	/** The query string, e.g. 'EIO=4&transport=polling&t=…&sid=…'. */
	query: string;
	/** Body bytes sent (POST) and received. */
	requestBytes: number;
	responseBytes: number;
	/** HTTP status, or 0 when the request failed without one. */
	status: number;
	/** How long the request was open (a long-poll GET is held until there is something to send). */
	durationMs: number;
	/** Bytes over the network, headers included, when Resource Timing reports them (same origin). */
	transferBytes?: number;
}

/** UTF-8 length of a string. */
export function utf8Length(text: string): number {
	let bytes = 0;
	for (let i = 0; i < text.length; i++) {
		const code = text.charCodeAt(i);
		if (code < 0x80) bytes += 1;
		else if (code < 0x800) bytes += 2;
		else if (code >= 0xd800 && code <= 0xdbff && i + 1 < text.length) {
			const next = text.charCodeAt(i + 1);
			if (next >= 0xdc00 && next <= 0xdfff) {
				bytes += 4;
				i++;
			} else bytes += 3;
		} else bytes += 3;
	}
	return bytes;
}

/** A short name for one Engine.IO packet's text: 'open', 'ping probe', 'message · EVENT "echo" #0'. */
export function describePacket(text: string): string {
	if (text.startsWith('b')) return 'binary attachment (b + base64)';
	const type = ENGINE_IO_TYPES[Number(text[0])];
	if (text.length === 0 || !/^[0-6]/.test(text) || !type) return 'not an Engine.IO packet';
	const data = text.slice(1);
	if (type !== 'message') return data && type !== 'open' ? `${type} ${data}` : type;
	return `message · ${describeSocketIo(data)}`;
}

/** A short name for one Socket.IO packet: 'EVENT "echo" #0', 'ACK #0', 'CONNECT'. */
export function describeSocketIo(text: string): string {
	const match = /^([0-6])(\d+-)?(\/[^,]*,)?(\d+)?(.*)$/s.exec(text);
	if (!match) return 'data (not a Socket.IO packet)';
	const type = SOCKET_IO_TYPES[Number(match[1])];
	const parts = [type];
	if (match[2]) parts.push(`${match[2].slice(0, -1)} attachment${match[2] === '1-' ? '' : 's'}`);
	if (match[3]) parts.push(match[3].slice(0, -1));
	const event = /^\["((?:[^"\\]|\\.)*)"/.exec(match[5]);
	if (event && (type === 'EVENT' || type === 'BINARY_EVENT')) parts.push(`"${event[1]}"`);
	if (match[4] !== undefined) parts.push(`#${match[4]}`);
	return parts.join(' ');
}

/** A name for a whole entry's content (a polling body may hold several packets). */
export function describeEntry(entry: Pick<LogEntry, 'text' | 'binary' | 'transport'>): string {
	if (entry.binary) return 'binary attachment';
	if (entry.transport === 'polling') {
		const packets = entry.text.split('\x1e');
		return packets.map(describePacket).join(' + ');
	}
	return describePacket(entry.text);
}

/** The decoder's kind for an entry's text. */
export function decoderKind(
	entry: Pick<LogEntry, 'transport'>
): 'engine.io-payload' | 'engine.io-packet' {
	return entry.transport === 'polling' ? 'engine.io-payload' : 'engine.io-packet';
}

/** Base64 to bytes, without the DOM's atob (which this module may not use). */
export function fromBase64(text: string): Uint8Array {
	const alphabet = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/';
	const clean = text.replace(/=+$/, '');
	const bytes = new Uint8Array(Math.floor((clean.length * 3) / 4));
	let bits = 0;
	let value = 0;
	let index = 0;
	for (const char of clean) {
		const digit = alphabet.indexOf(char);
		if (digit < 0) continue;
		value = (value << 6) | digit;
		bits += 6;
		if (bits >= 8) {
			bits -= 8;
			bytes[index++] = (value >> bits) & 0xff;
		}
	}
	return bytes.subarray(0, index);
}

/** The server's record entries as log entries (ids from `firstId`, times from `startAt`). */
export function fromServerEntries(
	entries: readonly SocketIoWireEntry[],
	firstId: number,
	startAt: number
): LogEntry[] {
	return entries.map((entry, index) => ({
		id: firstId + index,
		source: 'server',
		direction: entry.direction === 'received' ? 'to-server' : 'to-client',
		transport: entry.transport,
		ms: entry.at - startAt,
		text: entry.binary ? '' : (entry.text ?? ''),
		...(entry.binary ? { binary: fromBase64(entry.base64 ?? '') } : {}),
		bytes: entry.bytes,
		...(entry.truncated ? { truncated: true } : {})
	}));
}

/**
 * The binary attachments that belong to the BINARY_EVENT or BINARY_ACK `entry` carries over
 * WebSocket: the next N binary messages the same way, where N is the packet's attachment count.
 */
export function attachmentsOf(log: readonly LogEntry[], entry: LogEntry): Uint8Array[] {
	const match = /^4[56](\d+)-/.exec(entry.text);
	if (!match || entry.transport !== 'websocket') return [];
	const count = Number(match[1]);
	const start = log.indexOf(entry);
	const found: Uint8Array[] = [];
	for (let i = start + 1; i < log.length && found.length < count; i++) {
		const next = log[i];
		if (next.source !== entry.source || next.direction !== entry.direction) continue;
		if (!next.binary) break;
		found.push(next.binary);
	}
	return found;
}

/** Where to connect, read from what the user typed. */
export interface ServerTarget {
	/** scheme://host[:port], for io(). */
	origin: string;
	/** The Engine.IO path, '/socket.io/' by default, for io()'s `path` option. */
	path: string;
}

/**
 * Reads a Socket.IO server address: http(s):// or ws(s)://, host, and optionally the Engine.IO
 * path (default /socket.io/). Returns an error sentence for anything else.
 */
export function parseServerUrl(text: string): ServerTarget | { error: string } {
	const trimmed = text.trim();
	if (!trimmed) return { error: 'Enter the server’s address, e.g. https://example.com/socket.io/' };
	let url: URL;
	try {
		url = new URL(trimmed);
	} catch {
		return { error: `“${trimmed}” is not a URL: start it with http://, https://, ws:// or wss://` };
	}
	const scheme = { 'http:': 'http:', 'https:': 'https:', 'ws:': 'http:', 'wss:': 'https:' }[
		url.protocol
	];
	if (!scheme) return { error: `${url.protocol} is not a scheme Socket.IO connects with` };
	if (url.search || url.hash) return { error: 'Leave out the query and fragment' };
	const path = url.pathname === '/' ? '/socket.io/' : url.pathname.replace(/\/?$/, '/');
	return { origin: `${scheme}//${url.host}`, path };
}

/** The inspect endpoint beside a project server's Socket.IO path ('/x/socket.io/' → '/x/socket.io-inspect'). */
export function inspectUrl(target: ServerTarget, sid: string, after: number): string {
	const base = target.path.replace(/socket\.io\/$/, '');
	return `${target.origin}${base}socket.io-inspect?sid=${encodeURIComponent(sid)}&after=${after}`;
}
