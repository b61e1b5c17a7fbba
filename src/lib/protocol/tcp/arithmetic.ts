/**
 * The sequence-number arithmetic of each segment, spelled out: where its SEQ and ACK come from
 * ("5001 = 5000 + 1 for the SYN of segment 2") and both as Wireshark shows them relative to each
 * side's first sequence number. Worked out from the segment list alone, by RFC 9293 §3.4: a
 * segment starts where its sender's previous one ended, and an ACK names the end of the last
 * segment that arrived in order.
 */
import type { Side, SimulatedSegment } from './simulate';
import { NUMBER_TEXT } from './tcp-text';

const MOD = 2 ** 32;

/** One number of a segment and where it comes from. */
export interface NumberSource {
	value: number;
	/** As Wireshark shows it: relative to the numbering side's SYN (tcp.seq, tcp.ack). */
	relative: number;
	/** The segment (index) whose end this number is, or null for an ISN, a copy or a reset's 0. */
	after: number | null;
	/**
	 * '1037 = 1001 + 36 bytes of segment 4': in absolute numbers, or in relative ones
	 * ('37 = 1 + 36 bytes of segment 4') when segmentNumbers was asked for them.
	 */
	text: string;
}

/** SEQ and (when ACK is set) ACK of one segment, explained. */
export interface SegmentNumbers {
	seq: NumberSource;
	ack: NumberSource | null;
}

/** The parts of a segment's sequence space: SYN, data bytes, FIN (RFC 9293 §3.4). */
function parts(s: SimulatedSegment): { syn: boolean; bytes: number; fin: boolean; total: number } {
	const syn = s.flags.SYN;
	const fin = s.flags.FIN;
	return { syn, bytes: s.length, fin, total: s.length + (syn ? 1 : 0) + (fin ? 1 : 0) };
}

const end = (s: SimulatedSegment) => (s.seq + parts(s).total) % MOD;
const other = (side: Side): Side => (side === 'client' ? 'server' : 'client');

/**
 * Explains every segment's numbers. `relative`: word the arithmetic in Wireshark's relative
 * numbers, the ones a view shows in that mode (default: the absolute numbers on the wire).
 * Never throws; a number it cannot trace is given plainly.
 */
export function segmentNumbers(
	segments: readonly SimulatedSegment[],
	options: { relative?: boolean } = {}
): SegmentNumbers[] {
	const relative = options.relative ?? false;
	// Wireshark's base: the SYN's sequence number, or one less than a first segment without SYN
	// (so a reset from a closed port shows Seq=1, as tshark does).
	const base: Partial<Record<Side, number>> = {};
	for (const s of segments) base[s.from] ??= s.flags.SYN ? s.seq : (s.seq - 1 + MOD) % MOD;
	const rel = (value: number, side: Side) => (value - (base[side] ?? 0) + MOD) % MOD;
	/** A number of `side`'s in the numbering the text is worded in. */
	const shown = (value: number, side: Side) => (relative ? rel(value, side) : value);
	/** A number traced to the end of `before`: its SEQ plus its sequence space. */
	const sum = (value: number, before: SimulatedSegment) =>
		NUMBER_TEXT.sum(
			shown(value, before.from),
			shown(before.seq, before.from),
			parts(before),
			before.index + 1
		);

	return segments.map((s, i) => {
		const earlier = segments.slice(0, i);
		const mine = earlier.filter((o) => o.from === s.from);
		const number = (after: number | null, text: string): NumberSource => ({
			value: s.seq,
			relative: rel(s.seq, s.from),
			after,
			text
		});
		let seq: NumberSource;
		if (s.retransmission) {
			seq = number(null, NUMBER_TEXT.copy(shown(s.seq, s.from), s.retransmission.of + 1));
		} else if (s.flags.SYN) {
			seq = number(null, NUMBER_TEXT.isn(shown(s.seq, s.from), relative));
		} else {
			const previous = [...mine].reverse().find((o) => parts(o).total > 0 && end(o) === s.seq);
			const reset = s.flags.RST && mine.length === 0;
			seq = previous
				? number(previous.index, sum(s.seq, previous))
				: number(
						null,
						reset
							? relative
								? NUMBER_TEXT.resetRelative(rel(s.seq, s.from))
								: NUMBER_TEXT.resetZero
							: String(shown(s.seq, s.from))
					);
		}
		let ack: NumberSource | null = null;
		if (s.flags.ACK) {
			const peer = other(s.from);
			const arrived = earlier.filter(
				(o) =>
					o.from === peer &&
					o.arrives !== null &&
					o.arrives <= s.time &&
					!o.flags.RST &&
					parts(o).total > 0 &&
					end(o) === s.ack
			);
			// The first copy that arrived is the one that moved RCV.NXT; later copies were duplicates.
			const last = arrived[0];
			ack = {
				value: s.ack,
				relative: rel(s.ack, peer),
				after: last ? last.index : null,
				text: last ? sum(s.ack, last) : String(shown(s.ack, peer))
			};
		}
		return { seq, ack };
	});
}
