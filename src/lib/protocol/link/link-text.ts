/** Sentences for the link-layer fields: Ethernet II, 802.1Q, Linux cooked (SLL, SLL2), BSD loopback. */
import { plural } from '../bytes/text';
import type { LinkType } from '../packet/types';

/** Each link type's name in the tcpdump.org LINKTYPE registry (its number: LINKTYPE_OF). */
export const LINKTYPE_NAMES: Readonly<Record<LinkType, string>> = {
	ethernet: 'LINKTYPE_ETHERNET',
	'linux-sll': 'LINKTYPE_LINUX_SLL',
	'linux-sll2': 'LINKTYPE_LINUX_SLL2',
	null: 'LINKTYPE_NULL',
	raw: 'LINKTYPE_RAW'
};

/** The standard whose figure a diagram of the 802.1Q tag follows. */
export const VLAN_FIGURE = 'IEEE 802.1Q';

/** EtherTypes a learner meets (IEEE registry; Linux if_ether.h). */
export const ETHERTYPES: Readonly<Record<number, string>> = {
	0x0800: 'IPv4',
	0x0806: 'ARP',
	0x86dd: 'IPv6',
	0x8100: '802.1Q VLAN tag',
	0x88a8: '802.1ad service tag',
	0x8847: 'MPLS',
	0x88cc: 'LLDP'
};

export function ethertypeMeaning(type: number): string {
	const hex = `0x${type.toString(16).padStart(4, '0')}`;
	if (type < 0x0600) return `${hex} — a length (IEEE 802.3 frame), not an EtherType`;
	const name = ETHERTYPES[type];
	return name ? `${hex} — ${name} follows` : `${hex} — an EtherType this decoder does not read`;
}

export function macMeaning(mac: string, role: 'destination' | 'source', bytes: Uint8Array): string {
	if (bytes.every((b) => b === 0))
		return `${mac} — all zeros: the loopback interface has no real address`;
	if (bytes.every((b) => b === 0xff)) return `${mac} — broadcast`;
	const group = role === 'destination' && (bytes[0] & 1) === 1;
	const local = (bytes[0] & 2) === 2;
	return `${mac} — ${role}${group ? ', a group (multicast) address' : ''}${local ? ', locally administered' : ''}`;
}

export const vlanText = {
	priority: (pcp: number) => `${pcp} — priority code point (802.1p class of service)`,
	dei: (dei: number) =>
		`${dei} — drop eligible indicator${dei ? ': may be dropped first under congestion' : ''}`,
	id: (vid: number) =>
		`${vid} — VLAN ${vid}${vid === 0 ? ' (priority tag only, no VLAN)' : vid === 4095 ? ' (reserved)' : ''}`
};

/** Linux packet types (packet(7) PACKET_*). */
export const SLL_PACKET_TYPES: readonly string[] = [
	'sent to us (PACKET_HOST)',
	'broadcast (PACKET_BROADCAST)',
	'multicast (PACKET_MULTICAST)',
	'sent to someone else (PACKET_OTHERHOST)',
	'sent by us (PACKET_OUTGOING)'
];

/** ARPHRD_ types seen in cooked captures (Linux if_arp.h). */
export const ARPHRD: Readonly<Record<number, string>> = {
	1: 'Ethernet (ARPHRD_ETHER)',
	772: 'loopback (ARPHRD_LOOPBACK)',
	776: 'IPv6-in-IPv4 (ARPHRD_SIT)',
	65534: 'no header (ARPHRD_NONE)',
	512: 'PPP (ARPHRD_PPP)'
};

export const sllText = {
	packetType: (t: number) =>
		`${t} — ${SLL_PACKET_TYPES[t] ?? 'a packet type Linux does not define'}`,
	hatype: (t: number) => `${t} — ${ARPHRD[t] ?? 'a link-layer type (ARPHRD_*)'}`,
	halen: (n: number) => `${n} — the sender's link-layer address is ${plural(n, 'byte')} long`,
	address: (text: string) => `${text} — the sender's link-layer address`,
	unused: (n: number) => `${plural(n, 'byte')} of padding: the address field is always 8 bytes`,
	reserved: () => 'reserved, must be zero',
	ifindex: (i: number) => `${i} — the index of the interface the packet was captured on`,
	cooked: (version: 1 | 2) =>
		`Linux "cooked" capture v${version}: what tcpdump -i any records, since interfaces differ in their link headers`
};

export const nullText = {
	family: (family: number, littleEndian: boolean) => {
		const name =
			family === 2
				? 'AF_INET: IPv4'
				: [24, 28, 30].includes(family)
					? 'AF_INET6 (BSD value): IPv6'
					: 'an address family this decoder does not read';
		return `${family} — ${name}, in the capturing host's byte order (${littleEndian ? 'little' : 'big'}-endian)`;
	}
};

export const linkProblems = {
	truncated: (layer: string, size: number, present: number) =>
		`The ${layer} header needs ${size} bytes; the capture holds ${present}.`,
	family: (family: number) =>
		`Address family ${family} is neither AF_INET (2) nor a BSD AF_INET6 (24, 28, 30).`,
	notIp: (type: number) =>
		type < 0x0600
			? `The type field holds ${type}, an IEEE 802.3 length, not an EtherType: the rest is shown as data.`
			: `EtherType 0x${type.toString(16).padStart(4, '0')} (${ETHERTYPES[type] ?? 'unknown'}) is not IP: the rest is shown as data.`
};
