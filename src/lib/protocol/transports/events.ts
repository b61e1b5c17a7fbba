/**
 * The server's event times for a run: given, or generated from a pattern and a seed.
 */
import { seededRandom } from '../sockets/random';
import { LIMITS } from './defaults';
import type { EventPattern } from './types';

/** Events in one burst of the `bursty` pattern: from 3 to 8. */
export const BURST_SIZE = { min: 3, max: 8 } as const;
/** Milliseconds between the events of one burst. */
export const BURST_SPACING_MS = 5;

/**
 * Event times in [0, durationMs), sorted, at most LIMITS.events of them.
 * - `regular`: every 1000 / rate ms, starting at a seeded random phase within the first gap;
 * - `poisson`: exponential gaps of mean 1000 / rate ms (a Poisson process);
 * - `bursty`: bursts of 3–8 events 5 ms apart, the bursts' starts a Poisson process whose mean
 *   gap (5.5 / rate s) keeps the average at `rate` events per second.
 */
export function generateEvents(pattern: EventPattern, durationMs: number, seed: number): number[] {
	const random = seededRandom(seed);
	const gap = 1000 / pattern.rate;
	const times: number[] = [];
	const push = (time: number) => {
		if (time < durationMs && times.length < LIMITS.events) times.push(time);
	};
	// −ln(1 − u) with u in [0, 1) is an exponential draw of mean 1.
	const exponential = () => -Math.log(1 - random());
	if (pattern.pattern === 'regular') {
		for (let t = random() * gap; t < durationMs && times.length < LIMITS.events; t += gap) push(t);
	} else if (pattern.pattern === 'poisson') {
		for (let t = exponential() * gap; t < durationMs && times.length < LIMITS.events;) {
			push(t);
			t += exponential() * gap;
		}
	} else {
		const meanBurst = (BURST_SIZE.min + BURST_SIZE.max) / 2;
		let t = exponential() * gap * meanBurst;
		while (t < durationMs && times.length < LIMITS.events) {
			const size = BURST_SIZE.min + Math.floor(random() * (BURST_SIZE.max - BURST_SIZE.min + 1));
			for (let i = 0; i < size; i++) push(t + i * BURST_SPACING_MS);
			t += exponential() * gap * meanBurst;
		}
	}
	// Bursts close together can overlap.
	return times.sort((a, b) => a - b);
}
