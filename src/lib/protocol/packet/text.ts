/**
 * Sentences the packet decoder writes that belong to no single layer: cut fields, checksum
 * verdicts, the guessed link type, payload recognition and the problems of the chaining.
 * Layer-specific wording is in `link/link-text.ts`, `ip/ip-text.ts`, `tcp/header-text.ts`,
 * `udp/udp-text.ts` and `icmp/icmp-text.ts`.
 */
import { groupDigits, plural } from '../bytes/text';

/** "5 bytes". */
export const bytesText = (count: number) => plural(count, 'byte');

/** "0x4e31". */
export const hex16 = (value: number) => `0x${value.toString(16).padStart(4, '0')}`;

/** A field the capture ends inside. */
export function partialMeaning(present: number, size: number, meaning: string): string {
	const what = meaning.split(' — ')[0];
	return `only ${present} of its ${bytesText(size)} are in the capture (${what})`;
}

// Checksums ----------------------------------------------------------------------------------------

/** What each checksum covers besides a pseudo-header. */
const COVERED: Readonly<Record<string, string>> = {
	'IPv4 header': 'header',
	TCP: 'segment',
	UDP: 'datagram',
	ICMP: 'message',
	ICMPv6: 'message'
};

export const checksumText = {
	correct: (stored: number, what: string, length: number, pseudo: boolean) =>
		`${hex16(stored)} — correct: the one's-complement sum of ${pseudo ? 'the pseudo-header and ' : ''}the ` +
		`${length}-byte ${COVERED[what] ?? 'data'}, this field included, is 0xffff.`,
	incorrect: (stored: number, correct: number) =>
		`${hex16(stored)} — incorrect: the correct value is ${hex16(correct)}.`,
	partial: (stored: number, correct: number) =>
		`${hex16(stored)} — partial: this is the sum of the pseudo-header alone, left by the sender for its ` +
		`network card (or, on loopback, nobody) to finish — checksum offload. Captures taken on the sending ` +
		`host show it; it is not an error. Finished, it would be ${hex16(correct)}.`,
	none: () =>
		'0x0000 — no checksum: over IPv4 a UDP sender may leave it out by sending zero (RFC 768).',
	zeroOverIpv6: (correct: number) =>
		`0x0000 — missing: over IPv6 the UDP checksum is mandatory, and receivers discard a datagram ` +
		`with zero (RFC 8200 §8.1). The correct value is ${hex16(correct)}.`,
	unchecked: (stored: number, why: 'truncated' | 'fragment' | 'quoted') =>
		`${hex16(stored)} — not checked: ` +
		(why === 'truncated'
			? 'the capture does not hold every byte it covers.'
			: why === 'fragment'
				? 'it covers the whole reassembled datagram, and this is one fragment of it.'
				: 'it belongs to the packet quoted in an ICMP error, which may be cut short.'),
	problem: (what: string, stored: number, correct: number) =>
		`The ${what} checksum is ${hex16(stored)}, but the bytes give ${hex16(correct)}.`,
	notChecked: (what: string) =>
		`The ${what} checksum was not checked: the capture does not hold every byte it covers.`
};

// Link type ----------------------------------------------------------------------------------------

export const linkText = {
	guessedRaw: (version: number) =>
		`No link type was given. The first byte's high nibble is ${version}, the IP version of an ` +
		`IPv${version} header, so the bytes were read as a raw IP packet (LINKTYPE_RAW, 101).`,
	guessedEthernet: (nibble: number) =>
		`No link type was given. The first byte's high nibble is ${nibble}, which is not an IP ` +
		'version, so the bytes were read as an Ethernet II frame (LINKTYPE_ETHERNET, 1).',
	guessedEmpty: () => 'No link type was given and there are no bytes; Ethernet was assumed.',
	unknown: (value: unknown) =>
		`Link type ${String(value)} is not one this decoder reads (1 Ethernet, 113 Linux SLL, 276 ` +
		'Linux SLL2, 0 BSD loopback, 101 raw IP); the bytes were read as Ethernet.'
};

// Payload ------------------------------------------------------------------------------------------

export const payloadText = {
	http: (firstLine: string, upgrade: boolean) =>
		`HTTP: "${firstLine}"` +
		(upgrade ? ' — a WebSocket opening handshake; open it in the handshake checker.' : '.'),
	websocket: (frames: number, from: 'client' | 'server') =>
		`${plural(frames, 'WebSocket frame')} from the ${from} (${from === 'client' ? 'masked' : 'unmasked'}); open ${frames === 1 ? 'it' : 'them'} in the frame decoder.`,
	tls: (contentType: string, version: string) =>
		`A TLS record: ${contentType}, record version ${version}. Its contents are encrypted or need a TLS dissector.`,
	unknown: (count: number) =>
		`${bytesText(count)} of application data, in no format this decoder recognises.`,
	meaning: (count: number, preview: string) => `${bytesText(count)} of data — ${preview}`,
	data: (count: number, why: string) => `${bytesText(count)} — ${why}`,
	fragment: () => 'a fragment: it can only be read once the fragments are reassembled',
	notDecoded: (protocol: string) => `${protocol} data, not decoded here`,
	invalidHeader: () => 'not decoded: the header before it is invalid',
	linkOnly: () => 'not decoded',
	notIp: () => 'not an IP packet'
};

// Trailer ------------------------------------------------------------------------------------------

export const trailerText = {
	padding: (count: number) =>
		`${bytesText(count)} of zero padding: Ethernet frames are at least 60 bytes before the FCS, so ` +
		'short packets are padded. Not part of the IP packet.',
	trailer: (count: number, ipLength: number) =>
		`${bytesText(count)} after the ${groupDigits(ipLength)} bytes the IP header claims — not part of the packet.`
};

// One-line summaries, like tcpdump's ----------------------------------------------------------------

interface Hosts {
	src: string;
	dst: string;
	v6: boolean;
}

/** "127.0.0.1:80", "[::1]:80" (RFC 5952 §6). */
const endpoint = (address: string, port: number, v6: boolean) =>
	v6 ? `[${address}]:${port}` : `${address}:${port}`;

export const summaryText = {
	tcp: (
		h: Hosts,
		sport: number,
		dport: number,
		flags: string[],
		seq: number,
		ack: number,
		window: number,
		length: number,
		options: string[]
	) =>
		`TCP ${endpoint(h.src, sport, h.v6)} → ${endpoint(h.dst, dport, h.v6)} [${flags.join(', ') || 'no flags'}] seq ${seq}` +
		(flags.includes('ACK') ? ` ack ${ack}` : '') +
		` win ${window} len ${length}` +
		(options.length ? ` options [${options.join(',')}]` : ''),
	udp: (h: Hosts, sport: number, dport: number, length: number) =>
		`UDP ${endpoint(h.src, sport, h.v6)} → ${endpoint(h.dst, dport, h.v6)} len ${length}`,
	icmp: (h: Hosts, v6: boolean, what: string) =>
		`${v6 ? 'ICMPv6' : 'ICMP'} ${h.src} → ${h.dst} ${what}`,
	ip: (h: Hosts, protocol: string, fragment: boolean) =>
		`IPv${h.v6 ? 6 : 4} ${h.src} → ${h.dst} ${protocol}${fragment ? ' (fragment)' : ''}`,
	ipOnly: (version: 4 | 6) => `IPv${version} (header unreadable)`,
	linkOnly: (why: string) => `Link layer only${why ? `: ${why}` : ''}`
};
