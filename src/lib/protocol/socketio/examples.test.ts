import { describe, expect, it } from 'vitest';
import { sameVerdict } from '../examples';
import { SOCKETIO_EXAMPLES, SOCKETIO_GROUPS } from './examples';
import { decodeText, socketIoVerdict } from './index';
import { tilingProblems } from './testing';

describe('the Socket.IO gallery', () => {
	it('has examples with unique ids, each in a listed group', () => {
		const ids = SOCKETIO_EXAMPLES.map((e) => e.id);
		expect(new Set(ids).size).toBe(ids.length);
		const groups: string[] = SOCKETIO_GROUPS.map((g) => g.id);
		for (const e of SOCKETIO_EXAMPLES) expect(groups).toContain(e.group);
	});

	for (const example of SOCKETIO_EXAMPLES) {
		it(`reaches the stated verdict for "${example.title}" (${example.id})`, () => {
			const decoding = decodeText(example.input.text, example.input.kind);
			expect(tilingProblems(decoding)).toEqual([]);
			const verdict = socketIoVerdict(decoding);
			expect(sameVerdict(verdict, example.expect), JSON.stringify(verdict)).toBe(true);
		});
	}
});
