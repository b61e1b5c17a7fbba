/**
 * Every sentence of the TCP model, in English: scenario titles and summaries, why each segment
 * is sent and what it does, how each scenario ends, and the refusals of the state machine, the
 * simulator and the segment encoder. The code works the numbers out; these functions word them.
 *
 * Checked against RFC 9293 (§3.3.2 Figure 5 and notes, §3.4, §3.5, §3.6, §3.10), RFC 6298,
 * Linux's include/net/tcp.h, net/ipv4/tcp_minisocks.c and ip-sysctl.rst, connect(2), tcp(7), and
 * a Linux 6.18 capture; ../shared/reference/facts.md C14–C20 and K1–K22 hold the same facts.
 */
import { groupDigits } from '../bytes/text';
import type { TcpAction, TcpEvent, TcpState } from './state-machine';
import type { ScenarioId, Side } from './simulate';
import type { SegmentDraft } from './wire';

/** Each scenario's title and summary. */
export const SCENARIO_TEXT: Record<ScenarioId, { title: string; summary: string }> = {
	open: {
		title: 'Three-way handshake',
		summary:
			'SYN, SYN-ACK, ACK: each side picks an initial sequence number and the other acknowledges it.'
	},
	'lost-syn': {
		title: 'Lost SYN',
		summary: 'The first SYN never arrives; the client sends it again when its 1 s timer expires.'
	},
	'lost-syn-ack': {
		title: 'Lost SYN-ACK',
		summary:
			'The server’s SYN-ACK is lost; the client’s repeated SYN makes the server send it again.'
	},
	'lost-ack': {
		title: 'Lost final ACK',
		summary:
			'The client is connected, but its ACK never reaches the server, which stays in SYN-RECEIVED and resends its SYN-ACK after 1 s.'
	},
	'simultaneous-open': {
		title: 'Simultaneous open',
		summary:
			'Both sides send a SYN at the same moment; the SYNs cross and each side answers with SYN-ACK (RFC 9293 Figure 7).'
	},
	'closed-port': {
		title: 'Closed port (RST)',
		summary:
			'Nothing listens on the port: the server’s kernel answers the SYN with a RST and connect() fails with ECONNREFUSED.'
	},
	'syn-timeout': {
		title: 'No answer (ETIMEDOUT)',
		summary:
			'Every SYN is dropped on the way; the client retries with growing timeouts until connect() fails with ETIMEDOUT.'
	},
	data: {
		title: 'Data and ACKs',
		summary:
			'After the handshake the client sends an HTTP request and the server a response; each ACK names the next byte expected.'
	},
	'close-client-first': {
		title: 'Client closes first',
		summary: 'FIN, ACK, FIN, ACK: the client closes first, so the client waits in TIME-WAIT.'
	},
	'close-server-first': {
		title: 'Server closes first',
		summary: 'The server closes first, so the server is the one left in TIME-WAIT.'
	},
	'simultaneous-close': {
		title: 'Simultaneous close',
		summary:
			'Both FINs cross: each side goes through CLOSING and both wait in TIME-WAIT (RFC 9293 Figure 13).'
	},
	'half-close': {
		title: 'Half-close',
		summary:
			'The client sends its request and shuts down its sending side; the server still sends its reply before it closes.'
	},
	abort: {
		title: 'Abort (RST)',
		summary:
			'The client aborts the connection: a RST instead of a FIN, no TIME-WAIT on Linux, and ECONNRESET for the server.'
	}
};

const whoCaps = (side: Side) => (side === 'client' ? 'The client' : 'The server');
const peer = (side: Side) => (side === 'client' ? 'the server' : 'the client');
const seconds = (ms: number) => `${ms / 1000} s`;
const n = (value: number) => String(value);
const plus = (base: number, add: number) => `${n(base)} + ${add}`;

/** A segment's sentence and where its behaviour is specified. */
export interface SegmentText {
	explain: (segment: SegmentDraft) => string;
	source: string;
}

