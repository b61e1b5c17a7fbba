import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { parseHex } from '../bytes/hex';
import { Utf8Validator, validateUtf8 } from './utf8';

function check(hex: string) {
	return validateUtf8(parseHex(hex));
}

describe('validateUtf8', () => {
	it('accepts ASCII, 2-, 3- and 4-byte sequences and the empty string', () => {
		expect(check('')).toEqual({ valid: true });
		expect(check('48 65 6c 6c 6f')).toEqual({ valid: true });
		expect(check('c3 a9 e2 82 ac f0 9f 98 80')).toEqual({ valid: true });
	});

	it('accepts the boundaries of every range in RFC 3629', () => {
		for (const hex of [
			'7f',
			'c2 80',
			'df bf',
			'e0 a0 80',
			'ed 9f bf',
			'ee 80 80',
			'ef bf bf',
			'f0 90 80 80',
			'f4 8f bf bf'
		]) {
			expect(check(hex), hex).toEqual({ valid: true });
		}
	});

	it('rejects ED A0 80 (a surrogate) at A0', () => {
		expect(check('ed a0 80')).toMatchObject({ valid: false, index: 1 });
		expect(check('ed a0 80')).toMatchObject({ reason: expect.stringContaining('surrogate') });
	});

	it('rejects C0 and C1 at the lead byte', () => {
		expect(check('c0 80')).toMatchObject({ valid: false, index: 0 });
		expect(check('41 c1 bf')).toMatchObject({ valid: false, index: 1 });
	});

	it('rejects F4 90 (above U+10FFFF) at 90', () => {
		expect(check('f4 90 80 80')).toMatchObject({
			valid: false,
			index: 1,
			reason: expect.stringContaining('U+10FFFF')
		});
	});

	it('rejects overlong E0 80..9F and F0 80..8F at the second byte', () => {
		expect(check('e0 80 80')).toMatchObject({ valid: false, index: 1 });
		expect(check('e0 9f bf')).toMatchObject({ valid: false, index: 1 });
		expect(check('f0 80 80 80')).toMatchObject({ valid: false, index: 1 });
		expect(check('f0 8f bf bf')).toMatchObject({
			valid: false,
			index: 1,
			reason: expect.stringContaining('overlong')
		});
	});

	it('rejects F5–FF and unexpected continuation bytes where they stand', () => {
		expect(check('41 f5 80 80 80')).toMatchObject({ valid: false, index: 1 });
		expect(check('ff')).toMatchObject({ valid: false, index: 0 });
		expect(check('41 42 bf')).toMatchObject({
			valid: false,
			index: 2,
			reason: expect.stringContaining('no lead byte')
		});
	});

	it('rejects a sequence interrupted by ASCII at the ASCII byte', () => {
		expect(check('e2 82 41')).toMatchObject({ valid: false, index: 2 });
	});

	it('rejects text ending inside a code point at the lead byte', () => {
		expect(check('41 42 f0 9f 98')).toMatchObject({
			valid: false,
			index: 2,
			reason: expect.stringContaining('4-byte sequence')
		});
	});
});

describe('Utf8Validator', () => {
	it('carries a code point split across pushes', () => {
		const validator = new Utf8Validator();
		expect(validator.push(parseHex('41 e2'))).toBe(-1);
		expect(validator.atBoundary).toBe(false);
		expect(validator.push(parseHex('82'))).toBe(-1);
		expect(validator.push(parseHex('ac'))).toBe(-1);
		expect(validator.atBoundary).toBe(true);
		expect(validator.finish()).toBeNull();
		expect(validator.position).toBe(4);
	});

	it('reports the first impossible byte relative to the chunk it is in', () => {
		const validator = new Utf8Validator();
		expect(validator.push(parseHex('41 ed'))).toBe(-1);
		expect(validator.push(parseHex('a0 80'))).toBe(0);
		expect(validator.reason).toContain('0xa0 after 0xed');
	});

	it('locates an unfinished sequence by its position over all pushes', () => {
		const validator = new Utf8Validator();
		validator.push(parseHex('41 42 43'));
		validator.push(parseHex('f0 9f'));
		validator.push(parseHex('98'));
		expect(validator.finish()).toMatchObject({ index: 3 });
	});

	it('agrees with TextDecoder on arbitrary bytes, however they are split', () => {
		const fatal = new TextDecoder('utf-8', { fatal: true });
		fc.assert(
			fc.property(fc.uint8Array({ maxLength: 64 }), fc.nat(64), (bytes, split) => {
				const cut = Math.min(split, bytes.length);
				const validator = new Utf8Validator();
				const ok =
					validator.push(bytes.subarray(0, cut)) < 0 &&
					validator.push(bytes.subarray(cut)) < 0 &&
					validator.finish() === null;
				let expected = true;
				try {
					fatal.decode(bytes);
				} catch {
					expected = false;
				}
				expect(ok).toBe(expected);
			}),
			{ numRuns: 2000 }
		);
	});

	it('accepts every string TextEncoder produces', () => {
		fc.assert(
			fc.property(fc.string({ unit: 'grapheme', maxLength: 40 }), (text) => {
				expect(validateUtf8(new TextEncoder().encode(text))).toEqual({ valid: true });
			})
		);
	});
});
