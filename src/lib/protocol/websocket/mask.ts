/**
 * Masking (RFC 6455 §5.3): octet i of the payload is XORed with octet (i mod 4) of the
 * masking key. The same operation masks and unmasks.
 *
 *   transformed-octet-i = original-octet-i XOR masking-key-octet-(i MOD 4)
 *
 * Payloads can be megabytes, so the loop works on 32-bit words once the output is 4-byte
 * aligned: four bytes per XOR instead of one.
 */

/** Below this many bytes the word loop's set-up costs more than it saves. */
const WORD_LOOP_THRESHOLD = 32;

/** Scratch space to turn four key bytes into one word in the platform's byte order. */
const KEY_BYTES = new Uint8Array(4);
const KEY_WORD = new Uint32Array(KEY_BYTES.buffer);

/**
 * XORs `data` in place with `key`, as if `data[0]` were payload byte number `startIndex`
 * (so a payload can be unmasked in pieces). Only the first 4 bytes of `key` are used.
 */
export function maskInPlace(data: Uint8Array, key: Uint8Array, startIndex = 0): void {
	const length = data.length;
	const k0 = key[0] | 0;
	const k1 = key[1] | 0;
	const k2 = key[2] | 0;
	const k3 = key[3] | 0;
	let i = 0;
	if (length >= WORD_LOOP_THRESHOLD) {
		// Bytes before the first 4-byte boundary of the underlying buffer.
		const head = (4 - (data.byteOffset & 3)) & 3;
		for (; i < head; i++) data[i] ^= key[(startIndex + i) & 3] | 0;
		// The key rotated so that its first byte lines up with data[i].
		const shift = (startIndex + i) & 3;
		KEY_BYTES[0] = key[shift & 3] | 0;
		KEY_BYTES[1] = key[(shift + 1) & 3] | 0;
		KEY_BYTES[2] = key[(shift + 2) & 3] | 0;
		KEY_BYTES[3] = key[(shift + 3) & 3] | 0;
		const word = KEY_WORD[0];
		const words = (length - i) >>> 2;
		const view = new Uint32Array(data.buffer, data.byteOffset + i, words);
		for (let w = 0; w < words; w++) view[w] ^= word;
		i += words << 2;
	}
	// Whatever is left (or everything, for short payloads), one byte at a time.
	for (; i < length; i++) {
		const k = (startIndex + i) & 3;
		data[i] ^= k === 0 ? k0 : k === 1 ? k1 : k === 2 ? k2 : k3;
	}
}

/** Returns a masked (or, the same thing, unmasked) copy of `bytes` (RFC 6455 §5.3). */
export function applyMask(bytes: Uint8Array, key: Uint8Array, startIndex = 0): Uint8Array {
	const out = bytes.slice();
	maskInPlace(out, key, startIndex);
	return out;
}
