import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
	internetChecksum,
	ipv4PseudoHeader,
	ipv6PseudoHeader,
	onesComplementSum
} from './checksum';

const fromHex = (text: string) => Uint8Array.from(Buffer.from(text.replace(/\s+/g, ''), 'hex'));

describe('onesComplementSum', () => {
	// RFC 1071 §3, "Numerical Examples": bytes 00 01 f2 03 f4 f5 f6 f7 sum to 2ddf0, folded ddf2.
	it('folds the carries of the RFC 1071 §3 example into ddf2', () => {
		expect(onesComplementSum(fromHex('0001 f203 f4f5 f6f7'))).toBe(0xddf2);
	});

	it('reads several chunks as one run of bytes, padding only the very end', () => {
		const whole = fromHex('0001 f203 f4f5 f6f7 ab');
		expect(onesComplementSum(fromHex('00'), fromHex('01f2 03'), fromHex('f4f5f6f7ab'))).toBe(
			onesComplementSum(whole)
		);
		// RFC 1071 §4.1: an odd count adds the last byte as the high byte of a zero-padded word.
		expect(onesComplementSum(whole)).toBe(onesComplementSum(fromHex('0001 f203 f4f5 f6f7 ab00')));
	});

	it('is 0 for no bytes', () => {
		expect(onesComplementSum()).toBe(0);
		expect(onesComplementSum(new Uint8Array(0))).toBe(0);
	});

	it('agrees with a plain word-by-word sum on any input', () => {
		fc.assert(
			fc.property(fc.array(fc.uint8Array({ maxLength: 9 }), { maxLength: 5 }), (chunks) => {
				const all = chunks.flatMap((chunk) => [...chunk]);
				if (all.length % 2) all.push(0);
				let sum = 0;
				for (let i = 0; i < all.length; i += 2) sum += (all[i] << 8) | all[i + 1];
				while (sum > 0xffff) sum = (sum & 0xffff) + Math.floor(sum / 0x10000);
				expect(onesComplementSum(...chunks)).toBe(sum);
			})
		);
	});
});

describe('internetChecksum', () => {
	it('is the complement of the sum (RFC 1071 §3 example: ~ddf2 = 220d)', () => {
		expect(internetChecksum(fromHex('0001 f203 f4f5 f6f7'))).toBe(0x220d);
	});

	// The IPv4 header of the "IPv4 header checksum" example on Wikipedia's Internet checksum
	// article: 4500 0073 0000 4000 4011 [b861] c0a8 0001 c0a8 00c7.
	it('computes b861 for the classic IPv4 header example with its checksum field zeroed', () => {
		expect(internetChecksum(fromHex('4500 0073 0000 4000 4011 0000 c0a8 0001 c0a8 00c7'))).toBe(
			0xb861
		);
	});

	it('gives 0 over a header that holds its own correct checksum', () => {
		expect(internetChecksum(fromHex('4500 0073 0000 4000 4011 b861 c0a8 0001 c0a8 00c7'))).toBe(0);
	});
});

describe('pseudo-headers', () => {
	it('lays out the IPv4 pseudo-header as RFC 9293 §3.1 draws it: src, dst, zero, PTCL, length', () => {
		const header = ipv4PseudoHeader(
			Uint8Array.of(127, 0, 0, 1),
			Uint8Array.of(10, 1, 2, 3),
			6,
			0x1234
		);
		expect([...header]).toEqual([127, 0, 0, 1, 10, 1, 2, 3, 0, 6, 0x12, 0x34]);
	});

	it('lays out the IPv6 pseudo-header as RFC 8200 §8.1 draws it: src, dst, 32-bit length, zeros, next header', () => {
		const src = fromHex('00000000000000000000000000000001');
		const dst = fromHex('20010db8000000000000000000000002');
		const header = ipv6PseudoHeader(src, dst, 17, 0x10203);
		expect(header.length).toBe(40);
		expect([...header.subarray(0, 16)]).toEqual([...src]);
		expect([...header.subarray(16, 32)]).toEqual([...dst]);
		expect([...header.subarray(32, 40)]).toEqual([0, 1, 2, 3, 0, 0, 0, 17]);
	});
});
