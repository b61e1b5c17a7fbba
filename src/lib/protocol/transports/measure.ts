/**
 * The live race's arithmetic (pure): the browser's clock against the server's, each event's
 * latency from the server's send time to the browser's receipt, and the bytes each transport
 * moved, from Resource Timing entries for HTTP and from frame sizes for WebSocket.
 *
 * Times here are milliseconds since the Unix epoch: the server's `sentAt` and `serverTime`, and
 * on the browser `performance.timeOrigin + performance.now()`.
 */
import { frameHeaderLength } from '../websocket/encode';
import { latencyStats } from './summary';
import type { LatencyStats } from './types';
import {
	SSE_HEARTBEAT,
	sseEventText,
	sseGapText,
	sseRetryText,
	utf8Length,
	type WireEvent,
	type WireGap
} from './wire';

export { latencyStats };

/** One round trip used to compare clocks: browser send, server timestamp, browser receipt. */
export interface ClockProbe {
	/** Browser clock when the request was sent. */
	sentAt: number;
	/** Browser clock when the answer arrived. */
	receivedAt: number;
	/** Server clock when it answered (the poll answer's `serverTime`). */
	serverTime: number;
}

/** How far the server's clock is ahead of the browser's, and how sure that is. */
export interface ClockOffset {
	/** server clock − browser clock (ms): add it to a browser time to get server time. */
	offsetMs: number;
	/** The true offset is within ± this of `offsetMs` (half the interval every probe allows). */
	uncertaintyMs: number;
	/** The shortest round trip among the probes (ms). */
	bestRttMs: number;
	/** Probes used. */
	probes: number;
	/** False when the probes' intervals did not overlap (a clock stepped): the best probe alone. */
	consistent: boolean;
}

/**
 * Estimates the clock offset from probes, NTP-style. The server stamped its answer somewhere
 * between the request's send and the answer's receipt, so each probe bounds the offset to
 * [serverTime − receivedAt, serverTime − sentAt], an interval one round trip wide. The estimate
 * is the middle of the intersection of all the intervals, and its uncertainty half its width; each
 * interval is widened by `resolutionMs` on both sides for the clocks' rounding. With no usable
 * probe: null.
 */
export function estimateClockOffset(
	probes: readonly ClockProbe[],
	resolutionMs = 0.1
): ClockOffset | null {
	const usable = probes.filter(
		(probe) =>
			[probe.sentAt, probe.receivedAt, probe.serverTime].every(Number.isFinite) &&
			probe.receivedAt >= probe.sentAt
	);
	if (usable.length === 0) return null;
	const widen = Math.max(0, resolutionMs);
	const intervals = usable.map((probe) => ({
		low: probe.serverTime - probe.receivedAt - widen,
		high: probe.serverTime - probe.sentAt + widen,
		rtt: probe.receivedAt - probe.sentAt
	}));
	const best = intervals.reduce((a, b) => (b.rtt < a.rtt ? b : a));
	let low = Math.max(...intervals.map((interval) => interval.low));
	let high = Math.min(...intervals.map((interval) => interval.high));
	const consistent = low <= high;
	if (!consistent) ({ low, high } = best);
	return {
		offsetMs: (low + high) / 2,
		uncertaintyMs: (high - low) / 2,
		bestRttMs: best.rtt,
		probes: usable.length,
		consistent
	};
}

/** One event as the browser received it. */
export interface Receipt {
	id: number;
	/** Server clock when it was sent (the event's `sentAt`). */
	sentAt: number;
	/** Browser clock when it arrived. */
	receivedAt: number;
}

/**
 * Latency statistics of the receipts whose send time lies in [from, to] (server clock): browser
 * receipt converted to server time with `offsetMs`, minus the send time. Each figure is only as
 * good as the offset: ± its uncertainty. An event received twice counts once (its first receipt).
 */
