/**
 * Summaries, series and tables worked out from a transport's timeline. Everything here reads
 * only the timeline (and the event times), so a summary always adds up from what is drawn.
 */
import type {
	LatencyStats,
	SimulationResult,
	TimelineEntry,
	TransportName,
	TransportSummary
} from './types';
import { TRANSPORT_NAMES } from './types';

/**
 * Mean, median, 95th percentile and maximum of `values`. Percentiles use the nearest-rank
 * method: the p-th percentile is the ⌈p/100 · n⌉-th smallest value. With no values every figure
 * is 0 and `count` is 0.
 */
export function latencyStats(values: readonly number[]): LatencyStats {
	const count = values.length;
	if (count === 0) return { count: 0, mean: 0, p50: 0, p95: 0, max: 0 };
	const sorted = values.slice().sort((a, b) => a - b);
	const rank = (p: number) => sorted[Math.max(0, Math.ceil((p / 100) * count) - 1)];
	const mean = sorted.reduce((sum, v) => sum + v, 0) / count;
	return { count, mean, p50: rank(50), p95: rank(95), max: sorted[count - 1] };
}

/** Each event's latency (arrival at the client − time at the server), by event index. */
export function eventLatencies(
	timeline: readonly TimelineEntry[],
	events: readonly number[]
): (number | null)[] {
	const latency: (number | null)[] = events.map(() => null);
	for (const item of timeline) {
		if (item.direction !== 'server-to-client') continue;
		for (const id of item.eventIds) {
			if (id >= 0 && id < events.length && latency[id] === null)
				latency[id] = item.end - events[id];
		}
	}
	return latency;
}

/** The summary of one transport's timeline. */
export function summarise(
	timeline: readonly TimelineEntry[],
	events: readonly number[]
): TransportSummary {
	let header = 0;
	let payload = 0;
	let requests = 0;
	let connections = 0;
	let emptyResponses = 0;
	for (const item of timeline) {
		header += item.bytes.header;
		payload += item.bytes.payload;
		if (item.kind === 'request') requests++;
		if (item.kind === 'connect') connections++;
		if (item.empty) emptyResponses++;
	}
	const delivered = eventLatencies(timeline, events).filter((v): v is number => v !== null);
	return {
		latency: latencyStats(delivered),
		bytes: { header, payload, total: header + payload },
		requests,
		connections,
		emptyResponses,
		undelivered: events.length - delivered.length
	};
}

/** When the last entry of any transport ends (the right edge of a shared time axis). */
export function timelineEnd(result: SimulationResult): number {
	let end = 0;
	for (const name of TRANSPORT_NAMES) {
		for (const item of result[name].timeline) end = Math.max(end, item.end);
	}
	return end;
}

/** One point of a cumulative byte count: `bytes` sent in total by time `t`. */
export interface BytesPoint {
	t: number;
	bytes: number;
}

/**
 * Bytes sent over time by both sides of one transport, as a step series for a chart: a point
 * wherever the total changes (an entry counts when it is sent), starting at (0, 0) and ending at
 * `until` with the final total.
 */
export function bytesOverTime(timeline: readonly TimelineEntry[], until: number): BytesPoint[] {
	const sends = timeline
		.filter((item) => item.bytes.header + item.bytes.payload > 0)
		.map((item) => ({ t: item.start, bytes: item.bytes.header + item.bytes.payload }))
		.sort((a, b) => a.t - b.t);
	const points: BytesPoint[] = [{ t: 0, bytes: 0 }];
	let total = 0;
	for (const send of sends) {
		total += send.bytes;
		const last = points[points.length - 1];
		if (last.t === send.t) last.bytes = total;
		else points.push({ t: send.t, bytes: total });
	}
	const end = Math.max(until, points[points.length - 1].t);
	if (points[points.length - 1].t < end) points.push({ t: end, bytes: total });
	return points;
}

/** The bytes-over-time series of all four transports on one axis, to `until` or the last arrival. */
export function bytesSeries(
	result: SimulationResult,
	until = 0
): {
	end: number;
	max: number;
	series: Record<TransportName, BytesPoint[]>;
} {
	const end = Math.max(until, timelineEnd(result));
	const series = {} as Record<TransportName, BytesPoint[]>;
	let max = 0;
	for (const name of TRANSPORT_NAMES) {
		series[name] = bytesOverTime(result[name].timeline, end);
		max = Math.max(max, series[name][series[name].length - 1].bytes);
	}
	return { end, max, series };
}

/** The columns of the cost table, in order. */
export const COST_COLUMNS = [
	'meanLatency',
	'p95Latency',
	'requests',
	'connections',
	'emptyResponses',
	'headerBytes',
	'payloadBytes',
	'totalBytes',
	'bytesPerEvent'
] as const;

export type CostColumn = (typeof COST_COLUMNS)[number];

/** One row of the cost table: a transport and its numbers (null where there is none). */
export interface CostRow {
	transport: TransportName;
	values: Record<CostColumn, number | null>;
}

/**
 * The cost table a lesson embeds: for each transport, its latency, requests, connections,
 * wasted polls and bytes, and bytes per delivered event (null when none was delivered).
 */
export function costTable(result: SimulationResult): CostRow[] {
	return TRANSPORT_NAMES.map((transport) => {
		const s = result[transport].summary;
		const delivered = s.latency.count;
		return {
			transport,
			values: {
				meanLatency: delivered > 0 ? s.latency.mean : null,
				p95Latency: delivered > 0 ? s.latency.p95 : null,
				requests: s.requests,
				connections: s.connections,
				emptyResponses: s.emptyResponses,
				headerBytes: s.bytes.header,
				payloadBytes: s.bytes.payload,
				totalBytes: s.bytes.total,
				bytesPerEvent: delivered > 0 ? s.bytes.total / delivered : null
			}
		};
	});
}
