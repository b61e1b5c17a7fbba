/**
 * What the Frame Decoder needs to stay fast on big inputs (a megabyte of pasted hex, ten
 * thousand frames): a quick reader for the commonest notation, plain hex, that gives exactly
 * what `readHex` gives; and the split of a long decoding into pages that each render a bounded
 * number of bytes.
 */
import { readHex, type HexReading } from '../bytes/hex';

/** Value of each ASCII code as a hex digit, or -1; whitespace `readHex` skips is -2. */
const DIGIT = new Int8Array(128).fill(-1);
for (let c = 0; c < 10; c++) DIGIT[0x30 + c] = c;
for (let c = 0; c < 6; c++) {
	DIGIT[0x41 + c] = 10 + c;
	DIGIT[0x61 + c] = 10 + c;
}
for (const space of [0x20, 0x09, 0x0a, 0x0d]) DIGIT[space] = -2;

/**
 * A first line that could start a Wireshark hex dump (offset, two or three spaces, bytes), which
 * `readHex` reads by its columns, not as plain hex.
 */
const DUMP_START = /^\s*[0-9a-fA-F]{4,8}\s{2,3}\S/;

/**
 * Reads pasted text like `readHex`, with the same result, but in one tight pass when the text is
 * plain hex (hex digits in whitespace-separated groups of whole bytes). Any other text, and
 * plain hex with a problem, goes to `readHex`, so its notations and located errors are kept.
 */
export function readPastedHex(text: string): HexReading {
	const plain = readPlainHex(text);
	return plain ? { ok: true, bytes: plain, format: 'hex' } : readHex(text);
}

/** The bytes of well-formed plain hex, or null for anything else (empty text included). */
function readPlainHex(text: string): Uint8Array | null {
	const firstLine = text.slice(0, 64).trimStart();
	if (DUMP_START.test(firstLine)) return null;
	// One run of digits, as a program prints it: the browser's own reader (ES2026), where it has one.
	const native = (Uint8Array as unknown as { fromHex?: (hex: string) => Uint8Array }).fromHex;
	if (native && text.length % 2 === 0 && !/\s/.test(text)) {
		try {
			const bytes = native(text);
			return bytes.length > 0 ? bytes : null;
		} catch {
			return null; // not hex: readHex says where
		}
	}
	const out = new Uint8Array(text.length >> 1);
	let length = 0;
	let high = -1;
	for (let i = 0; i < text.length; i++) {
		const code = text.charCodeAt(i);
		const value = code < 128 ? DIGIT[code] : -1;
		if (value === -1) return null;
		if (value === -2) {
			if (high >= 0) return null; // a group with an odd number of digits
			continue;
		}
		if (high < 0) high = value;
		else {
			out[length++] = (high << 4) | value;
			high = -1;
		}
	}
	if (high >= 0 || length === 0) return null;
	return out.slice(0, length);
}

/** How a decoding's frames are split into pages. */
export interface PageLimits {
	/** Most items on one page. */
	maxItems: number;
	/** Most bytes the items of one page may show; a page always holds at least one item. */
	maxBytes: number;
}

/** How the Frame Decoder pages frames: ten at most, and about 1.5 KiB of byte grid. */
export const FRAME_PAGE: PageLimits = { maxItems: 10, maxBytes: 1536 };

/**
 * Where each page starts: item indexes, the first 0. Items are taken in order while the page
 * holds fewer than `maxItems` and the bytes they show (`shown(i)`) stay within `maxBytes`.
 */
export function pageStarts(count: number, shown: (index: number) => number, limits: PageLimits) {
	const starts: number[] = [];
	let items = 0;
	let bytes = 0;
	for (let i = 0; i < count; i++) {
		const size = shown(i);
		if (i === 0 || items >= limits.maxItems || bytes + size > limits.maxBytes) {
			starts.push(i);
			items = 0;
			bytes = 0;
		}
		items++;
		bytes += size;
	}
	return starts;
}

/** The page (index into `starts`) that holds item `index`. */
export function pageOf(starts: readonly number[], index: number): number {
	let low = 0;
	let high = starts.length - 1;
	while (low < high) {
		const middle = (low + high + 1) >> 1;
		if (starts[middle] <= index) low = middle;
		else high = middle - 1;
	}
	return Math.max(0, low);
}

/**
 * The first bytes of `data` to read for a preview: at most `limit`, cut before a UTF-8 sequence
 * the limit would split (RFC 3629 §3: continuation bytes are 10xxxxxx), so valid text stays
 * valid. The whole of `data` when it is not longer than `limit`.
 */
export function previewBytes(data: Uint8Array, limit: number): Uint8Array {
	if (data.length <= limit) return data;
	let end = limit;
	// Back off over at most three continuation bytes to the start of the split sequence.
	for (let back = 0; back < 3 && end > 0 && (data[end] & 0xc0) === 0x80; back++) end--;
	return data.subarray(0, end);
}
