import { describe, expect, test } from 'vitest';
import {
	HYDRATE_MARGIN_PX,
	deferDecision,
	serverBudget,
	serverRendered,
	type DeferEnvironment,
	type ServerBox
} from './deferred';

/** A page whose server-rendered parts sit at these boxes, counting how often it is measured. */
function page(parts: Record<string, ServerBox>, viewportHeight = 800) {
	const env = {
		measurements: 0,
		viewportHeight,
		has: (id: string) => id in parts,
		boxes() {
			env.measurements++;
			return new Map(Object.entries(parts));
		}
	} satisfies DeferEnvironment & { measurements: number };
	return env;
}

const box = (top: number, height: number): ServerBox => ({ top, bottom: top + height, height });

describe('deferDecision', () => {
	test('a part inside the viewport renders at once', () => {
		expect(deferDecision('a', page({ a: box(100, 500) }))).toEqual({ render: true });
	});

	test('a part that starts on screen and runs past its bottom renders at once', () => {
		const env = page({ a: box(800 + HYDRATE_MARGIN_PX - 1, 3000) });
		expect(deferDecision('a', env)).toEqual({ render: true });
	});

	test('a part below the viewport waits in a box of its server-rendered height', () => {
		const env = page({ a: box(800 + HYDRATE_MARGIN_PX + 1, 321.5) });
		expect(deferDecision('a', env)).toEqual({ render: false, height: 321.5 });
	});

	test('a part far above the viewport (a page opened at an anchor) waits too', () => {
		const env = page({ a: box(-HYDRATE_MARGIN_PX - 400, 300) });
		expect(deferDecision('a', env)).toEqual({ render: false, height: 300 });
	});

	test('a part with no server rendering (a client-side navigation) waits with no height', () => {
		const env = page({});
		expect(deferDecision('a', env)).toEqual({ render: false, height: 0 });
		expect(env.measurements).toBe(0);
	});

	test('the page is measured once for all its parts, before any is swapped', () => {
		const env = page({ p1: box(0, 100), p2: box(5000, 100), p3: box(9000, 100) });
		expect(deferDecision('p1', env).render).toBe(true);
		expect(deferDecision('p2', env).render).toBe(false);
		expect(deferDecision('p3', env).render).toBe(false);
		expect(env.measurements).toBe(1);
	});
});

describe('serverBudget', () => {
	test('gives as many full server renderings as it holds, then none', () => {
		const budget = serverBudget(2);
		expect([budget.take(), budget.take(), budget.take(), budget.take()]).toEqual([
			true,
			true,
			false,
			false
		]);
		expect(serverBudget(0).take()).toBe(false);
	});
});

describe('serverRendered', () => {
	test('is true for a part whose server rendering is in the document, false for one rendered on the client alone', () => {
		const env = page({ s1: box(0, 10) });
		expect(serverRendered('s1', env)).toBe(true);
		expect(serverRendered('c1', env)).toBe(false);
	});
});
