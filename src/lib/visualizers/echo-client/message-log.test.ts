import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { wsFrame as wsFrameBytes } from '../../../echo/testing';
import {
	EMPTY_LOG,
	appendEntry,
	eventEntry,
	exportLog,
	receivedEntry,
	replaceEntry,
	sentEntry,
	type BoundedLog
} from './message-log';

/** Hex as the log writes it: lower-case pairs separated by spaces. */
const hex = (bytes: Uint8Array) =>
	Array.from(bytes, (b) => b.toString(16).padStart(2, '0')).join(' ');

/** The frame ws itself writes for `payload` (the oracle), masked with `key` when given. */
const wsFrame = (payload: Uint8Array, opcode: number, key?: Uint8Array) =>
	hex(wsFrameBytes(payload, { opcode, key }));

describe('sentEntry and receivedEntry', () => {
	it('reconstruct RFC 6455 §5.7’s frames for "Hello": masked from the client, unmasked from the server', () => {
		const key = new Uint8Array([0x37, 0xfa, 0x21, 0x3d]);
		const sent = sentEntry(1, 0, 'Hello', key);
		// "A single-frame masked text message … contains "Hello""
		expect(sent.wire).toEqual({
			hex: '81 85 37 fa 21 3d 7f 9f 4d 51 58',
			real: false,
			compressed: false
		});
		expect([sent.direction, sent.type, sent.text, sent.size]).toEqual(['sent', 'text', 'Hello', 5]);
		// "A single-frame unmasked text message … contains "Hello""
		const received = receivedEntry(2, 0, 'Hello');
		expect(received.wire?.hex).toBe('81 05 48 65 6c 6c 6f');
		expect([received.direction, received.type, received.size]).toEqual(['received', 'text', 5]);
	});

	it('use a 16-bit length for RFC 6455 §5.7’s 256-byte binary message', () => {
		const payload = new Uint8Array(256).map((_, i) => i);
		const entry = receivedEntry(1, 0, payload);
		// "256 bytes binary message in a single unmasked frame: 0x82 0x7E 0x0100 [256 bytes]"
		expect(entry.wire?.hex).toBe(`82 7e 01 00 ${hex(payload)}`);
		expect([entry.type, entry.size, entry.bytes]).toEqual(['binary', 256, payload]);
	});

	it('write the same bytes as ws for any text or binary message', () => {
		fc.assert(
			fc.property(
				fc.oneof(
					fc.string({ unit: 'grapheme', maxLength: 300 }),
					fc.uint8Array({ maxLength: 70_000 })
				),
				fc.uint8Array({ minLength: 4, maxLength: 4 }),
				(data, key) => {
					const payload = typeof data === 'string' ? new TextEncoder().encode(data) : data;
					const opcode = typeof data === 'string' ? 1 : 2;
					expect(sentEntry(1, 0, data, key).wire?.hex).toBe(wsFrame(payload, opcode, key));
					expect(receivedEntry(1, 0, data).wire?.hex).toBe(wsFrame(payload, opcode));
					expect(sentEntry(1, 0, data, key).size).toBe(payload.length);
				}
			),
			{ numRuns: 60 }
		);
	});
});

describe('appendEntry', () => {
	it('keeps the newest `max` entries in order and counts the dropped ones', () => {
		fc.assert(
			fc.property(fc.integer({ min: 1, max: 20 }), fc.integer({ min: 0, max: 60 }), (max, n) => {
				let log: BoundedLog<{ id: number }> = EMPTY_LOG;
				for (let id = 1; id <= n; id++) log = appendEntry(log, { id }, max);
				// The model: all n ids, of which the last `max` are kept.
				const all = Array.from({ length: n }, (_, i) => i + 1);
				expect(log.entries.map((e) => e.id)).toEqual(all.slice(Math.max(0, n - max)));
				expect(log.dropped).toBe(Math.max(0, n - max));
			})
		);
	});

	it('leaves the log it was given unchanged', () => {
		const before = appendEntry(EMPTY_LOG, eventEntry(1, 0, 'a'), 1);
		const after = appendEntry(before, eventEntry(2, 0, 'b'), 1);
		expect(before.entries.map((e) => e.id)).toEqual([1]);
		expect(after).toEqual({ entries: [eventEntry(2, 0, 'b')], dropped: 1 });
	});
});

describe('replaceEntry', () => {
	const log = [1, 2, 3].reduce<BoundedLog>(
		(log, id) => appendEntry(log, eventEntry(id, id, `e${id}`)),
		EMPTY_LOG
	);

	it('replaces the entry with that id and keeps the rest and the dropped count', () => {
		const next = replaceEntry({ ...log, dropped: 7 }, 2, (e) => ({ ...e, text: 'changed' }));
		expect(next.entries.map((e) => e.text)).toEqual(['e1', 'changed', 'e3']);
		expect(next.dropped).toBe(7);
		expect(log.entries[1].text).toBe('e2');
	});

	it('returns the same log when the entry is gone (dropped or cleared)', () => {
		expect(replaceEntry(log, 99, (e) => e)).toBe(log);
	});
});

describe('exportLog', () => {
	it('gives each entry’s time, direction, payload as text or hex, and wire bytes', () => {
		const key = new Uint8Array([0x37, 0xfa, 0x21, 0x3d]);
		const entries = [
			eventEntry(1, 1.4, 'Open'),
			sentEntry(2, 2.6, 'Hello', key),
			receivedEntry(3, 10, new Uint8Array([0xde, 0xad]))
		];
		expect(JSON.parse(exportLog(entries))).toEqual([
			{ at_ms: 1, direction: 'event', type: 'event', size: 0, text: 'Open' },
			{
				at_ms: 3,
				direction: 'sent',
				type: 'text',
				size: 5,
				text: 'Hello',
				wire_hex: '81 85 37 fa 21 3d 7f 9f 4d 51 58',
				wire_real: false
			},
			{
				at_ms: 10,
				direction: 'received',
				type: 'binary',
				size: 2,
				hex: 'de ad',
				wire_hex: '82 02 de ad',
				wire_real: false
			}
		]);
	});
});
