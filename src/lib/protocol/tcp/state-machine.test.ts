import { describe, expect, it } from 'vitest';
import {
	applyEvent,
	isTcpEvent,
	isTcpState,
	TCP_EVENTS,
	TCP_STATES,
	TRANSITIONS,
	transitionsFrom,
	type TcpEvent,
	type TcpState
} from './state-machine';

/**
 * RFC 9293 §3.3.2 Figure 5, copied arrow by arrow from the figure (state, event label, action
 * label, next state), then the notes under it (facts K4, K5). Written here by hand from the RFC
 * text, not from state-machine.ts.
 */
const FIGURE_5: [TcpState, TcpEvent, string, TcpState][] = [
	['CLOSED', 'passive OPEN', 'create TCB', 'LISTEN'],
	['CLOSED', 'active OPEN', 'create TCB, snd SYN', 'SYN-SENT'],
	['LISTEN', 'CLOSE', 'delete TCB', 'CLOSED'],
	['LISTEN', 'rcv SYN', 'snd SYN,ACK', 'SYN-RECEIVED'],
	['LISTEN', 'SEND', 'snd SYN', 'SYN-SENT'],
	['SYN-SENT', 'CLOSE', 'delete TCB', 'CLOSED'],
	['SYN-SENT', 'rcv SYN', 'snd SYN,ACK', 'SYN-RECEIVED'],
	['SYN-SENT', 'rcv SYN,ACK', 'snd ACK', 'ESTABLISHED'],
	['SYN-RECEIVED', 'rcv ACK of SYN', 'none', 'ESTABLISHED'],
	['SYN-RECEIVED', 'CLOSE', 'snd FIN', 'FIN-WAIT-1'],
	['ESTABLISHED', 'CLOSE', 'snd FIN', 'FIN-WAIT-1'],
	['ESTABLISHED', 'rcv FIN', 'snd ACK', 'CLOSE-WAIT'],
	['FIN-WAIT-1', 'rcv ACK of FIN', 'none', 'FIN-WAIT-2'],
	['FIN-WAIT-1', 'rcv FIN', 'snd ACK', 'CLOSING'],
	['FIN-WAIT-2', 'rcv FIN', 'snd ACK', 'TIME-WAIT'],
	['CLOSING', 'rcv ACK of FIN', 'none', 'TIME-WAIT'],
	['CLOSE-WAIT', 'CLOSE', 'snd FIN', 'LAST-ACK'],
	['LAST-ACK', 'rcv ACK of FIN', 'none', 'CLOSED'],
	['TIME-WAIT', 'timeout=2MSL', 'delete TCB', 'CLOSED']
];
/** Note 1: "rcv RST (note 1)" into LISTEN, drawn in the figure, only after a passive OPEN. */
const NOTE_1: [TcpState, TcpEvent, TcpState] = ['SYN-RECEIVED', 'rcv RST', 'LISTEN'];
/** Note 2: the omitted FIN-WAIT-1 → TIME-WAIT when a FIN arrives with the ACK of our FIN. */
const NOTE_2: [TcpState, TcpEvent, TcpState] = ['FIN-WAIT-1', 'rcv FIN, ACK of FIN', 'TIME-WAIT'];
/**
 * RFC 9293 §3.10.5 (ABORT Call), state by state as the section groups its headings, with what it
 * says to do first. Note 3 draws a sent RST to TIME-WAIT; the groups that send one are these.
 */
const ABORT_CALL: [states: TcpState[], rfc: string][] = [
	[['CLOSED'], 'If the user should not have access to such a connection, return "error: ..."'],
	[['LISTEN'], 'Any outstanding RECEIVEs should be returned with "error: connection reset"'],
	[['SYN-SENT'], 'All queued SENDs and RECEIVEs should be given "connection reset" notification'],
	[
		['SYN-RECEIVED', 'ESTABLISHED', 'FIN-WAIT-1', 'FIN-WAIT-2', 'CLOSE-WAIT'],
		'Send a reset segment: <SEQ=SND.NXT><CTL=RST>'
	],
	[['CLOSING', 'LAST-ACK', 'TIME-WAIT'], 'Respond with "ok" and delete the TCB, enter CLOSED state']
];
const SENDS_RST_ON_ABORT = ABORT_CALL.filter(([, rfc]) => rfc.includes('<CTL=RST>')).flatMap(
	([states]) => states
);
/**
 * What a RST does when it arrives, as RFC 9293 §3.10.7 says state by state (SYN-RECEIVED has
 * Note 1's two arrows, tested on their own). Note 3: a RST received leads to CLOSED.
 */
