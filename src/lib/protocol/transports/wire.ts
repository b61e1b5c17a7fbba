/**
 * What the live transports endpoints (src/echo/transports.ts) and the page that races them
 * (src/lib/visualizers/transports/live-race.ts) agree on: the paths, the query parameters and
 * their limits, the JSON events, and the exact text of a Server-Sent Events stream.
 *
 * One race names one stream (`stream=` plus `rate=`): every transport that asks for the same
 * stream gets the same events, with the same ids and the same server send times, so their
 * latencies can be compared.
 *
 * Pure: no timers, no network. Every parser returns an error value, never throws.
 */
import type { TransportName } from './types.js';

/** The endpoints' folder under the site's base path. */
export const TRANSPORTS_PATH = 'transports';

/** The endpoint's last path segment for each transport. */
export const TRANSPORT_ENDPOINTS = Object.freeze({
	'short-polling': 'poll',
	'long-polling': 'long-poll',
	sse: 'sse',
	websocket: 'ws'
} as const satisfies Record<TransportName, string>);

/** One of the four endpoint names. */
export type TransportEndpoint = (typeof TRANSPORT_ENDPOINTS)[TransportName];

/** The limits the server applies and the page keeps to. */
export const TRANSPORT_LIMITS = Object.freeze({
	/** Fewest events per second a stream may have. */
	minRate: 0.1,
	/** Most events per second a stream may have. */
	maxRate: 50,
	/** Longest stream name (letters, digits, '-' and '_'). */
	maxNameLength: 64,
	/** Bytes of `data` per event when `size=` is not given. */
	defaultSize: 16,
	/** Largest `size=`. */
	maxSize: 4096,
	/** How long a long poll is held when `timeout=` is not given (ms). */
	defaultLongPollTimeoutMs: 25_000,
	/** Longest `timeout=` (ms). */
	maxLongPollTimeoutMs: 60_000
});

/** The `retry:` an event stream opens with (ms), unless the server was told otherwise. */
export const SSE_RETRY_MS = 1000;

/**
 * How often an event stream sends a comment line (ms). WHATWG HTML §9.2.7 suggests one "every 15
 * seconds or so" so that legacy proxies do not drop the connection.
 */
export const SSE_HEARTBEAT_MS = 15_000;

/** One event of a stream, as every transport delivers it (a JSON object). */
export interface WireEvent {
	/** 1, 2, 3 … within the stream. */
	id: number;
	/** The event's text: `size` bytes of ASCII. */
	data: string;
	/** When the server generated and sent it, in ms since the Unix epoch on the server's clock. */
	sentAt: number;
}

/**
 * Said instead of events the server no longer holds: the client asked for events after
 * `since`, but its bounded history starts at `firstAvailable`, so `missed` events are gone.
 */
export interface WireGap {
	since: number;
	firstAvailable: number;
	missed: number;
}

/** The body of a 200 answer to `poll` and `long-poll`. */
export interface PollResponse {
	/** Events newer than `since`, oldest first (empty when none, or when a long poll timed out). */
	events: WireEvent[];
	/** The `since` to send next: the last event's id, or `since` again when there was none. */
	next: number;
	/** The server's clock when it answered (ms since the epoch), for the clock-offset estimate. */
	serverTime: number;
	/** Present when history no longer reached back to `since`. */
	gap?: WireGap;
}

/** A WebSocket text message: one event, or the notice that some were lost. */
export type WireMessage = WireEvent | { gap: WireGap };

/** A request's validated query. */
export interface TransportQuery {
	stream: string;
	rate: number;
	size: number;
	/** Events after this id; null means "from now on". */
	since: number | null;
	/** Long poll only: how long to hold the request (ms). */
	timeoutMs: number;
}

/** A query the endpoints refuse, with the parameter at fault and a sentence for the 400. */
export interface TransportQueryError {
	field: 'stream' | 'rate' | 'size' | 'since' | 'timeout' | 'Last-Event-ID';
	error: string;
}

const NAME = /^[A-Za-z0-9_-]+$/;
const DECIMAL = /^\d{1,6}(\.\d{1,3})?$/;
const WHOLE = /^\d{1,15}$/;