/** Why each segment is sent and what it does on arrival. */
export const SEGMENT_TEXT = {
	syn: {
		explain: (s) =>
			`connect() makes the client send a SYN with its initial sequence number, ${n(s.seq)}, and its options: MSS 1460, SACK permitted, a timestamp and window scale 10. The client is now in SYN-SENT. The SYN takes one sequence number, so the client’s first data byte will be ${plus(s.seq, 1)}.`,
		source: 'RFC 9293 §3.5, §3.4; tcp(7)'
	},
	synAck: {
		explain: (s) =>
			`The listening server answers with SYN and ACK: its own initial sequence number ${n(s.seq)}, and ACK ${n(s.ack)}, the next byte it expects (the client’s ISN + 1, because the SYN took one number). Linux keeps this half-open connection as a request in the listener’s SYN queue (SYN-RECEIVED).`,
		source: 'RFC 9293 §3.5 Figure 6; listen(2)'
	},
	handshakeAck: {
		explain: (s) =>
			`The client acknowledges the server’s SYN: ACK ${n(s.ack)}. The client became ESTABLISHED when the SYN-ACK arrived, and connect() returns 0. The server’s connection becomes ESTABLISHED when this ACK arrives, and accept() can return it. A bare ACK takes no sequence number: the client’s next byte is still ${n(s.seq)}.`,
		source: 'RFC 9293 §3.5, §3.4'
	},
	synLost: {
		explain: () =>
			'The SYN is lost on the way. The client cannot know; it started a retransmission timer of 1 s when it sent it, the initial RTO of RFC 6298.',
		source: 'RFC 6298 §2.1; include/net/tcp.h (TCP_TIMEOUT_INIT)'
	},
	synRetransmitted: {
		explain: (s) =>
			`Nothing came back within ${seconds(s.retransmissionTimeout ?? 0)}, so the client sends the same SYN again: same sequence number ${n(s.seq)}, a new timestamp. The next timeout doubles (RFC 6298 §5.5); since Linux 6.5 the first retries wait a constant 1 s before the doubling starts.`,
		source: 'RFC 6298 §5.5; ip-sysctl.rst (tcp_syn_retries, tcp_syn_linear_timeouts)'
	},
	synAckLost: {
		explain: () =>
			'The SYN-ACK is lost. The server keeps the request in SYN-RECEIVED and starts its own 1 s timer; the client, still in SYN-SENT, is waiting on its SYN timer.',
		source: 'RFC 9293 §3.5; ip-sysctl.rst (tcp_synack_retries)'
	},
	synRetransmittedToSynReceived: {
		explain: (s) =>
			`The client’s timer expires first (it started before the server’s): it sends the SYN again, sequence ${n(s.seq)}. The server already has a request with this sequence number, so this SYN changes no state.`,
		source: 'RFC 6298 §5.5; net/ipv4/tcp_minisocks.c (tcp_check_req)'
	},
	synAckForRepeatedSyn: {
		explain: (s) =>
			`A repeated SYN reaches the server in SYN-RECEIVED: Linux answers it by sending its SYN-ACK again, unchanged (seq ${n(s.seq)}, ack ${n(s.ack)}), and restarts its own SYN-ACK timer, which was about to expire. This copy arrives: the client is ESTABLISHED and connect() returns 0.`,
		source: 'net/ipv4/tcp_minisocks.c (tcp_check_req); RFC 9293 §3.5'
	},
	ackLost: {
		explain: (s) =>
			`The client’s ACK ${n(s.ack)} is lost. The client does not know and does not need to: it became ESTABLISHED when the SYN-ACK arrived and connect() has returned 0. The server stays in SYN-RECEIVED, so accept() has nothing to return yet.`,
		source: 'RFC 9293 §3.5'
	},
	synAckRetransmitted: {
		explain: (s) =>
			`The server’s SYN-ACK timer expires ${seconds(s.retransmissionTimeout ?? 0)} after it sent the SYN-ACK, so it sends the same SYN-ACK again: seq ${n(s.seq)}, ack ${n(s.ack)}. Linux would retry at 1, 3, 7, 15 and 31 s and drop the request at 63 s (tcp_synack_retries = 5).`,
		source: 'ip-sysctl.rst (tcp_synack_retries); RFC 6298 §2.1'
	},
	ackForDuplicateSynAck: {
		explain: (s) =>
			`To the ESTABLISHED client this SYN-ACK is an old duplicate: it answers with an ACK carrying its current numbers, seq ${n(s.seq)} and ack ${n(s.ack)} (Linux sends it as a challenge ACK, RFC 5961 §4.2). This ACK arrives and the server’s connection becomes ESTABLISHED. Had the client sent data first, the ACK flag on that data segment would have completed the server’s handshake the same way.`,
		source: 'RFC 9293 §3.10.7.4; RFC 5961 §4.2; net/ipv4/tcp_input.c (tcp_validate_incoming)'
	},
	simultaneousSyn: {
		explain: (s) =>
			`${whoCaps(s.from)} calls connect() to the other side’s port at the same moment as ${peer(s.from)} (both sockets were bound to the ports the other connects to). Its SYN carries its initial sequence number ${n(s.seq)}; the two SYNs cross on the way.`,
		source: 'RFC 9293 §3.5 Figure 7 (MUST-10)'
	},
	simultaneousSynAck: {
		explain: (s) =>
			`${whoCaps(s.from)} received a SYN while in SYN-SENT, so it moved to SYN-RECEIVED and answers with SYN and ACK: its own sequence number again, ${n(s.seq)}, and ACK ${n(s.ack)}, the peer’s ISN + 1. When this arrives, the ACK acknowledges ${peer(s.from)}’s SYN and ${peer(s.from)} is ESTABLISHED.`,
		source: 'RFC 9293 §3.5 Figure 7'
	},
	synToClosedPort: {
		explain: (s) =>
			`connect() sends a SYN, sequence ${n(s.seq)}, to port 80, where no socket listens. The client is in SYN-SENT.`,
		source: 'RFC 9293 §3.5'
	},
	resetFromClosedPort: {
		explain: (s) =>
			`No socket matches, so the server’s kernel answers for the port (state CLOSED): RST with ACK, seq 0 and ACK ${n(s.ack)}, the SYN’s sequence number plus its length, because the SYN carried no ACK. Linux sends it with window 0, no options and IP ID 0. The RST acknowledges the client’s SYN, so the client accepts it: the connection is closed and connect() fails with ECONNREFUSED.`,
		source: 'RFC 9293 §3.5.2, §3.10.7.1, §3.10.7.3; connect(2)'
	},
	synDropped: {
		explain: (s) =>
			`The SYN, sequence ${n(s.seq)}, is dropped on the way, here by a firewall that discards it without answering. No RST and no ICMP error come back, so the client can only wait for its 1 s timer.`,
		source: 'RFC 6298 §2.1; connect(2)'
	},
	synRetry: (index: number, total: number): SegmentText => ({
		explain: (s) =>
			`SYN ${index} of ${total}: after ${seconds(s.retransmissionTimeout ?? 0)} with no answer the client sends the same SYN again (sequence ${n(s.seq)}), and it is dropped like the others.`,
		source: 'ip-sysctl.rst (tcp_syn_retries, tcp_syn_linear_timeouts); RFC 6298 §5.5'
	}),
	request: {
		explain: (s) =>
			`The client sends ${s.length} bytes, sequence ${n(s.seq)} (its first data byte: the ISN + 1, since the SYN took the ISN). The next sequence number after them is ${plus(s.seq, s.length)} = ${n((s.seq + s.length) % 2 ** 32)}. PSH asks the receiver to pass the data to the application now.`,
		source: 'RFC 9293 §3.4, §3.9.1'
	},
	ackOfData: {
		explain: (s) =>
			`${whoCaps(s.from)} acknowledges the data: ACK ${n(s.ack)}, the next byte it expects. This ACK carries no data and takes no sequence number, so its own sequence number stays ${n(s.seq)}.`,
		source: 'RFC 9293 §3.4'
	},
	response: {
		explain: (s) =>
			`The server answers with ${s.length} bytes of its own, sequence ${n(s.seq)}: its ISN + 1. Each direction numbers its bytes independently; the ACK field still says ${n(s.ack)}.`,
		source: 'RFC 9293 §3.4'
	},
	fin: {
		explain: (s) =>
			`${whoCaps(s.from)} calls close(): it sends FIN (with ACK, like every segment after the SYN) at sequence ${n(s.seq)} and goes to FIN-WAIT-1. The FIN takes one sequence number.`,
		source: 'RFC 9293 §3.6 Figure 12'
	},
	ackOfFin: {
		explain: (s) =>
			`${whoCaps(s.from)} acknowledges the FIN: ACK ${n(s.ack)}, the FIN’s sequence number + 1. It is now in CLOSE-WAIT: its next recv() returns 0 (end of file), but it may still send. ${whoCaps(s.from === 'client' ? 'server' : 'client')} moves to FIN-WAIT-2 on this ACK. Linux may hold such an ACK back briefly (delayed ACK); if the application closes within that time, the ACK travels on its FIN and the close takes three segments.`,
		source: 'RFC 9293 §3.6 Figure 12'
	},
	secondFin: {
		explain: (s) =>
			`${whoCaps(s.from)}’s application has read the end of file and calls close(): FIN at sequence ${n(s.seq)}, and it waits in LAST-ACK for the acknowledgment.`,
		source: 'RFC 9293 §3.6 Figure 12'
	},
	lastAck: {
		explain: (s) =>
			`${whoCaps(s.from)} acknowledges the last FIN: ACK ${n(s.ack)}. It closed first, so it now waits in TIME-WAIT, 60 s on Linux where RFC 9293 asks for 2 × MSL = 4 minutes, in case this ACK is lost and the FIN comes again. ${whoCaps(s.from === 'client' ? 'server' : 'client')} is CLOSED when the ACK arrives.`,
		source: 'RFC 9293 §3.6, §3.4.2 (MUST-13); include/net/tcp.h (TCP_TIMEWAIT_LEN)'
	},
	simultaneousFin: {
		explain: (s) =>
			`${whoCaps(s.from)} calls close() at the same moment as ${peer(s.from)}: FIN at sequence ${n(s.seq)}, state FIN-WAIT-1. The two FINs cross.`,
		source: 'RFC 9293 §3.6 Figure 13'
	},
	closingAck: {
		explain: (s) =>
			`${whoCaps(s.from)} received ${peer(s.from)}’s FIN while still in FIN-WAIT-1 (its own FIN is not acknowledged yet), so it acknowledges it, ACK ${n(s.ack)}, and moves to CLOSING. When the other side’s ACK arrives, it goes to TIME-WAIT; both sides wait there.`,
		source: 'RFC 9293 §3.6 Figure 13'
	},
	halfCloseRequest: {
		explain: (s) =>
			`The client sends its ${s.length}-byte request, sequence ${n(s.seq)}; it has nothing more to send after it.`,
		source: 'RFC 9293 §3.4'
	},
	halfCloseFin: {
		explain: (s) =>
			`The client calls shutdown(SHUT_WR): a FIN at sequence ${n(s.seq)} says it will send nothing more, but it can still receive (a half-close). It is in FIN-WAIT-1. In Node, socket.end() does the same.`,
		source: 'RFC 9293 §3.6 (CLOSE), §3.6.1 (MAY-1); shutdown(2)'
	},
	replyAfterFin: {
		explain: (s) =>
			`In CLOSE-WAIT the server may still send: its ${s.length}-byte reply goes out at sequence ${n(s.seq)}, to a client in FIN-WAIT-2, which still receives.`,
		source: 'RFC 9293 §3.6 ("may continue to RECEIVE")'
	},
	ackInFinWait2: {
		explain: (s) =>
			`The half-closed client acknowledges the reply, ACK ${n(s.ack)}. Its own sequence number stays ${n(s.seq)}, one past its FIN: it sends no more data.`,
		source: 'RFC 9293 §3.6, §3.4'
	},
	abortReset: {
		explain: (s) =>
			`The client aborts: close() with SO_LINGER set to on and 0 s sends a RST instead of a FIN, with sequence ${n(s.seq)}, its next sequence number, and ACK ${n(s.ack)}. Linux moves straight to CLOSED (RFC 9293 Note 3 would have the sender wait in TIME-WAIT). Nobody answers a RST: the server’s connection is reset on arrival, and its recv() fails with ECONNRESET.`,
		source: 'RFC 9293 §3.5.2, §3.10.7.4, §3.3.2 Note 3; net/ipv4/tcp.c (tcp_close)'
	}
} satisfies Record<string, SegmentText | ((...args: number[]) => SegmentText)>;

