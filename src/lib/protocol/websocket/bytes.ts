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
