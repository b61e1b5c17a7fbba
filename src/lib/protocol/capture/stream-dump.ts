/**
 * Reading Wireshark's "Follow TCP Stream" text back into the two byte streams it shows.
 *
 * Five layouts, as Wireshark writes them (ui/qt/follow_stream_dialog.cpp `showBuffer`, and
 * ui/cli/tap-follow.c `follow_draw` / `follow_print_hex` for tshark):
 *
 * - **Hex Dump** (window): per chunk, lines of `%08X  ` (offset, counted per direction), 16
 *   bytes as `xx ` with an extra space after the 8th, padding, then the bytes as text. The
 *   server's lines start with 4 spaces (older GTK versions: 78).
 * - **C Arrays** (window): `char peer0_0[] = { /* Packet 4 *\/` then lines of up to 8 `0xNN`
 *   separated by commas, `};` after the last byte. peer0 is the client, peer1 the server.
 * - **Raw** (window): one line of hex per chunk. The window shows the side only by colour, so
 *   the copied text cannot tell them apart.
 * - **tshark -z follow,tcp,hex,N**: a header (`Follow: tcp,hex`, `Filter:`, `Node 0:`,
 *   `Node 1:`) between `=====` lines, then the Hex Dump layout with the server's lines indented
 *   by a tab and 2 spaces before the text column.
 * - **tshark -z follow,tcp,raw,N**: the same header, then one hex line per chunk, the server's
 *   indented by a tab.
 *
 * Bytes are read by position, never by guessing which tokens look like hex, so a text column
 * reading `deadbeef` is never taken for data. `readStreamDump` never throws: text it cannot read
 * gives the line and column of the first thing wrong.
 */
import { dumpText } from './follow-text';
import {
	ARRAY_START,
	FOLLOW,
	HEXDUMP_LINE,
	RAW_LINE,
	splitLines,
	type Line
} from './stream-dump-lines';

export { looksLikeStreamDump } from './stream-dump-lines';

/** The layouts `readStreamDump` reads. */
export type StreamDumpFormat = 'hexdump' | 'raw' | 'c-arrays' | 'tshark-hex' | 'tshark-raw';

/** One chunk as the dump shows it: a run of bytes one side sent (one packet's, in Wireshark). */
export interface StreamDumpChunk {
	/** 0 for node 0 / the client, 1 for node 1 / the server. */
	from: 0 | 1;
	bytes: Uint8Array;
	/** 1-based line where the chunk starts. */
	line: number;
	/** The frame number the C Arrays layout names (`/* Packet 4 *\/`), when it does. */
	packet?: number;
}

/** Something true of the whole dump that a reader should know (cut short, sides unmarked). */
export interface StreamDumpNote {
	message: string;
	line: number;
}

export type StreamDumpReading =
	| {
			ok: true;
			format: StreamDumpFormat;
			/** tshark's `Node 0:` and `Node 1:` endpoints, e.g. '127.0.0.1:39548', '[::1]:80'. */
			nodes?: [string, string];
			chunks: StreamDumpChunk[];
			/** [node 0 → node 1, node 1 → node 0], each chunk's bytes in order. */
			streams: [Uint8Array, Uint8Array];
			/** 'unmarked' when the layout cannot tell the sides apart (window Raw): all are 0. */
			directions: 'marked' | 'unmarked';
			notes: StreamDumpNote[];
	  }
	| { ok: false; error: { message: string; line: number; column: number } };

class DumpError {
	constructor(
		readonly message: string,
		readonly line: number,
		readonly column: number
	) {}
}

const HEX = /^[0-9a-fA-F]$/;

/** The value of a hex digit's character code, or -1. */
function nibble(code: number): number {
	if (code >= 48 && code <= 57) return code - 48;
	if (code >= 97 && code <= 102) return code - 87;
	if (code >= 65 && code <= 70) return code - 55;
	return -1;
}
const SEPARATOR = /^={20,}\s*$/;
const FILTER = /^Filter: /;
const NODE = /^Node ([01]): (.*?)\s*$/;
const TRUNCATED = /^\s*\[Stream output truncated\]\s*$/;
const isBlank = (text: string) => text.trim() === '';

