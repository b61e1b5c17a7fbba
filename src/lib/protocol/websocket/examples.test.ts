import { describe, expect, it } from 'vitest';
import { decodeFrames } from './decode';
import { DECODE_ERROR_CODES } from './problems';
import { EXAMPLES } from './examples';
import { parseHex } from '../bytes/hex';
import { findTilingProblems } from '../bytes/tiling';


describe('the example gallery', () => {
	it('has unique ids', () => {
		const ids = EXAMPLES.map((example) => example.id);
		expect(new Set(ids).size).toBe(ids.length);
	});

	it('has a broken example for every error code', () => {
		const covered = new Set(EXAMPLES.map((example) => example.expectedError?.code));
		expect(DECODE_ERROR_CODES.filter((code) => !covered.has(code))).toEqual([]);
	});

	it('includes the RFC 6455 §5.7 256-byte and 64 KiB frames with generated payloads', () => {
		const small = EXAMPLES.find((example) => example.id === 'rfc6455-binary-256');
		const large = EXAMPLES.find((example) => example.id === 'rfc6455-binary-64k');
		expect(parseHex(small?.hex ?? '').subarray(0, 4)).toEqual(
			Uint8Array.of(0x82, 0x7e, 0x01, 0x00)
		);
		const bytes = parseHex(large?.hex ?? '');
		expect(bytes.length).toBe(10 + 65536);
		expect(bytes.subarray(0, 10)).toEqual(Uint8Array.of(0x82, 0x7f, 0, 0, 0, 0, 0, 1, 0, 0));
	});

	for (const example of EXAMPLES) {
		it(`decodes "${example.title}" (${example.id}) as annotated`, () => {
			const bytes = parseHex(example.hex);
			const result = decodeFrames(bytes, {
				from: example.from,
				permessageDeflate: example.permessageDeflate,
				maxMessageBytes: example.maxMessageBytes
			});
			expect(findTilingProblems(result.frames, 0, bytes.length - result.trailing)).toEqual([]);
			if (example.expectedError) {
				expect(example.kind).toBe('broken');
				expect(result.error).toMatchObject(example.expectedError);
			} else {
				expect(result.error).toBeUndefined();
				const complete = result.messages.filter((message) => message.complete);
				expect(complete.map((message) => message.text ?? null)).toEqual(example.expectedMessages);
			}
			expect(result.warnings.map((warning) => warning.code)).toEqual(
				example.expectedWarnings ?? []
			);
		});
	}
});
