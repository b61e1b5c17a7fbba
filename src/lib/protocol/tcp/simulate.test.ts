import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
	flagLetters,
	isScenarioId,
	SCENARIO_IDS,
	SCENARIOS,
	simulateConnection,
	type ScenarioId,
	type Side,
	type SimulatedSegment,
	type SimulationOptions
} from './simulate';
import type { TcpState } from './state-machine';

/**
 * Expected values come from RFC 9293 (§3.4 arithmetic, Figures 6, 7, 12 and 13, §3.10.7.1),
 * facts.md K6–K17 and C16–C20, written out here; never from running simulate.ts.
 */

const TWO_32 = 2 ** 32;
const other = (side: Side): Side => (side === 'client' ? 'server' : 'client');
const run = (scenario: ScenarioId, options: SimulationOptions = {}) => {
	const result = simulateConnection(scenario, options);
	if (!result.ok) throw new Error(result.errors.map((e) => e.message).join(' '));
	return result;
};
/** A segment as RFC 9293's figures write it: flags, SEQ, ACK (null when ACK is not set). */
const brief = (s: SimulatedSegment) => [
	s.from,
	flagLetters(s.flags),
	s.seq,
	s.flags.ACK ? s.ack : null
];

/**
 * The arithmetic of RFC 9293 §3.4 (K6), replayed independently: a side's first SYN uses its ISN
 * and every later new segment starts where the previous one ended (SYN and FIN count one, data
 * its length, a bare ACK nothing); a copy of an earlier segment reuses its number; the ACK field
 * is the peer's ISN + everything of the peer's that had arrived when this segment left.
 */
function checkArithmetic(result: ReturnType<typeof run>) {
	const isn: Record<Side, number> = { client: result.isnClient, server: result.isnServer };
	const sent: Record<Side, SimulatedSegment[]> = { client: [], server: [] };
	for (const s of result.segments) {
		const mine = sent[s.from];
		const earlierSameStart = mine.find(
			(o) => o.seq === s.seq && o.length === s.length && o.flags.SYN === s.flags.SYN
		);
		if (s.flags.RST && !s.flags.SYN && mine.length === 0) {
			// A reply from a port with no connection (K9): <SEQ=0><ACK=SEG.SEQ+SEG.LEN><CTL=RST,ACK>.
			const syn = result.segments.find((o) => o.from === other(s.from) && o.flags.SYN);
			expect(s.seq).toBe(0);
			expect(s.ack).toBe(((syn?.seq ?? 0) + 1) % TWO_32);
			continue;
		}
		if (s.flags.SYN) {
			expect(s.seq, `segment ${s.index}`).toBe(isn[s.from]);
		} else if (s.retransmission || earlierSameStart) {
			expect(s.seq).toBe(result.segments[s.retransmission?.of ?? earlierSameStart!.index].seq);
		} else {
			const used = new Set<string>();
			let next = isn[s.from];
			for (const o of mine) {
				const key = `${o.seq}|${o.length}|${o.flags.SYN}|${o.flags.FIN}`;
				if (used.has(key)) continue;
				used.add(key);
				next += o.length + (o.flags.SYN ? 1 : 0) + (o.flags.FIN ? 1 : 0);
			}
			expect(s.seq, `segment ${s.index} seq`).toBe(next % TWO_32);
		}
		if (s.flags.ACK) {
			const arrived = sent[other(s.from)].filter((o) => o.arrives !== null && o.arrives <= s.time);
			const counted = new Set<string>();
			let expected = isn[other(s.from)];
			for (const o of arrived) {
				const key = `${o.seq}|${o.length}|${o.flags.SYN}|${o.flags.FIN}`;
				if (counted.has(key) || o.flags.RST) continue;
				counted.add(key);
				expected += o.length + (o.flags.SYN ? 1 : 0) + (o.flags.FIN ? 1 : 0);
			}
			expect(s.ack, `segment ${s.index} ack`).toBe(expected % TWO_32);
		} else {
			expect(s.ack).toBe(0);
		}
		mine.push(s);
	}
}