/** Collects chunks and the two streams as they are read (one growing buffer per side). */
class Collector {
	private readonly started: { from: 0 | 1; start: number; line: number; packet?: number }[] = [];
	private readonly buffers: [Uint8Array, Uint8Array] = [new Uint8Array(1024), new Uint8Array(1024)];
	private readonly totals: [number, number] = [0, 0];
	private side: 0 | 1 | undefined;

	start(from: 0 | 1, line: number, packet?: number) {
		this.side = from;
		this.started.push({ from, start: this.totals[from], line, packet });
	}

	push(byte: number) {
		const side = this.side;
		if (side === undefined) return;
		let buffer = this.buffers[side];
		if (this.totals[side] === buffer.length) {
			const grown = new Uint8Array(buffer.length * 2);
			grown.set(buffer);
			this.buffers[side] = buffer = grown;
		}
		buffer[this.totals[side]++] = byte;
	}

	/** Bytes of side `from` so far. */
	length(from: 0 | 1): number {
		return this.totals[from];
	}

	finish(): { chunks: StreamDumpChunk[]; streams: [Uint8Array, Uint8Array] } {
		const streams: [Uint8Array, Uint8Array] = [
			this.buffers[0].slice(0, this.totals[0]),
			this.buffers[1].slice(0, this.totals[1])
		];
		const chunks: StreamDumpChunk[] = [];
		this.started.forEach((chunk, i) => {
			let end = this.totals[chunk.from];
			for (let j = i + 1; j < this.started.length; j++)
				if (this.started[j].from === chunk.from) {
					end = this.started[j].start;
					break;
				}
			if (end === chunk.start) return;
			const found: StreamDumpChunk = {
				from: chunk.from,
				bytes: streams[chunk.from].subarray(chunk.start, end),
				line: chunk.line
			};
			if (chunk.packet !== undefined) found.packet = chunk.packet;
			chunks.push(found);
		});
		return { chunks, streams };
	}
}

/** tshark's header: the mode, the nodes, and where the data lines are. */
interface Header {
	mode?: string;
	nodes: [string, string];
	/** Lines that are neither header nor separator nor blank. */
	body: Line[];
}

function readHeader(lines: Line[]): Header {
	const header: Header = { nodes: ['', ''], body: [] };
	let blocks = 0;
	for (const line of lines) {
		const text = line.text;
		if (SEPARATOR.test(text) || isBlank(text)) continue;
		const follow = FOLLOW.exec(text);
		if (follow) {
			if (++blocks > 1) throw new DumpError(dumpText.secondBlock(), line.number, 1);
			header.mode = follow[2];
			continue;
		}
		if (header.mode !== undefined && FILTER.test(text)) continue;
		const node = header.mode !== undefined ? NODE.exec(text) : null;
		if (node) {
			header.nodes[Number(node[1])] = node[2];
			continue;
		}
		header.body.push(line);
	}
	return header;
}

/** The side an indented line belongs to (indentation marks the second node). */
const sideOf = (indent: string): 0 | 1 => (indent.length > 0 ? 1 : 0);

