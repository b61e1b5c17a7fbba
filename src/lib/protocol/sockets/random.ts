/**
 * A small seeded pseudo-random number generator for the simulators. The protocol modules never
 * call Math.random: a seed goes in, so the same seed always replays the same run.
 *
 * The generator is mulberry32 (Tommy Ettinger, public domain): 32 bits of state, one multiply-
 * xorshift round per draw. It is fast and good enough to pick packet fates; it is not for keys.
 */

/** A source of numbers in [0, 1): each call gives the next one. */
export type Random = () => number;

/**
 * Folds any finite number into a 32-bit unsigned seed. Every bit of the float counts, so 1 and
 * 1.5 and 2 ** 40 give different streams; +0 and −0 are treated as the same seed.
 */
export function seedToUint32(seed: number): number {
	const view = new DataView(new ArrayBuffer(8));
	view.setFloat64(0, seed === 0 ? 0 : seed);
	const high = view.getUint32(0);
	const low = view.getUint32(4);
	// Mix the two halves (a multiply by an odd constant spreads the high bits downward).
	return (Math.imul(high ^ (high >>> 16), 0x45d9f3b) ^ low) >>> 0;
}

/** mulberry32 over a 32-bit state: the n-th call returns the n-th number of the stream. */
export function mulberry32(state: number): Random {
	let a = state >>> 0;
	return () => {
		a = (a + 0x6d2b79f5) >>> 0;
		let t = a;
		t = Math.imul(t ^ (t >>> 15), t | 1);
		t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
		return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
	};
}

/** A seeded generator for any finite number: `seededRandom(seed)` twice gives equal streams. */
export function seededRandom(seed: number): Random {
	return mulberry32(seedToUint32(seed));
}
