/**
 * `simulateConnection(scenario, options)`: every segment of opening and closing one TCP
 * connection, with its sequence and acknowledgment numbers, flags, window, options, whether it
 * was lost, both endpoints' states after it and the state-machine rows it drove.
 *
 * The numbers are worked out, not typed in: SYN and FIN take one sequence number each, data its
 * length, a bare ACK none, and every ACK names the next byte expected (RFC 9293 §3.4, K6). States
 * move only along the rows of state-machine.ts. Timers follow Linux (timers.ts, K13–K17).
 *
 * The network: the client is 198.51.100.7 and the server 192.0.2.10:80 (documentation addresses,
 * RFC 5737). Windows and options are those of a Linux 6.18 capture over a 1500-byte MTU link:
 * SYN window 64240, listener SYN-ACK window 65160, then 63 and 64 scaled by 2^10, options
 * `mss 1460, sackOK, TS, nop, wscale 10` on SYNs (K21) and `nop, nop, TS` after.
 */
import { seededRandom } from '../sockets/random';
import type { OpenedBy, TcpAction, TcpEvent, TcpState } from './state-machine';
import { buildScenario } from './scenarios';
import { OPTION_ERRORS, SCENARIO_TEXT } from './tcp-text';
import { DEFAULT_PROFILE, SYN_PROFILES, type SynProfile } from './timers';

/** The scenarios, named as issue 10 names them. */
export type ScenarioId =
	| 'open'
	| 'lost-syn'
	| 'lost-syn-ack'
	| 'lost-ack'
	| 'simultaneous-open'
	| 'closed-port'
	| 'syn-timeout'
	| 'data'
	| 'close-client-first'
	| 'close-server-first'
	| 'simultaneous-close'
	| 'half-close'
	| 'abort';

/** Every scenario id, in the order a picker lists them. */
export const SCENARIO_IDS: readonly ScenarioId[] = [
	'open',
	'lost-syn',
	'lost-syn-ack',
	'lost-ack',
	'simultaneous-open',
	'closed-port',
	'syn-timeout',
	'data',
	'close-client-first',
	'close-server-first',
	'simultaneous-close',
	'half-close',
	'abort'
];

/** One scenario as a picker shows it. */
export interface ScenarioInfo {
	id: ScenarioId;
	title: string;
	/** One or two sentences: what happens. */
	summary: string;
}

/** The scenarios with their titles and summaries, in picker order. */
export const SCENARIOS: readonly ScenarioInfo[] = SCENARIO_IDS.map((id) => ({
	id,
	...SCENARIO_TEXT[id]
}));

/** True when `value` is a scenario id. */
export function isScenarioId(value: unknown): value is ScenarioId {
	return typeof value === 'string' && (SCENARIO_IDS as readonly string[]).includes(value);
}

/** Which end of the connection: the one that calls connect() (in simultaneous open, peer A). */
export type Side = 'client' | 'server';

/** The eight control bits of RFC 9293 §3.1 (K18), as booleans. */
export interface TcpFlags {
	CWR: boolean;
	ECE: boolean;
	URG: boolean;
	ACK: boolean;
	PSH: boolean;
	RST: boolean;
	SYN: boolean;
	FIN: boolean;
}

/** The flag names, in header bit order (CWR is 0x80, FIN 0x01). */
export const FLAG_NAMES: readonly (keyof TcpFlags)[] = [
	'CWR',
	'ECE',
	'URG',
	'ACK',
	'PSH',
	'RST',
	'SYN',
	'FIN'
];

/** A TCP option as the segment carries it (kinds and lengths: K21). */
export type SegmentOption =
	| { kind: 'eol' }
	| { kind: 'nop' }
	| { kind: 'mss'; value: number }
	| { kind: 'wscale'; shift: number }
	| { kind: 'sackOK' }
	| { kind: 'timestamps'; tsval: number; tsecr: number };

/** A state change a segment caused, with the state-machine row behind it. */
export interface AppliedTransition {
	side: Side;
	/** The row's id in TRANSITIONS. */
	id: string;
	from: TcpState;
	event: TcpEvent;
	action: TcpAction;
	to: TcpState;
	/** When it happened, ms: the send time for a user call, the arrival time for a received segment. */
	at: number;
	/** 'SYN-SENT → ESTABLISHED on rcv SYN,ACK / snd ACK' */
	label: string;
	source: string;
}

/** Why a segment was sent again: the timer that expired, or a repeated SYN that asked for it. */
export interface Retransmission {
	/** Index of the first copy in `segments`. */
	of: number;
	/** The retransmission timeout that expired, ms; null when no timer fired (a SYN-ACK sent again for a repeated SYN). */
	timeout: number | null;
	/** Which copy this is: 2 for the first retransmission. */
	copy: number;
}