/** Numbers the outcome sentences quote. */
export interface OutcomeFacts {
	connectAt: number;
	acceptAt: number | null;
	failsAt: number;
	synsSent: number;
	profile: string;
}

const ms = (value: number) => `${value} ms`;

/** How each scenario ends, in one to three sentences. */
export const OUTCOME_TEXT: Record<
	ScenarioId,
	{ summary: (f: OutcomeFacts) => string; source: string }
> = {
	open: {
		summary: (f) =>
			`connect() returned 0 at ${ms(f.connectAt)}, one round trip after the SYN; the server’s accept() could return the connection at ${ms(f.acceptAt ?? 0)}, when the final ACK arrived.`,
		source: 'RFC 9293 §3.5; connect(2); accept(2)'
	},
	'lost-syn': {
		summary: (f) =>
			`connect() returned 0 at ${ms(f.connectAt)}: the lost SYN cost a full second. RFC 6298 §5.7 then asks for a 3 s retransmission timeout when data starts; Linux applies it only when the handshake gave it no round-trip measurement (TCP_TIMEOUT_FALLBACK).`,
		source: 'RFC 6298 §2.1, §5.7; net/ipv4/tcp_metrics.c (tcp_init_metrics)'
	},
	'lost-syn-ack': {
		summary: (f) =>
			`connect() returned 0 at ${ms(f.connectAt)} and accept() could return at ${ms(f.acceptAt ?? 0)}: the lost SYN-ACK cost about a second.`,
		source: 'net/ipv4/tcp_minisocks.c (tcp_check_req); RFC 9293 §3.5'
	},
	'lost-ack': {
		summary: (f) =>
			`connect() returned 0 at ${ms(f.connectAt)}, but the server’s connection only became ESTABLISHED at ${ms(f.acceptAt ?? 0)}: for a second the client thought it was connected while the server still waited in SYN-RECEIVED.`,
		source: 'RFC 9293 §3.5, §3.10.7.4; ip-sysctl.rst (tcp_synack_retries)'
	},
	'simultaneous-open': {
		summary: (f) =>
			`Both connect() calls returned 0 at ${ms(f.connectAt)}: one connection, opened from both ends, with no listening socket. Each side went SYN-SENT → SYN-RECEIVED → ESTABLISHED.`,
		source: 'RFC 9293 §3.5 Figure 7'
	},
	'closed-port': {
		summary: (f) =>
			`connect() failed with ECONNREFUSED at ${ms(f.connectAt)}, one round trip after the SYN: a RST answered it. Nothing was retried.`,
		source: 'RFC 9293 §3.10.7.1, §3.10.7.3; connect(2)'
	},
	'syn-timeout': {
		summary: (f) =>
			`The client sent ${f.synsSent} SYNs and connect() failed with ETIMEDOUT at ${f.failsAt / 1000} s (profile ${f.profile}: ${f.profile === 'linux-6.5+' ? '11 SYNs and 131 s since Linux 6.5' : '7 SYNs and 127 s before Linux 6.5'}). The socket is CLOSED.`,
		source: 'ip-sysctl.rst (tcp_syn_retries, tcp_syn_linear_timeouts); connect(2); tcp(7)'
	},
	data: {
		summary: () =>
			'Both sides are still ESTABLISHED: each direction’s bytes were numbered from its own ISN + 1, and every ACK named the next byte expected.',
		source: 'RFC 9293 §3.4'
	},
	'close-client-first': {
		summary: () =>
			'The server is CLOSED; the client, which closed first, waits in TIME-WAIT: 60 s on Linux, 4 minutes (2 × MSL) in RFC 9293.',
		source: 'RFC 9293 §3.6 Figure 12, §3.4.2; include/net/tcp.h (TCP_TIMEWAIT_LEN)'
	},
	'close-server-first': {
		summary: () =>
			'The client is CLOSED; the server, which closed first, waits in TIME-WAIT (60 s on Linux, 4 minutes in RFC 9293): the side that closes first is the one that keeps the record of the connection.',
		source: 'RFC 9293 §3.6 Figure 12, §3.4.2; include/net/tcp.h (TCP_TIMEWAIT_LEN)'
	},
	'simultaneous-close': {
		summary: () =>
			'Both sides went FIN-WAIT-1 → CLOSING → TIME-WAIT, and both wait: 60 s on Linux, 4 minutes in RFC 9293.',
		source: 'RFC 9293 §3.6 Figure 13; include/net/tcp.h (TCP_TIMEWAIT_LEN)'
	},
	'half-close': {
		summary: () =>
			'The client read the whole reply after its own FIN, then waits in TIME-WAIT (60 s on Linux, 4 minutes in RFC 9293); the server is CLOSED.',
		source: 'RFC 9293 §3.6, §3.6.1; shutdown(2)'
	},
	abort: {
		summary: () =>
			'Both sides are CLOSED at once and nobody waits in TIME-WAIT on Linux; the server’s recv() failed with ECONNRESET. Anything still unsent or unread was thrown away.',
		source: 'RFC 9293 §3.5.2, §3.3.2 Note 3; net/ipv4/tcp.c (tcp_close)'
	}
};