export function measuredLatency(
	receipts: readonly Receipt[],
	offsetMs: number,
	window: { from: number; to: number } = { from: -Infinity, to: Infinity }
): LatencyStats {
	const first = new Map<number, number>();
	for (const receipt of receipts) {
		if (receipt.sentAt < window.from || receipt.sentAt > window.to) continue;
		const latency = receipt.receivedAt + offsetMs - receipt.sentAt;
		const seen = first.get(receipt.id);
		if (seen === undefined || latency < seen) first.set(receipt.id, latency);
	}
	return latencyStats([...first.values()]);
}

/** The fields of a PerformanceResourceTiming entry this reads. */
export interface ResourceEntryLike {
	name: string;
	/** encodedBodySize plus a stand-in for the headers; 0 when hidden or served from cache. */
	transferSize: number;
	/** The body as it came over the wire (before decompression). */
	encodedBodySize: number;
}

/**
 * What `transferSize` adds to the body: Resource Timing no longer exposes the real size of the
 * response's header fields, and adds this constant instead (W3C Resource Timing, transferSize:
 * "encoded size plus 300").
 */
export const RESOURCE_TIMING_HEADER_STAND_IN = 300;

/** What Resource Timing says a set of HTTP responses cost. */
export interface HttpBytes {
	/** Entries counted. */
	responses: number;
	/** Sum of `transferSize`. */
	total: number;
	/** Sum of `encodedBodySize` over the counted entries: the bodies, measured. */
	body: number;
	/** total − body: what the browser reports for the response headers. */
	header: number;
	/** True when every counted entry's header part is the spec's 300: a stand-in, not a measure. */
	headerIsStandIn: boolean;
	/** Entries whose transferSize was 0 (served from cache, or hidden): not in the sums. */
	unmeasured: number;
}

/**
 * Sums Resource Timing entries. The bodies are measured; the header part of `transferSize` is,
 * in browsers that follow the current spec, the constant 300 per response, and the request's own
 * headers are in no entry at all.
 */
export function resourceBytes(entries: readonly ResourceEntryLike[]): HttpBytes {
	const bytes: HttpBytes = {
		responses: 0,
		total: 0,
		body: 0,
		header: 0,
		headerIsStandIn: true,
		unmeasured: 0
	};
	for (const entry of entries) {
		if (!(entry.transferSize > 0)) {
			bytes.unmeasured++;
			continue;
		}
		const body = Math.min(entry.encodedBodySize, entry.transferSize);
		bytes.responses++;
		bytes.total += entry.transferSize;
		bytes.body += body;
		if (entry.transferSize - body !== RESOURCE_TIMING_HEADER_STAND_IN)
			bytes.headerIsStandIn = false;
	}
	bytes.header = bytes.total - bytes.body;
	return bytes;
}

/** Bytes of the WebSocket frames that carried these messages from the server (unmasked). */
export function webSocketFrameBytes(messageBytes: readonly number[]): {
	frames: number;
	header: number;
	payload: number;
	total: number;
} {
	let header = 0;
	let payload = 0;
	for (const length of messageBytes) {
		// A server's frames are never masked (RFC 6455 §5.1): 2 bytes, + 2 or 8 for a long length.
		header += frameHeaderLength(length, false);
		payload += length;
	}
	return { frames: messageBytes.length, header, payload, total: header + payload };
}

/**
 * The body bytes of an event stream that delivered `events` (and `gaps`), worked out from the
 * server's exact format: the `retry:` field, each event's `id:` and `data:` lines, and
 * `heartbeats` comment lines (EventSource hides those, so the caller counts them from time).
 */
export function sseBodyBytes(
	events: readonly WireEvent[],
	options: { retryMs: number; heartbeats?: number; gaps?: readonly WireGap[] }
): number {
	let total = utf8Length(sseRetryText(options.retryMs));
	for (const event of events) total += utf8Length(sseEventText(event));
	for (const gap of options.gaps ?? []) total += utf8Length(sseGapText(gap));
	return total + (options.heartbeats ?? 0) * utf8Length(SSE_HEARTBEAT);
}
