/**
 * Base64 as Node's `Buffer.from(text, 'base64')` reads it, which is what engine.io-parser uses
 * for a `b` packet on the server. It never fails: characters outside both base64 alphabets are
 * skipped, `=` ends the decoding, and each UTF-16 code unit is truncated to its low byte first
 * (so `Ł`, U+0141, reads as `A`, 0x41). The output is capped at 3/4 of the text's length (less
 * one or two trailing `=`), as Node sizes its buffer.
 *
 * Reproduced from Node 20's src/base64-inl.h (base64_decode_fast and base64_decode_group_slow)
 * and lib/buffer.js (base64ByteLength), and checked against Buffer itself in the tests, so the
 * decoder shows the bytes the server really gets even for text that is not base64.
 */

const ALPHABET = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/';

/** Node's unbase64 table: both alphabets (`+` and `-` are 62, `/` and `_` are 63), else 255. */
const UNBASE64 = (() => {
	const table = new Uint8Array(256).fill(255);
	for (let i = 0; i < 64; i++) table[ALPHABET.charCodeAt(i)] = i;
	table['-'.charCodeAt(0)] = 62;
	table['_'.charCodeAt(0)] = 63;
	return table;
})();

/** The bytes Node's Buffer.from(text, 'base64') gives. */
export function nodeBase64Decode(text: string): Uint8Array {
	const srclen = text.length;
	// lib/buffer.js base64ByteLength: the buffer Node allocates.
	let bytes = srclen;
	if (bytes > 0 && text.charCodeAt(bytes - 1) === 0x3d) bytes--;
	if (bytes > 1 && text.charCodeAt(bytes - 1) === 0x3d) bytes--;
	const dstlen = (bytes * 3) >>> 2;
	// base64_decoded_size: what the decoder thinks the text holds.
	let size = srclen;
	let decodedSize = 0;
	if (size >= 2) {
		if (text.charCodeAt(size - 1) === 0x3d) {
			size--;
			if (text.charCodeAt(size - 1) === 0x3d) size--;
		}
		const remainder = size % 4;
		decodedSize = Math.floor(size / 4) * 3;
		if (remainder) {
			if (!(decodedSize === 0 && remainder === 1)) decodedSize += 1 + (remainder === 3 ? 1 : 0);
		}
	}
	const dst = new Uint8Array(dstlen);
	const code = (i: number) => text.charCodeAt(i) & 0xff;
	const un = (i: number) => UNBASE64[code(i)];
	const state = { i: 0, k: 0 };

	/** base64_decode_group_slow: one group of 4 legal characters; false to stop decoding. */
	function slowGroup(): boolean {
		let hi = 0;
		let lo: number;
		for (let step = 0; step < 4; step++) {
			for (;;) {
				const c = code(state.i);
				lo = UNBASE64[c];
				state.i += 1;
				if (lo < 64) break;
				if (c === 0x3d || state.i >= srclen) return false;
			}
			if (step === 1) dst[state.k++] = ((hi & 0x3f) << 2) | ((lo & 0x30) >> 4);
			if (step === 2) dst[state.k++] = ((hi & 0x0f) << 4) | ((lo & 0x3c) >> 2);
			if (step === 3) dst[state.k++] = ((hi & 0x03) << 6) | (lo & 0x3f);
			if (state.i >= srclen) return false;
			if (state.k >= dstlen) return false;
			hi = lo;
		}
		return true;
	}

	const available = Math.min(dstlen, decodedSize);
	const maxK = Math.floor(available / 3) * 3;
	let maxI = Math.floor(srclen / 4) * 4;
	let stopped = false;
	while (state.i < maxI && state.k < maxK) {
		const a = un(state.i);
		const b = un(state.i + 1);
		const c = un(state.i + 2);
		const d = un(state.i + 3);
		if ((a | b | c | d) & 0x80) {
			if (!slowGroup()) {
				stopped = true;
				break;
			}
			maxI = state.i + Math.floor((srclen - state.i) / 4) * 4;
		} else {
			dst[state.k++] = (a << 2) | (b >> 4);
			dst[state.k++] = ((b & 0x0f) << 4) | (c >> 2);
			dst[state.k++] = ((c & 0x03) << 6) | d;
			state.i += 4;
		}
	}
	if (!stopped && state.i < srclen && state.k < dstlen) slowGroup();
	return dst.slice(0, state.k);
}
