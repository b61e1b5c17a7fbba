import { describe, expect, it } from 'vitest';
import { buildFrames, filler, type BuilderForm } from './builder';
import { decodeFrames } from './decode';
import { toHex } from '../bytes/hex';

const KEY = Uint8Array.of(0x37, 0xfa, 0x21, 0x3d);

const form = (over: Partial<BuilderForm> = {}): BuilderForm => ({
	opcode: 0x1,
	fin: true,
	rsv1: false,
	rsv2: false,
	rsv3: false,
	payloadKind: 'text',
	text: 'Hello',
	hex: '',
	size: 0,
	closeCode: '1000',
	closeReason: '',
	mask: false,
	maskingKeys: [KEY],
	fragments: 1,
	compress: false,
	...over
});

function built(over: Partial<BuilderForm>) {
	const outcome = buildFrames(form(over));
	if (!outcome.ok) throw new Error(outcome.message);
	return outcome;
}

describe('buildFrames', () => {
	it('builds the RFC 6455 §5.7 unmasked "Hello"', () => {
		expect(toHex(built({}).bytes)).toBe('81 05 48 65 6c 6c 6f');
	});

	it('builds the RFC 6455 §5.7 masked "Hello" with the RFC key', () => {
		expect(toHex(built({ mask: true }).bytes)).toBe('81 85 37 fa 21 3d 7f 9f 4d 51 58');
	});

	it('splits a message into fragments: opcode first, continuations after, FIN on the last', () => {
		const { frames } = built({ fragments: 2 });
		expect(frames.map((f) => toHex(f))).toEqual(['01 03 48 65 6c', '80 02 6c 6f']);
	});

	it('leaves the message open when FIN is cleared', () => {
		const { bytes } = built({ fin: false });
		const result = decodeFrames(bytes, { from: 'server' });
		expect(result.messages[0].complete).toBe(false);
	});

	it('compresses with permessage-deflate and sets RSV1 on the first frame only', () => {
		const { bytes, frames } = built({ compress: true, fragments: 2 });
		expect(frames[0][0] & 0x40).toBe(0x40);
		expect(frames[1][0] & 0x40).toBe(0);
		const result = decodeFrames(bytes, { from: 'server', permessageDeflate: true });
		expect(result.error).toBeUndefined();
		expect(result.messages[0].text).toBe('Hello');
	});

	it('builds RFC 7692 §7.2.3.1 "Hello" compressed in one frame', () => {
		expect(toHex(built({ compress: true }).bytes)).toBe('c1 07 f2 48 cd c9 c9 07 00');
	});

	it('builds a close frame from a status code and a reason', () => {
		const { bytes } = built({
			opcode: 0x8,
			payloadKind: 'close',
			closeCode: '1000',
			closeReason: 'bye'
		});
		expect(toHex(bytes)).toBe('88 05 03 e8 62 79 65');
	});

	it('builds an empty close frame when no code is given', () => {
		expect(toHex(built({ opcode: 0x8, payloadKind: 'close', closeCode: '' }).bytes)).toBe('88 00');
	});

	it('refuses a close reason without a status code, naming the field', () => {
		expect(
			buildFrames(form({ opcode: 0x8, payloadKind: 'close', closeCode: '', closeReason: 'x' }))
		).toMatchObject({
			ok: false,
			field: 'closeReason'
		});
	});

	it('refuses a status code that does not fit in 2 bytes', () => {
		expect(buildFrames(form({ payloadKind: 'close', closeCode: '70000' }))).toMatchObject({
			ok: false,
			field: 'closeCode'
		});
	});

	it('reports where a hex payload stops being hex', () => {
		expect(buildFrames(form({ payloadKind: 'hex', hex: '01 02 zz' }))).toMatchObject({
			ok: false,
			field: 'hex',
			message: expect.stringMatching(/^Line 1, column 7: /)
		});
	});

	it('makes a payload of a given size with the 16-bit length encoding', () => {
		const { bytes } = built({ opcode: 0x2, payloadKind: 'size', size: 300 });
		expect(toHex(bytes.subarray(0, 4))).toBe('82 7e 01 2c');
		expect(bytes.length).toBe(304);
	});

	it('refuses a size out of range', () => {
		expect(buildFrames(form({ payloadKind: 'size', size: -1 }))).toMatchObject({
			ok: false,
			field: 'size'
		});
	});

	it('refuses a masking key that is not 4 bytes', () => {
		expect(buildFrames(form({ mask: true, maskingKeys: [Uint8Array.of(1, 2)] }))).toMatchObject({
			ok: false,
			field: 'maskingKeys'
		});
	});

	it('builds broken frames on purpose, for the decoder to explain', () => {
		const { bytes } = built({ rsv2: true });
		expect(decodeFrames(bytes, { from: 'server' }).error?.closeCode).toBe(1002);
	});
});

describe('filler', () => {
	it('uses letters for text and counting bytes for binary', () => {
		expect(new TextDecoder().decode(filler(28, true))).toBe('abcdefghijklmnopqrstuvwxyzab');
		expect(Array.from(filler(3, false))).toEqual([0, 1, 2]);
	});
});
