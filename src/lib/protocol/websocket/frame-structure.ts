/**
 * Whether some bytes are a run of whole WebSocket frames, judged by their headers alone (RFC
 * 6455 §5.2): the opcode is defined, no RSV bit is set (no extension is known), every frame is
 * masked or none is, control frames are single and short, fragments follow a message's first
 * frame, and the frames fill the bytes exactly. Payloads are not read: the Frame Decoder checks
 * UTF-8, close codes and the rest once the bytes are opened there.
 *
 * It is the packet decoder's way of recognising a WebSocket payload without carrying the whole
 * frame decoder (its explanations and its inflater) into every page that decodes packets.
 */

/** The frames found, or undefined when the bytes are not whole frames by these rules. */
export function frameStructure(bytes: Uint8Array): { frames: number; masked: boolean } | undefined {
	if (bytes.length < 2) return undefined;
	const masked = (bytes[1] & 0x80) !== 0;
	let at = 0;
	let frames = 0;
	let inMessage = false;
	let finished = false;
	while (at < bytes.length) {
		if (at + 2 > bytes.length) return undefined;
		const first = bytes[at];
		const second = bytes[at + 1];
		const fin = (first & 0x80) !== 0;
		const opcode = first & 0x0f;
		if ((first & 0x70) !== 0) return undefined; // RSV1-3 without a negotiated extension
		if (((second & 0x80) !== 0) !== masked) return undefined; // one sender: all masked or none
		const control = opcode >= 8;
		if (control) {
			if (opcode > 10 || !fin) return undefined; // reserved, or a fragmented control frame
		} else if (opcode > 2) return undefined; // reserved data opcode
		let length = second & 0x7f;
		let header = 2;
		if (length === 126) {
			if (at + 4 > bytes.length) return undefined;
			length = (bytes[at + 2] << 8) | bytes[at + 3];
			header = 4;
		} else if (length === 127) {
			if (at + 10 > bytes.length || (bytes[at + 2] & 0x80) !== 0) return undefined;
			// The high 32 bits of a 64-bit length: anything there is far beyond what is here.
			for (let i = 2; i < 6; i++) if (bytes[at + i] !== 0) return undefined;
			length =
				bytes[at + 6] * 2 ** 24 + ((bytes[at + 7] << 16) | (bytes[at + 8] << 8) | bytes[at + 9]);
			header = 10;
		}
		if (control && (length > 125 || (opcode === 8 && length === 1))) return undefined;
		if (!control) {
			if (opcode === 0 && !inMessage) return undefined; // a continuation with no message
			if (opcode !== 0 && inMessage) return undefined; // a new message inside another
			inMessage = !fin;
		}
		if (fin) finished = true;
		at += header + (masked ? 4 : 0) + length;
		if (at > bytes.length) return undefined;
		frames++;
	}
	return finished ? { frames, masked } : undefined;
}
