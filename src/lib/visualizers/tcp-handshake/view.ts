/**
 * Pure helpers of the handshake stepper: what each step shows, worked out from a simulation
 * (src/lib/protocol/tcp/simulate.ts), and where the sequence diagram draws each segment. No DOM,
 * no runes: tested in view.test.ts.
 */
import { toHex } from '$lib/protocol/bytes/hex';
import type { SegmentNumbers } from '$lib/protocol/tcp/arithmetic';
import { tryEncodeSegment } from '$lib/protocol/tcp/segment-encoder';
import {
	simulateConnection,
	type ScenarioId,
	type AppliedTransition,
	type CallResult,
	type ConnectionOutcome,
	type Retransmission,
	type Side,
	type SimulatedSegment,
	type Simulation
} from '$lib/protocol/tcp/simulate';
import type { TcpState } from '$lib/protocol/tcp/state-machine';
import { SYN_PROFILES } from '$lib/protocol/tcp/timers';

/** A simulation that ran. */
export type RunSimulation = Extract<Simulation, { ok: true }>;

// The TCP model words flags and options; the stepper's views use its printers.
export { flagNames, optionsText } from '$lib/protocol/tcp/print';

/** A call and what it returned: 'connect() = 0', 'recv() = -1 ECONNRESET'. */
export function callText(call: CallResult): string {
	return `${call.call}() = ${call.returns}${call.errno ? ` ${call.errno}` : ''}`;
}

/** Each side's state before the first segment: where its first transition starts, else its state after segment 1. */
export function initialStates(segments: readonly SimulatedSegment[]): Record<Side, TcpState> {
	const all = segments.flatMap((s) => s.transitions).sort((a, b) => a.at - b.at);
	const first = (side: Side): TcpState =>
		all.find((t) => t.side === side)?.from ??
		(side === 'client' ? segments[0]?.clientState : segments[0]?.serverState) ??
		'CLOSED';
	return { client: first('client'), server: first('server') };
}

/** Steps of a run: one per segment, then the outcome. */
export const stepCount = (sim: RunSimulation) => sim.segments.length + 1;

/** What one step shows: a segment, or (the last step) how the connection ended. */
export type StepView =
	| {
			kind: 'segment';
			segment: SimulatedSegment;
			states: Record<Side, TcpState>;
			/** The states one step earlier. */
			before: Record<Side, TcpState>;
			transitions: AppliedTransition[];
	  }
	| { kind: 'outcome'; states: Record<Side, TcpState>; before: Record<Side, TcpState> };

/** The step at `step` (clamped to the run). */
export function stepView(sim: RunSimulation, step: number): StepView {
	const index = clampStep(sim, step);
	const statesAfter = (i: number): Record<Side, TcpState> =>
		i < 0
			? initialStates(sim.segments)
			: { client: sim.segments[i].clientState, server: sim.segments[i].serverState };
	if (index >= sim.segments.length) {
		return {
			kind: 'outcome',
			states: sim.outcome.finalStates,
			before: statesAfter(sim.segments.length - 1)
		};
	}
	const segment = sim.segments[index];
	return {
		kind: 'segment',
		segment,
		states: statesAfter(index),
		before: statesAfter(index - 1),
		transitions: [...segment.transitions].sort((a, b) => a.at - b.at)
	};
}

/** `step` as a whole number within the run's steps. */
export function clampStep(sim: RunSimulation, step: number): number {
	return Math.min(Math.max(Math.trunc(step) || 0, 0), stepCount(sim) - 1);
}

/** The SEQ or ACK to show, absolute or relative (as Wireshark's "relative sequence numbers"). */
export function shownNumber(
	numbers: SegmentNumbers,
	which: 'seq' | 'ack',
	relative: boolean
): number | null {
	const source = numbers[which];
	if (!source) return null;
	return relative ? source.relative : source.value;
}

