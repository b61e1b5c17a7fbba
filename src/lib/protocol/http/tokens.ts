/**
 * The smallest pieces of HTTP syntax (RFC 9110 §5.6.2, §5.5): tokens, the characters they are
 * made of, and the control characters a field may not hold. Every header that carries a name or
 * a keyword (methods, field names, Connection and Upgrade values, subprotocol names, extension
 * names) is made of tokens, so one definition serves them all.
 */

// tchar = "!" / "#" / "$" / "%" / "&" / "'" / "*" / "+" / "-" / "." / "^" / "_" / "`" / "|" /
//         "~" / DIGIT / ALPHA  (RFC 9110 §5.6.2)
const TCHAR = /^[!#$%&'*+\-.^_`|~0-9A-Za-z]$/;
const TOKEN = /^[!#$%&'*+\-.^_`|~0-9A-Za-z]+$/;

/** True when `char` may appear in a token (RFC 9110 §5.6.2 tchar). */
export function isTchar(char: string): boolean {
	return TCHAR.test(char);
}

/** True when `text` is a token: one or more tchar (RFC 9110 §5.6.2). */
export function isToken(text: string): boolean {
	return TOKEN.test(text);
}

/** The 0-based index of the first character of `text` that is not a tchar, or -1. */
export function firstNonTchar(text: string): number {
	for (let i = 0; i < text.length; i++) if (!TCHAR.test(text.charAt(i))) return i;
	return -1;
}

/**
 * The 0-based index of the first control character other than HTAB, or -1. RFC 9110 §5.5: a
 * field value holding CR, LF or NUL is invalid, and other CTLs are not field-vchar either.
 */
export function firstControl(text: string): number {
	for (let i = 0; i < text.length; i++) {
		const c = text.charCodeAt(i);
		if ((c < 0x20 && c !== 9) || c === 0x7f) return i;
	}
	return -1;
}