/** One segment on the wire. */
export interface SimulatedSegment {
	index: number;
	/** When it was sent, ms after the first segment. */
	time: number;
	/** When it reached the other side, ms; null when lost. */
	arrives: number | null;
	from: Side;
	sourcePort: number;
	destinationPort: number;
	flags: TcpFlags;
	/** Sequence number (absolute, 0 to 2^32 − 1). */
	seq: number;
	/** Acknowledgment number; 0, as Linux sends it, when ACK is not set. */
	ack: number;
	/** The 16-bit window field as sent. */
	window: number;
	/** The window shift the receiver applies to `window`: 0 on SYN segments (RFC 7323 §2.2). */
	windowShift: number;
	/** Payload bytes. */
	length: number;
	/** The payload (ASCII); '' when there is none. */
	payload: string;
	options: SegmentOption[];
	lost: boolean;
	retransmission: Retransmission | null;
	/** The IPv4 Identification field Linux would use. */
	ipId: number;
	/** States once the segment has arrived (or, when lost, once it was sent). */
	clientState: TcpState;
	serverState: TcpState;
	/** Rows it drove: the sender's (a CLOSE that sent a FIN) and the receiver's on arrival. */
	transitions: AppliedTransition[];
	/** One or two sentences: why it is sent and what it does. */
	explanation: string;
	/** Where the behaviour is specified: 'RFC 9293 §3.5', 'net/ipv4/tcp_minisocks.c (…)'. */
	source: string;
}

/** Addresses and ports, as dotted quads and numbers. */
export interface Endpoints {
	clientAddress: string;
	clientPort: number;
	serverAddress: string;
	serverPort: number;
}

/** errno values the scenarios end with (facts C20). */
export type TcpErrno = 'ECONNREFUSED' | 'ETIMEDOUT' | 'ECONNRESET';

/** A socket call the scenario's segments complete: `connect() = -1 ECONNREFUSED` at 20 ms. */
export interface CallResult {
	side: Side;
	call: 'connect' | 'accept' | 'recv' | 'close' | 'shutdown';
	returns: number;
	errno: TcpErrno | null;
	/** When it returned, ms. */
	at: number;
}

/** A side that ends in TIME-WAIT, and for how long. */
export interface TimeWait {
	side: Side;
	/** When it entered TIME-WAIT, ms. */
	from: number;
	/** Linux's fixed TIME-WAIT, 60 000 ms (K12), and when it ends. */
	linuxMs: number;
	linuxUntil: number;
	/** RFC 9293's 2 × MSL, 240 000 ms (K11), and when it would end. */
	rfcMs: number;
	rfcUntil: number;
}

/** How the scenario ended. */
export interface ConnectionOutcome {
	/** What the client's connect() returned, and when. */
	connect: CallResult;
	/** Every call the segments complete, in time order (connect, accept, recv 0 or ECONNRESET, close). */
	calls: CallResult[];
	/** States after the last segment and timer (a SYN-SENT that timed out is CLOSED). */
	finalStates: Record<Side, TcpState>;
	/** Who stays in TIME-WAIT; empty when nobody does. */
	timeWait: TimeWait[];
	/** How many SYNs the client sent (11 or 7 in syn-timeout). */
	synsSent: number;
	/** One to three sentences. */
	summary: string;
	source: string;
}

/** Options of simulateConnection; all optional. */
export interface SimulationOptions {
	/** The client's initial sequence number, 0 to 2^32 − 1; drawn from the seed when absent. */
	isnClient?: number;
	/** The server's initial sequence number; drawn from the seed when absent. */
	isnServer?: number;
	/** Seeds the client port, IP IDs and timestamp clocks (and ISNs not given). Default 1. */
	seed?: number;
	/** Which Linux SYN retry defaults to follow; default 'linux-6.5+' (K16). */
	profile?: SynProfile;
	/** One-way delay, whole ms from 1 to 400 (the round trip stays under the 1 s RTO); default 10. */
	delay?: number;
}

/** An option simulateConnection refused, and why. */
export interface SimulationError {
	code: 'unknown-scenario' | 'invalid-isn' | 'invalid-seed' | 'invalid-profile' | 'invalid-delay';
	/** The option at fault: 'scenario', 'isnClient', 'isnServer', 'seed', 'profile', 'delay'. */
	option: string;
	message: string;
}

/** What simulateConnection returns: the run, or every option it refused. */
export type Simulation =
	| {
			ok: true;
			scenario: ScenarioId;
			profile: SynProfile;
			isnClient: number;
			isnServer: number;
			seed: number;
			delay: number;
			endpoints: Endpoints;
			segments: SimulatedSegment[];
			outcome: ConnectionOutcome;
	  }
	| { ok: false; errors: SimulationError[] };

/** The inputs a scenario script gets, checked and completed. */
export interface ScenarioContext {
	isn: Record<Side, number>;
	endpoints: Endpoints;
	delay: number;
	profile: SynProfile;
	/** Start of each side's IPv4 Identification counter (Linux: random per socket). */
	ipId: Record<Side, number>;
	/** Each side's timestamp clock offset (Linux: random per connection). */
	tsOffset: Record<Side, number>;
}

