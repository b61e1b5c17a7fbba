/**
 * Where the swim lanes and the bytes chart draw things: pixel positions from simulated times and
 * byte counts. Pure, so it is tested without a browser.
 */
import type { BytesPoint } from '$lib/protocol/transports/summary';
import type { TimelineEntry } from '$lib/protocol/transports/types';

/** A lane's vertical layout, in px: the browser's line above, the server's below. */
export const LANE = { height: 72, client: 16, server: 58, left: 8, right: 8 } as const;

/** A time-to-x scale over [0, end] across `width` px, inside the lane's margins. */
export function timeScale(end: number, width: number): (t: number) => number {
	const span = Math.max(1, width - LANE.left - LANE.right);
	const safeEnd = end > 0 ? end : 1;
	return (t) => LANE.left + (Math.min(Math.max(t, 0), safeEnd) / safeEnd) * span;
}

/** An arrow as drawn at time `now`: from its sender's line towards its receiver's. */
export interface Arrow {
	x1: number;
	y1: number;
	x2: number;
	y2: number;
	/** True once it has arrived (a head is drawn). */
	arrived: boolean;
}

/**
 * The part of `entry` sent by `now`: null before it is sent, a partial line while it travels,
 * the whole arrow once it has arrived. A `connect` is not an arrow (see setUpBar).
 */
export function arrowAt(entry: TimelineEntry, now: number, x: (t: number) => number): Arrow | null {
	if (entry.kind === 'connect' || now < entry.start) return null;
	const down = entry.direction === 'client-to-server';
	const y1 = down ? LANE.client : LANE.server;
	const y2 = down ? LANE.server : LANE.client;
	const span = entry.end - entry.start;
	const progress = span <= 0 ? 1 : Math.min(1, (now - entry.start) / span);
	return {
		x1: x(entry.start),
		y1,
		x2: x(entry.start + span * progress),
		y2: y1 + (y2 - y1) * progress,
		arrived: progress >= 1
	};
}

/** A connection set-up as a bar on the browser's line, cut at `now`; null before it starts. */
export function setUpBar(
	entry: TimelineEntry,
	now: number,
	x: (t: number) => number
): { x: number; width: number } | null {
	if (entry.kind !== 'connect' || now < entry.start) return null;
	const from = x(entry.start);
	return { x: from, width: Math.max(2, x(Math.min(now, entry.end)) - from) };
}

/** An SVG path of a cumulative step series: flat, then up at each point. */
export function stepPath(
	points: readonly BytesPoint[],
	x: (t: number) => number,
	y: (bytes: number) => number
): string {
	if (points.length === 0) return '';
	let d = `M${x(points[0].t).toFixed(1)},${y(points[0].bytes).toFixed(1)}`;
	for (let i = 1; i < points.length; i++) {
		const px = x(points[i].t).toFixed(1);
		d += `H${px}V${y(points[i].bytes).toFixed(1)}`;
	}
	return d;
}

/** Up to `count` evenly spaced round tick values from 0 to `end` (ms): 0, 2000, 4000… */
export function timeTicks(end: number, count = 5): number[] {
	if (!(end > 0)) return [0];
	const raw = end / count;
	const magnitude = 10 ** Math.floor(Math.log10(raw));
	const step = [1, 2, 5, 10].map((m) => m * magnitude).find((s) => s >= raw) ?? raw;
	const ticks: number[] = [];
	for (let t = 0; t <= end + 1e-9; t += step) ticks.push(t);
	return ticks;
}

/** The head of an arrived arrow: a small triangle at its end, pointing along it. */
export function arrowHead(arrow: Arrow, length = 6, halfWidth = 3.5): string {
	const dx = arrow.x2 - arrow.x1;
	const dy = arrow.y2 - arrow.y1;
	const norm = Math.hypot(dx, dy) || 1;
	const [ux, uy] = [dx / norm, dy / norm];
	const bx = arrow.x2 - ux * length;
	const by = arrow.y2 - uy * length;
	const points = [
		[arrow.x2, arrow.y2],
		[bx - uy * halfWidth, by + ux * halfWidth],
		[bx + uy * halfWidth, by - ux * halfWidth]
	];
	return points.map(([px, py]) => `${px.toFixed(1)},${py.toFixed(1)}`).join(' ');
}
