import { describe, expect, it } from 'vitest';
import { decodeFrames, type DecodeOptions, type DecodeResult } from './decode';
import { parseHex } from '../bytes/hex';
import { findTilingProblems } from '../bytes/tiling';

const text = (bytes: Uint8Array) => new TextDecoder().decode(bytes);

function decode(hex: string, options: DecodeOptions): DecodeResult {
	const bytes = parseHex(hex);
	const result = decodeFrames(bytes, options);
	expect(findTilingProblems(result.frames, 0, bytes.length - result.trailing)).toEqual([]);
	expect(result.error).toBeUndefined();
	expect(result.incomplete).toBeUndefined();
	expect(result.warnings).toEqual([]);
	return result;
}

/** The fields of a frame as [key, value] pairs, in wire order. */
function fieldValues(result: DecodeResult, frame = 0): [string, number | string][] {
	return result.frames[frame].fields.map((field) => [field.key, field.value]);
}

describe('RFC 6455 §5.7 examples', () => {
	it('decodes a single-frame unmasked text message (81 05 48 65 6c 6c 6f)', () => {
		const result = decode('0x81 0x05 0x48 0x65 0x6c 0x6c 0x6f', { from: 'server' });
		expect(fieldValues(result)).toEqual([
			['fin', 1],
			['rsv1', 0],
			['rsv2', 0],
			['rsv3', 0],
			['opcode', 1],
			['mask', 0],
			['payloadLength', 5],
			['payload', 5]
		]);
		const [frame] = result.frames;
		expect(frame).toMatchObject({ offset: 0, length: 7, fin: true, opcode: 1, masked: false });
		expect(frame.complete).toBe(true);
		expect(text(frame.payload)).toBe('Hello');
		const meanings = frame.fields.map((field) => field.meaning);
		expect(meanings[0]).toBe('1 — this is the final fragment of the message');
		expect(meanings[4]).toBe('0x1 — text frame (UTF-8)');
		expect(meanings[6]).toBe('5 — the payload is 5 bytes');
		expect(meanings[7]).toBe('5 bytes — "Hello"');
		expect(result.messages).toEqual([
			{
				type: 'text',
				data: frame.payload,
				text: 'Hello',
				frames: [0],
				compressed: false,
				complete: true
			}
		]);
	});

	it('decodes a single-frame masked text message with the key 37 fa 21 3d', () => {
		const result = decode('0x81 0x85 0x37 0xfa 0x21 0x3d 0x7f 0x9f 0x4d 0x51 0x58', {
			from: 'client'
		});
		expect(fieldValues(result)).toEqual([
			['fin', 1],
			['rsv1', 0],
			['rsv2', 0],
			['rsv3', 0],
			['opcode', 1],
			['mask', 1],
			['payloadLength', 5],
			['maskingKey', '37 fa 21 3d'],
			['payload', 5]
		]);
		const [frame] = result.frames;
		expect(frame.masked).toBe(true);
		expect([...(frame.maskingKey ?? [])]).toEqual([0x37, 0xfa, 0x21, 0x3d]);
		expect(frame.fields[7]).toMatchObject({ offset: 2, bitOffset: 0, bitLength: 32 });
		expect(frame.fields[7].meaning).toContain('37 fa 21 3d');
		expect(frame.fields[8]).toMatchObject({ offset: 6, bitLength: 40 });
		expect(text(frame.payload)).toBe('Hello');
		expect(result.messages[0].text).toBe('Hello');
	});

	it('reassembles a fragmented unmasked text message from "Hel" and "lo"', () => {
		const result = decode('0x01 0x03 0x48 0x65 0x6c\n0x80 0x02 0x6c 0x6f', { from: 'server' });
		expect(result.frames).toHaveLength(2);
		expect(result.frames[0]).toMatchObject({ offset: 0, length: 5, fin: false, opcode: 0x1 });
		expect(result.frames[1]).toMatchObject({ offset: 5, length: 4, fin: true, opcode: 0x0 });
		expect(text(result.frames[0].payload)).toBe('Hel');
		expect(text(result.frames[1].payload)).toBe('lo');
		expect(result.frames[0].fields[0].meaning).toBe('0 — more fragments of this message follow');
		expect(result.frames[1].fields[4].meaning).toBe(
			'0x0 — continuation frame (continues the text message)'
		);
		expect(result.messages).toHaveLength(1);
		expect(result.messages[0]).toMatchObject({ type: 'text', text: 'Hello', frames: [0, 1] });
		expect(result.frames.map((frame) => frame.message)).toEqual([0, 0]);
	});

	it('decodes an unmasked ping carrying "Hello"', () => {
		const result = decode('0x89 0x05 0x48 0x65 0x6c 0x6c 0x6f', { from: 'server' });
		expect(result.frames[0]).toMatchObject({ opcode: 0x9, fin: true, payloadLength: 5 });
		expect(result.frames[0].fields[4].meaning).toBe('0x9 — ping');
		expect(result.messages[0].type).toBe('ping');
		expect(text(result.messages[0].data)).toBe('Hello');
	});

	it('decodes the masked pong answering it, with the same body', () => {
		const result = decode('0x8a 0x85 0x37 0xfa 0x21 0x3d 0x7f 0x9f 0x4d 0x51 0x58', {
			from: 'client'
		});
		expect(result.frames[0]).toMatchObject({ opcode: 0xa, masked: true, payloadLength: 5 });
		expect(result.frames[0].fields[4].meaning).toBe('0xA — pong');
		expect(result.messages[0].type).toBe('pong');
		expect(text(result.messages[0].data)).toBe('Hello');
	});

	it('reads 82 7E 0100 as a 256-byte binary frame with a 16-bit length', () => {
		const payload = Uint8Array.from({ length: 256 }, (_, i) => i);
		const bytes = new Uint8Array([0x82, 0x7e, 0x01, 0x00, ...payload]);
		const result = decodeFrames(bytes, { from: 'server' });
		expect(findTilingProblems(result.frames, 0, bytes.length - result.trailing)).toEqual([]);
		expect(result.error).toBeUndefined();
		expect(fieldValues(result)).toEqual([
			['fin', 1],
			['rsv1', 0],
			['rsv2', 0],
			['rsv3', 0],
			['opcode', 2],
			['mask', 0],
			['payloadLength', 126],
			['extendedPayloadLength', 256],
			['payload', 256]
		]);
		expect(result.frames[0].fields[6].meaning).toBe('126 — the real length is in the next 2 bytes');
		expect(result.frames[0].fields[7]).toMatchObject({ offset: 2, bitOffset: 0, bitLength: 16 });
		expect(result.messages[0].type).toBe('binary');
		expect(result.messages[0].data).toEqual(payload);
		expect(result.warnings).toEqual([]);
	});

	it('reads 82 7F 0000000000010000 as a 64 KiB binary frame with a 64-bit length', () => {
		const payload = Uint8Array.from({ length: 65536 }, (_, i) => i * 7);
		const header = [0x82, 0x7f, 0x00, 0x00, 0x00, 0x00, 0x00, 0x01, 0x00, 0x00];
		const bytes = new Uint8Array(header.length + payload.length);
		bytes.set(header);
		bytes.set(payload, header.length);
		const result = decodeFrames(bytes, { from: 'server' });
		expect(findTilingProblems(result.frames, 0, bytes.length - result.trailing)).toEqual([]);
		expect(result.error).toBeUndefined();
		expect(result.warnings).toEqual([]);
		expect(result.frames[0].fields[6].meaning).toBe('127 — the real length is in the next 8 bytes');
		expect(result.frames[0].fields[7]).toMatchObject({
			key: 'extendedPayloadLength',
			offset: 2,
			bitLength: 64,
			value: 65536
		});
		expect(result.frames[0].payloadLength).toBe(65536);
		expect(result.messages[0].data).toEqual(payload);
		// The meaning quotes a few bytes, never the whole payload.
		expect(result.frames[0].fields[8].meaning.length).toBeLessThan(80);
	});
});