const RST_ARRIVES: [section: string, states: TcpState[], rfc: string][] = [
	['§3.10.7.1', ['CLOSED'], 'An incoming segment containing a RST is discarded.'],
	['§3.10.7.2', ['LISTEN'], 'An incoming RST should be ignored.'],
	['§3.10.7.3', ['SYN-SENT'], 'If the ACK was acceptable, ... enter CLOSED state, delete TCB'],
	[
		'§3.10.7.4',
		['ESTABLISHED', 'FIN-WAIT-1', 'FIN-WAIT-2', 'CLOSE-WAIT'],
		'Enter the CLOSED state, delete the TCB, and return.'
	],
	[
		'§3.10.7.4',
		['CLOSING', 'LAST-ACK', 'TIME-WAIT'],
		'If the RST bit is set, then enter the CLOSED state, delete the TCB, and return.'
	]
];
const CLOSED_BY_RST = RST_ARRIVES.filter(([, , rfc]) =>
	/enter (the )?CLOSED state/i.test(rfc)
).flatMap(([, states]) => states);
/** RFC 9293 §3.3.2's sentence, as printed; the names are read out of it, in its order. */
const RFC_STATES_SENTENCE =
	'The states are: LISTEN, SYN-SENT, SYN-RECEIVED, ESTABLISHED, FIN-WAIT-1, FIN-WAIT-2, CLOSE-WAIT, CLOSING, LAST-ACK, TIME-WAIT, and the fictional state CLOSED.';
const RFC_STATES = RFC_STATES_SENTENCE.match(/\b[A-Z][A-Z0-9-]+\b/g) ?? [];

describe('TCP states and events', () => {
	it('spells the eleven states as RFC 9293 §3.3.2 does in its text, not the figure’s abbreviations', () => {
		expect(RFC_STATES).toHaveLength(11);
		expect(TCP_STATES).toEqual(RFC_STATES);
		for (const abbreviation of ['SYN RCVD', 'ESTAB', 'FINWAIT-2', 'CLOSE WAIT', 'SYN_SENT']) {
			expect(isTcpState(abbreviation)).toBe(false);
		}
	});

	it('uses only the events of Figure 5 and its notes', () => {
		const used = new Set(TRANSITIONS.map((t) => t.event));
		expect([...used].sort()).toEqual([...TCP_EVENTS].sort());
		expect(isTcpEvent('rcv SYN,ACK')).toBe(true);
		expect(isTcpEvent('rcv SYN-ACK')).toBe(false);
	});
});

