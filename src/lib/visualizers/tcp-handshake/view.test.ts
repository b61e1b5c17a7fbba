import { describe, expect, it } from 'vitest';
import { SCENARIO_IDS, simulateConnection } from '$lib/protocol/tcp/simulate';
import { formatDuration, formatMs } from './format';
import { STEPPER_TEXT } from './stepper-text';
import {
	callText,
	clampStep,
	decoderHref,
	flagNames,
	initialStates,
	isnOption,
	layoutDiagram,
	optionsText,
	profileMatters,
	randomIsns,
	segmentHex,
	stepCount,
	stepView,
	wrapWords,
	type RunSimulation
} from './view';

const run = (scenario: (typeof SCENARIO_IDS)[number], profile?: 'linux-6.5+' | 'linux-legacy') => {
	const sim = simulateConnection(scenario, { isnClient: 1000, isnServer: 5000, profile });
	if (!sim.ok) throw new Error('the model refused a valid scenario');
	return sim as RunSimulation;
};

const flags = (set: string[]) => ({
	CWR: set.includes('CWR'),
	ECE: set.includes('ECE'),
	URG: set.includes('URG'),
	ACK: set.includes('ACK'),
	PSH: set.includes('PSH'),
	RST: set.includes('RST'),
	SYN: set.includes('SYN'),
	FIN: set.includes('FIN')
});

describe('flagNames', () => {
	it('lists the flags as Wireshark’s Info column does', () => {
		expect(flagNames(flags(['SYN', 'ACK']))).toBe('SYN, ACK');
		expect(flagNames(flags(['FIN', 'ACK']))).toBe('FIN, ACK');
		expect(flagNames(flags(['PSH', 'ACK']))).toBe('PSH, ACK');
		expect(flagNames(flags(['RST', 'ACK']))).toBe('RST, ACK');
		expect(flagNames(flags(['SYN']))).toBe('SYN');
	});
});

describe('optionsText', () => {
	it('writes options in tcpdump’s words', () => {
		expect(
			optionsText([
				{ kind: 'mss', value: 1460 },
				{ kind: 'sackOK' },
				{ kind: 'timestamps', tsval: 7, tsecr: 0 },
				{ kind: 'nop' },
				{ kind: 'wscale', shift: 10 }
			])
		).toBe('mss 1460, sackOK, TS val 7 ecr 0, nop, wscale 10');
		expect(optionsText([])).toBe('');
	});
});

describe('callText', () => {
	it('writes a call as strace shows a return value', () => {
		expect(callText({ side: 'client', call: 'connect', returns: 0, errno: null, at: 20 })).toBe(
			'connect() = 0'
		);
		expect(
			callText({ side: 'client', call: 'connect', returns: -1, errno: 'ETIMEDOUT', at: 1 })
		).toBe('connect() = -1 ETIMEDOUT');
	});
});

describe('initialStates', () => {
	it('starts a client CLOSED and a listening server in LISTEN (RFC 9293 Figure 6)', () => {
		expect(initialStates(run('open').segments)).toEqual({ client: 'CLOSED', server: 'LISTEN' });
	});
	it('starts both peers of a simultaneous open CLOSED (Figure 7)', () => {
		expect(initialStates(run('simultaneous-open').segments)).toEqual({
			client: 'CLOSED',
			server: 'CLOSED'
		});
	});
	it('starts a port with no listener CLOSED', () => {
		expect(initialStates(run('closed-port').segments).server).toBe('CLOSED');
	});
	it('starts an unreachable listener in LISTEN, where it stays', () => {
		expect(initialStates(run('syn-timeout').segments).server).toBe('LISTEN');
	});
});

describe('stepView', () => {
	it('has one step per segment, then the outcome', () => {
		const sim = run('open');
		expect(stepCount(sim)).toBe(4);
		expect(stepView(sim, 0).kind).toBe('segment');
		expect(stepView(sim, 3).kind).toBe('outcome');
		expect(clampStep(sim, 99)).toBe(3);
		expect(clampStep(sim, -4)).toBe(0);
	});
	it('shows the states before and after each segment, and the rows it drove in time order', () => {
		const sim = run('open');
		const first = stepView(sim, 0);
		expect(first.before).toEqual({ client: 'CLOSED', server: 'LISTEN' });
		expect(first.states).toEqual({ client: 'SYN-SENT', server: 'SYN-RECEIVED' });
		if (first.kind !== 'segment') throw new Error('not a segment');
		expect(first.transitions.map((t) => `${t.side} ${t.from}→${t.to}`)).toEqual([
			'client CLOSED→SYN-SENT',
			'server LISTEN→SYN-RECEIVED'
		]);
	});
	it('ends syn-timeout with the client CLOSED', () => {
		const sim = run('syn-timeout');
		expect(stepView(sim, stepCount(sim) - 1).states.client).toBe('CLOSED');
	});
});

describe('segmentHex and decoderHref', () => {
	it('encodes a SYN-ACK as an IPv4 packet whose TCP flags byte is 0x12', () => {
		const hex = segmentHex(run('open').segments[1]);
		expect(hex).toMatch(/^[0-9a-f]+$/);
		// RFC 791: version 4, IHL 5. RFC 9293 §3.1: flags are byte 13 of the TCP header.
		expect(hex?.slice(0, 2)).toBe('45');
		expect(hex?.slice(33 * 2, 34 * 2)).toBe('12');
	});
	it('links to the packet decoder with the hex and the raw link type', () => {
		expect(decoderHref('/tools/', '4500')).toBe('/tools/packet-decoder/?hex=4500&link=raw');
	});
});

