/** ICMP and ICMPv6 type and code names (RFC 792, RFC 4443, RFC 4861, IANA registries). */

/** Where each header is drawn 32 bits a row: the figures a header diagram follows. */
export const ICMP_HEADER_FIGURES = { icmp: 'RFC 792', icmpv6: 'RFC 4443 §2.1' } as const;

export const ICMP_TYPES: Readonly<Record<number, string>> = {
	0: 'Echo Reply',
	3: 'Destination Unreachable',
	4: 'Source Quench (deprecated)',
	5: 'Redirect',
	8: 'Echo Request',
	9: 'Router Advertisement',
	10: 'Router Solicitation',
	11: 'Time Exceeded',
	12: 'Parameter Problem',
	13: 'Timestamp',
	14: 'Timestamp Reply'
};

export const ICMP_CODES: Readonly<Record<number, readonly string[]>> = {
	3: [
		'Net Unreachable',
		'Host Unreachable',
		'Protocol Unreachable',
		'Port Unreachable',
		"Fragmentation Needed and Don't Fragment was Set",
		'Source Route Failed',
		'Destination Network Unknown',
		'Destination Host Unknown',
		'Source Host Isolated',
		'Communication with Destination Network is Administratively Prohibited',
		'Communication with Destination Host is Administratively Prohibited',
		'Destination Network Unreachable for Type of Service',
		'Destination Host Unreachable for Type of Service',
		'Communication Administratively Prohibited',
		'Host Precedence Violation',
		'Precedence cutoff in effect'
	],
	5: [
		'Redirect for the Network',
		'Redirect for the Host',
		'Redirect for TOS and Network',
		'Redirect for TOS and Host'
	],
	11: ['Time to Live exceeded in Transit', 'Fragment Reassembly Time Exceeded'],
	12: ['Pointer indicates the error', 'Missing a Required Option', 'Bad Length']
};

export const ICMPV6_TYPES: Readonly<Record<number, string>> = {
	1: 'Destination Unreachable',
	2: 'Packet Too Big',
	3: 'Time Exceeded',
	4: 'Parameter Problem',
	128: 'Echo Request',
	129: 'Echo Reply',
	130: 'Multicast Listener Query',
	131: 'Multicast Listener Report',
	132: 'Multicast Listener Done',
	133: 'Router Solicitation',
	134: 'Router Advertisement',
	135: 'Neighbor Solicitation',
	136: 'Neighbor Advertisement',
	137: 'Redirect',
	143: 'Multicast Listener Report v2'
};

export const ICMPV6_CODES: Readonly<Record<number, readonly string[]>> = {
	1: [
		'No route to destination',
		'Communication with destination administratively prohibited',
		'Beyond scope of source address',
		'Address unreachable',
		'Port unreachable',
		'Source address failed ingress/egress policy',
		'Reject route to destination'
	],
	3: ['Hop limit exceeded in transit', 'Fragment reassembly time exceeded'],
	4: [
		'Erroneous header field encountered',
		'Unrecognized Next Header type encountered',
		'Unrecognized IPv6 option encountered'
	]
};

export function icmpTypeMeaning(v6: boolean, type: number): string {
	const name = (v6 ? ICMPV6_TYPES : ICMP_TYPES)[type];
	return `${type} — ${name ?? 'a type this decoder does not name'}`;
}

export function icmpCodeMeaning(v6: boolean, type: number, code: number): string {
	const codes = (v6 ? ICMPV6_CODES : ICMP_CODES)[type];
	if (codes) return `${code} — ${codes[code] ?? 'an unassigned code'}`;
	return code === 0
		? '0 — the only code of this type'
		: `${code} — a code this decoder does not name`;
}

export const icmpText = {
	identifier: (v: number) =>
		`${v} — matches replies to requests (ping uses its process or socket id)`,
	sequence: (v: number) => `${v} — counts the requests`,
	unused: (n: number) => `${n} bytes — unused, zero`,
	mtu: (v: number) => `${v} — the MTU of the next hop`,
	pointer: (v: number) => `${v} — the byte of the quoted packet where the problem is`,
	gateway: (text: string) => `${text} — the gateway to use instead`,
	data: (n: number) => `${n} bytes of data, echoed back in the reply`,
	quoted: () => 'the start of the packet that caused this error',
	truncated: (v6: boolean, present: number) =>
		`The ${v6 ? 'ICMPv6' : 'ICMP'} header needs 4 bytes; only ${present} ${present === 1 ? 'is' : 'are'} in the packet.`
};
