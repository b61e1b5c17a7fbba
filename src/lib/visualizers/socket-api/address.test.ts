import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { SCENARIO_IDS } from '$lib/protocol/sockets/lifecycle';
import { DEFAULT_POSITION, lastStep, stepperAddress, type StepperPosition } from './address';

/** Through the address bar and back: write, serialise, parse, read. */
const roundTrip = (position: StepperPosition) =>
	stepperAddress.read(new URLSearchParams(stepperAddress.write(position).toString()));

const read = (query: string) => stepperAddress.read(new URLSearchParams(query));

/** Any position the stepper can show: a scenario and one of its steps. */
const position: fc.Arbitrary<StepperPosition> = fc
	.constantFrom(...SCENARIO_IDS)
	.chain((scenario) =>
		fc.integer({ min: 0, max: lastStep(scenario) }).map((step) => ({ scenario, step }))
	);

describe('stepperAddress', () => {
	it('gives back every position it writes, through a serialised address', () => {
		fc.assert(
			fc.property(position, (p) => {
				expect(roundTrip(p)).toEqual(p);
			})
		);
	});

	it('writes the scenario and the 0-based step', () => {
		expect(stepperAddress.write({ scenario: 'half-close', step: 8 }).toString()).toBe(
			'scenario=half-close&step=8'
		);
		expect(read('scenario=udp&step=4')).toEqual({ scenario: 'udp', step: 4 });
	});

	it('describes nothing when the address has neither parameter', () => {
		expect(read('')).toBeNull();
		expect(read('q=accept')).toBeNull();
	});

	it('falls back to the first step, and to the echo scenario, for what does not parse', () => {
		expect(read('scenario=nope&step=2')).toEqual({ scenario: 'echo', step: 2 });
		expect(read('step=2')).toEqual({ scenario: 'echo', step: 2 });
		expect(read('scenario=refused')).toEqual({ scenario: 'refused', step: 0 });
		for (const step of ['-1', '1.5', 'two', String(lastStep('refused') + 1)]) {
			expect(read(`scenario=refused&step=${step}`)).toEqual({ scenario: 'refused', step: 0 });
		}
		expect(DEFAULT_POSITION).toEqual({ scenario: 'echo', step: 0 });
	});
});
