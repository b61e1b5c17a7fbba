import { describe, expect, it } from 'vitest';
import type { TimelineEntry } from '$lib/protocol/transports/types';
import { LANE, arrowAt, setUpBar, stepPath, timeScale, timeTicks } from './geometry';

const request: TimelineEntry = {
	kind: 'request',
	start: 100,
	end: 200,
	bytes: { header: 700, payload: 0 },
	eventIds: [],
	direction: 'client-to-server',
	connection: 0,
	empty: false
};

describe('lane geometry', () => {
	// 1000 ms across 216 px: 200 px between the 8 px margins, so 1 px is 5 ms.
	const x = timeScale(1000, 216);

	it('draws nothing before an entry is sent, half of it half way, all of it once it arrives', () => {
		expect(arrowAt(request, 99, x)).toBeNull();
		expect(arrowAt(request, 150, x)).toEqual({
			x1: 28,
			y1: LANE.client,
			x2: 38,
			y2: (LANE.client + LANE.server) / 2,
			arrived: false
		});
		expect(arrowAt(request, 500, x)).toEqual({
			x1: 28,
			y1: LANE.client,
			x2: 48,
			y2: LANE.server,
			arrived: true
		});
	});

	it('draws a connection set-up as a bar on the browser line, cut at the time shown', () => {
		const connect = { ...request, kind: 'connect' as const, start: 0, end: 200 };
		expect(arrowAt(connect, 500, x)).toBeNull();
		expect(setUpBar(connect, 100, x)).toEqual({ x: 8, width: 20 });
	});

	it('draws a cumulative series as horizontal then vertical steps', () => {
		const y = (bytes: number) => 100 - bytes / 10;
		const points = [
			{ t: 0, bytes: 0 },
			{ t: 100, bytes: 700 },
			{ t: 1000, bytes: 700 }
		];
		expect(stepPath(points, x, y)).toBe('M8.0,100.0H28.0V30.0H208.0V30.0');
	});

	it('puts round ticks along the axis', () => {
		expect(timeTicks(10_000, 5)).toEqual([0, 2000, 4000, 6000, 8000, 10_000]);
		expect(timeTicks(9100, 3)).toEqual([0, 5000]);
	});
});
