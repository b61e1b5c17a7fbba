/**
 * `decodePacket`: one captured packet, link layer to payload, the way Wireshark dissects it but
 * explained. Each layer has its own module (link/, ip/, tcp/header.ts, udp/, icmp/); this one
 * picks the link type, chains the layers, fills what no layer claims (data, padding, a
 * trailer) so the layers tile the input, and names the payload. It never throws.
 */
import type { DecodedUnit } from '../bytes/fields';
import { decodeIcmp } from '../icmp/icmp';
import { decodeIpv4 } from '../ip/ipv4';
import { decodeIpv6 } from '../ip/ipv6';
import { ipProblems, protocolName } from '../ip/ip-text';
import { decodeEthernet, decodeNull, decodeSll, decodeSll2, type LinkResult } from '../link/link';
import { decodeTcpHeader } from '../tcp/header';
import { decodeUdp } from '../udp/udp';
import { hexPreview, looksLikeText, textPreview } from '../websocket/preview';
import { colonHex, field, slice, unit } from './field';
import { recognisePayload } from './payload';
import { LINKTYPES, RFC_IPV4 } from './problems';
import { bytesText, linkText, payloadText, summaryText, trailerText } from './text';
import {
	report,
	type Context,
	type DecodePacketOptions,
	type IpPayload,
	type LinkType,
	type PacketDecoding,
	type PacketPayload
} from './types';

export type * from './types';

/** The pcap LINKTYPE numbers `decodePacket` reads, and the link decoder each one uses. */
export const LINKTYPE_NUMBERS: Readonly<Record<number, LinkType>> = {
	0: 'null',
	1: 'ethernet',
	101: 'raw',
	113: 'linux-sll',
	// LINKTYPE_IPV4 and LINKTYPE_IPV6: raw IP of one version; the version nibble still decides.
	228: 'raw',
	229: 'raw',
	276: 'linux-sll2'
};
const LINK_NAMES: readonly LinkType[] = ['ethernet', 'linux-sll', 'linux-sll2', 'null', 'raw'];

/** The pcap LINKTYPE number of each link type. */
export const LINKTYPE_OF: Readonly<Record<LinkType, number>> = {
	null: 0,
	ethernet: 1,
	raw: 101,
	'linux-sll': 113,
	'linux-sll2': 276
};

/** The link type to use, and what was assumed when none was given. */
function resolveLink(
	ctx: Context,
	given: unknown
): { linkType: LinkType; assumed?: { linkType: LinkType; reason: string } } {
	if (given === undefined || given === null) {
		const { bytes } = ctx;
		if (bytes.length === 0)
			return {
				linkType: 'ethernet',
				assumed: { linkType: 'ethernet', reason: linkText.guessedEmpty() }
			};
		const nibble = bytes[0] >> 4;
		if (nibble === 4 || nibble === 6)
			return { linkType: 'raw', assumed: { linkType: 'raw', reason: linkText.guessedRaw(nibble) } };
		return {
			linkType: 'ethernet',
			assumed: { linkType: 'ethernet', reason: linkText.guessedEthernet(nibble) }
		};
	}
	if (typeof given === 'number' && LINKTYPE_NUMBERS[given])
		return { linkType: LINKTYPE_NUMBERS[given] };
	if (typeof given === 'string' && (LINK_NAMES as readonly string[]).includes(given))
		return { linkType: given as LinkType };
	report(ctx, 'LINK_TYPE_UNKNOWN', linkText.unknown(given), 'link', 0);
	return { linkType: 'ethernet' };
}

function decodeLink(ctx: Context, linkType: LinkType): LinkResult {
	switch (linkType) {
		case 'linux-sll':
			return decodeSll(ctx, 0);
		case 'linux-sll2':
			return decodeSll2(ctx, 0);
		case 'null':
			return decodeNull(ctx, 0);
		case 'raw': {
			const version = ctx.bytes.length ? ctx.bytes[0] >> 4 : 4;
			if (version === 4 || version === 6)
				return { units: [], next: { kind: version === 4 ? 'ipv4' : 'ipv6', offset: 0 } };
			report(ctx, 'IP_VERSION_UNKNOWN', ipProblems.versionUnknown(version), 'raw', 0, 1, 0);
			return { units: [], next: { kind: 'data', offset: 0, why: payloadText.notIp() } };
		}
		default:
			return decodeEthernet(ctx, 0);
	}
}

