/**
 * `handshakeDiagram(connection, packets)`: a captured connection's opening handshake (SYN,
 * SYN-ACK, ACK, or the RST, ACK that refused the SYN) in the shape the TCP stepper's sequence
 * diagram draws (`DiagramRun` in src/lib/visualizers/tcp-handshake/view.ts), so the Capture
 * Explorer draws a real handshake exactly as the stepper draws a simulated one.
 *
 * Each packet is read with `decodePacket`: flags, raw sequence and acknowledgment numbers,
 * window and options, and the numbers relative to each side's first sequence number as
 * Wireshark shows them.
 *
 * A capture records each packet once, at the capture point, not when it left one host and when
 * it reached the other. The drawing assumes the capture was taken at the client (the side that
 * sent the SYN): what the client sends leaves at its capture time, what it receives arrives at
 * its capture time, and every crossing takes the same one-way time. That time is half the
 * SYN → SYN-ACK time when both were captured (so the server answers the moment the SYN
 * arrives), else half the measured round trip (SYN to the RST, ACK of a refusal, or to the ACK
 * when the SYN-ACK is missing), else nothing was measured and `crossing.from` says so.
 *
 * Pure: times are ns since the epoch in, ms from the first send out; never throws.
 */
import { readTransportDecoded, TCP_FLAG } from './follow-packet';
import type { TcpConnection } from './follow-types';
import type { CapturedPacket } from './types';
import type { Field } from '../bytes/fields';
import { decodePacket } from '../packet/decode';
import type { LinkTypeOption } from '../packet/types';
import type { SegmentNumbers } from '../tcp/arithmetic';
import type { Side, TcpFlags } from '../tcp/simulate';
import type { PrintedOption } from '../tcp/print';

const MOD = 2 ** 32;

/** Which packet of the handshake a segment is. */
export type HandshakeStep = 'syn' | 'synAck' | 'ack' | 'rst';

/** A TCP option as a captured segment carries it: the simulator's kinds, SACK blocks, or any other by name. */
export type CapturedOption = PrintedOption;

/** One captured packet of the handshake, placed on the diagram's time axis. */
export interface HandshakeSegment {
	/** Position in `segments`. */
	index: number;
	step: HandshakeStep;
	/** Index of the packet in the capture. */
	packet: number;
	/** Capture time, ns since the epoch. */
	captured: bigint;
	from: Side;
	/** Where the capture point (the client) saw it: as it was sent, or as it arrived. */
	seen: 'sent' | 'arrived';
	/** When it left its sender and reached the other side, ms after the first send (drawn, see above). */
	time: number;
	arrives: number;
	flags: TcpFlags;
	/** Raw sequence and acknowledgment numbers (tcp.seq_raw, tcp.ack_raw). */
	seq: number;
	ack: number;
	/** The 16-bit window field as sent (tcp.window_size_value). */
	window: number;
	/**
	 * The shift the receiver applies to `window` (tcp.window_size_scalefactor as a power of 2):
	 * the sender's own Window Scale when both SYNs carried one, else 0; null on a SYN (never
	 * scaled) or when a SYN is not in the capture, so the scale is unknown (RFC 7323 §2.2, §2.3).
	 */
	windowShift: number | null;
	/** Payload bytes (tcp.len). */
	length: number;
	options: CapturedOption[];
	/** A capture never knows why a packet was sent again; the diagram draws no timer. */
	retransmission: null;
}

/** Where the one-way crossing time came from. */
export type CrossingSource = 'syn-synack' | 'rtt' | 'none';

/** A captured handshake ready to draw. */
export interface HandshakeDiagram {
	/** One-way crossing time, ms: the diagram's scale. */
	delay: number;
	segments: HandshakeSegment[];
	/** Each segment's numbers, raw and relative (SegmentNumbers, as the stepper's diagram takes them). */
	numbers: SegmentNumbers[];
	crossing: { from: CrossingSource; ns: bigint };
	/** Steps of SYN, SYN-ACK, ACK the capture does not hold (none when the SYN was refused). */
	missing: ('syn' | 'synAck' | 'ack')[];
	/** True when the server answered the SYN with a reset. */
	refused: boolean;
}

