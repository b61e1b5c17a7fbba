import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { decodeEngineIoPacket, decodeEngineIoPayload } from './engineio';
import { decodeText, KIND_CHOICES } from './index';
import { errorsOf, tilingProblems, warningsOf } from './testing';

/** The open packet of the Engine.IO README's "Handshake" section (facts.md N2). */
const OPEN =
	'0{"sid":"lv_VI97HAXpY6yYWAAAC","upgrades":["websocket"],"pingInterval":25000,"pingTimeout":20000,"maxPayload":1000000}';

describe('decodeEngineIoPacket', () => {
	it('reads the seven packet types of Engine.IO v4 (0 open … 6 noop)', () => {
		const types = ['0{}', '1', '2', '3', '4x', '5', '6'].map(
			(t) => decodeEngineIoPacket(t).packet?.type
		);
		expect(types).toEqual(['open', 'close', 'ping', 'pong', 'message', 'upgrade', 'noop']);
	});

	it('explains every field of the open packet’s handshake', () => {
		const decoding = decodeEngineIoPacket(OPEN);
		expect(tilingProblems(decoding)).toEqual([]);
		expect(decoding.problems).toEqual([]);
		expect(decoding.packet?.handshake).toEqual({
			sid: 'lv_VI97HAXpY6yYWAAAC',
			upgrades: ['websocket'],
			pingInterval: 25000,
			pingTimeout: 20000,
			maxPayload: 1000000
		});
		const handshake = decoding.units[0].fields[1];
		expect(handshake.children!.map((f) => f.name)).toEqual([
			'Object start',
			'sid',
			'upgrades',
			'pingInterval',
			'pingTimeout',
			'maxPayload',
			'Object end'
		]);
		const meaning = (name: string) => handshake.children!.find((f) => f.name === name)!.meaning;
		expect(meaning('pingInterval')).toContain('25,000 ms');
		// N4: with no ping for pingInterval + pingTimeout the client gives up.
		expect(meaning('pingTimeout')).toContain('45,000 ms');
		expect(meaning('maxPayload')).toContain('1,000,000 bytes');
	});

	it('warns about a handshake that is not JSON or lacks a field, as engine.io-parser accepts it', () => {
		expect(warningsOf(decodeEngineIoPacket('0{'))).toEqual(['EIO_HANDSHAKE_NOT_JSON']);
		expect(warningsOf(decodeEngineIoPacket('0{"sid":"a"}'))).toEqual(['EIO_HANDSHAKE_FIELD']);
		expect(
			warningsOf(
				decodeEngineIoPacket(
					'0{"sid":1,"upgrades":[],"pingInterval":1,"pingTimeout":1,"maxPayload":1}'
				)
			)
		).toEqual(['EIO_HANDSHAKE_FIELD']);
	});

	it('reads the upgrade probe and the heartbeat (N4, N6)', () => {
		expect(decodeEngineIoPacket('2probe').packet).toEqual({ type: 'ping', data: 'probe' });
		expect(decodeEngineIoPacket('3probe').packet).toEqual({ type: 'pong', data: 'probe' });
		expect(decodeEngineIoPacket('2').summary).toContain('heartbeat');
	});

	it('reads b + base64 as binary: bAQIDBA== is 01 02 03 04 (N5)', () => {
		const decoding = decodeEngineIoPacket('bAQIDBA==');
		expect(decoding.packet).toEqual({
			type: 'message',
			data: new Uint8Array([1, 2, 3, 4]),
			binary: 'base64'
		});
		expect(decoding.units[0].fields.map((f) => f.key)).toEqual(['eio.b', 'eio.base64']);
		expect(warningsOf(decodeEngineIoPacket('bAQ*ID'))).toEqual(['EIO_BASE64_LOOSE']);
	});

	it('reads a binary WebSocket message as a message carrying its bytes', () => {
		const decoding = decodeEngineIoPacket(new Uint8Array([1, 2, 3]));
		expect(decoding.packet).toEqual({
			type: 'message',
			data: new Uint8Array([1, 2, 3]),
			binary: 'raw'
		});
		expect(tilingProblems(decoding)).toEqual([]);
	});

	it('reads the Socket.IO packet inside a message when asked', () => {
		const decoding = decodeEngineIoPacket('431["echo",1]', { socketIo: true });
		expect(decoding.packet?.socketIo?.packet).toMatchObject({ type: 3, id: 1, data: ['echo', 1] });
		expect(decoding.units[0].children?.[0].protocol).toBe('socket.io');
		expect(tilingProblems(decoding)).toEqual([]);
	});

	it('rejects an empty packet and an unknown type, located at the first byte', () => {
		expect(errorsOf(decodeEngineIoPacket(''))).toEqual(['EIO_EMPTY']);
		const unknown = decodeEngineIoPacket('7hello');
		expect(errorsOf(unknown)).toEqual(['EIO_UNKNOWN_TYPE']);
		expect(unknown.problems[0].offset).toBe(0);
		expect(tilingProblems(unknown)).toEqual([]);
	});

	it('warns about data on close, upgrade and noop', () => {
		expect(warningsOf(decodeEngineIoPacket('6x'))).toEqual(['EIO_UNEXPECTED_DATA']);
	});
});

