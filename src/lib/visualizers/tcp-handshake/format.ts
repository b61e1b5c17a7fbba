/** Number and time formatting shared by the handshake stepper's views (en-US, so SSR matches). */
import { groupDigits } from '$lib/protocol/bytes/text';

/** A number as en-US writes it by default: thousands grouped, at most three decimals. */
const number = (value: number) => groupDigits(Number(value.toFixed(3)));

/** A point in time, ms since the first segment: '1,010 ms'; '131 s' from 10 s on. */
export function formatMs(ms: number): string {
	return ms >= 10_000 ? `${number(Number((ms / 1000).toFixed(2)))} s` : `${number(ms)} ms`;
}

/** A length of time: '990 ms', '1 s', '63.99 s', '4 min' for whole minutes from 2 minutes on. */
export function formatDuration(ms: number): string {
	if (ms >= 120_000 && ms % 60_000 === 0) return `${ms / 60_000} min`;
	if (ms >= 1000) return `${number(Number((ms / 1000).toFixed(2)))} s`;
	return `${number(ms)} ms`;
}
