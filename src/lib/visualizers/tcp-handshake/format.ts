/** Number and time formatting shared by the handshake stepper's views (en-US, so SSR matches). */

const NUMBER = new Intl.NumberFormat('en-US');

/** A point in time, ms since the first segment: '1,010 ms'; '131 s' from 10 s on. */
export function formatMs(ms: number): string {
	return ms >= 10_000
		? `${NUMBER.format(Number((ms / 1000).toFixed(2)))} s`
		: `${NUMBER.format(ms)} ms`;
}

/** A length of time: '990 ms', '1 s', '63.99 s', '4 min' for whole minutes from 2 minutes on. */
export function formatDuration(ms: number): string {
	if (ms >= 120_000 && ms % 60_000 === 0) return `${ms / 60_000} min`;
	if (ms >= 1000) return `${NUMBER.format(Number((ms / 1000).toFixed(2)))} s`;
	return `${NUMBER.format(ms)} ms`;
}