/** TCP flag bits, as the tcp.flags field holds them, into the stepper's flags object. */
export function flagsFromBits(bits: number): TcpFlags {
	return {
		CWR: (bits & 0x80) !== 0,
		ECE: (bits & 0x40) !== 0,
		URG: (bits & TCP_FLAG.URG) !== 0,
		ACK: (bits & TCP_FLAG.ACK) !== 0,
		PSH: (bits & TCP_FLAG.PSH) !== 0,
		RST: (bits & TCP_FLAG.RST) !== 0,
		SYN: (bits & TCP_FLAG.SYN) !== 0,
		FIN: (bits & TCP_FLAG.FIN) !== 0
	};
}

/** The options of a decoded TCP header, in order, from its `tcp.options` field's children. */
export function optionsOf(tcpFields: readonly Field[]): CapturedOption[] {
	const list = tcpFields.find((f) => f.key === 'tcp.options')?.children ?? [];
	const child = (f: Field, key: string) => {
		const value = f.children?.find((c) => c.key === key)?.value;
		return typeof value === 'number' ? value : undefined;
	};
	const out: CapturedOption[] = [];
	for (const f of list) {
		const mss = child(f, 'tcp.options.mss_val');
		const shift = child(f, 'tcp.options.wscale.shift');
		const tsval = child(f, 'tcp.options.timestamp.tsval');
		const tsecr = child(f, 'tcp.options.timestamp.tsecr');
		if (f.key === 'tcp.options.eol' && f.category === 'options') out.push({ kind: 'eol' });
		else if (f.key === 'tcp.options.eol')
			continue; // padding after EOL
		else if (f.key === 'tcp.options.nop') out.push({ kind: 'nop' });
		else if (f.key === 'tcp.options.mss' && mss !== undefined)
			out.push({ kind: 'mss', value: mss });
		else if (f.key === 'tcp.options.wscale' && shift !== undefined)
			out.push({ kind: 'wscale', shift });
		else if (f.key === 'tcp.options.sack_perm') out.push({ kind: 'sackOK' });
		else if (f.key === 'tcp.options.timestamp' && tsval !== undefined && tsecr !== undefined)
			out.push({ kind: 'timestamps', tsval, tsecr });
		else if (
			f.key === 'tcp.options.sack' &&
			f.children?.some((c) => c.key === 'tcp.options.sack_le')
		) {
			const edges = f.children
				.filter((c) => c.key === 'tcp.options.sack_le' || c.key === 'tcp.options.sack_re')
				.map((c) => Number(c.value));
			const blocks: [number, number][] = [];
			for (let i = 0; i + 1 < edges.length; i += 2) blocks.push([edges[i], edges[i + 1]]);
			out.push({ kind: 'sack', blocks });
		} else out.push({ kind: 'other', name: f.abbr ?? f.name });
	}
	return out;
}

const LINK_TYPES = new Set<number>([0, 1, 101, 113, 276]);

/** The packet at capture index `index` (packets are normally in index order). */
function packetAt(packets: readonly CapturedPacket[], index: number): CapturedPacket | undefined {
	const direct = packets[index];
	return direct?.index === index ? direct : packets.find((p) => p.index === index);
}

/** What one packet's TCP header says, read with decodePacket; undefined if it is not TCP. */
function readSegment(packet: CapturedPacket) {
	if (!LINK_TYPES.has(packet.linkType)) return undefined;
	const linkType = packet.linkType as LinkTypeOption;
	const summary = readTransportDecoded(packet.bytes, packet.linkType);
	if (!summary || summary.protocol !== 'tcp') return undefined;
	const tcp = decodePacket(packet.bytes, { linkType }).layers.find((l) => l.protocol === 'tcp');
	return { summary, options: tcp ? optionsOf(tcp.fields) : [] };
}

/**
 * The handshake of `connection` to draw, or null when there is nothing to draw: the capture
 * began after it (`clientGuessed`), or none of its packets can be read as TCP.
 */
