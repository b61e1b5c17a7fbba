/**
 * The live transports endpoints (issue 12 §2): one stream of server events delivered four ways,
 * so a browser can race short polling, long polling, Server-Sent Events and WebSocket for real.
 *
 * - `GET <base>/transports/poll?stream=S&rate=R&since=ID` answers at once with
 *   `{ events, next, serverTime }`.
 * - `GET <base>/transports/long-poll?…&timeout=MS` holds the request until an event newer than
 *   `since` exists or the timeout passes (default 25 s, at most 60 s); same shape, `events`
 *   empty on timeout.
 * - `GET <base>/transports/sse?stream=S&rate=R` is a `text/event-stream`: a `retry:` field, then
 *   each event as `id:` and `data:` lines, a comment line as heartbeat, and a `gap` event when
 *   `Last-Event-ID` is older than the bounded history reaches.
 * - WebSocket `<base>/transports/ws?stream=S&rate=R&since=ID` sends the same events as JSON
 *   text messages.
 *
 * A stream is named by the page (`stream=`) with its rate (`rate=`, events per second) and event
 * size (`size=`); it is created on first use, generates events on the server's clock (event k
 * is due k / rate seconds after creation) and is collected once nothing has used it for
 * `idleMs`. Every transport asking for the same stream sees the same ids and send times.
 *
 * Bounded: streams at once, events per second, history per stream, requests held (long polls,
 * SSE streams and WebSockets together) per client address, and bytes waiting for a slow reader.
 * Bad parameters get 400 with a plain-text reason. The clock and timers are injected, so tests
 * can step time by hand.
 */
import { STATUS_CODES, type IncomingMessage, type ServerResponse } from 'node:http';
import type { Duplex } from 'node:stream';
import { WebSocketServer, type WebSocket } from 'ws';
import {
	SSE_HEARTBEAT,
	SSE_HEARTBEAT_MS,
	SSE_RETRY_MS,
	TRANSPORTS_PATH,
	TRANSPORT_LIMITS,
	eventData,
	parseLastEventId,
	parseTransportQuery,
	sseEventText,
	sseGapText,
	sseRetryText,
	type PollResponse,
	type TransportEndpoint,
	type TransportQuery,
	type WireEvent,
	type WireGap
} from '../lib/protocol/transports/wire.js';

/** Time and timers, injected so tests can step them by hand. */
export interface TransportsClock {
	/** Milliseconds since the Unix epoch (fractions allowed). */
	now(): number;
	setTimeout(callback: () => void, ms: number): unknown;
	clearTimeout(handle: unknown): void;
}

/** The real clock; its timers do not keep the process alive (the sockets do). */
export const systemClock: TransportsClock = {
	now: () => performance.timeOrigin + performance.now(),
	setTimeout: (callback, ms) => setTimeout(callback, ms).unref(),
	clearTimeout: (handle) => clearTimeout(handle as NodeJS.Timeout)
};

/** Where the endpoints' one-line messages go. */
export interface TransportsLogger {
	info(line: string): void;
	warn(line: string): void;
}

/** Everything `createTransports` can be told; every field has a default. */
export interface TransportsOptions {
	/** A path prefix the endpoints are also served under, e.g. '/socket-explorer/'. */
	basePath?: string;
	/** Browser Origins allowed ('https://example.com'); others get 403. Default: any. */
	origins?: readonly string[];
	/** Default: nothing is logged. */
	logger?: TransportsLogger;
	/** Default: the system clock. */
	clock?: TransportsClock;
	/** Streams at once; a request for another gets 503. Default 64. */
	maxStreams?: number;
	/** Highest `rate=`. Default TRANSPORT_LIMITS.maxRate (50 events per second). */
	maxRate?: number;
	/** Events each stream keeps for late readers and `Last-Event-ID`. Default 1000. */
	historySize?: number;
	/** Long polls, SSE streams and WebSockets one client address may hold at once. Default 32. */
	maxHeldPerClient?: number;
	/** A stream nobody has used for this long is collected (ms). Default 60 s. */
	idleMs?: number;
	/** An SSE comment line this often (ms); 0 never. Default 15 s (WHATWG HTML §9.2.7). */
	heartbeatMs?: number;
	/** The `retry:` an SSE stream opens with (ms). Default 1000. */
	retryMs?: number;
	/** Unsent bytes an SSE stream or WebSocket may pile up before it is closed. Default 1 MiB. */
	maxBufferedBytes?: number;
}

