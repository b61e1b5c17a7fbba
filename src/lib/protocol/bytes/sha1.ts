/**
 * SHA-1 (FIPS 180-4 §6.1, the same algorithm as RFC 3174), small, pure and synchronous.
 *
 * The WebSocket handshake needs it for Sec-WebSocket-Accept (RFC 6455 §4.2.2 step 5.4). WebCrypto
 * would do it, but only asynchronously and only in secure contexts; a 20-byte hash of a short key
 * is cheap enough to compute here, which keeps every handshake check a plain function. SHA-1 is
 * broken for collision resistance (RFC 6194); the handshake uses it as a checksum, not for
 * security, and so does this module.
 */

/** Rotates a 32-bit word left by `n` bits (FIPS 180-4 §3.2, ROTL). */
function rotl(x: number, n: number): number {
	return (x << n) | (x >>> (32 - n));
}

/** The SHA-1 digest of `bytes`: 20 bytes. */
export function sha1(bytes: Uint8Array): Uint8Array {
	// Initial hash value H(0) (FIPS 180-4 §5.3.1).
	const h = Int32Array.of(0x67452301, 0xefcdab89, 0x98badcfe, 0x10325476, 0xc3d2e1f0);
	const w = new Int32Array(80);

	/** Processes one 64-byte block starting at `offset` of `view` (FIPS 180-4 §6.1.2). */
	const block = (view: DataView, offset: number) => {
		for (let t = 0; t < 16; t++) w[t] = view.getInt32(offset + 4 * t);
		for (let t = 16; t < 80; t++) w[t] = rotl(w[t - 3] ^ w[t - 8] ^ w[t - 14] ^ w[t - 16], 1);
		let [a, b, c, d, e] = h;
		for (let t = 0; t < 80; t++) {
			let f: number;
			let k: number;
			// f and K change every 20 rounds (§4.1.1, §4.2.1): Ch, Parity, Maj, Parity.
			if (t < 20) {
				f = (b & c) | (~b & d);
				k = 0x5a827999;
			} else if (t < 40) {
				f = b ^ c ^ d;
				k = 0x6ed9eba1;
			} else if (t < 60) {
				f = (b & c) | (b & d) | (c & d);
				k = 0x8f1bbcdc;
			} else {
				f = b ^ c ^ d;
				k = 0xca62c1d6;
			}
			const temp = (rotl(a, 5) + f + e + k + w[t]) | 0;
			e = d;
			d = c;
			c = rotl(b, 30);
			b = a;
			a = temp;
		}
		h[0] += a;
		h[1] += b;
		h[2] += c;
		h[3] += d;
		h[4] += e;
	};

	// Whole blocks straight from the input, without copying it.
	const input = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
	const whole = bytes.length - (bytes.length % 64);
	for (let offset = 0; offset < whole; offset += 64) block(input, offset);

	// Padding (FIPS 180-4 §5.1.1): the rest, a 1 bit, zeros up to 56 mod 64 bytes, then the
	// message length in bits as a 64-bit big-endian integer. That is one block or two.
	const rest = bytes.length - whole;
	const tail = new Uint8Array(rest < 56 ? 64 : 128);
	tail.set(bytes.subarray(whole));
	tail[rest] = 0x80;
	const tailView = new DataView(tail.buffer);
	const bitLength = bytes.length * 8;
	tailView.setUint32(tail.length - 8, Math.floor(bitLength / 0x100000000));
	tailView.setUint32(tail.length - 4, bitLength >>> 0);
	for (let offset = 0; offset < tail.length; offset += 64) block(tailView, offset);

	const digest = new Uint8Array(20);
	const out = new DataView(digest.buffer);
	for (let i = 0; i < 5; i++) out.setInt32(4 * i, h[i]);
	return digest;
}
