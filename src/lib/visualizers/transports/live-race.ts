/**
 * The live race, in the browser: the four transports receive one stream from the project's
 * server at once (fetch for short and long polling, EventSource, WebSocket), and each event's
 * receipt is timed. The arithmetic is in src/lib/protocol/transports/measure.ts.
 *
 * 1. Clock: a few polls, each timed on the browser's clock around the server's `serverTime`,
 *    give the offset between the clocks (the first also creates the stream).
 * 2. Race: all four start from the same event id and run for the chosen duration. Events sent in
 *    that window (on the server's clock) are the race's.
 * 3. Collect: the transports keep running a little longer, so events sent just before the end
 *    can still arrive, then everything is closed and the bytes are read.
 */
import {
	estimateClockOffset,
	measuredLatency,
	resourceBytes,
	sseBodyBytes,
	webSocketFrameBytes,
	type ClockOffset,
	type ClockProbe,
	type Receipt
} from '$lib/protocol/transports/measure';
import type { LatencyStats, TransportName } from '$lib/protocol/transports/types';
import { TRANSPORT_NAMES } from '$lib/protocol/transports/types';
import {
	SSE_HEARTBEAT_MS,
	SSE_RETRY_MS,
	TRANSPORT_ENDPOINTS,
	parsePollResponse,
	parseWireMessage,
	transportQueryString,
	utf8Length,
	type WireEvent,
	type WireGap
} from '$lib/protocol/transports/wire';

/** What one race runs. */
export interface LiveRaceSettings {
	/** The endpoints' folder, http(s)://host/base/transports/ (from localTransportsUrl). */
	folder: string;
	durationMs: number;
	/** Events per second (within the server's limits). */
	rate: number;
	/** Bytes of data per event. */
	size: number;
	/** Short polling: from the start of one poll to the next (ms). */
	pollIntervalMs: number;
	/** Long polling: how long the server may hold a request (ms). */
	longPollTimeoutMs: number;
}

/** Where a race is. */
export type LivePhase = 'clock' | 'racing' | 'collecting';

/** What was measured for one transport. */
export interface MeasuredTransport {
	latency: LatencyStats;
	/** Events of the race's window this transport received. */
	events: number;
	/** HTTP requests started in the window (WebSocket: its one Upgrade; SSE: 1 + reconnects). */
	requests: number;
	/** Bytes the server sent for it (see `bytesFrom`); header null when nothing reports it. */
	bytes: { total: number; header: number | null; payload: number };
	/** True when the header bytes are Resource Timing's constant 300 per response, not a measure. */
	headerStandIn: boolean;
	/** How the bytes were counted. */
	bytesFrom: 'resource-timing' | 'frames' | 'stream-format';
	/** Gap notices received (the server's history no longer reached back). */
	gaps: number;
	/** What went wrong on the way, if anything. */
	errors: string[];
}

/** A finished race. */
export interface LiveRaceResult {
	stream: string;
	offset: ClockOffset;
	/** Length of the window the figures cover (ms). */
	windowMs: number;
	/** Events the server sent in the window (the most any transport received). */
	eventsSent: number;
	transports: Record<TransportName, MeasuredTransport>;
}

/** The browser's clock, ms since the epoch, as finely as the browser allows. */
function now(): number {
	return performance.timeOrigin + performance.now();
}

function wait(ms: number, signal: AbortSignal): Promise<void> {
	return new Promise((resolve) => {
		const timer = setTimeout(resolve, ms);
		signal.addEventListener('abort', () => {
			clearTimeout(timer);
			resolve();
		});
	});
}

/** Per-transport state while racing. */
interface Lane {
	receipts: Receipt[];
	/** Byte lengths of WebSocket messages, by event id. */
	messageBytes: Map<number, number>;
	events: WireEvent[];
	/** Browser-clock start times of HTTP requests. */
	requestStarts: number[];
	gaps: WireGap[];
	errors: string[];
}

function lane(): Lane {
	return {
		receipts: [],
		messageBytes: new Map(),
		events: [],
		requestStarts: [],
		gaps: [],
		errors: []
	};
}

