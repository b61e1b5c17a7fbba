import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { Burst, MAX_BURST, checkBurstCount } from './burst';

describe('checkBurstCount', () => {
	it('accepts whole numbers from 1 to 10,000', () => {
		for (const count of [1, 2, 100, 10_000]) expect(checkBurstCount(count)).toBeNull();
		expect(MAX_BURST).toBe(10_000);
	});
	it('refuses zero, negatives, fractions, too many and NaN', () => {
		for (const count of [0, -1, 1.5, 10_001, Number.NaN, Infinity]) {
			expect(checkBurstCount(count), String(count)).toBe('Send between 1 and 10,000 messages.');
		}
	});
});

describe('Burst', () => {
	it('sends messages that start with their marker, padded with dots to the size', () => {
		const burst = new Burst('k2', 3, 32);
		const first = burst.message(0, 0);
		expect(first).toBe('burst:k2:0:' + '.'.repeat(32 - 'burst:k2:0:'.length));
		expect(first).toHaveLength(32);
		// A size smaller than the marker leaves the marker whole.
		expect(new Burst('k2', 1, 4).message(0, 0)).toBe('burst:k2:0:');
	});

	it('measures each round trip as receive time minus send time, whatever the echo order', () => {
		const burst = new Burst('r', 3);
		const sent = [0, 1, 2].map((i) => burst.message(i, i * 10)); // sent at 0, 10, 20 ms
		expect(burst.receive(sent[2], 32)).toEqual({ done: false, refresh: false }); // 12 ms
		expect(burst.receive(sent[0], 35)).toEqual({ done: false, refresh: false }); // 35 ms
		expect(burst.receive(sent[1], 40)).toEqual({ done: true, refresh: true }); // 30 ms
		expect(burst.received).toBe(3);
		// Samples 12, 30, 35: the median is the middle one; p99 by nearest rank is the largest.
		expect(burst.stats()).toEqual({ count: 3, min: 12, median: 30, p99: 35, max: 35 });
	});

	it('counts each echo once and leaves other messages alone', () => {
		const burst = new Burst('a', 2);
		const message = burst.message(0, 0);
		expect(burst.receive('Hello, echo!', 1)).toBeNull();
		expect(burst.receive(message, 5)).not.toBeNull();
		// The same echo again (a duplicate) is not counted twice.
		expect(burst.receive(message, 6)).toBeNull();
		// An echo from an earlier burst, or of a message this burst never sent.
		expect(burst.receive('burst:old:0:....', 7)).toBeNull();
		expect(burst.receive('burst:a:1:....', 8)).toBeNull();
		expect(burst.received).toBe(1);
		expect(burst.stats()?.count).toBe(1);
	});

	it('asks for fresh statistics every 100 echoes and at the end', () => {
		fc.assert(
			fc.property(fc.integer({ min: 1, max: 450 }), (total) => {
				const burst = new Burst('p', total, 0);
				const messages = Array.from({ length: total }, (_, i) => burst.message(i, 0));
				const refreshed = messages
					.map((m, i) => [i + 1, burst.receive(m, 1)?.refresh] as const)
					.filter(([, refresh]) => refresh)
					.map(([n]) => n);
				const expected = [];
				for (let n = 100; n < total; n += 100) expected.push(n);
				expected.push(total);
				expect(refreshed).toEqual([...new Set(expected)]);
			})
		);
	});

	it('has no statistics before the first echo', () => {
		expect(new Burst('z', 1).stats()).toBeNull();
	});
});
