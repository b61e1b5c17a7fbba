/**
 * The WebSocket frame codec: decode, explain, encode (RFC 6455, RFC 7692).
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
export { Utf8Validator, validateUtf8, type Utf8Failure, type Utf8Result } from './utf8';
export {
	closeCodeInfo,
	isSendableCloseCode,
	type CloseCodeInfo,
	type CloseCodeRange
} from './close-codes';
export {
	DEFLATE_TAIL,
	DEFLATE_WINDOW_BYTES,
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
