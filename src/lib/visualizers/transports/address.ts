/**
 * The transports simulator's settings in the page address:
 * `?pattern=poisson&rate=1&poll=1000&rtt=100&req=700&res=300&size=100&http=1.1&tls=none&dur=10000&lpt=25000&seed=1`,
 * plus `at=` (ms) when the reader has scrubbed to a moment before the end.
 */
import { readChoice, readInteger, type AddressCodec } from '$lib/address/codec';
import { DEFAULT_SETTINGS, SLIDERS, type SliderRange, type TransportSettings } from './settings';

const PARAMS = [
	'pattern',
	'rate',
	'poll',
	'rtt',
	'req',
	'res',
	'size',
	'http',
	'tls',
	'dur',
	'lpt',
	'seed',
	'at'
];

/** A decimal number within `range`, or `fallback`. */
function readDecimal(
	params: URLSearchParams,
	name: string,
	range: { min: number; max: number },
	fallback: number
): number {
	const text = params.get(name);
	if (text === null || !/^\d+(?:\.\d+)?$/.test(text)) return fallback;
	const value = Number(text);
	return value >= range.min && value <= range.max ? value : fallback;
}

const int = (params: URLSearchParams, name: string, range: SliderRange, fallback: number) =>
	readInteger(params, name, range.min, range.max, fallback);

/**
 * Reads and writes the simulator's settings. An address with none of its parameters describes
 * nothing; a value that does not parse, or lies outside its slider, takes the default.
 */
export const transportsAddress: AddressCodec<TransportSettings> = {
	read(params) {
		if (!PARAMS.some((name) => params.has(name))) return null;
		const d = DEFAULT_SETTINGS;
		const durationMs = int(params, 'dur', SLIDERS.durationMs, d.durationMs);
		const at = params.has('at')
			? readDecimal(params, 'at', { min: 0, max: Number.MAX_SAFE_INTEGER }, -1)
			: -1;
		return {
			pattern: readChoice(params, 'pattern', ['regular', 'poisson', 'bursty'] as const, d.pattern),
			rate: readDecimal(params, 'rate', SLIDERS.rate, d.rate),
			pollIntervalMs: int(params, 'poll', SLIDERS.pollIntervalMs, d.pollIntervalMs),
			rttMs: int(params, 'rtt', SLIDERS.rttMs, d.rttMs),
			requestHeaderBytes: int(params, 'req', SLIDERS.requestHeaderBytes, d.requestHeaderBytes),
			responseHeaderBytes: int(params, 'res', SLIDERS.responseHeaderBytes, d.responseHeaderBytes),
			eventBytes: int(params, 'size', SLIDERS.eventBytes, d.eventBytes),
			http: readChoice(params, 'http', ['1.1', '2'] as const, d.http),
			tls: readChoice(params, 'tls', ['none', '1.2', '1.3'] as const, d.tls),
			durationMs,
			longPollTimeoutMs: int(params, 'lpt', SLIDERS.longPollTimeoutMs, d.longPollTimeoutMs),
			seed: readInteger(params, 'seed', 0, 2 ** 31 - 1, d.seed),
			at: at < 0 ? null : at
		};
	},
	write(s) {
		const params = new URLSearchParams();
		params.set('pattern', s.pattern);
		params.set('rate', String(s.rate));
		params.set('poll', String(s.pollIntervalMs));
		params.set('rtt', String(s.rttMs));
		params.set('req', String(s.requestHeaderBytes));
		params.set('res', String(s.responseHeaderBytes));
		params.set('size', String(s.eventBytes));
		params.set('http', s.http);
		params.set('tls', s.tls);
		params.set('dur', String(s.durationMs));
		params.set('lpt', String(s.longPollTimeoutMs));
		params.set('seed', String(s.seed));
		if (s.at !== null) params.set('at', String(s.at));
		return params;
	}
};
