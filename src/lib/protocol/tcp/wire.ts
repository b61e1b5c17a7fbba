/**
 * The builder behind the scenarios: two endpoints joined by a link with a fixed one-way delay.
 * A script says who sends what and when ("the client sends a FIN at 25 ms; on arrival it is
 * rcv FIN"); the wire works out everything a kernel would: sequence and acknowledgment numbers
 * (RFC 9293 §3.4), window, options, timestamps, IP Identification, and the state changes, which
 * it takes from the rows of state-machine.ts only. Arrivals are processed in time order, so two
 * segments that cross (simultaneous open or close) meet each side in the right state.
 */
import { applyEvent, type OpenedBy, type TcpEvent, type TcpState } from './state-machine';
import type {
	AppliedTransition,
	CallResult,
	ScenarioContext,
	SegmentOption,
	Side,
	SimulatedSegment,
	TcpErrno,
	TcpFlags,
	TimeWait
} from './simulate';
import { transitionLabel } from './tcp-text';
import { LINUX_TIME_WAIT_MS, RFC_TIME_WAIT_MS } from './timers';

const MOD = 2 ** 32;
export const other = (side: Side): Side => (side === 'client' ? 'server' : 'client');

/** Values from a Linux 6.18 capture over a veth pair with MTU 1500 (tcp_rmem max 32 MiB). */
export const MSS = 1460;
export const WINDOW_SHIFT = 10;
/** SYN window: 44 × MSS. */
export const SYN_WINDOW = 64240;
/** A listener's SYN-ACK window: 45 × (MSS − 12 bytes of timestamp option). */
export const LISTENER_SYN_ACK_WINDOW = 65160;
/** Window fields after the handshake, each × 2^10. */
export const ESTABLISHED_WINDOW: Record<Side, number> = { client: 63, server: 64 };

export type FlagName = keyof TcpFlags;

/** The flags object for a list of names. */
export function flagsOf(names: readonly FlagName[]): TcpFlags {
	return {
		CWR: names.includes('CWR'),
		ECE: names.includes('ECE'),
		URG: names.includes('URG'),
		ACK: names.includes('ACK'),
		PSH: names.includes('PSH'),
		RST: names.includes('RST'),
		SYN: names.includes('SYN'),
		FIN: names.includes('FIN')
	};
}

/** Sequence space a segment takes: its payload, plus one each for SYN and FIN (RFC 9293 §3.4). */
export function sequenceLength(flags: TcpFlags, length: number): number {
	return length + (flags.SYN ? 1 : 0) + (flags.FIN ? 1 : 0);
}

/** A segment as its explanation sees it (numbers already worked out). */
export type SegmentDraft = Pick<
	SimulatedSegment,
	'from' | 'seq' | 'ack' | 'length' | 'flags' | 'time' | 'window'
> & { retransmissionTimeout: number | null };

export interface SendSpec {
	flags: FlagName[];
	payload?: string;
	lost?: boolean;
	/** The user call that makes the sender send it: 'active OPEN', 'CLOSE', 'ABORT'. */
	call?: TcpEvent;
	/** What the segment is to the receiver in Figure 5's words: 'rcv SYN', 'rcv ACK of FIN'. */
	onArrival?: TcpEvent;
	/** A retransmission of this earlier segment, sent when `timeout` expired (null: no timer). */
	retransmits?: SimulatedSegment;
	timeout?: number | null;
	/** A SYN sent again with ACK added (simultaneous open): same sequence number, not a retransmission. */
	repeats?: SimulatedSegment;
	/** A reply from a port with no socket (§3.10.7.1): given numbers, no options, window 0, IP ID 0. */
	stateless?: { seq: number; ack: number };
	explain: (segment: SegmentDraft) => string;
	source: string;
}

interface Pending {
	segment: SimulatedSegment;
	spec: SendSpec;
}

