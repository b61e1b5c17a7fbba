import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { fromSlider, percent, SLIDER_STEPS, toSlider } from './controls';

describe('log sliders', () => {
	it('run from min at the left to max at the right', () => {
		expect(fromSlider(0, 1, 65536)).toBe(1);
		expect(fromSlider(SLIDER_STEPS, 1, 65536)).toBe(65536);
		// Half way on a log scale from 1 to 2^16 is 2^8.
		expect(fromSlider(SLIDER_STEPS / 2, 1, 65536)).toBe(256);
	});

	it('put a typed value where the slider gives it back', () => {
		fc.assert(
			fc.property(fc.integer({ min: 1, max: 65536 }), (value) => {
				const back = fromSlider(toSlider(value, 1, 65536), 1, 65536);
				// One slider step on this scale is about 1.1 % of the value.
				expect(Math.abs(back - value)).toBeLessThanOrEqual(Math.max(1, value * 0.012));
			})
		);
	});

	it('pin values outside the range, and nonsense, to an end', () => {
		expect(toSlider(0, 68, 65535)).toBe(0);
		expect(toSlider(Number.NaN, 68, 65535)).toBe(0);
		expect(toSlider(1e9, 68, 65535)).toBe(SLIDER_STEPS);
	});
});

describe('percent', () => {
	it('shows a probability as a whole percentage', () => {
		expect(percent(0.2)).toBe('20 %');
		expect(percent(0)).toBe('0 %');
		expect(percent(1)).toBe('100 %');
	});
});
