import { describe, expect, it } from 'vitest';
import { decodeFrames, type DecodeOptions, type DecodeResult } from './decode';
import { DEFLATE_WINDOW_BYTES, slideWindow } from './deflate';
import { encodeFrame } from './encode';
import { parseHex } from '../bytes/hex';
import { findTilingProblems } from '../bytes/tiling';

const SERVER: DecodeOptions = { from: 'server' };

function decode(hex: string, options: DecodeOptions = SERVER): DecodeResult {
	const bytes = parseHex(hex);
	const result = decodeFrames(bytes, options);
	expect(findTilingProblems(result.frames, 0, bytes.length - result.trailing)).toEqual([]);
	return result;
}

describe('decodeFrames: messages', () => {
	it('returns nothing, and no error, for empty input', () => {
		expect(decodeFrames(new Uint8Array(0), SERVER)).toEqual({
			frames: [],
			messages: [],
			warnings: [],
			trailing: 0
		});
	});

	it('accepts a ping between the fragments of a text message and orders messages by completion', () => {
		const result = decode('01 03 48 65 6c 89 04 70 69 6e 67 80 02 6c 6f');
		expect(result.error).toBeUndefined();
		expect(result.messages.map((message) => [message.type, message.frames])).toEqual([
			['ping', [1]],
			['text', [0, 2]]
		]);
		expect(result.messages[1].text).toBe('Hello');
		expect(result.frames.map((frame) => frame.message)).toEqual([1, 0, 1]);
	});

	it('reuses the payload of a single-frame message instead of copying it', () => {
		const result = decode('82 03 01 02 03');
		expect(result.messages[0].data).toBe(result.frames[0].payload);
	});

	it('reads a Close frame into a status code and a reason', () => {
		const result = decode('88 07 03 e8 62 79 65 21 21');
		expect(result.messages[0]).toMatchObject({
			type: 'close',
			code: 1000,
			reason: 'bye!!',
			text: 'bye!!'
		});
		const fields = result.frames[0].fields.slice(7);
		expect(fields.map((field) => [field.key, field.offset, field.bitLength, field.value])).toEqual([
			['closeCode', 2, 16, 1000],
			['closeReason', 4, 40, 5]
		]);
		expect(fields[0].meaning).toBe('1000 — Normal Closure');
		expect(fields[1].meaning).toBe('"bye!!" — 5 bytes of UTF-8');
	});

	it('reads an empty Close frame as a close without a code', () => {
		const result = decode('88 00');
		expect(result.messages[0]).toMatchObject({ type: 'close', complete: true });
		expect(result.messages[0].code).toBeUndefined();
		expect(result.frames[0].fields).toHaveLength(7);
	});

	it('reads a masked Close frame by its unmasked code', () => {
		const frame = encodeFrame({
			fin: true,
			opcode: 8,
			payload: Uint8Array.of(0x03, 0xe9, 0x78),
			maskingKey: Uint8Array.of(0xaa, 0xbb, 0xcc, 0xdd)
		});
		const result = decodeFrames(frame, { from: 'client' });
		expect(result.messages[0]).toMatchObject({ code: 1001, reason: 'x' });
	});

	it('reports a fragmented message cut short as the last message, with complete: false', () => {
		const result = decode('01 03 48 65 6c 89 00');
		expect(result.error).toBeUndefined();
		expect(result.incomplete).toBeUndefined();
		expect(result.messages.map((message) => [message.type, message.complete])).toEqual([
			['ping', true],
			['text', false]
		]);
		expect(result.messages[1]).toMatchObject({ text: 'Hel', frames: [0] });
		expect(result.frames[0].message).toBe(1);
	});

	it('keeps the bytes present of a cut frame in the unfinished message', () => {
		const result = decode('81 05 48 65');
		expect(result.messages).toHaveLength(1);
		expect(result.messages[0]).toMatchObject({ type: 'text', text: 'He', complete: false });
		expect(result.frames[0].payload).toEqual(Uint8Array.of(0x48, 0x65));
	});

	it('leaves out of the unfinished text a code point cut at the end of the input', () => {
		const result = decode('01 02 41 e2');
		expect(result.error).toBeUndefined();
		expect(result.messages[0]).toMatchObject({ text: 'A', complete: false });
	});

	it('keeps an unfinished compressed message compressed', () => {
		const result = decode('41 03 f2 48 cd', { from: 'server', permessageDeflate: true });
		expect(result.messages[0]).toMatchObject({
			compressed: true,
			complete: false,
			compressedLength: 3
		});
		expect(result.messages[0].data).toEqual(Uint8Array.of(0xf2, 0x48, 0xcd));
		expect(result.messages[0].text).toBeUndefined();
	});

	it('inflates an empty compressed message', () => {
		const result = decode('c1 01 00', { from: 'server', permessageDeflate: true });
		expect(result.error).toBeUndefined();
		expect(result.messages[0]).toMatchObject({ type: 'text', text: '', compressed: true });
	});

	it('reads an uncompressed message on a permessage-deflate connection', () => {
		const result = decode('81 02 48 69', { from: 'server', permessageDeflate: true });
		expect(result.messages[0]).toMatchObject({ text: 'Hi', compressed: false });
		expect(result.frames[0].fields[1].meaning).toBe('0 — the message is not compressed');
	});
});

