/**
 * Every sentence the frame decoder and its views write, in one place, in English. The decoder
 * works out the facts (bits, lengths, offsets); this module turns them into words, and the views
 * (decoder, builder, the home page's frame strip) only place them. Another language would be
 * one more module with the same exports, not edits across the decoder and its views.
 */
import { groupDigits, plural } from '../bytes/text';
import { closeCodeInfo } from './close-codes';
import type { DecodeResult, DecodedFrame, DecodedMessage, FrameField, Sender } from './decode';
import {
	MAX_CONTROL_PAYLOAD,
	OPCODE_TEXT,
	opcodeDescription,
	opcodeHex,
	opcodeName
} from './opcodes';
import { RFC_FRAMING, RFC_MASKING } from './problems';
import type { FrameExpectation } from './verdict';

/** "The frame at byte 12": how every sentence about one frame starts. */
const frameAt = (offset: number) => `The frame at byte ${groupDigits(offset)}`;

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
export const displayNumber = (value: number) => groupDigits(value);

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

// What the views say about a decoding ------------------------------------------------------------

/** The caption of a frame header's bit diagram: the RFC figure it follows. */
export const headerDiagramCaption = () => `Header bits, laid out as in the ${RFC_FRAMING} diagram`;

/** "Frame 2: ping". */
export const frameTitle = (frame: DecodedFrame) =>
	`Frame ${frame.index + 1}: ${opcodeName(frame.opcode)}`;

/** The facts under a frame's title: "FIN · masked · bytes 0–10 · 6-byte header · 5-byte payload". */
export function frameSummary(frame: DecodedFrame): string[] {
	const last = frame.offset + frame.length - 1;
	return [
		frame.fin ? 'FIN' : 'not final',
		...(frame.rsv1 ? ['RSV1'] : []),
		...(frame.rsv2 ? ['RSV2'] : []),
		...(frame.rsv3 ? ['RSV3'] : []),
		frame.masked ? 'masked' : 'unmasked',
		`bytes ${groupDigits(frame.offset)}–${groupDigits(last)}`,
		`${frame.headerLength}-byte header`,
		frame.payloadLength >= 0
			? `${groupDigits(frame.payloadLength)}-byte payload`
			: 'payload length not read yet'
	];
}

/** A field's name in a table of several frames: "Frame 2 FIN". */
export const frameFieldName = (frameIndex: number, name: string) =>
	`Frame ${frameIndex + 1} ${name}`;

/** Marks a frame the input ends inside. */
export const FRAME_CUT_SHORT = 'cut short';

/** The heading of a frame's payload: "Payload (5 bytes)", "Payload as sent (compressed) (3 bytes of 10)". */
export function payloadHeading(frame: DecodedFrame): { title: string; size: string } {
	const present = groupDigits(frame.payload.length);
	return {
		title: frame.rsv1 ? 'Payload as sent (compressed)' : 'Payload',
		size: frame.complete
			? `(${present} bytes)`
			: `(${present} bytes of ${groupDigits(frame.payloadLength)})`
	};
}

/** The verdict in one sentence: how a strict receiver ends, where the input stops, or "Valid". */
export function decodeHeadline(result: DecodeResult): string {
	if (result.error) {
		const { closeCode } = result.error;
		return `A strict receiver closes the connection with ${closeCode} ${closeCodeInfo(closeCode).name}.`;
	}
	if (result.incomplete) {
		const { atLeast, needed, frameLength } = result.incomplete;
		const size = frameLength ? ` (the frame is ${plural(frameLength, 'byte')} long)` : '';
		return (
			`The input ends inside frame ${result.frames.length}: ` +
			`${atLeast ? 'at least ' : ''}${plural(needed, 'more byte')} needed${size}.`
		);
	}
	return (
		`Valid: ${plural(result.frames.length, 'frame')}, ${plural(result.messages.length, 'message')}. ` +
		'A strict receiver accepts every byte.'
	);
}

/** Where a problem lies, as a link text: "Byte 1,024". */
export const byteLabel = (offset: number) => `Byte ${groupDigits(offset)}`;

/** "in frame 2", after a byte label. */
export const inFrame = (index: number) => `in frame ${index + 1}`;

/** Why bytes after an error are not shown decoded; empty when there are none. */
export function trailingSentence(result: DecodeResult): string {
	return result.trailing > 0
		? `Decoding stops there: the ${plural(result.trailing, 'byte')} after this frame are not read.`
		: '';
}

