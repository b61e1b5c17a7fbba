/**
 * The Internet checksum (RFC 1071) and the pseudo-headers TCP and UDP add to it: RFC 9293 §3.1
 * and RFC 768 for IPv4, RFC 8200 §8.1 for IPv6.
 *
 * The chunks passed to `onesComplementSum` and `internetChecksum` are read as one run of bytes:
 * a chunk of odd length does not get a padding byte of its own, its last byte pairs with the
 * first byte of the next chunk, and only the very end of the data is padded with a zero byte.
 */

/**
 * The 16-bit one's-complement sum of the bytes (big-endian 16-bit words), with the carries
 * folded back in, NOT inverted. Odd-length data is padded with one zero byte at the end
 * (RFC 1071 §4.1).
 */
export function onesComplementSum(...chunks: Uint8Array[]): number {
	let sum = 0;
	let odd = false; // the previous byte opened a 16-bit word that this byte closes
	for (const chunk of chunks) {
		for (let i = 0; i < chunk.length; i++) {
			sum += odd ? chunk[i] : chunk[i] << 8;
			odd = !odd;
			// Fold early so the sum stays a small integer on any input length.
			if (sum > 0xffffff) sum = (sum & 0xffff) + (sum >>> 16);
		}
	}
	while (sum > 0xffff) sum = (sum & 0xffff) + (sum >>> 16);
	return sum;
}

/** The Internet checksum of the bytes: the one's complement of their one's-complement sum. */
export function internetChecksum(...chunks: Uint8Array[]): number {
	return ~onesComplementSum(...chunks) & 0xffff;
}

/**
 * The 12-byte IPv4 pseudo-header TCP and UDP checksums cover: source address, destination
 * address, a zero byte, the protocol number and the TCP or UDP length (RFC 9293 §3.1, RFC 768).
 * Addresses are the 4 bytes as they travel; `length` is truncated to 16 bits.
 */
export function ipv4PseudoHeader(
	src: Uint8Array,
	dst: Uint8Array,
	protocol: number,
	length: number
): Uint8Array {
	const header = new Uint8Array(12);
	header.set(src.subarray(0, 4), 0);
	header.set(dst.subarray(0, 4), 4);
	header[8] = 0;
	header[9] = protocol & 0xff;
	header[10] = (length >>> 8) & 0xff;
	header[11] = length & 0xff;
	return header;
}

/**
 * The 40-byte IPv6 pseudo-header (RFC 8200 §8.1): source address, destination address (the
 * final one when a routing header is present), the 32-bit upper-layer packet length, three zero
 * bytes and the next header value of the upper-layer protocol.
 */
export function ipv6PseudoHeader(
	src: Uint8Array,
	dst: Uint8Array,
	nextHeader: number,
	length: number
): Uint8Array {
	const header = new Uint8Array(40);
	header.set(src.subarray(0, 16), 0);
	header.set(dst.subarray(0, 16), 16);
	header[32] = (length >>> 24) & 0xff;
	header[33] = (length >>> 16) & 0xff;
	header[34] = (length >>> 8) & 0xff;
	header[35] = length & 0xff;
	header[39] = nextHeader & 0xff;
	return header;
}
