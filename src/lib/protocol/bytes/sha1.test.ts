import { createHash } from 'node:crypto';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { sha1 } from './sha1';

const ascii = (text: string) => new TextEncoder().encode(text);
const hex = (bytes: Uint8Array) => Buffer.from(bytes).toString('hex');

describe('sha1', () => {
	// FIPS 180-2 Appendix A and RFC 3174 §7.3 (TEST1, TEST2, TEST3), digests verbatim.
	it('hashes "abc" (one block)', () => {
		expect(hex(sha1(ascii('abc')))).toBe('a9993e364706816aba3e25717850c26c9cd0d89d');
	});

	it('hashes the 448-bit message (the padding takes a second block)', () => {
		const message = 'abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq';
		expect(message.length * 8).toBe(448);
		expect(hex(sha1(ascii(message)))).toBe('84983e441c3bd26ebaae4aa1f95129e5e54670f1');
	});

	it('hashes one million "a"', () => {
		expect(hex(sha1(new Uint8Array(1_000_000).fill(0x61)))).toBe(
			'34aa973cd4c4daa4f61eeb2bdbad27316534016f'
		);
	});

	it('hashes the empty message', () => {
		// The SHA-1 of no bytes, as node:crypto and every implementation give it.
		expect(hex(sha1(new Uint8Array(0)))).toBe('da39a3ee5e6b4b0d3255bfef95601890afd80709');
	});

	it('agrees with node:crypto around every block boundary', () => {
		for (let length = 0; length <= 200; length++) {
			const bytes = Uint8Array.from({ length }, (_, i) => (i * 7 + length) & 0xff);
			expect(hex(sha1(bytes)), `${length} bytes`).toBe(
				createHash('sha1').update(bytes).digest('hex')
			);
		}
	});

	it('agrees with node:crypto on any bytes', () => {
		fc.assert(
			fc.property(fc.uint8Array({ maxLength: 300 }), (bytes) => {
				expect(hex(sha1(bytes))).toBe(createHash('sha1').update(bytes).digest('hex'));
			}),
			{ numRuns: 300 }
		);
	});

	it('reads only its view of a larger buffer, and leaves the input alone', () => {
		const buffer = Uint8Array.from({ length: 200 }, (_, i) => i);
		const view = buffer.subarray(3, 140);
		expect(hex(sha1(view))).toBe(createHash('sha1').update(view.slice()).digest('hex'));
		expect(buffer).toEqual(Uint8Array.from({ length: 200 }, (_, i) => i));
	});
});
