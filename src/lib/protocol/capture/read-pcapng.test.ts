/**
 * pcapng files built block by block (fixtures/write.ts) from draft-ietf-opsawg-pcapng §3–§4 and
 * Appendix A; the expected times and offsets are worked out from the draft in the comments.
 */
import { describe, expect, it } from 'vitest';
import {
	block,
	byte,
	concat,
	epb,
	idb,
	int64,
	pb,
	shb,
	spb,
	uint32,
	Writer
} from './fixtures/write';
import { readCapture } from './read';
import { PROBLEM_LIMIT } from './read-problems';
import type { CaptureReading } from './types';

type Ok = Extract<CaptureReading, { ok: true }>;

function ok(bytes: Uint8Array): Ok {
	const reading = readCapture(bytes);
	if (!reading.ok) throw new Error(reading.error.message);
	return reading;
}

const LE = true;
const BE = false;
const data = (n: number) => Uint8Array.from({ length: n }, (_, i) => i);
const ethernet = (little: boolean, options = [] as Parameters<typeof idb>[3]) =>
	idb(little, 1, 0, options);
const tsresol = (value: number) => ({ code: 9, value: byte(value) });

/** The time of one EPB with `ticks` on an interface with these options. */
function timeOf(ticks: bigint, options: Parameters<typeof idb>[3], little = LE): bigint {
	const reading = ok(
		concat(
			shb(little),
			ethernet(little, options),
			epb(little, { interfaceId: 0, ticks, data: data(1) })
		)
	);
	expect(reading.problems).toEqual([]);
	return reading.packets[0].time;
}

describe('readCapture on pcapng: timestamps (§4.2 if_tsresol, if_tsoffset; §4.3)', () => {
	it('counts microseconds when if_tsresol is absent', () => {
		// 1,700,000,000.123456 s.
		expect(timeOf(1_700_000_000_123_456n, [])).toBe(1_700_000_000_123_456_000n);
	});

	it.each([
		// [if_tsresol byte, ticks, nanoseconds since the epoch]
		[6, 1_700_000_000_123_456n, 1_700_000_000_123_456_000n], // 10⁻⁶: microseconds
		[9, 1_700_000_000_123_456_789n, 1_700_000_000_123_456_789n], // 10⁻⁹: nanoseconds
		[3, 1_700_000_000_123n, 1_700_000_000_123_000_000n], // 10⁻³: milliseconds
		[0, 1_700_000_000n, 1_700_000_000_000_000_000n], // 10⁰: seconds
		// 10⁻¹²: picoseconds (2⁶⁴ ps is about 213 days), the fraction rounded down to the ns.
		[12, 1_700_000_123_456_789_999n, 1_700_000_123_456_789n]
	])('reads if_tsresol %i as a negative power of 10', (resol, ticks, expected) => {
		expect(timeOf(ticks, [tsresol(resol)])).toBe(expected);
	});

	it.each([
		// "10 means 1/1024": 1,700,000,000 s and 1 tick = 1/1024 s = 976,562.5 ns, rounded down.
		[0x8a, 1_700_000_000n * 1024n + 1n, 1_700_000_000_000_976_562n],
		// 512/1024 s = 0.5 s exactly.
		[0x8a, 1_700_000_000n * 1024n + 512n, 1_700_000_000_500_000_000n],
		// 2⁰: whole seconds.
		[0x80, 1_700_000_000n, 1_700_000_000_000_000_000n],
		// 2⁻³⁰ s: 3 ticks = 2.79396772... ns, rounded down to 2.
		[0x9e, 1_700_000_000n * 2n ** 30n + 3n, 1_700_000_000_000_000_002n]
	])(
		'reads if_tsresol byte %i (top bit set) as a negative power of 2',
		(resol, ticks, expected) => {
			expect(timeOf(ticks, [tsresol(resol)])).toBe(expected);
		}
	);

	it('keeps the resolution of each interface on the interface', () => {
		const reading = ok(concat(shb(LE), ethernet(LE, [tsresol(0x8a)]), ethernet(LE, [tsresol(3)])));
		expect(reading.interfaces.map((i) => i.resolution)).toEqual([1024n, 1000n]);
	});

	it('adds if_tsoffset seconds, positive or negative', () => {
		const offset = (seconds: bigint) => ({ code: 14, value: int64(LE, seconds) });
		// 5.25 s after an offset of 1,700,000,000 s.
		expect(timeOf(5_250_000n, [offset(1_700_000_000n)])).toBe(1_700_000_005_250_000_000n);
		// An hour before the tick count.
		expect(timeOf(3_600_000_001n, [offset(-3600n)])).toBe(1_000n);
	});

	it('reads if_tsoffset in the big-endian byte order of its section', () => {
		const offset = { code: 14, value: int64(BE, 1_700_000_000n) };
		expect(timeOf(1n, [offset], BE)).toBe(1_700_000_000_000_001_000n);
	});

	it('reads a 64-bit tick count beyond 2⁵³ exactly', () => {
		// Upper word 0x00400000: 2⁵⁴ + 7 µs.
		expect(timeOf(2n ** 54n + 7n, [])).toBe((2n ** 54n + 7n) * 1000n);
		expect(timeOf(2n ** 64n - 1n, [tsresol(9)])).toBe(2n ** 64n - 1n);
	});

	it('ignores an if_tsresol of the wrong length, with a located warning', () => {
		const file = concat(
			shb(LE),
			ethernet(LE, [{ code: 9, value: Uint8Array.of(9, 9) }]),
			epb(LE, { interfaceId: 0, ticks: 1n, data: data(1) })
		);
		const reading = ok(file);
		expect(reading.interfaces[0].resolution).toBe(1_000_000n);
		// SHB 28 bytes, then the IDB's type, length, LinkType, reserved, SnapLen: option at 44.
		expect(reading.problems).toEqual([
			expect.objectContaining({ code: 'OPTION_LENGTH_INVALID', offset: 44, severity: 'warning' })
		]);
	});
});

