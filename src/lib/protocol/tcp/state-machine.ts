/**
 * The TCP connection state machine of RFC 9293 §3.3.2 as data: one row per arrow of Figure 5,
 * plus the three notes under it (facts K1, K4, K5). `applyEvent` looks a (state, event) pair up
 * in the rows and returns the next state, or a "not allowed" value that says why.
 *
 * Figure 5 "illustrates only state changes" and "must not be taken as the total specification":
 * events that leave the state unchanged (a duplicate segment, a SYN to a closed port) are not
 * rows. The simulator (simulate.ts) moves both endpoints only through these rows.
 */
import { NOT_ALLOWED } from './tcp-text';
import { TCP_STATES, type TcpState } from './states';

export { TCP_STATES, type TcpState };

/**
 * The events of Figure 5, worded as the figure labels its arrows: user calls (OPEN, SEND,
 * CLOSE, ABORT), arriving segments ("rcv …") and the TIME-WAIT timeout (RFC 9293 §3.3.2, K3).
 * `rcv FIN, ACK of FIN` is Note 2's combined arrival.
 */
export type TcpEvent =
	| 'passive OPEN'
	| 'active OPEN'
	| 'SEND'
	| 'CLOSE'
	| 'ABORT'
	| 'rcv SYN'
	| 'rcv SYN,ACK'
	| 'rcv ACK of SYN'
	| 'rcv FIN'
	| 'rcv ACK of FIN'
	| 'rcv FIN, ACK of FIN'
	| 'rcv RST'
	| 'timeout=2MSL';

/** Every event, in the order of the type above. */
export const TCP_EVENTS: readonly TcpEvent[] = [
	'passive OPEN',
	'active OPEN',
	'SEND',
	'CLOSE',
	'ABORT',
	'rcv SYN',
	'rcv SYN,ACK',
	'rcv ACK of SYN',
	'rcv FIN',
	'rcv ACK of FIN',
	'rcv FIN, ACK of FIN',
	'rcv RST',
	'timeout=2MSL'
];

/** What a transition does, as Figure 5 writes it under the event; `none` is the figure's "x". */
export type TcpAction =
	| 'create TCB'
	| 'create TCB, snd SYN'
	| 'delete TCB'
	| 'snd SYN'
	| 'snd SYN,ACK'
	| 'snd ACK'
	| 'snd FIN'
	| 'snd RST'
	| 'none';

/** Note 1: SYN-RECEIVED goes back to LISTEN on a RST only when a passive OPEN led there. */
export type OpenedBy = 'passive' | 'active';

/** One arrow of the state diagram. */
export interface Transition {
	/** Stable id, `STATE|event` (plus `|passive` or `|active` for Note 1's pair). */
	id: string;
	state: TcpState;
	event: TcpEvent;
	/** Only for SYN-RECEIVED + rcv RST (Note 1): how SYN-RECEIVED was reached. */
	openedBy?: OpenedBy;
	action: TcpAction;
	/** The next state RFC 9293 gives. */
	next: TcpState;
	/** Where Linux goes instead, when it differs (Note 3: Linux closes after sending a RST, K5). */
	linuxNext?: TcpState;
	/** Where the row comes from: 'RFC 9293 §3.3.2 Figure 5', '… Note 2'. */
	source: string;
}

const FIGURE = 'RFC 9293 §3.3.2 Figure 5';
const NOTE_1 = 'RFC 9293 §3.3.2 Figure 5, Note 1';
const NOTE_2 = 'RFC 9293 §3.3.2 Note 2';
const NOTE_3_SEND = 'RFC 9293 §3.3.2 Note 3; §3.10.5 (ABORT); Linux tcp_close (K5)';
const NOTE_3_RECEIVE = 'RFC 9293 §3.3.2 Note 3; §3.10.7';

function row(
	state: TcpState,
	event: TcpEvent,
	action: TcpAction,
	next: TcpState,
	source: string,
	extra: { openedBy?: OpenedBy; linuxNext?: TcpState } = {}
): Transition {
	const id = extra.openedBy ? `${state}|${event}|${extra.openedBy}` : `${state}|${event}`;
	return { id, state, event, action, next, source, ...extra };
}

/** States where an ABORT sends a RST (RFC 9293 §3.10.5); Note 3 draws them to TIME-WAIT. */
const ABORT_WITH_RST: readonly TcpState[] = [
	'SYN-RECEIVED',
	'ESTABLISHED',
	'FIN-WAIT-1',
	'FIN-WAIT-2',
	'CLOSE-WAIT'
];

/**
 * States a received RST closes (Note 3): all but LISTEN, which ignores it (§3.10.7.2), CLOSED,
 * which discards it (§3.10.7.1), and SYN-RECEIVED, whose two rows depend on Note 1.
 */
const CLOSED_BY_RST: readonly TcpState[] = TCP_STATES.filter(
	(state) => state !== 'LISTEN' && state !== 'CLOSED' && state !== 'SYN-RECEIVED'
);

/**
 * Every transition: the 20 arrows of Figure 5 in the figure's order from the top, then Note 2's
 * omitted arrow, then Note 3's resets (sent from a connection, received in any state).
 */
