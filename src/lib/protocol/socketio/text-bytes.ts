/**
 * Engine.IO and Socket.IO packets are text, but the shared views lay fields over bytes: a
 * packet's fields tile the UTF-8 bytes of its text (what travels in the HTTP body or the
 * WebSocket text frame). This module keeps the two positions side by side, so a decoder works on
 * the text and reports byte offsets, and a view can map a field back to its characters.
 */

/** A text and its UTF-8 bytes, with the byte offset of every UTF-16 position. */
export interface EncodedText {
	text: string;
	bytes: Uint8Array;
	/**
	 * `byteAt[i]` is the byte offset where the character at UTF-16 index `i` starts
	 * (`byteAt[text.length]` is the byte length). The second half of a surrogate pair gets the
	 * offset after the pair, so a range never ends inside a character.
	 */
	byteAt: number[];
}

/** Bytes one UTF-16 code unit (or pair) takes in UTF-8; a lone surrogate becomes U+FFFD (3). */
function utf8Length(codePoint: number): number {
	if (codePoint < 0x80) return 1;
	if (codePoint < 0x800) return 2;
	if (codePoint < 0x10000) return 3;
	return 4;
}

/** Encodes `text` as UTF-8 (lone surrogates as U+FFFD, as TextEncoder does) with its offsets. */
export function encodeText(text: string): EncodedText {
	const byteAt: number[] = [];
	let offset = 0;
	for (let i = 0; i < text.length;) {
		const point = text.codePointAt(i) ?? 0;
		const units = point > 0xffff ? 2 : 1;
		byteAt.push(offset);
		offset += utf8Length(point);
		if (units === 2) byteAt.push(offset);
		i += units;
	}
	byteAt.push(offset);
	return { text, bytes: new TextEncoder().encode(text), byteAt };
}

/** The byte range of the characters [from, to) as a field's offset and length. */
export function byteSpan(encoded: EncodedText, from: number, to: number) {
	return { offset: encoded.byteAt[from], length: encoded.byteAt[to] - encoded.byteAt[from] };
}

/** UTF-16 index of the character that starts at byte `offset` (or the next one after it). */
export function charIndex(encoded: EncodedText, offset: number): number {
	let low = 0;
	let high = encoded.byteAt.length - 1;
	while (low < high) {
		const mid = (low + high) >> 1;
		if (encoded.byteAt[mid] < offset) low = mid + 1;
		else high = mid;
	}
	return low;
}

/** The characters [start, end) that the bytes [offset, offset + length) encode. */
export function charSpan(
	encoded: EncodedText,
	offset: number,
	length: number
): { start: number; end: number } {
	return { start: charIndex(encoded, offset), end: charIndex(encoded, offset + length) };
}

/** The whole character starting at UTF-16 index `i` (both halves of a surrogate pair). */
export function charAt(text: string, i: number): string {
	const point = text.codePointAt(i);
	return point === undefined ? '' : String.fromCodePoint(point);
}
