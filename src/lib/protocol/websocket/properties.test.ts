import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { decodeFrames, type DecodeOptions } from './decode';
import { encodeFrame, encodeMessage, frameHeaderLength, type FrameSpec } from './encode';
import { findTilingProblems } from '../bytes/tiling';

const ENCODER = new TextEncoder();

/** Byte equality without vitest's element-by-element diffing, which is slow on 64 KiB. */
function sameBytes(a: Uint8Array | undefined, b: Uint8Array | undefined): boolean {
	if (a === undefined || b === undefined) return a === b;
	if (a.length !== b.length) return false;
	for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return false;
	return true;
}
const maskingKey = fc.option(fc.uint8Array({ minLength: 4, maxLength: 4 }), { nil: undefined });

/** A close payload a strict receiver accepts: empty, or a sendable code and a UTF-8 reason. */
const closePayload = fc.oneof(
	fc.constant(new Uint8Array(0)),
	fc
		.tuple(
			fc.oneof(
				fc.integer({ min: 1000, max: 1003 }),
				fc.integer({ min: 1007, max: 1014 }),
				fc.integer({ min: 3000, max: 4999 })
			),
			fc.string({ maxLength: 30 })
		)
		.map(([code, reason]) => {
			const text = ENCODER.encode(reason).subarray(0, 123);
			// Cutting the reason may split a code point; drop what TextEncoder cannot round-trip.
			const valid = ENCODER.encode(new TextDecoder().decode(text).replace(/\uFFFD+$/, ''));
			return new Uint8Array([code >> 8, code & 0xff, ...valid.subarray(0, 123)]);
		})
);

/** Any frame a strict receiver accepts on its own (a lone fragment is fine: it stays open). */
const validFrame: fc.Arbitrary<FrameSpec> = fc.oneof(
	fc.record({
		fin: fc.boolean(),
		opcode: fc.constant(0x1),
		payload: fc.string({ unit: 'grapheme', maxLength: 300 }).map((text) => ENCODER.encode(text)),
		maskingKey
	}),
	fc.record({
		fin: fc.boolean(),
		opcode: fc.constant(0x2),
		payload: fc.oneof(
			{ weight: 9, arbitrary: fc.uint8Array({ maxLength: 200 }) },
			{ weight: 1, arbitrary: fc.uint8Array({ minLength: 65530, maxLength: 65540 }) }
		),
		maskingKey
	}),
	fc.record({
		fin: fc.constant(true),
		opcode: fc.constantFrom(0x9, 0xa),
		payload: fc.uint8Array({ maxLength: 125 }),
		maskingKey
	}),
	fc.record({ fin: fc.constant(true), opcode: fc.constant(0x8), payload: closePayload, maskingKey })
);

function optionsFor(frame: FrameSpec): DecodeOptions {
	return { from: frame.maskingKey ? 'client' : 'server' };
}

