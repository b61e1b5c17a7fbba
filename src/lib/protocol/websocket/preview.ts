/**
 * Short previews of payloads, quoted in field meanings: text cut at a code point, or the first
 * bytes as hex.
 */
import { toHex } from '../bytes/hex';

/** How much of a payload a meaning quotes. */
const PREVIEW_CHARS = 32;
const PREVIEW_BYTES = 128;
const PREVIEW_HEX_BYTES = 8;

const TEXT_DECODER = new TextDecoder();

/** "Hello", quoted and escaped, cut at PREVIEW_CHARS with an ellipsis. */
export function textPreview(bytes: Uint8Array): string {
	const head = bytes.subarray(0, PREVIEW_BYTES);
	let text = TEXT_DECODER.decode(head);
	let cut = bytes.length > head.length;
	if (text.length > PREVIEW_CHARS) {
		text = text.slice(0, PREVIEW_CHARS);
		cut = true;
	}
	// A cut can split a code point (U+FFFD from the decoder) or a surrogate pair.
	if (cut) text = text.replace(/[\uD800-\uDBFF\uFFFD]$/, '');
	return JSON.stringify(text) + (cut ? '…' : '');
}

/** First bytes as hex: "00 01 02 03 …". */
export function hexPreview(bytes: Uint8Array): string {
	const head = toHex(bytes.subarray(0, PREVIEW_HEX_BYTES));
	return bytes.length > PREVIEW_HEX_BYTES ? head + ' …' : head;
}

/** True if the first bytes are printable ASCII, so a preview as text is honest. */
export function looksLikeText(bytes: Uint8Array): boolean {
	const n = Math.min(bytes.length, PREVIEW_BYTES);
	for (let i = 0; i < n; i++) {
		const b = bytes[i];
		if ((b < 0x20 || b > 0x7e) && b !== 0x09 && b !== 0x0a && b !== 0x0d) return false;
	}
	return true;
}