/** RFC 9293 Figure 5 with its notes (and Linux's ABORT → CLOSED), as from → to per event. */
const ALLOWED: Record<string, TcpState> = {
	'CLOSED|active OPEN': 'SYN-SENT',
	'LISTEN|rcv SYN': 'SYN-RECEIVED',
	'SYN-SENT|rcv SYN': 'SYN-RECEIVED',
	'SYN-SENT|rcv SYN,ACK': 'ESTABLISHED',
	'SYN-SENT|rcv RST': 'CLOSED',
	'SYN-RECEIVED|rcv ACK of SYN': 'ESTABLISHED',
	'ESTABLISHED|CLOSE': 'FIN-WAIT-1',
	'ESTABLISHED|rcv FIN': 'CLOSE-WAIT',
	'ESTABLISHED|ABORT': 'CLOSED',
	'ESTABLISHED|rcv RST': 'CLOSED',
	'FIN-WAIT-1|rcv ACK of FIN': 'FIN-WAIT-2',
	'FIN-WAIT-1|rcv FIN': 'CLOSING',
	'FIN-WAIT-2|rcv FIN': 'TIME-WAIT',
	'CLOSING|rcv ACK of FIN': 'TIME-WAIT',
	'CLOSE-WAIT|CLOSE': 'LAST-ACK',
	'LAST-ACK|rcv ACK of FIN': 'CLOSED'
};

/** Replays each side's transitions in time order and checks they chain and match ALLOWED. */
function checkStates(result: ReturnType<typeof run>, initial: Record<Side, TcpState>) {
	const all = result.segments.flatMap((s) => s.transitions.map((t) => ({ ...t, index: s.index })));
	all.sort((a, b) => a.at - b.at || a.index - b.index);
	const state = { ...initial };
	for (const t of all) {
		expect(t.from, `${t.side} at ${t.at}`).toBe(state[t.side]);
		expect(ALLOWED[`${t.from}|${t.event}`], t.label).toBe(t.to);
		state[t.side] = t.to;
	}
	const last = result.segments[result.segments.length - 1];
	expect([last.clientState, last.serverState]).toEqual([state.client, state.server]);
}

const initialOf = (scenario: ScenarioId): Record<Side, TcpState> => ({
	client: 'CLOSED',
	server: scenario === 'closed-port' || scenario === 'simultaneous-open' ? 'CLOSED' : 'LISTEN'
});

/**
 * Issue 10's list of scenarios ("Scenarios, named exactly"), as the issue words it; the names
 * are the lower-case words in backquotes, in the issue's order.
 */
const ISSUE_10_SCENARIOS = [
	'`open`, `lost-syn`, `lost-syn-ack`, `lost-ack`, `simultaneous-open`;',
	'`closed-port` (RST, then `ECONNREFUSED`);',
	'`syn-timeout` (no answer until `connect()` fails with `ETIMEDOUT`);',
	'`data`;',
	'`close-client-first`, `close-server-first`, `simultaneous-close`, `half-close`;',
	'`abort` (RST).'
]
	.join(' ')
	.match(/(?<=`)[a-z]+(?:-[a-z]+)*(?=`)/g);

describe('scenarios', () => {
	it('are the thirteen of issue 10, named exactly', () => {
		expect(ISSUE_10_SCENARIOS).toHaveLength(13);
		expect(SCENARIO_IDS).toEqual(ISSUE_10_SCENARIOS);
		for (const s of SCENARIOS) expect(s.summary).toMatch(/\.$/);
		expect(isScenarioId('open')).toBe(true);
		expect(isScenarioId('OPEN')).toBe(false);
	});
});

