import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { readHex } from '../bytes/hex';
import { pageOf, pageStarts, previewBytes, readPastedHex } from './big-input';

/** Bytes written as hex by hand (Number#toString), independent of the readers under test. */
const written = (bytes: number[]) => bytes.map((b) => b.toString(16).padStart(2, '0'));

describe('readPastedHex', () => {
	it('reads plain hex into the bytes it was written from, whatever the grouping and case', () => {
		fc.assert(
			fc.property(
				fc.array(fc.integer({ min: 0, max: 255 }), { minLength: 1, maxLength: 200 }),
				// Single gaps only: "0000  00" is a Wireshark dump line (offset, two spaces, a byte).
				fc.array(fc.constantFrom('', ' ', '\n', '\t', '\r\n'), { minLength: 200 }),
				fc.boolean(),
				(bytes, gaps, upper) => {
					// A gap only ever falls between whole bytes.
					let text = written(bytes)
						.map((pair, i) => pair + gaps[i])
						.join('');
					if (upper) text = text.toUpperCase();
					const reading = readPastedHex(text);
					expect(reading).toEqual({ ok: true, format: 'hex', bytes: new Uint8Array(bytes) });
				}
			)
		);
	});

	it('gives exactly what readHex gives for any text, notations and errors included', () => {
		const pieces = [
			'0',
			'7',
			'a',
			'F',
			' ',
			'  ',
			'\n',
			'\t',
			'\f',
			':',
			'-',
			'x',
			'0x',
			'|',
			'g',
			'\\x',
			'='
		];
		fc.assert(
			fc.property(fc.array(fc.constantFrom(...pieces), { maxLength: 60 }), (parts) => {
				const text = parts.join('');
				expect(readPastedHex(text)).toEqual(readHex(text));
			}),
			{ numRuns: 2000 }
		);
	});

	it('leaves a Wireshark hex dump, whose lines are all hex digits and spaces, to readHex', () => {
		// Wireshark's layout: a 4-digit offset, two spaces, up to 16 bytes, the ASCII column.
		const dump = '0000  81 05 48 65 6c 6c 6f                              ..Hello';
		expect(readPastedHex(dump)).toEqual({
			ok: true,
			format: 'wireshark',
			bytes: new Uint8Array([0x81, 0x05, 0x48, 0x65, 0x6c, 0x6c, 0x6f])
		});
		const bare = '\n0000  81 05 48 65';
		expect(readPastedHex(bare)).toEqual(readHex(bare));
	});

	it('reads a megabyte of hex on one line', () => {
		const bytes = Array.from({ length: 1 << 20 }, (_, i) => (i * 7) & 0xff);
		const reading = readPastedHex(written(bytes).join(''));
		expect(reading.ok && reading.bytes.length).toBe(1 << 20);
		expect(reading.ok && reading.bytes[12345]).toBe((12345 * 7) & 0xff);
	});

	it('gives what readHex gives through the browser’s Uint8Array.fromHex too', () => {
		// A stand-in for the ES2026 reader, written from its spec: pairs of hex digits, no spaces.
		const fromHex = (hex: string) => {
			if (hex.length % 2 !== 0 || /[^0-9a-fA-F]/.test(hex)) throw new SyntaxError('not hex');
			return Uint8Array.from({ length: hex.length / 2 }, (_, i) =>
				parseInt(hex.slice(2 * i, 2 * i + 2), 16)
			);
		};
		const host = Uint8Array as { fromHex?: unknown };
		const before = host.fromHex;
		host.fromHex = fromHex;
		try {
			for (const text of [
				'8105',
				'81054',
				'81g5',
				'AbCd',
				'',
				'0000  81 05',
				'81 05',
				'ZmFrZQ=='
			]) {
				expect(readPastedHex(text)).toEqual(readHex(text));
			}
		} finally {
			if (before === undefined) delete host.fromHex;
			else host.fromHex = before;
		}
	});

	it('points at the odd digit just as readHex does', () => {
		const reading = readPastedHex('81 054');
		expect(reading.ok).toBe(false);
		expect(reading).toEqual(readHex('81 054'));
	});
});

describe('pageStarts', () => {
	const limits = { maxItems: 3, maxBytes: 100 };

	it('starts a new page after the most items a page may hold', () => {
		expect(pageStarts(7, () => 1, limits)).toEqual([0, 3, 6]);
	});

	it('starts a new page before the item that would show too many bytes', () => {
		// 40 + 40 fit in 100; a third 40 would make 120.
		expect(pageStarts(5, () => 40, limits)).toEqual([0, 2, 4]);
	});

	it('gives an item bigger than a page a page of its own', () => {
		expect(pageStarts(3, (i) => (i === 1 ? 500 : 10), limits)).toEqual([0, 1, 2]);
	});

	it('has no pages for no items', () => {
		expect(pageStarts(0, () => 1, limits)).toEqual([]);
	});
});

describe('pageOf', () => {
	it('finds the page whose range holds an item', () => {
		const starts = [0, 3, 6];
		expect([0, 2, 3, 5, 6, 9].map((i) => pageOf(starts, i))).toEqual([0, 0, 1, 1, 2, 2]);
	});

	it('is page 0 when there are no pages', () => {
		expect(pageOf([], 4)).toBe(0);
	});
});

describe('previewBytes', () => {
	const encoder = new TextEncoder();

	it('keeps data no longer than the limit whole', () => {
		const data = new Uint8Array([1, 2, 3]);
		expect(previewBytes(data, 3)).toBe(data);
	});

	it('cuts long data at the limit', () => {
		expect(Array.from(previewBytes(new Uint8Array([1, 2, 3, 4]), 2))).toEqual([1, 2]);
	});

	it('never splits a UTF-8 character, so a preview of valid text is valid text', () => {
		// '€' is e2 82 ac and '😀' f0 9f 98 80 (RFC 3629 §3): every cut falls before or after them.
		const text = 'a€b😀c'.repeat(20);
		const data = encoder.encode(text);
		const strict = new TextDecoder('utf-8', { fatal: true });
		for (let limit = 1; limit < data.length; limit++) {
			const preview = strict.decode(previewBytes(data, limit));
			expect(text.startsWith(preview)).toBe(true);
			expect(encoder.encode(preview).length).toBeGreaterThan(limit - 4);
		}
	});
});
