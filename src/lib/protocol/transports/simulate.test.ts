import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { DEFAULT_OPTIONS, LIMITS, TRANSPORT_DEFAULTS, wsFrameHeaderBytes } from './defaults';
import { simulateTransports } from './simulate';
import { TRANSPORT_NAMES, type SimulationOptions, type SimulationResult } from './types';

/** A run that must succeed. */
function run(options: Partial<SimulationOptions>): {
	result: SimulationResult;
	events: number[];
} {
	const outcome = simulateTransports({ ...DEFAULT_OPTIONS, ...options });
	if (!outcome.ok) throw new Error(`${outcome.error.field}: ${outcome.error.message}`);
	return outcome;
}

/** Each event's latency on one transport, by event index. */
function latencies(result: SimulationResult, name: (typeof TRANSPORT_NAMES)[number]): number[] {
	const out: number[] = [];
	for (const item of result[name].timeline) {
		if (item.direction !== 'server-to-client') continue;
		for (const id of item.eventIds) out[id] = item.end;
	}
	return out;
}

/** Valid options of every shape the model accepts, kept small so each run is quick. */
const validOptions: fc.Arbitrary<SimulationOptions> = fc.record({
	events: fc.oneof(
		fc.array(fc.double({ min: 0, max: 4999, noNaN: true }), { maxLength: 40 }),
		fc.record({
			pattern: fc.constantFrom('regular' as const, 'poisson' as const, 'bursty' as const),
			rate: fc.double({ min: 0.01, max: 50, noNaN: true })
		})
	),
	durationMs: fc.constant(5000),
	rttMs: fc.double({ min: 0, max: 2000, noNaN: true }),
	pollIntervalMs: fc.integer({ min: 10, max: 3000 }),
	longPollTimeoutMs: fc.integer({ min: 100, max: 30_000 }),
	requestHeaderBytes: fc.integer({ min: 0, max: 4000 }),
	responseHeaderBytes: fc.integer({ min: 0, max: 4000 }),
	eventBytes: fc.integer({ min: 0, max: 70_000 }),
	http: fc.constantFrom('1.1' as const, '2' as const),
	tls: fc.option(fc.boolean(), { nil: undefined }),
	tlsVersion: fc.option(fc.constantFrom('1.2' as const, '1.3' as const), { nil: undefined }),
	seed: fc.integer()
});

