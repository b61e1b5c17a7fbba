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
	/** '1037 = 1001 + 36 bytes of segment 4'. */
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

/** Explains every segment's numbers. Never throws; a number it cannot trace is given plainly. */
export function segmentNumbers(segments: readonly SimulatedSegment[]): SegmentNumbers[] {
	// Wireshark's base: the SYN's sequence number, or one less than a first segment without SYN
	// (so a reset from a closed port shows Seq=1, as tshark does).
	const base: Partial<Record<Side, number>> = {};
	for (const s of segments) base[s.from] ??= s.flags.SYN ? s.seq : (s.seq - 1 + MOD) % MOD;
	const rel = (value: number, side: Side) => (value - (base[side] ?? 0) + MOD) % MOD;

	return segments.map((s, i) => {
		const earlier = segments.slice(0, i);
		const mine = earlier.filter((o) => o.from === s.from);
		let seq: NumberSource;
		if (s.retransmission) {
			seq = {
				value: s.seq,
				relative: rel(s.seq, s.from),
				after: null,
				text: NUMBER_TEXT.copy(s.seq, s.retransmission.of + 1)
			};
		} else if (s.flags.SYN) {
			seq = {
				value: s.seq,
				relative: rel(s.seq, s.from),
				after: null,
				text: NUMBER_TEXT.isn(s.seq)
			};
		} else {
			const previous = [...mine].reverse().find((o) => parts(o).total > 0 && end(o) === s.seq);
			seq = previous
				? {
						value: s.seq,
						relative: rel(s.seq, s.from),
						after: previous.index,
						text: NUMBER_TEXT.sum(s.seq, previous.seq, parts(previous), previous.index + 1)
					}
				: {
						value: s.seq,
						relative: rel(s.seq, s.from),
						after: null,
						text: s.flags.RST && mine.length === 0 ? NUMBER_TEXT.resetZero : String(s.seq)
					};
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
			ack = last
				? {
						value: s.ack,
						relative: rel(s.ack, peer),
						after: last.index,
						text: NUMBER_TEXT.sum(s.ack, last.seq, parts(last), last.index + 1)
					}
				: { value: s.ack, relative: rel(s.ack, peer), after: null, text: String(s.ack) };
		}
		return { seq, ack };
	});
}
