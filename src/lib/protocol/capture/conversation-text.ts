/**
 * The sentences and labels of the Capture Explorer: what a connection is, its handshake, the
 * permessage-deflate settings, the teardown. The code works out the facts; this module words them.
 */
import { groupDigits, plural } from '../bytes/text';
import type { Direction, NegotiatedDeflate, Teardown } from './conversation';
import type { BodyFraming } from '../http/framing';
import type { StreamProtocol } from './follow-types';
import type {
	CapturedOption,
	CrossingSource,
	HandshakeSegment,
	HandshakeStep
} from './handshake-diagram';
import type { SegmentNumbers } from '../tcp/arithmetic';
import { flagLetters, type TcpFlags } from '../tcp/simulate';
import { flagNames, optionsText } from '../tcp/print';

const SIDE = ['client', 'server'] as const;
const ARROW = ['client → server', 'server → client'] as const;

/** A duration in ns as people read it: "45.5 µs", "80.97 ms", "1.2 s". */
export function durationText(ns: bigint): string {
	const n = Number(ns);
	if (n < 1_000) return `${n} ns`;
	if (n < 1_000_000) return `${trim(n / 1_000)} µs`;
	if (n < 1_000_000_000) return `${trim(n / 1_000_000)} ms`;
	return `${trim(n / 1_000_000_000)} s`;
}

const trim = (value: number) => String(Number(value.toPrecision(4)));

/** Seconds since the first packet of the capture, 6 decimals: "+0.176366 s". */
export function relativeTime(time: bigint, origin: bigint): string {
	const us = Number((time - origin) / 1000n);
	return `+${(us / 1e6).toFixed(6)} s`;
}

/** Packet numbers as Wireshark shows them: 1-based. */
export const packetLabel = (index: number) => `packet ${groupDigits(index + 1)}`;

export const PROTOCOL_NAMES: Readonly<Record<StreamProtocol | 'udp', string>> = {
	websocket: 'WebSocket',
	http: 'HTTP',
	tls: 'TLS',
	other: 'other TCP',
	udp: 'UDP'
};

export const captureExplorerText = {
	privacy:
		'The file is read here, in your browser: it is never uploaded, and the address keeps only which connection and frame you chose.',
	pick: 'Choose a capture file',
	drop: 'or drop a .pcap or .pcapng file here',
	reading: 'Reading the capture…',
	noFile: 'No capture opened yet.',
	summary: (format: string, packets: number, tcp: number, udp: number, other: number) =>
		`${format}: ${plural(packets, 'packet')}, ${plural(tcp, 'TCP connection')}, ${plural(udp, 'UDP flow')}` +
		(other ? `, ${plural(other, 'other packet')} (neither TCP nor UDP)` : '') +
		'.',
	unreadable: 'This file cannot be read as a capture.',
	problemWhere: (offset: number, packet?: number) =>
		`at byte ${groupDigits(offset)}${packet === undefined ? '' : `, ${packetLabel(packet)}`}`,
	listCaption: (count: number) => `${plural(count, 'conversation')}; choose one to read it.`,
	rowBytes: (up: number, down: number) => `${groupDigits(up)} B → · ← ${groupDigits(down)} B`,
	rowPackets: (count: number) => plural(count, 'packet'),
	directionName: (direction: Direction) => ARROW[direction],
	sideName: (direction: Direction) => SIDE[direction],
	chooseConnection: 'Choose a connection above to read it.',
	pendingChoice: (label: string) =>
		`The address chose ${label}: open the capture it came from to read it.`,
	notFound: (label: string) => `This capture has no ${label}.`,
	problemsLabel: 'Problems reading the file',
	pasteLabel: 'Or paste a Follow TCP Stream dump',
	pasteHint:
		"Wireshark's Follow → TCP Stream window (Hex Dump, C Arrays or Raw) or tshark -q -z follow,tcp,hex,N or follow,tcp,raw,N output.",
	dumpSummary: (format: string, chunks: number, up: number, down: number) =>
		`Follow TCP Stream dump (${format}): ${plural(chunks, 'block')}, ${plural(up, 'byte')} client → server, ${plural(down, 'byte')} server → client.`,
	dumpProblem: (line: number, column: number, message: string) =>
		`Line ${groupDigits(line)}, column ${groupDigits(column)}: ${message}`,
	dumpNote: (line: number, message: string) => `Line ${groupDigits(line)}: ${message}`,
	dumpOnly:
		'A Follow TCP Stream dump holds the bytes only: no packets, times, TCP handshake or teardown. The blocks are shown in the order the dump lists them.',
	dumpBlock: (index: number, line: number) =>
		`block ${groupDigits(index + 1)}, line ${groupDigits(line)}`,
	dumpTitle: 'pasted dump'
};

