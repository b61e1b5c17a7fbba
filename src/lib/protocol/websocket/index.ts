/**
 * The WebSocket frame codec's public API: decode, encode, mask, compress (RFC 6455, RFC 7692),
 * with close codes and opcodes. Helpers the codec uses inside (UTF-8 validation, the DEFLATE
 * constants) are imported from their modules by the code and tests that need them.
 * The example gallery is a separate import (`./examples`) so pages that do not show it do not
 * pay for its generated payloads.
 */
export {
	decodeFrames,
	type DecodeError,
	type DecodeErrorCode,
	type DecodeOptions,
	type DecodeProblem,
	type DecodeResult,
	type DecodeWarning,
	type DecodeWarningCode,
	type DecodedFrame,
	type DecodedMessage,
	type FieldKey,
	type FrameField,
	type IncompleteFrame,
	type MessageType,
	type Sender
} from './decode';
export {
	encodeFrame,
	encodeMessage,
	fragmentMessage,
	frameHeaderLength,
	minimalLengthEncoding,
	type FrameSpec,
	type LengthEncoding,
	type MessageSpec
} from './encode';
export {
	closeCodeInfo,
	isSendableCloseCode,
	type CloseCodeInfo,
	type CloseCodeRange
} from './close-codes';
export {
	deflateMessage,
	inflateMessage,
	type DeflateMessageOptions,
	type InflateMessageOptions,
	type InflateOutcome
} from './deflate';
export { applyMask, maskInPlace } from './mask';
export {
	MAX_16BIT_LENGTH,
	MAX_7BIT_LENGTH,
	MAX_CONTROL_PAYLOAD,
	OPCODE_BINARY,
	OPCODE_CLOSE,
	OPCODE_CONTINUATION,
	OPCODE_PING,
	OPCODE_PONG,
	OPCODE_TEXT,
	isControlOpcode,
	isReservedOpcode,
	opcodeDescription,
	opcodeHex,
	opcodeName
} from './opcodes';
