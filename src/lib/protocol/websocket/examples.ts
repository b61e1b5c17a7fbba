/**
 * A gallery of captured byte streams: every example of RFC 6455 §5.7 and RFC 7692 §7.2.3,
 * more valid traffic, and one broken stream per rule a strict receiver enforces, each
 * annotated with what `decodeFrames` must report. Large payloads are generated here, not
 * pasted, so the gallery stays readable.
 */
import type { Example, Verdict } from '../examples';
import type { DecodeErrorCode, DecodeWarningCode, DecodeOptions } from './decode';
import { encodeFrame } from './encode';
import { toHex } from '../bytes/hex';
import { OPCODE_BINARY, OPCODE_CLOSE, OPCODE_PING, OPCODE_PONG, OPCODE_TEXT } from './opcodes';

/** What a frame example gives the decoder: the bytes, one frame per line, and the options. */
export interface FrameInput extends DecodeOptions {
	hex: string;
}

/** The gallery's groups, in the order the tool lists them. */
export const FRAME_GROUPS = [
	{ id: 'rfc', title: 'From the RFCs' },
	{ id: 'valid', title: 'Everyday frames' },
	{ id: 'broken', title: 'Broken on purpose' }
] as const;

/** One entry of the frame gallery. */
export interface FrameExample extends Example<FrameInput> {
	group: (typeof FRAME_GROUPS)[number]['id'];
	/** Texts of the complete messages, in order, for valid examples (binary: null). */
	messages?: (string | null)[];
	/** Where a broken example's error must be pinned. */
	errorAt?: { offset: number; bitOffset: number };
}

/** What decoding a broken example must report, as the entries below write it. */
interface ExpectedError {
	code: DecodeErrorCode;
	closeCode: number;
	offset: number;
	bitOffset: number;
}

/** An entry as written below: flat, so the gallery reads like a table. */
interface Entry {
	id: string;
	title: string;
	description: string;
	/** The bytes, or a function that writes them: generated examples are built when first read. */
	hex: string | (() => string);
	from: DecodeOptions['from'];
	permessageDeflate?: DecodeOptions['permessageDeflate'];
	maxMessageBytes?: number;
	source?: string;
	/** 'rfc': verbatim from an RFC; 'valid': more valid traffic; 'broken': breaks a rule. */
	kind: FrameExample['group'];
	expectedMessages?: (string | null)[];
	expectedError?: ExpectedError;
	expectedWarnings?: DecodeWarningCode[];
}

/** An entry in the shared example shape. */
function toExample(entry: Entry): FrameExample {
	const { hex, from, permessageDeflate, maxMessageBytes, expectedError: error } = entry;
	const input = { from } as FrameInput;
	if (typeof hex === 'string') input.hex = hex;
	else {
		// Built on first read: the 64 KiB example alone is 4,097 lines of hex.
		let built: string | undefined;
		Object.defineProperty(input, 'hex', { get: () => (built ??= hex()), enumerable: true });
	}
	if (permessageDeflate !== undefined) input.permessageDeflate = permessageDeflate;
	if (maxMessageBytes !== undefined) input.maxMessageBytes = maxMessageBytes;
	const expect: Verdict = error
		? { ok: false, failing: [error.code], closeCode: error.closeCode }
		: { ok: true, warnings: entry.expectedWarnings ?? [] };
	const example: FrameExample = {
		id: entry.id,
		title: entry.title,
		description: entry.description,
		group: entry.kind,
		input,
		expect
	};
	if (entry.source) example.source = entry.source;
	if (entry.expectedMessages) example.messages = entry.expectedMessages;
	if (error) example.errorAt = { offset: error.offset, bitOffset: error.bitOffset };
	return example;
}

/** The masking key RFC 6455 §5.7 uses, reused for the generated masked examples. */
const RFC_KEY = Uint8Array.of(0x37, 0xfa, 0x21, 0x3d);

const ENCODER = new TextEncoder();

/** Hex of a frame, 16 bytes to a line after the first line's header. */
function frameHex(bytes: Uint8Array): string {
	if (bytes.length <= 24) return toHex(bytes);
	const lines: string[] = [];
	for (let i = 0; i < bytes.length; i += 16) lines.push(toHex(bytes.subarray(i, i + 16)));
	return lines.join('\n');
}

