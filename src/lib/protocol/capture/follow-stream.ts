/**
 * One direction of a TCP connection, reassembled: each segment's bytes are placed by sequence
 * number, the first copy of every byte wins (Wireshark keeps the first copy too), and segments
 * are sorted into the kinds `ByteStream` lists. Sequence numbers are unwrapped (RFC 9293 §3.4:
 * they count modulo 2^32) to the value nearest the highest one seen, so a stream may cross the
 * wrap. SYN and FIN each take one sequence number and carry no stream bytes.
 *
 * Work per segment is constant for in-order data and a binary search plus a short splice for
 * reordered data; `finish` concatenates the bytes once.
 */
import type { ByteStream, StreamChunk, StreamGap } from './follow-types';
import { TCP_FLAG, type TransportSummary } from './follow-packet';

const WRAP = 2 ** 32;

/** Stored bytes [start, end) in relative sequence space, from the packet that first sent them. */
interface Piece {
	start: number;
	end: number;
	data: Uint8Array;
	packet: number;
	time: bigint;
	/** The whole packet and where its IP header starts, to recognise an exact copy later. */
	source: Uint8Array;
	ip: number;
}

/** Compares two packets' bytes from `a`/`b` offsets to their ends. */
function sameBytes(x: Uint8Array, a: number, y: Uint8Array, b: number): boolean {
	if (x.length - a !== y.length - b) return false;
	for (let i = 0; i < x.length - a; i++) if (x[a + i] !== y[b + i]) return false;
	return true;
}

/** The reassembly state of one direction. */
export class DirectionAssembler {
	/** Raw sequence number of relative offset 0 (ISN + 1 once the SYN is seen). */
	private base: number | undefined;
	private isn: number | undefined;
	/** Highest relative sequence number seen plus one (SYN and FIN included). */
	private next: number | undefined;
	/** Highest end of data in sequence space (declared lengths, cut or not). */
	private dataEnd = -Infinity;
	private lowest = Infinity;
	private readonly pieces: Piece[] = [];
	private readonly probes: Piece[] = [];
	private finAt: number | undefined;
	private finPacket: number | undefined;
	/** For duplicate ACKs: the previous ACK number and window this side sent. */
	lastAck: number | undefined;
	lastWindow: number | undefined;
	/** True when this side's latest segment was a keep-alive (its peer's answer is no dup ACK). */
	lastWasKeepAlive = false;
	/**
	 * Packets that resent sequence space, by a cheap key, to find byte-for-byte copies of them.
	 * (Copies of first transmissions are found through the pieces they stored, and of the SYN
	 * and FIN through `synSource` and `finSource`.)
	 */
	private resent: Map<string, { source: Uint8Array; ip: number }[]> | undefined;
	private synSource: { source: Uint8Array; ip: number } | undefined;
	private finSource: { source: Uint8Array; ip: number } | undefined;
	/** What the last `store` found: bytes already held, and whether any of them differ. */
	private seen = 0;
	private differ = false;

	packets = 0;
	wireBytes = 0;
	readonly retransmissions: number[] = [];
	readonly duplicates: number[] = [];
	readonly outOfOrder: number[] = [];
	readonly overlaps: number[] = [];
	readonly conflicts: number[] = [];
	readonly keepAlives: number[] = [];
	readonly zeroWindowProbes: number[] = [];
	readonly duplicateAcks: number[] = [];
	readonly cut: number[] = [];

	/** True once a SYN from this side was seen. */
	get synSeen(): boolean {
		return this.isn !== undefined;
	}

	get initialSequence(): number | undefined {
		return this.isn;
	}

	/** True once this side sent a FIN. */
	get finSeen(): boolean {
		return this.finPacket !== undefined;
	}

	/**
	 * Makes `base` relative offset 0. Positions already stored (bytes captured before the SYN,
	 * in a capture out of order) move with it.
	 */
	private rebase(base: number): void {
		const old = this.base;
		this.base = base;
		if (old === undefined) return;
		const raw = (old - base + WRAP) % WRAP;
		const shift = raw >= WRAP / 2 ? raw - WRAP : raw;
		if (shift === 0) return;
		for (const piece of [...this.pieces, ...this.probes]) {
			piece.start += shift;
			piece.end += shift;
		}
		if (this.next !== undefined) this.next += shift;
		this.dataEnd += shift;
		this.lowest += shift;
		if (this.finAt !== undefined) this.finAt += shift;
	}

	/** Relative position of a raw sequence number, unwrapped to the value nearest `next`. */
	private relative(seq: number): number {
		const raw = (seq - (this.base as number) + WRAP) % WRAP;
		const reference = this.next ?? 0;
		return raw + Math.round((reference - raw) / WRAP) * WRAP;
	}

	/** Index of the first piece whose end is past `at`. */
	private firstEndingAfter(at: number): number {
		let lo = 0;
		let hi = this.pieces.length;
		while (lo < hi) {
			const mid = (lo + hi) >> 1;
			if (this.pieces[mid].end <= at) lo = mid + 1;
			else hi = mid;
		}
		return lo;
	}

