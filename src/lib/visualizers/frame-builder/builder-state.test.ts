import { describe, expect, it } from 'vitest';
import { toHex } from '$lib/protocol/bytes/hex';
import { DEFAULT_BUILDER, type BuilderSettings } from './address';
import { FrameBuilderState } from './builder-state.svelte';

describe('FrameBuilderState', () => {
	it('shows a status code and reason for a Close frame (opcode 0x8) and keeps the chosen kind', () => {
		const builder = new FrameBuilderState();
		builder.payloadKind = 'hex';
		builder.opcode = 0x8;
		expect(builder.payloadKind).toBe('close');
		// Choosing a kind while the opcode says Close changes nothing.
		builder.payloadKind = 'close';
		builder.opcode = 0x9;
		expect(builder.payloadKind).toBe('hex');
	});

	it('builds the masked "Hello" of RFC 6455 §5.7 from the default form and its fixed key', () => {
		const builder = new FrameBuilderState();
		builder.set({ ...DEFAULT_BUILDER, mask: { kind: 'fixed', key: '37 fa 21 3d' } });
		expect(builder.outcome.ok && toHex(builder.outcome.bytes)).toBe(
			'81 85 37 fa 21 3d 7f 9f 4d 51 58'
		);
	});

	it('gives back the settings it was set to, for each payload and mask kind', () => {
		const cases: BuilderSettings[] = [
			{ ...DEFAULT_BUILDER, payload: { kind: 'hex', hex: '01 02' }, mask: { kind: 'none' } },
			{ ...DEFAULT_BUILDER, payload: { kind: 'size', size: 126 }, fragments: 3, compress: true },
			{
				...DEFAULT_BUILDER,
				opcode: 0x8,
				payload: { kind: 'close', code: '4000', reason: 'done' },
				mask: { kind: 'fixed', key: '00 00 00 00' }
			}
		];
		for (const settings of cases) {
			const builder = new FrameBuilderState();
			builder.set(settings);
			expect(builder.settings).toEqual(settings);
		}
	});
});
