/**
 * The sentences of following TCP conversations and reading Follow-TCP-Stream dumps: the
 * problems `followTcp` reports and the errors and notes of `readStreamDump`. The code works out
 * the facts; this module words them.
 */
import { groupDigits, plural } from '../bytes/text';
import type { Endpoint, FollowProblemCode } from './follow-types';

/** "127.0.0.1:39548", "[::1]:50800" (Wireshark's Node lines write IPv6 in brackets too). */
export function endpointText(endpoint: Endpoint): string {
	return endpoint.address.includes(':')
		? `[${endpoint.address}]:${endpoint.port}`
		: `${endpoint.address}:${endpoint.port}`;
}

const DIRECTION = ['client → server', 'server → client'] as const;

/** Packet numbers as people read them in Wireshark: 1-based. */
const frame = (index: number) => `packet ${groupDigits(index + 1)}`;

/** The rule behind each problem code. */
export const FOLLOW_SOURCES: Readonly<Record<FollowProblemCode, string>> = {
	CLIENT_GUESSED: 'RFC 9293 §3.5 (the SYN opens a connection)',
	GAP: 'RFC 9293 §3.4 (sequence numbers count every byte)',
	SEGMENT_CUT: 'pcap draft-ietf-opsawg-pcap §5 (captured length below the original)',
	OVERLAP_CONFLICT:
		'RFC 9293 §3.10.7.4 (overlapping segments); the first copy is kept, as Wireshark does',
	DATA_BEFORE_ISN: 'RFC 9293 §3.4 (the first data byte is ISN + 1)'
};

export const followText = {
	clientGuessed: (client: Endpoint, server: Endpoint) =>
		`Neither the SYN nor the SYN-ACK of ${endpointText(client)} ↔ ${endpointText(server)} is in the ` +
		`capture, so which side opened it is a guess: ${endpointText(client)} sent first and is called the client.`,
	gaps: (direction: 0 | 1, count: number, missing: number, first: number | undefined) =>
		`${DIRECTION[direction]}: ${plural(missing, 'byte')} the sender sent ${missing === 1 ? 'is' : 'are'} ` +
		`not in the capture (${plural(count, 'gap')}${first === undefined ? '' : `, the first before ${frame(first)}`}); ` +
		`the stream shows what was captured and marks where bytes are missing.`,
	cut: (direction: 0 | 1, count: number, first: number) =>
		`${DIRECTION[direction]}: ${plural(count, 'segment')} ${count === 1 ? 'was' : 'were'} cut short by the ` +
		`capture's snapshot length (the first is ${frame(first)}): the rest of ${count === 1 ? 'its' : 'their'} bytes ` +
		`were sent but not saved.`,
	conflict: (direction: 0 | 1, count: number, first: number) =>
		`${DIRECTION[direction]}: ${plural(count, 'segment')} resent bytes with different contents (the first is ` +
		`${frame(first)}); the first copy of each byte is kept, as Wireshark keeps it.`,
	beforeIsn: (direction: 0 | 1, packet: number) =>
		`${DIRECTION[direction]}: ${frame(packet)} carries bytes numbered before the SYN's sequence number + 1; ` +
		`they cannot belong to this connection's stream and are left out.`
};

/** Sentences of `readStreamDump`. */
export const dumpText = {
	empty: () =>
		'Nothing to read: paste the text of a Follow TCP Stream window or tshark -z follow output.',
	unknown: () =>
		'This does not look like Follow TCP Stream output: expected Hex Dump lines (8-digit offset, hex bytes, ' +
		'text), C Arrays (char peer0_0[] = { … };), Raw hex lines, or tshark -z follow,tcp,hex / raw output.',
	asciiMode: (mode: string) =>
		`This is tshark's follow,tcp,${mode} output, which replaces unprintable bytes with dots, so the bytes ` +
		`cannot be recovered: use follow,tcp,hex or follow,tcp,raw.`,
	yamlMode: () =>
		'This is the YAML view, which this reader does not read: use Hex Dump, C Arrays or Raw.',
	secondBlock: () => 'A second follow block starts here: paste one conversation at a time.',
	notHex: (char: string) => `${JSON.stringify(char)} is not a hex digit.`,
	oddDigits: () => 'A byte needs two hex digits; this line has an odd number of them.',
	offsetMismatch: (found: number, expected: number, side: 0 | 1) =>
		`This line says offset ${hexOffset(found)}, but the ${side === 0 ? 'first' : 'second'} node's bytes so far ` +
		`end at ${hexOffset(expected)}: a line is missing, repeated or edited.`,
	badHexLine: () =>
		'Expected a hex dump line: an 8-digit hex offset, two spaces, then up to 16 two-digit hex bytes.',
	badHexByte: (found: string) =>
		`"${found}" is not a two-digit hex byte: the hex columns of a dump line hold only bytes (00 to ff), then spaces up to the text column.`,
	shortLineInside: () =>
		'A hex dump line holds 16 bytes unless it ends its packet; this short line is followed by more of the same packet.',
	badArrayLine: () =>
		'Expected 0x-prefixed bytes separated by commas (0x47, 0x45, …) inside a char peerN_M[] array.',
	arrayNotClosed: () => 'This array is not closed with "};" before the next one starts.',
	arrayUnclosedAtEnd: () => 'The last array is not closed with "};": the paste may be cut short.',
	bytesOutsideArray: () => 'These bytes are outside any char peerN_M[] = { … }; array.',
	rawOdd: () =>
		'A Raw line holds whole bytes (two hex digits each); this one has an odd number of digits.',
	truncatedNote: () =>
		'Wireshark cut this stream short ("[Stream output truncated]"): the bytes after that point are missing.',
	unmarkedNote: () =>
		'Raw lines copied from the Wireshark window carry no sign of direction (the window shows it only by ' +
		'colour), so every line is put in the first direction. Use Hex Dump, C Arrays or tshark output to keep both.',
	oneSideNote: () =>
		'No line is indented, so this dump shows one direction only (or the two were not told apart).'
};

/** "0x000000A0". */
function hexOffset(value: number): string {
	return `0x${value.toString(16).toUpperCase().padStart(8, '0')}`;
}