describe('readCapture on pcapng: blocks and packets', () => {
	it('reads an Enhanced Packet Block: interface, lengths, padded data, offset', () => {
		const file = concat(
			shb(LE),
			ethernet(LE),
			epb(LE, { interfaceId: 0, ticks: 0n, data: data(5), originalLength: 60 })
		);
		const reading = ok(file);
		// SHB 28 + IDB 20; the data starts 28 bytes into the EPB.
		expect(reading.packets[0]).toMatchObject({
			index: 0,
			interface: 0,
			linkType: 1,
			capturedLength: 5,
			originalLength: 60,
			offset: 48
		});
		expect([...reading.packets[0].bytes]).toEqual([0, 1, 2, 3, 4]);
		expect(reading.packets[0].bytes.byteOffset).toBe(48 + 28);
	});

	it('reads the comments of a packet, ending each at a zero byte, repairing bad UTF-8', () => {
		const file = concat(
			shb(LE),
			ethernet(LE),
			epb(LE, {
				interfaceId: 0,
				ticks: 0n,
				data: data(3),
				comments: ['first', 'second\0ignored', '\u00e9t\u00e9']
			})
		);
		expect(ok(file).packets[0].comments).toEqual(['first', 'second', 'été']);
		const bad = new Writer(LE);
		bad.u16(1).u16(3).bytes([0x61, 0xff, 0x62]).pad().u16(0).u16(0);
		const withBad = concat(
			shb(LE),
			ethernet(LE),
			block(LE, 6, (w) => {
				w.u32(0).u32(0).u32(0).u32(1).u32(1).bytes([7]).pad();
				w.bytes(bad.done());
			})
		);
		expect(ok(withBad).packets[0].comments).toEqual(['a\ufffdb']);
	});

	it('reads the interface name and description', () => {
		const reading = ok(
			concat(
				shb(LE),
				ethernet(LE, [
					{ code: 2, value: 'eth0' },
					{ code: 3, value: 'First Ethernet Interface' }
				])
			)
		);
		expect(reading.interfaces).toEqual([
			{
				section: 0,
				index: 0,
				linkType: 1,
				snaplen: 0,
				name: 'eth0',
				description: 'First Ethernet Interface',
				resolution: 1_000_000n,
				offsetSeconds: 0n
			}
		]);
	});

	it('reads an options list without opt_endofopt up to the end of the block', () => {
		const file = concat(
			shb(LE),
			block(LE, 1, (w) => {
				w.u16(1).u16(0).u32(0);
				w.u16(2).u16(2).bytes([0x6c, 0x6f]).pad();
			})
		);
		expect(ok(file).interfaces[0].name).toBe('lo');
	});

	it('stops reading options that overrun their block, with a warning, and keeps the packet', () => {
		const file = concat(
			shb(LE),
			ethernet(LE),
			block(LE, 6, (w) => {
				w.u32(0).u32(0).u32(0).u32(1).u32(1).bytes([7]).pad();
				w.u16(1).u16(200).bytes([0x61, 0x62, 0x63, 0x64]);
			})
		);
		const reading = ok(file);
		expect(reading.packets).toHaveLength(1);
		// The option starts 32 bytes into the EPB at 48: 4 of its 200 bytes are in the block.
		expect(reading.problems).toEqual([
			expect.objectContaining({ code: 'OPTION_OVERRUN', offset: 80, severity: 'warning' })
		]);
		expect(reading.problems[0].message).toContain('says its value is 200 bytes long');
	});

	it('reads a Simple Packet Block: interface 0, captured = min(original, SnapLen) (§4.4)', () => {
		const file = concat(
			shb(LE),
			idb(LE, 1, 8),
			idb(LE, 101, 0),
			spb(LE, 60, data(8)), // cut to the first interface's SnapLen
			spb(LE, 5, data(5)) // shorter than the SnapLen: all of it, padded to 8
		);
		const reading = ok(file);
		expect(
			reading.packets.map((p) => [p.interface, p.linkType, p.capturedLength, p.originalLength])
		).toEqual([
			[0, 1, 8, 60],
			[0, 1, 5, 5]
		]);
		expect(reading.packets.map((p) => p.offset)).toEqual([28 + 20 + 20, 28 + 20 + 20 + 24]);
		expect(reading.packets.map((p) => p.time)).toEqual([0n, 0n]);
		expect(reading.problems.map((p) => p.code).sort()).toEqual(['NO_TIMESTAMP', 'SNAPLEN_CUT']);
	});

	it('reads a Simple Packet Block with SnapLen 0 as uncut', () => {
		const reading = ok(concat(shb(LE), ethernet(LE), spb(LE, 9, data(9))));
		expect(reading.packets[0]).toMatchObject({ capturedLength: 9, originalLength: 9 });
	});

	it('skips a Simple Packet Block too short for min(original, SnapLen), with an error', () => {
		const file = concat(shb(LE), ethernet(LE), spb(LE, 60, data(8)), spb(LE, 4, data(4)));
		const reading = ok(file);
		expect(reading.packets.map((p) => p.capturedLength)).toEqual([4]);
		expect(reading.problems).toContainEqual(
			expect.objectContaining({ code: 'PACKET_PAST_BLOCK', offset: 48, severity: 'error' })
		);
	});

	it('skips a Simple Packet Block before any interface, with an error', () => {
		const reading = ok(concat(shb(LE), spb(LE, 4, data(4)), ethernet(LE), spb(LE, 4, data(4))));
		expect(reading.packets.map((p) => p.offset)).toEqual([28 + 20 + 20]);
		expect(reading.problems.map((p) => [p.code, p.offset, p.severity])).toEqual([
			['UNDEFINED_INTERFACE', 28, 'error'],
			['NO_TIMESTAMP', 68, 'warning']
		]);
	});

	it('reads an obsolete Packet Block with its 16-bit interface ID, and says it is obsolete', () => {
		const file = concat(
			shb(BE),
			ethernet(BE),
			idb(BE, 101, 0),
			pb(BE, { interfaceId: 1, ticks: 2_000_000n, data: data(4) })
		);
		const reading = ok(file);
		expect(reading.packets[0]).toMatchObject({ interface: 1, linkType: 101, time: 2_000_000_000n });
		expect(reading.problems).toEqual([
			expect.objectContaining({ code: 'OBSOLETE_PACKET_BLOCK', offset: 68, severity: 'warning' })
		]);
	});

	it('skips an EPB on an undefined interface with a located error, and reads on', () => {
		const file = concat(
			shb(LE),
			ethernet(LE),
			epb(LE, { interfaceId: 1, ticks: 0n, data: data(4) }),
			epb(LE, { interfaceId: 0, ticks: 0n, data: data(4) })
		);
		const reading = ok(file);
		expect(reading.packets.map((p) => p.offset)).toEqual([48 + 36]);
		expect(reading.packets[0].index).toBe(0);
		expect(reading.problems).toEqual([
			expect.objectContaining({
				code: 'UNDEFINED_INTERFACE',
				offset: 48 + 8,
				length: 4,
				severity: 'error',
				source: 'pcapng draft-ietf-opsawg-pcapng §4.3'
			})
		]);
		expect(reading.problems[0].message).toContain(
			'refers to interface 1, but its section describes only 1 interface before it (0)'
		);
	});

	it('skips an EPB whose captured length is longer than the block, with an error', () => {
		const good = epb(LE, { interfaceId: 0, ticks: 0n, data: data(4) });
		const bad = good.slice();
		bad.set(uint32(LE, 5), 20); // Captured Length 5 > the 4 bytes of room
		const reading = ok(concat(shb(LE), ethernet(LE), bad, good));
		expect(reading.packets.map((p) => p.offset)).toEqual([48 + 36]);
		expect(reading.problems).toEqual([
			expect.objectContaining({ code: 'PACKET_PAST_BLOCK', offset: 48, length: 36 })
		]);
	});

	it('skips a packet block shorter than its fixed fields, and reads on', () => {
		const short = block(LE, 6, (w) => w.u32(0).u32(0).u32(0).u32(0)); // 28 < 32 bytes
		const reading = ok(
			concat(shb(LE), ethernet(LE), short, epb(LE, { interfaceId: 0, ticks: 0n, data: data(1) }))
		);
		expect(reading.packets.map((p) => p.offset)).toEqual([48 + 28]);
		expect(reading.problems).toEqual([
			expect.objectContaining({ code: 'BLOCK_TOO_SHORT', offset: 48, length: 28 })
		]);
	});

	it('skips Name Resolution, Interface Statistics, Decryption Secrets, Custom and local blocks', () => {
		const skipped = [
			block(LE, 4, (w) => w.u16(0).u16(0)),
			block(LE, 5, (w) => w.u32(0).u32(0).u32(0)),
			block(LE, 0x0a, (w) => w.u32(0x544c534b).u32(0)),
			block(LE, 0x00000bad, (w) => w.u32(32473)),
			block(LE, 0x40000bad, (w) => w.u32(32473).u32(1)),
			block(LE, 0x80000000, () => {}),
			block(LE, 7, (w) => w.bytes(data(9)))
		];
		const before = 28 + 20 + skipped.reduce((n, b) => n + b.length, 0);
		const reading = ok(
			concat(
				shb(LE),
				ethernet(LE),
				...skipped,
				epb(LE, { interfaceId: 0, ticks: 0n, data: data(2) })
			)
		);
		expect(reading.problems).toEqual([]);
		expect(reading.packets.map((p) => p.offset)).toEqual([before]);
	});

	it('lists at most PROBLEM_LIMIT problems of one code and counts the rest', () => {
		const bad = epb(LE, { interfaceId: 9, ticks: 0n, data: data(1) });
		const file = concat(shb(LE), ethernet(LE), ...Array(PROBLEM_LIMIT + 5).fill(bad));
		const reading = ok(file);
		expect(reading.problems.filter((p) => p.code === 'UNDEFINED_INTERFACE')).toHaveLength(
			PROBLEM_LIMIT
		);
		const more = reading.problems.filter((p) => p.code === 'MORE_PROBLEMS');
		expect(more).toHaveLength(1);
		expect(more[0].message).toBe(
			'5 more problems like the ones above (UNDEFINED_INTERFACE) were not listed.'
		);
	});
});

