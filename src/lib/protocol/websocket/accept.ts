/**
 * The two values that tie a WebSocket handshake together (RFC 6455 §4.1, §4.2.2): the client's
 * Sec-WebSocket-Key, a nonce of 16 random bytes in base64, and the server's
 * Sec-WebSocket-Accept, base64(SHA-1(key + GUID)). Everything here is synchronous (SHA-1 from
 * bytes/sha1), takes its randomness as an argument, and only `generateKey` throws, for a wrong
 * number of random bytes.
 */

import { decodeBase64, toBase64 } from '../bytes/base64';
import { concatBytes } from '../bytes/bytes';
import { toHex } from '../bytes/hex';
import { sha1 } from '../bytes/sha1';
import type { Severity } from './check';
import { handshakeText as text } from './handshake-text';

/** The fixed GUID a server appends to the client's key before hashing (RFC 6455 §1.3, §4.2.2). */
export const GUID = '258EAFA5-E914-47DA-95CA-C5AB0DC85B11';

/** The nonce RFC 6455 uses in its examples (§1.3, §4.2.2). */
export const RFC_SAMPLE_KEY = 'dGhlIHNhbXBsZSBub25jZQ==';

const UTF8 = new TextEncoder();

/** Every intermediate value of the Sec-WebSocket-Accept calculation, for the calculator UI. */
export interface AcceptSteps {
	/** The key with surrounding whitespace removed, as a server reads it (§4.2.2 step 5.4). */
	key: string;
	/** `key + GUID`, the string that is hashed. */
	concatenated: string;
	/** The bytes that are hashed: `concatenated` in UTF-8 (ASCII for any real key). */
	hashed: Uint8Array;
	/** The 20-byte SHA-1 digest in lower-case hex. */
	sha1Hex: string;
	/** The 20-byte SHA-1 digest. */
	sha1Bytes: Uint8Array;
	/** base64 of the digest: the Sec-WebSocket-Accept value. */
	accept: string;
}

/** Whitespace a server strips from the key before hashing (§4.2.2 step 5.4); pastes add CR/LF. */
function trimKey(key: string): string {
	return key.replace(/^[ \t\r\n]+|[ \t\r\n]+$/g, '');
}

/** Each step of base64(SHA-1(key + GUID)), with the key trimmed of surrounding whitespace. */
export function acceptSteps(key: string): AcceptSteps {
	const trimmed = trimKey(String(key));
	const concatenated = trimmed + GUID;
	const hashed = UTF8.encode(concatenated);
	const digest = sha1(hashed);
	return {
		key: trimmed,
		concatenated,
		hashed,
		sha1Hex: toHex(digest, ''),
		sha1Bytes: digest,
		accept: toBase64(digest)
	};
}

/** The Sec-WebSocket-Accept value for a key: base64(SHA-1(key + GUID)). */
export function computeAccept(key: string): string {
	return acceptSteps(key).accept;
}

/** A Sec-WebSocket-Key from 16 random bytes (§4.1 item 7); a RangeError for any other length. */
export function generateKey(random: Uint8Array): string {
	if (!(random instanceof Uint8Array) || random.length !== 16) {
		const got = random instanceof Uint8Array ? random.length : typeof random;
		throw new RangeError(text.key.generateLength(got));
	}
	return toBase64(random);
}

/** A Sec-WebSocket-Key judged on its own (RFC 6455 §4.1 item 7): base64 of exactly 16 bytes. */
export interface KeyVerdict {
	ok: boolean;
	severity: Severity;
	message: string;
	/** The 16 (or however many) bytes the key decodes to, when it is base64. */
	bytes?: Uint8Array;
}

/** Judges a Sec-WebSocket-Key on its own (RFC 6455 §4.1 item 7): base64 of exactly 16 bytes. */
export function inspectKey(value: string): KeyVerdict {
	// §4.1 item 7 asks for base64 as RFC 4648 §4 defines it: standard alphabet, padded.
	const decoded = decodeBase64(value);
	if (!decoded.ok) {
		return { ok: false, severity: 'error', message: text.key.notBase64(value, decoded.error) };
	}
	const bytes = decoded.bytes;
	if (bytes.length !== 16) {
		return { ok: false, severity: 'error', bytes, message: text.key.length(value, bytes.length) };
	}
	if (!decoded.canonical) {
		return { ok: false, severity: 'warning', bytes, message: text.key.nonCanonical(value) };
	}
	if (value === RFC_SAMPLE_KEY) {
		return { ok: true, severity: 'info', bytes, message: text.key.sample(value) };
	}
	return { ok: true, severity: 'info', bytes, message: text.key.ok(value, toHex(bytes, '')) };
}

/** The usual server bugs behind a wrong Sec-WebSocket-Accept, as `diagnoseAccept` names them. */
export type AcceptMistake =
	/** The right value in the wrong letter case; base64 is case-sensitive. */
	| 'letter-case'
	/** The SHA-1 digest sent in hex rather than base64. */
	| 'hex-digest'
	/** base64 of the hex digest's text rather than of the 20 raw bytes. */
	| 'base64-of-hex'
	/** The key hashed without the GUID. */
	| 'no-guid'
	/** The GUID appended in lower case. */
	| 'lower-case-guid'
	/** The base64-decoded key bytes hashed instead of the key's text. */
	| 'decoded-key';

/** Names the usual server bug behind a wrong accept value, when it is one of them. */
export function diagnoseAccept(value: string, key: string): AcceptMistake | undefined {
	const expected = computeAccept(key);
	if (value.toLowerCase() === expected.toLowerCase()) return 'letter-case';
	const hex = toHex(sha1(UTF8.encode(key + GUID)), '');
	if (value.toLowerCase() === hex) return 'hex-digest';
	if (value === toBase64(UTF8.encode(hex))) return 'base64-of-hex';
	if (value === toBase64(sha1(UTF8.encode(key)))) return 'no-guid';
	if (value === toBase64(sha1(UTF8.encode(key + GUID.toLowerCase())))) return 'lower-case-guid';
	const decoded = decodeBase64(key);
	if (decoded.ok && value === toBase64(sha1(concatBytes([decoded.bytes, UTF8.encode(GUID)])))) {
		return 'decoded-key';
	}
	return undefined;
}