describe.each(SCENARIO_IDS)('%s', (scenario) => {
	const result = run(scenario, { isnClient: 1_000_000, isnServer: 3_000_000, seed: 42 });

	it('follows the SYN/FIN/data arithmetic of RFC 9293 §3.4 in every segment', () => {
		checkArithmetic(result);
	});

	it('moves both sides only along Figure 5’s arrows, in a chain', () => {
		checkStates(result, initialOf(scenario));
	});

	it('sends segments in time order, each arriving one delay later unless lost', () => {
		result.segments.forEach((s, i) => {
			if (i > 0) expect(s.time).toBeGreaterThanOrEqual(result.segments[i - 1].time);
			expect(s.arrives).toBe(s.lost ? null : s.time + result.delay);
			expect(s.index).toBe(i);
		});
	});

	it('explains every segment in a sentence and cites where the behaviour is specified', () => {
		for (const s of result.segments) {
			expect(s.explanation).toMatch(/^[A-Za-z(].*[.)]$/s);
			expect(s.source).toMatch(/RFC \d+|\.c|\.h|\.rst|\(\d\)/);
		}
		expect(result.outcome.summary).toMatch(/\.$/);
		expect(result.outcome.source.length).toBeGreaterThan(3);
	});

	it('carries Linux’s SYN options and timestamps everywhere else (K21)', () => {
		for (const s of result.segments) {
			const kinds = s.options.map((o) => o.kind);
			if (s.flags.RST && s.seq === 0) expect(kinds).toEqual([]);
			else if (s.flags.SYN) expect(kinds).toEqual(['mss', 'sackOK', 'timestamps', 'nop', 'wscale']);
			else expect(kinds).toEqual(['nop', 'nop', 'timestamps']);
		}
	});

	it('is the same for the same seed (deterministic)', () => {
		expect(run(scenario, { isnClient: 1_000_000, isnServer: 3_000_000, seed: 42 })).toEqual(result);
	});

	it('keeps the arithmetic when the sequence numbers wrap past 2^32', () => {
		const wrapped = run(scenario, { isnClient: TWO_32 - 1, isnServer: TWO_32 - 3, seed: 9 });
		checkArithmetic(wrapped);
		for (const s of wrapped.segments) {
			expect(s.seq).toBeLessThan(TWO_32);
			expect(s.ack).toBeLessThan(TWO_32);
		}
	});
});

describe('the handshake (RFC 9293 Figure 6)', () => {
	it('is SEQ=100 SYN, SEQ=300 ACK=101 SYN,ACK, SEQ=101 ACK=301 ACK', () => {
		const result = run('open', { isnClient: 100, isnServer: 300 });
		expect(result.segments.map(brief)).toEqual([
			['client', 'S', 100, null],
			['server', 'S.', 300, 101],
			['client', '.', 101, 301]
		]);
		expect(result.segments.map((s) => [s.clientState, s.serverState])).toEqual([
			['SYN-SENT', 'SYN-RECEIVED'],
			['ESTABLISHED', 'SYN-RECEIVED'],
			['ESTABLISHED', 'ESTABLISHED']
		]);
		expect(result.outcome.connect).toMatchObject({ returns: 0, errno: null, at: 20 });
	});

	it('uses Linux’s windows and a random IP ID per socket, 0 for the listener’s SYN-ACK', () => {
		const [syn, synAck, ack] = run('open').segments;
		expect([syn.window, synAck.window, ack.window]).toEqual([64240, 65160, 63]);
		expect([syn.windowShift, ack.windowShift]).toEqual([0, 10]);
		expect(synAck.ipId).toBe(0);
		expect(ack.ipId).toBe((syn.ipId + 1) % 65536);
	});
});

describe('simultaneous open (RFC 9293 Figure 7)', () => {
	it('crosses two SYNs, then each side resends its own SEQ with the other’s ISN + 1', () => {
		const result = run('simultaneous-open', { isnClient: 100, isnServer: 300 });
		expect(result.segments.map(brief)).toEqual([
			['client', 'S', 100, null],
			['server', 'S', 300, null],
			['client', 'S.', 100, 301],
			['server', 'S.', 300, 101]
		]);
		const path = (side: Side) =>
			result.segments
				.flatMap((s) => s.transitions.filter((t) => t.side === side))
				.sort((a, b) => a.at - b.at)
				.map((t) => t.to);
		expect(path('client')).toEqual(['SYN-SENT', 'SYN-RECEIVED', 'ESTABLISHED']);
		expect(path('server')).toEqual(['SYN-SENT', 'SYN-RECEIVED', 'ESTABLISHED']);
	});
});