export const TRANSITIONS: readonly Transition[] = [
	row('CLOSED', 'passive OPEN', 'create TCB', 'LISTEN', FIGURE),
	row('CLOSED', 'active OPEN', 'create TCB, snd SYN', 'SYN-SENT', FIGURE),
	row('LISTEN', 'CLOSE', 'delete TCB', 'CLOSED', FIGURE),
	row('LISTEN', 'rcv SYN', 'snd SYN,ACK', 'SYN-RECEIVED', FIGURE),
	row('LISTEN', 'SEND', 'snd SYN', 'SYN-SENT', FIGURE),
	row('SYN-SENT', 'CLOSE', 'delete TCB', 'CLOSED', FIGURE),
	row('SYN-SENT', 'rcv SYN', 'snd SYN,ACK', 'SYN-RECEIVED', FIGURE),
	row('SYN-SENT', 'rcv SYN,ACK', 'snd ACK', 'ESTABLISHED', FIGURE),
	row('SYN-RECEIVED', 'rcv RST', 'none', 'LISTEN', NOTE_1, { openedBy: 'passive' }),
	row('SYN-RECEIVED', 'rcv ACK of SYN', 'none', 'ESTABLISHED', FIGURE),
	row('SYN-RECEIVED', 'CLOSE', 'snd FIN', 'FIN-WAIT-1', FIGURE),
	row('ESTABLISHED', 'CLOSE', 'snd FIN', 'FIN-WAIT-1', FIGURE),
	row('ESTABLISHED', 'rcv FIN', 'snd ACK', 'CLOSE-WAIT', FIGURE),
	row('FIN-WAIT-1', 'rcv ACK of FIN', 'none', 'FIN-WAIT-2', FIGURE),
	row('FIN-WAIT-1', 'rcv FIN', 'snd ACK', 'CLOSING', FIGURE),
	row('CLOSE-WAIT', 'CLOSE', 'snd FIN', 'LAST-ACK', FIGURE),
	row('FIN-WAIT-2', 'rcv FIN', 'snd ACK', 'TIME-WAIT', FIGURE),
	row('CLOSING', 'rcv ACK of FIN', 'none', 'TIME-WAIT', FIGURE),
	row('LAST-ACK', 'rcv ACK of FIN', 'none', 'CLOSED', FIGURE),
	row('TIME-WAIT', 'timeout=2MSL', 'delete TCB', 'CLOSED', FIGURE),
	row('FIN-WAIT-1', 'rcv FIN, ACK of FIN', 'snd ACK', 'TIME-WAIT', NOTE_2),
	...ABORT_WITH_RST.map((state) =>
		row(state, 'ABORT', 'snd RST', 'TIME-WAIT', NOTE_3_SEND, { linuxNext: 'CLOSED' })
	),
	row('SYN-RECEIVED', 'rcv RST', 'none', 'CLOSED', NOTE_3_RECEIVE, { openedBy: 'active' }),
	...CLOSED_BY_RST.map((state) => row(state, 'rcv RST', 'none', 'CLOSED', NOTE_3_RECEIVE))
];

/** Which rules to follow where RFC 9293 and Linux differ (only Note 3's sent RST, K5). */
export type StateModel = 'rfc' | 'linux';

/** What `applyEvent` returns: the row and the next state, or why the event does not apply. */
export type EventResult =
	| { ok: true; transition: Transition; next: TcpState }
	| { ok: false; state: TcpState; event: TcpEvent; reason: string };

/** True when `value` is one of the eleven state names, spelled as RFC 9293's text does. */
export function isTcpState(value: unknown): value is TcpState {
	return typeof value === 'string' && (TCP_STATES as readonly string[]).includes(value);
}

/** True when `value` is one of the events of Figure 5 and its notes. */
export function isTcpEvent(value: unknown): value is TcpEvent {
	return typeof value === 'string' && (TCP_EVENTS as readonly string[]).includes(value);
}

/** The rows leaving `state`, in table order. */
export function transitionsFrom(state: TcpState): Transition[] {
	return TRANSITIONS.filter((t) => t.state === state);
}

/**
 * Applies `event` in `state`. `openedBy` settles Note 1 (SYN-RECEIVED + rcv RST); `model`
 * 'linux' follows Linux where it leaves the RFC (a RST sender goes to CLOSED, not TIME-WAIT).
 * Never throws: unknown names and missing arrows come back as `ok: false` with a reason.
 */
export function applyEvent(
	state: TcpState,
	event: TcpEvent,
	context: { openedBy?: OpenedBy; model?: StateModel } = {}
): EventResult {
	if (!isTcpState(state)) {
		return { ok: false, state, event, reason: NOT_ALLOWED.unknownState(state) };
	}
	if (!isTcpEvent(event)) {
		return { ok: false, state, event, reason: NOT_ALLOWED.unknownEvent(event) };
	}
	const rows = TRANSITIONS.filter((t) => t.state === state && t.event === event);
	if (rows.length === 0)
		return { ok: false, state, event, reason: NOT_ALLOWED.noArrow(state, event) };
	let transition = rows[0];
	if (rows.length > 1) {
		const match = rows.find((t) => t.openedBy === context.openedBy);
		if (!match) return { ok: false, state, event, reason: NOT_ALLOWED.needsOpenedBy };
		transition = match;
	}
	const next =
		context.model === 'linux' && transition.linuxNext ? transition.linuxNext : transition.next;
	return { ok: true, transition, next };
}
