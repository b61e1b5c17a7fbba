import { describe, expect, it } from 'vitest';
import { DECODE_ERRORS, DECODE_ERROR_CODES, DECODE_WARNING_CODES } from './problems';

describe('the problem table', () => {
	it('lists every code once, errors and warnings apart', () => {
		expect(new Set(DECODE_ERROR_CODES).size).toBe(DECODE_ERROR_CODES.length);
		expect(
			DECODE_ERROR_CODES.filter((c) => (DECODE_WARNING_CODES as string[]).includes(c))
		).toEqual([]);
	});

	it('closes with the status codes RFC 6455 §7.4.1 defines for each kind of violation', () => {
		// 1002: protocol error; 1007: data inconsistent with the message type (bad UTF-8, and
		// RFC 7692 §8 for data that cannot be inflated); 1009: too big to process.
		expect(DECODE_ERRORS.RESERVED_OPCODE.closeCode).toBe(1002);
		expect(DECODE_ERRORS.CLIENT_FRAME_NOT_MASKED.closeCode).toBe(1002);
		expect(DECODE_ERRORS.INVALID_UTF8.closeCode).toBe(1007);
		expect(DECODE_ERRORS.INVALID_CLOSE_REASON_UTF8.closeCode).toBe(1007);
		expect(DECODE_ERRORS.INFLATE_FAILED.closeCode).toBe(1007);
		expect(DECODE_ERRORS.MESSAGE_TOO_BIG.closeCode).toBe(1009);
		for (const code of DECODE_ERROR_CODES) {
			expect([1002, 1007, 1009], code).toContain(DECODE_ERRORS[code].closeCode);
			expect(DECODE_ERRORS[code].source, code).toMatch(/^RFC (6455|7692) §\d/);
		}
	});
});