describe('readCapture on pcapng: sections (§3.4, §4.1)', () => {
	it('reads sections of both byte orders, numbering interfaces within each section', () => {
		const file = concat(
			shb(LE),
			ethernet(LE),
			idb(LE, 101, 0),
			epb(LE, { interfaceId: 1, ticks: 1n, data: data(1) }),
			shb(BE),
			idb(BE, 113, 0),
			epb(BE, { interfaceId: 0, ticks: 2n, data: data(2) })
		);
		const reading = ok(file);
		expect(reading.byteOrder).toBe('little');
		expect(reading.interfaces.map((i) => [i.section, i.index, i.linkType])).toEqual([
			[0, 0, 1],
			[0, 1, 101],
			[1, 0, 113]
		]);
		expect(reading.packets.map((p) => [p.index, p.interface, p.linkType, p.time])).toEqual([
			[0, 1, 101, 1000n],
			[1, 0, 113, 2000n]
		]);
	});

	it("forgets a section's interfaces at the next section header", () => {
		const file = concat(
			shb(LE),
			ethernet(LE),
			ethernet(LE),
			shb(LE),
			ethernet(LE),
			epb(LE, { interfaceId: 1, ticks: 0n, data: data(1) })
		);
		const reading = ok(file);
		expect(reading.packets).toEqual([]);
		expect(reading.problems.map((p) => p.code)).toEqual(['UNDEFINED_INTERFACE']);
	});

	it('reports the byte order of a big-endian file', () => {
		expect(ok(concat(shb(BE), ethernet(BE))).byteOrder).toBe('big');
	});

	it('skips a section of another major version up to the next section header', () => {
		const file = concat(
			shb(LE, { major: 2 }),
			ethernet(LE),
			epb(LE, { interfaceId: 0, ticks: 0n, data: data(1) }),
			shb(LE),
			ethernet(LE),
			epb(LE, { interfaceId: 0, ticks: 0n, data: data(3) })
		);
		const reading = ok(file);
		expect(reading.packets.map((p) => p.capturedLength)).toEqual([3]);
		expect(reading.interfaces).toHaveLength(1);
		expect(reading.problems).toEqual([
			expect.objectContaining({ code: 'UNSUPPORTED_VERSION', offset: 12, severity: 'error' })
		]);
	});

	it('reads minor version 2 as 1.0 quietly, and warns about another minor version', () => {
		expect(ok(shb(LE, { minor: 2 })).problems).toEqual([]);
		expect(ok(shb(LE, { minor: 1 })).problems).toEqual([
			expect.objectContaining({ code: 'MINOR_VERSION', offset: 14, severity: 'warning' })
		]);
	});

	it('checks a Section Length that is given against the section', () => {
		const body = concat(ethernet(LE), epb(LE, { interfaceId: 0, ticks: 0n, data: data(1) }));
		expect(ok(concat(shb(LE, { sectionLength: BigInt(body.length) }), body)).problems).toEqual([]);
		const wrong = ok(concat(shb(LE, { sectionLength: BigInt(body.length + 4) }), body, shb(LE)));
		expect(wrong.problems).toEqual([
			expect.objectContaining({ code: 'SECTION_LENGTH_MISMATCH', offset: 16, length: 8 })
		]);
		expect(wrong.problems[0].message).toContain(`holds ${body.length} bytes after the header`);
	});

	it('fails on a first Section Header Block with an unknown Byte-Order Magic', () => {
		const file = shb(LE);
		file.set([1, 2, 3, 4], 8);
		const reading = readCapture(file);
		expect(reading.ok).toBe(false);
		if (!reading.ok)
			expect(reading.error).toMatchObject({ code: 'BAD_BYTE_ORDER_MAGIC', offset: 8, length: 4 });
	});

	it('keeps the packets of earlier sections when a later header is damaged', () => {
		const later = shb(LE);
		later.set([1, 2, 3, 4], 8);
		const first = concat(
			shb(LE),
			ethernet(LE),
			epb(LE, { interfaceId: 0, ticks: 0n, data: data(1) })
		);
		const reading = ok(concat(first, later));
		expect(reading.packets).toHaveLength(1);
		expect(reading.problems).toEqual([
			expect.objectContaining({ code: 'BAD_BYTE_ORDER_MAGIC', offset: first.length + 8 })
		]);
	});
});

