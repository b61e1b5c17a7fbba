/**
 * The echo client's message log: its entries, the frame each message would be on the wire, and
 * a bound that drops the oldest entries (counting them) so thousands of messages stay smooth.
 *
 * Pure: no runes, no DOM, no timers. Times and ids are passed in.
 */
import { toHex } from '$lib/protocol/bytes/hex';
import { encodeFrame, OPCODE_BINARY, OPCODE_TEXT } from '$lib/protocol/websocket';

/** A frame's bytes as shown in the log. */
export interface WireBytes {
	/** The frame (or, for a fragmented message, each frame on its own line) as hex. */
	hex: string;
	/** Reported by /inspect as the server received it, rather than reconstructed here. */
	real: boolean;
	/** RSV1 was set: the payload was compressed with permessage-deflate. */
	compressed: boolean;
}

/** One message in the log. */
export interface LogEntry {
	id: number;
	/** Milliseconds since the page opened (performance.now()). */
	at: number;
	direction: 'sent' | 'received' | 'event';
	type: 'text' | 'binary' | 'event';
	/** The text, for text messages and events. */
	text?: string;
	/** The bytes, for binary messages. */
	bytes?: Uint8Array;
	size: number;
	/** The frame as it went on the wire: real (reported by /inspect) or reconstructed. */
	wire?: WireBytes;
	/** The masking key the reconstruction used, for sent messages. */
	key?: Uint8Array;
}

/** The newest entries, and how many older ones were dropped to keep within the bound. */
export interface BoundedLog<T = LogEntry> {
	readonly entries: readonly T[];
	readonly dropped: number;
}

/** Most entries kept; older ones are dropped (and counted) so thousands of messages stay smooth. */
export const MAX_LOG = 2000;

/** A log with nothing in it. */
export const EMPTY_LOG: BoundedLog<never> = { entries: [], dropped: 0 };

const ENCODER = new TextEncoder();

/** The log with `entry` added at the end, dropping the oldest entries beyond `max`. */
export function appendEntry<T>(log: BoundedLog<T>, entry: T, max = MAX_LOG): BoundedLog<T> {
	const over = Math.max(0, log.entries.length + 1 - max);
	const entries = log.entries.slice(over);
	entries.push(entry);
	return { entries, dropped: log.dropped + over };
}

/** The log with the entry `id` replaced by `update(entry)`; the same log when it is not there. */
export function replaceEntry<T extends { id: number }>(
	log: BoundedLog<T>,
	id: number,
	update: (entry: T) => T
): BoundedLog<T> {
	const i = log.entries.findIndex((entry) => entry.id === id);
	if (i < 0) return log;
	const entries = log.entries.slice();
	entries[i] = update(entries[i]);
	return { entries, dropped: log.dropped };
}

/**
 * A message this page sent, with the frame a browser would write for it: one final frame,
 * masked with `key` (RFC 6455 §5.3). The browser's real frame used its own key, and may be
 * compressed: only /inspect can tell.
 */
export function sentEntry(
	id: number,
	at: number,
	data: string | Uint8Array,
	key: Uint8Array
): LogEntry {
	const isText = typeof data === 'string';
	const payload = isText ? ENCODER.encode(data) : data;
	const frame = encodeFrame({
		fin: true,
		opcode: isText ? OPCODE_TEXT : OPCODE_BINARY,
		payload,
		maskingKey: key
	});
	return {
		id,
		at,
		direction: 'sent',
		type: isText ? 'text' : 'binary',
		...(isText ? { text: data } : { bytes: data }),
		size: payload.length,
		key,
		wire: { hex: toHex(frame), real: false, compressed: false }
	};
}

/** A message the server sent, with the frame a server writes for it: one final, unmasked frame. */
export function receivedEntry(id: number, at: number, data: string | Uint8Array): LogEntry {
	const isText = typeof data === 'string';
	const payload = isText ? ENCODER.encode(data) : data;
	const frame = encodeFrame({ fin: true, opcode: isText ? OPCODE_TEXT : OPCODE_BINARY, payload });
	return {
		id,
		at,
		direction: 'received',
		type: isText ? 'text' : 'binary',
		...(isText ? { text: data } : { bytes: data }),
		size: payload.length,
		wire: { hex: toHex(frame), real: false, compressed: false }
	};
}

/** Something that happened to the connection (open, close, an error), in words. */
export function eventEntry(id: number, at: number, text: string): LogEntry {
	return { id, at, direction: 'event', type: 'event', text, size: 0 };
}

/** The log as JSON, for export: payloads as text or hex, times rounded to milliseconds. */
export function exportLog(entries: readonly LogEntry[]): string {
	return JSON.stringify(
		entries.map((e) => ({
			at_ms: Math.round(e.at),
			direction: e.direction,
			type: e.type,
			size: e.size,
			...(e.text !== undefined ? { text: e.text } : {}),
			...(e.bytes ? { hex: toHex(e.bytes) } : {}),
			...(e.wire ? { wire_hex: e.wire.hex, wire_real: e.wire.real } : {})
		})),
		null,
		2
	);
}
