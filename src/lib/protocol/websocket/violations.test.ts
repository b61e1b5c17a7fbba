import { describe, expect, it } from 'vitest';
import {
	decodeFrames,
	type DecodeErrorCode,
	type DecodeOptions,
	type DecodeResult
} from './decode';
import { deflateMessage } from './deflate';
import { encodeFrame } from './encode';
import { parseHex, toHex } from '../bytes/hex';
import { findTilingProblems } from '../bytes/tiling';

const SERVER: DecodeOptions = { from: 'server' };
const CLIENT: DecodeOptions = { from: 'client' };
const DEFLATE: DecodeOptions = { from: 'server', permessageDeflate: true };

interface Expected {
	code: DecodeErrorCode;
	closeCode: number;
	offset: number;
	bitOffset?: number;
	frame?: number;
}

/** Decodes `hex` and checks the first error, and that the layout still tiles the bytes read. */
function expectError(hex: string, options: DecodeOptions, expected: Expected): DecodeResult {
	const bytes = parseHex(hex);
	const result = decodeFrames(bytes, options);
	expect(findTilingProblems(result.frames, 0, bytes.length - result.trailing)).toEqual([]);
	expect(result.error).toMatchObject(expected);
	expect(result.error?.message).toMatch(/\.$/);
	expect(result.error?.source).toMatch(/^RFC (6455|7692) §/);
	return result;
}

describe('reserved bits', () => {
	it('rejects RSV1 when no extension was negotiated', () => {
		expectError('c1 05 48 65 6c 6c 6f', SERVER, {
			code: 'RSV_WITHOUT_EXTENSION',
			closeCode: 1002,
			offset: 0,
			bitOffset: 1
		});
	});

	it('rejects RSV2 and RSV3 even under permessage-deflate', () => {
		expectError('a1 05 48 65 6c 6c 6f', DEFLATE, {
			code: 'RSV_WITHOUT_EXTENSION',
			closeCode: 1002,
			offset: 0,
			bitOffset: 2
		});
		expectError('91 05 48 65 6c 6c 6f', DEFLATE, {
			code: 'RSV_WITHOUT_EXTENSION',
			closeCode: 1002,
			offset: 0,
			bitOffset: 3
		});
	});

	it('rejects RSV1 on a continuation frame under permessage-deflate', () => {
		const result = expectError('41 03 f2 48 cd c0 04 c9 c9 07 00', DEFLATE, {
			code: 'RSV1_ON_CONTINUATION',
			closeCode: 1002,
			offset: 5,
			bitOffset: 1,
			frame: 1
		});
		expect(result.error?.source).toBe('RFC 7692 §6.1');
	});

	it('rejects RSV1 on a control frame under permessage-deflate', () => {
		expectError('c9 00', DEFLATE, {
			code: 'RSV1_ON_CONTROL_FRAME',
			closeCode: 1002,
			offset: 0,
			bitOffset: 1
		});
		expectError('ca 00', DEFLATE, { code: 'RSV1_ON_CONTROL_FRAME', closeCode: 1002, offset: 0 });
	});
});