export function handshakeDiagram(
	connection: TcpConnection,
	packets: readonly CapturedPacket[]
): HandshakeDiagram | null {
	if (connection.clientGuessed) return null;
	const h = connection.handshake;
	const refusal =
		h.synAck === undefined &&
		h.syn !== undefined &&
		connection.rst?.from === 1 &&
		connection.rst.packet > h.syn
			? connection.rst.packet
			: undefined;
	const wanted: { step: HandshakeStep; packet: number | undefined; from: Side }[] = [
		{ step: 'syn', packet: h.syn, from: 'client' },
		refusal !== undefined
			? { step: 'rst', packet: refusal, from: 'server' }
			: { step: 'synAck', packet: h.synAck, from: 'server' },
		...(refusal !== undefined
			? []
			: [{ step: 'ack' as const, packet: h.ack, from: 'client' as const }])
	];
	const missing = wanted
		.filter((w) => w.packet === undefined && w.step !== 'rst')
		.map((w) => w.step as 'syn' | 'synAck' | 'ack');

	// The one-way crossing time, ns (see the module comment).
	let crossing: { from: CrossingSource; ns: bigint };
	const synTime = h.syn !== undefined ? packetAt(packets, h.syn)?.time : undefined;
	if (h.synToSynAckNs !== undefined && h.synToSynAckNs > 0n) {
		crossing = { from: 'syn-synack', ns: h.synToSynAckNs / 2n };
	} else if (h.rttNs !== undefined && h.rttNs > 0n && synTime !== undefined) {
		crossing = { from: 'rtt', ns: h.rttNs / 2n };
	} else {
		crossing = { from: 'none', ns: 0n };
	}

	const read = wanted.flatMap((w) => {
		const packet = w.packet === undefined ? undefined : packetAt(packets, w.packet);
		const segment = packet && readSegment(packet);
		return packet && segment ? [{ ...w, packet, segment }] : [];
	});
	if (read.length === 0) return null;

	// Nothing measured: a nominal crossing as long as the captured span (or 1 ms), so the arrows
	// keep their order; the text says the slopes are not measured.
	let delayNs = crossing.ns;
	if (crossing.from === 'none') {
		const span = read[read.length - 1].packet.time - read[0].packet.time;
		delayNs = span > 0n ? span : 1_000_000n;
	}
	const sent = (r: (typeof read)[number]) =>
		r.from === 'client' ? r.packet.time : r.packet.time - delayNs;
	const origin = read.reduce((min, r) => (sent(r) < min ? sent(r) : min), sent(read[0]));
	const ms = (ns: bigint) => Number(ns - origin) / 1e6;

	// Relative numbers as Wireshark shows them (and the stepper's segmentNumbers works them out):
	// from each side's SYN, or from one below its first sequence number when its first segment
	// here has no SYN (so a refusal's RST, ACK shows Seq=1).
	const base: Partial<Record<Side, number>> = {};
	for (const r of read) {
		const s = r.segment.summary;
		base[r.from] ??= (s.flags & TCP_FLAG.SYN) !== 0 ? s.seq : (s.seq - 1 + MOD) % MOD;
	}
	const relative = (value: number, side: Side) => (value - (base[side] ?? 0) + MOD) % MOD;
	const peer = (side: Side): Side => (side === 'client' ? 'server' : 'client');

	// Window scaling is on only when both SYNs carried the option (RFC 7323 §2.2).
	const shiftOf = (step: HandshakeStep) => {
		const option = read
			.find((r) => r.step === step)
			?.segment.options.find((o) => o.kind === 'wscale');
		return option?.kind === 'wscale' ? Math.min(option.shift, 14) : undefined;
	};
	const shifts = { client: shiftOf('syn'), server: shiftOf('synAck') };
	const bothSyns = read.some((r) => r.step === 'syn') && read.some((r) => r.step === 'synAck');
	const scaling = shifts.client !== undefined && shifts.server !== undefined;

	const segments: HandshakeSegment[] = read.map((r, index) => {
		const s = r.segment.summary;
		const time = sent(r);
		const syn = (s.flags & TCP_FLAG.SYN) !== 0;
		return {
			index,
			step: r.step,
			packet: r.packet.index,
			captured: r.packet.time,
			from: r.from,
			seen: r.from === 'client' ? 'sent' : 'arrived',
			time: ms(time),
			arrives: ms(time + delayNs),
			flags: flagsFromBits(s.flags),
			seq: s.seq,
			ack: s.ack,
			window: s.window,
			windowShift: syn || !bothSyns ? null : scaling ? (shifts[r.from] ?? 0) : 0,
			length: s.length,
			options: r.segment.options,
			retransmission: null
		};
	});
	const numbers: SegmentNumbers[] = segments.map((s) => ({
		seq: { value: s.seq, relative: relative(s.seq, s.from), after: null, text: String(s.seq) },
		ack: s.flags.ACK
			? { value: s.ack, relative: relative(s.ack, peer(s.from)), after: null, text: String(s.ack) }
			: null
	}));
	return {
		delay: Number(delayNs) / 1e6,
		segments,
		numbers,
		crossing: { from: crossing.from, ns: delayNs },
		missing,
		refused: refusal !== undefined
	};
}