describe('teardown (RFC 9293 Figures 12 and 13)', () => {
	// With ISNs 99 and 299 the first data bytes are 100 and 300, the numbers of the figures.
	const opts = { isnClient: 99, isnServer: 299 };

	it('normal close: FIN 100/300, ACK 300/101, FIN 300/101, ACK 101/301; the closer waits', () => {
		const result = run('close-client-first', opts);
		expect(result.segments.slice(3).map(brief)).toEqual([
			['client', 'F.', 100, 300],
			['server', '.', 300, 101],
			['server', 'F.', 300, 101],
			['client', '.', 101, 301]
		]);
		expect(result.segments.slice(3).map((s) => [s.clientState, s.serverState])).toEqual([
			['FIN-WAIT-1', 'CLOSE-WAIT'],
			['FIN-WAIT-2', 'CLOSE-WAIT'],
			['TIME-WAIT', 'LAST-ACK'],
			['TIME-WAIT', 'CLOSED']
		]);
		expect(result.outcome.timeWait).toHaveLength(1);
		expect(result.outcome.timeWait[0]).toMatchObject({
			side: 'client',
			linuxMs: 60_000,
			rfcMs: 240_000
		});
		const tw = result.outcome.timeWait[0];
		expect(tw.linuxUntil - tw.from).toBe(60_000);
		expect(tw.rfcUntil - tw.from).toBe(240_000);
	});

	it('server closing first leaves the server in TIME-WAIT', () => {
		const result = run('close-server-first', opts);
		expect(result.outcome.timeWait.map((t) => t.side)).toEqual(['server']);
		expect(result.outcome.finalStates).toEqual({ client: 'CLOSED', server: 'TIME-WAIT' });
	});

	it('simultaneous close: FIN,ACK 100/300 and 300/100 cross, ACKs 101/301 and 301/101, both in TIME-WAIT', () => {
		const result = run('simultaneous-close', opts);
		expect(result.segments.slice(3).map(brief)).toEqual([
			['client', 'F.', 100, 300],
			['server', 'F.', 300, 100],
			['client', '.', 101, 301],
			['server', '.', 301, 101]
		]);
		const path = (side: Side) =>
			result.segments
				.flatMap((s) => s.transitions.filter((t) => t.side === side))
				.sort((a, b) => a.at - b.at)
				.map((t) => t.to);
		expect(path('client').slice(-3)).toEqual(['FIN-WAIT-1', 'CLOSING', 'TIME-WAIT']);
		expect(path('server').slice(-3)).toEqual(['FIN-WAIT-1', 'CLOSING', 'TIME-WAIT']);
		expect(result.outcome.timeWait.map((t) => t.side).sort()).toEqual(['client', 'server']);
	});

	it('half-close: the server still sends after the client’s FIN, and the client acknowledges it', () => {
		const result = run('half-close', opts);
		const fin = result.segments.find((s) => s.from === 'client' && s.flags.FIN);
		const reply = result.segments.find((s) => s.from === 'server' && s.length > 0);
		expect(fin && reply && reply.index > fin.index).toBe(true);
		expect(reply?.clientState).toBe('FIN-WAIT-2');
		expect(reply?.serverState).toBe('CLOSE-WAIT');
		const ack = result.segments[(reply?.index ?? 0) + 1];
		expect(brief(ack)).toEqual(['client', '.', (fin?.seq ?? 0) + 1, (reply?.seq ?? 0) + 4]);
		expect(
			result.outcome.calls.filter((c) => c.call === 'recv' && c.side === 'server')
		).toMatchObject([{ returns: 4 }, { returns: 0 }]);
		expect(result.outcome.timeWait.map((t) => t.side)).toEqual(['client']);
	});
});

describe('data', () => {
	it('acknowledges each byte run with its first sequence number + its length', () => {
		const result = run('data', { isnClient: 99, isnServer: 299 });
		const [request, ack, response, ack2] = result.segments.slice(3);
		expect(brief(request)).toEqual(['client', 'P.', 100, 300]);
		expect(brief(ack)).toEqual(['server', '.', 300, 100 + request.length]);
		expect(brief(response)).toEqual(['server', 'P.', 300, 100 + request.length]);
		expect(brief(ack2)).toEqual(['client', '.', 100 + request.length, 300 + response.length]);
		expect(request.payload.startsWith('GET / HTTP/1.1\r\n')).toBe(true);
		expect(request.length).toBe(request.payload.length);
	});
});

