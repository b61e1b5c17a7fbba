/**
 * `simulateTransports`: the same server events delivered four ways (issue 12 §1).
 *
 * The model, in one place:
 * - Time 0 is when the client starts. Each transport first opens a connection: the TCP
 *   handshake costs 1 round trip, TLS 1 more (1.3) or 2 (1.2). A `connect` entry spans it.
 * - One-way delay is rttMs / 2; sending takes no time (no bandwidth, no loss).
 * - Every transport asks for events from the start, so an event that happens before its first
 *   request reaches the server goes out with that request's answer.
 * - Short polling sends a request every pollIntervalMs (from 0); the server answers at once with
 *   every event it has not yet sent. HTTP/1.1 keeps a connection open between requests (RFC 9112
 *   §9.3) and sends one request at a time on it, so a poll sent while the others are still out
 *   opens another connection, up to 6; beyond that it waits for a free one. HTTP/2 sends every
 *   request on one connection.
 * - Long polling sends one request; the server answers as soon as it has an event, or with an
 *   empty list after longPollTimeoutMs; the client sends the next request as soon as an answer
 *   arrives (on the same connection).
 * - SSE sends one request; the response headers go out when it arrives, then each event as soon
 *   as it happens, on the same response.
 * - WebSocket sends one Upgrade request; after the 101 the server sends each event as one
 *   unmasked text frame (RFC 6455 §5.1). It always runs over HTTP/1.1 (RFC 6455 §4).
 * - HTTP/2 header compression (HPACK, RFC 7541): each connection keeps a dynamic table, so the
 *   first request and response on a connection pay their full header bytes and each later one a
 *   small fixed number (TRANSPORT_DEFAULTS.hpackRepeat*Bytes: fields already in the table are a
 *   one-byte index, §6.1; the values that change are literals, §6.2.1). Bodies and SSE events
 *   travel in DATA frames with a 9-byte header (RFC 9113 §4.1); HTTP/1.1 streams SSE in chunks.
 *   Browsers speak HTTP/2 only over TLS, so HTTP/2 implies TLS.
 * - The client listens for durationMs: it sends no request from then on, and abandons a long
 *   poll still held then. Everything already sent is answered.
 */
import {
	DEFAULT_OPTIONS,
	LIMITS,
	TRANSPORT_DEFAULTS,
	chunkOverheadBytes,
	pollBodyBytes,
	setupRoundTrips,
	sseEventOverheadBytes,
	wsFrameHeaderBytes
} from './defaults';
import { generateEvents } from './events';
import { summarise } from './summary';
import { ERRORS } from './transports-text';
import type {
	SimulationError,
	SimulationOptions,
	SimulationOutcome,
	TimelineEntry,
	TransportResult
} from './types';

/** The options after validation, with the derived numbers every transport uses. */
interface Run {
	options: Required<SimulationOptions>;
	events: number[];
	/** One-way delay. */
	oneWay: number;
	/** Time from opening a connection to sending its first request. */
	setup: number;
	http2: boolean;
}

/** Per-connection HPACK state: whether a request and a response have already been sent. */
interface Connection {
	id: number;
	/** When it is next free to send a request (HTTP/1.1). */
	freeAt: number;
	requests: number;
	responses: number;
}