/** The handshake timeline's words. */
export const handshakeTimelineText = {
	heading: 'TCP handshake',
	syn: 'SYN: the client asks to open the connection',
	synAck: 'SYN-ACK: the server agrees and sends its own SYN',
	ack: 'ACK: the client acknowledges; the connection is open',
	missing: (step: string) => `${step}: not in the capture`,
	rtt: (ns: bigint) =>
		`Measured round trip (SYN to the ACK that completes the handshake, Wireshark's tcp.analysis.initial_rtt): ${durationText(ns)}.`,
	noRtt: 'The handshake is not complete in the capture, so no round trip can be measured.',
	guessed:
		'The handshake is not in the capture: the connection was already open when capture started.',
	refused:
		'The server answered the SYN with a reset (RST, ACK), as a host does when nothing listens on the port: the connection was refused and there is no SYN-ACK or ACK (connect() fails with ECONNREFUSED).'
};

const STEP_NAMES: Readonly<Record<HandshakeStep, string>> = {
	syn: 'SYN',
	synAck: 'SYN-ACK',
	ack: 'ACK',
	rst: 'RST, ACK'
};

/** Flags as the TCP stepper's diagram writes them: '[S.] SYN, ACK' (tcpdump's letters, then names). */
export function flagsText(flags: TcpFlags): string {
	return `[${flagLetters(flags)}] ${flagNames(flags)}`;
}

/** The captured handshake drawn as the TCP stepper's sequence diagram (handshake-diagram.ts). */
export const handshakeDiagramText = {
	/**
	 * The assumption the slopes are drawn with: a capture records each packet once, at the capture
	 * point, not when it left one host and reached the other.
	 */
	caption: (from: CrossingSource, crossingNs: bigint) =>
		`A capture records each packet once, where it was taken, not when it left one host and when it reached the other. This drawing assumes the capture was taken at the client: each dot is a capture time, when a client packet left or a server packet arrived, and ${
			from === 'syn-synack'
				? `each crossing takes half the SYN → SYN-ACK time (${durationText(crossingNs)}), as if the server answered the moment the SYN arrived.`
				: from === 'rtt'
					? `each crossing takes half the measured round trip (${durationText(crossingNs)}).`
					: `no round trip was measured, so the slopes are not measured either: each crossing is drawn ${durationText(crossingNs)} long.`
		}`,
	/** The drawing's accessible name. */
	label: (connection: number, steps: readonly { step: HandshakeStep; packet: number }[]) =>
		`Sequence diagram of the TCP handshake of tcp ${connection} as captured: ${steps
			.map((s) => `${STEP_NAMES[s.step]} in ${packetLabel(s.packet)}`)
			.join(', ')}.`,
	/** The line under a segment's label: its packet and capture time. */
	note: (packet: number, time: bigint, origin: bigint) =>
		`${packetLabel(packet)} · ${relativeTime(time, origin)}`,
	/** The measured round trip of a refused connection: Wireshark measures it to the RST, ACK. */
	rttRefused: (ns: bigint) =>
		`Measured round trip (SYN to the server's RST, ACK, Wireshark's tcp.analysis.initial_rtt): ${durationText(ns)}.`,
	packetsHeading: 'The packets',
	/** One packet's header fields, raw, as the list under the diagram gives them. */
	facts: (
		segment: Pick<HandshakeSegment, 'from' | 'flags' | 'length' | 'window' | 'windowShift'>,
		numbers: SegmentNumbers
	) => {
		const parts = [
			`${segment.from === 'client' ? ARROW[0] : ARROW[1]}`,
			flagsText(segment.flags),
			`seq ${numbers.seq.value} (relative ${numbers.seq.relative})`
		];
		if (numbers.ack) parts.push(`ack ${numbers.ack.value} (relative ${numbers.ack.relative})`);
		const w = segment.window;
		parts.push(
			segment.windowShift
				? `win ${w} × 2^${segment.windowShift} = ${groupDigits(w * 2 ** segment.windowShift)} bytes`
				: `win ${w}`
		);
		if (segment.length > 0) parts.push(`len ${groupDigits(segment.length)}`);
		return parts.join(' · ');
	},
	options: (options: readonly CapturedOption[]) =>
		options.length === 0 ? 'no options' : `options: ${optionsText(options)}`
};

