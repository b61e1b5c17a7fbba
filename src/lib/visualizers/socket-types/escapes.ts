/**
 * Messages as the lab shows and takes them: text in which `\n`, `\r`, `\t`, `\0`, `\\` and
 * `\xHH` stand for the bytes they name, so a newline is visible and any byte can be typed.
 * `showBytes` and `readEscaped` are inverses: `readEscaped(showBytes(b))` gives back `b`.
 *
 * Pure: no DOM, no runes.
 */

/** What typed text means: its bytes, or where and why it cannot be read. */
export type EscapedReading =
	| { ok: true; bytes: Uint8Array }
	/** `index`: the offset in the text of the backslash that starts the bad escape. */
	| { ok: false; index: number; message: string };

/** The one-letter escapes, both ways. */
const SHORT: Readonly<Record<string, number>> = {
	n: 0x0a,
	r: 0x0d,
	t: 0x09,
	'0': 0x00,
	'\\': 0x5c
};
const SHORT_BY_BYTE = new Map(Object.entries(SHORT).map(([letter, byte]) => [byte, letter]));

const encoder = new TextEncoder();

/** The escapes the lab reads, for hints next to the input. */
export const ESCAPES_HINT = 'Escapes: \\n \\r \\t \\0 \\\\ \\xHH';

/** Reads typed text with escapes into bytes; never throws. */
export function readEscaped(text: string): EscapedReading {
	const out: number[] = [];
	let i = 0;
	while (i < text.length) {
		const backslash = text.indexOf('\\', i);
		const plain = backslash === -1 ? text.slice(i) : text.slice(i, backslash);
		for (const byte of encoder.encode(plain)) out.push(byte);
		if (backslash === -1) break;
		const next = text[backslash + 1];
		if (next === undefined) {
			return {
				ok: false,
				index: backslash,
				message: 'A lone \\ at the end: write \\\\ for a backslash.'
			};
		}
		if (next in SHORT) {
			out.push(SHORT[next]);
			i = backslash + 2;
		} else if (next === 'x') {
			const hex = text.slice(backslash + 2, backslash + 4);
			if (!/^[0-9a-fA-F]{2}$/.test(hex)) {
				return {
					ok: false,
					index: backslash,
					message: '\\x needs two hex digits, as in \\x0a.'
				};
			}
			out.push(Number.parseInt(hex, 16));
			i = backslash + 4;
		} else {
			const shown = String.fromCodePoint(text.codePointAt(backslash + 1) ?? 0);
			return {
				ok: false,
				index: backslash,
				message: `\\${shown} is not an escape. ${ESCAPES_HINT}.`
			};
		}
	}
	return { ok: true, bytes: Uint8Array.from(out) };
}

/** Length of the valid UTF-8 sequence at `i`, or 0 when the byte there does not start one. */
function utf8SequenceAt(bytes: Uint8Array, i: number): number {
	const b0 = bytes[i];
	if (b0 < 0x80) return 1;
	// RFC 3629 §4: the second byte's range depends on the first (no overlongs, no surrogates,
	// nothing above U+10FFFF).
	let length: number;
	let low = 0x80;
	let high = 0xbf;
	if (b0 >= 0xc2 && b0 <= 0xdf) length = 2;
	else if (b0 >= 0xe0 && b0 <= 0xef) {
		length = 3;
		if (b0 === 0xe0) low = 0xa0;
		if (b0 === 0xed) high = 0x9f;
	} else if (b0 >= 0xf0 && b0 <= 0xf4) {
		length = 4;
		if (b0 === 0xf0) low = 0x90;
		if (b0 === 0xf4) high = 0x8f;
	} else return 0;
	if (i + length > bytes.length) return 0;
	if (bytes[i + 1] < low || bytes[i + 1] > high) return 0;
	for (let k = 2; k < length; k++) {
		if (bytes[i + k] < 0x80 || bytes[i + k] > 0xbf) return 0;
	}
	return length;
}

const decoder = new TextDecoder();

/**
 * Bytes as text with escapes: printable characters as they are, `\n` `\r` `\t` `\0` `\\` for
 * those bytes, and `\xHH` for every other control byte and every byte that is not part of valid
 * UTF-8 (a read can cut a character in two).
 */
export function showBytes(bytes: Uint8Array): string {
	let out = '';
	let i = 0;
	while (i < bytes.length) {
		const b = bytes[i];
		const letter = SHORT_BY_BYTE.get(b);
		if (letter !== undefined) {
			out += '\\' + letter;
			i++;
			continue;
		}
		const length = utf8SequenceAt(bytes, i);
		if (length > 0) {
			const char = decoder.decode(bytes.subarray(i, i + length));
			// C0 and C1 controls, DEL, and the invisible separators U+2028/U+2029 stay escaped.
			if (!/[\p{Cc}\u2028\u2029]/u.test(char)) {
				out += char;
				i += length;
				continue;
			}
		}
		if (length > 1) {
			// A control character of several bytes (C1): every byte escaped.
			for (let k = 0; k < length; k++) out += '\\x' + hex(bytes[i + k]);
			i += length;
		} else {
			out += '\\x' + hex(b);
			i++;
		}
	}
	return out;
}

const hex = (byte: number) => byte.toString(16).padStart(2, '0');

/** True when `bytes` are valid UTF-8, so they can be sent as a JavaScript string unchanged. */
export function isUtf8(bytes: Uint8Array): boolean {
	for (let i = 0; i < bytes.length;) {
		const length = utf8SequenceAt(bytes, i);
		if (length === 0) return false;
		i += length;
	}
	return true;
}
