import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { decodeBase64, toBase64, type Base64DecodeOptions } from './base64';

const ascii = (text: string) => new TextEncoder().encode(text);

/** The test vectors of RFC 4648 §10, verbatim. */
const RFC_4648_VECTORS: [string, string][] = [
	['', ''],
	['f', 'Zg=='],
	['fo', 'Zm8='],
	['foo', 'Zm9v'],
	['foob', 'Zm9vYg=='],
	['fooba', 'Zm9vYmE='],
	['foobar', 'Zm9vYmFy']
];

/** Decoded bytes, or the error code, for compact expectations. */
function decoded(text: string, options?: Base64DecodeOptions): number[] | string {
	const result = decodeBase64(text, options);
	return result.ok ? [...result.bytes] : result.error.code;
}

const LENIENT: Base64DecodeOptions = { alphabet: 'either', padding: 'optional', whitespace: true };

describe('toBase64', () => {
	it('encodes the RFC 4648 §10 test vectors', () => {
		for (const [plain, encoded] of RFC_4648_VECTORS) expect(toBase64(ascii(plain))).toBe(encoded);
	});

	it('agrees with Buffer for any bytes, in both alphabets, with and without padding', () => {
		fc.assert(
			fc.property(fc.uint8Array({ maxLength: 64 }), (bytes) => {
				const buffer = Buffer.from(bytes);
				expect(toBase64(bytes)).toBe(buffer.toString('base64'));
				// Buffer's base64url leaves the padding off (RFC 4648 §5 allows it, §3.2).
				expect(toBase64(bytes, { alphabet: 'url', padding: false })).toBe(
					buffer.toString('base64url')
				);
				expect(toBase64(bytes, { padding: false })).toBe(
					buffer.toString('base64').replace(/=+$/, '')
				);
			})
		);
	});

	it('uses - and _ in the URL-safe alphabet (RFC 4648 §5)', () => {
		expect(toBase64(Uint8Array.of(0xfb, 0xff), { alphabet: 'url' })).toBe('-_8=');
		expect(toBase64(Uint8Array.of(0xfb, 0xff))).toBe('+/8=');
	});
});

