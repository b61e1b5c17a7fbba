import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { decoderAddress, fitsInLink, MAX_LINK_INPUT, type DecoderSettings } from './address';

/** Through the address bar and back: write, serialise, parse, read. */
const roundTrip = (settings: DecoderSettings) =>
	decoderAddress.read(new URLSearchParams(decoderAddress.write(settings).toString()));

const read = (query: string) => decoderAddress.read(new URLSearchParams(query));

/** Any state the decoder page can be in that fits in a link. */
const settings: fc.Arbitrary<DecoderSettings> = fc
	.record({
		input: fc.string({ unit: 'grapheme', maxLength: 400 }),
		from: fc.constantFrom('client' as const, 'server' as const),
		permessageDeflate: fc.boolean(),
		noContextTakeover: fc.boolean()
	})
	// No context takeover is a parameter of permessage-deflate (RFC 7692 §7.1.1): alone it is
	// no state of its own, and a link keeps it only with the extension.
	.map((s) => ({ ...s, noContextTakeover: s.permessageDeflate && s.noContextTakeover }));

describe('decoderAddress', () => {
	it('gives back every state it writes, through a serialised address', () => {
		fc.assert(
			fc.property(settings, (s) => {
				expect(roundTrip(s)).toEqual(s);
			})
		);
	});

	it('keeps the input exactly as typed: dumps, line breaks, +, & and # included', () => {
		const input = '00000000: 8105 4865 6c6c 6f  ..Hello\n0x81, 0x05 & # + %20 \\x48';
		const s: DecoderSettings = {
			input,
			from: 'server',
			permessageDeflate: true,
			noContextTakeover: true
		};
		expect(roundTrip(s)).toEqual(s);
	});

	it('writes the schema links have always used: hex, from, deflate=1, nct=1', () => {
		const params = decoderAddress.write({
			input: '88 05 03 e8 62 79 65',
			from: 'server',
			permessageDeflate: true,
			noContextTakeover: true
		});
		expect(params.toString()).toBe('hex=88+05+03+e8+62+79+65&from=server&deflate=1&nct=1');
		expect(
			decoderAddress
				.write({
					input: '81 00',
					from: 'client',
					permessageDeflate: false,
					noContextTakeover: true
				})
				.toString()
		).toBe('hex=81+00&from=client');
	});

	it('describes nothing when the address has no hex', () => {
		expect(read('')).toBeNull();
		expect(read('from=server&deflate=1')).toBeNull();
	});

	it('reads an empty hex as an empty input', () => {
		expect(read('hex=')).toEqual({
			input: '',
			from: 'client',
			permessageDeflate: false,
			noContextTakeover: false
		});
	});

	it('falls back for values it does not know', () => {
		expect(read('hex=81+00&from=proxy&deflate=yes&nct=1')).toEqual({
			input: '81 00',
			from: 'client',
			permessageDeflate: false,
			noContextTakeover: false
		});
		expect(read('hex=81+00&from=SERVER&deflate=1&nct=true')).toEqual({
			input: '81 00',
			from: 'client',
			permessageDeflate: true,
			noContextTakeover: false
		});
	});

	it('keeps an input of MAX_LINK_INPUT characters, and writes nothing for a longer one', () => {
		const longest = 'a'.repeat(MAX_LINK_INPUT);
		const s: DecoderSettings = {
			input: longest,
			from: 'client',
			permessageDeflate: false,
			noContextTakeover: false
		};
		expect(fitsInLink(s)).toBe(true);
		expect(roundTrip(s)).toEqual(s);
		const tooLong = { ...s, input: longest + 'b' };
		expect(fitsInLink(tooLong)).toBe(false);
		expect([...decoderAddress.write(tooLong).keys()]).toEqual([]);
		expect(roundTrip(tooLong)).toBeNull();
	});
});