describe('opcodes', () => {
	it('rejects each reserved opcode 0x3–0x7 and 0xB–0xF', () => {
		for (const opcode of [0x3, 0x4, 0x5, 0x6, 0x7, 0xb, 0xc, 0xd, 0xe, 0xf]) {
			const result = expectError(toHex(Uint8Array.of(0x80 | opcode, 0x00)), SERVER, {
				code: 'RESERVED_OPCODE',
				closeCode: 1002,
				offset: 0,
				bitOffset: 4
			});
			expect(result.error?.message).toContain(`0x${opcode.toString(16).toUpperCase()}`);
		}
	});

	it('rejects a continuation frame with no message started', () => {
		expectError('80 02 6c 6f', SERVER, {
			code: 'CONTINUATION_WITHOUT_MESSAGE',
			closeCode: 1002,
			offset: 0,
			bitOffset: 4
		});
	});

	it('rejects a continuation frame after the message it continued has ended', () => {
		expectError('81 02 48 69 80 02 6c 6f', SERVER, {
			code: 'CONTINUATION_WITHOUT_MESSAGE',
			closeCode: 1002,
			offset: 4
		});
	});

	it('rejects a new text frame in the middle of a fragmented message', () => {
		expectError('01 03 48 65 6c 81 02 6c 6f', SERVER, {
			code: 'EXPECTED_CONTINUATION',
			closeCode: 1002,
			offset: 5,
			bitOffset: 4,
			frame: 1
		});
	});

	it('rejects a new binary frame in the middle of a fragmented message, past a ping', () => {
		expectError('01 03 48 65 6c 89 00 82 01 00', SERVER, {
			code: 'EXPECTED_CONTINUATION',
			closeCode: 1002,
			offset: 7,
			frame: 2
		});
	});
});

describe('control frames', () => {
	it('rejects a control frame longer than 125 bytes, at the length byte', () => {
		const ping = encodeFrame({ fin: true, opcode: 0x9, payload: new Uint8Array(126) });
		expectError(toHex(ping), SERVER, {
			code: 'CONTROL_FRAME_TOO_LONG',
			closeCode: 1002,
			offset: 1,
			bitOffset: 1
		});
	});

	it('rejects a pong longer than 125 bytes, like every control frame', () => {
		const pong = encodeFrame({ fin: true, opcode: 0xa, payload: new Uint8Array(70000) });
		expectError(toHex(pong), SERVER, {
			code: 'CONTROL_FRAME_TOO_LONG',
			closeCode: 1002,
			offset: 1
		});
	});

	it('accepts a control frame of exactly 125 bytes', () => {
		const ping = encodeFrame({ fin: true, opcode: 0x9, payload: new Uint8Array(125) });
		expect(decodeFrames(ping, SERVER).error).toBeUndefined();
	});

	it('rejects a control frame with FIN=0, at the FIN bit', () => {
		expectError('09 00', SERVER, {
			code: 'FRAGMENTED_CONTROL_FRAME',
			closeCode: 1002,
			offset: 0,
			bitOffset: 0
		});
		expectError('08 02 03 e8', SERVER, {
			code: 'FRAGMENTED_CONTROL_FRAME',
			closeCode: 1002,
			offset: 0
		});
	});

	it('reports FIN=0 before RSV1 on the same control frame (bit order)', () => {
		expectError('49 00', SERVER, {
			code: 'FRAGMENTED_CONTROL_FRAME',
			offset: 0,
			bitOffset: 0,
			closeCode: 1002
		});
	});
});

describe('masking', () => {
	it('rejects an unmasked frame from a client, at the MASK bit', () => {
		expectError('81 05 48 65 6c 6c 6f', CLIENT, {
			code: 'CLIENT_FRAME_NOT_MASKED',
			closeCode: 1002,
			offset: 1,
			bitOffset: 0
		});
	});

	it('rejects a masked frame from a server, at the MASK bit', () => {
		expectError('81 85 37 fa 21 3d 7f 9f 4d 51 58', SERVER, {
			code: 'SERVER_FRAME_MASKED',
			closeCode: 1002,
			offset: 1,
			bitOffset: 0
		});
	});

	it('reports byte 0 problems before byte 1 problems', () => {
		expectError('c1 05 48 65 6c 6c 6f', CLIENT, {
			code: 'RSV_WITHOUT_EXTENSION',
			closeCode: 1002,
			offset: 0
		});
	});
});

