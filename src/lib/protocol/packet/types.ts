/**
 * The shapes `decodePacket` returns, and the context its layer decoders share while reading one
 * packet (the input and the lists of problems and checksum checks they add to).
 */
import type { DecodedUnit } from '../bytes/fields';
import { PACKET_PROBLEMS, type PacketProblemCode, type Severity } from './problems';

/** The link layers the decoder reads. */
export type LinkType = 'ethernet' | 'linux-sll' | 'linux-sll2' | 'null' | 'raw';

/** A link type by name or by its pcap LINKTYPE number (1, 113, 276, 0, 101). */
export type LinkTypeOption = LinkType | 0 | 1 | 101 | 113 | 276;

export interface DecodePacketOptions {
	/** How the bytes start; guessed when absent (see `assumedLinkType`). */
	linkType?: LinkTypeOption;
}

/** A located problem: what is wrong, where, and the rule. */
export interface PacketProblem {
	code: PacketProblemCode;
	severity: Severity;
	message: string;
	/** Absolute byte offset the problem points at. */
	offset: number;
	/** Bytes concerned, when more than the one at `offset`. */
	length?: number;
	/** First bit within the byte at `offset`, for problems in a bit field. */
	bitOffset?: number;
	/** The protocol of the layer it was found in: 'ipv4', 'tcp'… */
	layer: string;
	source: string;
}

/**
 * The four outcomes of a checksum check, plus `unchecked` when the bytes it covers are not all
 * in the capture (or belong to a fragment, or to a packet quoted inside an ICMP error).
 * - `correct`: the stored value is right;
 * - `incorrect`: it is wrong, and `correct` holds the value that would be right;
 * - `partial`: it holds the pseudo-header sum a sender leaves for checksum offload to finish;
 * - `none`: UDP over IPv4 sent without a checksum (stored 0).
 */
export type ChecksumVerdict = 'correct' | 'incorrect' | 'partial' | 'none' | 'unchecked';

export interface ChecksumCheck {
	/** Protocol of the layer: 'ipv4', 'tcp', 'udp', 'icmp', 'icmpv6'. */
	layer: string;
	/** The checksum field's key: 'ip.checksum', 'tcp.checksum'… */
	key: string;
	/** Absolute offset of the 2-byte checksum field. */
	offset: number;
	stored: number;
	verdict: ChecksumVerdict;
	/** The value that would be correct, when it could be computed. */
	correct?: number;
	/** The verdict in words, with the arithmetic. */
	explanation: string;
	source: string;
}

/** What the payload above the transport layer is, and the tool that reads it. */
export interface PacketPayload {
	offset: number;
	length: number;
	kind: 'http' | 'websocket' | 'tls' | 'unknown';
	/** A site link that opens the payload in the right tool, e.g. '/tools/frame-decoder/?hex=…'. */
	tool?: string;
	/** The same link in two parts, for views that add the base path: `resolve(path)?query`. */
	link?: { path: '/tools/frame-decoder/' | '/tools/handshake/'; query: string };
	/** One sentence on what was recognised. */
	description: string;
}

export interface PacketDecoding {
	/** The layers in order (link, IP, transport, payload, trailer); they tile the input. */
	layers: DecodedUnit[];
	problems: PacketProblem[];
	/** Every checksum read, in the order of the layers. */
	checksums: ChecksumCheck[];
	/** The link type used, given or guessed. */
	linkType: LinkType;
	/** Set when no link type was given: what was assumed and why. */
	assumedLinkType?: { linkType: LinkType; reason: string };
	payload?: PacketPayload;
	/** One line like tcpdump's: "127.0.0.1.39548 > 127.0.0.1.50800: TCP [SYN] …". */
	summary: string;
}

/** State shared by the layer decoders while one packet is read. */
export interface Context {
	readonly bytes: Uint8Array;
	readonly problems: PacketProblem[];
	readonly checksums: ChecksumCheck[];
}

/** Records a problem, taking its severity and source from the table. */
export function report(
	ctx: Context,
	code: PacketProblemCode,
	message: string,
	layer: string,
	offset: number,
	length?: number,
	bitOffset?: number
): void {
	const { severity, source } = PACKET_PROBLEMS[code];
	const problem: PacketProblem = { code, severity, message, offset, layer, source };
	if (length !== undefined && length > 1) problem.length = length;
	if (bitOffset !== undefined && bitOffset > 0) problem.bitOffset = bitOffset;
	ctx.problems.push(problem);
}

/** How an IP layer hands its payload to the next decoder. */
export interface IpPayload {
	/** 'ipv4' or 'ipv6'. */
	version: 4 | 6;
	/** Upper-layer protocol number (after IPv6 extension headers). */
	protocol: number;
	/** Where the upper-layer bytes start and where the IP packet says they end (clamped). */
	offset: number;
	end: number;
	/** The upper-layer length the pseudo-header uses (from the IP header, not the capture). */
	declaredLength: number;
	/** Source and destination as sent (16 bytes for IPv6; destination = final one). */
	src: Uint8Array;
	dst: Uint8Array;
	/** The payload is a fragment: the upper-layer header is not (all) here. */
	fragment: boolean;
	/** Quoted in an ICMP error: checksums and lengths are not checked. */
	quoted: boolean;
}