function isObject(value: unknown): value is Record<string, unknown> {
	return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function isWhole(value: unknown): value is number {
	return typeof value === 'number' && Number.isInteger(value);
}

function inRange(value: unknown, range: { min: number; max: number }): value is number {
	return (
		typeof value === 'number' && Number.isFinite(value) && value >= range.min && value <= range.max
	);
}

/**
 * Checks the options and fills in the optional ones: the validated run, or the first option it
 * cannot use. Never throws.
 */
export function validateOptions(
	input: unknown
): { ok: true; run: Run } | { ok: false; error: SimulationError } {
	const fail = (field: SimulationError['field'], message: string, index?: number) => ({
		ok: false as const,
		error: index === undefined ? { field, message } : { field, message, index }
	});
	if (!isObject(input)) return fail('options', ERRORS.options);
	const o = input;
	if (!inRange(o.durationMs, LIMITS.durationMs)) return fail('durationMs', ERRORS.durationMs);
	const durationMs = o.durationMs;
	if (!inRange(o.rttMs, LIMITS.rttMs)) return fail('rttMs', ERRORS.rttMs);
	if (!inRange(o.pollIntervalMs, LIMITS.pollIntervalMs)) {
		return fail('pollIntervalMs', ERRORS.pollIntervalMs);
	}
	if (durationMs / o.pollIntervalMs > LIMITS.polls) {
		return fail('pollIntervalMs', ERRORS.tooManyPolls);
	}
	if (!inRange(o.longPollTimeoutMs, LIMITS.longPollTimeoutMs)) {
		return fail('longPollTimeoutMs', ERRORS.longPollTimeoutMs);
	}
	for (const field of ['requestHeaderBytes', 'responseHeaderBytes'] as const) {
		if (!isWhole(o[field]) || !inRange(o[field], LIMITS.headerBytes)) {
			return fail(field, ERRORS.headerBytes);
		}
	}
	if (!isWhole(o.eventBytes) || !inRange(o.eventBytes, LIMITS.eventBytes)) {
		return fail('eventBytes', ERRORS.eventBytes);
	}
	if (o.http !== '1.1' && o.http !== '2') return fail('http', ERRORS.http);
	if (o.tls !== undefined && typeof o.tls !== 'boolean') return fail('tls', ERRORS.tls);
	if (o.tlsVersion !== undefined && o.tlsVersion !== '1.2' && o.tlsVersion !== '1.3') {
		return fail('tlsVersion', ERRORS.tlsVersion);
	}
	if (typeof o.seed !== 'number' || !Number.isFinite(o.seed)) return fail('seed', ERRORS.seed);
	let events: number[];
	let spec: SimulationOptions['events'];
	if (Array.isArray(o.events)) {
		if (o.events.length > LIMITS.events) return fail('events', ERRORS.tooManyEvents);
		for (let i = 0; i < o.events.length; i++) {
			const time: unknown = o.events[i];
			if (typeof time !== 'number' || !Number.isFinite(time) || time < 0 || time >= durationMs) {
				return fail('events', ERRORS.eventTime, i);
			}
		}
		events = (o.events as number[]).slice().sort((a, b) => a - b);
		spec = events.slice();
	} else if (isObject(o.events)) {
		const { pattern, rate } = o.events;
		if (pattern !== 'regular' && pattern !== 'poisson' && pattern !== 'bursty') {
			return fail('events.pattern', ERRORS.pattern);
		}
		if (!inRange(rate, LIMITS.rate)) return fail('events.rate', ERRORS.rate);
		if ((rate * durationMs) / 1000 > LIMITS.events)
			return fail('events.rate', ERRORS.tooManyEvents);
		spec = { pattern, rate };
		events = generateEvents(spec, durationMs, o.seed);
	} else {
		return fail('events', ERRORS.events);
	}
	const http2 = o.http === '2';
	const tls = http2 || o.tls === true;
	const tlsVersion = o.tlsVersion ?? DEFAULT_OPTIONS.tlsVersion;
	const options: Required<SimulationOptions> = {
		events: spec,
		durationMs,
		rttMs: o.rttMs,
		pollIntervalMs: o.pollIntervalMs,
		longPollTimeoutMs: o.longPollTimeoutMs,
		requestHeaderBytes: o.requestHeaderBytes as number,
		responseHeaderBytes: o.responseHeaderBytes as number,
		eventBytes: o.eventBytes,
		http: o.http,
		tls,
		tlsVersion,
		seed: o.seed
	};
	return {
		ok: true,
		run: {
			options,
			events,
			oneWay: o.rttMs / 2,
			setup: setupRoundTrips(tls, tlsVersion) * o.rttMs,
			http2
		}
	};
}

// ── Costs of one message ─────────────────────────────────────────────────────

/** Header bytes of a request on `connection` (counting it as sent). */
function requestHeader(run: Run, connection: Connection): number {
	const first = connection.requests++ === 0;
	if (!run.http2 || first) return run.options.requestHeaderBytes;
	return TRANSPORT_DEFAULTS.hpackRepeatRequestBytes.value;
}

/** Header bytes of a response on `connection`, plus its body's framing (counting it as sent). */
function responseHeader(run: Run, connection: Connection, hasBody: boolean): number {
	const first = connection.responses++ === 0;
	if (!run.http2) return run.options.responseHeaderBytes;
	const block = first
		? run.options.responseHeaderBytes
		: TRANSPORT_DEFAULTS.hpackRepeatResponseBytes.value;
	return block + (hasBody ? TRANSPORT_DEFAULTS.http2FrameHeaderBytes.value : 0);
}

function entry(
	kind: TimelineEntry['kind'],
	start: number,
	end: number,
	connection: number,
	header: number,
	payload = 0,
	eventIds: number[] = [],
	empty = false
): TimelineEntry {
	const direction =
		kind === 'connect' || kind === 'request' ? 'client-to-server' : 'server-to-client';
	return { kind, start, end, bytes: { header, payload }, eventIds, direction, connection, empty };
}

function openConnection(run: Run, timeline: TimelineEntry[], id: number, at: number): Connection {
	timeline.push(entry('connect', at, at + run.setup, id, 0));
	return { id, freeAt: at + run.setup, requests: 0, responses: 0 };
}

/** Indexes of the events from `from` up to and including time `until`. */
function takeEvents(run: Run, from: number, until: number): number[] {
	const ids: number[] = [];
	for (let i = from; i < run.events.length && run.events[i] <= until; i++) ids.push(i);
	return ids;
}

// ── The four transports ─────────────────────────────────────────────────────

function shortPolling(run: Run): TimelineEntry[] {
	const { options, oneWay } = run;
	const timeline: TimelineEntry[] = [];
	const connections: Connection[] = [];
	const limit = run.http2 ? 1 : TRANSPORT_DEFAULTS.http1ConnectionsPerHost.value;
	let next = 0;
	for (let k = 0; k * options.pollIntervalMs < options.durationMs; k++) {
		const due = k * options.pollIntervalMs;
		let connection: Connection;
		if (run.http2) {
			connection = connections[0] ?? openConnection(run, timeline, 0, due);
			connections[0] = connection;
		} else {
			const idle = connections.find((c) => c.freeAt <= due);
			if (idle) connection = idle;
			else if (connections.length < limit) {
				connection = openConnection(run, timeline, connections.length, due);
				connections.push(connection);
			} else {
				// All six are busy: the request waits for the first to be free.
				connection = connections.reduce((a, b) => (b.freeAt < a.freeAt ? b : a));
			}
		}
		const send = Math.max(due, connection.freeAt);
		if (send >= options.durationMs) break;
		const atServer = send + oneWay;
		timeline.push(entry('request', send, atServer, connection.id, requestHeader(run, connection)));
		const ids = takeEvents(run, next, atServer);
		next += ids.length;
		const body = pollBodyBytes(ids.length, options.eventBytes);
		const header = responseHeader(run, connection, true);
		timeline.push(
			entry(
				'response',
				atServer,
				atServer + oneWay,
				connection.id,
				header,
				body,
				ids,
				ids.length === 0
			)
		);
		if (!run.http2) connection.freeAt = atServer + oneWay;
	}
	return timeline;
}

function longPolling(run: Run): TimelineEntry[] {
	const { options, oneWay, events } = run;
	const timeline: TimelineEntry[] = [];
	const connection = openConnection(run, timeline, 0, 0);
	let next = 0;
	for (let send = run.setup; send < options.durationMs;) {
		const atServer = send + oneWay;
		timeline.push(entry('request', send, atServer, 0, requestHeader(run, connection)));
		// Answer at once if an event is waiting, else at the next event, else at the timeout.
		const nextEvent = next < events.length ? events[next] : Number.POSITIVE_INFINITY;
		const answerAt = Math.max(atServer, Math.min(nextEvent, atServer + options.longPollTimeoutMs));
		const ids = takeEvents(run, next, answerAt);
		// The client stops listening at durationMs and abandons a poll still held then.
		if (ids.length === 0 && answerAt >= options.durationMs) break;
		next += ids.length;
		const body = pollBodyBytes(ids.length, options.eventBytes);
		const header = responseHeader(run, connection, true);
		timeline.push(
			entry('response', answerAt, answerAt + oneWay, 0, header, body, ids, ids.length === 0)
		);
		send = answerAt + oneWay;
	}
	return timeline;
}

/** SSE and WebSocket: one request, one answer, then each event on its own as it happens. */
function stream(run: Run, kind: 'sse' | 'websocket'): TimelineEntry[] {
	const { options, oneWay, events } = run;
	const timeline: TimelineEntry[] = [];
	const connection = openConnection(run, timeline, 0, 0);
	const atServer = run.setup + oneWay;
	const ws = kind === 'websocket';
	const requestBytes = ws
		? options.requestHeaderBytes + TRANSPORT_DEFAULTS.wsUpgradeExtraBytes.value
		: requestHeader(run, connection);
	timeline.push(entry('request', run.setup, atServer, 0, requestBytes));
	const answer = ws ? TRANSPORT_DEFAULTS.ws101Bytes.value : responseHeader(run, connection, false);
	timeline.push(entry('response', atServer, atServer + oneWay, 0, answer));
	for (let i = 0; i < events.length; i++) {
		const send = Math.max(events[i], atServer);
		const payload = options.eventBytes;
		let header: number;
		if (ws) header = wsFrameHeaderBytes(payload, false);
		else {
			// Event ids count from 1, as a server's Last-Event-ID would.
			const lines = sseEventOverheadBytes(i + 1);
			header =
				lines +
				(run.http2
					? TRANSPORT_DEFAULTS.http2FrameHeaderBytes.value
					: chunkOverheadBytes(lines + payload));
		}
		timeline.push(entry(ws ? 'frame' : 'event', send, send + oneWay, 0, header, payload, [i]));
	}
	return timeline;
}

function result(run: Run, timeline: TimelineEntry[]): TransportResult {
	return { timeline, summary: summarise(timeline, run.events) };
}

/**
 * Runs the four transports over the same events. Deterministic for a given seed; never throws:
 * options it cannot use give `{ ok: false, error: { field, message } }`.
 */
export function simulateTransports(options: SimulationOptions): SimulationOutcome {
	const checked = validateOptions(options);
	if (!checked.ok) return checked;
	const { run } = checked;
	return {
		ok: true,
		events: run.events,
		options: run.options,
		result: {
			'short-polling': result(run, shortPolling(run)),
			'long-polling': result(run, longPolling(run)),
			sse: result(run, stream(run, 'sse')),
			websocket: result(run, stream(run, 'websocket'))
		}
	};
}
