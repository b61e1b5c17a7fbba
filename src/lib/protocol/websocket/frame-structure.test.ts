import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { parseHex } from '../bytes/hex';
import { decodeFrames } from './decode';
import { frameStructure } from './frame-structure';

const hex = (text: string) => parseHex(text);

describe('frameStructure', () => {
	// RFC 6455 §5.7's examples.
	it('counts the frames of the RFC examples', () => {
		expect(frameStructure(hex('81 05 48 65 6c 6c 6f'))).toEqual({ frames: 1, masked: false });
		expect(frameStructure(hex('81 85 37 fa 21 3d 7f 9f 4d 51 58'))).toEqual({
			frames: 1,
			masked: true
		});
		expect(frameStructure(hex('01 03 48 65 6c 80 02 6c 6f'))).toEqual({ frames: 2, masked: false });
		expect(frameStructure(hex('89 05 48 65 6c 6c 6f'))).toEqual({ frames: 1, masked: false });
		expect(frameStructure(hex('82 7e 01 00' + ' 00'.repeat(256)))).toEqual({
			frames: 1,
			masked: false
		});
		expect(frameStructure(hex('82 7f 00 00 00 00 00 01 00 00' + ' 00'.repeat(65536)))).toEqual({
			frames: 1,
			masked: false
		});
	});

	it('refuses what §5.2, §5.4 and §5.5 forbid, and bytes that are not whole frames', () => {
		for (const [why, bytes] of [
			['reserved opcode 3', '83 00'],
			['reserved control opcode 11', '8b 00'],
			['RSV1 with no extension', 'c1 00'],
			['a fragmented ping', '09 00'],
			['a 126-byte ping', '89 7e 00 7e' + ' 00'.repeat(126)],
			['a one-byte close payload', '88 01 03'],
			['a continuation with no message', '80 00'],
			['a new message inside a fragmented one', '01 01 61 81 01 62'],
			['masked and unmasked frames mixed', '81 00 81 80 00 00 00 00'],
			['a 64-bit length with its top bit set', '82 7f 80 00 00 00 00 00 00 00'],
			['a frame cut short', '81 05 48 65'],
			['bytes after the last frame', '81 00 81'],
			['no final frame', '01 01 61'],
			['one byte', '81']
		] as const) {
			expect(frameStructure(hex(bytes)), why).toBeUndefined();
		}
	});

	// The full decoder is the oracle: whatever it reads as whole frames with a final one, the
	// structure check accepts with the same count (it may accept more: it reads no payloads).
	it('accepts every run of frames the full decoder accepts, with the same count (fast-check)', () => {
		const frame = fc.record({
			fin: fc.boolean(),
			opcode: fc.constantFrom(0, 1, 2, 8, 9, 10),
			payload: fc.uint8Array({ maxLength: 140 }),
			long: fc.constantFrom(0, 1, 2)
		});
		fc.assert(
			fc.property(fc.array(frame, { minLength: 1, maxLength: 6 }), fc.boolean(), (spec, masked) => {
				const parts: number[] = [];
				for (const f of spec) {
					const n = f.payload.length;
					parts.push((f.fin ? 0x80 : 0) | f.opcode);
					const m = masked ? 0x80 : 0;
					if (f.long === 2 || n > 65535) parts.push(m | 127, 0, 0, 0, 0, 0, 0, n >> 8, n & 0xff);
					else if (f.long === 1 || n > 125) parts.push(m | 126, n >> 8, n & 0xff);
					else parts.push(m | n);
					if (masked) parts.push(0, 0, 0, 0);
					parts.push(...f.payload);
				}
				const bytes = new Uint8Array(parts);
				const full = decodeFrames(bytes, { from: masked ? 'client' : 'server' });
				const used = full.frames.reduce((sum, f) => sum + f.length, 0);
				const accepted =
					!full.error &&
					!full.incomplete &&
					full.frames.length > 0 &&
					used === bytes.length &&
					full.frames.some((f) => f.fin);
				if (accepted) {
					expect(frameStructure(bytes)).toEqual({ frames: full.frames.length, masked });
				}
			}),
			{ numRuns: 500 }
		);
	});
});