function readHexdump(body: Line[], out: Collector, notes: StreamDumpNote[]): void {
	let previous: { from: 0 | 1; full: boolean } | undefined;
	const seen: [boolean, boolean] = [false, false];
	const base: [number, number] = [0, 0];
	for (const line of body) {
		if (TRUNCATED.test(line.text)) {
			notes.push({ message: dumpText.truncatedNote(), line: line.number });
			continue;
		}
		const match = HEXDUMP_LINE.exec(line.text);
		if (!match) throw new DumpError(dumpText.badHexLine(), line.number, firstNonBlank(line.text));
		const [, indent, offsetText] = match;
		const from = sideOf(indent);
		const offset = parseInt(offsetText, 16);
		const expected = base[from] + out.length(from);
		if (!seen[from]) {
			// A partial copy may start anywhere; from then on the offsets must count the bytes.
			seen[from] = true;
			base[from] = offset;
		} else if (offset !== expected) {
			throw new DumpError(
				dumpText.offsetMismatch(offset, expected, from),
				line.number,
				indent.length + 1
			);
		}
		// A new chunk starts where the side changes or the previous line of the chunk was short.
		if (!previous || previous.from !== from || !previous.full) out.start(from, line.number);
		const area = indent.length + 10;
		let count = 0;
		const text = line.text;
		while (count < 16) {
			const at = area + 3 * count + (count >= 8 ? 1 : 0);
			const hi = nibble(text.charCodeAt(at));
			const lo = nibble(text.charCodeAt(at + 1));
			if (hi < 0 || lo < 0) break;
			if (at + 2 < text.length && text.charCodeAt(at + 2) !== 32) break;
			out.push((hi << 4) | lo);
			count++;
		}
		if (count < 16) {
			// A short line is padded with spaces up to its text column (49 columns of hex area in
			// every format), so anything else there is a byte that is not hex, not the text.
			const at = area + 3 * count + (count >= 8 ? 1 : 0);
			const end = Math.min(text.length, area + 49);
			for (let i = at; i < end; i++) {
				if (text.charCodeAt(i) !== 32) {
					const found = text.slice(i, i + 2).trim();
					throw new DumpError(dumpText.badHexByte(found), line.number, i + 1);
				}
			}
		}
		previous = { from, full: count === 16 };
	}
}

function firstNonBlank(text: string): number {
	const at = text.search(/\S/);
	return at < 0 ? 1 : at + 1;
}

function readRaw(body: Line[], out: Collector, notes: StreamDumpNote[]): void {
	for (const line of body) {
		if (TRUNCATED.test(line.text)) {
			notes.push({ message: dumpText.truncatedNote(), line: line.number });
			continue;
		}
		const indent = /^[ \t]*/.exec(line.text)![0];
		const digits = line.text.trimEnd();
		for (let i = indent.length; i < digits.length; i++) {
			if (nibble(digits.charCodeAt(i)) < 0)
				throw new DumpError(dumpText.notHex(digits[i]), line.number, i + 1);
		}
		if ((digits.length - indent.length) % 2 !== 0)
			throw new DumpError(dumpText.rawOdd(), line.number, digits.length + 1);
		out.start(sideOf(indent), line.number);
		for (let i = indent.length; i < digits.length; i += 2)
			out.push((nibble(digits.charCodeAt(i)) << 4) | nibble(digits.charCodeAt(i + 1)));
	}
}

