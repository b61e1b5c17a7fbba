/**
 * The thirteen scenarios as scripts over the Wire (wire.ts): who sends what, when, and what it is
 * to the receiver in Figure 5's words. Numbers, states and options follow from the wire.
 *
 * Timing: one fixed one-way delay; kernels answer at once; an application acts APP_DELAY ms
 * after what wakes it (connect() returning, data or end-of-file arriving), and not before the
 * segments already in flight have arrived, so that each step of a stepper finishes before the
 * next starts. Only simultaneous open and close cross segments, on purpose. Timers are Linux's
 * (timers.ts).
 */
import type {
	ConnectionOutcome,
	ScenarioContext,
	ScenarioId,
	Side,
	SimulatedSegment
} from './simulate';
import { OUTCOME_TEXT, SEGMENT_TEXT as T, type SegmentText } from './tcp-text';
import { INITIAL_RTO_MS, synSchedule } from './timers';
import { other, sequenceLength, Wire, type SendSpec } from './wire';
import type { TcpState } from './state-machine';

/** How long an application takes to act on what woke it, ms (a Node capture showed 2–5 ms). */
export const APP_DELAY = 5;

/** The data scenario's request and response: HTTP, so the packet decoder can open them. */
export const HTTP_REQUEST = 'GET / HTTP/1.1\r\nHost: 192.0.2.10\r\n\r\n';
export const HTTP_RESPONSE = 'HTTP/1.1 200 OK\r\nContent-Length: 5\r\n\r\nhello';
/** The half-close and abort scenarios' messages, as in the socket API stepper. */
export const PING = 'ping';
export const PONG = 'pong';

const MOD = 2 ** 32;

/** Where a delivered segment arrives (every caller passes one that is not lost). */
function arrival(segment: SimulatedSegment): number {
	return segment.arrives ?? segment.time;
}

const says = (text: SegmentText) => ({ explain: text.explain, source: text.source });

/** When an application woken at `wake` acts (see the timing note above). */
const appTime = (w: Wire, wake: number) => w.quietAfter(wake + APP_DELAY);

/**
 * What each kind of segment is to the two state machines, in Figure 5's words: the call that
 * sends it and what it is on arrival. A script adds when it is sent and why.
 */
type Kind = Pick<SendSpec, 'flags' | 'call' | 'onArrival'>;
const SYN: Kind = { flags: ['SYN'], call: 'active OPEN', onArrival: 'rcv SYN' };
const SYN_ACK: Kind = { flags: ['SYN', 'ACK'], onArrival: 'rcv SYN,ACK' };
const ACK_OF_SYN: Kind = { flags: ['ACK'], onArrival: 'rcv ACK of SYN' };
const FIN: Kind = { flags: ['FIN', 'ACK'], call: 'CLOSE', onArrival: 'rcv FIN' };
const ACK_OF_FIN: Kind = { flags: ['ACK'], onArrival: 'rcv ACK of FIN' };

interface Built {
	segments: SimulatedSegment[];
	outcome: ConnectionOutcome;
}

/**
 * The client acknowledges the SYN-ACK that reached it: connect() returns as the SYN-ACK
 * arrives, accept() as this ACK does.
 */
function ackTheSynAck(w: Wire, synAck: SimulatedSegment, text: SegmentText = T.handshakeAck) {
	const ack = w.send('client', arrival(synAck), { ...ACK_OF_SYN, ...says(text) });
	w.call('client', 'connect', 0, arrival(synAck));
	w.call('server', 'accept', 4, arrival(ack));
	return ack;
}

/** SYN, SYN-ACK, ACK from `start`; records connect() and accept(). */
function handshake(w: Wire, start = 0) {
	const syn = w.send('client', start, { ...SYN, ...says(T.syn) });
	const synAck = w.send('server', arrival(syn), { ...SYN_ACK, ...says(T.synAck) });
	const ack = ackTheSynAck(w, synAck);
	return { syn, synAck, ack, connected: arrival(synAck), accepted: arrival(ack) };
}