/** Both endpoints and the link between them. */
export class Wire {
	readonly segments: SimulatedSegment[] = [];
	readonly calls: CallResult[] = [];
	readonly state: Record<Side, TcpState>;
	private readonly openedBy: Record<Side, OpenedBy | undefined>;
	private readonly sndNxt: Record<Side, number>;
	private readonly rcvNxt: Record<Side, number | null> = { client: null, server: null };
	private readonly tsRecent: Record<Side, number> = { client: 0, server: 0 };
	private readonly ipId: Record<Side, number>;
	private pending: Pending[] = [];

	constructor(
		readonly context: ScenarioContext,
		initial: Record<Side, TcpState>
	) {
		this.state = { ...initial };
		this.openedBy = {
			client: undefined,
			server: initial.server === 'LISTEN' ? 'passive' : undefined
		};
		this.sndNxt = { ...context.isn };
		this.ipId = { ...context.ipId };
	}

	get delay(): number {
		return this.context.delay;
	}

	/** Sends a segment at `time` (after delivering everything that arrived by then). */
	send(from: Side, time: number, spec: SendSpec): SimulatedSegment {
		this.deliverUntil(time);
		const flags = flagsOf(spec.flags);
		const first = spec.retransmits;
		const payload = first ? first.payload : (spec.payload ?? '');
		const length = payload.length;
		let seq: number;
		let ack = 0;
		if (spec.stateless) {
			({ seq, ack } = spec.stateless);
		} else {
			seq = first ? first.seq : spec.repeats ? spec.repeats.seq : this.sndNxt[from];
			if (!first && !spec.repeats) {
				this.sndNxt[from] = (seq + sequenceLength(flags, length)) % MOD;
			}
			if (flags.ACK) {
				const expected = this.rcvNxt[from];
				if (expected === null) throw new Error('Script error: an ACK before anything arrived.');
				ack = expected;
			}
		}
		const window = spec.stateless
			? 0
			: flags.SYN
				? flags.ACK && this.openedBy[from] === 'passive'
					? LISTENER_SYN_ACK_WINDOW
					: SYN_WINDOW
				: ESTABLISHED_WINDOW[from];
		const tsval = (this.context.tsOffset[from] + time) % MOD;
		const tsecr = flags.SYN && !flags.ACK ? 0 : this.tsRecent[from];
		const timestamps: SegmentOption = { kind: 'timestamps', tsval, tsecr };
		const options: SegmentOption[] = spec.stateless
			? []
			: flags.SYN
				? [
						{ kind: 'mss', value: MSS },
						{ kind: 'sackOK' },
						timestamps,
						{ kind: 'nop' },
						{ kind: 'wscale', shift: WINDOW_SHIFT }
					]
				: [{ kind: 'nop' }, { kind: 'nop' }, timestamps];
		// Linux: a connected socket counts its own IP IDs from a random start; a listener's
		// SYN-ACK and a socketless RST go out with ID 0 and DF (seen in the capture).
		const fromListener =
			from === 'server' &&
			this.openedBy.server === 'passive' &&
			this.state.server !== 'ESTABLISHED';
		let ipId = 0;
		if (!spec.stateless && !(fromListener && flags.SYN)) {
			ipId = this.ipId[from];
			this.ipId[from] = (ipId + 1) % 65536;
		}
		const timeout = spec.timeout ?? null;
		const draft: SegmentDraft = {
			from,
			seq,
			ack,
			length,
			flags,
			time,
			window,
			retransmissionTimeout: timeout
		};
		const ports = this.context.endpoints;
		const segment: SimulatedSegment = {
			index: this.segments.length,
			time,
			arrives: spec.lost ? null : time + this.delay,
			from,
			sourcePort: from === 'client' ? ports.clientPort : ports.serverPort,
			destinationPort: from === 'client' ? ports.serverPort : ports.clientPort,
			flags,
			seq,
			ack,
			window,
			windowShift: flags.SYN ? 0 : WINDOW_SHIFT,
			length,
			payload,
			options,
			lost: spec.lost ?? false,
			retransmission: first
				? {
						of: first.index,
						timeout,
						copy: 2 + this.segments.filter((s) => s.retransmission?.of === first.index).length
					}
				: null,
			ipId,
			clientState: this.state.client,
			serverState: this.state.server,
			transitions: [],
			explanation: spec.explain(draft),
			source: spec.source
		};
		this.segments.push(segment);
		if (spec.call) this.apply(from, spec.call, time, segment);
		if (spec.lost) {
			this.snapshot(segment);
		} else {
			this.pending.push({ segment, spec });
		}
		return segment;
	}