describe('lengths', () => {
	it('rejects a 64-bit length with its most significant bit set, at the first length byte', () => {
		const result = expectError('82 7f 80 00 00 00 00 00 00 05 01 02 03 04 05', SERVER, {
			code: 'LENGTH_MSB_SET',
			closeCode: 1002,
			offset: 2,
			bitOffset: 0
		});
		expect(result.error?.message).toContain('0x80');
	});

	it('rejects the set MSB even when the input ends inside the length', () => {
		expectError('82 7f ff', SERVER, { code: 'LENGTH_MSB_SET', closeCode: 1002, offset: 2 });
	});

	it('rejects a 64-bit length beyond 2^53 − 1 with 1009', () => {
		expectError('82 7f 00 40 00 00 00 00 00 00', SERVER, {
			code: 'LENGTH_TOO_LARGE',
			closeCode: 1009,
			offset: 2
		});
	});
});

describe('maxMessageBytes', () => {
	it('rejects a frame larger than the limit, at its 7-bit length', () => {
		expectError(
			'81 05 48 65 6c 6c 6f',
			{ from: 'server', maxMessageBytes: 4 },
			{
				code: 'MESSAGE_TOO_BIG',
				closeCode: 1009,
				offset: 1,
				bitOffset: 1
			}
		);
	});

	it('rejects at the extended length when the length is extended', () => {
		const frame = encodeFrame({ fin: true, opcode: 2, payload: new Uint8Array(300) });
		expectError(
			toHex(frame),
			{ from: 'server', maxMessageBytes: 299 },
			{
				code: 'MESSAGE_TOO_BIG',
				closeCode: 1009,
				offset: 2,
				bitOffset: 0
			}
		);
	});

	it('rejects at the length of the fragment that pushes the total over', () => {
		const result = expectError(
			'01 03 48 65 6c 89 00 80 02 6c 6f',
			{ from: 'server', maxMessageBytes: 4 },
			{
				code: 'MESSAGE_TOO_BIG',
				closeCode: 1009,
				offset: 8,
				bitOffset: 1,
				frame: 2
			}
		);
		expect(result.error?.message).toContain('5 bytes');
	});

	it('accepts a message of exactly the limit', () => {
		const result = decodeFrames(parseHex('81 05 48 65 6c 6c 6f'), {
			from: 'server',
			maxMessageBytes: 5
		});
		expect(result.error).toBeUndefined();
	});

	it('rejects a compressed message whose inflated size is over the limit', () => {
		const compressed = deflateMessage(new Uint8Array(5000).fill(0x61));
		const frame = encodeFrame({ fin: true, rsv1: true, opcode: 2, payload: compressed });
		expectError(
			toHex(frame),
			{ ...DEFLATE, maxMessageBytes: 4999 },
			{
				code: 'MESSAGE_TOO_BIG',
				closeCode: 1009,
				offset: 2
			}
		);
		expect(decodeFrames(frame, { ...DEFLATE, maxMessageBytes: 5000 }).error).toBeUndefined();
	});
});

