import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { drawFates, timeTransmissions, type Draws } from './delivery-network';
import { mulberry32 } from './random';

const clean: Draws = {
	lost: false,
	jitter: 0,
	delayed: false,
	duplicated: false,
	duplicateJitter: 0
};

describe('drawFates', () => {
	it('never loses, reorders or duplicates with probability 0, and always loses with 1', () => {
		fc.assert(
			fc.property(fc.integer(), (seed) => {
				const random = mulberry32(seed);
				const none = drawFates(random, { loss: 0, reorder: 0, duplicate: 0 });
				expect([none.lost, none.delayed, none.duplicated]).toEqual([false, false, false]);
				const all = drawFates(random, { loss: 1, reorder: 1, duplicate: 1 });
				// A lost packet is neither delayed nor copied: it never arrives at all.
				expect([all.lost, all.delayed, all.duplicated]).toEqual([true, false, false]);
			})
		);
	});

	it('always takes five numbers, so one probability does not shift the other packets', () => {
		let calls = 0;
		const counting = () => (calls++, 0.5);
		drawFates(counting, { loss: 1, reorder: 0, duplicate: 0 });
		expect(calls).toBe(5);
	});
});

describe('timeTransmissions', () => {
	it('keeps a path without reordering first in, first out, whatever the jitter', () => {
		fc.assert(
			fc.property(fc.array(fc.integer({ min: 0, max: 10 }), { maxLength: 30 }), (jitters) => {
				const timed = timeTransmissions(
					jitters.map((jitter, i) => ({
						info: i,
						attempt: 0,
						sentAt: i,
						draws: { ...clean, jitter }
					}))
				);
				const arrivals = timed.map((packet) => packet.arrivesAt as number);
				expect(arrivals).toEqual([...arrivals].sort((a, b) => a - b));
				expect(timed.every((packet) => packet.fate === 'delivered')).toBe(true);
			})
		);
	});

	it('calls a delayed packet reordered when a later one overtakes it, and a copy duplicated', () => {
		const timed = timeTransmissions([
			{ info: 'a', attempt: 0, sentAt: 0, draws: { ...clean, delayed: true } },
			{ info: 'b', attempt: 0, sentAt: 1, draws: { ...clean, duplicated: true } },
			{ info: 'c', attempt: 1, sentAt: 1000, draws: { ...clean, lost: true } }
		]);
		expect(timed.map((packet) => [packet.info, packet.fate])).toEqual([
			['a', 'reordered'],
			['b', 'delivered'],
			['b', 'duplicated'],
			['c', 'lost']
		]);
		expect(timed[1].arrivesAt).toBeLessThan(timed[0].arrivesAt as number);
		expect(timed[3].arrivesAt).toBeNull();
	});
});