describe('isnOption', () => {
	it('reads digits as a number and hands anything else to the model as typed', () => {
		expect(isnOption(' 42 ')).toBe(42);
		expect(isnOption('4294967296')).toBe(4294967296);
		expect(isnOption('-1')).toBe(-1);
		expect(isnOption('12ab')).toBe('12ab');
	});
	it('gives the model what makes it name the field and quote the text', () => {
		const sim = simulateConnection('open', { isnClient: isnOption('12ab') });
		expect(sim.ok).toBe(false);
		if (!sim.ok) {
			expect(sim.errors[0].option).toBe('isnClient');
			expect(sim.errors[0].message).toContain('12ab');
		}
	});
});

describe('randomIsns', () => {
	it('reads two big-endian 32-bit numbers from eight random bytes', () => {
		expect(randomIsns(() => new Uint8Array([0, 0, 0, 1, 255, 255, 255, 255]))).toEqual([
			'1',
			'4294967295'
		]);
	});
});

describe('layoutDiagram', () => {
	it('draws a handshake to scale: later segments lower, each arrow one delay tall', () => {
		const layout = layoutDiagram(run('open'));
		expect(layout.broken).toBe(false);
		const [a, b, c] = layout.arrows;
		expect(b.y0).toBe(a.y1);
		expect(c.y0).toBe(b.y1);
		expect(a.y1 - a.y0).toBe(b.y1 - b.y0);
		expect(layout.height).toBeGreaterThan(c.y1);
	});
	it('cuts the long waits of syn-timeout short and says how long each was', () => {
		const sim = run('syn-timeout');
		const layout = layoutDiagram(sim);
		expect(layout.broken).toBe(true);
		// K16: 131 s in all, so the cut waits add up to most of it.
		const total = layout.gaps.reduce((sum, g) => sum + g.ms, 0);
		expect(total).toBeGreaterThan(120_000);
		expect(layout.height).toBeLessThan(2000);
		for (let i = 1; i < layout.arrows.length; i++) {
			expect(layout.arrows[i].y0).toBeGreaterThan(layout.arrows[i - 1].y0);
		}
	});
	it('drops a lost segment halfway and draws the timer of its retransmission', () => {
		const layout = layoutDiagram(run('lost-syn'));
		const [lost, again] = layout.arrows;
		expect(lost.lost).toBe(true);
		expect(again.timer).toEqual({ y0: lost.y0, y1: again.y0 });
	});
	it('puts the labels of crossing segments beside their senders, above the crossing', () => {
		const layout = layoutDiagram(run('simultaneous-open'));
		const [a, b] = layout.arrows;
		expect(a.labelAt).toBe('sender');
		expect(b.labelAt).toBe('sender');
		expect(a.labelY).toBeLessThan((a.y0 + a.y1) / 2);
		expect(b.labelY).toBeGreaterThan((b.y0 + b.y1) / 2);
		expect(layoutDiagram(run('open')).arrows[0].labelAt).toBe('middle');
		expect(layoutDiagram(run('lost-syn')).arrows[0].labelAt).toBe('drawn');
	});
	it('lays out every scenario with both profiles within its height', () => {
		for (const id of SCENARIO_IDS) {
			for (const profile of ['linux-6.5+', 'linux-legacy'] as const) {
				const layout = layoutDiagram(run(id, profile));
				for (const a of layout.arrows) {
					expect(a.y0).toBeLessThanOrEqual(a.y1);
					expect(a.y1).toBeLessThan(layout.height);
				}
			}
		}
	});
});

describe('wrapWords', () => {
	it('breaks a note at spaces into lines of at most the width', () => {
		expect(wrapWords('no timer: resent at 1,010 ms for the repeated SYN', 30)).toEqual([
			'no timer: resent at 1,010 ms',
			'for the repeated SYN'
		]);
		expect(wrapWords('RTO 1 s → resent at 1,000 ms', 30)).toEqual(['RTO 1 s → resent at 1,000 ms']);
	});
	it('gives a word longer than the width a line of its own', () => {
		expect(wrapWords('a verylongword b', 5)).toEqual(['a', 'verylongword', 'b']);
	});
});

describe('formatting', () => {
	it('writes times and durations with their units', () => {
		expect(formatMs(1010)).toBe('1,010 ms');
		expect(formatMs(131_000)).toBe('131 s');
		expect(formatDuration(1000)).toBe('1 s');
		expect(formatDuration(990)).toBe('990 ms');
		expect(formatDuration(240_000)).toBe('4 min');
		expect(formatDuration(60_000)).toBe('60 s');
	});
	it('names the retransmission timer with its length and when it fired', () => {
		expect(STEPPER_TEXT.rto(1000, 1000)).toBe('RTO 1 s → resent at 1,000 ms');
	});
});

describe('profileMatters', () => {
	it('offers the SYN profiles only where the SYN retries show (K16)', () => {
		expect(profileMatters('syn-timeout')).toBe(true);
		expect(profileMatters('open')).toBe(false);
		expect(profileMatters('close-client-first')).toBe(false);
	});
});