describe('TRANSITIONS against RFC 9293 Figure 5', () => {
	const figureRows = TRANSITIONS.filter((t) => t.source === 'RFC 9293 §3.3.2 Figure 5');

	it('has one row for each of the 19 unconditional arrows of the figure, with the figure’s action', () => {
		expect(figureRows.map((t) => [t.state, t.event, t.action, t.next]).sort()).toEqual(
			[...FIGURE_5].sort()
		);
	});

	it('has Note 1’s RST arrow back to LISTEN, only after a passive OPEN', () => {
		const row = TRANSITIONS.find(
			(t) => t.state === NOTE_1[0] && t.event === NOTE_1[1] && t.next === NOTE_1[2]
		);
		expect(row?.openedBy).toBe('passive');
		expect(row?.source).toMatch(/Note 1/);
		expect(applyEvent('SYN-RECEIVED', 'rcv RST', { openedBy: 'passive' })).toMatchObject({
			ok: true,
			next: 'LISTEN'
		});
		expect(applyEvent('SYN-RECEIVED', 'rcv RST', { openedBy: 'active' })).toMatchObject({
			ok: true,
			next: 'CLOSED'
		});
	});

	it('has Note 2’s arrow from FIN-WAIT-1 straight to TIME-WAIT', () => {
		expect(applyEvent(NOTE_2[0], NOTE_2[1])).toMatchObject({ ok: true, next: NOTE_2[2] });
		expect(
			applyEvent(NOTE_2[0], NOTE_2[1]).ok && TRANSITIONS.find((t) => t.event === NOTE_2[1])?.action
		).toBe('snd ACK');
	});

	it('sends a RST on ABORT into TIME-WAIT as Note 3 says, and into CLOSED as Linux does (K5)', () => {
		expect(ABORT_CALL.flatMap(([states]) => states).sort()).toEqual([...RFC_STATES].sort());
		for (const state of SENDS_RST_ON_ABORT) {
			expect(applyEvent(state, 'ABORT')).toMatchObject({ ok: true, next: 'TIME-WAIT' });
			expect(applyEvent(state, 'ABORT', { model: 'linux' })).toMatchObject({
				ok: true,
				next: 'CLOSED'
			});
		}
		const aborting = TRANSITIONS.filter((t) => t.event === 'ABORT');
		expect(aborting.map((t) => t.state).sort()).toEqual([...SENDS_RST_ON_ABORT].sort());
		expect(aborting.every((t) => t.action === 'snd RST')).toBe(true);
	});

	it('closes every state that a received RST can reach (Note 3), and leaves LISTEN alone', () => {
		const covered = RST_ARRIVES.flatMap(([, states]) => states);
		expect([...covered, 'SYN-RECEIVED'].sort()).toEqual([...RFC_STATES].sort());
		expect(CLOSED_BY_RST).toHaveLength(8);
		for (const state of CLOSED_BY_RST) {
			expect(applyEvent(state, 'rcv RST')).toMatchObject({ ok: true, next: 'CLOSED' });
		}
		const listen = applyEvent('LISTEN', 'rcv RST');
		expect(listen.ok).toBe(false);
		expect(!listen.ok && listen.reason).toMatch(/ignored.*§3\.10\.7\.2/);
	});

	it('allows exactly the figure’s and the notes’ arrows: every other pair is “not allowed”', () => {
		const allowed = new Set([
			...FIGURE_5.map(([s, e]) => `${s}|${e}`),
			`${NOTE_1[0]}|${NOTE_1[1]}`,
			`${NOTE_2[0]}|${NOTE_2[1]}`,
			...SENDS_RST_ON_ABORT.map((s) => `${s}|ABORT`),
			...CLOSED_BY_RST.map((s) => `${s}|rcv RST`)
		]);
		let refused = 0;
		for (const state of TCP_STATES) {
			for (const event of TCP_EVENTS) {
				const result = applyEvent(state, event, { openedBy: 'passive' });
				expect(result.ok, `${state} ${event}`).toBe(allowed.has(`${state}|${event}`));
				if (!result.ok) {
					refused++;
					expect(result.reason).toMatch(/\.$/);
					expect(result).toMatchObject({ state, event });
				}
			}
		}
		expect(refused).toBe(TCP_STATES.length * TCP_EVENTS.length - allowed.size);
	});

	it('has unique ids and lists the rows leaving a state', () => {
		expect(new Set(TRANSITIONS.map((t) => t.id)).size).toBe(TRANSITIONS.length);
		expect(
			transitionsFrom('ESTABLISHED')
				.map((t) => t.next)
				.sort()
		).toEqual(['CLOSE-WAIT', 'CLOSED', 'FIN-WAIT-1', 'TIME-WAIT'].sort());
	});
});

describe('applyEvent refusals', () => {
	it('asks which OPEN led to SYN-RECEIVED before it applies a RST there (Note 1)', () => {
		const result = applyEvent('SYN-RECEIVED', 'rcv RST');
		expect(result.ok).toBe(false);
		expect(!result.ok && result.reason).toMatch(/passive OPEN/);
	});

	it('says why a segment in CLOSED changes nothing', () => {
		const result = applyEvent('CLOSED', 'rcv SYN');
		expect(!result.ok && result.reason).toMatch(/answered with a RST.*§3\.10\.7\.1/);
	});

	it('returns a reason, not an exception, for names it does not know', () => {
		const badState = applyEvent('ESTAB' as TcpState, 'CLOSE');
		const badEvent = applyEvent('LISTEN', 'rcv SYN-ACK' as TcpEvent);
		expect(!badState.ok && badState.reason).toMatch(/not a TCP state/);
		expect(!badEvent.ok && badEvent.reason).toMatch(/not an event/);
		expect(() =>
			applyEvent(undefined as unknown as TcpState, null as unknown as TcpEvent)
		).not.toThrow();
	});
});
