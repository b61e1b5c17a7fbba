import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
	fitsInLink,
	LINK_CHOICES,
	MAX_LINK_INPUT,
	packetAddress,
	packetQuery,
	type PacketSettings
} from './address';

/** Through the address bar and back: write, serialise, parse, read. */
const roundTrip = (settings: PacketSettings) =>
	packetAddress.read(new URLSearchParams(packetAddress.write(settings).toString()));

const read = (query: string) => packetAddress.read(new URLSearchParams(query));

/** Any state the decoder page can be in that fits in a link. */
const settings: fc.Arbitrary<PacketSettings> = fc.record({
	input: fc.string({ unit: 'grapheme', maxLength: 400 }),
	link: fc.constantFrom(...LINK_CHOICES)
});

describe('packetAddress', () => {
	it('gives back every state it writes, through a serialised address', () => {
		fc.assert(
			fc.property(settings, (s) => {
				expect(roundTrip(s)).toEqual(s);
			})
		);
	});

	it('keeps a pasted dump exactly as typed: offsets, line breaks, the ASCII column, + and &', () => {
		const input =
			'\t0x0000:  4500 003c babf 4000 4006 81fa 7f00 0001  E..<..@.@.......\n' +
			'0000   45 00 00 3c & # + %20';
		const s: PacketSettings = { input, link: 'raw' };
		expect(roundTrip(s)).toEqual(s);
	});

	it('reads the links other tools write: lower-case hex with no spaces, and a link type', () => {
		expect(read('hex=4500003c&link=raw')).toEqual({ input: '4500003c', link: 'raw' });
		expect(read('hex=0000&link=linux-sll2')).toEqual({ input: '0000', link: 'linux-sll2' });
		expect(packetQuery('4500003c', 'raw')).toBe('hex=4500003c&link=raw');
	});

	it('describes nothing when the address has no hex', () => {
		expect(read('')).toBeNull();
		expect(read('link=raw')).toBeNull();
	});

	it('guesses the link type when the address names none or one it does not know', () => {
		expect(read('hex=45')).toEqual({ input: '45', link: 'auto' });
		expect(read('hex=45&link=wifi')).toEqual({ input: '45', link: 'auto' });
		expect(read('hex=45&link=RAW')).toEqual({ input: '45', link: 'auto' });
		expect(read('hex=45&link=101')).toEqual({ input: '45', link: 'auto' });
	});

	it('keeps an input of MAX_LINK_INPUT characters, and writes nothing for a longer one', () => {
		const s: PacketSettings = { input: 'a'.repeat(MAX_LINK_INPUT), link: 'ethernet' };
		expect(fitsInLink(s)).toBe(true);
		expect(roundTrip(s)).toEqual(s);
		const tooLong = { ...s, input: s.input + 'b' };
		expect(fitsInLink(tooLong)).toBe(false);
		expect([...packetAddress.write(tooLong).keys()]).toEqual([]);
		expect(roundTrip(tooLong)).toBeNull();
	});
});
