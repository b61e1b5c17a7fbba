/**
 * The Frame Builder's logic: turns what a person chose in a form (flags, opcode, a payload given
 * as text, hex, a size or a close code and reason, masking, fragments, compression) into frame
 * bytes. It builds broken frames too, on purpose: the decoder then explains what is wrong.
 * Randomness (masking keys) is passed in.
 */
import { concatBytes } from '../bytes/bytes';
import { encodeFrame, fragmentMessage, type FrameSpec } from './encode';
import { readHex } from '../bytes/hex';
import { builderText as say } from './client-text';

/** Largest payload the builder makes from a size. */
export const MAX_BUILDER_PAYLOAD = 16 * 1024 * 1024;
/** Most fragments one message may be split into here. */
export const MAX_FRAGMENTS = 64;

/** What the form holds. */
export interface BuilderForm {
	opcode: number;
	/** FIN of the last (or only) frame; FIN=0 leaves the message open. */
	fin: boolean;
	/** RSV bits of the first frame (compression sets RSV1 there as well). */
	rsv1: boolean;
	rsv2: boolean;
	rsv3: boolean;
	payloadKind: 'text' | 'hex' | 'size' | 'close';
	text: string;
	hex: string;
	size: number;
	/** Close status code as typed; empty for a close frame with no code. */
	closeCode: string;
	closeReason: string;
	mask: boolean;
	/** Masking keys, used in turn for the frames (4 bytes each). */
	maskingKeys: Uint8Array[];
	fragments: number;
	/** Compress the message with permessage-deflate (RFC 7692 §7.2.1). */
	compress: boolean;
}

/** Which form field a problem is about. */
export type BuilderField =
	'text' | 'hex' | 'size' | 'closeCode' | 'closeReason' | 'fragments' | 'maskingKeys';

export type BuildOutcome =
	| { ok: true; frames: Uint8Array[]; bytes: Uint8Array; payload: Uint8Array }
	| { ok: false; field: BuilderField; message: string };

const ENCODER = new TextEncoder();
const ALPHABET = 'abcdefghijklmnopqrstuvwxyz';

/** A payload of `size` bytes: letters for text, counting bytes 00 01 02 … for anything else. */
export function filler(size: number, text: boolean): Uint8Array {
	const out = new Uint8Array(size);
	for (let i = 0; i < size; i++) out[i] = text ? ALPHABET.charCodeAt(i % 26) : i & 0xff;
	return out;
}

/** The application data the form describes, or which field is wrong and why. */
export function builderPayload(
	form: BuilderForm
): { ok: true; payload: Uint8Array } | { ok: false; field: BuilderField; message: string } {
	switch (form.payloadKind) {
		case 'text':
			return { ok: true, payload: ENCODER.encode(form.text) };
		case 'hex': {
			const reading = readHex(form.hex);
			if (reading.ok) return { ok: true, payload: reading.bytes };
			const { line, column, message } = reading.error;
			return { ok: false, field: 'hex', message: say.hexProblem(line, column, message) };
		}
		case 'size':
			if (!Number.isInteger(form.size) || form.size < 0 || form.size > MAX_BUILDER_PAYLOAD) {
				return {
					ok: false,
					field: 'size',
					message: say.sizeRange(MAX_BUILDER_PAYLOAD)
				};
			}
			return { ok: true, payload: filler(form.size, form.opcode === 0x1) };
		case 'close': {
			const reason = ENCODER.encode(form.closeReason);
			const typed = form.closeCode.trim();
			if (typed === '') {
				if (reason.length > 0) {
					return {
						ok: false,
						field: 'closeReason',
						message: say.reasonWithoutCode()
					};
				}
				return { ok: true, payload: new Uint8Array() };
			}
			if (!/^\d+$/.test(typed) || Number(typed) > 0xffff) {
				return {
					ok: false,
					field: 'closeCode',
					message: say.codeRange()
				};
			}
			const code = Number(typed);
			// 2-byte status code in network byte order, then the UTF-8 reason (RFC 6455 §5.5.1).
			const payload = new Uint8Array(2 + reason.length);
			payload[0] = code >> 8;
			payload[1] = code & 0xff;
			payload.set(reason, 2);
			return { ok: true, payload };
		}
	}
}

/**
 * Builds the frames: the payload (compressed if asked) split into `fragments` frames, the first
 * with the opcode and the chosen RSV bits, the rest continuations, FIN as chosen on the last.
 */
export function buildFrames(form: BuilderForm): BuildOutcome {
	const data = builderPayload(form);
	if (!data.ok) return data;
	if (!Number.isInteger(form.fragments) || form.fragments < 1 || form.fragments > MAX_FRAGMENTS) {
		return {
			ok: false,
			field: 'fragments',
			message: say.fragmentsRange(MAX_FRAGMENTS)
		};
	}
	if (
		form.mask &&
		(form.maskingKeys.length === 0 || form.maskingKeys.some((k) => k.length !== 4))
	) {
		return {
			ok: false,
			field: 'maskingKeys',
			message: say.maskingKeySize()
		};
	}
	const specs: FrameSpec[] = fragmentMessage({
		opcode: form.opcode,
		payload: data.payload,
		fragments: form.fragments,
		compress: form.compress,
		maskingKeys: form.mask ? form.maskingKeys : undefined
	});
	const first = specs[0];
	first.rsv1 = first.rsv1 || form.rsv1;
	first.rsv2 = form.rsv2;
	first.rsv3 = form.rsv3;
	specs[specs.length - 1].fin = form.fin;
	const frames = specs.map(encodeFrame);
	return { ok: true, frames, bytes: concatBytes(frames), payload: data.payload };
}