/** A transition as a label: 'SYN-SENT → ESTABLISHED on rcv SYN,ACK / snd ACK'. */
export function transitionLabel(
	from: TcpState,
	event: TcpEvent,
	action: TcpAction,
	to: TcpState
): string {
	return `${from} → ${to} on ${event}${action === 'none' ? '' : ` / ${action}`}`;
}

/**
 * Where a segment's SEQ and ACK come from (arithmetic.ts); segments are numbered from 1. Each
 * sentence words its arithmetic in the numbers it is given, so it matches the value shown:
 * absolute, the 32-bit numbers on the wire ("101 = 100 + 1 for the SYN", "modulo 2^32" when the
 * sum wraps), or relative, counted from each side's initial sequence number as Wireshark shows
 * them ("1 = 0 + 1 for the SYN").
 */
export const NUMBER_TEXT = {
	/** A SYN's own number; `relative`: the value is 0, the point the relative numbers start from. */
	isn: (value: number, relative = false) =>
		`${value}: the initial sequence number, which the SYN takes${relative ? '; relative numbers count from it' : ''}`,
	copy: (value: number, segment: number) => `${value}: the same as segment ${segment}, sent again`,
	resetZero: '0: a reset from a port with no connection carries sequence number 0',
	/**
	 * The same reset in relative numbers: that side sent no SYN to count from, so Wireshark counts
	 * from one before the reset's 0 and shows it as 1 (tshark's tcp.seq).
	 */
	resetRelative: (value: number) =>
		`${value}: a reset from a port with no connection carries sequence number 0; with no SYN from that side to count from, Wireshark shows it as ${value}`,
	/**
	 * `value` = `start` + the sequence space of segment `segment` (SYN, data bytes, FIN), both in
	 * the same numbering; "modulo 2^32" when the sum passes the largest 32-bit number.
	 */
	sum: (
		value: number,
		start: number,
		p: { syn: boolean; bytes: number; fin: boolean; total: number },
		segment: number
	) => {
		const words = [
			p.syn ? '1 for the SYN' : '',
			p.bytes > 0 ? `${p.bytes} byte${p.bytes === 1 ? '' : 's'}` : '',
			p.fin ? '1 for the FIN' : ''
		].filter(Boolean);
		const wrap = start + p.total >= 2 ** 32 ? ', modulo 2^32' : '';
		return `${value} = ${start} + ${words.join(' + ')} of segment ${segment}${wrap}`;
	}
};

