/**
 * The socket API, call by call: for each scenario, every call the server and the client make,
 * what it returns, whether it waits and for what, the TCP segments (or UDP datagrams) it causes,
 * the state of every socket and the listening socket's two kernel queues after it, and the same
 * line in C and in Node.js.
 *
 * Pure data: the steps are built once per scenario from a script (lifecycle-scenarios.ts), and
 * every sentence comes from lifecycle-text.ts. Sequence numbers are worked out here, not typed
 * in: SYN and FIN take one number each, data its length, a bare ACK none (RFC 9293 §3.4).
 *
 * The network: the server is 192.0.2.10 and the clients 198.51.100.7 (documentation addresses,
 * RFC 5737); behaviour is Linux's where Linux and RFC 9293 differ, and then the text says so.
 */
import { SCENARIO_TEXT } from './lifecycle-text';
import { buildScenario } from './lifecycle-scenarios';
import type { TcpState } from '../tcp/states';

/** The scenarios, in the order the stepper lists them. */
export type ScenarioId =
	| 'echo'
	| 'refused'
	| 'backlog-full'
	| 'half-close'
	| 'close-unread'
	| 'udp'
	| 'nonblocking-connect';

/** Every scenario id, in the stepper's order. */
export const SCENARIO_IDS: readonly ScenarioId[] = [
	'echo',
	'refused',
	'backlog-full',
	'half-close',
	'close-unread',
	'udp',
	'nonblocking-connect'
];

/** One scenario as a picker lists it. */
export interface Scenario {
	id: ScenarioId;
	title: string;
	/** One or two sentences: what the scenario shows. */
	summary: string;
	transport: 'tcp' | 'udp';
}

/** The scenarios with their titles and summaries, in the stepper's order. */
export const SCENARIOS: readonly Scenario[] = SCENARIO_IDS.map((id) => ({
	id,
	...SCENARIO_TEXT[id]
}));

/** Which machine a call or a segment belongs to. */
export type Side = 'server' | 'client';

/** TCP states as RFC 9293 §3.3.2 spells them; the list lives with the TCP state machine. */
export { TCP_STATES, type TcpState } from '../tcp/states';

/** The calls the scenarios make. */
export type CallName =
	| 'socket'
	| 'bind'
	| 'listen'
	| 'accept'
	| 'connect'
	| 'send'
	| 'recv'
	| 'sendto'
	| 'recvfrom'
	| 'shutdown'
	| 'close'
	| 'poll'
	| 'getsockopt';

/** The errno values a scenario's calls end with. */
export type Errno = 'ECONNREFUSED' | 'EINPROGRESS' | 'ECONNRESET';

/** One call as the column shows it: `accept(3, &peer, &len) = 4`. */
export interface SocketCall {
	name: CallName;
	/** The arguments as C would pass them, with real descriptor numbers: ['3', '&peer', '&len']. */
	args: string[];
	/** What it returned ('4', '0', '-1'), or null while it waits. */
	returns: string | null;
	/** The errno set when it returned -1. */
	errno: Errno | null;
	/** What it wrote back through its pointer arguments: 'buf = "hello"', 'err = 0'. */
	out: string | null;
}

/**
 * Where a step is in its call: `whole` (called and returned in this step), `waits` (called and
 * now blocked), `returns` (a call blocked in an earlier step returns).
 */
export type CallPhase = 'whole' | 'waits' | 'returns';

/** Whether a call can wait, and for what (one sentence). */
export interface Blocking {
	/** True when the call waited (or is waiting) in this step. */
	blocks: boolean;
	/** What it waits for, or why it did not need to. */
	until: string;
}

/** TCP control bits the scenarios use. */
export type SegmentFlag = 'SYN' | 'ACK' | 'PSH' | 'FIN' | 'RST';

/** One TCP segment or UDP datagram on the wire. */
export interface Segment {
	transport: 'tcp' | 'udp';
	from: Side;
	/** Source and destination ports. */
	sourcePort: number;
	destinationPort: number;
	/** TCP control bits, in the order shown; empty for UDP. */
	flags: SegmentFlag[];
	/** Sequence number (TCP), null for UDP. */
	seq: number | null;
	/** Acknowledgment number when ACK is set, else null. */
	ack: number | null;
	/** Payload bytes. */
	length: number;
	/** The payload as text (the scenarios send ASCII), or null when there is none. */
	data: string | null;
	/** `dropped`: the receiving kernel threw it away without answering. */
	fate: 'delivered' | 'dropped';
	/** True for a copy sent again after a timeout (same seq as the first). */
	retransmission: boolean;
	/** One sentence: why this segment is sent, or what the receiver does with it. */
	note: string;
}

