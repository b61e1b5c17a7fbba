/**
 * Byte helpers every protocol shares: joining, comparing, and reading big-endian (network byte
 * order, RFC 1700 / RFC 791 Appendix B) integers.
 */

/**
 * Joins byte arrays into one. With a single chunk, that chunk itself is returned (no copy), which
 * is what decoding a one-frame message or encoding a one-frame message wants.
 */
export function concatBytes(chunks: readonly Uint8Array[]): Uint8Array {
	if (chunks.length === 1) return chunks[0];
	let total = 0;
	for (const chunk of chunks) total += chunk.length;
	const out = new Uint8Array(total);
	let offset = 0;
	for (const chunk of chunks) {
		out.set(chunk, offset);
		offset += chunk.length;
	}
	return out;
}

/** True when `a` and `b` hold the same bytes. */
export function equalBytes(a: Uint8Array, b: Uint8Array): boolean {
	if (a.length !== b.length) return false;
	for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return false;
	return true;
}

/** The unsigned 16-bit big-endian integer at `offset`. The caller checks the bounds. */
export function readU16(bytes: Uint8Array, offset: number): number {
	return (bytes[offset] << 8) | bytes[offset + 1];
}

/** The unsigned 32-bit big-endian integer at `offset`. The caller checks the bounds. */
export function readU32(bytes: Uint8Array, offset: number): number {
	// `* 2 ** 24` rather than `<< 24`, which would make the result negative above 2^31.
	return (
		bytes[offset] * 0x1000000 +
		((bytes[offset + 1] << 16) | (bytes[offset + 2] << 8) | bytes[offset + 3])
	);
}

/** The unsigned 64-bit big-endian integer at `offset`, exact, as a bigint. */
export function readU64(bytes: Uint8Array, offset: number): bigint {
	return (BigInt(readU32(bytes, offset)) << 32n) | BigInt(readU32(bytes, offset + 4));
}