/** What a segment's fields mean where a view shows them beside the value. */
export const FIELD_TEXT = {
	/** RFC 7323 §2.2: once both SYNs offered scaling, the window field counts in units of 2^shift. */
	windowScaled: (window: number, shift: number) =>
		`${window} × 2^${shift} = ${groupDigits(window * 2 ** shift)} bytes`,
	windowUnscaled: (window: number) =>
		`${window} bytes (not scaled: a SYN’s window never is, RFC 7323 §2.2)`,
	noAck: 'not set: without the ACK flag the field carries no meaning (Linux sends 0)'
};

/** The two numberings a view can show, as Wireshark's "relative sequence numbers" setting. */
export const NUMBERING_TEXT = {
	relative: 'Relative: counted from each side’s initial sequence number, as Wireshark shows them.',
	absolute: 'Absolute: the 32-bit numbers on the wire.'
};

/**
 * How long TIME-WAIT lasts (lengths given written out, "60 s", "4 min"): Linux's fixed
 * TCP_TIMEWAIT_LEN (include/net/tcp.h) and RFC 9293's 2 × MSL (§3.4.2).
 */
export const TIME_WAIT_TEXT = {
	lasts: (linux: string, rfc: string) => `TIME-WAIT ${linux} on Linux (RFC 9293: 2 × MSL = ${rfc})`,
	nobody: 'Nobody stays in TIME-WAIT.'
};

