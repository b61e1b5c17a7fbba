import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { SCENARIO_IDS } from '$lib/protocol/tcp/simulate';
import { SYN_PROFILES } from '$lib/protocol/tcp/timers';
import {
	DEFAULT_SETTINGS,
	handshakeAddress,
	lastStep,
	MAX_ISN_TEXT,
	type HandshakeSettings
} from './address';

/** Through the address bar and back: write, serialise, parse, read. */
const roundTrip = (settings: HandshakeSettings) =>
	handshakeAddress.read(new URLSearchParams(handshakeAddress.write(settings).toString()));

const read = (query: string) => handshakeAddress.read(new URLSearchParams(query));

/** Any settings the stepper can hold: ISNs as anything typed, a step the scenario has. */
const settings: fc.Arbitrary<HandshakeSettings> = fc
	.record({
		scenario: fc.constantFrom(...SCENARIO_IDS),
		profile: fc.constantFrom(...SYN_PROFILES),
		isnClient: fc.oneof(fc.nat().map(String), fc.string({ maxLength: MAX_ISN_TEXT })),
		isnServer: fc.oneof(fc.nat().map(String), fc.string({ maxLength: MAX_ISN_TEXT })),
		relative: fc.boolean()
	})
	.chain((s) =>
		fc.integer({ min: 0, max: lastStep(s.scenario, s.profile) }).map((step) => ({ ...s, step }))
	);

describe('handshakeAddress', () => {
	it('gives back every state it writes, through a serialised address', () => {
		fc.assert(
			fc.property(settings, (s) => {
				expect(roundTrip(s)).toEqual(s);
			})
		);
	});

	it('writes every setting under a short name', () => {
		expect(
			handshakeAddress
				.write({
					scenario: 'lost-syn',
					profile: 'linux-legacy',
					isnClient: '1000',
					isnServer: '5000',
					step: 2,
					relative: false
				})
				.toString()
		).toBe('scenario=lost-syn&profile=linux-legacy&isnc=1000&isns=5000&step=2&rel=0');
	});

	it('describes nothing when the address has none of its parameters', () => {
		expect(read('')).toBeNull();
		expect(read('hex=45')).toBeNull();
	});

	it('keeps an ISN as typed, even one the model will refuse', () => {
		expect(read('isnc=12ab')).toEqual({ ...DEFAULT_SETTINGS, isnClient: '12ab' });
	});

	it('falls back to defaults for what does not parse, and to the first step past the outcome', () => {
		expect(read('scenario=nope&profile=bsd&rel=yes')).toEqual({
			...DEFAULT_SETTINGS,
			relative: false
		});
		// syn-timeout has 11 SYNs on linux-6.5+ and 7 before (K16): step 11 is the outcome of one only.
		expect(read('scenario=syn-timeout&step=11')?.step).toBe(11);
		expect(read('scenario=syn-timeout&profile=linux-legacy&step=11')?.step).toBe(0);
		expect(read('scenario=syn-timeout&profile=linux-legacy&step=7')?.step).toBe(7);
	});
});
