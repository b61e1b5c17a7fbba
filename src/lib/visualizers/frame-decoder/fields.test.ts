import { describe, expect, it } from 'vitest';
import { parseHex } from '$lib/protocol/bytes/hex';
import { findTilingProblems } from '$lib/protocol/bytes/tiling';
import { decodeFrames } from '$lib/protocol/websocket';
import { fieldId } from '../shared/fields';
import { streamFields } from './fields';

// RFC 6455 §5.7: "A fragmented unmasked text message: 0x01 0x03 0x48 0x65 0x6c (contains "Hel")
// 0x80 0x02 0x6c 0x6f (contains "lo")".
const FRAGMENTED = parseHex('01 03 48 65 6c 80 02 6c 6f');

describe('streamFields', () => {
	it('names each field after its frame when there are several, at absolute offsets', () => {
		const { frames } = decodeFrames(FRAGMENTED, { from: 'server' });
		const fields = streamFields(frames);
		expect(fields.filter((f) => f.key === 'fin').map((f) => [f.name, f.offset])).toEqual([
			['Frame 1 FIN', 0],
			['Frame 2 FIN', 5]
		]);
		const payloads = fields.filter((f) => f.key === 'payload');
		expect(payloads.map((f) => [f.offset, f.length])).toEqual([
			[2, 3],
			[7, 2]
		]);
	});

	it('covers every byte of the stream once, with an id per field', () => {
		const { frames } = decodeFrames(FRAGMENTED, { from: 'server' });
		const fields = streamFields(frames);
		const stream = { protocol: 'stream', offset: 0, length: FRAGMENTED.length, fields };
		expect(findTilingProblems([stream], 0, FRAGMENTED.length)).toEqual([]);
		expect(new Set(fields.map(fieldId)).size).toBe(fields.length);
	});

	it('keeps the specification’s names for a single frame', () => {
		const { frames } = decodeFrames(parseHex('81 05 48 65 6c 6c 6f'), { from: 'server' });
		expect(streamFields(frames).map((f) => f.name)).toEqual([
			'FIN',
			'RSV1',
			'RSV2',
			'RSV3',
			'Opcode',
			'MASK',
			'Payload len',
			'Payload data'
		]);
	});
});