describe('UTF-8 in text messages', () => {
	const cases: [string, string, number][] = [
		['a surrogate: ED A0 80 fails at A0', '81 03 ed a0 80', 3],
		['C0 fails at C0', '81 02 c0 80', 2],
		['C1 fails at C1', '81 02 c1 bf', 2],
		['F4 90 fails at 90 (above U+10FFFF)', '81 04 f4 90 80 80', 3],
		['an overlong E0 80 fails at 80', '81 03 e0 80 80', 3],
		['an overlong E0 9F fails at 9F', '81 03 e0 9f bf', 3],
		['an overlong F0 8F fails at 8F', '81 04 f0 8f bf bf', 3],
		['F5 fails at F5', '81 01 f5', 2],
		['FF fails at FF', '81 01 ff', 2],
		['an unexpected continuation byte fails at itself', '81 03 41 80 41', 3],
		['a missing continuation fails at the byte that replaces it', '81 03 e2 82 41', 4]
	];
	for (const [name, hex, offset] of cases) {
		it(`rejects ${name}`, () => {
			expectError(hex, SERVER, { code: 'INVALID_UTF8', closeCode: 1007, offset, bitOffset: 0 });
		});
	}

	it('rejects a code point split across fragments at the first byte that cannot be valid', () => {
		expectError('01 01 ed 80 02 a0 80', SERVER, {
			code: 'INVALID_UTF8',
			closeCode: 1007,
			offset: 5,
			frame: 1
		});
	});

	it('rejects a masked text message at the offending byte of the input', () => {
		const frame = encodeFrame({
			fin: true,
			opcode: 1,
			payload: Uint8Array.of(0x48, 0x69, 0xc0, 0x80),
			maskingKey: Uint8Array.of(1, 2, 3, 4)
		});
		expectError(toHex(frame), CLIENT, { code: 'INVALID_UTF8', closeCode: 1007, offset: 8 });
	});

	it('rejects a message that ends inside a code point, at its lead byte', () => {
		expectError('81 02 41 e2', SERVER, { code: 'INVALID_UTF8', closeCode: 1007, offset: 3 });
	});

	it('points back into the earlier fragment holding the unfinished lead byte', () => {
		expectError('01 02 41 f0 80 02 9f 98', SERVER, {
			code: 'INVALID_UTF8',
			closeCode: 1007,
			offset: 3,
			frame: 0
		});
	});

	it('fails fast: a cut frame with an impossible byte is already an error', () => {
		expectError('81 7e 01 00 41 ff 42', SERVER, {
			code: 'INVALID_UTF8',
			closeCode: 1007,
			offset: 5
		});
	});

	it('accepts the largest code point and the last one before the surrogates', () => {
		const result = decodeFrames(parseHex('81 07 f4 8f bf bf ed 9f bf'), SERVER);
		expect(result.error).toBeUndefined();
		expect(result.messages[0].text).toBe('\u{10FFFF}\uD7FF');
	});

	it('rejects invalid UTF-8 in a compressed message at the payload start', () => {
		const compressed = deflateMessage(Uint8Array.of(0x41, 0x42, 0xed, 0xa0, 0x80));
		const frame = encodeFrame({ fin: true, rsv1: true, opcode: 1, payload: compressed });
		const result = expectError(toHex(frame), DEFLATE, {
			code: 'INVALID_UTF8',
			closeCode: 1007,
			offset: 2
		});
		expect(result.error?.message).toContain('byte 3 of the decompressed message');
	});
});

describe('close frames', () => {
	it('rejects a close payload of 1 byte, at the length', () => {
		const result = expectError('88 01 03', SERVER, {
			code: 'CLOSE_PAYLOAD_ONE_BYTE',
			closeCode: 1002,
			offset: 1,
			bitOffset: 1
		});
		expect(result.frames[0].fields.at(-1)?.meaning).toBe(
			'1 byte — too short for a status code, which takes 2'
		);
	});

	it('rejects every close code that may not be sent, at the status code', () => {
		for (const code of [0, 999, 1004, 1005, 1006, 1015, 1016, 2999, 5000, 65535]) {
			const payload = Uint8Array.of(code >> 8, code & 0xff);
			const frame = encodeFrame({ fin: true, opcode: 8, payload });
			const result = expectError(toHex(frame), SERVER, {
				code: 'INVALID_CLOSE_CODE',
				closeCode: 1002,
				offset: 2,
				bitOffset: 0
			});
			expect(result.error?.message).toContain(String(code));
		}
	});

	it('accepts 1000–1003, 1007–1014 and 3000–4999', () => {
		for (const code of [1000, 1001, 1002, 1003, 1007, 1011, 1014, 3000, 3999, 4000, 4999]) {
			const payload = Uint8Array.of(code >> 8, code & 0xff);
			const result = decodeFrames(encodeFrame({ fin: true, opcode: 8, payload }), SERVER);
			expect(result.error).toBeUndefined();
			expect(result.messages[0].code).toBe(code);
		}
	});

	it('rejects invalid UTF-8 in a close reason, at the offending byte', () => {
		expectError('88 05 03 e8 41 c0 80', SERVER, {
			code: 'INVALID_CLOSE_REASON_UTF8',
			closeCode: 1007,
			offset: 5
		});
	});

	it('rejects a close reason that ends inside a code point, at its lead byte', () => {
		expectError('88 04 03 e8 41 e2', SERVER, {
			code: 'INVALID_CLOSE_REASON_UTF8',
			closeCode: 1007,
			offset: 5
		});
	});

	it('only warns about a data frame after a Close, which a receiver discards', () => {
		const result = decodeFrames(parseHex('88 02 03 e8 81 02 68 69'), SERVER);
		expect(result.error).toBeUndefined();
		expect(result.warnings).toMatchObject([{ code: 'FRAME_AFTER_CLOSE', offset: 4, frame: 1 }]);
	});

	it('only warns about a control frame after a Close', () => {
		const result = decodeFrames(parseHex('88 00 89 00'), SERVER);
		expect(result.error).toBeUndefined();
		expect(result.warnings).toMatchObject([{ code: 'FRAME_AFTER_CLOSE', offset: 2 }]);
	});

	it('accepts a Close between the fragments of a message', () => {
		const result = decodeFrames(parseHex('01 01 41 88 00 80 01 42'), SERVER);
		expect(result.error).toBeUndefined();
		expect(result.messages.map((m) => m.type)).toEqual(['close', 'text']);
		expect(result.messages[1]).toMatchObject({ text: 'AB', complete: true });
	});
});

