import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { readFields } from './fixtures/follow/tshark';
import { looksLikeStreamDump, readStreamDump, type StreamDumpReading } from './stream-dump';

const here = fileURLToPath(new URL('.', import.meta.url));
const dumps = `${here}/fixtures/follow/dumps`;
const dump = (name: string) => readFileSync(`${dumps}/${name}.txt`, 'utf8');
const hex = (bytes: Uint8Array) => Buffer.from(bytes).toString('hex');

/** The conversations, with the capture and stream tshark followed. */
const CONVERSATIONS = [
	{ name: 'websocket', fields: 'packet-tcp4.lo', stream: '0' },
	{ name: 'http', fields: 'follow', stream: '0' },
	{ name: 'http6', fields: 'follow', stream: '1' }
];
const FORMATS = ['tshark-raw', 'tshark-hex', 'hexdump', 'hexdump-old', 'c-arrays', 'raw'] as const;

/**
 * tshark's own raw output read the simplest way (one line per chunk, a tab for node 1): the
 * oracle every format is compared with.
 */
function tsharkChunks(name: string): { from: 0 | 1; hex: string }[] {
	return dump(`${name}.tshark-raw`)
		.split('\n')
		.filter((l) => /^\t?[0-9a-f]+$/.test(l))
		.map((l) => ({ from: l.startsWith('\t') ? 1 : 0, hex: l.trim() }));
}

function ok(reading: StreamDumpReading) {
	if (!reading.ok)
		throw new Error(`${reading.error.line}:${reading.error.column} ${reading.error.message}`);
	return reading;
}