/** A unit of plain data over [start, end), under `key` (Wireshark's `data.data`, `tcp.payload`…). */
function dataUnit(
	bytes: Uint8Array,
	protocol: string,
	key: string,
	start: number,
	end: number,
	meaning: string,
	source: string
): DecodedUnit {
	return unit(bytes, protocol, start, end, [
		field({
			key,
			name: protocol === 'trailer' ? 'Trailer' : 'Data',
			offset: start,
			length: end - start,
			value: colonHex(slice(bytes, start, end)),
			display: bytesText(end - start),
			meaning,
			source,
			category: protocol === 'trailer' ? 'reserved' : 'payload'
		})
	]);
}

function preview(bytes: Uint8Array): string {
	return looksLikeText(bytes) ? textPreview(bytes) : hexPreview(bytes);
}

/**
 * Decodes one captured packet. `linkType` says how it starts (a name, or the pcap LINKTYPE
 * number); without it the decoder guesses and says so in `assumedLinkType`.
 */
export function decodePacket(bytes: Uint8Array, options: DecodePacketOptions = {}): PacketDecoding {
	const ctx: Context = { bytes, problems: [], checksums: [] };
	const { linkType, assumed } = resolveLink(ctx, options?.linkType);
	if (assumed) report(ctx, 'LINK_TYPE_GUESSED', assumed.reason, 'link', 0);
	const link = decodeLink(ctx, linkType);
	const layers: DecodedUnit[] = [...link.units];
	const end = () => {
		const last = layers[layers.length - 1];
		return last ? last.offset + last.length : 0;
	};
	let payload: PacketPayload | undefined;
	let summary: string;
	const next = link.next;

	if (next.kind !== 'data' && next.offset < bytes.length) {
		const nibble = bytes[next.offset] >> 4;
		let version: 4 | 6 = next.kind === 'ipv4' ? 4 : 6;
		if (nibble !== version) {
			const layer = version === 4 ? 'ipv4' : 'ipv6';
			report(
				ctx,
				'IP_VERSION_MISMATCH',
				ipProblems.versionMismatch(nibble, version),
				layer,
				next.offset,
				1,
				0
			);
			if (nibble === 4 || nibble === 6) version = nibble;
		}
		const ip =
			version === 4
				? decodeIpv4(ctx, next.offset, bytes.length)
				: decodeIpv6(ctx, next.offset, bytes.length);
		layers.push(ip.unit);
		if (ip.payload) summary = transport(ctx, ip.payload, layers, (found) => (payload = found));
		else summary = summaryText.ipOnly(version);
		if (end() < ip.end) {
			const why = ip.payload?.fragment
				? payloadText.fragment()
				: ip.payload
					? payloadText.notDecoded(protocolName(ip.payload.protocol))
					: payloadText.invalidHeader();
			layers.push(
				dataUnit(
					bytes,
					'data',
					'data.data',
					end(),
					ip.end,
					payloadText.data(ip.end - end(), why),
					RFC_IPV4
				)
			);
		}
	} else if (next.kind !== 'data') {
		const version = next.kind === 'ipv4' ? 4 : 6;
		report(
			ctx,
			version === 4 ? 'IPV4_TRUNCATED' : 'IPV6_TRUNCATED',
			ipProblems.truncated(version, 0, version === 4 ? 20 : 40),
			next.kind,
			next.offset
		);
		summary = summaryText.ipOnly(version);
	} else if (next.offset < bytes.length) {
		const why = next.why ?? payloadText.linkOnly();
		layers.push(
			dataUnit(
				bytes,
				'data',
				'data.data',
				next.offset,
				bytes.length,
				payloadText.data(bytes.length - next.offset, why),
				LINKTYPES
			)
		);
		summary = summaryText.linkOnly(why);
	} else {
		summary = summaryText.linkOnly('');
	}
	// Bytes after the IP packet: Ethernet padding, or a trailer the IP header does not claim.
	const start = end();
	if (start < bytes.length) {
		const extra = slice(bytes, start, bytes.length);
		const padding = linkType === 'ethernet' && bytes.length <= 60 && extra.every((b) => b === 0);
		const ipLength = start - (next.offset ?? 0);
		if (!padding) {
			const ipLayer = layers.find(
				(layer) => layer.protocol === 'ipv4' || layer.protocol === 'ipv6'
			);
			const code = ipLayer?.protocol === 'ipv6' ? 'IPV6_TRAILING_BYTES' : 'IPV4_TRAILING_BYTES';
			report(
				ctx,
				code,
				ipProblems.trailing(code === 'IPV6_TRAILING_BYTES' ? 6 : 4, extra.length, ipLength),
				ipLayer?.protocol ?? 'link',
				start,
				extra.length
			);
		}
		layers.push(
			dataUnit(
				bytes,
				'trailer',
				padding ? 'eth.padding' : linkType === 'ethernet' ? 'eth.trailer' : 'frame.trailer',
				start,
				bytes.length,
				padding ? trailerText.padding(extra.length) : trailerText.trailer(extra.length, ipLength),
				'IEEE 802.3 §3.2.7'
			)
		);
	}
	// A layer the capture ends before has no bytes: it is not listed.
	const present = (units: DecodedUnit[]): DecodedUnit[] =>
		units
			.filter((u) => u.length > 0)
			.map((u) => (u.children ? { ...u, children: present(u.children) } : u));
	const decoding: PacketDecoding = {
		layers: present(layers),
		problems: ctx.problems,
		checksums: ctx.checksums,
		linkType,
		summary
	};
	if (assumed) decoding.assumedLinkType = assumed;
	if (payload) decoding.payload = payload;
	return decoding;
}

