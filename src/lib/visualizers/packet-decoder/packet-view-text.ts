/**
 * The Packet Decoder view's words: layer titles, diagram captions, link type names and checksum
 * labels. Sentences about the bytes themselves come from the decoder (`$lib/protocol/packet`).
 */
import type { ChecksumVerdict, LinkType } from '$lib/protocol/packet';
import { plural } from '$lib/protocol/bytes/text';
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

/** Caption of the header diagram, naming the figure it follows. */
export const DIAGRAM_CAPTIONS: Readonly<Record<string, string>> = {
	vlan: 'The tag control information and type, 32 bits a row (IEEE 802.1Q)',
	ipv4: 'The IPv4 header, 32 bits a row, as RFC 791 §3.1 draws it',
	ipv6: 'The IPv6 header and its extension headers, 32 bits a row, as RFC 8200 §3 draws it',
	tcp: 'The TCP header, 32 bits a row, as RFC 9293 §3.1 draws it',
	udp: 'The UDP header, 32 bits a row, as RFC 768 draws it',
	icmp: 'The ICMP header, 32 bits a row, as RFC 792 draws it',
	icmpv6: 'The ICMPv6 header, 32 bits a row, as RFC 4443 §2.1 draws it'
};

/** "bytes 14–33 · 20 bytes". */
export function layerPlace(offset: number, length: number): string {
	if (length === 0) return 'no bytes';
	const where = length === 1 ? `byte ${offset}` : `bytes ${offset}–${offset + length - 1}`;
	return `${where} · ${plural(length, 'byte')}`;
}

/** The link type choices as the select lists them, with their pcap LINKTYPE numbers. */
export const LINK_LABELS: Readonly<Record<LinkChoice, string>> = {
	auto: 'Detect (IP version nibble, else Ethernet)',
	ethernet: 'Ethernet II — LINKTYPE_ETHERNET (1)',
	'linux-sll': 'Linux cooked v1 — LINKTYPE_LINUX_SLL (113)',
	'linux-sll2': 'Linux cooked v2 — LINKTYPE_LINUX_SLL2 (276)',
	null: 'BSD loopback — LINKTYPE_NULL (0)',
	raw: 'Raw IP, no link header — LINKTYPE_RAW (101)'
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
