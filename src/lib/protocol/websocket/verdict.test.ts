import { describe, expect, it } from 'vitest';
import { parseHex } from '../bytes/hex';
import { decodeFrames } from './decode';
import { frameVerdict, meetsExpectation, parseExpectation } from './verdict';

// RFC 6455 §5.7: the unmasked "Hello" from a server; 0x83 is a reserved opcode (§5.2, 1002);
// a 16-bit length of 5 is valid but not minimal (§5.2); a frame cut after its first byte.
const decode = (hex: string) => decodeFrames(parseHex(hex), { from: 'server' });
const VALID = decode('81 05 48 65 6c 6c 6f');
const RESERVED = decode('83 00');
const NON_MINIMAL = decode('81 7e 00 05 48 65 6c 6c 6f');
const CUT = decode('81');

describe('parseExpectation', () => {
	it('reads the four forms a lesson writes', () => {
		expect(parseExpectation('valid')).toEqual({ kind: 'valid' });
		expect(parseExpectation(' warning ')).toEqual({ kind: 'warning' });
		expect(parseExpectation('incomplete')).toEqual({ kind: 'incomplete' });
		expect(parseExpectation('1002')).toEqual({ kind: 'close', closeCode: 1002 });
	});

	it('refuses anything else', () => {
		for (const text of ['', 'ok', '100', '10020', 'Valid', '1002 closes']) {
			expect(parseExpectation(text), text).toBeNull();
		}
	});
});

describe('meetsExpectation', () => {
	it('calls valid only what has no error, no warning and nothing cut', () => {
		expect(meetsExpectation(VALID, { kind: 'valid' })).toBe(true);
		expect(meetsExpectation(NON_MINIMAL, { kind: 'valid' })).toBe(false);
		expect(meetsExpectation(RESERVED, { kind: 'valid' })).toBe(false);
		expect(meetsExpectation(CUT, { kind: 'valid' })).toBe(false);
	});

	it('calls warning only what decodes with at least one warning', () => {
		expect(meetsExpectation(NON_MINIMAL, { kind: 'warning' })).toBe(true);
		expect(meetsExpectation(VALID, { kind: 'warning' })).toBe(false);
		expect(meetsExpectation(RESERVED, { kind: 'warning' })).toBe(false);
	});

	it('calls incomplete only input that ends inside a frame', () => {
		expect(meetsExpectation(CUT, { kind: 'incomplete' })).toBe(true);
		expect(meetsExpectation(VALID, { kind: 'incomplete' })).toBe(false);
	});

	it('matches a close code only to a violation closed with that code', () => {
		expect(meetsExpectation(RESERVED, { kind: 'close', closeCode: 1002 })).toBe(true);
		expect(meetsExpectation(RESERVED, { kind: 'close', closeCode: 1007 })).toBe(false);
		expect(meetsExpectation(VALID, { kind: 'close', closeCode: 1002 })).toBe(false);
	});
});

describe('frameVerdict', () => {
	it('names the error code and close code of a violation', () => {
		expect(frameVerdict(RESERVED)).toEqual({
			ok: false,
			failing: ['RESERVED_OPCODE'],
			closeCode: 1002
		});
	});

	it('lists the warnings of a valid decoding', () => {
		expect(frameVerdict(VALID)).toEqual({ ok: true, warnings: [] });
		expect(frameVerdict(NON_MINIMAL)).toEqual({ ok: true, warnings: ['NON_MINIMAL_LENGTH'] });
	});
});
