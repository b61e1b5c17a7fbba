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

	it('credits a duplicate’s ACK to the copy that first arrived', () => {
		const numbers = segmentNumbers(run('lost-ack').segments);
		expect(numbers[4].ack?.after).toBe(1);
		const lostSynAck = segmentNumbers(run('lost-syn-ack').segments);
		expect(lostSynAck[4].ack?.after).toBe(3);
	});
});
