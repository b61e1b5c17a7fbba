import { readdirSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { decodeFrames } from '$lib/protocol/websocket';
import { meetsExpectation, parseExpectation } from '$lib/protocol/websocket/verdict';
import { parseHex } from '$lib/protocol/bytes/hex';

// Every live decoder a lesson places must start from bytes that parse, must have its own label (it
// names the decoder for screen readers), and must state the verdict the lesson's prose claims for
// it (`expect="valid"`, `expect="1002"`…), which the decoder then has to reach.
const dir = new URL('../../../content/', import.meta.url);
const lessons = readdirSync(dir).filter((file) => file.endsWith('.md'));

function attribute(tag: string, name: string): string | undefined {
	return new RegExp(`\\b${name}="([^"]*)"`).exec(tag)?.[1];
}

for (const file of lessons) {
	const tags = [...readFileSync(new URL(file, dir), 'utf8').matchAll(/<FrameDecoder\b[^>]*\/>/g)].map(
		(m) => m[0]
	);
	if (tags.length === 0) continue;

	describe(`content/${file}`, () => {
		it('gives every embedded decoder a unique label', () => {
			const labels = tags.map((tag) => attribute(tag, 'label'));
			expect(labels.every(Boolean)).toBe(true);
			expect(new Set(labels).size).toBe(labels.length);
		});

		for (const tag of tags) {
			it(`decodes the bytes of “${attribute(tag, 'label')}” to the verdict the lesson states`, () => {
				const from = attribute(tag, 'from');
				expect(from === 'client' || from === 'server').toBe(true);
				const bytes = parseHex(attribute(tag, 'hex') ?? '');
				expect(bytes.length).toBeGreaterThan(0);
				const result = decodeFrames(bytes, {
					from: from as 'client' | 'server',
					permessageDeflate: /permessageDeflate=\{true\}/.test(tag)
				});
				expect(result.frames.length).toBeGreaterThan(0);
				const expectation = parseExpectation(attribute(tag, 'expect') ?? '');
				expect(expectation, 'expect="valid|warning|incomplete|<close code>"').not.toBeNull();
				expect(meetsExpectation(result, expectation!)).toBe(true);
			});
		}
	});
}
