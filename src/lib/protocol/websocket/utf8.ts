/**
 * UTF-8 validation for text messages and close reasons (RFC 6455 §5.6, §8.1).
 *
 * The validator is incremental: a message may be split into fragments anywhere, even inside a
 * code point, so the state of an unfinished sequence is carried from one `push` to the next.
 * It reports the FIRST byte that can no longer be part of valid UTF-8 — the point where a
 * fail-fast receiver gives up — using the well-formed byte ranges of RFC 3629 §4
 * (Unicode Table 3-7):
 *
 *   Code points          Byte 1   Byte 2   Byte 3   Byte 4
 *   U+0000..U+007F       00..7F
 *   U+0080..U+07FF       C2..DF   80..BF
 *   U+0800..U+0FFF       E0       A0..BF   80..BF       (E0 80..9F would be overlong)
 *   U+1000..U+CFFF       E1..EC   80..BF   80..BF
 *   U+D000..U+D7FF       ED       80..9F   80..BF       (ED A0..BF would be a surrogate)
 *   U+E000..U+FFFF       EE..EF   80..BF   80..BF
 *   U+10000..U+3FFFF     F0       90..BF   80..BF   80..BF   (F0 80..8F would be overlong)
 *   U+40000..U+FFFFF     F1..F3   80..BF   80..BF   80..BF
 *   U+100000..U+10FFFF   F4       80..8F   80..BF   80..BF   (F4 90.. would be > U+10FFFF)
 */
import { utf8Text } from './explain';

/** Where and why UTF-8 validation failed; `index` counts bytes from the start of the input. */
export interface Utf8Failure {
	index: number;
	reason: string;
}

/** The outcome of `validateUtf8`. */
export type Utf8Result = { valid: true } | ({ valid: false } & Utf8Failure);

/** Incremental UTF-8 validator: feed fragments with `push`, then call `finish` at message end. */
export class Utf8Validator {
	/** Continuation bytes still expected for the current sequence (0 between code points). */
	private pending = 0;
	/** Allowed range of the next continuation byte (narrowed after E0, ED, F0, F4). */
	private lower = 0x80;
	private upper = 0xbf;
	/** Lead byte of the current sequence, and its position counted over everything pushed. */
	private lead = 0;
	private leadPosition = -1;
	/** Bytes consumed so far over all pushes. */
	private consumed = 0;
	/** Why the last `push` or `finish` failed. */
	reason = '';

	/** Number of bytes accepted so far, over every `push`. */
	get position(): number {
		return this.consumed;
	}

	/** True between code points, false inside a multi-byte sequence. */
	get atBoundary(): boolean {
		return this.pending === 0;
	}

	/** Forgets all state, ready for a new message. */
	reset(): void {
		this.pending = 0;
		this.lower = 0x80;
		this.upper = 0xbf;
		this.lead = 0;
		this.leadPosition = -1;
		this.consumed = 0;
		this.reason = '';
	}

	/**
	 * Validates `bytes[start..end)` as the next part of the text. Returns -1 if every byte may
	 * still be valid, else the index in `bytes` of the first byte that cannot (see `reason`).
	 */
	push(bytes: Uint8Array, start = 0, end = bytes.length): number {
		let pending = this.pending;
		let lower = this.lower;
		let upper = this.upper;
		let lead = this.lead;
		let i = start;
		while (i < end) {
			if (pending === 0) {
				// Fast path: most text is ASCII.
				while (i < end && bytes[i] < 0x80) i++;
				if (i === end) break;
				const b = bytes[i];
				if (b >= 0xc2 && b <= 0xdf) {
					pending = 1;
				} else if (b >= 0xe0 && b <= 0xef) {
					pending = 2;
					if (b === 0xe0) lower = 0xa0;
					else if (b === 0xed) upper = 0x9f;
				} else if (b >= 0xf0 && b <= 0xf4) {
					pending = 3;
					if (b === 0xf0) lower = 0x90;
					else if (b === 0xf4) upper = 0x8f;
				} else {
					this.reason = utf8Text.badLead(b);
					this.save(0, 0x80, 0xbf, lead, i - start);
					return i;
				}
				lead = b;
				this.leadPosition = this.consumed + (i - start);
				i++;
			} else {
				const b = bytes[i];
				if (b < lower || b > upper) {
					this.reason = utf8Text.badContinuation(lead, b, lower, upper);
					this.save(pending, lower, upper, lead, i - start);
					return i;
				}
				pending--;
				lower = 0x80;
				upper = 0xbf;
				i++;
			}
		}
		this.save(pending, lower, upper, lead, end - start);
		return -1;
	}

	/**
	 * Ends the text. Returns null if it ended between code points, else the failure located at
	 * the lead byte of the unfinished sequence (its position counted over all pushes).
	 */
	finish(): Utf8Failure | null {
		if (this.pending === 0) return null;
		const total = this.consumed - this.leadPosition + this.pending;
		this.reason = utf8Text.unfinished(total, this.lead, this.pending);
		return { index: this.leadPosition, reason: this.reason };
	}

	private save(pending: number, lower: number, upper: number, lead: number, used: number): void {
		this.pending = pending;
		this.lower = lower;
		this.upper = upper;
		this.lead = lead;
		this.consumed += used;
	}
}

/** Checks that `bytes` is complete, well-formed UTF-8; on failure says where and why. */
export function validateUtf8(bytes: Uint8Array): Utf8Result {
	const validator = new Utf8Validator();
	const index = validator.push(bytes);
	if (index >= 0) return { valid: false, index, reason: validator.reason };
	const failure = validator.finish();
	return failure ? { valid: false, ...failure } : { valid: true };
}
