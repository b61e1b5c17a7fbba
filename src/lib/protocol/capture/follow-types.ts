/**
 * What `followTcp` returns: the TCP connections of a capture with each direction's reassembled
 * byte stream, the UDP flows, and the located problems met on the way.
 *
 * Offsets come in two kinds. A `ByteStream`'s `bytes` hold only bytes that were captured, so
 * `offset` is an index into `bytes`; `streamOffset` counts sequence space from the first byte of
 * the direction (relative sequence number − 1 when the SYN was seen), missing bytes included.
 * The two differ by the length of the gaps before a position.
 */

/** One end of a connection or flow. */
export interface Endpoint {
	/** As Wireshark writes it: '127.0.0.1', '::1'. */
	address: string;
	port: number;
}

/** A run of stream bytes one packet supplied (the first packet to carry them). */
export interface StreamChunk {
	/** Index of the first byte in `ByteStream.bytes`. */
	offset: number;
	/** Position in the direction's sequence space, counted from its first byte. */
	streamOffset: number;
	length: number;
	/** Index of the packet in the capture. */
	packet: number;
	/** Capture time of that packet, ns since the epoch. */
	time: bigint;
}

/** Bytes the sender sent that the capture does not hold. */
export interface StreamGap {
	/** Where in `ByteStream.bytes` the missing bytes belong (the bytes after them start here). */
	offset: number;
	streamOffset: number;
	length: number;
}

/** One direction of a TCP connection, reassembled in sequence order. */
export interface ByteStream {
	/** Every captured byte in sequence order, each once; gaps are left out, never filled. */
	bytes: Uint8Array;
	/** The runs of `bytes` in order, each with the packet that first carried it. */
	chunks: StreamChunk[];
	/** Missing runs, in order. */
	gaps: StreamGap[];
	/** Raw sequence number of the first byte (stream offset 0), for relative numbering. */
	startSeq: number;
	/** The sender's initial sequence number, when its SYN was captured. */
	isn?: number;
	/** Packets this side sent, and their sizes on the wire (frame originalLength). */
	packets: number;
	wireBytes: number;
	/**
	 * Packet indices of each kind of irregular segment (the count is the length):
	 * - `retransmissions`: every byte (or the SYN or FIN) it carries was already seen;
	 * - `duplicates`: byte-for-byte copies of an earlier packet from the IP header on;
	 * - `outOfOrder`: only new bytes, but sent below bytes already seen;
	 * - `overlaps`: some bytes already seen and some new;
	 * - `conflicts`: overlapping bytes that differ from the first copy (the first copy is kept,
	 *   as Wireshark's reassembly keeps it);
	 * - `keepAlives`: zero or one byte one below the next sequence number (RFC 9293 §3.8.4);
	 *   never stream data;
	 * - `zeroWindowProbes`: one new byte while the peer's window is zero (RFC 9293 §3.8.6.1);
	 *   the byte is kept only if the stream later goes on past it without resending it;
	 * - `duplicateAcks`: a bare ACK repeating this side's previous ACK and window;
	 * - `cut`: segments the capture's snapshot length cut short (the rest is a gap unless
	 *   another copy supplies it).
	 */
	retransmissions: number[];
	duplicates: number[];
	outOfOrder: number[];
	overlaps: number[];
	conflicts: number[];
	keepAlives: number[];
	zeroWindowProbes: number[];
	duplicateAcks: number[];
	cut: number[];
	/** The packet that carried this side's FIN, and where the FIN sits in stream offsets. */
	fin?: { packet: number; streamOffset: number };
}

/** The opening handshake as captured (packet indices) and the round trip it measures. */
export interface Handshake {
	/** The last SYN before the SYN-ACK (the one the RTT is measured from, as Wireshark does). */
	syn?: number;
	synAck?: number;
	/** The client's first ACK of the SYN-ACK. */
	ack?: number;
	/**
	 * SYN → SYN-ACK and SYN-ACK → ACK, ns; and `rttNs`, Wireshark's tcp.analysis.initial_rtt:
	 * from the last SYN to the first packet after it that acknowledges without SYN (the
	 * handshake's ACK; for a refused connection, the RST, ACK).
	 */
	synToSynAckNs?: bigint;
	synAckToAckNs?: bigint;
	rttNs?: bigint;
}

/** What a connection carries, judged from the start of its two streams. */
export type StreamProtocol = 'websocket' | 'http' | 'tls' | 'other';

/** One TCP connection (a tcp.stream in Wireshark). */
export interface TcpConnection {
	/** 0, 1, 2… in order of each connection's first packet, like Wireshark's tcp.stream. */
	id: number;
	family: 4 | 6;
	/** The side that sent the SYN (or received the SYN-ACK); else the first sender, a guess. */
	client: Endpoint;
	server: Endpoint;
	/** True when neither the SYN nor the SYN-ACK was captured, so `client` is the first sender. */
	clientGuessed: boolean;
	/** Times of the first and last packet, ns since the epoch. */
	start: bigint;
	end: bigint;
	/** Indices of its packets, in capture order. */
	packets: number[];
	handshake: Handshake;
	/** 'rst' once a reset was seen; 'fin' when both sides sent FIN; else 'open'. */
	ended: 'fin' | 'rst' | 'open';
	/** The packet that carried the RST, and the side that sent it (0 client, 1 server). */
	rst?: { packet: number; from: 0 | 1 };
	/** [client → server, server → client]. */
	streams: [ByteStream, ByteStream];
	protocol: StreamProtocol;
	/**
	 * For HTTP and WebSocket: where each head ends in its stream (the index in `bytes` just past
	 * the empty line). For WebSocket the frames start there.
	 */
	http?: { requestEnd?: number; responseEnd?: number; status?: number };
}

/** One UDP flow: the datagrams between two endpoints (a udp.stream in Wireshark). */
export interface UdpFlow {
	id: number;
	family: 4 | 6;
	/** The sender of the first datagram, and its peer. */
	client: Endpoint;
	server: Endpoint;
	start: bigint;
	end: bigint;
	packets: number[];
	/** [client → server, server → client]: datagrams, payload bytes, bytes on the wire. */
	datagrams: [number, number];
	payloadBytes: [number, number];
	wireBytes: [number, number];
}

/** The stable codes of `FollowProblem`. */
export type FollowProblemCode =
	'CLIENT_GUESSED' | 'GAP' | 'SEGMENT_CUT' | 'OVERLAP_CONFLICT' | 'DATA_BEFORE_ISN';

/** Something a reader of the conversation should know, located by connection and packet. */
export interface FollowProblem {
	code: FollowProblemCode;
	severity: 'warning' | 'info';
	/** The sentence, from follow-text.ts. */
	message: string;
	/** The TcpConnection id. */
	connection: number;
	/** 0 client → server, 1 server → client. */
	direction?: 0 | 1;
	/** The first packet concerned. */
	packet?: number;
	source: string;
}

/** Everything `followTcp` found in a capture. */
export interface Conversations {
	tcp: TcpConnection[];
	udp: UdpFlow[];
	/** Packets that are neither TCP nor UDP (ARP, ICMP, fragments, unknown link types…). */
	other: number;
	problems: FollowProblem[];
}
