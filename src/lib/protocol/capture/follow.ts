/**
 * `followTcp`: the conversations of a capture. Every TCP connection with its two byte streams
 * reassembled (follow-stream.ts), its handshake and round trip, how it ended and what it
 * carries; every UDP flow; and the problems a reader should know about (gaps, guesses, cuts).
 *
 * Connections are numbered in order of their first packet, as Wireshark numbers tcp.stream: a
 * new 4-tuple starts one, and so does a SYN whose sequence number differs from the one the same
 * side used before on that 4-tuple (a port reused). The client is the side that sent the SYN,
 * or received the SYN-ACK; with neither captured it is the first sender, and marked a guess.
 *
 * One pass over the packets, constant work per packet in the common case, one concatenation
 * per stream at the end.
 */
import { DirectionAssembler } from './follow-stream';
import { readTransport, TCP_FLAG, type TransportSummary } from './follow-packet';
import { recogniseStreams } from './follow-protocol';
import { FOLLOW_SOURCES, followText } from './follow-text';
import type {
	Conversations,
	Endpoint,
	FollowProblem,
	FollowProblemCode,
	TcpConnection,
	UdpFlow
} from './follow-types';
import type { CapturedPacket } from './types';

export type * from './follow-types';

/** A TCP connection while the packets are read: what it will report, and the work in progress. */
interface OpenConnection extends Pick<
	TcpConnection,
	| 'id'
	| 'family'
	| 'client'
	| 'server'
	| 'clientGuessed'
	| 'start'
	| 'end'
	| 'packets'
	| 'handshake'
	| 'rst'
> {
	sides: [DirectionAssembler, DirectionAssembler];
	/** Capture times of the handshake's packets. */
	times: { syn?: bigint; synAck?: bigint; ack?: bigint };
	beforeIsn: [number | undefined, number | undefined];
}

/** The same key for both directions of a 4-tuple. */
function pairKey(s: TransportSummary): string {
	const srcFirst = s.src < s.dst || (s.src === s.dst && s.srcPort <= s.dstPort);
	return srcFirst
		? `${s.src}|${s.srcPort}|${s.dst}|${s.dstPort}`
		: `${s.dst}|${s.dstPort}|${s.src}|${s.srcPort}`;
}

function isFrom(endpoint: Endpoint, s: TransportSummary): boolean {
	return endpoint.port === s.srcPort && endpoint.address === s.src;
}

function openConnection(id: number, s: TransportSummary, time: bigint): OpenConnection {
	const src = { address: s.src, port: s.srcPort };
	const dst = { address: s.dst, port: s.dstPort };
	const syn = (s.flags & TCP_FLAG.SYN) !== 0;
	const ack = (s.flags & TCP_FLAG.ACK) !== 0;
	// A SYN-ACK's receiver is the client; a bare SYN's sender is; otherwise the first sender.
	const synAck = syn && ack;
	return {
		id,
		family: s.family,
		client: synAck ? dst : src,
		server: synAck ? src : dst,
		clientGuessed: !syn,
		start: time,
		end: time,
		packets: [],
		sides: [new DirectionAssembler(), new DirectionAssembler()],
		handshake: {},
		times: {},
		beforeIsn: [undefined, undefined]
	};
}

/** True when a bare SYN on a known 4-tuple opens a new connection (a reused port). */
function startsAgain(conn: OpenConnection, s: TransportSummary, from: 0 | 1): boolean {
	if ((s.flags & (TCP_FLAG.SYN | TCP_FLAG.ACK)) !== TCP_FLAG.SYN) return false;
	const side = conn.sides[from];
	if (side.initialSequence !== undefined) return side.initialSequence !== s.seq;
	return side.packets > 0;
}

function noteHandshake(
	conn: OpenConnection,
	s: TransportSummary,
	from: 0 | 1,
	packet: number,
	time: bigint
) {
	const h = conn.handshake;
	const syn = (s.flags & TCP_FLAG.SYN) !== 0;
	const ack = (s.flags & TCP_FLAG.ACK) !== 0;
	if (syn && !ack && from === 0 && h.synAck === undefined) {
		// The most recent SYN: a retransmitted SYN restarts the clock, as in Wireshark.
		h.syn = packet;
		conn.times.syn = time;
	} else if (syn && ack && from === 1 && h.synAck === undefined) {
		h.synAck = packet;
		conn.times.synAck = time;
	} else if (!syn && ack && from === 0 && h.synAck !== undefined && h.ack === undefined) {
		const serverIsn = conn.sides[1].initialSequence;
		if (serverIsn !== undefined && s.ack === (serverIsn + 1) % 2 ** 32) {
			h.ack = packet;
			conn.times.ack = time;
		}
	}
	// Wireshark's initial RTT: from the last SYN to the first later packet that acknowledges
	// without SYN, whichever side sends it (the handshake's ACK, or the RST, ACK of a refusal).
	if (!syn && ack && h.rttNs === undefined && conn.times.syn !== undefined)
		h.rttNs = time - conn.times.syn;
}

function problem(
	code: FollowProblemCode,
	severity: 'warning' | 'info',
	message: string,
	connection: number,
	direction?: 0 | 1,
	packet?: number
): FollowProblem {
	const found: FollowProblem = {
		code,
		severity,
		message,
		connection,
		source: FOLLOW_SOURCES[code]
	};
	if (direction !== undefined) found.direction = direction;
	if (packet !== undefined) found.packet = packet;
	return found;
}

/** The packet after which a gap's bytes would have come: the chunk just before it, if any. */
function packetAfterGap(chunks: { offset: number; packet: number }[], offset: number) {
	for (const chunk of chunks) if (chunk.offset >= offset) return chunk.packet;
	return undefined;
}

