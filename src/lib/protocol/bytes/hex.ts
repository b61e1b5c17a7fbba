/**
 * Reading bytes from what people paste: plain hex, `0x` lists and C arrays, `\x` strings,
 * colon- or dash-separated bytes, xxd, `hexdump -C`, Wireshark hex dumps, tcpdump's `-x`, `-xx`,
 * `-X` and `-XX` output, and base64.
 *
 * Dumps are read by their structure, never by guessing which tokens look like hex: the offset
 * column is recognised by its shape and the ASCII column is cut off where the format puts it
 * (after a double space for xxd, between `|` bars for hexdump -C, after a wide gap or the 16th
 * byte for Wireshark), so an ASCII column such as `deadbeef` is never read as data.
 */

// With its extension: this file is in vite.config.ts's import graph (through src/echo), where
// Vite warns about extensionless imports.
import { decodeBase64 } from './base64.js';
import { plural } from './text.js';

/** The notations `parseHexDetailed` recognises. */
export type HexFormat =
	| 'empty'
	| 'hex'
	| 'separated'
	| 'c-array'
	| 'escaped'
	| 'xxd'
	| 'hexdump'
	| 'wireshark'
	| 'tcpdump'
	| 'base64';

/** How each format is named to the user: "read as hexdump -C". */
export const HEX_FORMAT_LABELS: Readonly<Record<HexFormat, string>> = {
	empty: 'empty input',
	hex: 'plain hex',
	separated: 'colon- or dash-separated hex',
	'c-array': '0x list / C array',
	escaped: '\\x escaped string',
	xxd: 'xxd',
	hexdump: 'hexdump -C',
	wireshark: 'Wireshark hex dump',
	tcpdump: 'tcpdump -x / -xx / -X / -XX',
	base64: 'base64'
};

/** What was read, for the line under an input: "Read as xxd: 32 bytes." */
export function readingSummary(format: HexFormat, count: number): string {
	return `Read as ${HEX_FORMAT_LABELS[format]}: ${plural(count, 'byte')}.`;
}

/** Bytes read from text, and the notation they were read in. */
export interface ParsedHex {
	bytes: Uint8Array;
	format: HexFormat;
}

/** Thrown by `parseHex` for text it cannot read; `index` is the offending character's position. */
export class HexParseError extends Error {
	readonly index: number;
	readonly line: number;
	readonly column: number;

	constructor(message: string, index: number, line: number, column: number) {
		super(message);
		this.name = 'HexParseError';
		this.index = index;
		this.line = line;
		this.column = column;
	}
}

/** Formats bytes as lower-case hex pairs joined by `separator` (a space by default). */
export function toHex(bytes: Uint8Array, separator = ' '): string {
	let out = '';
	for (let i = 0; i < bytes.length; i++) {
		if (i > 0) out += separator;
		out += HEX_PAIRS[bytes[i]];
	}
	return out;
}

/** '00'…'ff', so formatting never calls toString per byte. */
const HEX_PAIRS: readonly string[] = Array.from({ length: 256 }, (_, i) =>
	i.toString(16).padStart(2, '0')
);

/** Value of a hex digit's character code, or -1. */
function hexValue(code: number): number {
	if (code >= 0x30 && code <= 0x39) return code - 0x30;
	const lower = code | 0x20;
	if (lower >= 0x61 && lower <= 0x66) return lower - 0x61 + 10;
	return -1;
}

function isHexDigit(char: string | undefined): boolean {
	return char !== undefined && hexValue(char.charCodeAt(0)) >= 0;
}

function isSpace(char: string | undefined): boolean {
	return char === ' ' || char === '\t' || char === '\n' || char === '\r' || char === '\f';
}

/** Line and column (both 1-based) of a character position. */
function locate(text: string, index: number): { line: number; column: number } {
	let line = 1;
	let lineStart = 0;
	for (let i = 0; i < index && i < text.length; i++) {
		if (text[i] === '\n' || (text[i] === '\r' && text[i + 1] !== '\n')) {
			line++;
			lineStart = i + 1;
		}
	}
	return { line, column: index - lineStart + 1 };
}

/** Quotes a character for a message: 'g', or U+0007 for one that does not print. */
function quoteChar(char: string): string {
	const code = char.codePointAt(0) ?? 0;
	if (char === ' ') return 'A space';
	if (char === '\t') return 'A tab';
	if (code < 0x20 || code === 0x7f) return 'U+' + code.toString(16).toUpperCase().padStart(4, '0');
	return `'${char}'`;
}

