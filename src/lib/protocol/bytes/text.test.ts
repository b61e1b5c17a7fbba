import { describe, expect, it } from 'vitest';
import { groupDigits, plural } from './text';

describe('groupDigits', () => {
	it('groups thousands with commas, as en-US writes them', () => {
		for (const n of [0, 7, 999, 1000, 65535, 1048576, 123456789, 2 ** 53 - 1, -1234]) {
			// Intl is the oracle; the helper exists only because Intl is slow.
			expect(groupDigits(n)).toBe(n.toLocaleString('en-US'));
		}
	});

	it('groups the whole part of a decimal and keeps its fraction', () => {
		// Decimals with at most three fraction digits, which en-US writes unrounded.
		for (const n of [0.5, 63.99, 1234.5, 65535.25, -1234.125, 1048576.75]) {
			expect(groupDigits(n)).toBe(n.toLocaleString('en-US', { maximumFractionDigits: 3 }));
		}
	});
});

describe('plural', () => {
	it('adds an s to every count but one', () => {
		expect(plural(1, 'byte')).toBe('1 byte');
		expect(plural(0, 'byte')).toBe('0 bytes');
		expect(plural(2048, 'frame')).toBe('2,048 frames');
	});
});
