/**
 * permessage-deflate payload transforms (RFC 7692 §7.2).
 *
 * Sending (§7.2.1): compress the message with DEFLATE, end it with an empty stored block (a
 * "sync flush", which byte-aligns the output and appends 00 00 ff ff), then drop those four
 * bytes. Receiving (§7.2.2): append 00 00 ff ff again and inflate.
 *
 * fflate's inflater insists on a block with BFINAL set before the input ends, which a
 * permessage-deflate payload never has, so after the 00 00 ff ff we also append an empty
 * *final* stored block (01 00 00 ff ff). It adds no output.
 */
import { concatBytes, equalBytes } from '../bytes/bytes';
import { Deflate, Inflate, deflateSync, inflateSync } from 'fflate';
import { inflateText } from './explain';

/** The empty stored block a sync flush ends with; senders strip it, receivers put it back. */
export const DEFLATE_TAIL: Uint8Array = Uint8Array.of(0x00, 0x00, 0xff, 0xff);

/** LZ77 window: how far back a message may reach into earlier ones (RFC 7692 §7.1.2). */
export const DEFLATE_WINDOW_BYTES = 32768;

/*
 *   00 00 ff ff      BFINAL=0, BTYPE=00 (stored), LEN=0x0000, NLEN=0xffff   — the tail
 *   01 00 00 ff ff   BFINAL=1, BTYPE=00 (stored), LEN=0x0000, NLEN=0xffff   — ends the stream
 */
const INFLATE_SUFFIX = Uint8Array.of(0x00, 0x00, 0xff, 0xff, 0x01, 0x00, 0x00, 0xff, 0xff);

/** Compressed bytes fed to the inflater per step when the output size is capped. */
const CAPPED_STEP = 4096;

/** The result of inflating a message payload. */
export type InflateOutcome =
	{ ok: true; data: Uint8Array } | { ok: false; reason: string; tooBig: boolean };

/** Options for `inflateMessage`. */
export interface InflateMessageOptions {
	/** Uncompressed bytes of earlier messages (context takeover), at most the last 32 KiB. */
	dictionary?: Uint8Array;
	/** Stop, and report `tooBig`, once the output exceeds this many bytes. */
	maxBytes?: number;
}

/** Explains an fflate error in terms of the message. */
function inflateReason(error: unknown): string {
	const code = (error as { code?: unknown } | null)?.code;
	return inflateText(
		typeof code === 'number' ? code : -1,
		String((error as Error)?.message ?? error)
	);
}

/**
 * Inflates one permessage-deflate message payload (RFC 7692 §7.2.2). Never throws: bad data
 * comes back as `{ ok: false, reason }`.
 */
export function inflateMessage(
	payload: Uint8Array,
	options: InflateMessageOptions = {}
): InflateOutcome {
	const input = new Uint8Array(payload.length + INFLATE_SUFFIX.length);
	input.set(payload);
	input.set(INFLATE_SUFFIX, payload.length);
	const dictionary =
		options.dictionary && options.dictionary.length > 0 ? options.dictionary : undefined;
	const maxBytes = options.maxBytes;
	try {
		if (maxBytes === undefined) {
			return { ok: true, data: inflateSync(input, dictionary ? { dictionary } : {}) };
		}
		// Capped: feed the inflater a little at a time so a tiny payload that expands to
		// gigabytes ("zip bomb") is stopped soon after it passes the limit.
		const chunks: Uint8Array[] = [];
		let total = 0;
		let tooBig = false;
		const inflater = new Inflate(dictionary ? { dictionary } : {}, (chunk) => {
			chunks.push(chunk);
			total += chunk.length;
			if (total > maxBytes) tooBig = true;
		});
		for (let i = 0; i < input.length && !tooBig; i += CAPPED_STEP) {
			const end = Math.min(input.length, i + CAPPED_STEP);
			inflater.push(input.subarray(i, end), end === input.length);
		}
		if (tooBig) {
			return { ok: false, tooBig: true, reason: `it inflates to more than ${maxBytes} bytes` };
		}
		return { ok: true, data: concatBytes(chunks) };
	} catch (error) {
		return { ok: false, tooBig: false, reason: inflateReason(error) };
	}
}