/** Bytes 00 01 02 … ff 00 01 …, as filler for binary payloads. */
function counting(length: number): Uint8Array {
	const out = new Uint8Array(length);
	for (let i = 0; i < length; i++) out[i] = i & 0xff;
	return out;
}

function frames(...parts: Uint8Array[]): string {
	return parts.map(frameHex).join('\n');
}

function closePayload(code: number, reason: string): Uint8Array {
	const text = ENCODER.encode(reason);
	const out = new Uint8Array(2 + text.length);
	out[0] = code >> 8;
	out[1] = code & 0xff;
	out.set(text, 2);
	return out;
}

/**
 * 1,000 × "a" as permessage-deflate sends it (`deflateMessage` at level 6), to show an inflated
 * size check: 10 bytes. Written out, so that loading the gallery compresses nothing; the tests
 * inflate it with node:zlib and compare.
 */
// prettier-ignore
export const REPETITIVE_COMPRESSED = Uint8Array.of(0x4a, 0x1c, 0x05, 0xa3, 0x60, 0x14, 0x0c, 0x7b, 0x00, 0x00);

const ENTRIES: readonly Entry[] = [
	// RFC 6455 §5.7 ---------------------------------------------------------------------------
	{
		id: 'rfc6455-unmasked-text',
		title: 'A single-frame unmasked text message',
		description:
			'FIN=1, opcode 0x1 (text), no mask, 5 bytes: "Hello". A server sends frames like this.',
		hex: '81 05 48 65 6c 6c 6f',
		from: 'server',
		source: 'RFC 6455 §5.7',
		kind: 'rfc',
		expectedMessages: ['Hello']
	},
	{
		id: 'rfc6455-masked-text',
		title: 'A single-frame masked text message',
		description:
			'The same "Hello" from a client: MASK=1 and the key 37 fa 21 3d. XOR each payload byte ' +
			'with key byte i mod 4 to read it.',
		hex: '81 85 37 fa 21 3d 7f 9f 4d 51 58',
		from: 'client',
		source: 'RFC 6455 §5.7',
		kind: 'rfc',
		expectedMessages: ['Hello']
	},
	{
		id: 'rfc6455-fragmented-text',
		title: 'A fragmented unmasked text message',
		description:
			'"Hel" in a text frame with FIN=0, then "lo" in a continuation frame (opcode 0x0) with ' +
			'FIN=1. The receiver reassembles one message.',
		hex: '01 03 48 65 6c\n80 02 6c 6f',
		from: 'server',
		source: 'RFC 6455 §5.7',
		kind: 'rfc',
		expectedMessages: ['Hello']
	},
	{
		id: 'rfc6455-unmasked-ping',
		title: 'Unmasked Ping request',
		description:
			'A ping (opcode 0x9) with a body of "Hello"; the contents of the body are arbitrary.',
		hex: '89 05 48 65 6c 6c 6f',
		from: 'server',
		source: 'RFC 6455 §5.7',
		kind: 'rfc',
		expectedMessages: [null]
	},
	{
		id: 'rfc6455-masked-pong',
		title: 'Masked Pong response',
		description:
			'The client answers with a pong (opcode 0xA) whose body matches the ping: "Hello".',
		hex: '8a 85 37 fa 21 3d 7f 9f 4d 51 58',
		from: 'client',
		source: 'RFC 6455 §5.7',
		kind: 'rfc',
		expectedMessages: [null]
	},
	{
		id: 'rfc6455-binary-256',
		title: '256 bytes binary message in a single unmasked frame',
		description:
			'Payload len 126 says the real length follows in 16 bits: 0x0100 = 256. (The 256 data ' +
			'bytes are 00 01 02 … ff here; the RFC leaves them open.)',
		hex: () => frames(encodeFrame({ fin: true, opcode: OPCODE_BINARY, payload: counting(256) })),
		from: 'server',
		source: 'RFC 6455 §5.7',
		kind: 'rfc',
		expectedMessages: [null]
	},
	{
		id: 'rfc6455-binary-64k',
		title: '64KiB binary message in a single unmasked frame',
		description:
			'Payload len 127 says the real length follows in 64 bits: 0x0000000000010000 = 65536. ' +
			'(The data bytes count 00 01 02 … here; the RFC leaves them open.)',
		hex: () => frames(encodeFrame({ fin: true, opcode: OPCODE_BINARY, payload: counting(65536) })),
		from: 'server',
		source: 'RFC 6455 §5.7',
		kind: 'rfc',
		expectedMessages: [null]
	},

	// RFC 7692 §7.2.3 -------------------------------------------------------------------------
	{
		id: 'rfc7692-compressed-hello',
		title: 'A message compressed using 1 compressed DEFLATE block',
		description:
			'RSV1=1 marks the message as compressed. The payload f2 48 cd c9 c9 07 00 is "Hello" ' +
			'compressed with fixed Huffman codes, with the sync flush tail 00 00 ff ff removed.',
		hex: 'c1 07 f2 48 cd c9 c9 07 00',
		from: 'server',
		permessageDeflate: true,
		source: 'RFC 7692 §7.2.3.1',
		kind: 'rfc',
		expectedMessages: ['Hello']
	},
	{
		id: 'rfc7692-compressed-fragmented',
		title: 'The compressed message in two fragments',
		description:
			'The compressed bytes split 3 + 4. RSV1 is set only on the first frame; the receiver ' +
			'joins the fragments, then inflates.',
		hex: '41 03 f2 48 cd\n80 04 c9 c9 07 00',
		from: 'server',
		permessageDeflate: true,
		source: 'RFC 7692 §7.2.3.1',
		kind: 'rfc',
		expectedMessages: ['Hello']
	},
	{
		id: 'rfc7692-context-takeover',
		title: 'Sharing the LZ77 sliding window',
		description:
			'The same "Hello" sent twice. With context takeover the second payload, f2 00 11 00 00, ' +
			'is a back-reference into the first message. (The RFC shows the payloads; the frame ' +
			'headers c1 07 and c1 05 are added here.)',
		hex: 'c1 07 f2 48 cd c9 c9 07 00\nc1 05 f2 00 11 00 00',
		from: 'server',
		permessageDeflate: true,
		source: 'RFC 7692 §7.2.3.2',
		kind: 'rfc',
		expectedMessages: ['Hello', 'Hello']
	},
	{
		id: 'rfc7692-no-context-takeover',
		title: 'The same two messages without context takeover',
		description:
			'With no_context_takeover each message is compressed alone, so the second "Hello" ' +
			'compresses to the same 7 bytes as the first.',
		hex: 'c1 07 f2 48 cd c9 c9 07 00\nc1 07 f2 48 cd c9 c9 07 00',
		from: 'server',
		permessageDeflate: { noContextTakeover: true },
		source: 'RFC 7692 §7.2.3.2',
		kind: 'rfc',
		expectedMessages: ['Hello', 'Hello']
	},
	{
		id: 'rfc7692-stored-block',
		title: 'Using a DEFLATE block with no compression',
		description:
			'A stored block (BTYPE=00): header 00, LEN 05 00, NLEN fa ff, then "Hello" as is, and a ' +
			'00 that starts the flush block whose tail was removed.',
		hex: 'c1 0b 00 05 00 fa ff 48 65 6c 6c 6f 00',
		from: 'server',
		permessageDeflate: true,
		source: 'RFC 7692 §7.2.3.3',
		kind: 'rfc',
		expectedMessages: ['Hello']
	},
	{
		id: 'rfc7692-bfinal',
		title: 'Using a DEFLATE block with BFINAL set to 1',
		description:
			'"Hello" in a block with BFINAL=1 (f3 …), then one 00 octet so that the appended ' +
			'00 00 ff ff still parses. (The RFC shows the payload; the header c1 08 is added here.)',
		hex: 'c1 08 f3 48 cd c9 c9 07 00 00',
		from: 'server',
		permessageDeflate: true,
		source: 'RFC 7692 §7.2.3.4',
		kind: 'rfc',
		expectedMessages: ['Hello']
	},
	{
		id: 'rfc7692-two-blocks',
		title: 'Two DEFLATE blocks in one message',
		description:
			'"He" in one compressed block, an empty stored block (00 00 00 ff ff), then "llo". ' +
			'(The RFC shows the payload; the header c1 0d is added here.)',
		hex: 'c1 0d f2 48 05 00 00 00 ff ff ca c9 c9 07 00',
		from: 'server',
		permessageDeflate: true,
		source: 'RFC 7692 §7.2.3.5',
		kind: 'rfc',
		expectedMessages: ['Hello']
	},

	// More valid traffic ----------------------------------------------------------------------
	{
		id: 'ping-pong',
		title: 'Ping, and the pong that answers it',
		description:
			'The client pings with "are you there?" and answers a server ping with a pong echoing ' +
			'its body. Both are masked, as everything a client sends.',
		hex: () =>
			frames(
				encodeFrame({
					fin: true,
					opcode: OPCODE_PING,
					payload: ENCODER.encode('are you there?'),
					maskingKey: Uint8Array.of(0x12, 0x34, 0x56, 0x78)
				}),
				encodeFrame({
					fin: true,
					opcode: OPCODE_PONG,
					payload: ENCODER.encode('tick'),
					maskingKey: Uint8Array.of(0x9a, 0xbc, 0xde, 0xf0)
				})
			),
		from: 'client',
		kind: 'valid',
		expectedMessages: [null, null]
	},
	{
		id: 'close-with-reason',
		title: 'Close with a status code and a reason',
		description:
			'Payload: the status code 1000 (03 e8, Normal Closure), then the UTF-8 reason "Goodbye!".',
		hex: () =>
			frames(
				encodeFrame({ fin: true, opcode: OPCODE_CLOSE, payload: closePayload(1000, 'Goodbye!') })
			),
		from: 'server',
		kind: 'valid',
		expectedMessages: ['Goodbye!']
	},
	{
		id: 'masked-close-going-away',
		title: 'A client closing: 1001 Going Away',
		description: 'A masked Close frame with code 1001 and the reason "tab closed".',
		hex: () =>
			frames(
				encodeFrame({
					fin: true,
					opcode: OPCODE_CLOSE,
					payload: closePayload(1001, 'tab closed'),
					maskingKey: RFC_KEY
				})
			),
		from: 'client',
		kind: 'valid',
		expectedMessages: ['tab closed']
	},
	{
		id: 'close-empty',
		title: 'Close without a status code',
		description:
			'An empty Close payload is allowed; the application then sees 1005 (No Status Rcvd), a ' +
			'code that is never on the wire.',
		hex: '88 00',
		from: 'server',
		kind: 'valid',
		expectedMessages: [null]
	},
	{
		id: 'length-16-masked',
		title: 'A 16-bit length in a masked frame',
		description:
			'200 bytes of text: Payload len 126, the length 00 c8 = 200, then the masking key and ' +
			'the masked payload.',
		hex: () =>
			frames(
				encodeFrame({
					fin: true,
					opcode: OPCODE_TEXT,
					payload: ENCODER.encode('WebSocket '.repeat(20)),
					maskingKey: RFC_KEY
				})
			),
		from: 'client',
		kind: 'valid',
		expectedMessages: ['WebSocket '.repeat(20)]
	},
	{
		id: 'fragmented-with-ping',
		title: 'A fragmented text message with a ping in the middle',
		description:
			'Control frames may be injected between the fragments of a message, so a ping need not ' +
			'wait for a large message to finish.',
		hex: '01 03 48 65 6c\n89 00\n80 02 6c 6f',
		from: 'server',
		kind: 'valid',
		expectedMessages: [null, 'Hello']
	},
	{
		id: 'utf8-split-across-fragments',
		title: 'A character split across fragments',
		description:
			'"€" is e2 82 ac in UTF-8. Fragment boundaries may fall inside a character: validation ' +
			'carries over from one fragment to the next.',
		hex: '01 02 e2 82\n80 01 ac',
		from: 'server',
		kind: 'valid',
		expectedMessages: ['€']
	},
	{
		id: 'non-minimal-length',
		title: 'A length in a longer encoding than needed',
		description:
			'5 bytes announced with the 16-bit extended length (Payload len 126, 00 05). RFC 6455 ' +
			'requires the minimal encoding; many receivers accept this anyway, so it is a warning.',
		hex: '81 7e 00 05 48 65 6c 6c 6f',
		from: 'server',
		kind: 'valid',
		expectedMessages: ['Hello'],
		expectedWarnings: ['NON_MINIMAL_LENGTH']
	},
	{
		id: 'truncated',
		title: 'A capture that ends mid-frame',
		description: 'The header announces 5 bytes but only 2 arrived: the frame needs 3 more.',
		hex: '81 05 48 65',
		from: 'server',
		kind: 'valid',
		expectedMessages: []
	},

	// Broken: one per rule --------------------------------------------------------------------
	{
		id: 'broken-rsv-without-extension',
		title: 'RSV1 set without an extension',
		description: 'c1 sets RSV1, but no extension was negotiated to give it a meaning.',
		hex: 'c1 05 48 65 6c 6c 6f',
		from: 'server',
		kind: 'broken',
		expectedError: { code: 'RSV_WITHOUT_EXTENSION', closeCode: 1002, offset: 0, bitOffset: 1 }
	},
	{
		id: 'broken-rsv2-with-deflate',
		title: 'RSV2 set under permessage-deflate',
		description: 'permessage-deflate defines RSV1 only; a1 sets RSV2.',
		hex: 'a1 05 48 65 6c 6c 6f',
		from: 'server',
		permessageDeflate: true,
		kind: 'broken',
		expectedError: { code: 'RSV_WITHOUT_EXTENSION', closeCode: 1002, offset: 0, bitOffset: 2 }
	},
	{
		id: 'broken-rsv1-on-continuation',
		title: 'RSV1 on a continuation frame',
		description: 'The compressed "Hello" in two fragments, but the second also sets RSV1 (c0).',
		hex: '41 03 f2 48 cd\nc0 04 c9 c9 07 00',
		from: 'server',
		permessageDeflate: true,
		kind: 'broken',
		expectedError: { code: 'RSV1_ON_CONTINUATION', closeCode: 1002, offset: 5, bitOffset: 1 }
	},
	{
		id: 'broken-rsv1-on-control',
		title: 'RSV1 on a ping',
		description: 'Control frames are never compressed, so c9 (ping with RSV1) is an error.',
		hex: 'c9 00',
		from: 'server',
		permessageDeflate: true,
		kind: 'broken',
		expectedError: { code: 'RSV1_ON_CONTROL_FRAME', closeCode: 1002, offset: 0, bitOffset: 1 }
	},
	{
		id: 'broken-reserved-opcode',
		title: 'A reserved data opcode',
		description: 'Opcode 0x3 is reserved for further non-control frames.',
		hex: '83 02 68 69',
		from: 'server',
		kind: 'broken',
		expectedError: { code: 'RESERVED_OPCODE', closeCode: 1002, offset: 0, bitOffset: 4 }
	},
	{
		id: 'broken-reserved-control-opcode',
		title: 'A reserved control opcode',
		description: 'Opcode 0xB is reserved for further control frames.',
		hex: '8b 00',
		from: 'server',
		kind: 'broken',
		expectedError: { code: 'RESERVED_OPCODE', closeCode: 1002, offset: 0, bitOffset: 4 }
	},
	{
		id: 'broken-control-too-long',
		title: 'A ping with 126 bytes',
		description: 'Control frames carry at most 125 bytes; Payload len 126 is already too much.',
		hex: () =>
			frames(
				encodeFrame({ fin: true, opcode: OPCODE_PING, payload: new Uint8Array(126).fill(0x2a) })
			),
		from: 'server',
		kind: 'broken',
		expectedError: { code: 'CONTROL_FRAME_TOO_LONG', closeCode: 1002, offset: 1, bitOffset: 1 }
	},
	{
		id: 'broken-pong-too-long',
		title: 'A pong with 200 bytes',
		description: 'Pongs are control frames too: at most 125 bytes.',
		hex: () =>
			frames(
				encodeFrame({ fin: true, opcode: OPCODE_PONG, payload: new Uint8Array(200).fill(0x2a) })
			),
		from: 'server',
		kind: 'broken',
		expectedError: { code: 'CONTROL_FRAME_TOO_LONG', closeCode: 1002, offset: 1, bitOffset: 1 }
	},
	{
		id: 'broken-fragmented-control',
		title: 'A fragmented ping',
		description: '09 is a ping with FIN=0; control frames must not be fragmented.',
		hex: '09 00',
		from: 'server',
		kind: 'broken',
		expectedError: { code: 'FRAGMENTED_CONTROL_FRAME', closeCode: 1002, offset: 0, bitOffset: 0 }
	},
	{
		id: 'broken-continuation-without-message',
		title: 'A continuation with nothing to continue',
		description: 'The second half of the fragmented "Hello", without the first.',
		hex: '80 02 6c 6f',
		from: 'server',
		kind: 'broken',
		expectedError: {
			code: 'CONTINUATION_WITHOUT_MESSAGE',
			closeCode: 1002,
			offset: 0,
			bitOffset: 4
		}
	},
	{
		id: 'broken-expected-continuation',
		title: 'A new message in the middle of a fragmented one',
		description: '"Hel" starts a text message, then 81 starts another instead of continuing it.',
		hex: '01 03 48 65 6c\n81 02 6c 6f',
		from: 'server',
		kind: 'broken',
		expectedError: { code: 'EXPECTED_CONTINUATION', closeCode: 1002, offset: 5, bitOffset: 4 }
	},
	{
		id: 'broken-client-not-masked',
		title: 'An unmasked frame from a client',
		description: 'The RFC\'s unmasked "Hello", but sent by a client, which must mask.',
		hex: '81 05 48 65 6c 6c 6f',
		from: 'client',
		kind: 'broken',
		expectedError: { code: 'CLIENT_FRAME_NOT_MASKED', closeCode: 1002, offset: 1, bitOffset: 0 }
	},
	{
		id: 'broken-server-masked',
		title: 'A masked frame from a server',
		description: 'The RFC\'s masked "Hello", but sent by a server, which must not mask.',
		hex: '81 85 37 fa 21 3d 7f 9f 4d 51 58',
		from: 'server',
		kind: 'broken',
		expectedError: { code: 'SERVER_FRAME_MASKED', closeCode: 1002, offset: 1, bitOffset: 0 }
	},
	{
		id: 'broken-length-msb',
		title: 'A 64-bit length with its top bit set',
		description: 'The most significant bit of the 64-bit length must be 0.',
		hex: '82 7f 80 00 00 00 00 00 00 05 01 02 03 04 05',
		from: 'server',
		kind: 'broken',
		expectedError: { code: 'LENGTH_MSB_SET', closeCode: 1002, offset: 2, bitOffset: 0 }
	},
	{
		id: 'broken-length-too-large',
		title: 'A length no receiver can hold',
		description: '2^54 bytes: valid on the wire, but beyond what JavaScript can count exactly.',
		hex: '82 7f 00 40 00 00 00 00 00 00',
		from: 'server',
		kind: 'broken',
		expectedError: { code: 'LENGTH_TOO_LARGE', closeCode: 1009, offset: 2, bitOffset: 0 }
	},
	{
		id: 'broken-invalid-utf8',
		title: 'Invalid UTF-8: a surrogate',
		description: 'ed a0 80 would encode U+D800, a UTF-16 surrogate; UTF-8 forbids it at a0.',
		hex: '81 03 ed a0 80',
		from: 'server',
		kind: 'broken',
		expectedError: { code: 'INVALID_UTF8', closeCode: 1007, offset: 3, bitOffset: 0 }
	},
	{
		id: 'broken-invalid-utf8-split',
		title: 'Invalid UTF-8 split across fragments',
		description:
			'The first fragment ends with ed; the second starts with a0, which cannot follow it.',
		hex: '01 01 ed\n80 02 a0 80',
		from: 'server',
		kind: 'broken',
		expectedError: { code: 'INVALID_UTF8', closeCode: 1007, offset: 5, bitOffset: 0 }
	},
	{
		id: 'broken-utf8-unfinished',
		title: 'A text message that ends inside a character',
		description: 'e2 starts a 3-byte character, but the message ends after it.',
		hex: '81 02 41 e2',
		from: 'server',
		kind: 'broken',
		expectedError: { code: 'INVALID_UTF8', closeCode: 1007, offset: 3, bitOffset: 0 }
	},
	{
		id: 'broken-close-one-byte',
		title: 'A Close payload of 1 byte',
		description: 'A Close payload is empty or starts with a 2-byte status code; 1 byte is neither.',
		hex: '88 01 03',
		from: 'server',
		kind: 'broken',
		expectedError: { code: 'CLOSE_PAYLOAD_ONE_BYTE', closeCode: 1002, offset: 1, bitOffset: 1 }
	},
	{
		id: 'broken-close-code',
		title: 'A close code that may not be sent',
		description: '1005 (No Status Rcvd) is only reported to applications, never sent.',
		hex: '88 02 03 ed',
		from: 'server',
		kind: 'broken',
		expectedError: { code: 'INVALID_CLOSE_CODE', closeCode: 1002, offset: 2, bitOffset: 0 }
	},
	{
		id: 'broken-close-reason',
		title: 'A close reason that is not UTF-8',
		description: 'Code 1000, then c0 80, an overlong encoding of U+0000.',
		hex: '88 04 03 e8 c0 80',
		from: 'server',
		kind: 'broken',
		expectedError: { code: 'INVALID_CLOSE_REASON_UTF8', closeCode: 1007, offset: 4, bitOffset: 0 }
	},
	{
		id: 'broken-message-too-big',
		title: 'A message over the size limit',
		description: 'The receiver accepts 4 bytes per message; the length field announces 5.',
		hex: '81 05 48 65 6c 6c 6f',
		from: 'server',
		maxMessageBytes: 4,
		kind: 'broken',
		expectedError: { code: 'MESSAGE_TOO_BIG', closeCode: 1009, offset: 1, bitOffset: 1 }
	},
	{
		id: 'broken-fragments-too-big',
		title: 'Fragments that add up to too much',
		description: 'Limit 4 bytes: "Hel" fits, but the continuation brings the message to 5.',
		hex: '01 03 48 65 6c\n80 02 6c 6f',
		from: 'server',
		maxMessageBytes: 4,
		kind: 'broken',
		expectedError: { code: 'MESSAGE_TOO_BIG', closeCode: 1009, offset: 6, bitOffset: 1 }
	},
	{
		id: 'broken-inflated-too-big',
		title: 'A small compressed message that inflates past the limit',
		description: `${REPETITIVE_COMPRESSED.length} compressed bytes inflate to 1000; the limit is 100.`,
		hex: () =>
			frames(
				encodeFrame({
					fin: true,
					rsv1: true,
					opcode: OPCODE_BINARY,
					payload: REPETITIVE_COMPRESSED
				})
			),
		from: 'server',
		permessageDeflate: true,
		maxMessageBytes: 100,
		kind: 'broken',
		expectedError: { code: 'MESSAGE_TOO_BIG', closeCode: 1009, offset: 2, bitOffset: 0 }
	},
	{
		id: 'broken-inflate-failed',
		title: 'Compressed data that does not inflate',
		description: 'ff starts a DEFLATE block of type 11, which does not exist.',
		hex: 'c1 01 ff',
		from: 'server',
		permessageDeflate: true,
		kind: 'broken',
		expectedError: { code: 'INFLATE_FAILED', closeCode: 1007, offset: 2, bitOffset: 0 }
	},
	{
		id: 'broken-no-context-takeover',
		title: 'A back-reference without context takeover',
		description:
			'The RFC 7692 §7.2.3.2 pair, but no_context_takeover was agreed: the second message ' +
			'refers to the first, which the receiver no longer keeps.',
		hex: 'c1 07 f2 48 cd c9 c9 07 00\nc1 05 f2 00 11 00 00',
		from: 'server',
		permessageDeflate: { noContextTakeover: true },
		kind: 'broken',
		expectedError: { code: 'INFLATE_FAILED', closeCode: 1007, offset: 11, bitOffset: 0 }
	},
	{
		id: 'data-after-close',
		title: 'Data after Close (a warning)',
		description:
			'After sending a Close frame an endpoint must not send more data frames; a receiver that ' +
			'has seen the Close discards them.',
		hex: '88 02 03 e8\n81 02 68 69',
		from: 'server',
		kind: 'valid',
		expectedMessages: ['', 'hi'],
		expectedWarnings: ['FRAME_AFTER_CLOSE']
	}
];

/** The gallery. */
export const EXAMPLES: readonly FrameExample[] = ENTRIES.map(toExample);
