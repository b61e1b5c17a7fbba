/**
 * The handshake stepper in the page address:
 * `?scenario=lost-syn&profile=linux-6.5%2B&isnc=1000&isns=5000&step=2&rel=1`. The ISNs are kept
 * as typed, even when the model refuses them, so a link shows the same error; the step counts
 * from 0 and must exist in the scenario (the last step is the outcome).
 */
import { readChoice, readFlag, readInteger, type AddressCodec } from '$lib/address/codec';
import { SCENARIO_IDS, simulateConnection, type ScenarioId } from '$lib/protocol/tcp/simulate';
import { SYN_PROFILES, type SynProfile } from '$lib/protocol/tcp/timers';

/** What a link to the stepper reproduces. */
export interface HandshakeSettings {
	scenario: ScenarioId;
	profile: SynProfile;
	/** The ISN fields, as typed. */
	isnClient: string;
	isnServer: string;
	/** 0-based: one step per segment, then the outcome. */
	step: number;
	/** Relative sequence numbers, as Wireshark shows them by default. */
	relative: boolean;
}

/** The longest ISN text a link carries (a 32-bit number has at most 10 digits). */
export const MAX_ISN_TEXT = 40;

/** The stepper as the page first shows it: the three-way handshake, at its SYN. */
export const DEFAULT_SETTINGS: HandshakeSettings = {
	scenario: 'open',
	profile: 'linux-6.5+',
	isnClient: '1453357423',
	isnServer: '3060216861',
	step: 0,
	relative: true
};

/** The last step of a scenario under a profile (the outcome), 0-based. */
export function lastStep(scenario: ScenarioId, profile: SynProfile): number {
	const sim = simulateConnection(scenario, { profile });
	return sim.ok ? sim.segments.length : 0;
}

const PARAMS = ['scenario', 'profile', 'isnc', 'isns', 'step', 'rel'];

const readIsn = (params: URLSearchParams, name: string, fallback: string) => {
	const value = params.get(name);
	return value === null ? fallback : value.slice(0, MAX_ISN_TEXT);
};

/** Reads and writes the stepper's settings; null when the address has none of them. */
export const handshakeAddress: AddressCodec<HandshakeSettings> = {
	read(params) {
		if (!PARAMS.some((name) => params.has(name))) return null;
		const scenario = readChoice(params, 'scenario', SCENARIO_IDS, DEFAULT_SETTINGS.scenario);
		const profile = readChoice(params, 'profile', SYN_PROFILES, DEFAULT_SETTINGS.profile);
		return {
			scenario,
			profile,
			isnClient: readIsn(params, 'isnc', DEFAULT_SETTINGS.isnClient),
			isnServer: readIsn(params, 'isns', DEFAULT_SETTINGS.isnServer),
			step: readInteger(params, 'step', 0, lastStep(scenario, profile), 0),
			relative: readFlag(params, 'rel', DEFAULT_SETTINGS.relative)
		};
	},
	write(s) {
		return new URLSearchParams({
			scenario: s.scenario,
			profile: s.profile,
			isnc: s.isnClient,
			isns: s.isnServer,
			step: String(s.step),
			rel: s.relative ? '1' : '0'
		});
	}
};