/** One socket after a step. */
export interface SocketView {
	/** Stable across the steps of a scenario: 'server-listen', 'server-conn', 'client'. */
	id: string;
	side: Side;
	/** The process that holds it: 'server', 'client', 'client A'. */
	owner: string;
	/**
	 * Its descriptor in the owner's process, or null when it has none: a connection still in the
	 * listener's queues (no accept() yet), or one the kernel keeps after close() (TIME-WAIT).
	 */
	fd: number | null;
	transport: 'tcp' | 'udp';
	/** `unconnected`: a new TCP socket, before listen() or connect(). */
	role: 'unconnected' | 'listening' | 'connection' | 'datagram';
	/** Local and remote address, "192.0.2.10:7000", or null when not set yet. */
	local: string | null;
	remote: string | null;
	/** TCP state after the step; null for UDP, which has no connection state. */
	state: TcpState | null;
	/** TCP states it passed through during the step, before `state`, in order. */
	via: TcpState[];
}

/** A connection request or a completed connection waiting in a listener's queue. */
export interface QueueEntry {
	/** The peer, "198.51.100.7:50412". */
	peer: string;
	/** The SocketView id it will become (or is). */
	socket: string;
}

/** The listening socket's two queues (listen(2), facts C14–C15). */
export interface ListenQueues {
	/** The SocketView id of the listening socket. */
	listener: string;
	/** The backlog passed to listen(). */
	backlog: number;
	/** How many completed connections the accept queue holds: backlog + 1 on Linux. */
	acceptCapacity: number;
	/** Connection requests in SYN-RECEIVED: SYN received, SYN/ACK sent, final ACK awaited. */
	syn: QueueEntry[];
	/** Completed (ESTABLISHED) connections that no accept() has taken yet, oldest first. */
	accept: QueueEntry[];
}

/** One step of a scenario: one call on one side, and everything it causes. */
export interface LifecycleStep {
	/** 0-based position in the scenario. */
	index: number;
	side: Side;
	/** The process making the call: 'server', 'client', 'client A'. */
	actor: string;
	call: SocketCall;
	phase: CallPhase;
	blocking: Blocking;
	/** The segments (or datagrams) on the wire during this step, in order. */
	segments: Segment[];
	/** Every socket that exists after this step, server's first. */
	sockets: SocketView[];
	/** The listening socket's queues after this step, or null when nothing listens. */
	queues: ListenQueues | null;
	/** The same step as a line of C and as a line of Node.js (node:net or node:dgram). */
	code: { c: string; node: string };
	/** What happens and why, in one to three sentences. */
	explanation: string;
	/** Where the rule comes from: a man page, an RFC 9293 section, a Linux source file. */
	source: string;
}

const stepCache = new Map<ScenarioId, readonly LifecycleStep[]>();

/** True for a string that names a scenario. */
export function isScenarioId(value: string): value is ScenarioId {
	return (SCENARIO_IDS as readonly string[]).includes(value);
}

/**
 * The steps of a scenario, in order. The same array every time (treat it as read-only); an
 * unknown id gives the echo scenario's steps.
 */
export function lifecycleSteps(id: ScenarioId): readonly LifecycleStep[] {
	const known: ScenarioId = isScenarioId(id) ? id : 'echo';
	let steps = stepCache.get(known);
	if (!steps) {
		steps = buildScenario(known);
		stepCache.set(known, steps);
	}
	return steps;
}

/** The scenario with this id (the echo scenario for an unknown id). */
export function scenario(id: ScenarioId): Scenario {
	return SCENARIOS.find((s) => s.id === id) ?? SCENARIOS[0];
}

/** A call as the columns show it: `accept(3, &peer, &len) = 4`, `recv(4, buf, 1024, 0) …`. */
export function callText(call: SocketCall): string {
	const head = `${call.name}(${call.args.join(', ')})`;
	if (call.returns === null) return `${head} …`;
	return `${head} = ${call.returns}${call.errno ? ` ${call.errno}` : ''}`;
}

/** Control bits as tcpdump prints them: `[S.]` for SYN+ACK, `[P.]`, `[F.]`, `[R.]`, `[S]`. */
export function flagLetters(flags: readonly SegmentFlag[]): string {
	const letters = [
		flags.includes('SYN') ? 'S' : '',
		flags.includes('FIN') ? 'F' : '',
		flags.includes('RST') ? 'R' : '',
		flags.includes('PSH') ? 'P' : '',
		flags.includes('ACK') ? '.' : ''
	].join('');
	return `[${letters}]`;
}