/** The segment as raw IPv4 + TCP bytes in lowercase hex with no spaces, or null if it cannot be encoded. */
export function segmentHex(segment: SimulatedSegment): string | null {
	const encoded = tryEncodeSegment(segment);
	return encoded.ok ? toHex(encoded.bytes, '') : null;
}

/** The packet decoder's address for these bytes: `<tools>packet-decoder/?hex=…&link=raw`. */
export function decoderHref(toolsPath: string, hex: string): string {
	return `${toolsPath}packet-decoder/?hex=${hex}&link=raw`;
}

/**
 * What an ISN field hands the model: the number it spells when it is written as digits,
 * otherwise the text itself, so the model's error quotes what was typed (simulateConnection
 * checks every value and never throws).
 */
export function isnOption(text: string): number {
	const trimmed = text.trim();
	if (/^-?\d+(?:\.\d+)?$/.test(trimmed)) return Number(trimmed);
	return text as unknown as number;
}

/** Two random ISNs from `random` (32 bits each), as the fields show them. */
export function randomIsns(random: (count: number) => Uint8Array): [string, string] {
	const bytes = random(8);
	const view = new DataView(bytes.buffer, bytes.byteOffset, 8);
	return [String(view.getUint32(0)), String(view.getUint32(4))];
}

/**
 * What the sequence diagram needs of a segment. The simulator's segments have it, and so do the
 * segments a capture is drawn from (src/lib/protocol/capture/handshake-diagram.ts): times in ms
 * from the first send, `arrives` null when lost.
 */
export type DiagramSegment = Pick<
	SimulatedSegment,
	'index' | 'from' | 'time' | 'arrives' | 'flags' | 'length'
> & { retransmission: Pick<Retransmission, 'timeout'> | null };

/**
 * What the sequence diagram draws: segments (`index` = position) on an axis scaled by one one-way
 * delay (ms), and, for a simulation, how the run ended and its scenario (which replays the
 * drawing of the current arrow when it changes).
 */
export interface DiagramRun {
	delay: number;
	segments: readonly DiagramSegment[];
	outcome?: Pick<ConnectionOutcome, 'calls' | 'finalStates'>;
	scenario?: string;
}

/** When the run is over: the last arrival (or a lost segment's send) or the last call's return. */
export function endTime(sim: DiagramRun): number {
	let end = 0;
	for (const s of sim.segments) end = Math.max(end, s.arrives ?? s.time);
	for (const c of sim.outcome?.calls ?? []) end = Math.max(end, c.at);
	return end;
}

/** Where the sequence diagram draws one segment (y in px from the top). */
export interface ArrowLayout {
	index: number;
	from: Side;
	/** Sent at y0; reaches the other side at y1, or (lost) falls to y1 halfway across. */
	y0: number;
	y1: number;
	lost: boolean;
	/** Centre of the label block; for a lost segment ('drawn'), its top, below where it fell. */
	labelY: number;
	/**
	 * Where the label sits across: 'middle' (centred on the page), 'sender' (beside the sender's
	 * time line, for segments that cross another sent at the same moment) or 'drawn' (under the
	 * half a lost segment travelled).
	 */
	labelAt: 'middle' | 'sender' | 'drawn';
	/** The retransmission timer: from when it started to when it fired (y), on the sender's side. */
	timer: { y0: number; y1: number } | null;
}

/** A wait drawn shorter than it was: from y0 to y1, really `ms` long. */
export interface GapLayout {
	y0: number;
	y1: number;
	ms: number;
}

/** The whole diagram. */
export interface DiagramLayout {
	height: number;
	arrows: ArrowLayout[];
	gaps: GapLayout[];
	/** The row where the run ends (outcome). */
	endY: number;
	/** True when some wait was cut short. */
	broken: boolean;
}

/** Sizes of the diagram, px. */
export const DIAGRAM = {
	top: 28,
	bottom: 44,
	/** Height of one one-way delay. */
	perDelay: 88,
	/**
	 * Height of a wait that is cut short: room for its length in the middle and, at the bottom,
	 * the timer that ends it ('RTO 1 s → resent at 1,000 ms'), apart.
	 */
	gap: 56
};