describe('losses and timers', () => {
	it('lost-syn: the same SYN goes again after the 1 s initial RTO (RFC 6298 §2.1)', () => {
		const [lost, again] = run('lost-syn').segments;
		expect(lost.lost).toBe(true);
		expect(again.time - lost.time).toBe(1000);
		expect(again.seq).toBe(lost.seq);
		expect(again.retransmission).toEqual({ of: 0, timeout: 1000, copy: 2 });
	});

	it('lost-syn-ack: the server sends the same SYN-ACK again when the repeated SYN arrives', () => {
		const s = run('lost-syn-ack').segments;
		const synAcks = s.filter((x) => x.flags.SYN && x.flags.ACK);
		expect(synAcks).toHaveLength(2);
		expect(synAcks[0].lost).toBe(true);
		expect(brief(synAcks[1])).toEqual(brief(synAcks[0]));
		const repeatedSyn = s.find((x) => x.from === 'client' && x.retransmission);
		expect(synAcks[1].time).toBe(repeatedSyn?.arrives);
		expect(synAcks[1].serverState).toBe('SYN-RECEIVED');
		expect(synAcks[1].ipId).toBe(0);
	});

	it('lost-ack: the client is ESTABLISHED while the server waits in SYN-RECEIVED and resends its SYN-ACK after 1 s', () => {
		const result = run('lost-ack', { isnClient: 100, isnServer: 300 });
		const s = result.segments;
		expect(s.map(brief)).toEqual([
			['client', 'S', 100, null],
			['server', 'S.', 300, 101],
			['client', '.', 101, 301],
			['server', 'S.', 300, 101],
			['client', '.', 101, 301]
		]);
		expect(s[2].lost).toBe(true);
		expect([s[2].clientState, s[2].serverState]).toEqual(['ESTABLISHED', 'SYN-RECEIVED']);
		expect(s[3].time - s[1].time).toBe(1000);
		expect(s[3].retransmission).toMatchObject({ of: 1, timeout: 1000 });
		expect([s[3].clientState, s[3].serverState]).toEqual(['ESTABLISHED', 'SYN-RECEIVED']);
		expect([s[4].clientState, s[4].serverState]).toEqual(['ESTABLISHED', 'ESTABLISHED']);
		expect(s[4].source).toMatch(/RFC 9293 §3\.10\.7\.4/);
		expect(s[4].explanation).toMatch(/data segment/);
		const accept = result.outcome.calls.find((c) => c.call === 'accept');
		expect(result.outcome.connect.at).toBeLessThan(accept?.at ?? 0);
	});

	it('syn-timeout: 11 SYNs and ETIMEDOUT at 131 s by default, 7 SYNs and 127 s for old kernels (K16)', () => {
		for (const [profile, syns, end] of [
			['linux-6.5+', 11, 131_000],
			['linux-legacy', 7, 127_000]
		] as const) {
			const result = run('syn-timeout', { profile });
			expect(result.segments).toHaveLength(syns);
			expect(
				result.segments.every((s) => s.lost && s.flags.SYN && s.seq === result.isnClient)
			).toBe(true);
			expect(result.outcome.synsSent).toBe(syns);
			expect(result.outcome.connect).toMatchObject({ returns: -1, errno: 'ETIMEDOUT', at: end });
			expect(result.outcome.finalStates.client).toBe('CLOSED');
		}
		expect(run('syn-timeout').profile).toBe('linux-6.5+');
	});
});

