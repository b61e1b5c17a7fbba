import { describe, expect, it } from 'vitest';
import { groupDigits, plural } from './text';

describe('groupDigits', () => {
	it('groups thousands with commas, as en-US writes them', () => {
		for (const n of [0, 7, 999, 1000, 65535, 1048576, 123456789, 2 ** 53 - 1, -1234]) {
			// Intl is the oracle; the helper exists only because Intl is slow.
			expect(groupDigits(n)).toBe(n.toLocaleString('en-US'));
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