/** A segment sent again with no timer behind it: Linux answers a repeated SYN (tcp_check_req). */
export const RESENT_WITHOUT_TIMER = (at: string) =>
	`no timer: resent at ${at} for the repeated SYN`;

/** What encodeSegment made of a segment, in a phrase. */
export const ENCODED_TEXT = (bytes: number) => `${bytes} bytes of IPv4 + TCP, checksums included`;

/** Any value as text for an error message, even one that cannot be converted (never throws). */
function show(value: unknown): string {
	try {
		return typeof value === 'string' ? `“${value}”` : String(value);
	} catch {
		return `a value of type ${typeof value}`;
	}
}

/** Why applyEvent refused. */
export const NOT_ALLOWED = {
	unknownState: (value: unknown) =>
		`${show(value)} is not a TCP state; RFC 9293 §3.3.2 spells them LISTEN, SYN-SENT, SYN-RECEIVED, ESTABLISHED, FIN-WAIT-1, FIN-WAIT-2, CLOSE-WAIT, CLOSING, LAST-ACK, TIME-WAIT and CLOSED.`,
	unknownEvent: (value: unknown) => `${show(value)} is not an event of RFC 9293 Figure 5.`,
	noArrow: (state: TcpState, event: TcpEvent) => {
		if (state === 'LISTEN' && event === 'rcv RST') {
			return 'In LISTEN an incoming RST is ignored (RFC 9293 §3.10.7.2): the state stays LISTEN.';
		}
		if (state === 'CLOSED' && event.startsWith('rcv')) {
			return 'In CLOSED there is no connection: an incoming segment is answered with a RST, and an incoming RST is discarded (RFC 9293 §3.10.7.1). The state stays CLOSED.';
		}
		return `RFC 9293 Figure 5 has no ${state} transition on “${event}”.`;
	},
	needsOpenedBy:
		'A RST in SYN-RECEIVED returns to LISTEN only if a passive OPEN led there, and closes otherwise (RFC 9293 Figure 5, Note 1): say which.'
};