describe('resets', () => {
	it('closed-port: RST,ACK with seq 0 and ack ISN + 1, then ECONNREFUSED (K9, C20)', () => {
		const result = run('closed-port', { isnClient: 603035226 });
		const [, rst] = result.segments;
		expect(brief(rst)).toEqual(['server', 'R.', 0, 603035227]);
		expect(rst.window).toBe(0);
		expect(rst.ipId).toBe(0);
		expect(rst.serverState).toBe('CLOSED');
		expect(rst.clientState).toBe('CLOSED');
		expect(result.outcome.connect).toMatchObject({ returns: -1, errno: 'ECONNREFUSED' });
	});

	it('abort: RST with the next sequence number; Linux closes both sides at once, the peer gets ECONNRESET', () => {
		const result = run('abort');
		const rst = result.segments[result.segments.length - 1];
		const request = result.segments.find((s) => s.length > 0);
		expect(rst.flags.RST && rst.flags.ACK).toBe(true);
		expect(rst.seq).toBe(((request?.seq ?? 0) + (request?.length ?? 0)) % TWO_32);
		expect([rst.clientState, rst.serverState]).toEqual(['CLOSED', 'CLOSED']);
		expect(result.outcome.timeWait).toEqual([]);
		expect(result.outcome.calls).toContainEqual(
			expect.objectContaining({ side: 'server', call: 'recv', returns: -1, errno: 'ECONNRESET' })
		);
		expect(rst.explanation).toMatch(/TIME-WAIT/);
	});
});

describe('options', () => {
	it('differ by seed in what a kernel picks at random, and never in the arithmetic', () => {
		const a = run('data', { seed: 1, isnClient: 5, isnServer: 7 });
		const b = run('data', { seed: 2, isnClient: 5, isnServer: 7 });
		expect(a.endpoints.clientPort).not.toBe(b.endpoints.clientPort);
		expect(a.segments.map(brief)).toEqual(b.segments.map(brief));
		expect(a.endpoints.clientPort).toBeGreaterThanOrEqual(32768);
		expect(a.endpoints.clientPort).toBeLessThanOrEqual(60999);
	});

	it('draws the ISNs from the seed when none are given, and one edited ISN changes nothing else', () => {
		const drawn = run('open', { seed: 3 });
		const edited = run('open', { seed: 3, isnClient: 12345 });
		expect(edited.isnServer).toBe(drawn.isnServer);
		expect(edited.endpoints).toEqual(drawn.endpoints);
	});

	it('scales the timeline with the one-way delay', () => {
		const result = run('open', { delay: 250 });
		expect(result.segments.map((s) => s.time)).toEqual([0, 250, 500]);
	});

	it('refuses bad options with located, worded errors', () => {
		const bad = simulateConnection('nope' as ScenarioId, {
			isnClient: -1,
			isnServer: 2 ** 32,
			seed: NaN,
			profile: 'linux-2.4' as never,
			delay: 0
		});
		expect(bad.ok).toBe(false);
		if (!bad.ok) {
			expect(bad.errors.map((e) => e.option)).toEqual([
				'scenario',
				'isnClient',
				'isnServer',
				'seed',
				'profile',
				'delay'
			]);
			for (const e of bad.errors) expect(e.message).toMatch(/\.$/);
		}
		for (const isn of [1.5, '7', null, Infinity]) {
			const result = simulateConnection('open', { isnClient: isn as number });
			expect(result.ok).toBe(false);
		}
	});

	it('never throws, whatever it is given', () => {
		fc.assert(
			fc.property(
				fc.oneof(fc.constantFrom(...SCENARIO_IDS), fc.string()),
				fc.record(
					{
						isnClient: fc.oneof(fc.nat({ max: TWO_32 - 1 }), fc.anything()),
						isnServer: fc.nat({ max: TWO_32 - 1 }),
						seed: fc.oneof(fc.double(), fc.integer()),
						delay: fc.oneof(fc.integer({ min: 1, max: 400 }), fc.anything()),
						profile: fc.constantFrom('linux-6.5+', 'linux-legacy', 'x')
					},
					{ requiredKeys: [] }
				),
				(scenario, options) => {
					const result = simulateConnection(scenario as ScenarioId, options as SimulationOptions);
					if (result.ok) checkArithmetic(result);
					expect(typeof result.ok).toBe('boolean');
				}
			),
			{ numRuns: 300 }
		);
	});
});