describe('decodeFrames: incomplete input', () => {
	it('asks for at least 1 more byte when only byte 0 is present', () => {
		const result = decode('81');
		expect(result.incomplete).toEqual({ offset: 0, needed: 1, atLeast: true });
		expect(result.frames[0].fields.map((field) => field.key)).toEqual([
			'fin',
			'rsv1',
			'rsv2',
			'rsv3',
			'opcode'
		]);
		expect(result.frames[0].payloadLength).toBe(-1);
	});

	it('asks for the rest of an extended length, at least', () => {
		const result = decode('82 7e 01');
		expect(result.incomplete).toEqual({ offset: 0, needed: 1, atLeast: true });
		const last = result.frames[0].fields.at(-1);
		expect(last).toMatchObject({
			key: 'extendedPayloadLength',
			partial: true,
			bitLength: 8,
			value: '01'
		});
		expect(last?.meaning).toBe('01 — only 1 of its 2 bytes are present');
	});

	it('asks for the rest of the masking key and knows the whole frame size', () => {
		const result = decode('81 85 37 fa', { from: 'client' });
		expect(result.incomplete).toEqual({ offset: 0, needed: 2, atLeast: true, frameLength: 11 });
		expect(result.frames[0].fields.at(-1)).toMatchObject({
			key: 'maskingKey',
			partial: true,
			value: '37 fa'
		});
	});

	it('asks for exactly the missing payload bytes once the header is complete', () => {
		const result = decode('81 05 48 65');
		expect(result.incomplete).toEqual({ offset: 0, needed: 3, atLeast: false, frameLength: 7 });
		expect(result.frames[0].complete).toBe(false);
		expect(result.frames[0].fields.at(-1)).toMatchObject({
			key: 'payload',
			value: 2,
			partial: true
		});
		expect(result.frames[0].fields.at(-1)?.meaning).toBe('2 of 5 bytes present — "He"');
	});

	it('locates the cut at the start of the last frame', () => {
		const result = decode('81 02 48 69 82 7f 00');
		expect(result.frames).toHaveLength(2);
		expect(result.incomplete).toEqual({ offset: 4, needed: 7, atLeast: true });
	});

	it('asks for the whole payload when the input ends right after the header', () => {
		const result = decode('82 7e 01 00');
		expect(result.incomplete).toEqual({ offset: 0, needed: 256, atLeast: false, frameLength: 260 });
		expect(result.frames[0].fields.map((field) => field.key).at(-1)).toBe('extendedPayloadLength');
	});
});

describe('decodeFrames: warnings', () => {
	it('warns about a 16-bit length that fits in 7 bits, at the extended length', () => {
		const result = decode('81 7e 00 05 48 65 6c 6c 6f');
		expect(result.error).toBeUndefined();
		expect(result.warnings).toMatchObject([
			{ code: 'NON_MINIMAL_LENGTH', offset: 2, bitOffset: 0, frame: 0, source: 'RFC 6455 §5.2' }
		]);
		expect(result.warnings[0].message).toContain('5-byte payload');
		expect(result.messages[0].text).toBe('Hello');
	});

	it('warns about a 64-bit length that fits in 16 bits', () => {
		const frame = encodeFrame({
			fin: true,
			opcode: 2,
			payload: new Uint8Array(300),
			lengthEncoding: 64
		});
		const result = decodeFrames(frame, SERVER);
		expect(result.warnings).toMatchObject([{ code: 'NON_MINIMAL_LENGTH', offset: 2 }]);
		expect(result.warnings[0].message).toContain('16-bit extended length');
	});
});