function readCArrays(body: Line[], out: Collector): void {
	let open: Line | undefined;
	for (const line of body) {
		const start = ARRAY_START.exec(line.text);
		let rest = line.text;
		let column = 1;
		if (start) {
			if (open) throw new DumpError(dumpText.arrayNotClosed(), open.number, 1);
			const comment = /\/\*\s*Packet\s+(\d+)\s*\*\//.exec(start[3]);
			out.start(Number(start[1]) as 0 | 1, line.number, comment ? Number(comment[1]) : undefined);
			open = line;
			rest = start[3].replace(/\/\*.*?\*\//, (m) => ' '.repeat(m.length));
			column = line.text.length - start[3].length + 1;
		} else if (!open) {
			if (isBlank(line.text)) continue;
			throw new DumpError(dumpText.bytesOutsideArray(), line.number, firstNonBlank(line.text));
		}
		// Entries: 0xNN, separated by commas; "};" closes the array.
		let i = 0;
		while (i < rest.length) {
			const c = rest[i];
			if (c === ' ' || c === '\t' || c === ',') {
				i++;
				continue;
			}
			if (c === '}') {
				const tail = rest.slice(i + 1).trim();
				if (tail !== ';' && tail !== '')
					throw new DumpError(dumpText.badArrayLine(), line.number, column + i + 1);
				open = undefined;
				i = rest.length;
				continue;
			}
			if (
				c === '0' &&
				(rest[i + 1] === 'x' || rest[i + 1] === 'X') &&
				HEX.test(rest[i + 2] ?? '') &&
				HEX.test(rest[i + 3] ?? '')
			) {
				out.push(parseInt(rest.slice(i + 2, i + 4), 16));
				i += 4;
				if (HEX.test(rest[i] ?? ''))
					throw new DumpError(dumpText.badArrayLine(), line.number, column + i);
				continue;
			}
			throw new DumpError(dumpText.badArrayLine(), line.number, column + i);
		}
	}
	if (open) throw new DumpError(dumpText.arrayUnclosedAtEnd(), open.number, 1);
}

function read(text: string): StreamDumpReading {
	const lines = splitLines(text);
	const content = lines.filter((l) => !isBlank(l.text));
	if (content.length === 0) throw new DumpError(dumpText.empty(), 1, 1);
	const header = readHeader(lines);
	const body = header.body;
	const notes: StreamDumpNote[] = [];
	const out = new Collector();
	let format: StreamDumpFormat;
	if (header.mode !== undefined) {
		const followLine = lines.find((l) => FOLLOW.test(l.text)) as Line;
		const column = followLine.text.indexOf(',') + 2;
		if (header.mode === 'yaml') throw new DumpError(dumpText.yamlMode(), followLine.number, column);
		if (header.mode !== 'hex' && header.mode !== 'raw')
			throw new DumpError(dumpText.asciiMode(header.mode), followLine.number, column);
		format = header.mode === 'hex' ? 'tshark-hex' : 'tshark-raw';
	} else {
		const first = body[0];
		if (!first) throw new DumpError(dumpText.empty(), 1, 1);
		if (/^peers:\s*$/.test(first.text)) throw new DumpError(dumpText.yamlMode(), first.number, 1);
		if (body.some((l) => ARRAY_START.test(l.text))) format = 'c-arrays';
		else if (HEXDUMP_LINE.test(first.text)) {
			format = body.some((l) => /^\t/.test(l.text)) ? 'tshark-hex' : 'hexdump';
		} else if (RAW_LINE.test(first.text)) {
			format = body.some((l) => /^\t/.test(l.text)) ? 'tshark-raw' : 'raw';
		} else throw new DumpError(dumpText.unknown(), first.number, firstNonBlank(first.text));
	}
	if (format === 'c-arrays') readCArrays(body, out);
	else if (format === 'hexdump' || format === 'tshark-hex') readHexdump(body, out, notes);
	else readRaw(body, out, notes);
	const { chunks, streams } = out.finish();
	const marked = format !== 'raw' || chunks.some((c) => c.from === 1);
	if (!marked) notes.push({ message: dumpText.unmarkedNote(), line: body[0]?.number ?? 1 });
	else if (format === 'hexdump' && chunks.length > 0 && chunks.every((c) => c.from === 0))
		notes.push({ message: dumpText.oneSideNote(), line: body[0]?.number ?? 1 });
	const reading: StreamDumpReading = {
		ok: true,
		format,
		chunks,
		streams,
		directions: marked ? 'marked' : 'unmarked',
		notes
	};
	if (header.mode !== undefined && (header.nodes[0] || header.nodes[1]))
		reading.nodes = header.nodes;
	return reading;
}

/**
 * Reads a Follow TCP Stream dump (Hex Dump, C Arrays or Raw from Wireshark's window, or tshark's
 * follow hex or raw output) into its chunks and two streams. Never throws: unreadable text gives
 * `ok: false` with the line and column of the first problem.
 */
export function readStreamDump(text: string): StreamDumpReading {
	try {
		return read(typeof text === 'string' ? text : '');
	} catch (error) {
		if (error instanceof DumpError)
			return {
				ok: false,
				error: { message: error.message, line: error.line, column: error.column }
			};
		throw error;
	}
}