/**
 * Reads `stream`, `rate`, `size`, `since` and (for long-poll) `timeout`. `stream` and `rate` are
 * required, so a page always names its race. Unknown parameters are ignored (cache busters).
 */
export function parseTransportQuery(
	endpoint: TransportEndpoint,
	params: URLSearchParams,
	limits: { maxRate?: number } = {}
): { ok: true; query: TransportQuery } | ({ ok: false } & TransportQueryError) {
	const maxRate = limits.maxRate ?? TRANSPORT_LIMITS.maxRate;
	const fail = (field: TransportQueryError['field'], error: string) =>
		({ ok: false, field, error }) as const;
	const stream = params.get('stream');
	if (stream === null || stream === '') {
		return fail('stream', 'stream= is required: name the race, e.g. stream=race-1');
	}
	if (stream.length > TRANSPORT_LIMITS.maxNameLength || !NAME.test(stream)) {
		return fail(
			'stream',
			`stream must be 1 to ${TRANSPORT_LIMITS.maxNameLength} letters, digits, '-' or '_'`
		);
	}
	const rateText = params.get('rate');
	const rate = Number(rateText);
	if (
		rateText === null ||
		!DECIMAL.test(rateText) ||
		rate < TRANSPORT_LIMITS.minRate ||
		rate > maxRate
	) {
		return fail(
			'rate',
			`rate must be events per second from ${TRANSPORT_LIMITS.minRate} to ${maxRate}` +
				(rateText === null ? ' (it is required)' : `, not "${rateText}"`)
		);
	}
	let size: number = TRANSPORT_LIMITS.defaultSize;
	const sizeText = params.get('size');
	if (sizeText !== null) {
		size = Number(sizeText);
		if (!WHOLE.test(sizeText) || size < 1 || size > TRANSPORT_LIMITS.maxSize) {
			return fail(
				'size',
				`size must be a whole number of bytes from 1 to ${TRANSPORT_LIMITS.maxSize}, not "${sizeText}"`
			);
		}
	}
	let since: number | null = null;
	const sinceText = params.get('since');
	if (sinceText !== null) {
		since = Number(sinceText);
		if (!WHOLE.test(sinceText) || !Number.isSafeInteger(since)) {
			return fail('since', `since must be an event id (a whole number), not "${sinceText}"`);
		}
	}
	let timeoutMs: number = TRANSPORT_LIMITS.defaultLongPollTimeoutMs;
	const timeoutText = params.get('timeout');
	if (endpoint === 'long-poll' && timeoutText !== null) {
		timeoutMs = Number(timeoutText);
		if (!WHOLE.test(timeoutText) || timeoutMs > TRANSPORT_LIMITS.maxLongPollTimeoutMs) {
			return fail(
				'timeout',
				`timeout must be a whole number of milliseconds from 0 to ${TRANSPORT_LIMITS.maxLongPollTimeoutMs}, not "${timeoutText}"`
			);
		}
	}
	return { ok: true, query: { stream, rate, size, since, timeoutMs } };
}

/**
 * Reads a `Last-Event-ID` request header (WHATWG HTML §9.2.4): the id of the last event the
 * browser's EventSource received. Absent: null.
 */
export function parseLastEventId(
	header: string | undefined
): { ok: true; since: number | null } | ({ ok: false } & TransportQueryError) {
	if (header === undefined) return { ok: true, since: null };
	const value = header.trim();
	const since = Number(value);
	if (!WHOLE.test(value) || !Number.isSafeInteger(since)) {
		return {
			ok: false,
			field: 'Last-Event-ID',
			error: `Last-Event-ID must be an event id this server sent (a whole number), not "${header}"`
		};
	}
	return { ok: true, since };
}

/** The query string of one transport's request for a stream (without the '?'). */
export function transportQueryString(
	query: Partial<TransportQuery> & Pick<TransportQuery, 'stream' | 'rate'>
): string {
	const params = new URLSearchParams({ stream: query.stream, rate: String(query.rate) });
	if (query.size !== undefined && query.size !== TRANSPORT_LIMITS.defaultSize) {
		params.set('size', String(query.size));
	}
	if (query.since !== undefined && query.since !== null) params.set('since', String(query.since));
	if (query.timeoutMs !== undefined) params.set('timeout', String(query.timeoutMs));
	return params.toString();
}

