/**
 * The socket API stepper in the page address: `?scenario=half-close&step=8`. The step counts
 * from 0 and must exist in the scenario; anything else falls back to the scenario's first step.
 */
import { readChoice, readInteger, type AddressCodec } from '$lib/address/codec';
import { lifecycleSteps, SCENARIO_IDS, type ScenarioId } from '$lib/protocol/sockets/lifecycle';

/** What a link to the stepper reproduces. */
export interface StepperPosition {
	scenario: ScenarioId;
	/** 0-based step within the scenario. */
	step: number;
}

/** The stepper as the page first shows it: the echo exchange, before its first call returns. */
export const DEFAULT_POSITION: StepperPosition = { scenario: 'echo', step: 0 };

/** The last step of a scenario, 0-based. */
export const lastStep = (scenario: ScenarioId) => lifecycleSteps(scenario).length - 1;

/** Reads and writes the scenario and step; null when the address has neither. */
export const stepperAddress: AddressCodec<StepperPosition> = {
	read(params) {
		if (!params.has('scenario') && !params.has('step')) return null;
		const scenario = readChoice(params, 'scenario', SCENARIO_IDS, DEFAULT_POSITION.scenario);
		return { scenario, step: readInteger(params, 'step', 0, lastStep(scenario), 0) };
	},
	write({ scenario, step }) {
		return new URLSearchParams({ scenario, step: String(step) });
	}
};
