import { inflateSync } from 'fflate';
import { describe, expect, it } from 'vitest';
import { decodeFrames } from './decode';
import { DEFLATE_TAIL, deflateMessage, inflateMessage } from './deflate';
import { encodeFrame, encodeMessage, fragmentMessage, frameHeaderLength } from './encode';
import { parseHex, toHex } from '../bytes/hex';

const hello = new TextEncoder().encode('Hello');
const KEY = Uint8Array.of(0x37, 0xfa, 0x21, 0x3d);

function sameBytes(a: Uint8Array, b: Uint8Array): boolean {
	if (a.length !== b.length) return false;
	for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return false;
	return true;
}

describe('encodeFrame', () => {
	it('encodes the RFC 6455 §5.7 text frames byte for byte', () => {
		expect(toHex(encodeFrame({ fin: true, opcode: 1, payload: hello }))).toBe(
			'81 05 48 65 6c 6c 6f'
		);
		expect(toHex(encodeFrame({ fin: true, opcode: 1, payload: hello, maskingKey: KEY }))).toBe(
			'81 85 37 fa 21 3d 7f 9f 4d 51 58'
		);
		expect(toHex(encodeFrame({ fin: false, opcode: 1, payload: hello.subarray(0, 3) }))).toBe(
			'01 03 48 65 6c'
		);
		expect(toHex(encodeFrame({ fin: true, opcode: 0, payload: hello.subarray(3) }))).toBe(
			'80 02 6c 6f'
		);
		expect(toHex(encodeFrame({ fin: true, opcode: 0xa, payload: hello, maskingKey: KEY }))).toBe(
			'8a 85 37 fa 21 3d 7f 9f 4d 51 58'
		);
	});

	it('uses the 16-bit length from 126 bytes and the 64-bit length from 65536', () => {
		const at = (length: number) =>
			toHex(encodeFrame({ fin: true, opcode: 2, payload: new Uint8Array(length) }).subarray(0, 10));
		expect(at(125).slice(0, 5)).toBe('82 7d');
		expect(at(126).slice(0, 11)).toBe('82 7e 00 7e');
		expect(at(256).slice(0, 11)).toBe('82 7e 01 00');
		expect(at(65535).slice(0, 11)).toBe('82 7e ff ff');
		expect(at(65536)).toBe('82 7f 00 00 00 00 00 01 00 00');
	});

	it('sets the RSV bits it is given and keeps the opcode to 4 bits', () => {
		const frame = encodeFrame({
			fin: false,
			rsv1: true,
			rsv2: true,
			rsv3: true,
			opcode: 0x1f,
			payload: hello
		});
		expect(frame[0]).toBe(0x7f);
	});

	it('writes a longer length encoding when asked, for lessons on minimal encoding', () => {
		expect(toHex(encodeFrame({ fin: true, opcode: 1, payload: hello, lengthEncoding: 16 }))).toBe(
			'81 7e 00 05 48 65 6c 6c 6f'
		);
		const long = encodeFrame({ fin: true, opcode: 1, payload: hello, lengthEncoding: 64 });
		expect(toHex(long.subarray(0, 10))).toBe('81 7f 00 00 00 00 00 00 00 05');
		expect(frameHeaderLength(5, true, 64)).toBe(14);
	});

	it('refuses a masking key that is not 4 bytes', () => {
		expect(() =>
			encodeFrame({ fin: true, opcode: 1, payload: hello, maskingKey: Uint8Array.of(1, 2, 3) })
		).toThrow(RangeError);
	});
});