/** Builds the error for the character at `index`: "'g' at line 2, column 5 is not a hex digit". */
function errorAt(text: string, index: number, problem: string): HexParseError {
	const { line, column } = locate(text, index);
	const codePoint = text.codePointAt(index);
	const char = codePoint === undefined ? 'The end' : quoteChar(String.fromCodePoint(codePoint));
	return new HexParseError(
		`${char} at line ${line}, column ${column} ${problem}`,
		index,
		line,
		column
	);
}

/** Error for a run of hex digits that cannot make whole bytes; points at the last digit. */
function oddDigitsError(text: string, start: number, end: number): HexParseError {
	const count = end - start;
	const group = text.slice(start, Math.min(end, start + 12)) + (count > 12 ? '…' : '');
	return errorAt(
		text,
		end - 1,
		`is left over: the group '${group}' has an odd number of hex digits (${count}), ` +
			'and every byte needs two'
	);
}

/** Growable byte buffer. */
class ByteSink {
	private buffer = new Uint8Array(64);
	length = 0;

	push(byte: number): void {
		if (this.length === this.buffer.length) {
			const bigger = new Uint8Array(this.buffer.length * 2);
			bigger.set(this.buffer);
			this.buffer = bigger;
		}
		this.buffer[this.length++] = byte;
	}

	/** Appends `count` bytes copied from `from` positions back (for squeezed dump lines). */
	repeat(start: number, count: number): void {
		for (let i = 0; i < count; i++) this.push(this.buffer[start + i]);
	}

	at(index: number): number {
		return this.buffer[index];
	}

	result(): Uint8Array {
		return this.buffer.slice(0, this.length);
	}
}

/** Reads a run of hex digits text[start..end) as bytes; the run must have an even length. */
function pushHexRun(text: string, start: number, end: number, sink: ByteSink): void {
	if ((end - start) % 2 !== 0) throw oddDigitsError(text, start, end);
	for (let i = start; i < end; i += 2) {
		sink.push((hexValue(text.charCodeAt(i)) << 4) | hexValue(text.charCodeAt(i + 1)));
	}
}

/** A line of the input with the position of its first character. */
interface Line {
	text: string;
	start: number;
}

function splitLines(text: string): Line[] {
	const lines: Line[] = [];
	const pattern = /\r\n|\n|\r/g;
	let start = 0;
	for (let match = pattern.exec(text); match; match = pattern.exec(text)) {
		lines.push({ text: text.slice(start, match.index), start });
		start = match.index + match[0].length;
	}
	lines.push({ text: text.slice(start), start });
	return lines;
}

// ---------------------------------------------------------------------------------------------
// Dumps: an offset column, the bytes, and usually an ASCII column.

/*
 * xxd:          00000000: 8105 4865 6c6c 6f                        ..Hello
 *               offset, colon, groups of (usually) 2 bytes split by single spaces, then two
 *               spaces and the ASCII column.
 * hexdump -C:   00000000  81 05 48 65 6c 6c 6f                             |..Hello|
 *               00000007
 *               8-digit offset, two spaces, bytes (an extra space after the 8th), ASCII
 *               column between bars, and a last line holding only the total length. A line
 *               of '*' stands for repeats of the line before (xxd -a does the same).
 * Wireshark:    0000   81 05 48 65 6c 6c 6f                              ..Hello
 *               offset of 4 or more digits, 2–3 spaces, up to 16 bytes separated by one or two
 *               spaces, then a gap of 3 or more spaces and the ASCII column.
 */
const XXD_LINE = /^(\s*)([0-9a-fA-F]{4,16}):(?: |$)/;
const HEXDUMP_LINE = /^([0-9a-fA-F]{8,16}) {2}(.*?)\|.*\|\s*$/;
const HEXDUMP_END = /^([0-9a-fA-F]{7,16})\s*$/;
const WIRESHARK_LINE = /^([0-9a-fA-F]{4,8})(\s{2,3})(\S.*)$/;

/** Non-blank lines. */
function contentLines(text: string): Line[] {
	return splitLines(text).filter((line) => line.text.trim() !== '');
}

function isSqueezeMarker(line: Line): boolean {
	return line.text.trim() === '*';
}

/** Fills the bytes a '*' line stood for: repeats of the previous line up to `offset`. */
function fillSqueezed(sink: ByteSink, lastLine: { start: number; length: number }, target: number) {
	if (lastLine.length === 0) return;
	while (sink.length < target) {
		sink.repeat(lastLine.start, Math.min(lastLine.length, target - sink.length));
	}
}