/**
 * Lays the segments out on a time axis. Times up to four one-way delays apart are drawn to
 * scale; a longer wait (a retransmission timer, the 64 s before ETIMEDOUT) is cut to a fixed
 * height and reported in `gaps`, so syn-timeout's 131 s fits on a page.
 */
export function layoutDiagram(sim: DiagramRun): DiagramLayout {
	const delay = sim.delay;
	const perMs = DIAGRAM.perDelay / delay;
	const threshold = 4 * delay;
	const end = endTime(sim);
	const reach = (s: DiagramSegment) => s.arrives ?? s.time + delay;
	const times = new Set<number>([0, end]);
	for (const s of sim.segments) {
		times.add(s.time);
		times.add(reach(s));
		if (s.retransmission?.timeout) times.add(s.time - s.retransmission.timeout);
	}
	const sorted = [...times].filter((t) => t >= 0).sort((a, b) => a - b);
	const ys = new Map<number, number>();
	const gaps: GapLayout[] = [];
	let y = DIAGRAM.top;
	sorted.forEach((t, i) => {
		if (i > 0) {
			const d = t - sorted[i - 1];
			if (d > threshold) {
				gaps.push({ y0: y, y1: y + DIAGRAM.gap, ms: d });
				y += DIAGRAM.gap;
			} else {
				y += d * perMs;
			}
		}
		ys.set(t, y);
	});
	const at = (t: number) => ys.get(t) ?? DIAGRAM.top;

	// Segments sent at the same moment (crossing SYNs or FINs) get their labels apart.
	const groups = new Map<string, number[]>();
	for (const s of sim.segments) {
		const key = `${s.time}|${reach(s)}`;
		groups.set(key, [...(groups.get(key) ?? []), s.index]);
	}
	const arrows = sim.segments.map((s): ArrowLayout => {
		const y0 = at(s.time);
		const full = at(reach(s));
		const y1 = s.arrives === null ? (y0 + full) / 2 : full;
		const group = groups.get(`${s.time}|${reach(s)}`) ?? [s.index];
		const crossing = group.length > 1;
		// Two crossing segments: the first labelled in the top half, the second in the bottom.
		const share = (group.indexOf(s.index) + 0.5) / group.length;
		const lost = s.arrives === null;
		const timeout = s.retransmission?.timeout ?? null;
		return {
			index: s.index,
			from: s.from,
			y0,
			y1,
			lost,
			labelY: crossing ? y0 + (full - y0) * share : lost ? y1 + 8 : (y0 + y1) / 2,
			labelAt: crossing ? 'sender' : lost ? 'drawn' : 'middle',
			timer: timeout ? { y0: at(s.time - timeout), y1: y0 } : null
		};
	});
	const endY = at(end);
	return { height: endY + DIAGRAM.bottom, arrows, gaps, endY, broken: gaps.length > 0 };
}

/**
 * Breaks a note into lines of at most `width` characters, at spaces (a longer word gets a line of
 * its own): the diagram's text cannot wrap by itself.
 */
export function wrapWords(text: string, width: number): string[] {
	const lines: string[] = [];
	for (const word of text.split(' ')) {
		const last = lines.length - 1;
		if (last >= 0 && lines[last].length + 1 + word.length <= width) lines[last] += ` ${word}`;
		else lines.push(word);
	}
	return lines;
}

/** True when the SYN profile changes anything in the scenario (so the picker is worth showing). */
export function profileMatters(scenario: ScenarioId): boolean {
	const [a, b] = SYN_PROFILES.map((profile) =>
		simulateConnection(scenario, { profile, isnClient: 0, isnServer: 0 })
	);
	if (!a.ok || !b.ok) return false;
	return (
		a.segments.length !== b.segments.length ||
		a.outcome.connect.at !== b.outcome.connect.at ||
		a.segments.some((s, i) => s.time !== b.segments[i].time)
	);
}