describe('readStreamDump', () => {
	for (const { name, fields, stream } of CONVERSATIONS) {
		describe(`the ${name} conversation`, () => {
			const chunks = tsharkChunks(name);
			const side = (from: 0 | 1) =>
				chunks
					.filter((c) => c.from === from)
					.map((c) => c.hex)
					.join('');

			it("reads tshark's raw output chunk by chunk, with its two nodes", () => {
				const reading = ok(readStreamDump(dump(`${name}.tshark-raw`)));
				expect(reading.format).toBe('tshark-raw');
				expect(reading.chunks.map((c) => ({ from: c.from, hex: hex(c.bytes) }))).toEqual(chunks);
				const nodes = dump(`${name}.tshark-raw`).match(/^Node [01]: (.*)$/gm)!;
				expect(reading.nodes).toEqual(nodes.map((n) => n.slice(8)));
			});

			for (const format of ['tshark-hex', 'hexdump', 'hexdump-old', 'c-arrays'] as const) {
				it(`reads ${format} into the same two streams as tshark's raw output`, () => {
					const reading = ok(readStreamDump(dump(`${name}.${format}`)));
					expect(reading.format).toBe(format === 'hexdump-old' ? 'hexdump' : format);
					expect(reading.directions).toBe('marked');
					expect(hex(reading.streams[0])).toBe(side(0));
					expect(hex(reading.streams[1])).toBe(side(1));
					expect(reading.notes).toEqual([]);
				});
			}

			it('reads C Arrays chunk by chunk, each with the frame number tshark gives it', () => {
				const reading = ok(readStreamDump(dump(`${name}.c-arrays`)));
				expect(reading.chunks.map((c) => ({ from: c.from, hex: hex(c.bytes) }))).toEqual(chunks);
				const frames = readFields(fields)
					.filter((r) => r['tcp.stream'] === stream && Number(r['tcp.len']) > 0)
					.map((r) => Number(r['frame.number']));
				expect(reading.chunks.map((c) => c.packet)).toEqual(frames);
			});

			it("reads the window's Raw lines in order, and says it cannot tell the sides apart", () => {
				const reading = ok(readStreamDump(dump(`${name}.raw`)));
				expect(reading.format).toBe('raw');
				expect(reading.directions).toBe('unmarked');
				expect(reading.chunks.map((c) => hex(c.bytes))).toEqual(chunks.map((c) => c.hex));
				expect(reading.notes).toHaveLength(1);
			});

			it('gives the same two directions whichever format the dump is in', () => {
				const marked = FORMATS.filter((f) => f !== 'raw').map((f) => {
					const reading = ok(readStreamDump(dump(`${name}.${f}`)));
					return [hex(reading.streams[0]), hex(reading.streams[1])];
				});
				for (const streams of marked) expect(streams).toEqual(marked[0]);
			});
		});
	}

	it('starts a hex dump chunk at each change of side and after each short line', () => {
		const reading = ok(readStreamDump(dump('websocket.hexdump')));
		expect(reading.chunks.map((c) => [c.from, c.bytes.length, c.line])).toEqual([
			[0, 158, 1],
			[1, 129, 11],
			[0, 11, 20],
			[1, 7, 21]
		]);
	});

	it('reads pasted text with Windows line endings', () => {
		const text = dump('websocket.tshark-hex').replace(/\n/g, '\r\n');
		expect(hex(ok(readStreamDump(text)).streams[1])).toBe(
			hex(ok(readStreamDump(dump('websocket.tshark-hex'))).streams[1])
		);
	});

	it('reads a copy that starts part way through, then holds the offsets to the bytes', () => {
		const lines = dump('websocket.hexdump').split('\n');
		const reading = ok(readStreamDump(lines.slice(2).join('\n')));
		expect(reading.streams[0].length).toBe(158 - 32 + 11);
	});

	it('notes where Wireshark cut the stream short', () => {
		const text = `${dump('websocket.hexdump')}\n[Stream output truncated]\n`;
		const reading = ok(readStreamDump(text));
		expect(reading.notes.map((n) => n.line)).toEqual([23]);
	});

	describe('errors, located', () => {
		const error = (text: string) => {
			const reading = readStreamDump(text);
			if (reading.ok) throw new Error('read without error');
			return reading.error;
		};

		it('points at the offset of a line that does not follow the one before (a line deleted)', () => {
			const lines = dump('websocket.hexdump').split('\n');
			lines.splice(3, 1); // client offset 0x30 gone: the next line says 0x40 where 0x30 is due
			expect(error(lines.join('\n'))).toMatchObject({ line: 4, column: 1 });
			const server = dump('websocket.hexdump').split('\n');
			server.splice(12, 1);
			expect(error(server.join('\n'))).toMatchObject({ line: 13, column: 5 });
			expect(error(server.join('\n')).message).toContain('0x00000020');
		});

		it('points at a hex dump byte that is not hex, instead of reading the line up to it', () => {
			expect(error('00000000  47 4g 54')).toMatchObject({ line: 1, column: 14 });
			expect(error('00000000  47 4g 54').message).toContain('"4g"');
			// The same in a real dump's short last line: the text column after the padding is fine.
			const lines = dump('websocket.hexdump').split('\n');
			const last = lines.findLastIndex((l) => /^[0-9A-F]{8} {2}/.test(l));
			lines[last] = lines[last].slice(0, 13) + 'x' + lines[last].slice(14);
			expect(error(lines.join('\n'))).toMatchObject({ line: last + 1, column: 14 });
		});

		it('points at the character in a Raw line that is not hex', () => {
			expect(error('474554\n\t4854zz\n')).toMatchObject({ line: 2, column: 6 });
			expect(error('4745\n\t485\n')).toMatchObject({ line: 2, column: 5 });
		});

		it('points at a C array left open, and at bytes outside any array', () => {
			const text = dump('websocket.c-arrays');
			expect(error(text.replace('0x0a };', '0x0a,'))).toMatchObject({ line: 1, column: 1 });
			expect(error(`0x47, 0x45\n${text}`)).toMatchObject({ line: 1, column: 1 });
			expect(error(text.replace('0x47, 0x45,', '0x47, 0xg5,'))).toMatchObject({
				line: 2,
				column: 7
			});
		});

		it('refuses two follow blocks at once, and the modes that lost bytes', () => {
			const one = dump('websocket.tshark-raw');
			expect(error(one + one)).toMatchObject({ line: 14, column: 1 });
			expect(error(one.replace('Follow: tcp,raw', 'Follow: tcp,ascii'))).toMatchObject({
				line: 3,
				column: 13
			});
		});

		it('says what it expected when the text is no dump at all, or empty', () => {
			expect(error('hello world')).toMatchObject({ line: 1, column: 1 });
			expect(error('\n\n  \n')).toMatchObject({ line: 1, column: 1 });
		});

		it('never throws, whatever is pasted (fast-check)', () => {
			const samples = CONVERSATIONS.flatMap(({ name }) => FORMATS.map((f) => dump(`${name}.${f}`)));
			fc.assert(
				fc.property(
					fc.nat(samples.length - 1),
					fc.nat(),
					fc.nat(20),
					fc.string({ maxLength: 12 }),
					(which, at, cut, insert) => {
						const text = samples[which];
						const i = at % (text.length + 1);
						const mutated = text.slice(0, i) + insert + text.slice(i + cut);
						const reading = readStreamDump(mutated);
						if (!reading.ok) {
							expect(reading.error.line).toBeGreaterThanOrEqual(1);
							expect(reading.error.column).toBeGreaterThanOrEqual(1);
						}
						looksLikeStreamDump(mutated);
					}
				),
				{ numRuns: 500, seed: 7 }
			);
			fc.assert(
				fc.property(fc.string({ maxLength: 300 }), (text) => {
					readStreamDump(text);
					looksLikeStreamDump(text);
				}),
				{ numRuns: 300, seed: 8 }
			);
		});
	});
});

describe('looksLikeStreamDump', () => {
	it('recognises every format that marks both sides', () => {
		for (const { name } of CONVERSATIONS)
			for (const format of FORMATS.filter((f) => f !== 'raw'))
				expect(looksLikeStreamDump(dump(`${name}.${format}`)), `${name}.${format}`).toBe(true);
	});

	it('leaves single messages to the tools that read them', () => {
		const single = [
			'81 05 48 65 6c 6c 6f',
			'810548656c6c6f',
			'00000000: 8105 4865 6c6c 6f                        ..Hello',
			'00000000  81 05 48 65 6c 6c 6f                              |..Hello|',
			'0000   81 05 48 65 6c 6c 6f                              ..Hello',
			dump('websocket.raw'), // the window's Raw: one hex line per chunk, sides unmarked
			'GET /chat HTTP/1.1\r\nHost: example.com\r\n\r\n'
		];
		for (const text of single) expect(looksLikeStreamDump(text), text).toBe(false);
	});
});
