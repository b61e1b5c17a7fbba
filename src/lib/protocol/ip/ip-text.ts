/** Sentences for IPv4 and IPv6 header fields (RFC 791, RFC 2474, RFC 3168, RFC 8200). */
import { groupDigits, plural } from '../bytes/text';

/** Where each header is drawn 32 bits a row: the figures a header diagram follows. */
export const IP_HEADER_FIGURES = { ipv4: 'RFC 791 §3.1', ipv6: 'RFC 8200 §3' } as const;

/** IP protocol numbers / IPv6 next-header values (IANA; facts.md P2). */
export const IP_PROTOCOLS: Readonly<Record<number, string>> = {
	0: 'IPv6 Hop-by-Hop Options',
	1: 'ICMP',
	2: 'IGMP',
	4: 'IPv4 (IP-in-IP)',
	6: 'TCP',
	17: 'UDP',
	41: 'IPv6',
	43: 'IPv6 Routing header',
	44: 'IPv6 Fragment header',
	47: 'GRE',
	50: 'ESP',
	51: 'AH',
	58: 'ICMPv6',
	59: 'No Next Header',
	60: 'IPv6 Destination Options',
	89: 'OSPF',
	132: 'SCTP'
};

export const protocolName = (n: number) => IP_PROTOCOLS[n] ?? `protocol ${n}`;

/** Standard DSCP names (RFC 2474 §4.2.2, RFC 2597 §6, RFC 3246, RFC 8622). */
function dscpName(dscp: number): string {
	if (dscp === 0) return 'default forwarding (best effort)';
	if (dscp === 1) return 'lower effort (LE, RFC 8622)';
	if (dscp === 46) return 'expedited forwarding (EF, RFC 3246)';
	if (dscp === 48)
		return 'class selector 6 (CS6): network control, as Linux marks the ICMP errors it sends';
	if (dscp % 8 === 0) return `class selector ${dscp / 8} (CS${dscp / 8})`;
	const cls = dscp >> 3;
	const drop = (dscp & 7) >> 1;
	if (cls >= 1 && cls <= 4 && (dscp & 1) === 0 && drop >= 1 && drop <= 3) {
		return `assured forwarding AF${cls}${drop} (RFC 2597)`;
	}
	return 'a code point with no standard name';
}

const ECN = [
	'Not-ECT (not ECN-capable)',
	'ECT(1) (ECN-capable)',
	'ECT(0) (ECN-capable)',
	'CE (congestion experienced)'
];

