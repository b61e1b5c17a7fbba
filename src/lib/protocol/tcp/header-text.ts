/** Sentences for the TCP header and its options (RFC 9293 §3.1–3.2, RFC 7323, RFC 2018, RFC 7413). */
import { groupDigits, plural } from '../bytes/text';

/** Where the TCP header is drawn 32 bits a row: the figure a header diagram follows. */
export const TCP_HEADER_FIGURE = 'RFC 9293 §3.1';

export const tcpText = {
	port: (port: number, role: 'source' | 'destination') => `${port} — ${role} port`,
	seq: (seq: number, syn: boolean) =>
		syn
			? `${groupDigits(seq)} — the initial sequence number (ISN): the SYN itself takes this number`
			: `${groupDigits(seq)} — the sequence number of the first data byte`,
	ack: (ack: number, set: boolean) =>
		set
			? `${groupDigits(ack)} — the next sequence number the sender expects to receive`
			: `${groupDigits(ack)} — ignored: the ACK flag is not set`,
	dataOffset: (words: number) =>
		words < 5
			? `${words} words — below the minimum of 5 (20 bytes)`
			: `${words} × 4 = ${words * 4} bytes${words > 5 ? `, ${words * 4 - 20} of them options` : ', no options'}`,
	flags: (names: string[]) => (names.length ? names.join(', ') : 'none set'),
	reserved: (value: number) =>
		value ? `${value} — reserved bits set, must be zero` : '0 — reserved',
	ae: (set: boolean) =>
		set
			? '1 — AE: Accurate ECN (RFC 9768; formerly NS, RFC 3540)'
			: '0 — AE (Accurate ECN; formerly NS)',
	flag: (name: string, set: boolean) => `${set ? 1 : 0} — ${FLAG_MEANINGS[name][set ? 1 : 0]}`,
	window: (window: number, syn: boolean) =>
		syn
			? `${groupDigits(window)} — bytes the sender can receive; never scaled in a SYN`
			: `${groupDigits(window)} — receive window, to be multiplied by the scale agreed in the handshake`,
	urgent: (value: number, set: boolean) =>
		set ? `${value} — offset of the end of urgent data` : `${value} — ignored: URG is not set`,
	options: (count: number) => `${plural(count, 'byte')} of options`
};

const FLAG_MEANINGS: Readonly<Record<string, readonly [string, string]>> = {
	CWR: ['no congestion window reduction', 'Congestion Window Reduced (ECN, RFC 3168)'],
	ECE: ['no ECN echo', 'ECN-Echo (RFC 3168)'],
	URG: ['no urgent data', 'the urgent pointer is significant'],
	ACK: ['the acknowledgment number is not valid', 'the acknowledgment number is valid'],
	PSH: ['no push', 'push: deliver the data to the application now'],
	RST: ['no reset', 'reset: abort the connection'],
	SYN: ['no SYN', 'synchronize sequence numbers: opens a connection, takes one sequence number'],
	FIN: ['no FIN', 'no more data from the sender: takes one sequence number']
};

export const optionText = {
	eol: (first: boolean) =>
		first ? 'End of Option List' : 'padding after End of Option List (zero)',
	nop: () => 'No-Operation: aligns the next option',
	kind: (kind: number, name: string) => `${kind} — ${name}`,
	length: (length: number) => `${length} — bytes in the option, kind and length included`,
	mss: (mss: number) =>
		`${groupDigits(mss)} — the largest segment the sender can receive (SYN only)`,
	shift: (shift: number) =>
		shift > 14
			? `${shift} — above the maximum of 14: used as 14 (window × 16,384)`
			: `${shift} — windows from this sender are multiplied by 2^${shift} = ${groupDigits(2 ** shift)}`,
	sackPerm: () => 'SACK permitted: selective acknowledgments may be used (SYN only)',
	sackLeft: (v: number) =>
		`${groupDigits(v)} — left edge: first sequence number of a received block`,
	sackRight: (v: number) => `${groupDigits(v)} — right edge: the sequence number after the block`,
	tsval: (v: number) => `${groupDigits(v)} — the sender's timestamp clock`,
	tsecr: (v: number, ack: boolean) =>
		ack
			? `${groupDigits(v)} — echoes the peer's most recent TSval`
			: `${groupDigits(v)} — zero: nothing to echo yet`,
	tfoRequest: () =>
		'TCP Fast Open cookie request (length 2): the client asks the server for a cookie',
	tfoCookie: (hex: string) => `${hex} — TCP Fast Open cookie: sent with data in a later SYN`,
	exid: (v: number) => `0x${v.toString(16).padStart(4, '0')} — experiment identifier (RFC 6994)`,
	data: (n: number) => `${plural(n, 'byte')} of option data, shown raw`,
	unknown: (kind: number) => `option kind ${kind}, which this decoder shows raw`,
	unparsed: (n: number) => `${plural(n, 'byte')} that cannot be read as options after the error`
};

/** Option names by kind (IANA TCP option kinds; facts.md K21). */
export const TCP_OPTION_NAMES: Readonly<
	Record<number, { name: string; key: string; length?: number }>
> = {
	0: { name: 'End of Option List', key: 'eol' },
	1: { name: 'No-Operation', key: 'nop' },
	2: { name: 'Maximum Segment Size', key: 'mss', length: 4 },
	3: { name: 'Window Scale', key: 'wscale', length: 3 },
	4: { name: 'SACK Permitted', key: 'sack_perm', length: 2 },
	5: { name: 'SACK', key: 'sack' },
	8: { name: 'Timestamps', key: 'timestamp', length: 10 },
	34: { name: 'TCP Fast Open Cookie', key: 'tfo' },
	253: { name: 'Experimental (RFC 4727)', key: 'experimental' },
	254: { name: 'Experimental (RFC 4727)', key: 'experimental' }
};

export const tcpProblems = {
	truncated: (present: number, needed: number) =>
		`The TCP header needs ${needed} bytes; ${present === 0 ? 'none are' : `only ${present} are`} in the packet.`,
	offsetTooSmall: (words: number) =>
		`Data Offset is ${words}: the header length is counted in 32-bit words and cannot be below 5 (20 bytes).`,
	offsetPastEnd: (bytes: number, segment: number) =>
		`Data Offset says the header is ${bytes} bytes, but the segment is only ${segment} bytes long.`,
	optionLength: (at: number, kind: number, length: number) =>
		`The option of kind ${kind} at byte ${at} has length ${length}; a length counts the kind and length bytes, so it is at least 2.`,
	optionOverrun: (at: number, kind: number, length: number, room: number) =>
		`The option of kind ${kind} at byte ${at} has length ${length}, but only ${room} bytes of options remain.`,
	optionLengthWrong: (at: number, name: string, length: number, expected: string) =>
		`The ${name} option at byte ${at} has length ${length}; it should be ${expected}.`
};