	/** Records a call the segments completed. */
	call(
		side: Side,
		call: CallResult['call'],
		returns: number,
		at: number,
		errno: TcpErrno | null = null
	) {
		this.calls.push({ side, call, returns, errno, at });
	}

	/**
	 * When an application that wakes at `time` acts: APP_DELAY-style slack is the caller's; this
	 * only waits until no segment is in flight, so steps do not overlap unless a scenario makes
	 * them cross on purpose.
	 */
	quietAfter(time: number): number {
		let latest = time;
		for (const p of this.pending) latest = Math.max(latest, p.segment.arrives ?? latest);
		return latest;
	}

	/** Delivers every segment in flight, in arrival order. */
	finish() {
		this.deliverUntil(Infinity);
	}

	/** Who entered TIME-WAIT and when, from the transitions. */
	timeWaits(): TimeWait[] {
		const result: TimeWait[] = [];
		for (const segment of this.segments) {
			for (const t of segment.transitions) {
				if (t.to !== 'TIME-WAIT') continue;
				result.push({
					side: t.side,
					from: t.at,
					linuxMs: LINUX_TIME_WAIT_MS,
					linuxUntil: t.at + LINUX_TIME_WAIT_MS,
					rfcMs: RFC_TIME_WAIT_MS,
					rfcUntil: t.at + RFC_TIME_WAIT_MS
				});
			}
		}
		return result;
	}

	private deliverUntil(time: number) {
		for (;;) {
			let next: Pending | null = null;
			for (const p of this.pending) {
				const at = p.segment.arrives ?? Infinity;
				if (at > time) continue;
				if (
					!next ||
					at < (next.segment.arrives ?? Infinity) ||
					(at === next.segment.arrives && p.segment.index < next.segment.index)
				) {
					next = p;
				}
			}
			if (!next) return;
			this.pending = this.pending.filter((p) => p !== next);
			this.arrive(next.segment, next.spec);
		}
	}

	private arrive(segment: SimulatedSegment, spec: SendSpec) {
		const to = other(segment.from);
		const at = segment.arrives ?? segment.time;
		if (!segment.flags.RST && this.state[to] !== 'CLOSED') {
			const expected = this.rcvNxt[to];
			const inOrder = expected === null ? segment.flags.SYN : segment.seq === expected;
			if (inOrder) {
				this.rcvNxt[to] = (segment.seq + sequenceLength(segment.flags, segment.length)) % MOD;
				const ts = segment.options.find((o) => o.kind === 'timestamps');
				if (ts) this.tsRecent[to] = ts.tsval;
			}
		}
		if (spec.onArrival) this.apply(to, spec.onArrival, at, segment);
		this.snapshot(segment);
	}

	private apply(side: Side, event: TcpEvent, at: number, segment: SimulatedSegment) {
		const from = this.state[side];
		const result = applyEvent(from, event, { openedBy: this.openedBy[side], model: 'linux' });
		if (!result.ok) throw new Error(`Script error (${side}): ${result.reason}`);
		if (event === 'active OPEN') this.openedBy[side] = 'active';
		const t = result.transition;
		const applied: AppliedTransition = {
			side,
			id: t.id,
			from,
			event,
			action: t.action,
			to: result.next,
			at,
			label: transitionLabel(from, event, t.action, result.next),
			source: t.source
		};
		segment.transitions.push(applied);
		this.state[side] = result.next;
	}

	private snapshot(segment: SimulatedSegment) {
		segment.clientState = this.state.client;
		segment.serverState = this.state.server;
	}
}
