import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
	estimateClockOffset,
	measuredLatency,
	resourceBytes,
	sseBodyBytes,
	webSocketFrameBytes
} from './measure';

describe('estimateClockOffset', () => {
	it('takes the middle of one round trip, uncertain by half of it (NTP with one stamp)', () => {
		// Browser sends at 1000 and receives at 1010; the server stamped 5005 in between. If the
		// stamp was at the middle of the trip (1005 on the browser) the offset is 4000; it can be
		// anything from 5005 − 1010 = 3995 to 5005 − 1000 = 4005.
		expect(estimateClockOffset([{ sentAt: 1000, receivedAt: 1010, serverTime: 5005 }], 0)).toEqual({
			offsetMs: 4000,
			uncertaintyMs: 5,
			bestRttMs: 10,
			probes: 1,
			consistent: true
		});
	});

	it('narrows the offset to where every probe agrees', () => {
		// First allows [3995, 4005], second [4001, 4011]: both hold only within [4001, 4005].
		const offset = estimateClockOffset(
			[
				{ sentAt: 1000, receivedAt: 1010, serverTime: 5005 },
				{ sentAt: 2000, receivedAt: 2010, serverTime: 6011 }
			],
			0
		);
		expect(offset).toMatchObject({ offsetMs: 4003, uncertaintyMs: 2, consistent: true });
	});

	it('widens each bound by the clocks’ resolution', () => {
		const offset = estimateClockOffset([{ sentAt: 0, receivedAt: 2, serverTime: 101 }], 0.5);
		expect(offset).toMatchObject({ offsetMs: 100, uncertaintyMs: 1.5 });
	});

	it('falls back to the shortest round trip when the probes contradict each other', () => {
		const offset = estimateClockOffset(
			[
				{ sentAt: 0, receivedAt: 4, serverTime: 102 },
				{ sentAt: 10, receivedAt: 30, serverTime: 500 }
			],
			0
		);
		expect(offset).toMatchObject({
			offsetMs: 100,
			uncertaintyMs: 2,
			bestRttMs: 4,
			consistent: false
		});
	});

	it('finds a known offset within its stated uncertainty, whatever the delays', () => {
		fc.assert(
			fc.property(
				fc.double({ min: -1e6, max: 1e6, noNaN: true }),
				fc.array(
					fc.record({
						start: fc.double({ min: 0, max: 1e5, noNaN: true }),
						there: fc.double({ min: 0, max: 500, noNaN: true }),
						back: fc.double({ min: 0, max: 500, noNaN: true })
					}),
					{ minLength: 1, maxLength: 8 }
				),
				(trueOffset, trips) => {
					const probes = trips.map(({ start, there, back }) => ({
						sentAt: start,
						serverTime: start + there + trueOffset,
						receivedAt: start + there + back
					}));
					const offset = estimateClockOffset(probes, 1e-6)!;
					expect(offset.consistent).toBe(true);
					expect(Math.abs(offset.offsetMs - trueOffset)).toBeLessThanOrEqual(
						offset.uncertaintyMs + 1e-6
					);
				}
			)
		);
	});

	it('is null without a usable probe', () => {
		expect(estimateClockOffset([])).toBeNull();
		expect(estimateClockOffset([{ sentAt: 10, receivedAt: 5, serverTime: 0 }])).toBeNull();
		expect(estimateClockOffset([{ sentAt: NaN, receivedAt: 5, serverTime: 0 }])).toBeNull();
	});
});

describe('measuredLatency', () => {
	it('converts receipt to server time with the offset, counts each event once, within the window', () => {
		// Server clock 1000 ms ahead. Event 1 sent at server 5000, received at browser 4003: 3 ms.
		const receipts = [
			{ id: 1, sentAt: 5000, receivedAt: 4003 },
			{ id: 2, sentAt: 5100, receivedAt: 4107 },
			{ id: 2, sentAt: 5100, receivedAt: 4200 },
			{ id: 3, sentAt: 9000, receivedAt: 8001 }
		];
		expect(measuredLatency(receipts, 1000, { from: 5000, to: 6000 })).toEqual({
			count: 2,
			mean: 5,
			p50: 3,
			p95: 7,
			max: 7
		});
	});

	it('is all zeros with count 0 when nothing arrived', () => {
		expect(measuredLatency([], 0)).toEqual({ count: 0, mean: 0, p50: 0, p95: 0, max: 0 });
	});
});

describe('resourceBytes', () => {
	it('sums transferSize and encodedBodySize, headers as the difference, and sets aside zeros', () => {
		expect(
			resourceBytes([
				{ name: 'a', transferSize: 300, encodedBodySize: 50 },
				{ name: 'b', transferSize: 320, encodedBodySize: 70 },
				// From the cache, or hidden cross-origin: no size.
				{ name: 'c', transferSize: 0, encodedBodySize: 70 }
			])
		).toEqual({
			responses: 2,
			total: 620,
			body: 120,
			header: 500,
			headerIsStandIn: false,
			unmeasured: 1
		});
	});

	it('says when the header part is only the spec’s constant 300 per response', () => {
		// W3C Resource Timing: transferSize is the encoded body size plus 300.
		const bytes = resourceBytes([
			{ name: 'a', transferSize: 350, encodedBodySize: 50 },
			{ name: 'b', transferSize: 1300, encodedBodySize: 1000 }
		]);
		expect(bytes).toMatchObject({ header: 600, body: 1050, headerIsStandIn: true });
	});
});

describe('webSocketFrameBytes', () => {
	it('adds RFC 6455 §5.2 headers: 2 bytes up to 125, 4 up to 65535, 10 beyond; unmasked', () => {
		expect(webSocketFrameBytes([125, 126, 65535, 65536])).toEqual({
			frames: 4,
			header: 2 + 4 + 4 + 10,
			payload: 125 + 126 + 65535 + 65536,
			total: 20 + 131322
		});
	});
});

describe('sseBodyBytes', () => {
	it('counts the retry field, each event’s lines, gap events and heartbeats', () => {
		// 'retry: 1000\n\n' is 13 bytes; 'id: 1\n' 6, 'data: ' 6, the JSON 30, '\n\n' 2: 44;
		// ': heartbeat\n\n' is 13.
		const events = [{ id: 1, data: 'x', sentAt: 2 }];
		expect(sseBodyBytes(events, { retryMs: 1000 })).toBe(13 + 44);
		expect(sseBodyBytes(events, { retryMs: 1000, heartbeats: 2 })).toBe(13 + 44 + 26);
	});
});
