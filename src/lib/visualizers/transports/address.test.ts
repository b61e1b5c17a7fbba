import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { transportsAddress } from './address';
import { DEFAULT_SETTINGS, SLIDERS, type SliderRange, type TransportSettings } from './settings';

/** Through the address bar and back: write, serialise, parse, read. */
const roundTrip = (settings: TransportSettings) =>
	transportsAddress.read(new URLSearchParams(transportsAddress.write(settings).toString()));

const read = (query: string) => transportsAddress.read(new URLSearchParams(query));

/** A value a slider can take: min + k · step. */
const onSlider = (range: SliderRange) =>
	fc
		.integer({ min: 0, max: Math.round((range.max - range.min) / range.step) })
		.map((k) => Math.round((range.min + k * range.step) * 10) / 10);

/** Any state the simulator can show. */
const settings: fc.Arbitrary<TransportSettings> = fc.record({
	pattern: fc.constantFrom('regular' as const, 'poisson' as const, 'bursty' as const),
	rate: onSlider(SLIDERS.rate),
	pollIntervalMs: onSlider(SLIDERS.pollIntervalMs),
	rttMs: onSlider(SLIDERS.rttMs),
	requestHeaderBytes: onSlider(SLIDERS.requestHeaderBytes),
	responseHeaderBytes: onSlider(SLIDERS.responseHeaderBytes),
	eventBytes: onSlider(SLIDERS.eventBytes),
	http: fc.constantFrom('1.1' as const, '2' as const),
	tls: fc.constantFrom('none' as const, '1.2' as const, '1.3' as const),
	durationMs: onSlider(SLIDERS.durationMs),
	longPollTimeoutMs: onSlider(SLIDERS.longPollTimeoutMs),
	seed: fc.integer({ min: 0, max: 2 ** 31 - 1 }),
	at: fc.option(fc.integer({ min: 0, max: 70_000 }), { nil: null })
});

describe('transportsAddress', () => {
	it('gives back every state it writes, through a serialised address', () => {
		fc.assert(
			fc.property(settings, (s) => {
				expect(roundTrip(s)).toEqual(s);
			})
		);
	});

	it('reads a link written by hand', () => {
		expect(read('pattern=bursty&rate=2.5&poll=500&rtt=40&http=2&tls=1.2&at=1200')).toEqual({
			...DEFAULT_SETTINGS,
			pattern: 'bursty',
			rate: 2.5,
			pollIntervalMs: 500,
			rttMs: 40,
			http: '2',
			tls: '1.2',
			at: 1200
		});
	});

	it('describes nothing when the address has none of its parameters', () => {
		expect(read('')).toBeNull();
		expect(read('q=1')).toBeNull();
	});

	it('falls back to the default for each value that does not parse or is out of range', () => {
		const bad = 'pattern=often&rate=-1&poll=5&rtt=1e3&req=big&http=3&tls=ssl&dur=0&at=soon';
		expect(read(bad)).toEqual(DEFAULT_SETTINGS);
		expect(read('rate=21')?.rate).toBe(DEFAULT_SETTINGS.rate);
	});
});
