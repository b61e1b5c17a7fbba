import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { KIND_CHOICES } from '$lib/protocol/socketio';
import { MAX_LINK_TEXT, socketIoAddress, type SocketIoSettings } from './address';
import { fromTyped, toTyped } from './typed';

const roundTrip = (settings: SocketIoSettings) =>
	socketIoAddress.read(new URLSearchParams(socketIoAddress.write(settings).toString()));
const read = (query: string) => socketIoAddress.read(new URLSearchParams(query));

describe('socketIoAddress', () => {
	it('gives back every state it writes, through a serialised address', () => {
		fc.assert(
			fc.property(
				fc.record({
					text: fc.string({ unit: 'grapheme', maxLength: 300 }),
					kind: fc.constantFrom(...KIND_CHOICES)
				}),
				(s) => {
					expect(roundTrip(s)).toEqual(s);
				}
			)
		);
	});

	it('keeps packets exactly: quotes, brackets, &, +, # and the separator', () => {
		const s: SocketIoSettings = {
			text: '42["a&b+c#d",{"x":"%20"}]␞451-[]\x1e',
			kind: 'engine.io-payload'
		};
		expect(roundTrip(s)).toEqual(s);
	});

	it('describes nothing without text, and guesses the kind when it is unknown', () => {
		expect(read('kind=auto')).toBeNull();
		expect(read('text=40&kind=websocket')).toEqual({ text: '40', kind: 'auto' });
	});

	it('writes nothing for a text too long for a link', () => {
		expect([
			...socketIoAddress.write({ text: 'a'.repeat(MAX_LINK_TEXT + 1), kind: 'auto' }).keys()
		]).toEqual([]);
	});
});

describe('typed text', () => {
	it('reads \\x1e, \\u001e and ␞ as the record separator, and shows it as \\x1e', () => {
		expect(fromTyped('4a␞4b\\x1e4c\\u001E4d')).toBe('4a\x1e4b\x1e4c\x1e4d');
		expect(toTyped('4a\x1e4b')).toBe('4a\\x1e4b');
		fc.assert(
			fc.property(fc.string(), (s) => {
				expect(fromTyped(toTyped(s))).toBe(fromTyped(s));
			})
		);
	});
});