/** The Upgrade and the frames. */
export const upgradeText = {
	heading: 'HTTP Upgrade',
	request: 'Request (client → server)',
	response: 'Response (server → client)',
	checksPassed: (count: number) => `All ${plural(count, 'check')} of the handshake checker pass.`,
	checksFailed: (errors: number, warnings: number) =>
		`The handshake checker finds ${plural(errors, 'error')} and ${plural(warnings, 'warning')}.`,
	deflate: (deflate: NegotiatedDeflate) =>
		deflate === false
			? 'No extension was negotiated: frames are read as sent.'
			: `permessage-deflate was negotiated (RFC 7692): the client ${
					deflate.clientNoContextTakeover ? 'resets' : 'keeps'
				} its compression window between messages${
					deflate.clientNoContextTakeover ? ' (client_no_context_takeover)' : ' (context takeover)'
				}, the server ${deflate.serverNoContextTakeover ? 'resets' : 'keeps'} its own${
					deflate.serverNoContextTakeover ? ' (server_no_context_takeover)' : ' (context takeover)'
				}.`,
	framesHeading: 'WebSocket frames',
	framesCount: (frames: number, messages: number) =>
		`${plural(frames, 'frame')} in ${plural(messages, 'message')}, both directions in time order.`,
	gap: (direction: Direction, offset: number) =>
		`${ARROW[direction]}: the capture misses bytes after stream byte ${groupDigits(offset)}, so the frames after that point cannot be read.`,
	openInDecoder: 'Open in the Frame Decoder',
	openInDecoderContext:
		'With context takeover a compressed frame needs the messages before it: the link carries every frame of this direction up to this one.',
	tooLongForLink: 'Too long for a link.',
	page: (from: number, to: number, total: number) =>
		`Frames ${groupDigits(from)}–${groupDigits(to)} of ${groupDigits(total)}`,
	pagerLabel: 'Frame pages',
	previous: 'Previous',
	next: 'Next',
	showFields: 'Show fields',
	hideFields: 'Hide fields',
	checksHeading: 'Handshake checks',
	checksWithWarnings: (count: number, warnings: number) =>
		`The handshake checker finds no error in ${plural(count, 'check')}, and ${plural(warnings, 'warning')}.`
};

/** A UDP flow. */
export const udpText = {
	direction: (direction: Direction, datagrams: number, payload: number) =>
		`${ARROW[direction]}: ${plural(datagrams, 'datagram')}, ${plural(payload, 'payload byte')}`
};

/** The two byte streams of a connection that is not WebSocket. */
export const streamsText = {
	heading: 'Byte streams',
	stream: (direction: Direction, bytes: number) => `${ARROW[direction]}: ${plural(bytes, 'byte')}`,
	shown: (shown: number, total: number) =>
		`The first ${plural(shown, 'byte')} of ${groupDigits(total)} are shown.`,
	httpHead: (kind: 'request' | 'response') =>
		kind === 'request' ? 'HTTP/1.1 request head' : 'HTTP/1.1 response head',
	empty: 'No bytes.'
};

/** The HTTP/1.1 messages of a connection that is not WebSocket. */
export const httpMessagesText = {
	heading: 'HTTP messages',
	count: (requests: number, responses: number) =>
		`${plural(requests, 'request')} and ${plural(responses, 'response')} on this connection, split by RFC 9112 §6.3: each body ends by its Content-Length, its chunked coding, or the close of the connection.`,
	framing: (framing: BodyFraming, length: number, chunks: number | undefined) =>
		framing === 'none'
			? 'no body'
			: framing === 'chunked'
				? `body ${plural(length, 'byte')} in ${plural(chunks ?? 0, 'chunk')}`
				: framing === 'content-length'
					? `body ${plural(length, 'byte')} (Content-Length)`
					: `body ${plural(length, 'byte')}, until the connection closed`,
	answers: (request: number) => `answers request ${groupDigits(request + 1)}`,
	incomplete: 'The capture ends before this message does.',
	showHead: 'Head',
	showMore: (n: number) => `Show ${groupDigits(n)} more`,
	gap: (direction: Direction, offset: number) =>
		`${ARROW[direction]}: the capture misses bytes after stream byte ${groupDigits(offset)}, so the messages after that point cannot be placed.`,
	rest: (direction: Direction, bytes: number) =>
		`${ARROW[direction]}: ${plural(bytes, 'byte')} after the last HTTP message`
};

/** The teardown, from the FINs and RST. */
export function teardownText(teardown: Teardown): string[] {
	const lines: string[] = [];
	if (teardown.first === undefined) {
		return ['The capture ends with the connection still open: no FIN or RST was seen.'];
	}
	lines.push(`The ${SIDE[teardown.first]} closed first.`);
	for (const fin of teardown.fins) {
		lines.push(`FIN from the ${SIDE[fin.direction]} in ${packetLabel(fin.packet)}.`);
	}
	if (teardown.rst) {
		lines.push(
			`RST from the ${SIDE[teardown.rst.direction]} in ${packetLabel(teardown.rst.packet)}: the connection was reset, not closed in order.`
		);
	}
	return lines;
}

export const TEARDOWN_HEADING = 'Teardown';