/** The documentation addresses (RFC 5737) and the server port the scenarios use. */
export const DEFAULT_ENDPOINTS: Endpoints = {
	clientAddress: '198.51.100.7',
	clientPort: 50412,
	serverAddress: '192.0.2.10',
	serverPort: 80
};

/** The one-way delay when none is given, ms. */
export const DEFAULT_DELAY = 10;

/**
 * The longest one-way delay, ms. The scripts assume a round trip shorter than the 1 s initial
 * RTO; a longer one makes real stacks retransmit SYNs that were not lost.
 */
const MAX_DELAY = 400;
const TWO_32 = 2 ** 32;

const isUint32 = (value: unknown): value is number =>
	typeof value === 'number' && Number.isInteger(value) && value >= 0 && value < TWO_32;

/** Linux's default ephemeral ports, `ip_local_port_range` 32768–60999. */
const EPHEMERAL_LOW = 32768;
const EPHEMERAL_HIGH = 60999;

/** Checks the options; every problem is listed, located by the option's name. */
function checkOptions(scenario: unknown, options: SimulationOptions): SimulationError[] {
	const errors: SimulationError[] = [];
	if (!isScenarioId(scenario)) {
		errors.push({
			code: 'unknown-scenario',
			option: 'scenario',
			message: OPTION_ERRORS.scenario(scenario, SCENARIO_IDS)
		});
	}
	for (const option of ['isnClient', 'isnServer'] as const) {
		const value = options[option];
		if (value !== undefined && !isUint32(value)) {
			errors.push({ code: 'invalid-isn', option, message: OPTION_ERRORS.isn(option, value) });
		}
	}
	if (options.seed !== undefined && !(typeof options.seed === 'number' && isFinite(options.seed))) {
		errors.push({
			code: 'invalid-seed',
			option: 'seed',
			message: OPTION_ERRORS.seed(options.seed)
		});
	}
	if (options.profile !== undefined && !SYN_PROFILES.includes(options.profile)) {
		errors.push({
			code: 'invalid-profile',
			option: 'profile',
			message: OPTION_ERRORS.profile(options.profile, SYN_PROFILES)
		});
	}
	const delay = options.delay;
	if (
		delay !== undefined &&
		!(typeof delay === 'number' && Number.isInteger(delay) && delay >= 1 && delay <= MAX_DELAY)
	) {
		errors.push({
			code: 'invalid-delay',
			option: 'delay',
			message: OPTION_ERRORS.delay(delay, MAX_DELAY)
		});
	}
	return errors;
}

/**
 * Runs one scenario. The same scenario and options always give the same segments (the seed
 * replaces every random choice a kernel makes). Never throws: bad options come back as
 * `{ ok: false, errors }`.
 */
export function simulateConnection(
	scenario: ScenarioId,
	options: SimulationOptions = {}
): Simulation {
	const opts: SimulationOptions = options && typeof options === 'object' ? options : {};
	const errors = checkOptions(scenario, opts);
	if (errors.length > 0) return { ok: false, errors };
	const seed = opts.seed ?? 1;
	const random = seededRandom(seed);
	// Always draw in the same order, so editing one ISN changes nothing else.
	const drawn = { client: Math.floor(random() * TWO_32), server: Math.floor(random() * TWO_32) };
	const port = EPHEMERAL_LOW + Math.floor(random() * (EPHEMERAL_HIGH - EPHEMERAL_LOW + 1));
	const ipId = {
		client: Math.floor(random() * 65536),
		server: Math.floor(random() * 65536)
	};
	const tsOffset = {
		client: Math.floor(random() * TWO_32),
		server: Math.floor(random() * TWO_32)
	};
	const context: ScenarioContext = {
		isn: { client: opts.isnClient ?? drawn.client, server: opts.isnServer ?? drawn.server },
		endpoints: { ...DEFAULT_ENDPOINTS, clientPort: port },
		delay: opts.delay ?? DEFAULT_DELAY,
		profile: opts.profile ?? DEFAULT_PROFILE,
		ipId,
		tsOffset
	};
	const { segments, outcome } = buildScenario(scenario, context);
	return {
		ok: true,
		scenario,
		profile: context.profile,
		isnClient: context.isn.client,
		isnServer: context.isn.server,
		seed,
		delay: context.delay,
		endpoints: context.endpoints,
		segments,
		outcome
	};
}

/** The flags of a segment as tcpdump writes them, in its order (F S R P U E W, then . for ACK). */
export function flagLetters(flags: TcpFlags): string {
	const letters =
		(flags.FIN ? 'F' : '') +
		(flags.SYN ? 'S' : '') +
		(flags.RST ? 'R' : '') +
		(flags.PSH ? 'P' : '') +
		(flags.URG ? 'U' : '') +
		(flags.ECE ? 'E' : '') +
		(flags.CWR ? 'W' : '');
	return letters + (flags.ACK ? '.' : '');
}

export type { OpenedBy, SynProfile };
