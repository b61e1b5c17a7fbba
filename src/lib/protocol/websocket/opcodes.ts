/**
 * Opcodes and other constants of the base framing protocol (RFC 6455 §5.2, §11.8).
 *
 * The opcode is the low nibble of byte 0. Its top bit splits the space in two:
 *
 *   0x0–0x7  data frames     (0x0 continuation, 0x1 text, 0x2 binary, 0x3–0x7 reserved)
 *   0x8–0xF  control frames  (0x8 close, 0x9 ping, 0xA pong, 0xB–0xF reserved)
 */

/** Opcode 0x0: continues the fragmented message started by a text or binary frame. */
export const OPCODE_CONTINUATION = 0x0;
/** Opcode 0x1: first (or only) frame of a text message, UTF-8. */
export const OPCODE_TEXT = 0x1;
/** Opcode 0x2: first (or only) frame of a binary message. */
export const OPCODE_BINARY = 0x2;
/** Opcode 0x8: connection close (RFC 6455 §5.5.1). */
export const OPCODE_CLOSE = 0x8;
/** Opcode 0x9: ping (RFC 6455 §5.5.2). */
export const OPCODE_PING = 0x9;
/** Opcode 0xA: pong (RFC 6455 §5.5.3). */
export const OPCODE_PONG = 0xa;

/** Control frames carry at most 125 payload bytes so they fit the 7-bit length (RFC 6455 §5.5). */
export const MAX_CONTROL_PAYLOAD = 125;

/** Largest payload the 7-bit length field can hold; 126 and 127 announce extended lengths. */
export const MAX_7BIT_LENGTH = 125;

/** Largest payload the 16-bit extended length can hold (RFC 6455 §5.2). */
export const MAX_16BIT_LENGTH = 0xffff;

/** True for opcodes 0x8–0xF, the control-frame half of the opcode space (RFC 6455 §5.5). */
export function isControlOpcode(opcode: number): boolean {
	return (opcode & 0x08) === 0x08;
}

/** True for the opcodes RFC 6455 leaves reserved: 0x3–0x7 and 0xB–0xF. */
export function isReservedOpcode(opcode: number): boolean {
	return (opcode >= 0x3 && opcode <= 0x7) || (opcode >= 0xb && opcode <= 0xf);
}

/** Short lower-case name of an opcode: 'text', 'ping', 'reserved'… */
export function opcodeName(opcode: number): string {
	switch (opcode) {
		case OPCODE_CONTINUATION:
			return 'continuation';
		case OPCODE_TEXT:
			return 'text';
		case OPCODE_BINARY:
			return 'binary';
		case OPCODE_CLOSE:
			return 'close';
		case OPCODE_PING:
			return 'ping';
		case OPCODE_PONG:
			return 'pong';
		default:
			return 'reserved';
	}
}

/** Formats an opcode as the RFC writes it: `0x1`, `0xA`. */
export function opcodeHex(opcode: number): string {
	return '0x' + opcode.toString(16).toUpperCase();
}

/** What an opcode denotes, in the RFC's words: 'text frame (UTF-8)', 'connection close'… */
export function opcodeDescription(opcode: number): string {
	switch (opcode) {
		case OPCODE_CONTINUATION:
			return 'continuation frame';
		case OPCODE_TEXT:
			return 'text frame (UTF-8)';
		case OPCODE_BINARY:
			return 'binary frame';
		case OPCODE_CLOSE:
			return 'connection close';
		case OPCODE_PING:
			return 'ping';
		case OPCODE_PONG:
			return 'pong';
		default:
			return isControlOpcode(opcode)
				? 'reserved for further control frames'
				: 'reserved for further non-control frames';
	}
}