	/**
	 * Stores the bytes of [start, start + data.length) that no earlier piece holds, and sets
	 * `seen` (how many were already held) and `differ` (whether any of those differ).
	 */
	private store(
		start: number,
		data: Uint8Array,
		packet: number,
		time: bigint,
		source: Uint8Array,
		ip: number
	): void {
		const end = start + data.length;
		this.seen = 0;
		this.differ = false;
		const last = this.pieces[this.pieces.length - 1];
		if (!last || last.end <= start) {
			this.pieces.push({ start, end, data, packet, time, source, ip });
			return;
		}
		let i = this.firstEndingAfter(start);
		let at = start;
		const added: Piece[] = [];
		while (at < end) {
			const piece = this.pieces[i];
			if (!piece || piece.start >= end) {
				added.push({ start: at, end, data: data.subarray(at - start), packet, time, source, ip });
				break;
			}
			if (piece.start > at) {
				const stop = piece.start;
				added.push({
					start: at,
					end: stop,
					data: data.subarray(at - start, stop - start),
					packet,
					time,
					source,
					ip
				});
				at = stop;
			}
			const stop = Math.min(piece.end, end);
			if (!this.differ)
				for (let k = at; k < stop; k++) {
					if (piece.data[k - piece.start] !== data[k - start]) {
						this.differ = true;
						break;
					}
				}
			this.seen += stop - at;
			at = stop;
			i++;
		}
		if (added.length > 0) {
			const index = this.firstEndingAfter(added[0].start);
			// Pieces never overlap, so the new ones interleave with the held ones in start order.
			const merged = this.pieces.splice(index);
			let a = 0;
			let m = 0;
			while (a < added.length || m < merged.length) {
				if (m >= merged.length || (a < added.length && added[a].start < merged[m].start))
					this.pieces.push(added[a++]);
				else this.pieces.push(merged[m++]);
			}
		}
	}

	/**
	 * True when a segment that resends sequence space is a byte-for-byte copy (from the IP
	 * header on) of an earlier packet of this side; otherwise remembers it for later copies.
	 */
	private isCopy(
		segment: TransportSummary,
		bytes: Uint8Array,
		dataStart: number,
		syn: boolean
	): boolean {
		const ip = segment.ipOffset;
		const same = (earlier: { source: Uint8Array; ip: number } | undefined) =>
			earlier !== undefined && sameBytes(earlier.source, earlier.ip, bytes, ip);
		if (segment.length > 0) {
			const piece = this.pieces[this.firstEndingAfter(dataStart)];
			if (piece && piece.start === dataStart && same(piece)) return true;
		} else if (syn ? same(this.synSource) : same(this.finSource)) return true;
		const key = `${segment.seq}:${segment.ack}:${segment.flags}:${segment.length}`;
		this.resent ??= new Map();
		const earlier = this.resent.get(key);
		if (earlier) {
			for (const e of earlier) if (same(e)) return true;
			earlier.push({ source: bytes, ip });
		} else this.resent.set(key, [{ source: bytes, ip }]);
		return false;
	}

	/** Notes what this side's latest segment said, for the next duplicate-ACK check. */
	private remember(segment: TransportSummary, keepAlive: boolean): void {
		if ((segment.flags & TCP_FLAG.ACK) !== 0) this.lastAck = segment.ack;
		this.lastWindow = segment.window;
		this.lastWasKeepAlive = keepAlive;
	}