/** `from` sends `payload` at `time`; the peer's kernel acknowledges it and its recv() returns it. */
function dataAndAck(
	w: Wire,
	from: Side,
	time: number,
	payload: string,
	text: SegmentText,
	ackText: SegmentText = T.ackOfData
) {
	const data = w.send(from, time, { flags: ['PSH', 'ACK'], payload, ...says(text) });
	const ack = w.send(other(from), arrival(data), { flags: ['ACK'], ...says(ackText) });
	w.call(other(from), 'recv', payload.length, arrival(data));
	return { data, ack };
}

/**
 * `from` calls close() (or shutdown()) at `time`: its FIN, which the peer's kernel acknowledges;
 * the peer's recv() returns 0.
 */
function firstFin(
	w: Wire,
	from: Side,
	time: number,
	text: SegmentText,
	call: 'close' | 'shutdown' = 'close'
) {
	const fin = w.send(from, time, { ...FIN, ...says(text) });
	w.call(from, call, 0, time);
	w.send(other(from), arrival(fin), { ...ACK_OF_FIN, ...says(T.ackOfFin) });
	w.call(other(from), 'recv', 0, arrival(fin));
	return fin;
}

/** `from` closes last at `time`: its FIN, and the ACK that leaves its peer in TIME-WAIT. */
function lastFin(w: Wire, from: Side, time: number) {
	const fin = w.send(from, time, { ...FIN, ...says(T.secondFin) });
	w.call(from, 'close', 0, time);
	w.send(other(from), arrival(fin), { ...ACK_OF_FIN, ...says(T.lastAck) });
	return fin;
}

function finish(
	w: Wire,
	id: ScenarioId,
	extra: { finalStates?: Partial<Record<Side, TcpState>>; failsAt?: number } = {}
): Built {
	w.finish();
	const calls = [...w.calls].sort((a, b) => a.at - b.at);
	const connect = calls.find((c) => c.side === 'client' && c.call === 'connect') ?? {
		side: 'client' as const,
		call: 'connect' as const,
		returns: -1,
		errno: null,
		at: 0
	};
	const accept = calls.find((c) => c.call === 'accept');
	const synsSent = w.segments.filter(
		(s) => s.from === 'client' && s.flags.SYN && !s.flags.ACK
	).length;
	const summary = OUTCOME_TEXT[id].summary({
		connectAt: connect.at,
		acceptAt: accept?.at ?? null,
		failsAt: extra.failsAt ?? 0,
		synsSent,
		profile: w.context.profile
	});
	return {
		segments: w.segments,
		outcome: {
			connect,
			calls,
			finalStates: { client: w.state.client, server: w.state.server, ...extra.finalStates },
			timeWait: w.timeWaits(),
			synsSent,
			summary,
			source: OUTCOME_TEXT[id].source
		}
	};
}

const listening = (context: ScenarioContext) =>
	new Wire(context, { client: 'CLOSED', server: 'LISTEN' });

function open(c: ScenarioContext): Built {
	const w = listening(c);
	handshake(w);
	return finish(w, 'open');
}

function lostSyn(c: ScenarioContext): Built {
	const w = listening(c);
	const syn = w.send('client', 0, { ...SYN, lost: true, ...says(T.synLost) });
	const again = w.send('client', INITIAL_RTO_MS, {
		flags: ['SYN'],
		retransmits: syn,
		timeout: INITIAL_RTO_MS,
		onArrival: 'rcv SYN',
		...says(T.synRetransmitted)
	});
	ackTheSynAck(w, w.send('server', arrival(again), { ...SYN_ACK, ...says(T.synAck) }));
	return finish(w, 'lost-syn');
}