/** What a reassembled message is, after its type: ["1000 Normal Closure", "reason “bye”", …]. */
export function messageSummary(message: DecodedMessage): string[] {
	const parts: string[] = [];
	if (message.type === 'close') {
		if (message.code === undefined) {
			parts.push('no status code (the API reports 1005)');
		} else {
			parts.push(`${message.code} ${closeCodeInfo(message.code).name}`);
			parts.push(message.reason ? `reason “${message.reason}”` : 'no reason');
		}
	} else {
		parts.push(bytesText(message.data.length));
	}
	const frames = message.frames.map((frame) => frame + 1).join(', ');
	parts.push(`from frame${message.frames.length === 1 ? '' : 's'} ${frames}`);
	if (message.compressed) {
		parts.push(`inflated from ${plural(message.compressedLength ?? 0, 'compressed byte')}`);
	}
	return parts;
}

/** Marks a message the input (or an error) ended before its final frame. */
export const MESSAGE_UNFINISHED = 'unfinished';

/** The unmasking steps (RFC 6455 §5.3), around the key and the table of XORs. */
export const masking = {
	lead:
		`each payload byte on the wire is XORed with key byte i mod 4 (${RFC_MASKING}). XOR twice ` +
		'with the same key gives back the original, so the receiver runs the same operation.',
	rest: (remaining: number) => `…and so on for the other ${plural(remaining, 'byte')}.`,
	why:
		'Masking is not encryption: the key is in the header for anyone to read. A client must ' +
		'pick a fresh, unpredictable key for every frame so that a script cannot choose the bytes ' +
		'that appear on the wire; otherwise it could craft bytes that a proxy misreads as HTTP and ' +
		'poison its cache (RFC 6455 §10.3). That is why clients must mask, even over TLS, and ' +
		'servers must not.'
};

// What a lesson expects a decoder to show ---------------------------------------------------------

/** An expectation in words: "valid", "fails with 1002 Protocol Error". */
export function expectationText(expectation: FrameExpectation): string {
	switch (expectation.kind) {
		case 'valid':
			return 'valid';
		case 'warning':
			return 'valid, with a warning';
		case 'incomplete':
			return 'cut short (the input ends inside a frame)';
		case 'close':
			return `fails with ${expectation.closeCode} ${closeCodeInfo(expectation.closeCode).name}`;
	}
}

/** The expectation beside the verdict, and whether the bytes shown still meet it. */
export function expectationSentence(expectation: FrameExpectation, met: boolean): string {
	const expected = `Expected: ${expectationText(expectation)}`;
	return met
		? `${expected} — as shown.`
		: `${expected} — but these bytes no longer show that (they were edited, or the options changed).`;
}

/** An `expect` value that says none of the things a lesson can expect. */
export const unknownExpectation = (text: string) =>
	`Expected verdict “${text}” is not one of valid, warning, incomplete or a 4-digit close code.`;

// What the Frame Builder says about what it built ------------------------------------------------

/** An opcode as the builder lists it: "0x9 — ping". */
export const opcodeOption = (opcode: number) => `${opcodeHex(opcode)} — ${opcodeName(opcode)}`;

/** Beside a typed status code: its name, or why it cannot be sent. */
export function closeCodeHelp(typed: string): string {
	const text = typed.trim();
	if (text === '') return 'empty: a close frame with no status code';
	if (!/^\d+$/.test(text)) return '';
	const info = closeCodeInfo(Number(text));
	return `${info.name}${info.mayBeSent ? '' : ' — may not be sent in a close frame'}`;
}

/** "11 bytes in 1 frame." with the size before compression when there was one. */
export function builtSummary(bytes: number, frames: number, uncompressed?: number): string {
	const before =
		uncompressed === undefined ? '' : ` (payload ${bytesText(uncompressed)} before compression)`;
	return `${bytesText(bytes)} in ${plural(frames, 'frame')}${before}.`;
}

/** What a strict receiver makes of built bytes. */
export function builtVerdict(result: DecodeResult, from: Sender): string {
	if (result.error) {
		const { closeCode, message, source } = result.error;
		return (
			`A strict receiver would reject this and close with ${closeCode} ` +
			`${closeCodeInfo(closeCode).name}: ${message} (${source})`
		);
	}
	if (result.messages.some((message) => !message.complete)) {
		return 'The message is left open (FIN=0 on the last frame): a receiver waits for more frames.';
	}
	return `A strict receiver accepts these bytes from a ${from}.`;
}

// A frame in a few words, for compact figures ------------------------------------------------------

const STRIP_TEXT_CHARS = 24;

/** A payload in a few words: its text for a text frame, else its first bytes. */
function payloadBrief(frame: DecodedFrame): string {
	if (frame.opcode === OPCODE_TEXT) {
		const text = new TextDecoder().decode(frame.payload);
		const cut = text.length > STRIP_TEXT_CHARS;
		return `“${cut ? text.slice(0, STRIP_TEXT_CHARS) + '…' : text}”`;
	}
	const head = Array.from(frame.payload.subarray(0, 4), (b) => b.toString(16).padStart(2, '0'));
	return `${bytesText(frame.payload.length)}: ${head.join(' ')}${frame.payload.length > 4 ? ' …' : ''}`;
}

