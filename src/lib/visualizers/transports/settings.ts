/**
 * The simulator's settings as its controls show them, and how they become the model's options.
 * Pure: the state class (`sim-state.svelte.ts`) and the address codec (`address.ts`) share it.
 */
import { DEFAULT_OPTIONS } from '$lib/protocol/transports/defaults';
import type { EventPattern, SimulationOptions } from '$lib/protocol/transports/types';

/** TLS as one choice: none, 1.2 or 1.3. */
export type TlsChoice = 'none' | '1.2' | '1.3';

/** What the controls set (and a link reproduces). */
export interface TransportSettings {
	pattern: EventPattern['pattern'];
	/** Events per second. */
	rate: number;
	pollIntervalMs: number;
	rttMs: number;
	requestHeaderBytes: number;
	responseHeaderBytes: number;
	eventBytes: number;
	http: '1.1' | '2';
	tls: TlsChoice;
	durationMs: number;
	longPollTimeoutMs: number;
	seed: number;
	/** The scrubbed time in ms, or null for the end of the run (everything shown). */
	at: number | null;
}

/** A slider's range and step. */
export interface SliderRange {
	min: number;
	max: number;
	step: number;
}

/** The sliders' ranges: each within the model's LIMITS. */
export const SLIDERS = {
	rate: { min: 0.1, max: 20, step: 0.1 },
	pollIntervalMs: { min: 100, max: 10_000, step: 100 },
	rttMs: { min: 0, max: 1000, step: 10 },
	requestHeaderBytes: { min: 0, max: 4000, step: 50 },
	responseHeaderBytes: { min: 0, max: 4000, step: 50 },
	eventBytes: { min: 0, max: 5000, step: 10 },
	durationMs: { min: 1000, max: 60_000, step: 1000 },
	longPollTimeoutMs: { min: 1000, max: 60_000, step: 1000 }
} as const satisfies Record<string, SliderRange>;

export type SliderKey = keyof typeof SLIDERS;

/** The slider keys in the order the controls show them. */
export const SLIDER_KEYS: readonly SliderKey[] = [
	'rate',
	'pollIntervalMs',
	'rttMs',
	'requestHeaderBytes',
	'responseHeaderBytes',
	'eventBytes',
	'durationMs',
	'longPollTimeoutMs'
];

/** The model's defaults, as settings. */
export const DEFAULT_SETTINGS: TransportSettings = fromOptions(DEFAULT_OPTIONS);

/** Settings from model options (a lesson passes options); event lists become their rate. */
export function fromOptions(options: SimulationOptions): TransportSettings {
	const events = options.events;
	const pattern = Array.isArray(events)
		? {
				pattern: 'regular' as const,
				rate: Math.max(0.1, (events.length * 1000) / options.durationMs)
			}
		: events;
	return {
		pattern: pattern.pattern,
		rate: Math.round(pattern.rate * 10) / 10,
		pollIntervalMs: options.pollIntervalMs,
		rttMs: options.rttMs,
		requestHeaderBytes: options.requestHeaderBytes,
		responseHeaderBytes: options.responseHeaderBytes,
		eventBytes: options.eventBytes,
		http: options.http,
		tls: options.tls ? (options.tlsVersion ?? '1.3') : 'none',
		durationMs: options.durationMs,
		longPollTimeoutMs: options.longPollTimeoutMs,
		seed: options.seed,
		at: null
	};
}

/** The model's options for these settings. */
export function toOptions(s: TransportSettings): SimulationOptions {
	return {
		events: { pattern: s.pattern, rate: s.rate },
		durationMs: s.durationMs,
		rttMs: s.rttMs,
		pollIntervalMs: s.pollIntervalMs,
		longPollTimeoutMs: s.longPollTimeoutMs,
		requestHeaderBytes: s.requestHeaderBytes,
		responseHeaderBytes: s.responseHeaderBytes,
		eventBytes: s.eventBytes,
		http: s.http,
		tls: s.tls !== 'none',
		tlsVersion: s.tls === '1.2' ? '1.2' : '1.3',
		seed: s.seed
	};
}