/** Where one line of an offset dump puts its bytes; no `area` for a closing, length-only line. */
interface DumpLine {
	offset: number;
	area?: { start: number; end: number };
}

/**
 * The part xxd and hexdump -C share: lines that start with an offset, and '*' lines standing for
 * repeats of the line before up to the next offset. `read` finds a line's offset and hex area;
 * `readArea` turns the area into bytes, with the format's own grouping rules.
 */
function parseOffsetDump(
	lines: Line[],
	read: (line: Line) => DumpLine,
	readArea: (line: Line, start: number, end: number, sink: ByteSink) => void
): Uint8Array {
	const sink = new ByteSink();
	let last = { start: 0, length: 0 };
	let squeezed = false;
	let base = -1;
	for (const line of lines) {
		if (isSqueezeMarker(line)) {
			squeezed = true;
			continue;
		}
		const { offset, area } = read(line);
		if (base < 0) base = offset;
		if (squeezed) fillSqueezed(sink, last, offset - base);
		squeezed = false;
		if (!area) continue;
		const lineStart = sink.length;
		readArea(line, area.start, area.end, sink);
		last = { start: lineStart, length: sink.length - lineStart };
	}
	return sink.result();
}

function parseXxd(text: string, lines: Line[]): Uint8Array {
	return parseOffsetDump(
		lines,
		(line) => {
			const match = XXD_LINE.exec(line.text);
			if (!match) throw errorAt(text, line.start, 'does not start an xxd line (offset and colon)');
			// The hex area runs from after "offset: " to the first double space.
			const start = match[0].length;
			const gap = line.text.indexOf('  ', start);
			return {
				offset: parseInt(match[2], 16),
				area: { start, end: gap < 0 ? line.text.length : gap }
			};
		},
		(line, start, end, sink) => {
			// xxd groups 2 (or -g N) bytes: any run of hex digits between spaces.
			let i = start;
			while (i < end) {
				if (line.text[i] === ' ') {
					i++;
					continue;
				}
				let j = i;
				while (j < end && line.text[j] !== ' ') {
					if (!isHexDigit(line.text[j])) throw errorAt(text, line.start + j, 'is not a hex digit');
					j++;
				}
				pushHexRun(text, line.start + i, line.start + j, sink);
				i = j;
			}
		}
	);
}

function parseHexdump(text: string, lines: Line[]): Uint8Array {
	return parseOffsetDump(
		lines,
		(line) => {
			const end = HEXDUMP_END.exec(line.text);
			if (end) return { offset: parseInt(end[1], 16) }; // the closing line: total length only
			const match = HEXDUMP_LINE.exec(line.text);
			if (!match) {
				throw errorAt(
					text,
					line.start,
					'does not start a hexdump -C line (offset, bytes, |ascii|)'
				);
			}
			const start = match[1].length + 2;
			return { offset: parseInt(match[1], 16), area: { start, end: start + match[2].length } };
		},
		(line, start, end, sink) => {
			// hexdump -C writes one byte per group: exactly two hex digits.
			let i = start;
			while (i < end) {
				if (isSpace(line.text[i])) {
					i++;
					continue;
				}
				if (!isHexDigit(line.text[i])) throw errorAt(text, line.start + i, 'is not a hex digit');
				let j = i;
				while (j < end && isHexDigit(line.text[j])) j++;
				if (j < end && !isSpace(line.text[j])) {
					throw errorAt(text, line.start + j, 'is not a hex digit');
				}
				if (j - i !== 2) {
					throw errorAt(
						text,
						line.start + i,
						'starts a group that is not one byte (two hex digits)'
					);
				}
				pushHexRun(text, line.start + i, line.start + j, sink);
				i = j;
			}
		}
	);
}

/**
 * Reads the bytes of one Wireshark line: up to 16 two-digit tokens separated by one or two
 * spaces. Returns null if the line does not have that shape.
 */
function wiresharkBytes(lineText: string, areaStart: number): number[] | null {
	const bytes: number[] = [];
	let i = areaStart;
	while (i < lineText.length && bytes.length < 16) {
		if (!isHexDigit(lineText[i]) || !isHexDigit(lineText[i + 1])) break;
		if (i + 2 < lineText.length && !isSpace(lineText[i + 2])) break;
		bytes.push(parseInt(lineText.slice(i, i + 2), 16));
		i += 2;
		let spaces = 0;
		while (i < lineText.length && lineText[i] === ' ') {
			spaces++;
			i++;
		}
		if (spaces >= 3) break; // the gap before the ASCII column
	}
	return bytes.length > 0 ? bytes : null;
}

