/**
 * Every problem the packet decoder can report, in one table: its stable code, how serious it is,
 * and the rule that makes it a problem. Decoders take severities and sources from here, and the
 * tests iterate over the table, so a new code cannot be forgotten.
 *
 * - `error`: the bytes break a rule (a header length below its minimum, a wrong checksum);
 * - `warning`: the bytes can be read, but something is off (a capture cut short, a length that
 *   disagrees with another);
 * - `note`: nothing is wrong, but the reader should know (a fragment, a guessed link type).
 */

export const RFC_IPV4 = 'RFC 791 §3.1';
export const RFC_IPV6 = 'RFC 8200 §3';
export const RFC_IPV6_EXTENSIONS = 'RFC 8200 §4';
export const RFC_IPV6_OPTIONS = 'RFC 8200 §4.2';
export const RFC_IPV6_ROUTING = 'RFC 8200 §4.4';
export const RFC_IPV6_FRAGMENT = 'RFC 8200 §4.5';
export const RFC_IPV6_CHECKSUM = 'RFC 8200 §8.1';
export const RFC_TCP = 'RFC 9293 §3.1';
export const RFC_TCP_OPTIONS = 'RFC 9293 §3.2';
export const RFC_UDP = 'RFC 768';
export const RFC_ICMP = 'RFC 792';
export const RFC_ICMPV6 = 'RFC 4443 §2';
export const RFC_CHECKSUM = 'RFC 1071';
export const LINKTYPES = 'tcpdump.org LINKTYPE registry';

export type Severity = 'error' | 'warning' | 'note';

export const PACKET_PROBLEMS = {
	LINK_TYPE_UNKNOWN: { severity: 'error', source: LINKTYPES },
	LINK_TYPE_GUESSED: { severity: 'note', source: LINKTYPES },
	LINK_TRUNCATED: { severity: 'warning', source: LINKTYPES },
	NULL_FAMILY_UNKNOWN: { severity: 'warning', source: 'LINKTYPE_NULL (tcpdump.org)' },
	ETHERTYPE_NOT_IP: { severity: 'note', source: 'IEEE 802.3 EtherType registry' },
	IP_VERSION_UNKNOWN: { severity: 'error', source: RFC_IPV4 },
	IP_VERSION_MISMATCH: { severity: 'error', source: RFC_IPV4 },
	IPV4_TRUNCATED: { severity: 'warning', source: RFC_IPV4 },
	IPV4_IHL_TOO_SMALL: { severity: 'error', source: RFC_IPV4 },
	IPV4_TOTAL_LENGTH_TOO_SMALL: { severity: 'error', source: RFC_IPV4 },
	IPV4_TOTAL_LENGTH_EXCEEDS_CAPTURE: { severity: 'warning', source: RFC_IPV4 },
	IPV4_TRAILING_BYTES: { severity: 'warning', source: RFC_IPV4 },
	IPV4_OPTION_LENGTH: { severity: 'error', source: RFC_IPV4 },
	IPV4_CHECKSUM_INCORRECT: { severity: 'error', source: RFC_IPV4 },
	IPV4_FRAGMENT: { severity: 'note', source: RFC_IPV4 },
	IPV6_TRUNCATED: { severity: 'warning', source: RFC_IPV6 },
	IPV6_PAYLOAD_LENGTH_EXCEEDS_CAPTURE: { severity: 'warning', source: RFC_IPV6 },
	IPV6_TRAILING_BYTES: { severity: 'warning', source: RFC_IPV6 },
	IPV6_EXTENSION_OVERRUN: { severity: 'error', source: RFC_IPV6_EXTENSIONS },
	IPV6_OPTION_OVERRUN: { severity: 'error', source: RFC_IPV6_OPTIONS },
	IPV6_FRAGMENT: { severity: 'note', source: RFC_IPV6_FRAGMENT },
	TCP_TRUNCATED: { severity: 'warning', source: RFC_TCP },
	TCP_DATA_OFFSET_TOO_SMALL: { severity: 'error', source: RFC_TCP },
	TCP_DATA_OFFSET_PAST_END: { severity: 'error', source: RFC_TCP },
	TCP_OPTION_LENGTH_INVALID: { severity: 'error', source: RFC_TCP_OPTIONS },
	TCP_OPTION_OVERRUN: { severity: 'error', source: RFC_TCP_OPTIONS },
	TCP_OPTION_LENGTH_WRONG: { severity: 'warning', source: RFC_TCP_OPTIONS },
	TCP_CHECKSUM_INCORRECT: { severity: 'error', source: RFC_TCP },
	UDP_TRUNCATED: { severity: 'warning', source: RFC_UDP },
	UDP_LENGTH_TOO_SMALL: { severity: 'error', source: RFC_UDP },
	UDP_LENGTH_MISMATCH: { severity: 'warning', source: RFC_UDP },
	UDP_CHECKSUM_INCORRECT: { severity: 'error', source: RFC_UDP },
	UDP_ZERO_CHECKSUM_IPV6: { severity: 'error', source: RFC_IPV6_CHECKSUM },
	ICMP_TRUNCATED: { severity: 'warning', source: RFC_ICMP },
	ICMP_CHECKSUM_INCORRECT: { severity: 'error', source: RFC_ICMP },
	ICMPV6_CHECKSUM_INCORRECT: { severity: 'error', source: RFC_ICMPV6 },
	CHECKSUM_UNCHECKED: { severity: 'note', source: RFC_CHECKSUM }
} as const satisfies Record<string, { severity: Severity; source: string }>;

/** Stable identifiers of the problems. */
export type PacketProblemCode = keyof typeof PACKET_PROBLEMS;

/** Every problem code, in table order. */
export const PACKET_PROBLEM_CODES = Object.keys(PACKET_PROBLEMS) as PacketProblemCode[];