describe('simulateTransports: the model invariants of issue 12', () => {
	it('short polling with events regular at a spacing unrelated to the interval averages interval / 2 + one-way delay', () => {
		// Events every 337 ms (prime, unrelated to the 1000 ms interval), well inside the run so
		// every one is polled; RTT 100 ms, so one-way delay is 50 ms.
		const events = Array.from({ length: 170 }, (_, i) => 500 + i * 337);
		const { result } = run({ events, durationMs: 60_000, rttMs: 100, pollIntervalMs: 1000 });
		const { latency } = result['short-polling'].summary;
		expect(latency.count).toBe(events.length);
		expect(latency.mean).toBeGreaterThan(1000 / 2 + 50 - 20);
		expect(latency.mean).toBeLessThan(1000 / 2 + 50 + 20);
		// No event waits longer than one interval plus the trip back.
		expect(latency.max).toBeLessThanOrEqual(1000 + 50);
	});

	it('SSE and WebSocket deliver every event after exactly the one-way delay', () => {
		// After the set-up (1 RTT TCP + 1 RTT TLS 1.3) and the request's trip: 250 ms at RTT 100.
		const events = [300, 301, 301, 950, 2000, 2000.5, 4999];
		for (const tls of [false, true]) {
			const { result } = run({ events, durationMs: 5000, rttMs: 100, tls, tlsVersion: '1.3' });
			for (const name of ['sse', 'websocket'] as const) {
				const arrived = latencies(result, name);
				expect(arrived.length).toBe(events.length);
				events.forEach((time, i) => expect(arrived[i] - time).toBeCloseTo(50, 9));
			}
		}
	});

	it('long polling delivers after the one-way delay while the server is idle, and later for an event just after a response', () => {
		// RTT 100: the poll is held at the server from 150 ms. The event at 1000 goes out at once
		// (arrives 1050). The event at 1010 comes 10 ms after that response left: it waits for
		// the response to arrive (1050) and the next request to reach the server (1100), then
		// crosses back (1150): 140 ms, almost the "three network transits" of RFC 6202 §2.2.
		const { result } = run({ events: [1000, 1010, 3000], durationMs: 5000, rttMs: 100 });
		const arrived = latencies(result, 'long-polling');
		expect(arrived[0] - 1000).toBeCloseTo(50, 9);
		expect(arrived[1] - 1010).toBeCloseTo(140, 9);
		expect(arrived[2] - 3000).toBeCloseTo(50, 9);
		expect(result['long-polling'].summary.latency.max).toBeCloseTo(140, 9);
	});

	it('adds up every summary from its timeline: bytes, requests, connections and empty answers', () => {
		fc.assert(
			fc.property(validOptions, (options) => {
				const outcome = simulateTransports(options);
				expect(outcome.ok).toBe(true);
				if (!outcome.ok) return;
				for (const name of TRANSPORT_NAMES) {
					const { timeline, summary } = outcome.result[name];
					const header = timeline.reduce((sum, e) => sum + e.bytes.header, 0);
					const payload = timeline.reduce((sum, e) => sum + e.bytes.payload, 0);
					expect(summary.bytes).toEqual({ header, payload, total: header + payload });
					expect(summary.requests).toBe(timeline.filter((e) => e.kind === 'request').length);
					expect(summary.connections).toBe(timeline.filter((e) => e.kind === 'connect').length);
					expect(summary.emptyResponses).toBe(timeline.filter((e) => e.empty).length);
					const carried = timeline.flatMap((e) => e.eventIds);
					expect(new Set(carried).size).toBe(carried.length);
					expect(summary.latency.count).toBe(carried.length);
					expect(summary.latency.count + summary.undelivered).toBe(outcome.events.length);
				}
			}),
			{ numRuns: 150 }
		);
	});

	it('gives the same output for the same seed', () => {
		fc.assert(
			fc.property(validOptions, (options) => {
				expect(simulateTransports(options)).toEqual(simulateTransports({ ...options }));
			}),
			{ numRuns: 50 }
		);
		const a = run({ seed: 7 });
		expect(run({ seed: 7 })).toEqual(a);
		expect(run({ seed: 8 }).events).not.toEqual(a.events);
	});

	it('never throws, whatever it is given', () => {
		const nearlyValid = fc.record(
			{
				events: fc.oneof(
					fc.anything(),
					fc.array(fc.double()),
					fc.record({ pattern: fc.string(), rate: fc.double() })
				),
				durationMs: fc.oneof(fc.double(), fc.anything()),
				rttMs: fc.double(),
				pollIntervalMs: fc.double(),
				longPollTimeoutMs: fc.double(),
				requestHeaderBytes: fc.oneof(fc.integer(), fc.double()),
				responseHeaderBytes: fc.integer(),
				eventBytes: fc.integer(),
				http: fc.oneof(fc.constantFrom('1.1', '2'), fc.anything()),
				tls: fc.anything(),
				tlsVersion: fc.anything(),
				seed: fc.double()
			},
			{ requiredKeys: [] }
		);
		fc.assert(
			fc.property(fc.oneof(fc.anything(), nearlyValid), (input) => {
				const outcome = simulateTransports(input as SimulationOptions);
				if (!outcome.ok) {
					expect(typeof outcome.error.field).toBe('string');
					expect(outcome.error.message.length).toBeGreaterThan(0);
				}
			}),
			{ numRuns: 500 }
		);
	});
});

