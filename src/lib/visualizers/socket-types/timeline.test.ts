import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { SimPacket } from '$lib/protocol/sockets/delivery';
import {
	IDLE_MS,
	isFastForward,
	playbackKeyframes,
	positionAt,
	simulatedAt,
	typicalTransit
} from './timeline';

const packet = (sentAt: number, arrivesAt: number | null): SimPacket => ({
	id: 0,
	kind: 'segment',
	bytes: new Uint8Array(1),
	messages: [0],
	attempt: 0,
	sentAt,
	arrivesAt,
	fate: arrivesAt === null ? 'lost' : 'delivered',
	explanation: ''
});

describe('positionAt', () => {
	it('puts a packet at the sender before it leaves, on the wire, then at the receiver', () => {
		const p = packet(10, 60);
		expect(positionAt(p, 5, 50)).toEqual({ state: 'waiting' });
		expect(positionAt(p, 35, 50)).toEqual({ state: 'flying', progress: 0.5 });
		expect(positionAt(p, 60, 50)).toEqual({ state: 'arrived' });
	});

	it('stops a lost packet half way once its crossing time has passed', () => {
		const p = packet(0, null);
		expect(positionAt(p, 25, 50)).toEqual({ state: 'lost', progress: 0.25, stopped: false });
		expect(positionAt(p, 80, 50)).toEqual({ state: 'lost', progress: 0.5, stopped: true });
	});
});

describe('typicalTransit', () => {
	it('is the median crossing time of the packets that arrived', () => {
		expect(
			typicalTransit([packet(0, 50), packet(1, 61), packet(2, 100), packet(3, null)], 100)
		).toBe(60);
		expect(typicalTransit([packet(0, null)], 1000)).toBe(100);
	});
});

describe('playbackKeyframes', () => {
	it('fast-forwards a long wait and plays the crossings at one rate', () => {
		// A segment lost at 0, its retransmission at 1,000 ms arriving at 1,058 ms.
		const frames = playbackKeyframes(
			[
				[0, 50],
				[1000, 1058]
			],
			1058,
			5000
		);
		expect(frames.map((f) => f.sim)).toEqual([0, 50, 1000, 1058]);
		expect(frames.map((f) => f.idle)).toEqual([false, false, true, false]);
		expect(frames.at(-1)?.real).toBeCloseTo(5000);
		// The 950 ms wait takes 500 real ms; 108 busy ms share the other 4,500.
		expect(frames[2].real - frames[1].real).toBeCloseTo(500);
		expect(isFastForward(frames, 500)).toBe(true);
		expect(isFastForward(frames, 20)).toBe(false);
	});

	it('maps real time to simulated time monotonically, from the start to the end', () => {
		const stretch = fc
			.tuple(fc.integer({ min: 0, max: 5000 }), fc.integer({ min: 0, max: 500 }))
			.map(([a, d]): [number, number] => [a, a + d]);
		fc.assert(
			fc.property(
				fc.array(stretch, { maxLength: 12 }),
				fc.integer({ min: 1, max: 6000 }),
				(busy, end) => {
					const frames = playbackKeyframes(busy, end, 5000);
					expect(simulatedAt(frames, 0)).toBe(0);
					expect(simulatedAt(frames, 5000)).toBeCloseTo(end);
					let last = 0;
					for (let real = 0; real <= 5000; real += 125) {
						const sim = simulatedAt(frames, real);
						expect(sim).toBeGreaterThanOrEqual(last - 1e-9);
						last = sim;
					}
				}
			)
		);
	});

	it('plays a run that is all waiting in the whole time', () => {
		const frames = playbackKeyframes([], 10 * IDLE_MS, 5000);
		expect(frames.at(-1)).toEqual({ real: 5000, sim: 10 * IDLE_MS, idle: true });
	});
});