/** Why simulateConnection refused an option. */
export const OPTION_ERRORS = {
	scenario: (value: unknown, ids: readonly string[]) =>
		`Unknown scenario ${show(value)}; the scenarios are ${ids.join(', ')}.`,
	isn: (option: string, value: unknown) =>
		`${option} must be a whole number from 0 to 4294967295 (a 32-bit sequence number); got ${show(value)}.`,
	seed: (value: unknown) => `seed must be a finite number; got ${show(value)}.`,
	profile: (value: unknown, profiles: readonly string[]) =>
		`Unknown profile ${show(value)}; the profiles are ${profiles.join(' and ')}.`,
	delay: (value: unknown, max: number) =>
		`delay must be a whole number of milliseconds from 1 to ${max} (one way); got ${show(value)}.`
};

/** Why encodeSegment refused. */
export const ENCODE_ERRORS = {
	segment:
		'The segment must be an object with from, flags, seq, ack, window, options, length and payload.',
	ttl: (value: unknown) => `ttl must be a whole number from 0 to 255; got ${show(value)}.`,
	address: (option: string, value: unknown) =>
		`${option} must be an IPv4 address in dotted-quad form, like 192.0.2.10; got ${show(value)}.`,
	port: (option: string, value: unknown) =>
		`${option} must be a whole number from 0 to 65535; got ${show(value)}.`,
	field: (field: string, value: unknown, max: number) =>
		`The segment’s ${field} must be a whole number from 0 to ${max}; got ${show(value)}.`,
	payloadLength: (given: number, length: number) =>
		`The payload has ${given} bytes but the segment’s length is ${length}.`,
	optionValue: (kind: string, value: unknown) =>
		`The ${kind} option has a value that does not fit its field: ${show(value)}.`,
	optionsTooLong: (bytes: number) =>
		`The options take ${bytes} bytes; a TCP header holds at most 40 (Data Offset 15, RFC 9293 §3.1).`,
	tooLong: (bytes: number) =>
		`The packet would be ${bytes} bytes; an IPv4 total length holds at most 65535.`
};