/*
 * tcpdump -x, -xx, -X, -XX:
 *               17:08:14.789620 IP 127.0.0.1.39548 > 127.0.0.1.50800: Flags [S], …
 *               	0x0000:  0000 0000 0000 0000 0000 0000 0800 4500  ..............E.
 *               an indented "0x" offset and colon, two spaces, groups of two bytes (the last
 *               may be one) split by single spaces, then (-X, -XX) two spaces and the ASCII
 *               column. Lines that are not indented are tcpdump's packet summaries: skipped.
 */
const TCPDUMP_LINE = /^\s+0x([0-9a-fA-F]{4,8}): {2}/;

function isTcpdumpInput(lines: Line[]): boolean {
	return (
		lines.some((line) => TCPDUMP_LINE.test(line.text)) &&
		lines.every((line) => TCPDUMP_LINE.test(line.text) || !isSpace(line.text[0]))
	);
}

function parseTcpdump(text: string, lines: Line[]): Uint8Array {
	const sink = new ByteSink();
	let started = false;
	for (const line of lines) {
		const match = TCPDUMP_LINE.exec(line.text);
		if (!match) continue; // a summary line
		const offset = parseInt(match[1], 16);
		if (offset !== sink.length) {
			throw errorAt(
				text,
				line.start,
				offset === 0 && started
					? 'starts a second packet: paste one packet at a time'
					: `starts offset 0x${match[1]}, but ${sink.length} bytes came before it`
			);
		}
		started = true;
		const start = match[0].length;
		const gap = line.text.indexOf('  ', start);
		const end = gap < 0 ? line.text.trimEnd().length : gap;
		let i = start;
		while (i < end) {
			if (line.text[i] === ' ') {
				i++;
				continue;
			}
			let j = i;
			while (j < end && line.text[j] !== ' ') {
				if (!isHexDigit(line.text[j])) throw errorAt(text, line.start + j, 'is not a hex digit');
				j++;
			}
			pushHexRun(text, line.start + i, line.start + j, sink);
			i = j;
		}
	}
	return sink.result();
}

/** Tries the Wireshark layout; the offsets must count the bytes, or it is not a dump. */
function tryWireshark(lines: Line[]): Uint8Array | null {
	const sink = new ByteSink();
	let expected = -1;
	for (const line of lines) {
		const match = WIRESHARK_LINE.exec(line.text);
		if (!match) return null;
		const offset = parseInt(match[1], 16);
		if (expected >= 0 && offset !== expected) return null;
		const bytes = wiresharkBytes(line.text, match[1].length + match[2].length);
		if (!bytes) return null;
		for (const byte of bytes) sink.push(byte);
		expected = offset + bytes.length;
		// Only the last line may be short: a short line elsewhere means this is not a dump.
		if (bytes.length < 16 && line !== lines[lines.length - 1]) return null;
	}
	return sink.result();
}

// ---------------------------------------------------------------------------------------------
// Lists and strings.

/** `0x81, 0x05`, `{ 0x81, 0x05 }`, `unsigned char x[] = { 0x81 };`, `[0x81, 0x05]`. */
function parseCArray(text: string): Uint8Array {
	let start = 0;
	let end = text.length;
	const open = text.indexOf('{');
	if (open >= 0) {
		// A C declaration: only what is between the braces is data (xxd -i also prints a
		// `_len` variable after the closing brace).
		const close = text.indexOf('}', open);
		if (close < 0) throw errorAt(text, text.length, 'is reached before the closing }');
		start = open + 1;
		end = close;
	}
	const sink = new ByteSink();
	let i = start;
	while (i < end) {
		const char = text[i];
		if (isSpace(char) || char === ',' || (open < 0 && (char === '[' || char === ']'))) {
			i++;
			continue;
		}
		if (char === ';' && open < 0 && text.slice(i + 1, end).trim() === '') break;
		if (char !== '0' || (text[i + 1] !== 'x' && text[i + 1] !== 'X')) {
			throw errorAt(text, i, 'is not part of a 0x… byte');
		}
		let j = i + 2;
		while (j < end && isHexDigit(text[j])) j++;
		if (j === i + 2) throw errorAt(text, j, 'is not a hex digit');
		if (j < end && !isSpace(text[j]) && text[j] !== ',' && text[j] !== ']' && text[j] !== ';') {
			throw errorAt(text, j, 'is not a hex digit');
		}
		const digits = j - (i + 2);
		if (digits === 1) sink.push(hexValue(text.charCodeAt(i + 2)));
		else pushHexRun(text, i + 2, j, sink);
		i = j;
	}
	return sink.result();
}