function lostSynAck(c: ScenarioContext): Built {
	const w = listening(c);
	const syn = w.send('client', 0, { ...SYN, ...says(T.syn) });
	const synAck = w.send('server', arrival(syn), {
		flags: ['SYN', 'ACK'],
		lost: true,
		...says(T.synAckLost)
	});
	// The client's timer started at 0, the server's one delay later: the repeated SYN arrives
	// just before the server's timer would fire, and Linux answers it (tcp_check_req).
	const again = w.send('client', INITIAL_RTO_MS, {
		flags: ['SYN'],
		retransmits: syn,
		timeout: INITIAL_RTO_MS,
		...says(T.synRetransmittedToSynReceived)
	});
	const synAckAgain = w.send('server', arrival(again), {
		...SYN_ACK,
		retransmits: synAck,
		timeout: null,
		...says(T.synAckForRepeatedSyn)
	});
	ackTheSynAck(w, synAckAgain);
	return finish(w, 'lost-syn-ack');
}

function lostAck(c: ScenarioContext): Built {
	const w = listening(c);
	const syn = w.send('client', 0, { ...SYN, ...says(T.syn) });
	const synAck = w.send('server', arrival(syn), { ...SYN_ACK, ...says(T.synAck) });
	w.send('client', arrival(synAck), { flags: ['ACK'], lost: true, ...says(T.ackLost) });
	w.call('client', 'connect', 0, arrival(synAck));
	const again = w.send('server', synAck.time + INITIAL_RTO_MS, {
		flags: ['SYN', 'ACK'],
		retransmits: synAck,
		timeout: INITIAL_RTO_MS,
		...says(T.synAckRetransmitted)
	});
	const ack = w.send('client', arrival(again), { ...ACK_OF_SYN, ...says(T.ackForDuplicateSynAck) });
	w.call('server', 'accept', 4, arrival(ack));
	return finish(w, 'lost-ack');
}

function simultaneousOpen(c: ScenarioContext): Built {
	const w = new Wire(c, { client: 'CLOSED', server: 'CLOSED' });
	const syns = (['client', 'server'] as const).map((side) =>
		w.send(side, 0, { ...SYN, ...says(T.simultaneousSyn) })
	);
	// Each side answers when the other's SYN reaches it.
	const synAcks = (['client', 'server'] as const).map((side, i) =>
		w.send(side, arrival(syns[1 - i]), {
			flags: ['SYN', 'ACK'],
			repeats: syns[i],
			onArrival: 'rcv ACK of SYN',
			...says(T.simultaneousSynAck)
		})
	);
	w.call('client', 'connect', 0, arrival(synAcks[1]));
	w.call('server', 'connect', 0, arrival(synAcks[0]));
	return finish(w, 'simultaneous-open');
}

function closedPort(c: ScenarioContext): Built {
	const w = new Wire(c, { client: 'CLOSED', server: 'CLOSED' });
	const syn = w.send('client', 0, {
		flags: ['SYN'],
		call: 'active OPEN',
		...says(T.synToClosedPort)
	});
	// RFC 9293 §3.10.7.1: the SYN has no ACK, so <SEQ=0><ACK=SEG.SEQ+SEG.LEN><CTL=RST,ACK>.
	const rst = w.send('server', arrival(syn), {
		flags: ['RST', 'ACK'],
		stateless: { seq: 0, ack: (syn.seq + sequenceLength(syn.flags, syn.length)) % MOD },
		onArrival: 'rcv RST',
		...says(T.resetFromClosedPort)
	});
	w.call('client', 'connect', -1, arrival(rst), 'ECONNREFUSED');
	return finish(w, 'closed-port');
}

function synTimeout(c: ScenarioContext): Built {
	const w = listening(c);
	const schedule = synSchedule(c.profile);
	let first: SimulatedSegment | null = null;
	schedule.sends.forEach((time, i) => {
		const segment = w.send('client', time, {
			flags: ['SYN'],
			lost: true,
			...(first
				? {
						retransmits: first,
						timeout: schedule.timeouts[i - 1],
						...says(T.synRetry(i + 1, schedule.sends.length))
					}
				: { call: 'active OPEN' as const, ...says(T.synDropped) })
		});
		first ??= segment;
	});
	w.call('client', 'connect', -1, schedule.failsAt, 'ETIMEDOUT');
	return finish(w, 'syn-timeout', {
		finalStates: { client: 'CLOSED' },
		failsAt: schedule.failsAt
	});
}

