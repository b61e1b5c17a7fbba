import { describe, expect, it } from 'vitest';
import { concatBytes, equalBytes, readU16, readU32, readU64 } from './bytes';

describe('concatBytes', () => {
	it('joins chunks in order', () => {
		expect([...concatBytes([Uint8Array.of(1, 2), new Uint8Array(0), Uint8Array.of(3)])]).toEqual([
			1, 2, 3
		]);
	});
	it('returns a single chunk itself, without copying', () => {
		const only = Uint8Array.of(9);
		expect(concatBytes([only])).toBe(only);
	});
});

describe('equalBytes', () => {
	it('compares length and every byte', () => {
		expect(equalBytes(Uint8Array.of(1, 2), Uint8Array.of(1, 2))).toBe(true);
		expect(equalBytes(Uint8Array.of(1, 2), Uint8Array.of(1, 3))).toBe(false);
		expect(equalBytes(Uint8Array.of(1, 2), Uint8Array.of(1, 2, 0))).toBe(false);
	});
});

describe('big-endian readers', () => {
	// Values from RFC 6455 §5.7: 256 bytes is 0x7E 0x01 0x00; 65536 bytes is 0x7F then
	// 0x0000000000010000.
	it('reads the 16-bit length of the 256-byte RFC example', () => {
		expect(readU16(Uint8Array.of(0x7e, 0x01, 0x00), 1)).toBe(256);
	});
	it('reads the 64-bit length of the 64 KiB RFC example', () => {
		const bytes = Uint8Array.of(0x7f, 0, 0, 0, 0, 0, 1, 0, 0);
		expect(readU64(bytes, 1)).toBe(65536n);
	});
	it('reads 32-bit values with the top bit set as positive numbers', () => {
		expect(readU32(Uint8Array.of(0xff, 0xff, 0xff, 0xff), 0)).toBe(4294967295);
		expect(readU32(Uint8Array.of(0x80, 0, 0, 1), 0)).toBe(2147483649);
	});
	it('reads 64-bit values beyond 2^53 exactly', () => {
		const bytes = Uint8Array.of(0x7f, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff);
		expect(readU64(bytes, 0)).toBe(2n ** 63n - 1n);
	});
});