describe('readCapture on pcapng: damaged framing (§3.1)', () => {
	const good = () =>
		concat(
			shb(LE),
			ethernet(LE),
			epb(LE, { interfaceId: 0, ticks: 0n, data: data(4) }),
			epb(LE, { interfaceId: 0, ticks: 0n, data: data(4) })
		);
	// SHB 0–27, IDB 28–47, EPB 48–83, EPB 84–119.

	it('stops at a block whose two lengths differ, locating the trailer', () => {
		const file = good();
		file.set(uint32(LE, 40), 84 + 32);
		const reading = ok(file);
		expect(reading.packets).toHaveLength(1);
		expect(reading.problems).toEqual([
			expect.objectContaining({ code: 'BLOCK_LENGTH_MISMATCH', offset: 116, length: 4 })
		]);
		expect(reading.problems[0].message).toContain(
			'starts with a Block Total Length of 36 but ends with 40'
		);
	});

	it('stops at a block length that is not a multiple of 4', () => {
		const file = good();
		file.set(uint32(LE, 34), 84 + 4);
		const reading = ok(file);
		expect(reading.problems).toEqual([
			expect.objectContaining({ code: 'BLOCK_LENGTH_NOT_MULTIPLE_OF_4', offset: 88, length: 4 })
		]);
	});

	it('stops at a block length below 12', () => {
		const file = good();
		file.set(uint32(LE, 8), 84 + 4);
		expect(ok(file).problems).toEqual([
			expect.objectContaining({ code: 'BLOCK_LENGTH_TOO_SMALL', offset: 88 })
		]);
	});

	it('stops at a block that runs past the end of the file', () => {
		const reading = ok(good().subarray(0, 110));
		expect(reading.packets).toHaveLength(1);
		expect(reading.problems).toEqual([
			expect.objectContaining({ code: 'TRUNCATED_BLOCK', offset: 84, length: 26 })
		]);
		expect(reading.problems[0].message).toContain('it needs 36 bytes, but only 26 bytes remain');
	});

	it('stops at fewer than 12 bytes after the last block', () => {
		const reading = ok(concat(good(), Uint8Array.of(6, 0, 0, 0)));
		expect(reading.packets).toHaveLength(2);
		expect(reading.problems).toEqual([
			expect.objectContaining({ code: 'TRUNCATED_BLOCK', offset: 120, length: 4 })
		]);
	});

	it.each([4, 11, 12, 27])('fails when the first Section Header Block is cut to %i bytes', (n) => {
		const reading = readCapture(good().subarray(0, n));
		expect(reading.ok).toBe(false);
		if (!reading.ok) expect(reading.error.code).toBe('TRUNCATED_BLOCK');
	});

	it('fails on a Section Header Block too short for its fields', () => {
		const reading = readCapture(block(LE, 0x0a0d0d0a, (w) => w.u32(0x1a2b3c4d)));
		expect(reading.ok).toBe(false);
		if (!reading.ok) expect(reading.error).toMatchObject({ code: 'BLOCK_TOO_SHORT', offset: 0 });
	});
});