describe('fragmentMessage and encodeMessage', () => {
	it('splits a message: opcode on the first frame, 0x0 after, FIN on the last', () => {
		const frames = fragmentMessage({ opcode: 1, payload: hello, fragments: 3 });
		expect(frames.map((frame) => [frame.opcode, frame.fin, frame.payload.length])).toEqual([
			[1, false, 2],
			[0, false, 2],
			[0, true, 1]
		]);
	});

	it('takes explicit fragment sizes, and reproduces the RFC fragmented example', () => {
		const bytes = encodeMessage({ opcode: 1, payload: hello, fragments: [3, 2] });
		expect(toHex(bytes)).toBe('01 03 48 65 6c 80 02 6c 6f');
	});

	it('masks each frame with its own key when given several', () => {
		const keys = [Uint8Array.of(1, 1, 1, 1), Uint8Array.of(2, 2, 2, 2)];
		const frames = fragmentMessage({ opcode: 2, payload: hello, fragments: 2, maskingKeys: keys });
		expect(frames.map((frame) => frame.maskingKey?.[0])).toEqual([1, 2]);
		const decoded = decodeFrames(
			encodeMessage({ opcode: 2, payload: hello, fragments: 2, maskingKeys: keys }),
			{
				from: 'client'
			}
		);
		expect(decoded.messages[0].data).toEqual(hello);
	});

	it('compresses, setting RSV1 on the first frame only (RFC 7692 §6.1)', () => {
		const frames = fragmentMessage({
			opcode: 1,
			payload: hello,
			fragments: [3, 4],
			compress: true
		});
		expect(frames.map((frame) => frame.rsv1)).toEqual([true, false]);
		const bytes = encodeMessage({ opcode: 1, payload: hello, fragments: [3, 4], compress: true });
		expect(toHex(bytes)).toBe('41 03 f2 48 cd 80 04 c9 c9 07 00');
		const decoded = decodeFrames(bytes, { from: 'server', permessageDeflate: true });
		expect(decoded.messages[0].text).toBe('Hello');
	});
});

describe('deflateMessage', () => {
	it('compresses "Hello" to f2 48 cd c9 c9 07 00 (RFC 7692 §7.2.3.1)', () => {
		expect(toHex(deflateMessage(hello))).toBe('f2 48 cd c9 c9 07 00');
	});

	it('compresses an empty message to a single 00 (RFC 7692 §7.2.3.6)', () => {
		expect(toHex(deflateMessage(new Uint8Array(0)))).toBe('00');
	});

	it('ends in a sync flush (no BFINAL block) minus its tail, and inflates back, at any size', () => {
		// fflate 0.8's own sync flush is corrupt for some sizes (5000 and 10 MB here); the
		// encoder repairs it, and never falls back to a BFINAL block for these inputs.
		for (const size of [1, 100, 5000, 40000, 100000, 1 << 20, 10_000_000]) {
			const data = new Uint8Array(size);
			for (let i = 0; i < size; i++) data[i] = (i * 31) ^ (i >> 7);
			const compressed = deflateMessage(data);
			expect(toHex(compressed.subarray(-4))).not.toBe(toHex(DEFLATE_TAIL));
			const withTail = new Uint8Array([...compressed.subarray(-64), ...DEFLATE_TAIL]);
			// Without a BFINAL block fflate's inflater runs out of input; it would not if the
			// payload ended in a final block.
			expect(() =>
				inflateSync(new Uint8Array([...compressed.subarray(0, -64), ...withTail]))
			).toThrow('unexpected EOF');
			const outcome = inflateMessage(compressed);
			expect(outcome.ok && sameBytes(outcome.data, data)).toBe(true);
		}
	});

	it('inflates with a dictionary for context takeover, and fails without it', () => {
		expect(inflateMessage(parseHex('f2 00 11 00 00'), { dictionary: hello })).toEqual({
			ok: true,
			data: hello
		});
		expect(inflateMessage(parseHex('f2 00 11 00 00'))).toMatchObject({ ok: false, tooBig: false });
	});

	it('stops inflating soon after maxBytes', () => {
		const compressed = deflateMessage(new Uint8Array(10_000_000));
		expect(compressed.length).toBeLessThan(20000);
		expect(inflateMessage(compressed, { maxBytes: 1000 })).toMatchObject({
			ok: false,
			tooBig: true
		});
	});
});
