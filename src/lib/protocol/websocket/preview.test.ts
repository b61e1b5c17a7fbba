import { describe, expect, it } from 'vitest';
import { hexPreview, looksLikeText, textPreview } from './preview';

const utf8 = (text: string) => new TextEncoder().encode(text);

describe('payload previews', () => {
	it('quotes short text whole, as JSON escapes it', () => {
		expect(textPreview(utf8('Hello'))).toBe('"Hello"');
		expect(textPreview(utf8('a"b\n'))).toBe('"a\\"b\\n"');
	});

	it('cuts long text at 32 characters with an ellipsis', () => {
		expect(textPreview(utf8('x'.repeat(40)))).toBe(`"${'x'.repeat(32)}"…`);
	});

	it('never ends a cut inside a code point', () => {
		// 31 ASCII letters, then € (e2 82 ac) and more: the cut may not leave half a character.
		const preview = textPreview(utf8('a'.repeat(31) + '€€€€'));
		expect(preview).toBe(`"${'a'.repeat(31)}€"…`);
		const cutBytes = utf8('€'.repeat(60)).subarray(0, 128); // 128 bytes end inside a €
		expect(textPreview(cutBytes)).not.toMatch(/\uFFFD/);
	});

	it('shows the first 8 bytes as hex, with an ellipsis when there are more', () => {
		expect(hexPreview(Uint8Array.of(0, 1, 0xff))).toBe('00 01 ff');
		expect(hexPreview(new Uint8Array(9))).toBe('00 00 00 00 00 00 00 00 …');
	});

	it('calls printable ASCII and whitespace text, and control bytes not', () => {
		expect(looksLikeText(utf8('ping 1\r\n\t'))).toBe(true);
		expect(looksLikeText(Uint8Array.of(0x48, 0x00))).toBe(false);
		expect(looksLikeText(Uint8Array.of(0xe2, 0x82, 0xac))).toBe(false);
	});
});
