import { describe, expect, it } from 'vitest';
import { decodeFrames } from './decode';
import { DECODE_ERROR_CODES } from './problems';
import { constants, inflateRawSync } from 'node:zlib';
import { EXAMPLES, REPETITIVE_COMPRESSED } from './examples';
import { parseHex } from '../bytes/hex';
import { findTilingProblems } from '../bytes/tiling';

describe('the example gallery', () => {
	it('has unique ids', () => {
		const ids = EXAMPLES.map((example) => example.id);
		expect(new Set(ids).size).toBe(ids.length);
	});

	it('has a broken example for every error code', () => {
		const covered = new Set(
			EXAMPLES.flatMap((example) => (example.expect.ok ? [] : example.expect.failing))
		);
		expect(DECODE_ERROR_CODES.filter((code) => !covered.has(code))).toEqual([]);
	});

	it('includes the RFC 6455 §5.7 256-byte and 64 KiB frames with generated payloads', () => {
		const small = EXAMPLES.find((example) => example.id === 'rfc6455-binary-256');
		const large = EXAMPLES.find((example) => example.id === 'rfc6455-binary-64k');
		expect(parseHex(small?.input.hex ?? '').subarray(0, 4)).toEqual(
			Uint8Array.of(0x82, 0x7e, 0x01, 0x00)
		);
		const bytes = parseHex(large?.input.hex ?? '');
		expect(bytes.length).toBe(10 + 65536);
		expect(bytes.subarray(0, 10)).toEqual(Uint8Array.of(0x82, 0x7f, 0, 0, 0, 0, 0, 1, 0, 0));
	});

	it('builds a generated example once, and a copy of its input carries the bytes', () => {
		const input = EXAMPLES.find((example) => example.id === 'rfc6455-binary-64k')!.input;
		expect(input.hex).toBe(input.hex);
		expect({ ...input }.hex).toBe(input.hex);
		expect(JSON.parse(JSON.stringify(input)).hex).toBe(input.hex);
	});

	it('writes out 1,000 × "a" compressed as permessage-deflate sends it', () => {
		// node:zlib is the oracle: put back the 00 00 ff ff tail that RFC 7692 §7.2.1 removes.
		const stream = Buffer.concat([REPETITIVE_COMPRESSED, Uint8Array.of(0x00, 0x00, 0xff, 0xff)]);
		const inflated = inflateRawSync(stream, { finishFlush: constants.Z_SYNC_FLUSH });
		expect(inflated.toString('latin1')).toBe('a'.repeat(1000));
	});

	for (const example of EXAMPLES) {
		it(`decodes "${example.title}" (${example.id}) as annotated`, () => {
			const { hex, ...options } = example.input;
			const bytes = parseHex(hex);
			const result = decodeFrames(bytes, options);
			expect(findTilingProblems(result.frames, 0, bytes.length - result.trailing)).toEqual([]);
			if (!example.expect.ok) {
				expect(example.group).toBe('broken');
				expect(result.error).toMatchObject({
					code: example.expect.failing[0],
					closeCode: example.expect.closeCode,
					...example.errorAt
				});
				// Broken examples break one rule and nothing else.
				expect(result.warnings).toEqual([]);
			} else {
				expect(result.error).toBeUndefined();
				const complete = result.messages.filter((message) => message.complete);
				expect(complete.map((message) => message.text ?? null)).toEqual(example.messages);
				expect(result.warnings.map((warning) => warning.code)).toEqual(example.expect.warnings);
			}
		});
	}
});