/** The defaults. */
export const TRANSPORTS_DEFAULTS = Object.freeze({
	maxStreams: 64,
	historySize: 1000,
	maxHeldPerClient: 32,
	idleMs: 60_000,
	heartbeatMs: SSE_HEARTBEAT_MS,
	retryMs: SSE_RETRY_MS,
	maxBufferedBytes: 1024 * 1024
});

/** The endpoints, ready to be given requests and upgrades. */
export interface TransportsEndpoints {
	/** Streams alive now. */
	readonly streams: number;
	/** Requests held now (long polls, SSE streams, WebSockets), over all clients. */
	readonly held: number;
	/** Answers the request if its path is one of the endpoints and returns true; else false. */
	handle(req: IncomingMessage, res: ServerResponse): boolean;
	/** Takes an upgrade to `<base>/transports/ws` and returns true; false for any other path. */
	handleUpgrade(req: IncomingMessage, socket: Duplex, head: Buffer): boolean;
	/** Ends every held request and stream and stops every stream's clock. */
	close(): Promise<void>;
}

/** The endpoint a request path names (at the root or under the base path), or null. */
export function matchTransportsPath(
	url: string | undefined,
	basePath = '/'
): TransportEndpoint | null {
	if (!url) return null;
	let path = url.split('?')[0];
	// Absolute-form request targets (RFC 9112 §3.2.2) carry the scheme and host too.
	if (/^[a-z][a-z0-9+.-]*:\/\//i.test(path)) {
		try {
			path = new URL(path).pathname;
		} catch {
			return null;
		}
	}
	const base = basePath.endsWith('/') ? basePath : basePath + '/';
	for (const prefix of base === '/' ? ['/'] : ['/', base]) {
		if (!path.startsWith(prefix + TRANSPORTS_PATH + '/')) continue;
		const rest = path.slice(prefix.length + TRANSPORTS_PATH.length + 1);
		if (rest === 'poll' || rest === 'long-poll' || rest === 'sse' || rest === 'ws') return rest;
	}
	return null;
}

/** A request the endpoints refuse: status, reason, extra headers. */
class Refusal {
	constructor(
		readonly status: number,
		readonly reason: string,
		readonly headers: Record<string, string> = {}
	) {}
}

/** Something waiting for a stream's next events. */
interface Subscriber {
	deliver(events: WireEvent[]): void;
}

interface Stream {
	name: string;
	rate: number;
	size: number;
	createdAt: number;
	lastId: number;
	/** The newest `historySize` events, oldest first. */
	history: WireEvent[];
	subscribers: Set<Subscriber>;
	lastUsedAt: number;
	timer: unknown;
}

/** Rounds a time to 0.1 ms: finer than any latency shown, and a short JSON number. */
function tenths(ms: number): number {
	return Math.round(ms * 10) / 10;
}