describe('properties', () => {
	it('decodes what encodeFrame encodes, field for field', () => {
		fc.assert(
			fc.property(validFrame, (spec) => {
				const bytes = encodeFrame(spec);
				const result = decodeFrames(bytes, optionsFor(spec));
				expect(result.error).toBeUndefined();
				expect(result.incomplete).toBeUndefined();
				expect(result.warnings).toEqual([]);
				expect(findTilingProblems(result.frames, 0, bytes.length - result.trailing)).toEqual([]);
				expect(result.frames).toHaveLength(1);
				const [frame] = result.frames;
				expect(frame).toMatchObject({
					offset: 0,
					length: bytes.length,
					fin: spec.fin,
					rsv1: false,
					opcode: spec.opcode,
					masked: spec.maskingKey !== undefined,
					payloadLength: spec.payload.length,
					complete: true
				});
				expect(sameBytes(frame.maskingKey, spec.maskingKey)).toBe(true);
				expect(sameBytes(frame.payload, spec.payload)).toBe(true);
				expect(frame.headerLength).toBe(
					frameHeaderLength(spec.payload.length, spec.maskingKey !== undefined)
				);
			}),
			{ numRuns: 300 }
		);
	});

	it('reassembles what encodeMessage fragments, compressed or not', () => {
		fc.assert(
			fc.property(
				fc.uint8Array({ maxLength: 4000 }),
				fc.integer({ min: 1, max: 6 }),
				fc.boolean(),
				maskingKey,
				(payload, fragments, compress, key) => {
					const bytes = encodeMessage({
						opcode: 2,
						payload,
						fragments,
						compress,
						maskingKeys: key
					});
					const result = decodeFrames(bytes, {
						from: key ? 'client' : 'server',
						permessageDeflate: compress
					});
					expect(result.error).toBeUndefined();
					expect(result.frames).toHaveLength(fragments);
					expect(result.messages).toHaveLength(1);
					expect(result.messages[0]).toMatchObject({
						type: 'binary',
						compressed: compress,
						complete: true
					});
					expect(sameBytes(result.messages[0].data, payload)).toBe(true);
				}
			),
			{ numRuns: 200 }
		);
	});

	it('never throws on arbitrary bytes, and its frames tile the bytes they cover', () => {
		const options = fc.record({
			from: fc.constantFrom<'client' | 'server'>('client', 'server'),
			permessageDeflate: fc.constantFrom(undefined, true, { noContextTakeover: true }),
			maxMessageBytes: fc.option(fc.nat(300), { nil: undefined })
		});
		fc.assert(
			fc.property(fc.uint8Array({ maxLength: 400 }), options, (bytes, opts) => {
				const result = decodeFrames(bytes, opts);
				expect(findTilingProblems(result.frames, 0, bytes.length - result.trailing)).toEqual([]);
				if (result.error) {
					const frame = result.frames[result.error.frame];
					expect(frame).toBeDefined();
					expect(result.error.offset).toBeGreaterThanOrEqual(0);
					expect(result.error.offset).toBeLessThan(bytes.length);
				}
			}),
			{ numRuns: 3000 }
		);
	});

	it('never throws on valid streams with a few bytes flipped, and still tiles them', () => {
		fc.assert(
			fc.property(
				fc.array(validFrame, { minLength: 1, maxLength: 4 }),
				fc.array(fc.tuple(fc.nat(), fc.integer({ min: 0, max: 255 })), { maxLength: 3 }),
				fc.boolean(),
				(specs, flips, deflate) => {
					const parts = specs.map((spec) => encodeFrame({ ...spec, maskingKey: undefined }));
					const bytes = new Uint8Array(parts.reduce((sum, part) => sum + part.length, 0));
					let offset = 0;
					for (const part of parts) {
						bytes.set(part, offset);
						offset += part.length;
					}
					for (const [at, value] of flips) bytes[at % bytes.length] = value;
					const result = decodeFrames(bytes, { from: 'server', permessageDeflate: deflate });
					expect(findTilingProblems(result.frames, 0, bytes.length - result.trailing)).toEqual([]);
				}
			),
			{ numRuns: 1000 }
		);
	});

	it('reports a valid frame cut anywhere as incomplete, with the bytes it needs', () => {
		fc.assert(
			fc.property(validFrame, fc.double({ min: 0, max: 1, noNaN: true }), (spec, where) => {
				const bytes = encodeFrame(spec);
				const header = frameHeaderLength(spec.payload.length, spec.maskingKey !== undefined);
				const cut = 1 + Math.floor(where * (bytes.length - 1));
				if (cut >= bytes.length) return;
				const result = decodeFrames(bytes.subarray(0, cut), optionsFor(spec));
				expect(result.error).toBeUndefined();
				expect(findTilingProblems(result.frames, 0, cut - result.trailing)).toEqual([]);
				expect(result.frames[0].complete).toBe(false);
				if (cut < header) {
					expect(result.incomplete).toMatchObject({
						offset: 0,
						needed: cut === 1 ? 1 : header - cut,
						atLeast: true
					});
				} else {
					expect(result.incomplete).toEqual({
						offset: 0,
						needed: bytes.length - cut,
						atLeast: false,
						frameLength: bytes.length
					});
				}
			}),
			{ numRuns: 500 }
		);
	});
});
