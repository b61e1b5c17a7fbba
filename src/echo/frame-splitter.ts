/**
 * Finding frame boundaries in a byte stream as it arrives, chunk by chunk (RFC 6455 §5.2).
 *
 * Only the header is read, to learn each frame's length; the frame's bytes are handed back
 * exactly as they came, masked or not, so /inspect can report what really went over the wire.
 * Judging the frame is left to ws, which closes the connection on anything malformed.
 */

/** A whole frame cut from the stream, with the header bits a report needs. */
export interface SplitFrame {
	/** Every byte of the frame, header included, as received. */
	bytes: Uint8Array;
	fin: boolean;
	rsv1: boolean;
	opcode: number;
	masked: boolean;
	payloadLength: number;
}

/** Why the splitter stopped reading: the next frame is larger than it will hold. */
export type SplitterStop = 'frame-too-large';

/** 2^32, to combine the halves of a 64-bit length. */
const TWO_POW_32 = 0x100000000;

/** Cuts a stream into frames incrementally, buffering at most one frame. */
export class FrameSplitter {
	/** Set once a frame header announces more than `maxPayload`; nothing is read after that. */
	stopped: SplitterStop | null = null;
	readonly #maxPayload: number;
	readonly #chunks: Uint8Array[] = [];
	/** Bytes already consumed from #chunks[0]. */
	#head = 0;
	/** Bytes buffered and not yet consumed. */
	#size = 0;
	/** The frame whose header has been read, waiting for the rest of its bytes. */
	#pending: Omit<SplitFrame, 'bytes'> & { total: number } = {
		fin: false,
		rsv1: false,
		opcode: 0,
		masked: false,
		payloadLength: 0,
		total: 0
	};
	#hasPending = false;

	/** A frame whose payload is longer than `maxPayload` stops the splitter (ws closes with 1009). */
	constructor(maxPayload = Number.MAX_SAFE_INTEGER) {
		this.#maxPayload = maxPayload;
	}

	/** Bytes received but not yet returned as part of a frame. */
	get buffered(): number {
		return this.#size;
	}

	/** Adds received bytes; returns the frames they complete, in order. */
	push(chunk: Uint8Array): SplitFrame[] {
		if (this.stopped) return [];
		if (chunk.length > 0) {
			this.#chunks.push(chunk);
			this.#size += chunk.length;
		}
		const frames: SplitFrame[] = [];
		for (;;) {
			if (!this.#hasPending && !this.#readHeader()) break;
			if (this.#size < this.#pending.total) break;
			const { total, ...bits } = this.#pending;
			frames.push({ ...bits, bytes: this.#take(total) });
			this.#hasPending = false;
		}
		return frames;
	}

	/** Reads the next frame's header if all of it is buffered; false if more bytes are needed. */
	#readHeader(): boolean {
		if (this.#size < 2) return false;
		const b0 = this.#peek(0);
		const b1 = this.#peek(1);
		const length7 = b1 & 0x7f;
		const masked = (b1 & 0x80) !== 0;
		const extended = length7 === 126 ? 2 : length7 === 127 ? 8 : 0;
		const headerLength = 2 + extended + (masked ? 4 : 0);
		if (this.#size < headerLength) return false;
		let payloadLength = length7;
		if (length7 === 126) {
			payloadLength = (this.#peek(2) << 8) | this.#peek(3);
		} else if (length7 === 127) {
			const high =
				((this.#peek(2) << 24) | (this.#peek(3) << 16) | (this.#peek(4) << 8) | this.#peek(5)) >>>
				0;
			const low =
				((this.#peek(6) << 24) | (this.#peek(7) << 16) | (this.#peek(8) << 8) | this.#peek(9)) >>>
				0;
			payloadLength = high * TWO_POW_32 + low;
		}
		if (payloadLength > this.#maxPayload) {
			// Buffering it would hold up to 2^63 bytes for a frame ws is about to refuse anyway.
			this.stopped = 'frame-too-large';
			this.#chunks.length = 0;
			this.#size = 0;
			this.#head = 0;
			return false;
		}
		this.#pending = {
			fin: (b0 & 0x80) !== 0,
			rsv1: (b0 & 0x40) !== 0,
			opcode: b0 & 0x0f,
			masked,
			payloadLength,
			total: headerLength + payloadLength
		};
		this.#hasPending = true;
		return true;
	}

	/** The buffered byte at `index` (< #size), counting from the first unconsumed byte. */
	#peek(index: number): number {
		let i = this.#head + index;
		for (const chunk of this.#chunks) {
			if (i < chunk.length) return chunk[i];
			i -= chunk.length;
		}
		throw new RangeError(`peek(${index}) past the ${this.#size} buffered bytes`);
	}

	/** Removes the first `count` (≤ #size) buffered bytes and returns them. */
	#take(count: number): Uint8Array {
		const first = this.#chunks[0];
		if (first.length - this.#head >= count) {
			// The common case, a frame inside one chunk: a copy-free view.
			const bytes = first.subarray(this.#head, this.#head + count);
			this.#consume(count);
			return bytes;
		}
		const bytes = new Uint8Array(count);
		let filled = 0;
		while (filled < count) {
			const chunk = this.#chunks[0];
			const n = Math.min(chunk.length - this.#head, count - filled);
			bytes.set(chunk.subarray(this.#head, this.#head + n), filled);
			filled += n;
			this.#consume(n);
		}
		return bytes;
	}

	/** Drops `count` bytes from the front, at most the rest of the first chunk. */
	#consume(count: number): void {
		this.#head += count;
		this.#size -= count;
		if (this.#head === this.#chunks[0].length) {
			this.#chunks.shift();
			this.#head = 0;
		}
	}
}