describe('permessage-deflate', () => {
	it('rejects data that does not inflate, at the payload start', () => {
		expectError('c1 01 ff', DEFLATE, { code: 'INFLATE_FAILED', closeCode: 1007, offset: 2 });
	});

	it('rejects compressed data cut in the middle of a block', () => {
		expectError('c1 06 f2 48 cd c9 c9 07', DEFLATE, {
			code: 'INFLATE_FAILED',
			closeCode: 1007,
			offset: 2
		});
	});

	it('rejects a back-reference into the previous message without context takeover', () => {
		const result = expectError(
			'c1 07 f2 48 cd c9 c9 07 00 c1 05 f2 00 11 00 00',
			{ from: 'server', permessageDeflate: { noContextTakeover: true } },
			{ code: 'INFLATE_FAILED', closeCode: 1007, offset: 11, frame: 1 }
		);
		expect(result.messages.filter((message) => message.complete)).toHaveLength(1);
	});

	it('rejects a back-reference in the very first message, even with context takeover', () => {
		expectError('c1 05 f2 00 11 00 00', DEFLATE, {
			code: 'INFLATE_FAILED',
			closeCode: 1007,
			offset: 2
		});
	});
});

describe('the first violation', () => {
	it('stops decoding at the offending frame and counts the bytes after it', () => {
		const result = expectError('81 02 48 69 83 00 81 02 48 69', SERVER, {
			code: 'RESERVED_OPCODE',
			closeCode: 1002,
			offset: 4,
			frame: 1
		});
		expect(result.frames).toHaveLength(2);
		expect(result.messages.map((message) => message.text)).toEqual(['Hi']);
		expect(result.trailing).toBe(4);
	});

	it('still lays out the offending frame as far as its bytes allow', () => {
		const result = expectError('83 85 01 02 03 04 05', SERVER, {
			code: 'RESERVED_OPCODE',
			closeCode: 1002,
			offset: 0
		});
		expect(result.frames[0].fields.map((field) => field.key)).toEqual([
			'fin',
			'rsv1',
			'rsv2',
			'rsv3',
			'opcode',
			'mask',
			'payloadLength',
			'maskingKey',
			'payload'
		]);
		expect(result.frames[0].fields[8]).toMatchObject({ partial: true, value: 1 });
		expect(result.incomplete).toBeUndefined();
	});
});
