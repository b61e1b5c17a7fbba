import { describe, expect, it } from 'vitest';
import { looksLikeStreamDump, splitLines } from './stream-dump-lines';
import * as reader from './stream-dump';

describe('splitLines', () => {
	it('splits at CRLF, LF and a lone CR, numbering lines from 1', () => {
		expect(splitLines('a\r\nb\nc\rd')).toEqual([
			{ text: 'a', number: 1 },
			{ text: 'b', number: 2 },
			{ text: 'c', number: 3 },
			{ text: 'd', number: 4 }
		]);
	});

	it('keeps an empty last line after a final line end, as the reader counts lines', () => {
		expect(splitLines('a\n').map((line) => line.text)).toEqual(['a', '']);
		expect(splitLines('')).toEqual([{ text: '', number: 1 }]);
	});
});

describe('looksLikeStreamDump', () => {
	it('is the function the stream dump reader exports', () => {
		// The full behaviour is tested with real Wireshark and tshark dumps in stream-dump.test.ts.
		expect(reader.looksLikeStreamDump).toBe(looksLikeStreamDump);
	});

	it('tells a two-sided hex dump from one message', () => {
		const twoSides = '00000000  47 45 54 20  GET \n    00000000  48 54 54 50  HTTP';
		expect(looksLikeStreamDump(twoSides)).toBe(true);
		expect(looksLikeStreamDump('81 05 48 65 6c 6c 6f')).toBe(false);
	});
});
