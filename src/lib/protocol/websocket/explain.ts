/**
 * Every sentence the frame decoder writes, in one place, in English. The decoder works out the
 * facts (bits, lengths, offsets); this module turns them into words. Another language would be
 * one more module with the same exports, not edits across the decoder and its views.
 */
import { plural } from '../bytes/text';
import { closeCodeInfo } from './close-codes';
import { MAX_CONTROL_PAYLOAD, opcodeDescription, opcodeHex, opcodeName } from './opcodes';

/** "The frame at byte 12": how every sentence about one frame starts. */
const frameAt = (offset: number) => `The frame at byte ${offset.toLocaleString('en')}`;

/** "1 byte", "2,048 bytes". */
export const bytesText = (count: number) => plural(count, 'byte');

// Field meanings, in the order the header is read -----------------------------------------------

/** FIN, bit 0 of byte 0. */
export function finMeaning(fin: boolean, control: boolean): string {
	if (fin) {
		return control
			? '1 — this is the final fragment (a control frame is always a single frame)'
			: '1 — this is the final fragment of the message';
	}
	return control
		? '0 — more fragments follow, which a control frame may not do'
		: '0 — more fragments of this message follow';
}

/** RSV1, which permessage-deflate gives a meaning on the first frame of a data message. */
export function rsv1Meaning(set: boolean, deflate: boolean, messageStart: boolean): string {
	if (deflate && messageStart) {
		return set
			? '1 — the message is compressed (permessage-deflate)'
			: '0 — the message is not compressed';
	}
	if (deflate) {
		return set
			? '1 — set, but permessage-deflate allows it only on the first frame of a data message'
			: '0 — not used on this frame';
	}
	return set
		? '1 — set, but no negotiated extension defines it'
		: '0 — reserved for extensions; none negotiated';
}

/** RSV2 and RSV3, which no extension this decoder knows defines. */
export function rsvMeaning(set: boolean): string {
	return set ? '1 — set, but no negotiated extension defines it' : '0 — reserved for extensions';
}

/** The opcode; `continuing` is the opcode of the message a continuation frame continues. */
export function opcodeMeaning(opcode: number, continuing?: number): string {
	const meaning = `${opcodeHex(opcode)} — ${opcodeDescription(opcode)}`;
	return continuing === undefined
		? meaning
		: `${meaning} (continues the ${opcodeName(continuing)} message)`;
}

/** MASK, bit 0 of byte 1. */
export function maskMeaning(masked: boolean): string {
	return masked
		? '1 — the payload is masked with the key that follows'
		: '0 — the payload is not masked';
}

/** The 7-bit Payload len. */
export function payloadLengthMeaning(length7: number): string {
	if (length7 === 126) return '126 — the real length is in the next 2 bytes';
	if (length7 === 127) return '127 — the real length is in the next 8 bytes';
	return `${length7} — the payload is ${bytesText(length7)}`;
}

/** The 16-bit extended length. */
export function extendedLength16Meaning(length: number): string {
	const meaning = `${length} — the payload is ${bytesText(length)}`;
	return length > 125 ? meaning : `${meaning} (a length this small belongs in the 7-bit field)`;
}

/** The 64-bit extended length. */
export function extendedLength64Meaning(length: number, msbSet: boolean): string {
	if (msbSet) return `${length} — invalid: the most significant bit must be 0`;
	const meaning = `${length} — the payload is ${bytesText(length)}`;
	if (length > Number.MAX_SAFE_INTEGER) return `${meaning} (more than 2^53 − 1, not exact)`;
	if (length <= 0xffff) return `${meaning} (a length this small belongs in a shorter field)`;
	return meaning;
}

/** The masking key, as hex. */
export function maskingKeyMeaning(hex: string): string {
	return `${hex} — payload byte i is XORed with key byte i mod 4`;
}

/** A field the input ends inside. */
export function partialMeaning(hex: string, present: number, size: number): string {
	return `${hex} — only ${present} of its ${size} bytes are present`;
}

/** How much of a payload is there: "5 bytes", or "3 of 10 bytes present" for a cut frame. */
export function presentText(available: number, declared: number): string {
	return available < declared ? `${available} of ${declared} bytes present` : bytesText(available);
}

/** What a payload carries, with a preview made by the decoder. */
export function payloadMeaning(
	kind: 'compressed' | 'text' | 'control' | 'binary',
	count: string,
	preview: string
): string {
	switch (kind) {
		case 'compressed':
			return `${count} of compressed (DEFLATE) data`;
		case 'control':
			return `${count} of application data — ${preview}`;
		default:
			return `${count} — ${preview}`;
	}
}

/** A Close payload of a single byte, or the first byte of a cut status code. */
export function closeOneByteMeaning(tooShort: boolean, hex: string): string {
	return tooShort
		? '1 byte — too short for a status code, which takes 2'
		: `${hex} — first byte of the status code`;
}

/** The status code of a Close frame. */
export function closeCodeMeaning(code: number): string {
	const info = closeCodeInfo(code);
	return `${code} — ${info.name}${info.mayBeSent ? '' : ' (may not be sent in a Close frame)'}`;
}

/** The reason of a Close frame. */
export function closeReasonMeaning(preview: string, length: number, present: string): string {
	return `${preview} — ${bytesText(length)} of UTF-8${present ? ` (${present})` : ''}`;
}

// How values are displayed ------------------------------------------------------------------------

/** A flag or a small number. */
export const displayNumber = (value: number) => value.toLocaleString('en');

/** An opcode: "0x1". */
export const displayOpcode = (opcode: number) => `0x${opcode.toString(16)}`;