export const ipText = {
	version: (v: number, expected: 4 | 6) =>
		v === expected
			? `${v} — IPv${v}`
			: `${v} — expected ${expected}: this is not an IPv${expected} header`,
	ihl: (ihl: number) =>
		ihl < 5
			? `${ihl} words — below the minimum of 5 (20 bytes)`
			: `${ihl} × 4 = ${ihl * 4} bytes${ihl > 5 ? `, ${ihl * 4 - 20} of them options` : ', no options'}`,
	dsfield: (value: number) =>
		`0x${value.toString(16).padStart(2, '0')} — DSCP ${value >> 2}, ECN ${value & 3}`,
	dscp: (dscp: number) => `${dscp} — ${dscpName(dscp)}`,
	ecn: (ecn: number) => `${ecn} — ${ECN[ecn]}`,
	totalLength: (total: number) => `${groupDigits(total)} — header and data, in bytes`,
	id: (id: number) => `${id} — identifies the fragments of one datagram`,
	flags: (rb: boolean, df: boolean, mf: boolean) =>
		[df ? "Don't Fragment" : '', mf ? 'More Fragments' : '', rb ? 'reserved bit set' : '']
			.filter(Boolean)
			.join(', ') || 'none set',
	rb: (set: boolean) => (set ? '1 — reserved, must be zero' : '0 — reserved'),
	df: (set: boolean) =>
		set ? "1 — Don't Fragment: routers drop it rather than fragment it" : '0 — may be fragmented',
	mf: (set: boolean) => (set ? '1 — More Fragments follow' : '0 — last (or only) fragment'),
	fragOffset: (units: number) =>
		units === 0
			? '0 — the start of the datagram'
			: `${units} × 8 = ${groupDigits(units * 8)} bytes into the datagram`,
	ttl: (ttl: number) =>
		`${ttl} — hops left${ttl === 64 ? " (Linux's default, ip_default_ttl)" : ''}`,
	protocol: (n: number) => `${n} — ${protocolName(n)}`,
	address: (text: string, role: 'source' | 'destination') => `${text} — ${role}`,
	options: (count: number) => `${plural(count, 'byte')} of options`,
	option: (name: string) => name,
	optionType: (type: number, name: string) => `${type} — ${name}`,
	copied: (c: number) => (c ? '1 — copied into every fragment' : '0 — first fragment only'),
	optionClass: (c: number) =>
		`${c} — ${c === 0 ? 'control' : c === 2 ? 'debugging and measurement' : 'reserved'}`,
	optionNumber: (n: number) => `${n}`,
	optionLength: (n: number) => `${n} — bytes in this option, type and length included`,
	routerAlert: (v: number) =>
		`${v} — ${v === 0 ? 'routers shall examine this packet' : 'reserved value'}`,
	optionData: (n: number) => `${plural(n, 'byte')} of option data`,
	pointer: (p: number) =>
		`${p} — the next slot to fill, counted in bytes from the option's start (minimum ${4 + 1})`,
	routeAddress: (text: string, filled: boolean) =>
		`${text} — ${filled ? 'a router the datagram passed' : 'a slot not yet filled'}`,
	overflow: (n: number) => `${n} — routers that could not add a timestamp for lack of room`,
	tsFlag: (f: number) =>
		`${f} — ${f === 0 ? 'timestamps only' : f === 1 ? 'each router adds its address and a timestamp' : f === 3 ? 'only the listed routers add a timestamp' : 'an undefined flag value'}`,
	timestamp: (v: number) => `${groupDigits(v)} — milliseconds since midnight UT`,
	unparsed: (n: number) => `${plural(n, 'byte')} that cannot be read as options after the error`,
	// IPv6
	tclass: (v: number) => `0x${v.toString(16).padStart(2, '0')} — DSCP ${v >> 2}, ECN ${v & 3}`,
	flow: (v: number) =>
		`0x${v.toString(16).padStart(5, '0')} — ${v === 0 ? 'no flow label' : 'flow label: packets of one flow share it'}`,
	payloadLength: (n: number) =>
		`${groupDigits(n)} — bytes after this 40-byte header, extension headers included`,
	nextHeader: (n: number) => `${n} — ${protocolName(n)}`,
	hopLimit: (n: number) => `${n} — hops left`,
	extLength: (n: number) =>
		`${n} — ${(n + 1) * 8} bytes in this header (8-byte units, not counting the first 8)`,
	routingType: (t: number) =>
		`${t} — ${t === 0 ? 'Type 0 (deprecated by RFC 5095)' : t === 2 ? 'Type 2 (Mobile IPv6 home address)' : t === 4 ? 'Segment Routing Header (RFC 8754)' : 'a routing type this decoder shows raw'}`,
	segmentsLeft: (n: number) => `${n} — route segments still to visit`,
	homeAddress: (text: string) =>
		`${text} — the final destination (the checksum's pseudo-header uses it)`,
	segment: (text: string, i: number) =>
		`${text} — segment ${i}${i === 0 ? ' (the final destination)' : ''}`,
	fragOffset6: (units: number) =>
		`${units} × 8 = ${groupDigits(units * 8)} bytes into the original packet`,
	more: (set: boolean) => (set ? '1 — more fragments follow' : '0 — last fragment'),
	ident: (v: number) =>
		`0x${v.toString(16).padStart(8, '0')} — identifies the fragments of one packet`,
	optType: (t: number, name: string) => `0x${t.toString(16).padStart(2, '0')} — ${name}`,
	optAction: (a: number) =>
		`${a} — if unknown: ${['skip it', 'discard the packet', 'discard and send ICMP Parameter Problem', 'discard and send ICMP unless multicast'][a]}`,
	optChange: (c: number) => (c ? '1 — may change en route' : '0 — does not change en route'),
	padding: (n: number) => `${plural(n, 'byte')} of padding`,
	reserved: () => 'reserved, zero',
	pad1: () => 'Pad1 — one byte of padding',
	optRest: (v: number) => `${v} — the rest of the option type`,
	optLength: (n: number) => `${n} — bytes of option data`,
	lastEntry: (n: number) => `${n} — index of the last segment in the list`,
	hop: (text: string) => `${text} — a hop of the route`,
	extension: (name: string, size: number) => `${name}, ${size} bytes`,
	srhFlags: (v: number) =>
		`0x${v.toString(16).padStart(2, '0')} — flags (none defined by RFC 8754)`,
	srhTag: (v: number) => `${v} — tag: marks packets of a class or policy`,
	checksumNotChecked: (stored: number) =>
		`0x${stored.toString(16).padStart(4, '0')} — not checked: the header length is invalid`
};

