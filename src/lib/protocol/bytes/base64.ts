/**
 * Base64 (RFC 4648 §4) and its URL-safe alphabet, base64url (§5): one encoder and one decoder
 * for every tool. The decoder is as strict or as lenient as its caller asks, so the handshake's
 * key check (exactly the §4 encoding, RFC 6455 §4.1 item 7) and the hex reader's paste box
 * (either alphabet, padding optional, wrapped lines) share it.
 *
 * Pure: no Buffer, no atob/btoa. It never throws: text that is not base64 gives a located error
 * with a code, and the caller turns that into a sentence.
 */

/** The two alphabets of RFC 4648: `standard` (§4, `+` and `/`) and `url` (§5, `-` and `_`). */
export type Base64Alphabet = 'standard' | 'url';

/** Options for `toBase64`. */
export interface Base64EncodeOptions {
	/** Default `standard`. */
	alphabet?: Base64Alphabet;
	/** Whether to end with `=` padding to a multiple of 4 characters (§3.2). Default true. */
	padding?: boolean;
}

/** Options for `decodeBase64`; the defaults are the strict §4 encoding. */
export interface Base64DecodeOptions {
	/** Which alphabet the text may use; `either` takes both, even mixed. Default `standard`. */
	alphabet?: Base64Alphabet | 'either';
	/**
	 * `required` (the default): the length must be a multiple of 4, completed with `=` (§3.2).
	 * `optional`: the padding may be left off, but padding that is there must complete the text.
	 */
	padding?: 'required' | 'optional';
	/** Skip whitespace anywhere, as in base64 wrapped over lines (§3.3). Default false. */
	whitespace?: boolean;
}

/**
 * Why text is not base64:
 * - `character`: a character of neither alphabet;
 * - `other-alphabet`: a character of the alphabet not asked for (`-` `_` in standard base64,
 *   `+` `/` in base64url);
 * - `padding`: `=` anywhere but the last one or two places;
 * - `length`: the characters do not make whole 4-character groups (with padding required), or
 *   leave a lone character that cannot hold a byte (padding optional).
 */
export type Base64ErrorCode = 'character' | 'other-alphabet' | 'padding' | 'length';

/** Where and why decoding stopped. */
export interface Base64Error {
	code: Base64ErrorCode;
	/** 0-based index into the text: the offending character, or the text's length for `length`. */
	index: number;
	/** The offending character, for `character` and `other-alphabet`. */
	char?: string;
	/** For `length`: how many base64 characters (padding included, whitespace not) there are. */
	length?: number;
	/** For `length`, when adding this many `=` (1 or 2) would make the text whole. */
	missingPadding?: number;
}

/** The outcome of `decodeBase64`. */
export type Base64Decoding =
	| {
			ok: true;
			bytes: Uint8Array;
			/** False when the unused bits of the last character are not zero (§3.5). */
			canonical: boolean;
			/** True when the text ended in `=` padding. */
			padded: boolean;
	  }
	| { ok: false; error: Base64Error };

const LETTERS_AND_DIGITS = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789';

const ALPHABETS: Readonly<Record<Base64Alphabet, string>> = {
	standard: `${LETTERS_AND_DIGITS}+/`,
	url: `${LETTERS_AND_DIGITS}-_`
};

/** 6-bit values of the ASCII characters, -1 for characters of no alphabet. */
function valueTable(alphabet: string): Int8Array {
	const values = new Int8Array(128).fill(-1);
	for (let i = 0; i < alphabet.length; i++) values[alphabet.charCodeAt(i)] = i;
	return values;
}

const VALUES: Readonly<Record<Base64Alphabet, Int8Array>> = {
	standard: valueTable(ALPHABETS.standard),
	url: valueTable(ALPHABETS.url)
};

/** The value of one character in `alphabet`, -1 when it has none there. */
function valueIn(alphabet: Base64Alphabet | 'either', code: number): number {
	if (code >= 128) return -1;
	if (alphabet !== 'either') return VALUES[alphabet][code];
	const standard = VALUES.standard[code];
	return standard >= 0 ? standard : VALUES.url[code];
}

/** Whitespace that wrapped base64 may hold; the same set as the `\s` of JavaScript regexes. */
const WHITESPACE = /\s/;