/** Runs one race; rejects only if the server cannot be reached at all. */
export async function runLiveRace(
	settings: LiveRaceSettings,
	onPhase: (phase: LivePhase, fraction: number) => void = () => {}
): Promise<LiveRaceResult> {
	const stream = `race-${Math.random().toString(36).slice(2, 10)}`;
	const base = { stream, rate: settings.rate, size: settings.size };
	const url = (transport: TransportName, extra: { since?: number; timeoutMs?: number } = {}) =>
		settings.folder +
		TRANSPORT_ENDPOINTS[transport] +
		'?' +
		transportQueryString({ ...base, ...extra });

	// Resource Timing entries of this race, kept as they come (the buffer holds only 250).
	const entries: PerformanceResourceTiming[] = [];
	const observer =
		typeof PerformanceObserver === 'function'
			? new PerformanceObserver((list) => {
					for (const entry of list.getEntries() as PerformanceResourceTiming[]) {
						if (entry.name.includes(`stream=${stream}`)) entries.push(entry);
					}
				})
			: null;
	observer?.observe({ type: 'resource' });

	// 1. Clock probes; the first creates the stream.
	onPhase('clock', 0);
	const probes: ClockProbe[] = [];
	let startId = 0;
	for (let i = 0; i < 5; i++) {
		const sentAt = now();
		const response = await fetch(url('short-polling'), { cache: 'no-store' });
		const text = await response.text();
		const receivedAt = now();
		if (!response.ok) throw new Error(text.trim() || `HTTP ${response.status}`);
		const answer = parsePollResponse(text);
		if ('error' in answer) throw new Error(answer.error);
		probes.push({ sentAt, receivedAt, serverTime: answer.serverTime });
		startId = answer.next;
	}
	const offset = estimateClockOffset(probes);
	if (!offset) throw new Error('the clock probes gave no usable time');

	// 2. The race.
	const stop = new AbortController();
	const lanes = Object.fromEntries(TRANSPORT_NAMES.map((name) => [name, lane()])) as Record<
		TransportName,
		Lane
	>;
	const receive = (name: TransportName, event: WireEvent, receivedAt: number) => {
		lanes[name].events.push(event);
		lanes[name].receipts.push({ id: event.id, sentAt: event.sentAt, receivedAt });
	};
	const fail = (name: TransportName, error: unknown) => {
		if (stop.signal.aborted) return;
		const message = error instanceof Error ? error.message : String(error);
		if (!lanes[name].errors.includes(message)) lanes[name].errors.push(message);
	};

	const raceStart = now();
	const raceEnd = raceStart + settings.durationMs;
	onPhase('racing', 0);

	const shortPolling = (async () => {
		let since = startId;
		for (let next = raceStart; !stop.signal.aborted; next += settings.pollIntervalMs) {
			await wait(Math.max(0, next - now()), stop.signal);
			if (stop.signal.aborted) break;
			lanes['short-polling'].requestStarts.push(now());
			try {
				const response = await fetch(url('short-polling', { since }), {
					cache: 'no-store',
					signal: stop.signal
				});
				const text = await response.text();
				const receivedAt = now();
				const answer = parsePollResponse(text);
				if ('error' in answer) throw new Error(response.ok ? answer.error : text.trim());
				for (const event of answer.events) receive('short-polling', event, receivedAt);
				if (answer.gap) lanes['short-polling'].gaps.push(answer.gap);
				since = answer.next;
			} catch (error) {
				fail('short-polling', error);
			}
		}
	})();

	const longPolling = (async () => {
		let since = startId;
		while (!stop.signal.aborted) {
			lanes['long-polling'].requestStarts.push(now());
			try {
				const response = await fetch(
					url('long-polling', { since, timeoutMs: settings.longPollTimeoutMs }),
					{ cache: 'no-store', signal: stop.signal }
				);
				const text = await response.text();
				const receivedAt = now();
				const answer = parsePollResponse(text);
				if ('error' in answer) throw new Error(response.ok ? answer.error : text.trim());
				for (const event of answer.events) receive('long-polling', event, receivedAt);
				if (answer.gap) lanes['long-polling'].gaps.push(answer.gap);
				since = answer.next;
			} catch (error) {
				fail('long-polling', error);
				// Not a tight loop of failures: wait a little before asking again.
				await wait(250, stop.signal);
			}
		}
	})();

	const sseOpenedAt = now();
	const source = new EventSource(url('sse', { since: startId }));
	lanes.sse.requestStarts.push(sseOpenedAt);
	let sseOpens = 0;
	source.onopen = () => {
		// A reconnection is one more request (the browser sends Last-Event-ID with it).
		if (++sseOpens > 1) lanes.sse.requestStarts.push(now());
	};
	source.onmessage = (message) => {
		const receivedAt = now();
		const parsed = parseWireMessage(message.data);
		if ('error' in parsed) fail('sse', parsed.error);
		else if ('id' in parsed) receive('sse', parsed, receivedAt);
	};
	source.addEventListener('gap', (message) => {
		const parsed = parseWireMessage(`{"gap":${(message as MessageEvent).data}}`);
		if (!('error' in parsed) && 'gap' in parsed) lanes.sse.gaps.push(parsed.gap);
	});
	source.onerror = () => fail('sse', 'the event stream was interrupted');

	const socket = new WebSocket(url('websocket', { since: startId }).replace(/^http/, 'ws'));
	lanes.websocket.requestStarts.push(now());
	socket.onmessage = (message) => {
		const receivedAt = now();
		if (typeof message.data !== 'string') return;
		const parsed = parseWireMessage(message.data);
		if ('error' in parsed) return fail('websocket', parsed.error);
		if ('gap' in parsed) return void lanes.websocket.gaps.push(parsed.gap);
		receive('websocket', parsed, receivedAt);
		lanes.websocket.messageBytes.set(parsed.id, utf8Length(message.data));
	};
	socket.onerror = () => fail('websocket', 'the WebSocket failed');

	const ticker = setInterval(
		() => onPhase('racing', Math.min(1, (now() - raceStart) / settings.durationMs)),
		100
	);
	await new Promise((resolve) => setTimeout(resolve, Math.max(0, raceEnd - now())));
	clearInterval(ticker);

	// 3. Collect: long enough for a poll after the end, and for the pushes to land.
	onPhase('collecting', 0);
	const windowEndServer = raceEnd + offset.offsetMs;
	await new Promise((resolve) =>
		setTimeout(resolve, Math.min(settings.pollIntervalMs, 10_000) + 500)
	);
	stop.abort();
	source.close();
	socket.close(1000, 'race over');
	await Promise.all([shortPolling, longPolling]);
	const closedAt = now();
	// The browser may write the event stream's entry only once it has ended.
	await new Promise((resolve) => setTimeout(resolve, 300));
	if (observer) {
		for (const entry of observer.takeRecords() as PerformanceResourceTiming[]) {
			if (entry.name.includes(`stream=${stream}`)) entries.push(entry);
		}
		observer.disconnect();
	}

	const inWindow = (event: { id: number; sentAt: number }) =>
		event.id > startId && event.sentAt <= windowEndServer;
	const eventsSent = Math.max(
		...TRANSPORT_NAMES.map(
			(name) => new Set(lanes[name].events.filter(inWindow).map((e) => e.id)).size
		)
	);
	// Requests the window started (Resource Timing's startTime is on the performance clock).
	const windowEndPerf = raceEnd - performance.timeOrigin;
	const httpEntries = (endpoint: string) =>
		entries.filter(
			(entry) => entry.name.includes(`/${endpoint}?`) && entry.startTime <= windowEndPerf
		);

	const measure = (name: TransportName): MeasuredTransport => {
		const data = lanes[name];
		const received = new Set(data.events.filter(inWindow).map((event) => event.id));
		const latency = measuredLatency(data.receipts, offset.offsetMs, {
			from: -Infinity,
			to: windowEndServer
		});
		const requests = data.requestStarts.filter((start) => start <= raceEnd).length;
		const common = {
			latency: { ...latency },
			events: received.size,
			requests,
			gaps: data.gaps.length,
			errors: data.errors
		};
		if (name === 'websocket') {
			const lengths = [...data.messageBytes].filter(([id]) => received.has(id)).map(([, n]) => n);
			const frames = webSocketFrameBytes(lengths);
			return {
				...common,
				bytes: { total: frames.total, header: frames.header, payload: frames.payload },
				headerStandIn: false,
				bytesFrom: 'frames'
			};
		}
		if (name === 'sse') {
			// Chromium writes the entry when the page closes the stream, but with no body counted
			// (encodedBodySize 0): then the body is worked out from what arrived.
			const entry = httpEntries(TRANSPORT_ENDPOINTS.sse).find((e) => e.encodedBodySize > 0);
			if (entry) {
				const http = resourceBytes([entry]);
				return {
					...common,
					bytes: { total: http.total, header: http.header, payload: http.body },
					headerStandIn: http.headerIsStandIn,
					bytesFrom: 'resource-timing'
				};
			}
			const heartbeats = Math.floor((closedAt - sseOpenedAt) / SSE_HEARTBEAT_MS);
			const body = sseBodyBytes(data.events, {
				retryMs: SSE_RETRY_MS,
				heartbeats,
				gaps: data.gaps
			});
			return {
				...common,
				bytes: { total: body, header: null, payload: body },
				headerStandIn: false,
				bytesFrom: 'stream-format'
			};
		}
		const http = resourceBytes(httpEntries(TRANSPORT_ENDPOINTS[name]));
		return {
			...common,
			bytes: { total: http.total, header: http.header, payload: http.body },
			headerStandIn: http.responses > 0 && http.headerIsStandIn,
			bytesFrom: 'resource-timing'
		};
	};

	return {
		stream,
		offset,
		windowMs: settings.durationMs,
		eventsSent,
		transports: Object.fromEntries(TRANSPORT_NAMES.map((name) => [name, measure(name)])) as Record<
			TransportName,
			MeasuredTransport
		>
	};
}
