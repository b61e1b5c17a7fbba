import { describe, expect, it } from 'vitest';
import { readChoice, readFlag, readInteger } from './codec';

const params = (text: string) => new URLSearchParams(text);

describe('readChoice', () => {
	it('returns the value when it is one of the choices', () => {
		expect(readChoice(params('from=server'), 'from', ['client', 'server'], 'client')).toBe(
			'server'
		);
	});
	it('falls back when the value is missing or unknown', () => {
		expect(readChoice(params(''), 'from', ['client', 'server'], 'client')).toBe('client');
		expect(readChoice(params('from=proxy'), 'from', ['client', 'server'], 'client')).toBe('client');
	});
});

describe('readFlag', () => {
	it('reads 1 as true and anything else as false', () => {
		expect(readFlag(params('d=1'), 'd')).toBe(true);
		expect(readFlag(params('d=0'), 'd', true)).toBe(false);
		expect(readFlag(params('d=yes'), 'd', true)).toBe(false);
	});
	it('falls back when the flag is absent', () => {
		expect(readFlag(params(''), 'd', true)).toBe(true);
		expect(readFlag(params(''), 'd')).toBe(false);
	});
});

describe('readInteger', () => {
	it('reads a whole number inside the range', () => {
		expect(readInteger(params('n=42'), 'n', 0, 100, 7)).toBe(42);
		expect(readInteger(params('n=-3'), 'n', -5, 5, 0)).toBe(-3);
	});
	it('falls back for fractions, words, empty values and numbers out of range', () => {
		for (const text of ['n=4.5', 'n=ten', 'n=', 'n=101', 'n=-1', 'n=1e3', '']) {
			expect(readInteger(params(text), 'n', 0, 100, 7)).toBe(7);
		}
	});
});