/** Encodes bytes as base64 (standard alphabet with padding unless `options` say otherwise). */
export function toBase64(bytes: Uint8Array, options: Base64EncodeOptions = {}): string {
	const alphabet = ALPHABETS[options.alphabet ?? 'standard'];
	const padding = options.padding ?? true;
	let out = '';
	// Every 3 bytes (24 bits) become 4 characters of 6 bits each (§4).
	for (let i = 0; i < bytes.length; i += 3) {
		const n = (bytes[i] << 16) | ((bytes[i + 1] ?? 0) << 8) | (bytes[i + 2] ?? 0);
		out += alphabet.charAt((n >> 18) & 63) + alphabet.charAt((n >> 12) & 63);
		if (i + 1 < bytes.length) out += alphabet.charAt((n >> 6) & 63);
		else if (padding) out += '=';
		if (i + 2 < bytes.length) out += alphabet.charAt(n & 63);
		else if (padding) out += '=';
	}
	return out;
}

/**
 * Decodes base64 as strictly as `options` ask (by default: standard alphabet, padding required,
 * no whitespace). Never throws; text that is not base64 gives the first problem and where it is.
 */
export function decodeBase64(text: string, options: Base64DecodeOptions = {}): Base64Decoding {
	const alphabet = options.alphabet ?? 'standard';
	const paddingRequired = (options.padding ?? 'required') === 'required';
	const skipSpace = options.whitespace ?? false;
	const src = String(text);

	// First pass: every character belongs to the alphabet or is '='; note where padding starts.
	let data = 0; // base64 characters before the first '='
	let pad = 0; // characters from the first '=' on (whitespace not counted)
	let padStart = -1;
	let badPad = -1;
	for (let i = 0; i < src.length; i++) {
		const ch = src.charAt(i);
		if (skipSpace && WHITESPACE.test(ch)) continue;
		if (ch === '=') {
			if (padStart < 0) padStart = i;
			pad++;
			continue;
		}
		if (valueIn(alphabet, src.charCodeAt(i)) < 0) {
			const other = alphabet !== 'either' && valueIn('either', src.charCodeAt(i)) >= 0;
			return {
				ok: false,
				error: { code: other ? 'other-alphabet' : 'character', index: i, char: ch }
			};
		}
		if (padStart >= 0) {
			// A base64 character after '=': the padding does not end the text.
			if (badPad < 0) badPad = padStart;
			continue;
		}
		data++;
	}
	// §3.2: padding is one or two '=' that end the text.
	if (badPad >= 0 || pad > 2) {
		return { ok: false, error: { code: 'padding', index: padStart } };
	}
	const length = data + pad;
	const lengthError = (missingPadding?: number): Base64Decoding => {
		const error: Base64Error = { code: 'length', index: src.length, length };
		if (missingPadding !== undefined) error.missingPadding = missingPadding;
		return { ok: false, error };
	};
	if (paddingRequired || pad > 0) {
		if (length % 4 !== 0) {
			const missing = 4 - (length % 4);
			return lengthError(pad === 0 && missing <= 2 ? missing : undefined);
		}
	} else if (data % 4 === 1) {
		// One character holds only 6 bits: not enough for a byte.
		return lengthError();
	}

	// Second pass: 4 characters of 6 bits become 3 bytes; a last group of 2 or 3 gives 1 or 2.
	const bytes = new Uint8Array(Math.floor((data * 3) / 4));
	let acc = 0;
	let bits = 0;
	let o = 0;
	let seen = 0;
	for (let i = 0; i < src.length && seen < data; i++) {
		const value = valueIn(alphabet, src.charCodeAt(i));
		if (value < 0) continue; // whitespace
		seen++;
		acc = ((acc << 6) | value) & 0xffffff;
		bits += 6;
		if (bits >= 8) {
			bits -= 8;
			bytes[o++] = (acc >> bits) & 0xff;
		}
	}
	// §3.5: the bits left over after the last byte are zero in the canonical encoding.
	const canonical = (acc & ((1 << bits) - 1)) === 0;
	return { ok: true, bytes, canonical, padded: pad > 0 };
}
