import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { encodeFrame, type FrameSpec } from '../lib/protocol/websocket/index.js';
import { parseHex } from '../lib/protocol/bytes/hex.js';
import { FrameSplitter, type SplitFrame } from './frame-splitter.js';

const frameSpec: fc.Arbitrary<FrameSpec> = fc.record({
	fin: fc.boolean(),
	rsv1: fc.boolean(),
	opcode: fc.integer({ min: 0, max: 15 }),
	// Lengths around the 7-bit and 16-bit encodings' edges, and small ones.
	payload: fc
		.oneof(fc.integer({ min: 0, max: 130 }), fc.constantFrom(125, 126, 127, 65535, 65536, 70000))
		.map((length) => new Uint8Array(length).map((_, i) => (i * 31 + length) & 0xff)),
	maskingKey: fc.option(fc.uint8Array({ minLength: 4, maxLength: 4 }), { nil: undefined }),
	lengthEncoding: fc.constantFrom(undefined, 16 as const, 64 as const)
});

/** Cuts `bytes` at the given fractions of its length. */
function cut(bytes: Uint8Array, fractions: number[]): Uint8Array[] {
	const points = fractions.map((f) => Math.floor(f * bytes.length)).sort((a, b) => a - b);
	const chunks: Uint8Array[] = [];
	let start = 0;
	for (const point of [...points, bytes.length]) {
		chunks.push(bytes.subarray(start, point));
		start = point;
	}
	return chunks;
}

function concat(parts: Uint8Array[]): Uint8Array {
	const out = new Uint8Array(parts.reduce((sum, part) => sum + part.length, 0));
	let offset = 0;
	for (const part of parts) {
		out.set(part, offset);
		offset += part.length;
	}
	return out;
}

describe('FrameSplitter', () => {
	it('gives back every frame byte for byte, however the stream is cut into chunks', () => {
		fc.assert(
			fc.property(
				fc.array(frameSpec, { minLength: 1, maxLength: 6 }),
				fc.array(fc.double({ min: 0, max: 1, noNaN: true }), { maxLength: 20 }),
				(specs, fractions) => {
					const encoded = specs.map(encodeFrame);
					const splitter = new FrameSplitter();
					const frames: SplitFrame[] = [];
					for (const chunk of cut(concat(encoded), fractions)) frames.push(...splitter.push(chunk));
					expect(frames).toHaveLength(encoded.length);
					// Buffer.equals, not toEqual on arrays: frames reach 70 000 bytes.
					const same = frames.map((frame, i) => Buffer.from(frame.bytes).equals(encoded[i]));
					expect(same.every(Boolean)).toBe(true);
					expect(
						frames.map((frame) => [
							frame.fin,
							frame.rsv1,
							frame.opcode,
							frame.masked,
							frame.payloadLength
						])
					).toEqual(
						specs.map((spec) => [
							spec.fin,
							!!spec.rsv1,
							spec.opcode,
							spec.maskingKey !== undefined,
							spec.payload.length
						])
					);
					expect(splitter.buffered).toBe(0);
				}
			),
			{ numRuns: 200 }
		);
	});

	it('holds back a frame until its last byte arrives, even one byte at a time', () => {
		const frame = parseHex('81 85 37 fa 21 3d 7f 9f 4d 51 58');
		const splitter = new FrameSplitter();
		for (let i = 0; i < frame.length - 1; i++)
			expect(splitter.push(frame.subarray(i, i + 1))).toEqual([]);
		expect(splitter.buffered).toBe(frame.length - 1);
		const [whole] = splitter.push(frame.subarray(frame.length - 1));
		expect([...whole.bytes]).toEqual([...frame]);
		expect(whole).toMatchObject({ fin: true, opcode: 1, masked: true, payloadLength: 5 });
	});

	it('stops, and drops what it holds, when a header announces more than the limit', () => {
		const splitter = new FrameSplitter(1000);
		expect(splitter.push(parseHex('82 7e 03 e8'))).toEqual([]);
		expect(splitter.stopped).toBeNull();
		const big = new FrameSplitter(1000);
		expect(big.push(parseHex('82 7e 03 e9 00 00'))).toEqual([]);
		expect(big.stopped).toBe('frame-too-large');
		expect(big.buffered).toBe(0);
		expect(big.push(parseHex('81 00'))).toEqual([]);
	});

	it('reads a 64-bit length beyond 2^32 without losing bits, and stops on it', () => {
		const splitter = new FrameSplitter();
		const header = parseHex('82 7f 00 00 00 01 00 00 00 00');
		expect(splitter.push(header)).toEqual([]);
		expect(splitter.stopped).toBeNull();
		expect(splitter.buffered).toBe(10);
		const limited = new FrameSplitter(2 ** 32 - 1);
		limited.push(header);
		expect(limited.stopped).toBe('frame-too-large');
	});
});
