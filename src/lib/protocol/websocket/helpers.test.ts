import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { closeCodeInfo, isSendableCloseCode } from './close-codes';
import { applyMask, maskInPlace } from './mask';
import {
	MAX_CONTROL_PAYLOAD,
	isControlOpcode,
	isReservedOpcode,
	opcodeDescription,
	opcodeHex,
	opcodeName
} from './opcodes';

describe('opcodes', () => {
	it('names every opcode', () => {
		expect([0x0, 0x1, 0x2, 0x8, 0x9, 0xa].map(opcodeName)).toEqual([
			'continuation',
			'text',
			'binary',
			'close',
			'ping',
			'pong'
		]);
		expect(opcodeName(0x3)).toBe('reserved');
		expect(opcodeName(0xf)).toBe('reserved');
	});

	it('describes opcodes as the RFC does and writes them as 0x1, 0xA', () => {
		expect(opcodeDescription(0x1)).toBe('text frame (UTF-8)');
		expect(opcodeDescription(0x8)).toBe('connection close');
		expect(opcodeDescription(0x5)).toBe('reserved for further non-control frames');
		expect(opcodeDescription(0xc)).toBe('reserved for further control frames');
		expect(opcodeHex(0xa)).toBe('0xA');
	});

	it('splits control from data opcodes by the top bit of the nibble', () => {
		expect([0, 1, 2, 7].map(isControlOpcode)).toEqual([false, false, false, false]);
		expect([8, 9, 0xa, 0xf].map(isControlOpcode)).toEqual([true, true, true, true]);
		expect([3, 7, 0xb, 0xf].every(isReservedOpcode)).toBe(true);
		expect([0, 1, 2, 8, 9, 0xa].some(isReservedOpcode)).toBe(false);
		expect(MAX_CONTROL_PAYLOAD).toBe(125);
	});
});

describe('closeCodeInfo', () => {
	it('names the codes of RFC 6455 §7.4.1 and the IANA registry', () => {
		const names = Array.from({ length: 16 }, (_, i) => closeCodeInfo(1000 + i).name);
		expect(names).toEqual([
			'Normal Closure',
			'Going Away',
			'Protocol Error',
			'Unsupported Data',
			'Reserved',
			'No Status Rcvd',
			'Abnormal Closure',
			'Invalid frame payload data',
			'Policy Violation',
			'Message Too Big',
			'Mandatory Ext.',
			'Internal Error',
			'Service Restart',
			'Try Again Later',
			'Bad Gateway',
			'TLS handshake'
		]);
	});

	it('says which codes may be sent: 1000–1003, 1007–1014, 3000–4999', () => {
		const sendable = (code: number) => isSendableCloseCode(code);
		expect([1000, 1001, 1002, 1003, 1007, 1010, 1014, 3000, 3999, 4000, 4999].every(sendable)).toBe(
			true
		);
		expect([0, 999, 1004, 1005, 1006, 1015, 1016, 2000, 2999, 5000, 65535].some(sendable)).toBe(
			false
		);
	});

	it('places codes in their ranges', () => {
		expect(closeCodeInfo(999).range).toBe('invalid');
		expect(closeCodeInfo(1000).range).toBe('protocol');
		expect(closeCodeInfo(2500)).toMatchObject({ range: 'protocol', name: 'Unassigned' });
		expect(closeCodeInfo(3001).range).toBe('registered');
		expect(closeCodeInfo(4001).range).toBe('private');
		expect(closeCodeInfo(5000).range).toBe('invalid');
		expect(closeCodeInfo(1005).description).toMatch(/Must not be sent/);
	});
});

describe('masking', () => {
	const KEY = Uint8Array.of(0x37, 0xfa, 0x21, 0x3d);

	it('masks "Hello" with 37 fa 21 3d into 7f 9f 4d 51 58 (RFC 6455 §5.7)', () => {
		const hello = new TextEncoder().encode('Hello');
		expect([...applyMask(hello, KEY)]).toEqual([0x7f, 0x9f, 0x4d, 0x51, 0x58]);
		expect(new TextDecoder().decode(applyMask(applyMask(hello, KEY), KEY))).toBe('Hello');
	});

	it('does not change its input', () => {
		const input = Uint8Array.of(1, 2, 3);
		applyMask(input, KEY);
		expect([...input]).toEqual([1, 2, 3]);
	});

	it('continues the key from startIndex, so a payload can be unmasked in pieces', () => {
		const data = Uint8Array.from({ length: 100 }, (_, i) => i);
		const whole = applyMask(data, KEY);
		const pieces = new Uint8Array([
			...applyMask(data.subarray(0, 37), KEY),
			...applyMask(data.subarray(37), KEY, 37)
		]);
		expect(pieces).toEqual(whole);
	});

	it('matches the byte-by-byte definition at every alignment and length', () => {
		fc.assert(
			fc.property(
				fc.uint8Array({ maxLength: 300 }),
				fc.uint8Array({ minLength: 4, maxLength: 4 }),
				fc.nat(7),
				fc.nat(3),
				(bytes, key, shift, start) => {
					// Place the data at an unaligned offset of a larger buffer.
					const buffer = new Uint8Array(bytes.length + 8);
					const view = buffer.subarray(shift, shift + bytes.length);
					view.set(bytes);
					maskInPlace(view, key, start);
					const expected = bytes.map((byte, i) => byte ^ key[(start + i) % 4]);
					expect(view).toEqual(expected);
					expect([...buffer.subarray(0, shift)].every((byte) => byte === 0)).toBe(true);
				}
			),
			{ numRuns: 500 }
		);
	});
});
