/**
 * Building frames (RFC 6455 §5.2) and messages split into fragments (§5.4), optionally
 * compressed with permessage-deflate (RFC 7692 §7.2.1).
 *
 * The encoder writes whatever it is asked to — reserved opcodes, fragmented control frames,
 * RSV bits — so lessons can build broken frames for the decoder to explain.
 */
import { concatBytes } from '../bytes/bytes';
import { deflateMessage } from './deflate';
import { maskInPlace } from './mask';
import { MAX_16BIT_LENGTH, MAX_7BIT_LENGTH, OPCODE_CONTINUATION } from './opcodes';

/** How the payload length is written: 7 bits, or Payload len 126/127 and a 16/64-bit length. */
export type LengthEncoding = 7 | 16 | 64;

/** One frame to encode. */
export interface FrameSpec {
	fin: boolean;
	rsv1?: boolean;
	rsv2?: boolean;
	rsv3?: boolean;
	/** 0x0–0xF; higher bits are ignored. */
	opcode: number;
	/** The payload before masking. */
	payload: Uint8Array;
	/** Four bytes; the frame is masked if and only if a key is given. */
	maskingKey?: Uint8Array;
	/**
	 * Force a longer length encoding than needed, to demonstrate the non-minimal encodings
	 * RFC 6455 forbids. Ignored when the payload does not fit it. Default: minimal.
	 */
	lengthEncoding?: LengthEncoding;
}

/** The smallest length encoding that holds `length` bytes (RFC 6455 §5.2). */
export function minimalLengthEncoding(length: number): LengthEncoding {
	return length <= MAX_7BIT_LENGTH ? 7 : length <= MAX_16BIT_LENGTH ? 16 : 64;
}

/** Bytes a frame header takes: 2, plus 2 or 8 for an extended length, plus 4 for a key. */
export function frameHeaderLength(
	payloadLength: number,
	masked: boolean,
	lengthEncoding: LengthEncoding = minimalLengthEncoding(payloadLength)
): number {
	return 2 + (lengthEncoding === 16 ? 2 : lengthEncoding === 64 ? 8 : 0) + (masked ? 4 : 0);
}

/**
 * Encodes one frame. Masked if and only if `maskingKey` is given (it must be 4 bytes, else a
 * RangeError); the length uses the minimal encoding unless `lengthEncoding` asks otherwise.
 */
export function encodeFrame(frame: FrameSpec): Uint8Array {
	const { payload, maskingKey } = frame;
	if (maskingKey !== undefined && maskingKey.length !== 4) {
		throw new RangeError(`A masking key has 4 bytes, not ${maskingKey.length}.`);
	}
	const length = payload.length;
	const minimal = minimalLengthEncoding(length);
	const wanted = frame.lengthEncoding ?? minimal;
	const encoding = wanted > minimal ? wanted : minimal;
	const masked = maskingKey !== undefined;
	const header = frameHeaderLength(length, masked, encoding);
	const out = new Uint8Array(header + length);

	//  |F|R|R|R| opcode|M| Payload len |
	out[0] =
		(frame.fin ? 0x80 : 0) |
		(frame.rsv1 ? 0x40 : 0) |
		(frame.rsv2 ? 0x20 : 0) |
		(frame.rsv3 ? 0x10 : 0) |
		(frame.opcode & 0x0f);
	const maskBit = masked ? 0x80 : 0;
	let pos = 2;
	if (encoding === 7) {
		out[1] = maskBit | length;
	} else if (encoding === 16) {
		out[1] = maskBit | 126;
		out[2] = length >>> 8;
		out[3] = length & 0xff;
		pos = 4;
	} else {
		// 64 bits, most significant first; lengths beyond 2^32 need the division.
		out[1] = maskBit | 127;
		const high = Math.floor(length / 0x100000000);
		out[2] = (high >>> 24) & 0x7f;
		out[3] = (high >>> 16) & 0xff;
		out[4] = (high >>> 8) & 0xff;
		out[5] = high & 0xff;
		out[6] = (length >>> 24) & 0xff;
		out[7] = (length >>> 16) & 0xff;
		out[8] = (length >>> 8) & 0xff;
		out[9] = length & 0xff;
		pos = 10;
	}
	if (masked) {
		out.set(maskingKey.subarray(0, 4), pos);
		pos += 4;
	}
	out.set(payload, pos);
	if (masked) maskInPlace(out.subarray(pos), maskingKey);
	return out;
}

/** A message to split into frames. */
export interface MessageSpec {
	/** Opcode of the first frame: 0x1 text, 0x2 binary (or any other, to build broken input). */
	opcode: number;
	payload: Uint8Array;
	/** A number of fragments of near-equal size, or the size of each fragment. Default 1. */
	fragments?: number | readonly number[];
	/** Compress with permessage-deflate first; RSV1 is then set on the first frame. */
	compress?: boolean;
	/** One key for every frame, or a key per frame (reused from the start if too few). */
	maskingKeys?: Uint8Array | readonly Uint8Array[];
}

/** Sizes of the fragments of a `length`-byte payload. */
function fragmentSizes(
	length: number,
	fragments: number | readonly number[] | undefined
): number[] {
	if (Array.isArray(fragments)) {
		const sizes: number[] = [];
		let left = length;
		for (const size of fragments as readonly number[]) {
			const take = Math.max(0, Math.min(left, Math.floor(size)));
			sizes.push(take);
			left -= take;
		}
		if (sizes.length === 0) sizes.push(0);
		sizes[sizes.length - 1] += left;
		return sizes;
	}
	const count = Math.max(1, Math.floor(typeof fragments === 'number' ? fragments : 1));
	const base = Math.floor(length / count);
	const extra = length % count;
	return Array.from({ length: count }, (_, i) => base + (i < extra ? 1 : 0));
}

/**
 * Splits a message into frame specs (RFC 6455 §5.4): the first carries the opcode (and RSV1
 * when compressed), the rest opcode 0x0, and only the last has FIN=1.
 */
export function fragmentMessage(message: MessageSpec): FrameSpec[] {
	const payload = message.compress ? deflateMessage(message.payload) : message.payload;
	const sizes = fragmentSizes(payload.length, message.fragments);
	const keys = message.maskingKeys;
	const frames: FrameSpec[] = [];
	let offset = 0;
	sizes.forEach((size, i) => {
		const frame: FrameSpec = {
			fin: i === sizes.length - 1,
			rsv1: message.compress === true && i === 0,
			opcode: i === 0 ? message.opcode : OPCODE_CONTINUATION,
			payload: payload.subarray(offset, offset + size)
		};
		const key =
			keys === undefined ? undefined : keys instanceof Uint8Array ? keys : keys[i % keys.length];
		if (key !== undefined) frame.maskingKey = key;
		frames.push(frame);
		offset += size;
	});
	return frames;
}

/** Encodes a whole message, fragmented and compressed as asked, as one byte array. */
export function encodeMessage(message: MessageSpec): Uint8Array {
	return concatBytes(fragmentMessage(message).map(encodeFrame));
}