/** One field in a few words ("FIN=1", "opcode 0x1 (text)"), or null when it says nothing new. */
function fieldBrief(field: FrameField, frame: DecodedFrame): string | null {
	switch (field.key) {
		case 'fin':
		case 'mask':
			return `${field.name}=${field.display}`;
		case 'rsv1':
		case 'rsv2':
		case 'rsv3':
			// A reserved bit at 0 is the normal case; only a set one is worth a label.
			return field.value === 1 ? `${field.name}=1` : null;
		case 'opcode':
			return `opcode ${field.display} (${opcodeName(frame.opcode)})`;
		case 'payloadLength':
			if (field.value === 126) return 'length in the next 2 bytes';
			if (field.value === 127) return 'length in the next 8 bytes';
			return `length ${field.display}`;
		case 'extendedPayloadLength':
			return `length ${field.display}`;
		case 'maskingKey':
			return 'masking key';
		case 'payload':
			return frame.masked
				? `payload ⊕ key = ${payloadBrief(frame)}`
				: `payload ${payloadBrief(frame)}`;
		case 'closeCode':
			return `status code ${field.display}`;
		case 'closeReason':
			return `reason ${payloadBrief({ ...frame, opcode: OPCODE_TEXT, payload: frame.payload.subarray(2) })}`;
	}
}

/** The fields that share some bytes, in a few words: "FIN=1 · opcode 0x1 (text)". */
export function fieldsBrief(fields: FrameField[], frame: DecodedFrame): string {
	return fields
		.map((field) => fieldBrief(field, frame))
		.filter((brief) => brief !== null)
		.join(' · ');
}

/** What a figure of one frame's bytes shows: "The 11 bytes of a masked WebSocket text frame". */
export function frameFigureCaption(frame: DecodedFrame, source?: string): string {
	const kind = `${frame.masked ? 'masked' : 'unmasked'} WebSocket ${opcodeName(frame.opcode)} frame`;
	return (
		`The ${plural(frame.length, 'byte')} of ${/^[aeiou]/.test(kind) ? 'an' : 'a'} ${kind}` +
		`${source ? ` (${source})` : ''}, read by this site’s decoder.`
	);
}

// UTF-8 (RFC 3629, as RFC 6455 §8.1 requires for text) -------------------------------------------

/** A byte as sentences quote it: `0xed`. */
const byteName = (byte: number) => '0x' + byte.toString(16).padStart(2, '0');

/** Why a UTF-8 validator stopped, quoting the bytes. */
export const utf8Text = {
	/** `byte` cannot follow `lead`: outside [lower, upper]. */
	badContinuation(lead: number, byte: number, lower: number, upper: number): string {
		const pair = `${byteName(byte)} after ${byteName(lead)}`;
		if (byte >= 0x80 && byte <= 0xbf) {
			if (lead === 0xe0) return `${pair} would be an overlong encoding (a code point below U+0800)`;
			if (lead === 0xed) return `${pair} would encode a UTF-16 surrogate (U+D800–U+DFFF)`;
			if (lead === 0xf0)
				return `${pair} would be an overlong encoding (a code point below U+10000)`;
			if (lead === 0xf4) return `${pair} would encode a code point above U+10FFFF`;
		}
		return `${pair} is invalid: a continuation byte in ${byteName(lower)}–${byteName(upper)} was expected`;
	},
	/** `byte` cannot start a sequence. */
	badLead(byte: number): string {
		if (byte <= 0xbf) return `${byteName(byte)} is a continuation byte with no lead byte before it`;
		if (byte <= 0xc1) return `${byteName(byte)} can only start an overlong encoding, never valid`;
		if (byte <= 0xf4) return `${byteName(byte)} is not valid here`;
		return `${byteName(byte)} never appears in UTF-8 (it would start a code point above U+10FFFF)`;
	},
	/** The text ends inside a `total`-byte sequence, `pending` bytes short. */
	unfinished(total: number, lead: number, pending: number): string {
		return (
			`the text ends inside a ${total}-byte sequence that starts with ${byteName(lead)}: ` +
			`${pending} more continuation byte${pending === 1 ? ' was' : 's were'} expected`
		);
	}
};

// DEFLATE (RFC 1951, as RFC 7692 §7.2.2 inflates it) ---------------------------------------------

/** Why a message payload cannot be inflated, from fflate's error code (-1: another error). */
export function inflateText(code: number, detail: string): string {
	switch (code) {
		case 0:
			return 'the compressed data ends in the middle of a DEFLATE block';
		case 1:
			return 'the compressed data uses an invalid DEFLATE block type (BTYPE=11)';
		case 2:
			return 'the compressed data contains an invalid length/literal code';
		case 3:
			return (
				'the compressed data refers back further than the data available ' +
				'(a back-reference into a previous message needs context takeover)'
			);
		default:
			return `the compressed data cannot be inflated (${detail})`;
	}
}
