/**
 * The record separator 0x1E cannot be typed, so the decoder's text box writes it `\x1e`, as the
 * protocol's own documents do (plain ASCII, which every font shows), and also reads `\u001e` and
 * ␞ (U+241E, the symbol for it).
 */

/** The text the decoder gets from what was typed. */
export function fromTyped(typed: string): string {
	return typed.replace(/␞|\\x1e|\\u001e/gi, '\x1e');
}

/** What the box shows for a packet's text. */
export function toTyped(text: string): string {
	return text.replaceAll('\x1e', '\\x1e');
}
