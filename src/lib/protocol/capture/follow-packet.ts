/**
 * The few numbers `followTcp` needs from each packet: addresses, ports, sequence and
 * acknowledgment numbers, flags, window, and where the payload sits.
 *
 * `decodePacket` is the authority on every header. It explains each field, so it costs about
 * 70 µs a packet, and a 100,000-packet capture must list its connections in well under 2 s.
 * So the common shapes (Ethernet with at most one 802.1Q tag, Linux cooked v1 and v2 or raw IP,
 * then IPv4 without options trouble or fragments, or IPv6 without extension headers, then TCP or
 * UDP with a whole header) are read here by offset, and anything else (other link types, IPv6
 * extension headers, fragments, cut or malformed headers) goes to `decodePacket`, whose fields
 * are read by their Wireshark names. A test runs both readers over every fixture packet and
 * every cut of it and requires the same answer, so this shortcut cannot drift from the decoder.
 */
import { formatIpv4, formatIpv6 } from '../ip/address';
import { decodePacket } from '../packet/decode';
import type { CapturedPacket } from './types';

/** The transport header of one packet, as far as following a conversation needs it. */
export interface TransportSummary {
	protocol: 'tcp' | 'udp';
	family: 4 | 6;
	/** Addresses as Wireshark writes them (ip.src / ipv6.src). */
	src: string;
	dst: string;
	srcPort: number;
	dstPort: number;
	/** tcp.seq_raw, tcp.ack_raw (0 for UDP). */
	seq: number;
	ack: number;
	/** tcp.flags: the 12 bits after the data offset (0 for UDP). */
	flags: number;
	/** tcp.window_size_value, unscaled (0 for UDP). */
	window: number;
	/** Absolute offset of the IP header's first byte in the packet. */
	ipOffset: number;
	/** Absolute offset of the payload's first byte in the packet. */
	payloadOffset: number;
	/** Payload bytes the IP header declares (tcp.len; for UDP the bytes after its header). */
	length: number;
	/** Payload bytes present in the capture (fewer than `length` when the snapshot cut it). */
	captured: number;
}

/** The TCP flag bits (RFC 9293 §3.1; CWR and ECE from RFC 3168). */
export const TCP_FLAG = {
	FIN: 0x01,
	SYN: 0x02,
	RST: 0x04,
	PSH: 0x08,
	ACK: 0x10,
	URG: 0x20
} as const;

const v4Names = new Map<number, string>();
const v6Names = new Map<string, string>();

function ipv4Name(bytes: Uint8Array, at: number): string {
	const key =
		((bytes[at] << 24) | (bytes[at + 1] << 16) | (bytes[at + 2] << 8) | bytes[at + 3]) >>> 0;
	let name = v4Names.get(key);
	if (name === undefined) {
		name = formatIpv4(bytes.subarray(at, at + 4));
		if (v4Names.size > 65_536) v4Names.clear();
		v4Names.set(key, name);
	}
	return name;
}

function ipv6Name(bytes: Uint8Array, at: number): string {
	let key = '';
	for (let i = at; i < at + 16; i += 2) key += String.fromCharCode((bytes[i] << 8) | bytes[i + 1]);
	let name = v6Names.get(key);
	if (name === undefined) {
		name = formatIpv6(bytes.subarray(at, at + 16));
		if (v6Names.size > 65_536) v6Names.clear();
		v6Names.set(key, name);
	}
	return name;
}

const u16 = (b: Uint8Array, at: number) => (b[at] << 8) | b[at + 1];
const u32 = (b: Uint8Array, at: number) =>
	((b[at] << 24) | (b[at + 1] << 16) | (b[at + 2] << 8) | b[at + 3]) >>> 0;

/** Marks a packet the fast reader leaves to `decodePacket`. */
const DEFER = 'defer' as const;

