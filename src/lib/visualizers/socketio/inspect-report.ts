/**
 * What the project's Socket.IO server reports at `GET <base>/socket.io-inspect?sid=…&after=N`:
 * the raw data one Engine.IO session received and sent, as the server's transports saw it.
 *
 * - Polling, received: the body of each POST, as engine.io's Polling transport got it (the
 *   whole body, before it splits it at \x1e into packets).
 * - Polling, sent: the body of each GET response, as the transport wrote it (the packets joined
 *   with \x1e; the server never compresses them, so these are the bytes on the wire after the
 *   HTTP head). The 2-byte `ok` answering every POST is not recorded.
 * - WebSocket, received: each message's payload as ws delivered it (unmasked, reassembled from
 *   its frames), before engine.io decodes it.
 * - WebSocket, sent: each payload handed to ws's send(), which is one frame each (no
 *   permessage-deflate on this server).
 *
 * HTTP heads, WebSocket frame headers and masks, TCP and TLS are not in it.
 *
 * This module imports nothing, so both the server (src/echo/socketio.ts) and the page use it.
 */

/** One body or message. Directions are the server's: 'received' came from the client. */
export interface SocketIoWireEntry {
	/** 0 for the session's first entry, then 1, 2… (kept when older entries are dropped). */
	seq: number;
	/** Server clock, ms since the epoch. */
	at: number;
	direction: 'received' | 'sent';
	transport: 'polling' | 'websocket';
	/** For polling: the request the body belongs to (a POST's body, a GET's response body). */
	http?: 'GET' | 'POST';
	/** Its length in bytes (UTF-8 for text), even when `truncated`. */
	bytes: number;
	/** A WebSocket binary message: `base64` holds it. Otherwise `text` does. */
	binary: boolean;
	text?: string;
	base64?: string;
	/** Only the first bytes are kept (see the server's per-entry cap). */
	truncated?: boolean;
}

/** The answer for one session. */
export interface SocketIoInspectReport {
	/** The Engine.IO session id (not the Socket.IO socket id, which differs: protocol v5). */
	sid: string;
	/** False once the session closed; its record is kept a while after. */
	open: boolean;
	/** The entries with `seq` ≥ the request's `after`, oldest first. */
	entries: SocketIoWireEntry[];
	/** The `after` to ask with next time. */
	next: number;
	/** Entries this session's record no longer holds (its bounds), counted from the start. */
	dropped: number;
}

function isEntry(value: unknown): value is SocketIoWireEntry {
	if (typeof value !== 'object' || value === null) return false;
	const entry = value as Record<string, unknown>;
	return (
		Number.isInteger(entry.seq) &&
		typeof entry.at === 'number' &&
		(entry.direction === 'received' || entry.direction === 'sent') &&
		(entry.transport === 'polling' || entry.transport === 'websocket') &&
		(entry.http === undefined || entry.http === 'GET' || entry.http === 'POST') &&
		Number.isInteger(entry.bytes) &&
		typeof entry.binary === 'boolean' &&
		(entry.binary ? typeof entry.base64 === 'string' : typeof entry.text === 'string')
	);
}

/** Checks a parsed JSON answer; null when it is not a report (another server, an error). */
export function parseSocketIoInspectReport(value: unknown): SocketIoInspectReport | null {
	if (typeof value !== 'object' || value === null) return null;
	const report = value as Record<string, unknown>;
	if (
		typeof report.sid !== 'string' ||
		typeof report.open !== 'boolean' ||
		!Number.isInteger(report.next) ||
		!Number.isInteger(report.dropped) ||
		!Array.isArray(report.entries) ||
		!report.entries.every(isEntry)
	) {
		return null;
	}
	return value as SocketIoInspectReport;
}