/** IPv6 option names (RFC 8200 §4.2, IANA). */
export const IPV6_OPTIONS: Readonly<Record<number, string>> = {
	0x00: 'Pad1',
	0x01: 'PadN',
	0x05: 'Router Alert',
	0xc2: 'Jumbo Payload',
	0xc9: 'Home Address'
};

/** IPv4 option names and Wireshark keys (RFC 791 §3.1, IANA). */
export const IPV4_OPTIONS: Readonly<Record<number, { name: string; key: string }>> = {
	0: { name: 'End of Options List', key: 'eol' },
	1: { name: 'No Operation', key: 'nop' },
	7: { name: 'Record Route', key: 'record_route' },
	68: { name: 'Timestamp', key: 'timestamp' },
	130: { name: 'Security', key: 'security' },
	131: { name: 'Loose Source Route', key: 'route' },
	136: { name: 'Stream ID', key: 'sid' },
	137: { name: 'Strict Source Route', key: 'source_route' },
	148: { name: 'Router Alert', key: 'routeralert' }
};

export const ipProblems = {
	truncated: (version: 4 | 6, present: number, needed: number) =>
		`The IPv${version} header needs ${needed} bytes; the capture holds ${present}.`,
	ihl: (ihl: number) =>
		`IHL is ${ihl}: the header length is counted in 32-bit words and cannot be below 5 (20 bytes).`,
	totalTooSmall: (total: number, header: number) =>
		`Total Length is ${total}, less than the ${header}-byte header it includes.`,
	totalExceeds: (total: number, present: number) =>
		`Total Length says ${groupDigits(total)} bytes but the capture holds ${groupDigits(present)} from the IP header on: the capture was cut short (a snap length?) or the length is wrong.`,
	trailing: (version: 4 | 6, extra: number, claimed: number) =>
		`${plural(extra, 'byte')} follow the ${groupDigits(claimed)} bytes the IPv${version} header claims; they are not part of the packet.`,
	optionLength: (at: number, type: number, length: number, room: number) =>
		length < 2
			? `The IPv4 option of type ${type} at byte ${at} has length ${length}; a length counts the type and length bytes, so it is at least 2.`
			: `The IPv4 option of type ${type} at byte ${at} has length ${length}, but only ${room} bytes of options remain.`,
	fragment: (version: 4 | 6, offsetBytes: number, more: boolean) =>
		`This is a fragment (offset ${groupDigits(offsetBytes)} bytes${more ? ', more follow' : ', the last one'}): the transport header and checksum can only be read once the fragments are reassembled.`,
	payloadExceeds: (plen: number, present: number) =>
		`Payload Length says ${groupDigits(plen)} bytes follow the IPv6 header, but the capture holds ${groupDigits(present)}.`,
	extensionOverrun: (name: string, at: number, size: number, room: number) =>
		`The ${name} at byte ${at} is ${size} bytes long, but only ${room} remain in the packet.`,
	optionOverrun: (at: number, room: number) =>
		`The IPv6 option at byte ${at} runs past the end of its header (${room} bytes remain).`,
	versionUnknown: (v: number) => `The IP version nibble is ${v}; only 4 and 6 exist.`,
	versionMismatch: (v: number, expected: 4 | 6) =>
		`The link layer announces IPv${expected}, but the version nibble is ${v}.`
};