/** Where the IP header starts and which version the link layer announces, or DEFER. */
function ipStart(bytes: Uint8Array, linkType: number): number | typeof DEFER | undefined {
	let type: number;
	let at: number;
	switch (linkType) {
		case 1: // Ethernet II: dst(6) src(6) type(2), maybe one 802.1Q tag
			if (bytes.length < 14) return DEFER;
			type = u16(bytes, 12);
			at = 14;
			if (type === 0x8100) {
				if (bytes.length < 18) return DEFER;
				type = u16(bytes, 16);
				at = 18;
				if (type === 0x8100 || type === 0x88a8) return DEFER;
			} else if (type === 0x88a8) return DEFER;
			break;
		case 113: // Linux cooked v1: 16 bytes, protocol at 14
			if (bytes.length < 16) return DEFER;
			type = u16(bytes, 14);
			at = 16;
			break;
		case 276: // Linux cooked v2: 20 bytes, protocol at 0
			if (bytes.length < 20) return DEFER;
			type = u16(bytes, 0);
			at = 20;
			break;
		case 101: // raw IP
			if (bytes.length < 1) return DEFER;
			type = bytes[0] >> 4 === 4 ? 0x0800 : bytes[0] >> 4 === 6 ? 0x86dd : 0;
			at = 0;
			break;
		default:
			return DEFER;
	}
	if (type === 0x0800 || type === 0x86dd) return at;
	return type >= 0x0600 ? undefined : DEFER;
}

/** IPv6 Next Header values that are extension headers (RFC 8200 §4; 135, 139, 140 from IANA). */
const IPV6_EXTENSIONS = new Set([0, 43, 44, 50, 51, 60, 135, 139, 140, 253, 254]);

/**
 * Reads the common shapes by offset; DEFER for anything `decodePacket` must judge, undefined for
 * a packet that is plainly neither TCP nor UDP.
 */
export function readTransportFast(
	bytes: Uint8Array,
	linkType: number
): TransportSummary | undefined | typeof DEFER {
	const at = ipStart(bytes, linkType);
	if (at === undefined || at === DEFER) return at;
	if (bytes.length < at + 1) return DEFER;
	const version = bytes[at] >> 4;
	let family: 4 | 6;
	let protocol: number;
	let transport: number;
	let ipEnd: number;
	let src: string;
	let dst: string;
	if (version === 4) {
		if (bytes.length < at + 20) return DEFER;
		const headerLength = (bytes[at] & 0x0f) * 4;
		const total = u16(bytes, at + 2);
		const fragment = u16(bytes, at + 6) & 0x3fff; // MF and the fragment offset
		if (headerLength < 20 || total < headerLength || fragment !== 0) return DEFER;
		if (bytes.length < at + headerLength) return DEFER;
		family = 4;
		protocol = bytes[at + 9];
		transport = at + headerLength;
		ipEnd = at + total;
		if (protocol !== 6 && protocol !== 17) return undefined;
		src = ipv4Name(bytes, at + 12);
		dst = ipv4Name(bytes, at + 16);
	} else if (version === 6) {
		if (bytes.length < at + 40) return DEFER;
		family = 6;
		protocol = bytes[at + 6];
		transport = at + 40;
		ipEnd = at + 40 + u16(bytes, at + 4);
		if (protocol !== 6 && protocol !== 17) {
			return IPV6_EXTENSIONS.has(protocol) ? DEFER : undefined;
		}
		src = ipv6Name(bytes, at + 8);
		dst = ipv6Name(bytes, at + 24);
	} else return DEFER;
	// The transport header must be whole, inside both the capture and the IP packet.
	const end = Math.min(ipEnd, bytes.length);
	if (protocol === 6) {
		if (end < transport + 20) return DEFER;
		const headerLength = (bytes[transport + 12] >> 4) * 4;
		const payloadOffset = transport + headerLength;
		if (headerLength < 20 || payloadOffset > end) return DEFER;
		return {
			protocol: 'tcp',
			family,
			ipOffset: at,
			src,
			dst,
			srcPort: u16(bytes, transport),
			dstPort: u16(bytes, transport + 2),
			seq: u32(bytes, transport + 4),
			ack: u32(bytes, transport + 8),
			flags: u16(bytes, transport + 12) & 0x0fff,
			window: u16(bytes, transport + 14),
			payloadOffset,
			length: ipEnd - payloadOffset,
			captured: end - payloadOffset
		};
	}
	if (end < transport + 8) return DEFER;
	const udpLength = u16(bytes, transport + 4);
	if (udpLength < 8 || transport + udpLength !== ipEnd) return DEFER;
	return {
		protocol: 'udp',
		family,
		ipOffset: at,
		src,
		dst,
		srcPort: u16(bytes, transport),
		dstPort: u16(bytes, transport + 2),
		seq: 0,
		ack: 0,
		flags: 0,
		window: 0,
		payloadOffset: transport + 8,
		length: ipEnd - transport - 8,
		captured: end - transport - 8
	};
}