/** Creates the endpoints; nothing runs until a request names a stream. */
export function createTransports(options: TransportsOptions = {}): TransportsEndpoints {
	const basePath = options.basePath ?? '/';
	const origins = new Set((options.origins ?? []).map((origin) => new URL(origin).origin));
	const logger = options.logger;
	const clock = options.clock ?? systemClock;
	const maxRate = options.maxRate ?? TRANSPORT_LIMITS.maxRate;
	const maxStreams = options.maxStreams ?? TRANSPORTS_DEFAULTS.maxStreams;
	const historySize = Math.max(1, options.historySize ?? TRANSPORTS_DEFAULTS.historySize);
	const maxHeld = options.maxHeldPerClient ?? TRANSPORTS_DEFAULTS.maxHeldPerClient;
	const idleMs = options.idleMs ?? TRANSPORTS_DEFAULTS.idleMs;
	const heartbeatMs = options.heartbeatMs ?? TRANSPORTS_DEFAULTS.heartbeatMs;
	const retryMs = options.retryMs ?? TRANSPORTS_DEFAULTS.retryMs;
	const maxBuffered = options.maxBufferedBytes ?? TRANSPORTS_DEFAULTS.maxBufferedBytes;

	const streams = new Map<string, Stream>();
	const heldBy = new Map<string, number>();
	let held = 0;
	let closed = false;
	/** Ends every held request, stream and socket; run by close(). */
	const enders = new Set<() => void>();

	// Frame sizes are what the page counts, so no compression: each event is one plain frame.
	const wss = new WebSocketServer({
		noServer: true,
		clientTracking: false,
		perMessageDeflate: false
	});
	wss.on('error', (error: Error) => logger?.warn(`transports ws error: ${error.message}`));

	function schedule(stream: Stream): void {
		const due = stream.createdAt + ((stream.lastId + 1) * 1000) / stream.rate;
		stream.timer = clock.setTimeout(() => tick(stream), Math.max(0, due - clock.now()));
	}

	/** Generates every event that is due, hands them out, and collects an idle stream. */
	function tick(stream: Stream): void {
		const now = clock.now();
		const fresh: WireEvent[] = [];
		// A late timer generates what fell due meanwhile, but never more than history holds.
		const due = Math.floor(((now - stream.createdAt) * stream.rate) / 1000 + 1e-9);
		const first = Math.max(stream.lastId + 1, due - historySize + 1);
		for (let id = first; id <= due; id++) {
			fresh.push({ id, data: eventData(id, stream.size), sentAt: tenths(now) });
		}
		if (fresh.length > 0) {
			stream.lastId = due;
			stream.history.push(...fresh);
			if (stream.history.length > historySize) {
				stream.history.splice(0, stream.history.length - historySize);
			}
			for (const subscriber of [...stream.subscribers]) {
				try {
					subscriber.deliver(fresh);
				} catch (error) {
					logger?.warn(`transports: delivery failed: ${(error as Error).message}`);
				}
			}
		}
		if (stream.subscribers.size === 0 && now - stream.lastUsedAt >= idleMs) {
			streams.delete(stream.name);
			logger?.info(`transports: stream ${stream.name} collected after ${stream.lastId} events`);
			return;
		}
		schedule(stream);
	}

	/** The stream the query names, created on first use. */
	function streamFor(query: TransportQuery): Stream {
		const existing = streams.get(query.stream);
		if (existing) {
			if (existing.rate !== query.rate || existing.size !== query.size) {
				throw new Refusal(
					400,
					`stream ${query.stream} already runs at rate=${existing.rate} size=${existing.size}: ` +
						'name another stream for other parameters'
				);
			}
			existing.lastUsedAt = clock.now();
			return existing;
		}
		if (closed) throw new Refusal(503, 'The server is shutting down');
		if (streams.size >= maxStreams) {
			throw new Refusal(503, `Too many streams at once (at most ${maxStreams}): try again later`, {
				'Retry-After': '5'
			});
		}
		const now = clock.now();
		const stream: Stream = {
			name: query.stream,
			rate: query.rate,
			size: query.size,
			createdAt: now,
			lastId: 0,
			history: [],
			subscribers: new Set(),
			lastUsedAt: now,
			timer: undefined
		};
		streams.set(stream.name, stream);
		schedule(stream);
		logger?.info(`transports: stream ${stream.name} at ${stream.rate}/s, ${stream.size} bytes`);
		return stream;
	}

	/** Events after `since` (null: none, "from now on"), and the gap when history is too short. */
	function backlog(stream: Stream, since: number | null): { events: WireEvent[]; gap?: WireGap } {
		if (since === null || since === stream.lastId) return { events: [] };
		if (since > stream.lastId) {
			throw new Refusal(
				400,
				`since=${since} is ahead of stream ${stream.name}, whose newest event is ${stream.lastId}` +
					' (a stream starts again from 1 after it was idle)'
			);
		}
		const firstAvailable = stream.history[0]?.id ?? stream.lastId + 1;
		const events = stream.history.filter((event) => event.id > since);
		if (since >= firstAvailable - 1) return { events };
		return { events, gap: { since, firstAvailable, missed: firstAvailable - 1 - since } };
	}

	function clientOf(req: IncomingMessage): string {
		return req.socket.remoteAddress ?? '?';
	}

	/** Counts one held request for the client; a 429 Refusal beyond the cap. */
	function hold(client: string): () => void {
		const count = heldBy.get(client) ?? 0;
		if (count >= maxHeld) {
			throw new Refusal(
				429,
				`Too many held requests from ${client} (at most ${maxHeld} long polls, event streams ` +
					'and WebSockets at once): close some first',
				{ 'Retry-After': '1' }
			);
		}
		heldBy.set(client, count + 1);
		held++;
		let released = false;
		return () => {
			if (released) return;
			released = true;
			held--;
			const left = (heldBy.get(client) ?? 1) - 1;
			if (left === 0) heldBy.delete(client);
			else heldBy.set(client, left);
		};
	}

	/** CORS headers for an allowed Origin; a 403 Refusal for one the allowlist leaves out. */
	function corsHeaders(req: IncomingMessage): Record<string, string> {
		const origin = req.headers.origin;
		if (origin === undefined) return {};
		// Without an allowlist any page may read the stream, as any page may open /echo.
		if (origins.size > 0 && !origins.has(origin.toLowerCase())) {
			throw new Refusal(403, `Origin ${origin} is not allowed`);
		}
		return { 'Access-Control-Allow-Origin': origin, Vary: 'Origin' };
	}

	function parse(
		endpoint: TransportEndpoint,
		req: IncomingMessage
	): { query: TransportQuery; stream: Stream } {
		const url = req.url ?? '';
		const search = url.includes('?') ? url.slice(url.indexOf('?') + 1) : '';
		const parsed = parseTransportQuery(endpoint, new URLSearchParams(search), { maxRate });
		if (!parsed.ok) throw new Refusal(400, parsed.error);
		const query = parsed.query;
		if (endpoint === 'sse') {
			// The browser's resumption point wins over the one the page put in the URL.
			const last = parseLastEventId(req.headers['last-event-id'] as string | undefined);
			if (!last.ok) throw new Refusal(400, last.error);
			if (last.since !== null) query.since = last.since;
		}
		return { query, stream: streamFor(query) };
	}

	function sendJson(res: ServerResponse, body: PollResponse, headers: Record<string, string>) {
		if (res.headersSent || res.destroyed) return;
		const text = JSON.stringify(body);
		res.writeHead(200, {
			'Content-Type': 'application/json; charset=utf-8',
			'Content-Length': String(Buffer.byteLength(text)),
			'Cache-Control': 'no-store',
			'X-Content-Type-Options': 'nosniff',
			...headers
		});
		res.end(res.req.method === 'HEAD' ? undefined : text);
	}

	function answer(
		res: ServerResponse,
		stream: Stream,
		since: number | null,
		headers: Record<string, string>
	): void {
		const { events, gap } = backlog(stream, since);
		const next = events.at(-1)?.id ?? (since === null ? stream.lastId : since);
		sendJson(
			res,
			{ events, next, serverTime: tenths(clock.now()), ...(gap ? { gap } : {}) },
			headers
		);
	}

	function longPoll(req: IncomingMessage, res: ServerResponse, headers: Record<string, string>) {
		const { query, stream } = parse('long-poll', req);
		// No `since`: wait for the next event.
		const since = query.since ?? stream.lastId;
		const now = backlog(stream, since);
		if (now.events.length > 0 || now.gap || query.timeoutMs === 0) {
			return answer(res, stream, since, headers);
		}
		const release = hold(clientOf(req));
		const subscriber: Subscriber = { deliver: () => finish() };
		/** Lets go of the request; false when that was done already. */
		const letGo = () => {
			if (!stream.subscribers.delete(subscriber)) return false;
			clock.clearTimeout(timer);
			release();
			enders.delete(finish);
			stream.lastUsedAt = clock.now();
			return true;
		};
		const finish = () => {
			if (letGo()) answer(res, stream, since, headers);
		};
		const gone = () => void letGo();
		stream.subscribers.add(subscriber);
		enders.add(finish);
		const timer = clock.setTimeout(finish, query.timeoutMs);
		// The client gave up (or the page closed): free its place at once.
		res.on('close', gone);
	}

	function sse(req: IncomingMessage, res: ServerResponse, headers: Record<string, string>) {
		const { query, stream } = parse('sse', req);
		const { events, gap } = backlog(stream, query.since);
		const release = hold(clientOf(req));
		res.writeHead(200, {
			'Content-Type': 'text/event-stream; charset=utf-8',
			'Cache-Control': 'no-store',
			'X-Content-Type-Options': 'nosniff',
			// Asks buffering proxies (nginx) to pass each event on at once.
			'X-Accel-Buffering': 'no',
			...headers
		});
		if (req.method === 'HEAD') {
			release();
			res.end();
			return;
		}
		let ended = false;
		let heartbeat: unknown;
		const write = (text: string) => {
			if (ended) return;
			res.write(text);
			if (res.writableLength > maxBuffered) {
				logger?.warn(`transports: sse on ${stream.name} dropped: the client reads too slowly`);
				end();
			}
		};
		const subscriber: Subscriber = {
			deliver: (fresh) => {
				for (const event of fresh) write(sseEventText(event));
			}
		};
		const beat = () => {
			write(SSE_HEARTBEAT);
			heartbeat = clock.setTimeout(beat, heartbeatMs);
		};
		const stop = () => {
			if (ended) return;
			ended = true;
			stream.subscribers.delete(subscriber);
			clock.clearTimeout(heartbeat);
			release();
			enders.delete(end);
			stream.lastUsedAt = clock.now();
		};
		const end = () => {
			stop();
			res.end();
		};
		res.on('close', stop);
		enders.add(end);
		write(sseRetryText(retryMs));
		if (gap) write(sseGapText(gap));
		for (const event of events) write(sseEventText(event));
		if (ended) return;
		stream.subscribers.add(subscriber);
		if (heartbeatMs > 0) heartbeat = clock.setTimeout(beat, heartbeatMs);
	}

	function serve(endpoint: TransportEndpoint, req: IncomingMessage, res: ServerResponse): void {
		if (req.method === 'OPTIONS') {
			// A CORS preflight: EventSource may send Last-Event-ID, which is not safelisted.
			const headers = corsHeaders(req);
			res.writeHead(204, {
				...headers,
				'Access-Control-Allow-Methods': 'GET, HEAD',
				'Access-Control-Allow-Headers': 'Last-Event-ID, Cache-Control',
				'Access-Control-Max-Age': '600'
			});
			res.end();
			return;
		}
		if (req.method !== 'GET' && req.method !== 'HEAD') {
			throw new Refusal(405, `Use GET; ${req.method} is not allowed here`, { Allow: 'GET, HEAD' });
		}
		const headers = corsHeaders(req);
		if (endpoint === 'ws') {
			throw new Refusal(426, 'This is a WebSocket endpoint: connect to it with ws:// or wss://', {
				Upgrade: 'websocket',
				Connection: 'Upgrade'
			});
		}
		if (closed) throw new Refusal(503, 'The server is shutting down');
		if (endpoint === 'poll') {
			const { query, stream } = parse('poll', req);
			return answer(res, stream, query.since, headers);
		}
		if (endpoint === 'long-poll') return longPoll(req, res, headers);
		return sse(req, res, headers);
	}

	function refuseHttp(res: ServerResponse, refusal: Refusal): void {
		if (res.headersSent || res.destroyed) return;
		const body = refusal.reason + '\n';
		res.writeHead(refusal.status, {
			'Content-Type': 'text/plain; charset=utf-8',
			'Content-Length': String(Buffer.byteLength(body)),
			'Cache-Control': 'no-store',
			'X-Content-Type-Options': 'nosniff',
			...refusal.headers
		});
		res.end(res.req.method === 'HEAD' ? undefined : body);
	}

	function handle(req: IncomingMessage, res: ServerResponse): boolean {
		const endpoint = matchTransportsPath(req.url, basePath);
		if (!endpoint) return false;
		try {
			serve(endpoint, req, res);
		} catch (error) {
			if (error instanceof Refusal) {
				logger?.info(`transports: ${error.status} ${req.url}: ${error.reason}`);
				refuseHttp(res, error);
			} else {
				logger?.warn(`transports: ${req.url} failed: ${(error as Error).message}`);
				refuseHttp(res, new Refusal(500, 'The server failed to answer this request'));
			}
		}
		return true;
	}

	/** Writes a complete HTTP refusal on a socket that asked to upgrade, and closes it. */
	function refuseSocket(socket: Duplex, refusal: Refusal): void {
		if (!socket.writable) return void socket.destroy();
		const body = refusal.reason + '\n';
		const extra = Object.entries(refusal.headers)
			.map(([name, value]) => `${name}: ${value}\r\n`)
			.join('');
		socket.once('finish', () => socket.destroy());
		socket.end(
			`HTTP/1.1 ${refusal.status} ${STATUS_CODES[refusal.status] ?? ''}\r\n` +
				'Connection: close\r\n' +
				'Content-Type: text/plain; charset=utf-8\r\n' +
				`Content-Length: ${Buffer.byteLength(body)}\r\n` +
				extra +
				'\r\n' +
				body
		);
	}

	function openSocket(ws: WebSocket, stream: Stream, since: number | null, release: () => void) {
		let open = true;
		const send = (message: object) => {
			if (!open) return;
			ws.send(JSON.stringify(message));
			if (ws.bufferedAmount > maxBuffered) {
				logger?.warn(`transports: ws on ${stream.name} closed: the client reads too slowly`);
				ws.close(1008, 'Too many unread events');
			}
		};
		const subscriber: Subscriber = {
			deliver: (fresh) => {
				for (const event of fresh) send(event);
			}
		};
		const end = () => ws.close(1001, 'Server shutting down');
		ws.on('error', (error) => logger?.warn(`transports ws: ${error.message}`));
		ws.on('close', () => {
			open = false;
			stream.subscribers.delete(subscriber);
			release();
			enders.delete(end);
			stream.lastUsedAt = clock.now();
		});
		enders.add(end);
		// The backlog is read now: the stream may have moved on during the handshake.
		let start: { events: WireEvent[]; gap?: WireGap };
		try {
			start = backlog(stream, since === null ? null : Math.min(since, stream.lastId));
		} catch {
			start = { events: [] };
		}
		if (start.gap) send({ gap: start.gap });
		for (const event of start.events) send(event);
		stream.subscribers.add(subscriber);
	}

	function handleUpgrade(req: IncomingMessage, socket: Duplex, head: Buffer): boolean {
		if (matchTransportsPath(req.url, basePath) !== 'ws') return false;
		socket.on('error', (error) => logger?.warn(`transports socket error: ${error.message}`));
		try {
			if (closed) throw new Refusal(503, 'The server is shutting down');
			corsHeaders(req);
			const { query, stream } = parse('ws', req);
			// Checked before the handshake, so a refused socket costs nothing.
			backlog(stream, query.since);
			const release = hold(clientOf(req));
			wss.handleUpgrade(req, socket, head, (ws) => {
				try {
					openSocket(ws, stream, query.since, release);
				} catch (error) {
					release();
					logger?.warn(`transports ws open failed: ${(error as Error).message}`);
					ws.terminate();
				}
			});
		} catch (error) {
			const refusal =
				error instanceof Refusal
					? error
					: new Refusal(500, `The upgrade failed: ${(error as Error).message}`);
			logger?.info(`transports: refuse ${refusal.status} ${req.url}: ${refusal.reason}`);
			refuseSocket(socket, refusal);
		}
		return true;
	}

	return {
		get streams() {
			return streams.size;
		},
		get held() {
			return held;
		},
		handle,
		handleUpgrade,
		async close() {
			closed = true;
			for (const end of [...enders]) end();
			for (const stream of streams.values()) clock.clearTimeout(stream.timer);
			streams.clear();
			wss.close();
		}
	};
}
