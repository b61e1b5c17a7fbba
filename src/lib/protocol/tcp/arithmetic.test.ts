import { describe, expect, it } from 'vitest';
import { segmentNumbers } from './arithmetic';
import dissection from './fixtures/tshark-dissection.json';
import {
	SCENARIO_IDS,
	simulateConnection,
	type ScenarioId,
	type SimulatedSegment,
	type SimulationOptions
} from './simulate';

const run = (scenario: ScenarioId, options: SimulationOptions = {}) => {
	const result = simulateConnection(scenario, options);
	if (!result.ok) throw new Error(scenario);
	return result;
};
/** Sequence space of a segment, RFC 9293 §3.4: SYN and FIN one each, data its length. */
const space = (s: SimulatedSegment) => s.length + (s.flags.SYN ? 1 : 0) + (s.flags.FIN ? 1 : 0);

describe('segmentNumbers', () => {
	it('gives the relative numbers tshark shows (tcp.seq, tcp.ack) for every dissected run', () => {
		for (const r of dissection.runs) {
			const sim = run(r.scenario as ScenarioId, r.options as SimulationOptions);
			const numbers = segmentNumbers(sim.segments);
			r.packets.forEach((p, i) => {
				expect(String(numbers[i].seq.relative), `${r.scenario} ${i}`).toBe(p.tshark['tcp.seq']);
				expect(String(numbers[i].ack?.relative ?? 0), `${r.scenario} ${i}`).toBe(
					p.tshark['tcp.ack']
				);
			});
		}
	});

	it('traces every number to the end of an earlier segment: its SEQ plus its sequence space', () => {
		for (const scenario of SCENARIO_IDS) {
			const { segments } = run(scenario, { isnClient: 4294967290, isnServer: 77 });
			segmentNumbers(segments).forEach(({ seq, ack }, i) => {
				for (const n of [seq, ack]) {
					if (!n || n.after === null) continue;
					const before = segments[n.after];
					expect(n.after).toBeLessThan(i);
					expect(n.value).toBe((before.seq + space(before)) % 2 ** 32);
					expect(n.text).toMatch(
						new RegExp(`^${n.value} = ${before.seq} \\+ .* of segment ${n.after + 1}`)
					);
				}
			});
		}
	});

	it('spells out the handshake as RFC 9293 Figure 6 counts it', () => {
		const numbers = segmentNumbers(run('open', { isnClient: 100, isnServer: 300 }).segments);
		expect(numbers.map((n) => [n.seq.text, n.ack?.text ?? null])).toEqual([
			['100: the initial sequence number, which the SYN takes', null],
			[
				'300: the initial sequence number, which the SYN takes',
				'101 = 100 + 1 for the SYN of segment 1'
			],
			['101 = 100 + 1 for the SYN of segment 1', '301 = 300 + 1 for the SYN of segment 2']
		]);
	});

	it('names data bytes and FINs, says when the numbers wrap, and points a copy at its original', () => {
		const data = segmentNumbers(run('data', { isnClient: 4294967295, isnServer: 10 }).segments);
		expect(data[4].ack?.text).toBe('36 = 0 + 36 bytes of segment 4');
		expect(data[2].seq.text).toBe('0 = 4294967295 + 1 for the SYN of segment 1, modulo 2^32');
		const half = segmentNumbers(run('half-close', { isnClient: 99, isnServer: 299 }).segments);
		expect(half[6].ack?.text).toBe('105 = 104 + 1 for the FIN of segment 6');
		const lost = segmentNumbers(run('lost-syn').segments);
		expect(lost[1].seq.text).toMatch(/the same as segment 1, sent again$/);
		const refused = segmentNumbers(run('closed-port', { isnClient: 9 }).segments);
		expect(refused[1].seq.text).toMatch(/^0: a reset/);
		expect(refused[1].ack?.text).toBe('10 = 9 + 1 for the SYN of segment 1');
	});

	it('words the arithmetic in relative numbers, counted from each side’s ISN, when asked', () => {
		// Figure 6 again, as Wireshark's relative numbers: each side's SYN is 0.
		const open = run('open', { isnClient: 100, isnServer: 300 }).segments;
		expect(
			segmentNumbers(open, { relative: true }).map((n) => [n.seq.text, n.ack?.text ?? null])
		).toEqual([
			['0: the initial sequence number, which the SYN takes; relative numbers count from it', null],
			[
				'0: the initial sequence number, which the SYN takes; relative numbers count from it',
				'1 = 0 + 1 for the SYN of segment 1'
			],
			['1 = 0 + 1 for the SYN of segment 1', '1 = 0 + 1 for the SYN of segment 2']
		]);
		// The client's ISN is the last 32-bit number: the absolute sum wraps, the relative one does not.
		const data = run('data', { isnClient: 4294967295, isnServer: 10 }).segments;
		const relative = segmentNumbers(data, { relative: true });
		expect(relative[2].seq.text).toBe('1 = 0 + 1 for the SYN of segment 1');
		// 36 request bytes from relative 1 (absolute 0): the next expected is relative 37.
		expect(relative[4].ack?.text).toBe('37 = 1 + 36 bytes of segment 4');
		// ISN 99: "ping" is relative bytes 1–4, the FIN takes 5, its ACK names 6.
		const half = run('half-close', { isnClient: 99, isnServer: 299 }).segments;
		expect(segmentNumbers(half, { relative: true })[6].ack?.text).toBe(
			'6 = 5 + 1 for the FIN of segment 6'
		);
		const lost = segmentNumbers(run('lost-syn').segments, { relative: true });
		expect(lost[1].seq.text).toBe('0: the same as segment 1, sent again');
		// tshark shows the closed port's reset as Seq=1: it has no SYN to count from.
		const refused = segmentNumbers(run('closed-port', { isnClient: 9 }).segments, {
			relative: true
		});
		expect(refused[1].seq.text).toMatch(/^1: a reset .* sequence number 0; .* shows it as 1$/);
		expect(refused[1].ack?.text).toBe('1 = 0 + 1 for the SYN of segment 1');
	});

	it('opens every explanation with the number the view shows, in either numbering', () => {
		for (const scenario of SCENARIO_IDS) {
			const { segments } = run(scenario, { isnClient: 4294967290, isnServer: 77 });
			for (const relative of [false, true]) {
				for (const { seq, ack } of segmentNumbers(segments, { relative })) {
					for (const n of [seq, ack]) {
						if (!n) continue;
						const shown = relative ? n.relative : n.value;
						expect(n.text, `${scenario} ${n.text}`).toMatch(new RegExp(`^${shown}($|:| =)`));
					}
				}
			}
		}
	});

	it('credits a duplicate’s ACK to the copy that first arrived', () => {
		const numbers = segmentNumbers(run('lost-ack').segments);
		expect(numbers[4].ack?.after).toBe(1);
		const lostSynAck = segmentNumbers(run('lost-syn-ack').segments);
		expect(lostSynAck[4].ack?.after).toBe(3);
	});
});
