/**
 * Shared types of the transports model (issue 12): short polling, long polling, Server-Sent
 * Events and WebSocket carrying the same stream of server events. The simulator
 * (`simulate.ts`), the live race (`measure*.ts`, `wire.ts`) and the views all speak these types.
 *
 * Times are simulated milliseconds from 0 (the moment the client starts), bytes are counted on
 * the application layer (HTTP headers and bodies, SSE lines, WebSocket frame headers and
 * payloads), not TCP/IP headers.
 */

/** The four ways of getting server events to a browser, in the order the views show them. */
export type TransportName = 'short-polling' | 'long-polling' | 'sse' | 'websocket';

/** Every transport, in lane order. */
export const TRANSPORT_NAMES: readonly TransportName[] = [
	'short-polling',
	'long-polling',
	'sse',
	'websocket'
];

/** A generated event stream: `rate` events per second on average. */
export interface EventPattern {
	/**
	 * `regular`: evenly spaced, 1000 / rate ms apart; `poisson`: exponential gaps with mean
	 * 1000 / rate ms; `bursty`: bursts of several events a few ms apart, bursts spaced so the
	 * average rate is still `rate`.
	 */
	pattern: 'regular' | 'poisson' | 'bursty';
	/** Events per second, > 0. */
	rate: number;
}

export interface SimulationOptions {
	/** The server's event times (ms, from 0), or a generator for them. */
	events: number[] | EventPattern;
	/** How long the client keeps listening (ms). Events after it are not generated. */
	durationMs: number;
	/** Round-trip time between browser and server (ms); one-way delay is half of it. */
	rttMs: number;
	/** Short polling: time between the start of one poll and the next (ms). */
	pollIntervalMs: number;
	/** Long polling: how long the server holds a request with nothing to send (ms). */
	longPollTimeoutMs: number;
	/** Bytes of HTTP request headers a browser sends (request line included). */
	requestHeaderBytes: number;
	/** Bytes of HTTP response headers (status line included). */
	responseHeaderBytes: number;
	/** Bytes of one event's data (the JSON the application sends). */
	eventBytes: number;
	/** HTTP version of the polling and SSE requests; '2' compresses repeated headers (HPACK). */
	http: '1.1' | '2';
	/**
	 * Whether connections use TLS. Default false. Browsers speak HTTP/2 only over TLS, so
	 * `http: '2'` implies it.
	 */
	tls?: boolean;
	/** Added: the TLS version when TLS is used: 1.3 costs 1 round trip at set-up, 1.2 two. */
	tlsVersion?: '1.2' | '1.3';
	/** Seed of the event generator; the same seed gives the same run. */
	seed: number;
}

/** Who sends a timeline entry. */
export type Direction = 'client-to-server' | 'server-to-client';

/**
 * One thing on a lane: a connection set-up, an HTTP request or response, an SSE event, or a
 * WebSocket frame. `start` is when its sender sends it, `end` when it reaches the other side.
 */
export interface TimelineEntry {
	kind: 'connect' | 'request' | 'response' | 'event' | 'frame';
	start: number;
	end: number;
	bytes: { header: number; payload: number };
	/** The server events this entry carries (indexes into the run's event list). */
	eventIds: number[];
	/** Added: who sends it (a `connect` spans the whole set-up and is client-to-server). */
	direction: Direction;
	/** Added: which connection carries it, counted from 0 within the transport. */
	connection: number;
	/** Added: true for a poll response that carried no event (wasted). */
	empty: boolean;
}

/**
 * Latency statistics in ms. Added `count`: the number of delivered events. With count 0 every
 * figure is 0 (never NaN or null), so views and tables need no special case; check `count`.
 */
export interface LatencyStats {
	count: number;
	mean: number;
	p50: number;
	p95: number;
	max: number;
}

export interface TransportSummary {
	/** From each event's time at the server to its arrival at the client. */
	latency: LatencyStats;
	/** Sums over the timeline's entries (header + payload = total). */
	bytes: { header: number; payload: number; total: number };
	/** HTTP requests sent (for WebSocket: the one Upgrade request). */
	requests: number;
	/** Connections opened (TCP, plus TLS when chosen). */
	connections: number;
	/** Poll responses that carried no event. */
	emptyResponses: number;
	/** Added: events the client never received before it stopped listening (short polling's last). */
	undelivered: number;
}

export interface TransportResult {
	timeline: TimelineEntry[];
	summary: TransportSummary;
}

export type SimulationResult = Record<TransportName, TransportResult>;

/** A located reason the options cannot be simulated. */
export interface SimulationError {
	field: keyof SimulationOptions | 'events.rate' | 'events.pattern' | 'options';
	message: string;
	/** For an error in an explicit event list: the index of the bad time. */
	index?: number;
}

/** What simulateTransports returns: the run, or the first option it could not use. */
export type SimulationOutcome =
	| {
			ok: true;
			result: SimulationResult;
			/** The server's event times (ms), sorted, indexed by `eventIds`. */
			events: number[];
			/** The options actually used (defaults filled in). */
			options: Required<SimulationOptions>;
	  }
	| { ok: false; error: SimulationError };