describe('simulateTransports: options it cannot use', () => {
	it('names the bad option, and the index of a bad event time', () => {
		const bad = (options: object) => simulateTransports({ ...DEFAULT_OPTIONS, ...options });
		expect(bad({ rttMs: -1 })).toMatchObject({ ok: false, error: { field: 'rttMs' } });
		expect(bad({ http: '3' })).toMatchObject({ ok: false, error: { field: 'http' } });
		expect(bad({ events: [10, Number.NaN] })).toMatchObject({
			ok: false,
			error: { field: 'events', index: 1 }
		});
		expect(bad({ events: { pattern: 'regular', rate: 0 } })).toMatchObject({
			ok: false,
			error: { field: 'events.rate' }
		});
		expect(bad({ pollIntervalMs: 10, durationMs: LIMITS.durationMs.max })).toMatchObject({
			ok: false,
			error: { field: 'pollIntervalMs' }
		});
		expect(simulateTransports(null as unknown as SimulationOptions)).toMatchObject({
			ok: false,
			error: { field: 'options' }
		});
	});
});

describe('the stated costs', () => {
	it('sizes WebSocket frame headers as RFC 6455 §5.2 lays them out, +4 when masked', () => {
		expect([0, 125, 126, 65_535, 65_536].map((n) => wsFrameHeaderBytes(n, false))).toEqual([
			2, 2, 4, 4, 10
		]);
		expect([0, 126, 65_536].map((n) => wsFrameHeaderBytes(n, true))).toEqual([6, 8, 14]);
	});

	it('counts the 101 response of RFC 6455 §1.3 as 129 bytes', () => {
		// 34 + 20 + 21 + 52 + 2, counted by hand from the RFC's example.
		expect(TRANSPORT_DEFAULTS.ws101Bytes.value).toBe(129);
	});

	it('charges an SSE event its id: and data: lines and an HTTP/1.1 chunk', () => {
		const { result } = run({ events: [1000], eventBytes: 100, http: '1.1' });
		const [event] = result.sse.timeline.filter((e) => e.kind === 'event');
		// "id: 1\n" (6) + "data: " (6) + "\n\n" (2) = 14; the chunk of 114 bytes: "72\r\n" + "\r\n".
		expect(event.bytes).toEqual({ header: 14 + 6, payload: 100 });
	});

	it('opens connections in 1 round trip, 2 with TLS 1.3 and 3 with TLS 1.2', () => {
		for (const [tls, tlsVersion, trips] of [
			[false, '1.3', 1],
			[true, '1.3', 2],
			[true, '1.2', 3]
		] as const) {
			const { result } = run({ rttMs: 80, tls, tlsVersion });
			const [connect] = result.websocket.timeline;
			expect(connect).toMatchObject({ kind: 'connect', start: 0, end: 80 * trips });
		}
	});

	it('compresses HTTP/2 repeated request headers to a fixed size, and uses one connection', () => {
		const h1 = run({ http: '1.1', requestHeaderBytes: 700 }).result['short-polling'];
		const h2 = run({ http: '2', requestHeaderBytes: 700 }).result['short-polling'];
		const sizes = (t: typeof h1) =>
			t.timeline.filter((e) => e.kind === 'request').map((e) => e.bytes.header);
		expect(new Set(sizes(h1))).toEqual(new Set([700]));
		expect(sizes(h2)[0]).toBe(700);
		expect(new Set(sizes(h2).slice(1))).toEqual(
			new Set([TRANSPORT_DEFAULTS.hpackRepeatRequestBytes.value])
		);
		expect(h2.summary.connections).toBe(1);
	});

	it('opens at most six HTTP/1.1 connections when polls overlap, and queues the rest', () => {
		// A poll every 50 ms with a 1 s round trip: each takes 1 s, so 6 are always out.
		const { result } = run({ pollIntervalMs: 50, rttMs: 1000, durationMs: 10_000 });
		const polls = result['short-polling'];
		expect(polls.summary.connections).toBe(6);
		const perConnection = new Map<number, number>();
		for (const e of polls.timeline.filter((e) => e.kind === 'request')) {
			perConnection.set(e.connection, (perConnection.get(e.connection) ?? 0) + 1);
		}
		expect(perConnection.size).toBe(6);
		// No connection carries two requests at once.
		for (let c = 0; c < 6; c++) {
			const mine = polls.timeline.filter((e) => e.connection === c && e.kind !== 'connect');
			for (let i = 2; i < mine.length; i += 2)
				expect(mine[i].start).toBeGreaterThanOrEqual(mine[i - 1].end);
		}
	});
});