/**
 * Reads the same numbers from `decodePacket`'s fields (Wireshark names): the authority, used for
 * every packet the fast reader defers, and by the test that keeps the two readers equal.
 */
export function readTransportDecoded(
	bytes: Uint8Array,
	linkType: number
): TransportSummary | undefined {
	const known = linkType === 0 || linkType === 1 || linkType === 101 || linkType === 113;
	if (!known && linkType !== 276) return undefined;
	const decoding = decodePacket(bytes, { linkType: linkType as 0 | 1 | 101 | 113 | 276 });
	const ip = decoding.layers.find((l) => l.protocol === 'ipv4' || l.protocol === 'ipv6');
	const layer = decoding.layers.find((l) => l.protocol === 'tcp' || l.protocol === 'udp');
	if (!ip || !layer) return undefined;
	const value = (unit: typeof ip, key: string) => unit.fields.find((f) => f.key === key)?.value;
	const number = (unit: typeof ip, key: string) => {
		const found = value(unit, key);
		return typeof found === 'number' ? found : undefined;
	};
	const family = ip.protocol === 'ipv4' ? 4 : 6;
	const prefix = family === 4 ? 'ip' : 'ipv6';
	const src = value(ip, `${prefix}.src`);
	const dst = value(ip, `${prefix}.dst`);
	const declared = family === 4 ? number(ip, 'ip.len') : number(ip, 'ipv6.plen');
	if (typeof src !== 'string' || typeof dst !== 'string' || declared === undefined)
		return undefined;
	const ipEnd = ip.offset + declared + (family === 6 ? 40 : 0);
	const end = Math.min(ipEnd, bytes.length);
	const tcp = layer.protocol === 'tcp';
	const srcPort = number(layer, tcp ? 'tcp.srcport' : 'udp.srcport');
	const dstPort = number(layer, tcp ? 'tcp.dstport' : 'udp.dstport');
	if (srcPort === undefined || dstPort === undefined) return undefined;
	const headerLength = tcp ? number(layer, 'tcp.hdr_len') : 8;
	// A header cut by the capture or too short to read is not followed.
	if (headerLength === undefined || headerLength < (tcp ? 20 : 8)) return undefined;
	const payloadOffset = layer.offset + headerLength;
	if (payloadOffset > end) return undefined;
	if (!tcp) {
		const udpLength = number(layer, 'udp.length');
		if (udpLength === undefined || layer.offset + udpLength !== ipEnd) return undefined;
	}
	return {
		protocol: tcp ? 'tcp' : 'udp',
		family,
		ipOffset: ip.offset,
		src,
		dst,
		srcPort,
		dstPort,
		seq: tcp ? (number(layer, 'tcp.seq_raw') ?? 0) : 0,
		ack: tcp ? (number(layer, 'tcp.ack_raw') ?? 0) : 0,
		flags: tcp ? (number(layer, 'tcp.flags') ?? 0) : 0,
		window: tcp ? (number(layer, 'tcp.window_size_value') ?? 0) : 0,
		payloadOffset,
		length: ipEnd - payloadOffset,
		captured: end - payloadOffset
	};
}

/** The transport summary of a captured packet, or undefined when it is neither TCP nor UDP. */
export function readTransport(packet: CapturedPacket): TransportSummary | undefined {
	const fast = readTransportFast(packet.bytes, packet.linkType);
	if (fast !== DEFER) return fast;
	return readTransportDecoded(packet.bytes, packet.linkType);
}