describe('decodeEngineIoPayload', () => {
	it('splits the README payload 4hello\\x1e2\\x1e4world into three packets (N5)', () => {
		const decoding = decodeEngineIoPayload('4hello\x1e2\x1e4world');
		expect(decoding.packets).toEqual([
			{ type: 'message', data: 'hello' },
			{ type: 'ping' },
			{ type: 'message', data: 'world' }
		]);
		expect(tilingProblems(decoding)).toEqual([]);
		expect(decoding.units[0].fields.at(-1)?.key).toBe('eio.separator');
	});

	it('stops at the first broken packet and leaves the rest unread', () => {
		const decoding = decodeEngineIoPayload('4a\x1e7x\x1e4b');
		expect(decoding.packets).toEqual([{ type: 'message', data: 'a' }]);
		expect(errorsOf(decoding)).toEqual(['EIO_UNKNOWN_TYPE']);
		expect(decoding.problems[0].offset).toBe(3);
		expect(tilingProblems(decoding)).toEqual([]);
	});

	it('labels the base64 packets after a binary Socket.IO packet as its attachments', () => {
		const decoding = decodeEngineIoPayload('451-["a",{"_placeholder":true,"num":0}]\x1ebAQIDBA==', {
			socketIo: true
		});
		expect(decoding.packets[1].attachment).toEqual({ index: 0, count: 1 });
		expect(decoding.problems).toEqual([]);
	});
});

describe('the decoders, on any input', () => {
	const text = fc.oneof(
		fc.string({ unit: 'grapheme', maxLength: 40 }),
		fc.string({ unit: 'binary', maxLength: 40 }),
		fc
			.array(
				fc.constantFrom(
					...'0123456b-/,[]{}":\x1e '.split(''),
					'"_placeholder":true',
					'😀',
					'\ud800'
				),
				{ maxLength: 20 }
			)
			.map((p) => p.join(''))
	);

	it('never throw, tile every byte, and locate every problem inside the input', () => {
		fc.assert(
			fc.property(text, fc.constantFrom(...KIND_CHOICES), (input, kind) => {
				const decoding = decodeText(input, kind);
				expect(tilingProblems(decoding)).toEqual([]);
				for (const problem of decoding.problems) {
					expect(problem.offset).toBeGreaterThanOrEqual(0);
					expect(problem.offset + problem.length).toBeLessThanOrEqual(decoding.bytes.length);
					expect(problem.message.length).toBeGreaterThan(0);
				}
			}),
			{ numRuns: 3000 }
		);
	});

	it('never throw on binary messages', () => {
		fc.assert(
			fc.property(fc.uint8Array({ maxLength: 100 }), (bytes) => {
				expect(tilingProblems(decodeEngineIoPacket(bytes, { socketIo: true }))).toEqual([]);
			})
		);
	});

	it('guess the kind: a separator means a payload, a bare Socket.IO packet is read as one', () => {
		expect(decodeText('4a\x1e4b', 'auto').kind).toBe('engine.io-payload');
		expect(decodeText('42["echo"]', 'auto').kind).toBe('engine.io-packet');
		expect(decodeText('0/admin,{"sid":"x"}', 'auto').kind).toBe('socket.io-packet');
	});
});