/** Decodes what an IP packet carries; returns the one-line summary. */
function transport(
	ctx: Context,
	ip: IpPayload,
	layers: DecodedUnit[],
	setPayload: (payload: PacketPayload) => void
): string {
	const { bytes } = ctx;
	const src =
		ip.version === 4
			? layers.at(-1)?.fields.find((f) => f.key === 'ip.src')?.value
			: layers.at(-1)?.fields.find((f) => f.key === 'ipv6.src')?.value;
	const dst =
		ip.version === 4
			? layers.at(-1)?.fields.find((f) => f.key === 'ip.dst')?.value
			: layers.at(-1)?.fields.find((f) => f.key === 'ipv6.dst')?.value;
	const hosts = { src: String(src ?? '?'), dst: String(dst ?? '?'), v6: ip.version === 6 };
	if (ip.fragment || ip.offset >= ip.end)
		return summaryText.ip(hosts, protocolName(ip.protocol), ip.fragment);
	const addPayload = (
		key: string,
		start: number,
		stop: number,
		overTcp: boolean,
		source: string
	) => {
		if (stop <= start) return;
		const data = slice(bytes, start, stop);
		const found = recognisePayload(data, overTcp);
		setPayload({ offset: start, length: stop - start, ...found });
		layers.push(
			dataUnit(
				bytes,
				'payload',
				key,
				start,
				stop,
				payloadText.meaning(stop - start, preview(data)),
				source
			)
		);
	};
	if (ip.protocol === 6) {
		const tcp = decodeTcpHeader(ctx, ip);
		layers.push(tcp.unit);
		if (tcp.payloadStart !== undefined)
			addPayload('tcp.payload', tcp.payloadStart, tcp.payloadEnd, true, 'RFC 9293 §3.1');
		const length =
			tcp.payloadStart !== undefined
				? Math.max(0, ip.declaredLength - (tcp.payloadStart - ip.offset))
				: 0;
		return summaryText.tcp(
			hosts,
			tcp.srcPort,
			tcp.dstPort,
			tcp.flags,
			tcp.seq,
			tcp.ack,
			tcp.window,
			length,
			tcp.options.names
		);
	}
	if (ip.protocol === 17) {
		const udp = decodeUdp(ctx, ip);
		layers.push(udp.unit);
		if (udp.payloadStart !== undefined)
			addPayload('udp.payload', udp.payloadStart, udp.payloadEnd, false, 'RFC 768');
		return summaryText.udp(hosts, udp.srcPort, udp.dstPort, Math.max(0, udp.length - 8));
	}
	if ((ip.protocol === 1 && ip.version === 4) || (ip.protocol === 58 && ip.version === 6)) {
		const icmp = decodeIcmp(ctx, ip);
		layers.push(icmp.unit);
		return summaryText.icmp(hosts, ip.version === 6, icmp.summary);
	}
	return summaryText.ip(hosts, protocolName(ip.protocol), false);
}
