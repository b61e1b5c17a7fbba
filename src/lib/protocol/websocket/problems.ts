/**
 * Every problem the frame decoder can report, in one table: its stable code, the status code a
 * strict receiver closes with (for errors), and the section of the RFC that makes it a problem.
 * The decoder takes close codes and sources from here, and the tests iterate over the table, so
 * a new code cannot be forgotten by the gallery or the explanations.
 */

export const RFC_FRAMING = 'RFC 6455 §5.2';
export const RFC_CLIENT_MASKING = 'RFC 6455 §5.1';
export const RFC_MASKING = 'RFC 6455 §5.3';
export const RFC_FRAGMENTATION = 'RFC 6455 §5.4';
export const RFC_CONTROL = 'RFC 6455 §5.5';
export const RFC_CLOSE = 'RFC 6455 §5.5.1';
export const RFC_PING = 'RFC 6455 §5.5.2';
export const RFC_PONG = 'RFC 6455 §5.5.3';
export const RFC_DATA = 'RFC 6455 §5.6';
export const RFC_STATUS_CODES = 'RFC 6455 §7.4';
export const RFC_STATUS_CODES_DEFINED = 'RFC 6455 §7.4.1';
export const RFC_UTF8 = 'RFC 6455 §8.1';
export const RFC_RSV1 = 'RFC 7692 §6';
export const RFC_RSV1_RULES = 'RFC 7692 §6.1';
export const RFC_COMPRESSED_DATA = 'RFC 7692 §7.2';
export const RFC_DECOMPRESSION = 'RFC 7692 §7.2.2';

/** The fatal violations: decoding stops at the first one. */
export const DECODE_ERRORS = {
	FRAGMENTED_CONTROL_FRAME: { closeCode: 1002, source: RFC_CONTROL },
	RSV_WITHOUT_EXTENSION: { closeCode: 1002, source: RFC_FRAMING },
	RSV1_ON_CONTINUATION: { closeCode: 1002, source: RFC_RSV1_RULES },
	RSV1_ON_CONTROL_FRAME: { closeCode: 1002, source: RFC_RSV1_RULES },
	RESERVED_OPCODE: { closeCode: 1002, source: RFC_FRAMING },
	CONTINUATION_WITHOUT_MESSAGE: { closeCode: 1002, source: RFC_FRAGMENTATION },
	EXPECTED_CONTINUATION: { closeCode: 1002, source: RFC_FRAGMENTATION },
	CLIENT_FRAME_NOT_MASKED: { closeCode: 1002, source: RFC_CLIENT_MASKING },
	SERVER_FRAME_MASKED: { closeCode: 1002, source: RFC_CLIENT_MASKING },
	CONTROL_FRAME_TOO_LONG: { closeCode: 1002, source: RFC_CONTROL },
	CLOSE_PAYLOAD_ONE_BYTE: { closeCode: 1002, source: RFC_CLOSE },
	LENGTH_MSB_SET: { closeCode: 1002, source: RFC_FRAMING },
	// 1009 "message too big" is what ws answers; no receiver can buffer 2^53 bytes.
	LENGTH_TOO_LARGE: { closeCode: 1009, source: RFC_STATUS_CODES_DEFINED },
	MESSAGE_TOO_BIG: { closeCode: 1009, source: RFC_STATUS_CODES_DEFINED },
	INVALID_UTF8: { closeCode: 1007, source: RFC_UTF8 },
	INVALID_CLOSE_CODE: { closeCode: 1002, source: RFC_STATUS_CODES },
	INVALID_CLOSE_REASON_UTF8: { closeCode: 1007, source: RFC_CLOSE },
	INFLATE_FAILED: { closeCode: 1007, source: RFC_DECOMPRESSION }
} as const satisfies Record<string, { closeCode: number; source: string }>;

/** Stable identifiers of the fatal violations. */
export type DecodeErrorCode = keyof typeof DECODE_ERRORS;

/** Things a strict reading flags but a receiver may accept. */
export const DECODE_WARNINGS = {
	NON_MINIMAL_LENGTH: { source: RFC_FRAMING },
	FRAME_AFTER_CLOSE: { source: RFC_CLOSE }
} as const satisfies Record<string, { source: string }>;

/** Stable identifiers of the warnings. */
export type DecodeWarningCode = keyof typeof DECODE_WARNINGS;

/** Every error code, in table order. */
export const DECODE_ERROR_CODES = Object.keys(DECODE_ERRORS) as DecodeErrorCode[];

/** Every warning code, in table order. */
export const DECODE_WARNING_CODES = Object.keys(DECODE_WARNINGS) as DecodeWarningCode[];