describe('decodeFrames: meanings', () => {
	it('says how each payload reads best: text for text, hex for binary, even in continuations', () => {
		// RFC 6455 §5.7's fragmented "Hello", then a binary message 01 02 | 03 in two fragments.
		const text = decodeFrames(parseHex('01 03 48 65 6c 80 02 6c 6f'), SERVER);
		expect(text.frames.map((f) => f.payloadView)).toEqual(['text', 'text']);
		const binary = decodeFrames(parseHex('02 02 01 02 80 01 03'), SERVER);
		expect(binary.frames.map((f) => f.payloadView)).toEqual(['hex', 'hex']);
		// A ping's body is text when it is printable, else bytes (RFC 6455 §5.5.2: any data).
		const pings = decodeFrames(parseHex('89 02 68 69 89 02 00 ff'), SERVER);
		expect(pings.frames.map((f) => f.payloadView)).toEqual(['text', 'hex']);
	});

	it('summarises a large payload instead of spelling it out', () => {
		const payload = new Uint8Array(1 << 20).fill(0x61);
		const frame = encodeFrame({
			fin: true,
			opcode: 1,
			payload,
			maskingKey: Uint8Array.of(1, 2, 3, 4)
		});
		const result = decodeFrames(frame, { from: 'client' });
		expect(result.error).toBeUndefined();
		const field = result.frames[0].fields.at(-1);
		expect(field?.meaning).toBe(`1,048,576 bytes — "${'a'.repeat(32)}"…`);
		expect(result.messages[0].text?.length).toBe(1 << 20);
	});

	it('shows binary data as its first bytes in hex', () => {
		const result = decode('82 0a 00 01 02 03 04 05 06 07 08 09');
		expect(result.frames[0].fields.at(-1)?.meaning).toBe('10 bytes — 00 01 02 03 04 05 06 07 …');
	});

	it('shows a ping body as text when it is text, else as hex', () => {
		expect(decode('89 02 68 69').frames[0].fields.at(-1)?.meaning).toBe(
			'2 bytes of application data — "hi"'
		);
		expect(decode('89 02 00 ff').frames[0].fields.at(-1)?.meaning).toBe(
			'2 bytes of application data — 00 ff'
		);
	});

	it('explains the RSV1 bit according to the negotiated extension', () => {
		expect(decode('81 00').frames[0].fields[1].meaning).toBe(
			'0 — reserved for extensions; none negotiated'
		);
		expect(
			decode('c1 01 00', { from: 'server', permessageDeflate: true }).frames[0].fields[1].source
		).toBe('RFC 7692 §6');
	});

	it('names a Close code that may not be sent in the field that holds it', () => {
		const result = decode('88 02 03 ee');
		expect(result.frames[0].fields.at(-1)?.meaning).toBe(
			'1006 — Abnormal Closure (may not be sent in a Close frame)'
		);
	});
});

describe('decodeFrames: fields of some frames only', () => {
	// RFC 6455 §5.7's fragmented "Hello", a ping, then the unmasked "Hello": four frames whose
	// meanings depend on what came before (a continuation of text).
	const HEX = '01 03 48 65 6c 89 00 80 02 6c 6f 81 05 48 65 6c 6c 6f';

	it('builds the fields of the frames asked for, as a full decoding builds them, and no others', () => {
		const bytes = parseHex(HEX);
		const full = decodeFrames(bytes, SERVER);
		const page = decodeFrames(bytes, { ...SERVER, fieldsOf: { from: 2, to: 3 } });
		expect(page.frames.map((frame) => frame.fields.length)).toEqual([
			0,
			0,
			full.frames[2].fields.length,
			0
		]);
		// A continuation frame's payload reads as the text message it continues.
		expect(page.frames[2].fields).toEqual(full.frames[2].fields);
		expect(page.frames[2].fields.at(-1)?.meaning).toContain('"lo"');
		// Everything but the fields is the same.
		const withoutFields = (result: DecodeResult) =>
			result.frames.map((frame) => ({ ...frame, fields: [] }));
		expect(withoutFields(page)).toEqual(withoutFields(full));
		expect(page.messages).toEqual(full.messages);
		expect(page.warnings).toEqual(full.warnings);
	});

	it('still reports the error of a frame whose fields are not built', () => {
		// The second frame sets RSV2 with no extension negotiated: RFC 6455 §5.2, close code 1002.
		const bytes = parseHex('81 01 61 a1 01 62');
		const page = decodeFrames(bytes, { ...SERVER, fieldsOf: { from: 0, to: 1 } });
		expect(page.error?.frame).toBe(1);
		expect(page.error?.closeCode).toBe(1002);
		expect(page.frames[1].fields).toEqual([]);
	});
});

describe('slideWindow', () => {
	it('keeps the last 32 KiB of everything inflated so far', () => {
		const first = new Uint8Array(30000).fill(1);
		const second = new Uint8Array(5000).fill(2);
		const window = slideWindow(slideWindow(undefined, first), second);
		expect(window.length).toBe(DEFLATE_WINDOW_BYTES);
		expect(window[0]).toBe(1);
		expect(window[DEFLATE_WINDOW_BYTES - 5001]).toBe(1);
		expect(window[DEFLATE_WINDOW_BYTES - 5000]).toBe(2);
		expect(slideWindow(window, new Uint8Array(40000).fill(3)).every((byte) => byte === 3)).toBe(
			true
		);
	});
});