function finishConnection(conn: OpenConnection, problems: FollowProblem[]): TcpConnection {
	const streams: TcpConnection['streams'] = [conn.sides[0].finish(), conn.sides[1].finish()];
	const h = conn.handshake;
	const { syn, synAck, ack } = conn.times;
	if (syn !== undefined && synAck !== undefined) h.synToSynAckNs = synAck - syn;
	if (synAck !== undefined && ack !== undefined) h.synAckToAckNs = ack - synAck;
	const recognised = recogniseStreams(streams[0].bytes, streams[1].bytes);
	const connection: TcpConnection = {
		id: conn.id,
		family: conn.family,
		client: conn.client,
		server: conn.server,
		clientGuessed: conn.clientGuessed,
		start: conn.start,
		end: conn.end,
		packets: conn.packets,
		handshake: h,
		ended: conn.rst ? 'rst' : conn.sides[0].finSeen && conn.sides[1].finSeen ? 'fin' : 'open',
		streams,
		protocol: recognised.protocol
	};
	if (conn.rst) connection.rst = conn.rst;
	if (recognised.http) connection.http = recognised.http;
	if (conn.clientGuessed)
		problems.push(
			problem('CLIENT_GUESSED', 'info', followText.clientGuessed(conn.client, conn.server), conn.id)
		);
	streams.forEach((stream, i) => {
		const direction = i as 0 | 1;
		if (stream.gaps.length > 0) {
			const missing = stream.gaps.reduce((sum, gap) => sum + gap.length, 0);
			const first = packetAfterGap(stream.chunks, stream.gaps[0].offset);
			problems.push(
				problem(
					'GAP',
					'warning',
					followText.gaps(direction, stream.gaps.length, missing, first),
					conn.id,
					direction,
					first
				)
			);
		}
		if (stream.cut.length > 0)
			problems.push(
				problem(
					'SEGMENT_CUT',
					'warning',
					followText.cut(direction, stream.cut.length, stream.cut[0]),
					conn.id,
					direction,
					stream.cut[0]
				)
			);
		if (stream.conflicts.length > 0)
			problems.push(
				problem(
					'OVERLAP_CONFLICT',
					'warning',
					followText.conflict(direction, stream.conflicts.length, stream.conflicts[0]),
					conn.id,
					direction,
					stream.conflicts[0]
				)
			);
		const before = conn.beforeIsn[direction];
		if (before !== undefined)
			problems.push(
				problem(
					'DATA_BEFORE_ISN',
					'warning',
					followText.beforeIsn(direction, before),
					conn.id,
					direction,
					before
				)
			);
	});
	return connection;
}

function addUdp(
	flows: Map<string, UdpFlow>,
	list: UdpFlow[],
	s: TransportSummary,
	packet: CapturedPacket
) {
	const key = pairKey(s);
	let flow = flows.get(key);
	if (!flow) {
		flow = {
			id: list.length,
			family: s.family,
			client: { address: s.src, port: s.srcPort },
			server: { address: s.dst, port: s.dstPort },
			start: packet.time,
			end: packet.time,
			packets: [],
			datagrams: [0, 0],
			payloadBytes: [0, 0],
			wireBytes: [0, 0]
		};
		flows.set(key, flow);
		list.push(flow);
	}
	const from = isFrom(flow.client, s) ? 0 : 1;
	flow.packets.push(packet.index);
	if (packet.time < flow.start) flow.start = packet.time;
	if (packet.time > flow.end) flow.end = packet.time;
	flow.datagrams[from]++;
	flow.payloadBytes[from] += Math.max(0, s.length);
	flow.wireBytes[from] += packet.originalLength;
}

/**
 * Lists the TCP connections and UDP flows of captured packets (in capture order), with each TCP
 * direction reassembled. Never throws on packet contents.
 */
export function followTcp(packets: readonly CapturedPacket[]): Conversations {
	const open = new Map<string, OpenConnection>();
	const connections: OpenConnection[] = [];
	const flows = new Map<string, UdpFlow>();
	const udp: UdpFlow[] = [];
	let other = 0;
	for (const packet of packets) {
		const s = readTransport(packet);
		if (!s) {
			other++;
			continue;
		}
		if (s.protocol === 'udp') {
			addUdp(flows, udp, s, packet);
			continue;
		}
		const key = pairKey(s);
		let conn = open.get(key);
		let from: 0 | 1 = conn && isFrom(conn.client, s) ? 0 : 1;
		if (!conn || startsAgain(conn, s, from)) {
			conn = openConnection(connections.length, s, packet.time);
			connections.push(conn);
			open.set(key, conn);
			from = isFrom(conn.client, s) ? 0 : 1;
		}
		conn.packets.push(packet.index);
		if (packet.time < conn.start) conn.start = packet.time;
		if (packet.time > conn.end) conn.end = packet.time;
		noteHandshake(conn, s, from, packet.index, packet.time);
		if ((s.flags & TCP_FLAG.RST) !== 0 && !conn.rst) conn.rst = { packet: packet.index, from };
		const peer = conn.sides[from === 0 ? 1 : 0];
		const beforeIsn = conn.sides[from].add(
			s,
			packet.bytes,
			packet.index,
			packet.time,
			packet.originalLength,
			peer
		);
		if (beforeIsn && conn.beforeIsn[from] === undefined) conn.beforeIsn[from] = packet.index;
	}
	const problems: FollowProblem[] = [];
	const tcp = connections.map((conn) => finishConnection(conn, problems));
	return { tcp, udp, other, problems };
}