/** A status code: "1000 (0x03e8)". */
export const displayCloseCode = (code: number) =>
	`${code} (0x${code.toString(16).padStart(4, '0')})`;

// Errors, each quoting the values that break the rule ---------------------------------------------

export const errors = {
	fragmentedControl: (at: number, opcode: number) =>
		`${frameAt(at)} is a ${opcodeName(opcode)} frame with FIN=0, but control frames must not be fragmented.`,
	rsvWithoutExtension: (at: number, bit: 1 | 2 | 3, deflate: boolean) =>
		bit === 1
			? `${frameAt(at)} has RSV1=1, but no extension that defines RSV1 was negotiated.`
			: `${frameAt(at)} has RSV${bit}=1, but ${deflate ? 'permessage-deflate defines only RSV1' : 'no extension that defines it was negotiated'}.`,
	rsv1OnContinuation: (at: number) =>
		`${frameAt(at)} is a continuation frame with RSV1=1; permessage-deflate sets RSV1 only ` +
		'on the first frame of a message.',
	rsv1OnControl: (at: number, opcode: number) =>
		`${frameAt(at)} is a ${opcodeName(opcode)} frame with RSV1=1; permessage-deflate never ` +
		'compresses control frames.',
	reservedOpcode: (at: number, opcode: number) =>
		`${frameAt(at)} uses opcode ${opcodeHex(opcode)}, which is ${opcodeDescription(opcode)}.`,
	continuationWithoutMessage: (at: number) =>
		`${frameAt(at)} is a continuation frame (opcode 0x0), but no fragmented message is in progress.`,
	expectedContinuation: (at: number, opcode: number, open: number, openAt: number) =>
		`${frameAt(at)} starts a new ${opcodeName(opcode)} message (opcode ${opcodeHex(opcode)}) ` +
		`while the ${opcodeName(open)} message begun at byte ${openAt} is unfinished; its ` +
		'fragments must continue with opcode 0x0.',
	clientNotMasked: (at: number) =>
		`${frameAt(at)} comes from the client but has MASK=0; every client-to-server frame must ` +
		'be masked.',
	serverMasked: (at: number) =>
		`${frameAt(at)} comes from the server but has MASK=1; server-to-client frames must not ` +
		'be masked.',
	controlTooLong: (at: number, opcode: number, length7: number) =>
		`${frameAt(at)} is a ${opcodeName(opcode)} frame with Payload len ${length7}` +
		(length7 === 126 ? ' (a 16-bit length follows)' : ' (a 64-bit length follows)') +
		`; control frames carry at most ${MAX_CONTROL_PAYLOAD} bytes.`,
	closeOneByte: (at: number) =>
		`${frameAt(at)} is a Close frame with a 1-byte payload; a Close payload is either empty ` +
		'or starts with a 2-byte status code.',
	lengthMsbSet: (at: number, firstByteHex: string) =>
		`${frameAt(at)} has a 64-bit payload length starting with 0x${firstByteHex}: its most ` +
		'significant bit is set, but it must be 0.',
	lengthTooLarge: (at: number, length: number) =>
		`${frameAt(at)} announces a payload of ${length} bytes, more than 2^53 − 1, the most a ` +
		'JavaScript receiver can count.',
	messageTooBig: (at: number, frameLength: number, messageBytes: number, max: number) =>
		`${frameAt(at)} brings ` +
		(messageBytes === frameLength
			? `a ${frameLength}-byte message`
			: `the message to ${messageBytes} bytes`) +
		`, over the limit of ${max} bytes (maxMessageBytes).`,
	inflatedTooBig: (at: number, max: number) =>
		`The compressed message completed by the frame at byte ${at} inflates to more than ` +
		`${max} bytes (maxMessageBytes).`,
	inflateFailed: (at: number, contextTakeover: boolean, reason: string) =>
		`The compressed message completed by the frame at byte ${at} cannot be inflated` +
		`${contextTakeover ? '' : ' (context takeover is off)'}: ${reason}.`,
	invalidUtf8InFrame: (at: number, position: number, reason: string) =>
		`${frameAt(at)} makes the text message invalid UTF-8 at byte ${position} of the ` +
		`message: ${reason}.`,
	invalidUtf8AtEnd: (at: number, reason: string) =>
		`The text message ending with the frame at byte ${at} is not valid UTF-8: ${reason}.`,
	invalidUtf8Inflated: (at: number, position: number, reason: string) =>
		`The compressed text message completed by the frame at byte ${at} is not valid UTF-8 at ` +
		`byte ${position} of the decompressed message: ${reason}.`,
	invalidCloseCode: (at: number, code: number) =>
		`${frameAt(at)} closes with status code ${code} (${closeCodeInfo(code).name}), which may ` +
		'not be sent in a Close frame.',
	invalidCloseReason: (at: number, reason: string) =>
		`${frameAt(at)} has a close reason that is not valid UTF-8: ${reason}.`
};

export const warnings = {
	nonMinimalLength: (at: number, length: number, field: 16 | 64) =>
		`${frameAt(at)} announces its ${length}-byte payload with a ${field}-bit extended length; ` +
		`the minimal encoding is the ${length > 125 ? '16-bit extended length' : '7-bit field'}. ` +
		'RFC 6455 requires the minimal encoding, though many receivers accept this.',
	frameAfterClose: (at: number, opcode: number, control: boolean, closeAt: number) =>
		`${frameAt(at)} is a ${opcodeName(opcode)} frame sent after the Close frame at byte ` +
		`${closeAt}; ` +
		(control
			? 'a receiver that has seen the Close ignores it.'
			: 'the sender may not send data frames after its Close, and a receiver that has seen ' +
				'the Close discards it.')
};
