/**
 * The echo client's burst: send many text messages at once and measure each one's round trip
 * by recognising its echo.
 *
 * Each message starts with a marker, `burst:<run>:<index>:`, padded with dots to the requested
 * size. An echo whose marker is still in flight is counted, not logged; anything else (an
 * ordinary message, an echo from an earlier burst) is left for the log.
 *
 * Pure: no runes, no DOM, no timers. Send and receive times are passed in.
 */
import { roundTripStats } from '$lib/protocol/websocket/client-rules';
import { groupDigits } from '$lib/protocol/bytes/text';

/** Most messages one burst sends. */
export const MAX_BURST = 10_000;

/** Round-trip statistics are refreshed every this many echoes, and at the end. */
export const STATS_EVERY = 100;

const MARKER = /^burst:[a-z0-9]+:\d+:/;

/** Why `count` is not a burst size, or null when it is one. */
export function checkBurstCount(count: number): string | null {
	if (!Number.isInteger(count) || count < 1 || count > MAX_BURST)
		return `Send between 1 and ${groupDigits(MAX_BURST)} messages.`;
	return null;
}

/** What an echo meant to the burst. */
export interface BurstEcho {
	/** It was the last message of the burst to come back. */
	done: boolean;
	/** The statistics are due for a refresh (every STATS_EVERY echoes, and at the end). */
	refresh: boolean;
}

/** One burst: its messages in flight, their round trips, and how many came back. */
export class Burst {
	readonly total: number;
	#received = 0;
	/** Marker → send time, for messages not yet echoed. */
	#inFlight = new Map<string, number>();
	#samples: number[] = [];

	/**
	 * @param run  identifies this burst among earlier ones on the same connection ([a-z0-9]+)
	 * @param total  how many messages it sends (see `checkBurstCount`)
	 * @param size  length of each message in characters (at least the marker's)
	 */
	constructor(
		readonly run: string,
		total: number,
		readonly size = 32
	) {
		if (!/^[a-z0-9]+$/.test(run)) throw new RangeError(`A burst run is [a-z0-9]+, not “${run}”.`);
		this.total = total;
	}

	/** Echoes counted so far. */
	get received() {
		return this.#received;
	}

	/** The text of message `index`, which is recorded as sent at `at` (milliseconds). */
	message(index: number, at: number): string {
		const marker = `burst:${this.run}:${index}:`;
		this.#inFlight.set(marker, at);
		return marker.padEnd(Math.max(marker.length, this.size), '.');
	}

	/**
	 * Takes a text message received at `at`: when it is the echo of a message of this burst still
	 * in flight, counts its round trip and says so; otherwise returns null.
	 */
	receive(text: string, at: number): BurstEcho | null {
		const marker = MARKER.exec(text)?.[0];
		const sentAt = marker === undefined ? undefined : this.#inFlight.get(marker);
		if (marker === undefined || sentAt === undefined) return null;
		this.#inFlight.delete(marker);
		this.#samples.push(at - sentAt);
		this.#received++;
		const done = this.#received === this.total;
		return { done, refresh: done || this.#received % STATS_EVERY === 0 };
	}

	/** Round trips so far: min, median, 99th percentile, max (ms); null before the first echo. */
	stats() {
		return roundTripStats(this.#samples);
	}
}