describe('readCapture on bytes that are not a capture', () => {
	it('says an empty file is empty', () => {
		const reading = readCapture(new Uint8Array());
		expect(reading).toEqual({
			ok: false,
			packets: [],
			error: expect.objectContaining({ code: 'EMPTY', offset: 0, length: 0, severity: 'error' })
		});
	});

	it.each([
		['gzip', [0x1f, 0x8b, 8, 0, 0, 0], 'gzip-compressed'],
		['text', [...new TextEncoder().encode('GET / HTTP/1.1\r\n')], 'looks like text'],
		// "\n\r\r\n" after CRLF → LF: "\n\r\n".
		['CRLF → LF damage', [0x0a, 0x0d, 0x0a, 0x4d, 0x3c, 0x2b], 'text-mode transfer'],
		// "\n\r\r\n" after LF → CRLF: "\r\n\r\r\r\n".
		['LF → CRLF damage', [0x0d, 0x0a, 0x0d, 0x0d, 0x0d, 0x0a], 'text-mode transfer'],
		['other bytes', [0, 1, 2, 3, 4], 'neither a pcap magic number']
	])('explains a bad magic number (%s)', (_, bytes, words) => {
		const reading = readCapture(Uint8Array.from(bytes));
		expect(reading.ok).toBe(false);
		if (!reading.ok) {
			expect(reading.error).toMatchObject({ code: 'BAD_MAGIC', offset: 0, severity: 'error' });
			expect(reading.error.message).toContain(words);
		}
	});
});