describe('decodeBase64', () => {
	it('decodes the RFC 4648 §10 test vectors', () => {
		for (const [plain, encoded] of RFC_4648_VECTORS) {
			expect(decodeBase64(encoded)).toEqual({
				ok: true,
				bytes: ascii(plain),
				canonical: true,
				padded: encoded.endsWith('=')
			});
		}
	});

	it('round-trips with Buffer for any bytes, strictly and leniently', () => {
		fc.assert(
			fc.property(fc.uint8Array({ maxLength: 64 }), (bytes) => {
				const buffer = Buffer.from(bytes);
				expect(decoded(buffer.toString('base64'))).toEqual([...bytes]);
				expect(decoded(buffer.toString('base64url'), LENIENT)).toEqual([...bytes]);
				expect(
					decoded(buffer.toString('base64url'), { alphabet: 'url', padding: 'optional' })
				).toEqual([...bytes]);
			})
		);
	});

	it('agrees with Buffer on any text Buffer reads and this decoder accepts strictly', () => {
		const base64ish = fc
			.array(fc.constantFrom(...'AQgw+/=- _'.split('')), { maxLength: 16 })
			.map((chars) => chars.join(''));
		fc.assert(
			fc.property(base64ish, (text) => {
				const result = decodeBase64(text);
				// Buffer is lenient; whatever the strict decoder accepts, Buffer must read the same way.
				if (result.ok) expect([...result.bytes]).toEqual([...Buffer.from(text, 'base64')]);
			})
		);
	});

	it('requires padding by default and says how much is missing', () => {
		expect(decodeBase64('Zm9vYg')).toEqual({
			ok: false,
			error: { code: 'length', index: 6, length: 6, missingPadding: 2 }
		});
		expect(decodeBase64('Zm9vYmE')).toMatchObject({ error: { missingPadding: 1 } });
		// A lone fifth character is not missing padding: no padding could complete it.
		expect(decodeBase64('Zm9vY')).toEqual({
			ok: false,
			error: { code: 'length', index: 5, length: 5 }
		});
	});

	it('takes missing padding when it is optional, but never a lone last character', () => {
		const options: Base64DecodeOptions = { padding: 'optional' };
		expect(decoded('Zm9vYg', options)).toEqual([...ascii('foob')]);
		expect(decoded('Zm9vYmE', options)).toEqual([...ascii('fooba')]);
		expect(decoded('Zm9vY', options)).toBe('length');
		// Padding that is there must still complete the last group.
		expect(decoded('Zm9vYmE==', options)).toBe('length');
	});

	it('locates a character of neither alphabet', () => {
		expect(decodeBase64('Zm9v Yg==')).toEqual({
			ok: false,
			error: { code: 'character', index: 4, char: ' ' }
		});
		expect(decodeBase64('Zm9v\u00e9A==')).toMatchObject({ error: { code: 'character', index: 4 } });
	});

	it('tells a character of the other alphabet apart', () => {
		expect(decodeBase64('-_8=')).toEqual({
			ok: false,
			error: { code: 'other-alphabet', index: 0, char: '-' }
		});
		expect(decodeBase64('+/8=', { alphabet: 'url' })).toEqual({
			ok: false,
			error: { code: 'other-alphabet', index: 0, char: '+' }
		});
		expect(decoded('-_8=', { alphabet: 'url' })).toEqual([0xfb, 0xff]);
		expect(decoded('+_8=', { alphabet: 'either' })).toEqual([0xfb, 0xff]);
	});

	it('accepts "=" only as one or two characters that end the text', () => {
		expect(decodeBase64('Zg=a')).toEqual({ ok: false, error: { code: 'padding', index: 2 } });
		expect(decodeBase64('Zg===')).toMatchObject({ error: { code: 'padding', index: 2 } });
		expect(decoded('====')).toBe('padding');
		expect(decoded('==')).toBe('length');
	});

	it('reports a bad character before bad padding, and bad padding before a bad length', () => {
		expect(decoded('Zg=a!')).toBe('character');
		expect(decoded('Zg=a=')).toBe('padding');
	});

	it('skips whitespace only when asked, keeping indexes into the original text', () => {
		expect(decoded('Zm9v\r\nYg==', { whitespace: true })).toEqual([...ascii('foob')]);
		expect(decoded('Zm9v\r\nYg==')).toBe('character');
		expect(decodeBase64(' Zm9v\n!', { whitespace: true })).toMatchObject({
			error: { code: 'character', index: 6 }
		});
	});

	it('decodes but flags non-zero leftover bits (RFC 4648 §3.5)', () => {
		expect(decodeBase64('Zh==')).toMatchObject({ ok: true, bytes: ascii('f'), canonical: false });
		expect(decodeBase64('Zm9=')).toMatchObject({ ok: true, bytes: ascii('fo'), canonical: false });
		expect(decodeBase64('Zg==')).toMatchObject({ canonical: true });
	});

	it('never throws on any string, under any options', () => {
		// Mostly characters that matter to base64, and some that do not belong anywhere.
		const chars = 'AZaz09+/-_== \t\r\n\u00e9\ud800\u0000'.split('');
		const anyText = fc.oneof(
			fc.string({ maxLength: 40 }),
			fc.array(fc.constantFrom(...chars), { maxLength: 40 }).map((c) => c.join(''))
		);
		const options = fc.record({
			alphabet: fc.constantFrom('standard' as const, 'url' as const, 'either' as const),
			padding: fc.constantFrom('required' as const, 'optional' as const),
			whitespace: fc.boolean()
		});
		fc.assert(
			fc.property(anyText, options, (text, opts) => {
				const result = decodeBase64(text, opts);
				if (!result.ok) {
					expect(result.error.index).toBeGreaterThanOrEqual(0);
					expect(result.error.index).toBeLessThanOrEqual(text.length);
				}
			})
		);
	});
});