function data(c: ScenarioContext): Built {
	const w = listening(c);
	const { connected } = handshake(w);
	const request = dataAndAck(w, 'client', appTime(w, connected), HTTP_REQUEST, T.request).data;
	dataAndAck(w, 'server', appTime(w, arrival(request)), HTTP_RESPONSE, T.response);
	return finish(w, 'data');
}

/** FIN, ACK, FIN, ACK from `first`, starting at `time` (RFC 9293 Figure 12). */
function closeSequence(w: Wire, first: Side, time: number) {
	const fin = firstFin(w, first, time, T.fin);
	lastFin(w, other(first), appTime(w, arrival(fin)));
}

function closeClientFirst(c: ScenarioContext): Built {
	const w = listening(c);
	const { connected } = handshake(w);
	closeSequence(w, 'client', appTime(w, connected));
	return finish(w, 'close-client-first');
}

function closeServerFirst(c: ScenarioContext): Built {
	const w = listening(c);
	const { accepted } = handshake(w);
	closeSequence(w, 'server', appTime(w, accepted));
	return finish(w, 'close-server-first');
}

function simultaneousClose(c: ScenarioContext): Built {
	const w = listening(c);
	const { accepted } = handshake(w);
	const time = appTime(w, accepted);
	const fins = (['client', 'server'] as const).map((side) => {
		w.call(side, 'close', 0, time);
		return w.send(side, time, { ...FIN, ...says(T.simultaneousFin) });
	});
	for (const [i, side] of (['client', 'server'] as const).entries()) {
		// Each side acknowledges the FIN that reached it (the other side's).
		w.send(side, arrival(fins[1 - i]), { ...ACK_OF_FIN, ...says(T.closingAck) });
	}
	return finish(w, 'simultaneous-close');
}

function halfClose(c: ScenarioContext): Built {
	const w = listening(c);
	const { connected } = handshake(w);
	const request = dataAndAck(w, 'client', appTime(w, connected), PING, T.halfCloseRequest).data;
	const fin = firstFin(w, 'client', appTime(w, request.time), T.halfCloseFin, 'shutdown');
	const reply = dataAndAck(
		w,
		'server',
		appTime(w, arrival(fin)),
		PONG,
		T.replyAfterFin,
		T.ackInFinWait2
	).data;
	const serverFin = lastFin(w, 'server', appTime(w, reply.time));
	w.call('client', 'recv', 0, arrival(serverFin));
	return finish(w, 'half-close');
}

function abort(c: ScenarioContext): Built {
	const w = listening(c);
	const { connected } = handshake(w);
	const { ack } = dataAndAck(w, 'client', appTime(w, connected), PING, T.request);
	const rst = w.send('client', appTime(w, arrival(ack)), {
		flags: ['RST', 'ACK'],
		call: 'ABORT',
		onArrival: 'rcv RST',
		...says(T.abortReset)
	});
	w.call('client', 'close', 0, rst.time);
	w.call('server', 'recv', -1, arrival(rst), 'ECONNRESET');
	return finish(w, 'abort');
}

const BUILDERS: Record<ScenarioId, (context: ScenarioContext) => Built> = {
	open,
	'lost-syn': lostSyn,
	'lost-syn-ack': lostSynAck,
	'lost-ack': lostAck,
	'simultaneous-open': simultaneousOpen,
	'closed-port': closedPort,
	'syn-timeout': synTimeout,
	data,
	'close-client-first': closeClientFirst,
	'close-server-first': closeServerFirst,
	'simultaneous-close': simultaneousClose,
	'half-close': halfClose,
	abort
};

/** Runs one scenario's script. */
export function buildScenario(id: ScenarioId, context: ScenarioContext): Built {
	return BUILDERS[id](context);
}