describe('RFC 7692 §7.2.3 examples', () => {
	const deflate: DecodeOptions = { from: 'server', permessageDeflate: true };

	it('inflates "Hello" compressed in one DEFLATE block (c1 07 f2 48 cd c9 c9 07 00)', () => {
		const result = decode('0xc1 0x07 0xf2 0x48 0xcd 0xc9 0xc9 0x07 0x00', deflate);
		expect(result.frames[0]).toMatchObject({ rsv1: true, opcode: 1, payloadLength: 7 });
		expect(result.frames[0].fields[1].meaning).toBe(
			'1 — the message is compressed (permessage-deflate)'
		);
		expect(result.frames[0].fields[7].meaning).toBe('7 bytes of compressed (DEFLATE) data');
		expect(result.messages[0]).toMatchObject({
			type: 'text',
			text: 'Hello',
			compressed: true,
			compressedLength: 7,
			complete: true
		});
	});

	it('inflates the same message sent as 3 + 4 byte fragments, RSV1 on the first only', () => {
		const result = decode('0x41 0x03 0xf2 0x48 0xcd\n0x80 0x04 0xc9 0xc9 0x07 0x00', deflate);
		expect(result.frames.map((frame) => frame.rsv1)).toEqual([true, false]);
		expect(result.messages).toHaveLength(1);
		expect(result.messages[0]).toMatchObject({ text: 'Hello', compressed: true, frames: [0, 1] });
	});

	it('inflates a second "Hello" that refers back to the first (context takeover)', () => {
		const result = decode(
			'0xc1 0x07 0xf2 0x48 0xcd 0xc9 0xc9 0x07 0x00\n0xc1 0x05 0xf2 0x00 0x11 0x00 0x00',
			deflate
		);
		expect(result.messages.map((message) => message.text)).toEqual(['Hello', 'Hello']);
		expect(result.messages[1].compressedLength).toBe(5);
	});

	it('inflates two identical payloads when no_context_takeover was agreed', () => {
		const result = decode('c1 07 f2 48 cd c9 c9 07 00\nc1 07 f2 48 cd c9 c9 07 00', {
			from: 'server',
			permessageDeflate: { noContextTakeover: true }
		});
		expect(result.messages.map((message) => message.text)).toEqual(['Hello', 'Hello']);
	});

	it('inflates a DEFLATE block with no compression', () => {
		const result = decode(
			'0xc1 0x0b 0x00 0x05 0x00 0xfa 0xff 0x48 0x65 0x6c 0x6c 0x6f 0x00',
			deflate
		);
		expect(result.messages[0].text).toBe('Hello');
	});

	it('inflates a DEFLATE block with BFINAL set to 1 followed by a 00 octet', () => {
		const result = decode('0xc1 0x08 0xf3 0x48 0xcd 0xc9 0xc9 0x07 0x00 0x00', deflate);
		expect(result.messages[0].text).toBe('Hello');
	});

	it('inflates two DEFLATE blocks in one message', () => {
		const result = decode(
			'0xc1 0x0d 0xf2 0x48 0x05 0x00 0x00 0x00 0xff 0xff 0xca 0xc9 0xc9 0x07 0x00',
			deflate
		);
		expect(result.messages[0].text).toBe('Hello');
	});
});