/**
 * The text of event `id`: 'event <id>' padded with '.' to `size` bytes, or cut to `size`.
 * Deterministic, so a test can say what every event holds.
 */
export function eventData(id: number, size: number): string {
	const text = `event ${id}`;
	return text.length >= size ? text.slice(0, size) : text + '.'.repeat(size - text.length);
}

/** The `retry:` field that opens a stream: the reconnection time in ms (WHATWG HTML §9.2.6). */
export function sseRetryText(retryMs: number): string {
	// A field with no data dispatches nothing (§9.2.6), so the blank line only ends the block.
	return `retry: ${Math.round(retryMs)}\n\n`;
}

/** The heartbeat: a comment line, which EventSource ignores (§9.2.6), keeping proxies awake. */
export const SSE_HEARTBEAT = ': heartbeat\n\n';

/** One event as its `id:` and `data:` lines and the blank line that dispatches it. */
export function sseEventText(event: WireEvent): string {
	return `id: ${event.id}\ndata: ${JSON.stringify(event)}\n\n`;
}

/** The event that says history no longer reaches back (type "gap", no id, so Last-Event-ID stays). */
export function sseGapText(gap: WireGap): string {
	return `event: gap\ndata: ${JSON.stringify(gap)}\n\n`;
}

/** UTF-8 bytes of a string (the events are ASCII, but a stream name need not be checked twice). */
export function utf8Length(text: string): number {
	return new TextEncoder().encode(text).length;
}

function isCount(value: unknown): value is number {
	return typeof value === 'number' && Number.isSafeInteger(value) && value >= 0;
}

/** Reads one event's JSON object; null when it is not one. */
export function toWireEvent(value: unknown): WireEvent | null {
	if (typeof value !== 'object' || value === null) return null;
	const { id, data, sentAt } = value as Record<string, unknown>;
	if (!isCount(id) || typeof data !== 'string') return null;
	if (typeof sentAt !== 'number' || !Number.isFinite(sentAt)) return null;
	return { id, data, sentAt };
}

/** Reads a gap notice's JSON object; null when it is not one. */
export function toWireGap(value: unknown): WireGap | null {
	if (typeof value !== 'object' || value === null) return null;
	const { since, firstAvailable, missed } = value as Record<string, unknown>;
	if (!isCount(since) || !isCount(firstAvailable) || !isCount(missed)) return null;
	return { since, firstAvailable, missed };
}

/** Reads a WebSocket message or an SSE event's data; an error sentence when it is neither. */
export function parseWireMessage(text: string): WireMessage | { error: string } {
	let value: unknown;
	try {
		value = JSON.parse(text);
	} catch {
		return { error: `Not JSON: ${text.slice(0, 60)}` };
	}
	const event = toWireEvent(value);
	if (event) return event;
	const gap = toWireGap((value as { gap?: unknown } | null)?.gap);
	if (gap) return { gap };
	return { error: `Neither an event nor a gap notice: ${text.slice(0, 60)}` };
}

/** Reads a poll or long-poll answer; an error sentence when it is not one. */
export function parsePollResponse(text: string): PollResponse | { error: string } {
	let value: unknown;
	try {
		value = JSON.parse(text);
	} catch {
		return { error: `Not JSON: ${text.slice(0, 60)}` };
	}
	if (typeof value !== 'object' || value === null) return { error: 'Not a JSON object' };
	const { events, next, serverTime, gap } = value as Record<string, unknown>;
	if (!Array.isArray(events) || !isCount(next) || typeof serverTime !== 'number') {
		return { error: 'Missing events, next or serverTime' };
	}
	const read: WireEvent[] = [];
	for (const item of events) {
		const event = toWireEvent(item);
		if (!event) return { error: `Not an event: ${JSON.stringify(item).slice(0, 60)}` };
		read.push(event);
	}
	const response: PollResponse = { events: read, next, serverTime };
	if (gap !== undefined) {
		const notice = toWireGap(gap);
		if (!notice) return { error: 'A malformed gap notice' };
		response.gap = notice;
	}
	return response;
}