/** Escapes allowed inside quoted strings besides \xHH. */
const SIMPLE_ESCAPES: Readonly<Record<string, number>> = {
	n: 0x0a,
	r: 0x0d,
	t: 0x09,
	'0': 0x00,
	'\\': 0x5c,
	"'": 0x27,
	'"': 0x22
};

/**
 * `\x81\x05` sequences, bare or in quotes (`"\x81\x05Hello"`, Python's `b'\x81\x05'`). Inside
 * quotes other characters stand for themselves, as in the source language.
 */
function parseEscaped(text: string): Uint8Array {
	const sink = new ByteSink();
	const encoder = new TextEncoder();
	let quote = '';
	let i = 0;
	while (i < text.length) {
		const char = text[i];
		if (char === '\\') {
			const kind = text[i + 1];
			if (kind === 'x' || kind === 'X') {
				if (!isHexDigit(text[i + 2])) throw errorAt(text, i + 2, 'is not a hex digit');
				if (!isHexDigit(text[i + 3])) throw errorAt(text, i + 3, 'is not a hex digit');
				sink.push(parseInt(text.slice(i + 2, i + 4), 16));
				i += 4;
				continue;
			}
			if (!quote && (kind === '\n' || kind === '\r')) {
				// A line continuation between string pieces.
				i += 2;
				continue;
			}
			if (quote && kind !== undefined && kind in SIMPLE_ESCAPES) {
				sink.push(SIMPLE_ESCAPES[kind]);
				i += 2;
				continue;
			}
			throw errorAt(text, i + 1, 'is not a supported escape (use \\xHH)');
		}
		if (quote) {
			if (char === quote) {
				quote = '';
				i++;
				continue;
			}
			const codePoint = text.codePointAt(i) ?? 0;
			const literal = String.fromCodePoint(codePoint);
			for (const byte of encoder.encode(literal)) sink.push(byte);
			i += literal.length;
			continue;
		}
		if (char === '"' || char === "'") {
			quote = char;
			i++;
			continue;
		}
		const prefixed = (char === 'b' || char === 'B') && (text[i + 1] === '"' || text[i + 1] === "'");
		if (isSpace(char) || char === '+' || char === ',' || char === ';' || prefixed) {
			i++;
			continue;
		}
		throw errorAt(text, i, 'is not part of a \\x escape');
	}
	if (quote)
		throw errorAt(text, text.length, `is reached inside a string: the closing ${quote} is missing`);
	return sink.result();
}

/** `81:05:48`, `81-05-48`: every byte exactly two digits. */
function parseSeparated(text: string): Uint8Array {
	const sink = new ByteSink();
	let i = 0;
	while (i < text.length) {
		const char = text[i];
		if (isSpace(char) || char === ':' || char === '-') {
			i++;
			continue;
		}
		if (!isHexDigit(char)) throw errorAt(text, i, 'is not a hex digit');
		let j = i;
		while (j < text.length && isHexDigit(text[j])) j++;
		if (j < text.length && !isSpace(text[j]) && text[j] !== ':' && text[j] !== '-') {
			throw errorAt(text, j, 'is not a hex digit');
		}
		if (j - i !== 2) {
			throw errorAt(
				text,
				i,
				`starts '${text.slice(i, j)}', which is not one byte (two hex digits)`
			);
		}
		pushHexRun(text, i, j, sink);
		i = j;
	}
	return sink.result();
}

/** Hex digits in whitespace-separated groups, each group a whole number of bytes. */
function parsePlain(text: string): Uint8Array {
	const sink = new ByteSink();
	let i = 0;
	while (i < text.length) {
		if (isSpace(text[i])) {
			i++;
			continue;
		}
		let j = i;
		while (j < text.length && !isSpace(text[j])) {
			if (!isHexDigit(text[j])) throw errorAt(text, j, 'is not a hex digit');
			j++;
		}
		pushHexRun(text, i, j, sink);
		i = j;
	}
	return sink.result();
}