/** The last 32 KiB of `window` followed by `data`: the history the next message may use. */
export function slideWindow(window: Uint8Array | undefined, data: Uint8Array): Uint8Array {
	if (data.length >= DEFLATE_WINDOW_BYTES) return data.slice(data.length - DEFLATE_WINDOW_BYTES);
	const keep = Math.min(window ? window.length : 0, DEFLATE_WINDOW_BYTES - data.length);
	const out = new Uint8Array(keep + data.length);
	if (window && keep > 0) out.set(window.subarray(window.length - keep));
	out.set(data, keep);
	return out;
}

function endsWithTail(bytes: Uint8Array): boolean {
	const n = bytes.length;
	return (
		n >= 4 &&
		bytes[n - 4] === 0x00 &&
		bytes[n - 3] === 0x00 &&
		bytes[n - 2] === 0xff &&
		bytes[n - 1] === 0xff
	);
}

/** True if `payload` is a permessage-deflate payload that inflates to exactly `data`. */
function inflatesTo(payload: Uint8Array, data: Uint8Array): boolean {
	const outcome = inflateMessage(payload);
	return outcome.ok && equalBytes(outcome.data, data);
}

/** Options for `deflateMessage`. */
export interface DeflateMessageOptions {
	/** DEFLATE level 0–9 (default 6). */
	level?: 0 | 1 | 2 | 3 | 4 | 5 | 6 | 7 | 8 | 9;
}

/**
 * Compresses one message for permessage-deflate (RFC 7692 §7.2.1): DEFLATE, a sync flush,
 * and the trailing 00 00 ff ff removed. "Hello" becomes f2 48 cd c9 c9 07 00 (§7.2.3.1).
 */
export function deflateMessage(data: Uint8Array, options: DeflateMessageOptions = {}): Uint8Array {
	// Nothing to compress: the flush block alone, 00 00 00 ff ff, minus its tail (§7.2.3.6).
	if (data.length === 0) return Uint8Array.of(0x00);
	const level = options.level ?? 6;
	const chunks: Uint8Array[] = [];
	const deflater = new Deflate({ level }, (chunk) => {
		chunks.push(chunk);
	});
	deflater.push(data);
	deflater.flush(true);
	const last = chunks.pop() ?? new Uint8Array(0);
	const body = concatBytes(chunks);

	// fflate 0.8 writes the sync-flush block correctly only when no bits of a partial byte are
	// pending; otherwise its last chunk is that partial byte followed by zeros. The partial
	// byte is right either way, so rebuild the empty stored block after it. Its 3 header bits
	// (all zero) fit in the partial byte if at most 5 of its bits are used, else they spill
	// into one more zero byte; only one of the two candidates inflates correctly.
	const candidates = [last];
	if (last.length > 0) {
		candidates.push(Uint8Array.of(last[0], 0x00, 0x00, 0xff, 0xff));
		candidates.push(Uint8Array.of(last[0], 0x00, 0x00, 0x00, 0xff, 0xff));
	}
	for (const candidate of candidates) {
		const stream = concatBytes([body, candidate]);
		if (!endsWithTail(stream)) continue;
		const payload = stream.slice(0, stream.length - 4);
		if (inflatesTo(payload, data)) return payload;
	}
	// Fallback allowed by RFC 7692 §7.2.3.4: one stream ending in a BFINAL block, then a 00
	// octet so that the receiver's appended 00 00 ff ff still parses.
	const final = deflateSync(data, { level });
	const payload = new Uint8Array(final.length + 1);
	payload.set(final);
	return payload;
}
