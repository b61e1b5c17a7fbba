/**
 * The Packet Decoder view's words: layer titles, diagram captions, link type names and checksum
 * labels. Sentences about the bytes themselves come from the decoder (`$lib/protocol/packet`);
 * the facts a label quotes (which RFC figure a diagram follows, a link type's LINKTYPE name and
 * number) come from the layers' text modules and are only composed here.
 */
import { LINKTYPE_OF, type ChecksumVerdict, type LinkType } from '$lib/protocol/packet';
import { plural } from '$lib/protocol/bytes/text';
import { ICMP_HEADER_FIGURES } from '$lib/protocol/icmp/icmp-text';
import { IP_HEADER_FIGURES } from '$lib/protocol/ip/ip-text';
import { LINKTYPE_NAMES, VLAN_FIGURE } from '$lib/protocol/link/link-text';
import { TCP_HEADER_FIGURE } from '$lib/protocol/tcp/header-text';
import { UDP_HEADER_FIGURE } from '$lib/protocol/udp/udp-text';
import type { LinkChoice } from './address';

/** Each layer's title, by the decoder's protocol id. */
export const LAYER_TITLES: Readonly<Record<string, string>> = {
	eth: 'Ethernet II',
	vlan: '802.1Q VLAN tag',
	sll: 'Linux cooked capture',
	null: 'BSD loopback header',
	ipv4: 'IPv4',
	ipv6: 'IPv6',
	tcp: 'TCP',
	udp: 'UDP',
	icmp: 'ICMP',
	icmpv6: 'ICMPv6',
	payload: 'Payload',
	data: 'Data',
	trailer: 'Trailer'
};

/** A layer's title; the two cooked capture versions are told apart by the link type. */
export function layerTitle(protocol: string, linkType: LinkType): string {
	if (protocol === 'sll') return `Linux cooked capture ${linkType === 'linux-sll2' ? 'v2' : 'v1'}`;
	return LAYER_TITLES[protocol] ?? protocol;
}

/** "The IPv4 header, 32 bits a row, as RFC 791 §3.1 draws it". */
const drawnAs = (header: string, figure: string) =>
	`${header}, 32 bits a row, as ${figure} draws it`;

/** Caption of the header diagram, naming the figure it follows (from the layer's text module). */
export const DIAGRAM_CAPTIONS: Readonly<Record<string, string>> = {
	vlan: `The tag control information and type, 32 bits a row (${VLAN_FIGURE})`,
	ipv4: drawnAs('The IPv4 header', IP_HEADER_FIGURES.ipv4),
	ipv6: drawnAs('The IPv6 header and its extension headers', IP_HEADER_FIGURES.ipv6),
	tcp: drawnAs('The TCP header', TCP_HEADER_FIGURE),
	udp: drawnAs('The UDP header', UDP_HEADER_FIGURE),
	icmp: drawnAs('The ICMP header', ICMP_HEADER_FIGURES.icmp),
	icmpv6: drawnAs('The ICMPv6 header', ICMP_HEADER_FIGURES.icmpv6)
};

/** "bytes 14–33 · 20 bytes". */
export function layerPlace(offset: number, length: number): string {
	if (length === 0) return 'no bytes';
	const where = length === 1 ? `byte ${offset}` : `bytes ${offset}–${offset + length - 1}`;
	return `${where} · ${plural(length, 'byte')}`;
}

/** "Ethernet II — LINKTYPE_ETHERNET (1)": a link type with its registry name and number. */
const linkLabel = (name: string, type: LinkType) =>
	`${name} — ${LINKTYPE_NAMES[type]} (${LINKTYPE_OF[type]})`;

/** The link type choices as the select lists them, with their pcap LINKTYPE numbers. */
export const LINK_LABELS: Readonly<Record<LinkChoice, string>> = {
	auto: 'Detect (IP version nibble, else Ethernet)',
	ethernet: linkLabel('Ethernet II', 'ethernet'),
	'linux-sll': linkLabel('Linux cooked v1', 'linux-sll'),
	'linux-sll2': linkLabel('Linux cooked v2', 'linux-sll2'),
	null: linkLabel('BSD loopback', 'null'),
	raw: linkLabel('Raw IP, no link header', 'raw')
};

/** A checksum verdict in a word or two, with its mark. */
export const CHECKSUM_LABELS: Readonly<Record<ChecksumVerdict, { mark: string; label: string }>> = {
	correct: { mark: '✓', label: 'correct' },
	incorrect: { mark: '✗', label: 'incorrect' },
	partial: { mark: '◐', label: 'partial (offload)' },
	none: { mark: '–', label: 'none' },
	unchecked: { mark: '?', label: 'not checked' }
};

/** The checksum's name as the verdict lists it: "TCP checksum". */
export function checksumName(layer: string): string {
	return layer === 'ipv4' ? 'IPv4 header checksum' : `${LAYER_TITLES[layer] ?? layer} checksum`;
}

export const VERDICT_TEXT = {
	ok: 'Decoded with no problems',
	warnings: (count: number) => `Decoded, with ${plural(count, 'warning')}`,
	errors: (count: number) => `${plural(count, 'problem')} in this packet`,
	severity: { error: 'Error', warning: 'Warning', note: 'Note' } as Record<string, string>,
	byte: (offset: number) => `byte ${offset}`,
	assumed: 'Link type guessed:',
	quoted: 'The packet quoted in the error',
	openIn: (path: string) =>
		path.startsWith('/tools/handshake')
			? 'Open in the Handshake inspector'
			: 'Open in the Frame Decoder',
	inside: (name: string, count: number) => `Inside ${name}: ${plural(count, 'field')}`
};