// ---------------------------------------------------------------------------------------------
// Base64 (RFC 4648 §4 and the URL-safe alphabet of §5), padded or not.

/**
 * Decodes `text` as base64 if it plausibly is base64 and not hex with a typo; otherwise null.
 * Plausible: one token (or lines wrapped at a multiple of 4 characters), a length base64 can
 * have, and either `=` padding or at least a quarter of the characters outside 0-9a-f (random
 * bytes give about two thirds; hex with a typo gives a handful).
 */
function tryBase64(text: string): Uint8Array | null {
	const tokens = text.trim().split(/\s+/);
	for (let t = 0; t < tokens.length - 1; t++) {
		if (tokens[t].length < 16 || tokens[t].length % 4 !== 0) return null;
	}
	// Either alphabet, even mixed, padding optional, whitespace between the wrapped lines.
	const decoded = decodeBase64(text, { alphabet: 'either', padding: 'optional', whitespace: true });
	if (!decoded.ok || decoded.bytes.length === 0) return null;
	if (!decoded.padded) {
		let nonHex = 0;
		const body = tokens.join('');
		for (let i = 0; i < body.length; i++) if (hexValue(body.charCodeAt(i)) < 0) nonHex++;
		if (nonHex * 4 < body.length) return null;
	}
	return decoded.bytes;
}

// ---------------------------------------------------------------------------------------------

/** Reads bytes from pasted text and says which notation it was in (see `parseHex`). */
export function parseHexDetailed(text: string): ParsedHex {
	if (text.trim() === '') return { bytes: new Uint8Array(0), format: 'empty' };
	const lines = contentLines(text);
	const dumpLines = lines.filter((line) => !isSqueezeMarker(line));

	if (isTcpdumpInput(dumpLines)) return { bytes: parseTcpdump(text, lines), format: 'tcpdump' };
	if (dumpLines.length > 0 && dumpLines.every((line) => XXD_LINE.test(line.text))) {
		return { bytes: parseXxd(text, lines), format: 'xxd' };
	}
	if (
		dumpLines.some((line) => HEXDUMP_LINE.test(line.text)) &&
		dumpLines.every((line) => HEXDUMP_LINE.test(line.text) || HEXDUMP_END.test(line.text))
	) {
		return { bytes: parseHexdump(text, lines), format: 'hexdump' };
	}
	const wireshark = tryWireshark(lines);
	if (wireshark) return { bytes: wireshark, format: 'wireshark' };

	let format: HexFormat;
	let parse: (text: string) => Uint8Array;
	if (/\\[xX]/.test(text)) {
		format = 'escaped';
		parse = parseEscaped;
	} else if (/0[xX][0-9a-fA-F]/.test(text)) {
		format = 'c-array';
		parse = parseCArray;
	} else if (/^\s*[0-9a-fA-F]{1,4}[:-][0-9a-fA-F]/.test(text)) {
		format = 'separated';
		parse = parseSeparated;
	} else {
		format = 'hex';
		parse = parsePlain;
	}
	try {
		return { bytes: parse(text), format };
	} catch (error) {
		if (format !== 'escaped') {
			const base64 = tryBase64(text);
			if (base64) return { bytes: base64, format: 'base64' };
		}
		throw error;
	}
}

/**
 * Reads bytes from pasted text: plain hex (`81 05 48`, `810548`), `0x` lists and C arrays,
 * `\x81\x05` strings, `81:05` / `81-05`, xxd, `hexdump -C`, Wireshark dumps, tcpdump -x/-xx/-X/-XX,
 * or base64.
 * Empty text gives no bytes. Throws `HexParseError` naming the offending character.
 */
export function parseHex(text: string): Uint8Array {
	return parseHexDetailed(text).bytes;
}

/** The outcome of `readHex`: the bytes and their notation, or where and why reading failed. */
export type HexReading =
	| { ok: true; bytes: Uint8Array; format: HexFormat }
	| {
			ok: false;
			error: { message: string; index: number; line: number; column: number };
	  };

/**
 * Reads bytes from pasted text like `parseHexDetailed`, but never throws: text that does not
 * parse gives `ok: false` with the located error, ready to show beside the input.
 */
export function readHex(text: string): HexReading {
	try {
		return { ok: true, ...parseHexDetailed(text) };
	} catch (error) {
		if (error instanceof HexParseError) {
			const { message, index, line, column } = error;
			return { ok: false, error: { message, index, line, column } };
		}
		throw error;
	}
}
