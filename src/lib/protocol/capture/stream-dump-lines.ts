/**
 * The line shapes of Wireshark's "Follow TCP Stream" text (see stream-dump.ts, which reads it),
 * and `looksLikeStreamDump`, which tells such a dump from a single message. Apart from the
 * reader, so that a tool that only asks the question does not load the reader.
 */

/** One line of a dump. */
export interface Line {
	text: string;
	/** 1-based. */
	number: number;
}

/** tshark's header line: `Follow: tcp,hex`. */
export const FOLLOW = /^Follow: ([a-z0-9]+),([a-z0-9-]+)\s*$/;
/** A hex dump line: indentation, an 8-digit offset, two spaces, a first byte. */
export const HEXDUMP_LINE = /^([ \t]*)([0-9A-Fa-f]{8}) {2}[0-9a-fA-F]{2}(?: |$)/;
/** The start of a C Arrays declaration: `char peer0_0[] = {`, with the side and the number. */
export const ARRAY_START = /^\s*(?:unsigned\s+)?char\s+peer([01])_(\d+)\s*\[\s*\]\s*=\s*\{(.*)$/;
/** A Raw line: indentation, then hex digits only. */
export const RAW_LINE = /^([ \t]*)[0-9a-fA-F]+\s*$/;

/** The lines of `text`, split at CRLF, LF or CR, numbered from 1. */
export function splitLines(text: string): Line[] {
	const lines: Line[] = [];
	let start = 0;
	let number = 1;
	for (let i = 0; i <= text.length; i++) {
		const c = text.charCodeAt(i);
		if (i === text.length || c === 10 || c === 13) {
			lines.push({ text: text.slice(start, i), number });
			if (c === 13 && text.charCodeAt(i + 1) === 10) i++;
			start = i + 1;
			number++;
		}
	}
	return lines;
}

/**
 * True when pasted text is clearly a Follow TCP Stream dump of a conversation, so a tool that
 * reads single messages can offer to open it as one: tshark's follow header, a C Arrays
 * declaration, or hex dump or raw lines of both sides (indented and not). Looks at the first
 * 200 lines only.
 */
export function looksLikeStreamDump(text: string): boolean {
	if (typeof text !== 'string') return false;
	const lines = splitLines(text.slice(0, 64 * 1024)).slice(0, 200);
	let plainHex = false;
	let indentedHex = false;
	let plainRaw = false;
	let tabRaw = false;
	for (const { text: line } of lines) {
		if (FOLLOW.test(line) || ARRAY_START.test(line)) return true;
		const hex = HEXDUMP_LINE.exec(line);
		if (hex) {
			if (hex[1].length > 0) indentedHex = true;
			else plainHex = true;
		} else if (RAW_LINE.test(line) && line.trim().length >= 2) {
			if (line.startsWith('\t')) tabRaw = true;
			else if (!/^\s/.test(line)) plainRaw = true;
		}
	}
	return (plainHex && indentedHex) || (plainRaw && tabRaw);
}