	/**
	 * Adds one segment this side sent. `peer` is the other direction: its last window tells a
	 * zero-window probe, its last keep-alive tells the ACK that answers it.
	 */
	add(
		segment: TransportSummary,
		bytes: Uint8Array,
		packet: number,
		time: bigint,
		wireLength: number,
		peer: DirectionAssembler
	): boolean {
		this.packets++;
		this.wireBytes += wireLength;
		const { flags, length } = segment;
		const syn = (flags & TCP_FLAG.SYN) !== 0;
		const fin = (flags & TCP_FLAG.FIN) !== 0;
		if ((flags & TCP_FLAG.RST) !== 0) {
			// A reset ends the connection; bytes it may carry are diagnostics, not stream data.
			if (this.base === undefined) this.base = segment.seq;
			this.remember(segment, false);
			return false;
		}
		if (syn && this.isn === undefined) {
			this.isn = segment.seq;
			this.rebase((segment.seq + 1) % WRAP);
			this.synSource = { source: bytes, ip: segment.ipOffset };
		}
		if (this.base === undefined) this.base = segment.seq;
		const rel = this.relative(segment.seq);
		const next = this.next;
		const dataStart = syn ? rel + 1 : rel;
		const occupies = length + (syn ? 1 : 0) + (fin ? 1 : 0);

		if (!syn && !fin && length <= 1 && next !== undefined && rel === next - 1) {
			this.keepAlives.push(packet);
			this.remember(segment, true);
			return false;
		}
		if (!syn && !fin && length === 1 && rel === next && peer.lastWindow === 0) {
			this.zeroWindowProbes.push(packet);
			if (segment.captured >= 1) {
				const data = bytes.subarray(segment.payloadOffset, segment.payloadOffset + 1);
				const ip = segment.ipOffset;
				this.probes.push({ start: rel, end: rel + 1, data, packet, time, source: bytes, ip });
			}
			this.remember(segment, false);
			return false;
		}
		if (occupies === 0) {
			if (
				segment.window !== 0 &&
				segment.window === this.lastWindow &&
				rel === next &&
				(flags & TCP_FLAG.ACK) !== 0 &&
				segment.ack === this.lastAck &&
				!peer.lastWasKeepAlive
			)
				this.duplicateAcks.push(packet);
			if (next === undefined) this.next = rel;
			this.remember(segment, false);
			return false;
		}
		// A segment that takes sequence space: data, SYN or FIN. Only one that does not advance
		// the sequence can be a copy of an earlier one.
		const notAdvanced = next !== undefined && rel < next;
		if (notAdvanced && this.isCopy(segment, bytes, dataStart, syn)) {
			this.duplicates.push(packet);
			this.remember(segment, false);
			return false;
		}
		let beforeIsn = false;
		if (length > 0) {
			let start = dataStart;
			const captured = Math.max(0, Math.min(segment.captured, length));
			let data = bytes.subarray(segment.payloadOffset, segment.payloadOffset + captured);
			if (captured < length) this.cut.push(packet);
			if (this.isn !== undefined && start < 0) {
				// Bytes before ISN + 1 cannot belong to this connection's stream.
				beforeIsn = true;
				data = data.subarray(Math.min(data.length, -start));
				start = 0;
			}
			this.dataEnd = Math.max(this.dataEnd, dataStart + length);
			this.lowest = Math.min(this.lowest, start);
			this.seen = 0;
			this.differ = false;
			if (data.length > 0) this.store(start, data, packet, time, bytes, segment.ipOffset);
			if (this.differ) this.conflicts.push(packet);
			if (notAdvanced) {
				if (this.seen >= data.length) this.retransmissions.push(packet);
				else if (this.seen === 0) this.outOfOrder.push(packet);
				else this.overlaps.push(packet);
			}
		} else if (notAdvanced) {
			// A SYN or FIN sent again.
			this.retransmissions.push(packet);
		}
		if (fin && this.finAt === undefined) {
			this.finAt = dataStart + length;
			this.finPacket = packet;
			this.finSource = { source: bytes, ip: segment.ipOffset };
		}
		this.next = Math.max(next ?? -Infinity, rel + occupies);
		this.remember(segment, false);
		return beforeIsn;
	}

	/** The reassembled stream: one concatenation, the chunks, the gaps. */
	finish(): ByteStream {
		// A probe's byte counts only where no segment supplied it and the stream goes on past it.
		const beyond = Math.max(this.dataEnd, this.finAt ?? -Infinity);
		for (const probe of this.probes) {
			if (probe.end <= beyond)
				this.store(probe.start, probe.data, probe.packet, probe.time, probe.source, probe.ip);
		}
		const first = this.pieces[0];
		const start =
			this.isn !== undefined
				? 0
				: Math.min(first ? first.start : 0, this.lowest === Infinity ? 0 : this.lowest, 0);
		const end = Math.max(start, this.dataEnd, this.finAt ?? -Infinity);
		let total = 0;
		for (const piece of this.pieces) total += piece.data.length;
		const bytes = new Uint8Array(total);
		const chunks: StreamChunk[] = [];
		const gaps: StreamGap[] = [];
		let at = start;
		let offset = 0;
		for (const piece of this.pieces) {
			if (piece.start > at)
				gaps.push({ offset, streamOffset: at - start, length: piece.start - at });
			bytes.set(piece.data, offset);
			chunks.push({
				offset,
				streamOffset: piece.start - start,
				length: piece.data.length,
				packet: piece.packet,
				time: piece.time
			});
			offset += piece.data.length;
			at = piece.end;
		}
		if (end > at) gaps.push({ offset, streamOffset: at - start, length: end - at });
		const stream: ByteStream = {
			bytes,
			chunks,
			gaps,
			startSeq: this.base === undefined ? 0 : (((this.base + start) % WRAP) + WRAP) % WRAP,
			packets: this.packets,
			wireBytes: this.wireBytes,
			retransmissions: this.retransmissions,
			duplicates: this.duplicates,
			outOfOrder: this.outOfOrder,
			overlaps: this.overlaps,
			conflicts: this.conflicts,
			keepAlives: this.keepAlives,
			zeroWindowProbes: this.zeroWindowProbes,
			duplicateAcks: this.duplicateAcks,
			cut: this.cut
		};
		if (this.isn !== undefined) stream.isn = this.isn;
		if (this.finAt !== undefined && this.finPacket !== undefined)
			stream.fin = { packet: this.finPacket, streamOffset: this.finAt - start };
		return stream;
	}
}
