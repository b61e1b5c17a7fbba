import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { isUtf8, readEscaped, showBytes } from './escapes';

const bytes = (...values: number[]) => Uint8Array.from(values);
const read = (text: string) => {
	const reading = readEscaped(text);
	return reading.ok ? [...reading.bytes] : reading;
};

describe('readEscaped', () => {
	it('reads the classic login lines with their newlines as 0x0a', () => {
		// "LOGIN alice" in ASCII, then LF (0x0a).
		expect(read('LOGIN alice\\n')).toEqual([
			0x4c, 0x4f, 0x47, 0x49, 0x4e, 0x20, 0x61, 0x6c, 0x69, 0x63, 0x65, 0x0a
		]);
	});

	it('reads every escape it names, and text as UTF-8', () => {
		expect(read('\\r\\n\\t\\0\\\\\\x7f\\xFF')).toEqual([0x0d, 0x0a, 0x09, 0, 0x5c, 0x7f, 0xff]);
		// U+00E9 is c3 a9 in UTF-8, U+1F600 is f0 9f 98 80 (RFC 3629 §3).
		expect(read('é😀')).toEqual([0xc3, 0xa9, 0xf0, 0x9f, 0x98, 0x80]);
		expect(read('')).toEqual([]);
	});

	it('says where an escape is wrong instead of throwing', () => {
		expect(read('ab\\q')).toMatchObject({ ok: false, index: 2, message: /\\q is not an escape/ });
		expect(read('ab\\x4')).toMatchObject({ ok: false, index: 2, message: /two hex digits/ });
		expect(read('ab\\')).toMatchObject({ ok: false, index: 2, message: /lone \\/ });
	});

	it('never throws, whatever is typed', () => {
		fc.assert(
			fc.property(fc.string({ unit: 'binary', maxLength: 80 }), (text) => {
				expect(() => readEscaped(text)).not.toThrow();
			})
		);
	});
});

describe('showBytes', () => {
	it('shows newlines, controls and bytes that are not UTF-8 as escapes', () => {
		expect(showBytes(new TextEncoder().encode('PASS secret\n'))).toBe('PASS secret\\n');
		expect(showBytes(bytes(0x41, 0x00, 0x1b, 0x7f, 0x5c))).toBe('A\\0\\x1b\\x7f\\\\');
		// 0xc3 alone starts a two-byte sequence that never finishes: a read cut it in two.
		expect(showBytes(bytes(0x41, 0xc3))).toBe('A\\xc3');
		expect(showBytes(bytes(0xc3, 0xa9))).toBe('é');
		// C1 control U+0085 (c2 85) and an overlong "/" (c0 af, RFC 3629 §10) stay escaped.
		expect(showBytes(bytes(0xc2, 0x85))).toBe('\\xc2\\x85');
		expect(showBytes(bytes(0xc0, 0xaf))).toBe('\\xc0\\xaf');
	});

	it('is undone by readEscaped for any bytes', () => {
		fc.assert(
			fc.property(fc.uint8Array({ maxLength: 64 }), (data) => {
				const back = readEscaped(showBytes(data));
				expect(back).toEqual({ ok: true, bytes: data });
			})
		);
	});
});

describe('isUtf8', () => {
	it('agrees with a fatal TextDecoder', () => {
		const strict = new TextDecoder('utf-8', { fatal: true });
		fc.assert(
			fc.property(fc.uint8Array({ maxLength: 16 }), (data) => {
				let valid = true;
				try {
					strict.decode(data);
				} catch {
					valid = false;
				}
				expect(isUtf8(data)).toBe(valid);
			})
		);
	});
});
