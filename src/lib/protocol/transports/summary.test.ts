import { describe, expect, it } from 'vitest';
import { DEFAULT_OPTIONS } from './defaults';
import { simulateTransports } from './simulate';
import { bytesOverTime, costTable, latencyStats } from './summary';
import { TRANSPORT_NAMES, type TimelineEntry } from './types';

const item = (start: number, header: number, payload = 0): TimelineEntry => ({
	kind: 'request',
	start,
	end: start + 10,
	bytes: { header, payload },
	eventIds: [],
	direction: 'client-to-server',
	connection: 0,
	empty: false
});

describe('latencyStats', () => {
	it('takes nearest-rank percentiles: the ⌈p/100 · n⌉-th smallest value', () => {
		// 1..20: mean 10.5; p50 is the 10th value, p95 the 19th.
		const values = Array.from({ length: 20 }, (_, i) => 20 - i);
		expect(latencyStats(values)).toEqual({ count: 20, mean: 10.5, p50: 10, p95: 19, max: 20 });
	});

	it('gives zeros with a count of 0 when nothing was delivered', () => {
		expect(latencyStats([])).toEqual({ count: 0, mean: 0, p50: 0, p95: 0, max: 0 });
	});
});

describe('bytesOverTime', () => {
	it('steps up by each entry’s bytes when it is sent, and runs to the end of the axis', () => {
		const timeline = [item(0, 0), item(100, 700), item(100, 0, 50), item(300, 44)];
		expect(bytesOverTime(timeline, 1000)).toEqual([
			{ t: 0, bytes: 0 },
			{ t: 100, bytes: 750 },
			{ t: 300, bytes: 794 },
			{ t: 1000, bytes: 794 }
		]);
	});
});

describe('costTable', () => {
	it('has one row per transport, whose totals are the summary’s', () => {
		const outcome = simulateTransports(DEFAULT_OPTIONS);
		if (!outcome.ok) throw new Error(outcome.error.message);
		const rows = costTable(outcome.result);
		expect(rows.map((r) => r.transport)).toEqual(TRANSPORT_NAMES);
		for (const row of rows) {
			const { summary } = outcome.result[row.transport];
			expect(row.values.totalBytes).toBe(summary.bytes.total);
			expect(row.values.bytesPerEvent).toBe(summary.bytes.total / summary.latency.count);
		}
	});
});
