/**
 * readCapture against tshark on the fixture captures (see fixtures/README.md): every expected
 * value here is tshark's (its reading of the file, and Wireshark's file-format dissector over the
 * same bytes), never the reader's own output.
 */
import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import {
	CAPTURES,
	ENCAP_TO_LINKTYPE,
	nanoseconds,
	readFixture,
	readTshark,
	type TsharkBlock,
	type TsharkCapture
} from './fixtures/load';
import { captureFormat, readCapture } from './read';
import type { CaptureReading } from './types';

const md5 = (bytes: Uint8Array) => createHash('md5').update(bytes).digest('hex');

type Ok = Extract<CaptureReading, { ok: true }>;

function read(name: string): { reading: Ok; tshark: TsharkCapture; bytes: Uint8Array } {
	const bytes = readFixture(name);
	const reading = readCapture(bytes);
	if (!reading.ok) throw new Error(`${name}: ${reading.error.message}`);
	return { reading, tshark: readTshark(name), bytes };
}

/** tshark's frames that are packets (it also lists a pcapng Custom Block as a frame). */
const packetFrames = (tshark: TsharkCapture) => tshark.frames.filter((f) => f.encap !== null);

/** The Interface Description Blocks the file dissector read, in file order. */
const idbs = (tshark: TsharkCapture): TsharkBlock[] =>
	tshark.file.format === 'pcapng' ? tshark.file.blocks.filter((b) => b.type === '0x00000001') : [];

const GOOD = [
	CAPTURES.echo,
	CAPTURES.echoNg,
	CAPTURES.echo6,
	CAPTURES.multi,
	CAPTURES.bigEndian,
	CAPTURES.bigEndianNs,
	CAPTURES.snaplen,
	CAPTURES.sections
];

describe('readCapture on real and built captures, compared with tshark', () => {
	it.each(GOOD)('%s: tshark read it without an error', (name) => {
		expect(readTshark(name).read.status).toBe(0);
	});

	it.each(GOOD)('%s: reads as many packets as tshark, at the same file offsets', (name) => {
		const { reading, tshark } = read(name);
		const frames = packetFrames(tshark);
		expect(reading.packets).toHaveLength(frames.length);
		expect(reading.packets.map((p) => p.offset)).toEqual(frames.map((f) => f.fileOffset));
		expect(reading.packets.map((p) => p.index)).toEqual(frames.map((_, i) => i));
	});

	it.each(GOOD)('%s: gives every packet the time tshark gives it, to the nanosecond', (name) => {
		const { reading, tshark } = read(name);
		packetFrames(tshark).forEach((frame, i) => {
			// A Simple Packet Block has no timestamp: tshark prints none, the reader says 0.
			expect(reading.packets[i].time, `frame ${frame.number}`).toBe(
				frame.time === null ? 0n : nanoseconds(frame.time)
			);
		});
	});

	it.each(GOOD)("%s: gives every packet tshark's lengths, interface and bytes", (name) => {
		const { reading, tshark } = read(name);
		packetFrames(tshark).forEach((frame, i) => {
			const packet = reading.packets[i];
			expect(
				{
					original: packet.originalLength,
					captured: packet.capturedLength,
					bytes: packet.bytes.length,
					interface: packet.interface,
					md5: md5(packet.bytes)
				},
				`frame ${frame.number}`
			).toEqual({
				original: frame.len,
				captured: frame.capLen,
				bytes: frame.capLen,
				interface: frame.interface,
				md5: frame.md5
			});
		});
	});

	it.each(GOOD)('%s: gives every packet the link type of its interface', (name) => {
		const { reading, tshark } = read(name);
		packetFrames(tshark).forEach((frame, i) => {
			expect(reading.packets[i].linkType, `frame ${frame.number}`).toBe(
				ENCAP_TO_LINKTYPE[frame.encap as string]
			);
		});
	});

	it.each(GOOD)('%s: keeps the comments tshark shows', (name) => {
		const { reading, tshark } = read(name);
		packetFrames(tshark).forEach((frame, i) => {
			expect(reading.packets[i].comments, `frame ${frame.number}`).toEqual(frame.comments);
		});
	});

	it.each(GOOD)('%s: has the format, byte order and time unit of its magic number', (name) => {
		const { reading, tshark } = read(name);
		const file = tshark.file;
		expect(reading.format).toBe(file.format);
		expect(captureFormat(readFixture(name))).toBe(file.format);
		if (file.format === 'pcap') {
			// The magic as the bytes on disk (facts.md F2): d4 c3 b2 a1 little-endian µs, etc.
			const magic = file.header.magic;
			expect(reading.byteOrder).toBe(magic.startsWith('a1') ? 'big' : 'little');
			expect(reading.nanosecond).toBe(magic === '4d:3c:b2:a1' || magic === 'a1:b2:3c:4d');
			expect(reading.interfaces).toHaveLength(1);
			expect(reading.interfaces[0]).toMatchObject({
				linkType: Number(file.header.linkType),
				snaplen: Number(file.header.snaplen)
			});
		} else {
			// The Byte-Order Magic 0x1A2B3C4D as the bytes on disk: 4d 3c 2b 1a is little-endian.
			expect(reading.byteOrder).toBe(
				file.blocks[0].byteOrderMagic === '4d:3c:2b:1a' ? 'little' : 'big'
			);
			expect(reading.nanosecond).toBeUndefined();
		}
	});

	it.each([CAPTURES.echoNg, CAPTURES.multi, CAPTURES.sections])(
		"%s: describes each interface as the file dissector's Interface Description Blocks do",
		(name) => {
			const { reading, tshark } = read(name);
			const blocks = idbs(tshark);
			expect(blocks.length).toBeGreaterThan(0);
			blocks.forEach((block, i) => {
				const iface = reading.interfaces[i];
				const option = (key: string) => block.options?.find((o) => key in o)?.[key];
				const tsresol = option('interface.timestamp_resolution');
				const resol = tsresol === undefined ? 6 : parseInt(String(tsresol), 16);
				expect(
					{ ...iface, section: undefined, index: undefined },
					`IDB at byte ${block.offset}`
				).toEqual({
					section: undefined,
					index: undefined,
					linkType: block.linkType,
					snaplen: block.snaplen,
					name: option('interface.name'),
					description: option('interface.description'),
					resolution: resol & 0x80 ? 2n ** BigInt(resol & 0x7f) : 10n ** BigInt(resol),
					offsetSeconds: BigInt(option('interface.timestamp_offset') ?? 0)
				});
			});
		}
	);

	it('numbers interfaces within their section, as tshark does', () => {
		const { reading } = read(CAPTURES.sections);
		expect(reading.interfaces.map((i) => [i.section, i.index])).toEqual([
			[0, 0],
			[0, 1],
			[0, 2],
			[1, 0],
			[2, 0]
		]);
	});

	it.each([CAPTURES.echo, CAPTURES.echoNg, CAPTURES.echo6, CAPTURES.multi, CAPTURES.bigEndian])(
		'%s: reports no problem in a capture tshark reads cleanly',
		(name) => {
			expect(read(name).reading.problems).toEqual([]);
		}
	);

	it('counts the packets cut by the SnapLen in one warning at the first of them', () => {
		const { reading, tshark } = read(CAPTURES.snaplen);
		const cut = tshark.frames.filter((f) => f.capLen < f.len);
		expect(cut.length).toBeGreaterThan(1);
		expect(reading.problems).toHaveLength(1);
		expect(reading.problems[0]).toMatchObject({
			code: 'SNAPLEN_CUT',
			severity: 'warning',
			offset: cut[0].fileOffset,
			packet: cut[0].number - 1
		});
		expect(reading.problems[0].message).toContain(`${cut.length} packets were cut short`);
	});

	it('warns about the link type the packet decoder does not read, at its IDB', () => {
		const { reading, tshark } = read(CAPTURES.sections);
		const user0 = idbs(tshark).find((b) => b.linkType === 147) as TsharkBlock;
		const problem = reading.problems.find((p) => p.code === 'UNKNOWN_LINK_TYPE');
		expect(problem).toMatchObject({ severity: 'warning', offset: user0.offset + 8, length: 2 });
		expect(problem?.message).toContain('link type 147');
		// The packet is kept, with its bytes.
		const frame = tshark.frames.find((f) => f.encap === '45');
		expect(reading.packets.find((p) => p.offset === frame?.fileOffset)?.linkType).toBe(147);
	});

	it('says which packets have no timestamp (Simple Packet Blocks) and which blocks are obsolete', () => {
		const { reading, tshark } = read(CAPTURES.sections);
		const untimed = packetFrames(tshark).filter((f) => f.time === null);
		expect(reading.problems.find((p) => p.code === 'NO_TIMESTAMP')).toMatchObject({
			offset: untimed[0].fileOffset
		});
		expect(reading.problems.find((p) => p.code === 'NO_TIMESTAMP')?.message).toMatch(
			new RegExp(`^${untimed.length} packets are stored in Simple Packet Blocks`)
		);
		const packetBlock = (tshark.file.format === 'pcapng' ? tshark.file.blocks : []).find(
			(b) => b.type === '0x00000002'
		) as TsharkBlock;
		expect(reading.problems.find((p) => p.code === 'OBSOLETE_PACKET_BLOCK')).toMatchObject({
			offset: packetBlock.offset,
			severity: 'warning'
		});
	});

	it('finds nothing else wrong in the built sections: versions 1.0 and 1.2, section lengths right', () => {
		const { reading } = read(CAPTURES.sections);
		expect(reading.problems.map((p) => p.code).sort()).toEqual([
			'NO_TIMESTAMP',
			'OBSOLETE_PACKET_BLOCK',
			'SNAPLEN_CUT',
			'UNKNOWN_LINK_TYPE'
		]);
	});
});

describe('readCapture on damaged captures, compared with tshark', () => {
	it('keeps the packets before a cut inside a pcap record and locates the cut record', () => {
		const bytes = readFixture(CAPTURES.truncatedPcap);
		const tshark = readTshark(CAPTURES.truncatedPcap);
		expect(tshark.read.errors.join(' ')).toContain('cut short in the middle of a packet');
		const reading = readCapture(bytes);
		if (!reading.ok) throw new Error(reading.error.message);
		expect(reading.packets.map((p) => p.offset)).toEqual(tshark.frames.map((f) => f.fileOffset));
		const last = tshark.frames.at(-1)!;
		const cut = last.fileOffset + 16 + last.capLen;
		expect(reading.problems).toEqual([
			expect.objectContaining({
				code: 'TRUNCATED_RECORD',
				severity: 'error',
				offset: cut,
				length: bytes.length - cut,
				packet: tshark.frames.length
			})
		]);
	});

	it('keeps the packets before a cut inside a pcapng block and locates the cut block', () => {
		const bytes = readFixture(CAPTURES.truncatedPcapng);
		const tshark = readTshark(CAPTURES.truncatedPcapng);
		expect(tshark.read.errors.join(' ')).toContain('cut short in the middle of a packet');
		const reading = readCapture(bytes);
		if (!reading.ok) throw new Error(reading.error.message);
		expect(reading.packets.map((p) => p.offset)).toEqual(tshark.frames.map((f) => f.fileOffset));
		const blocks = tshark.file.format === 'pcapng' ? tshark.file.blocks : [];
		const lastWhole = blocks.filter((b) => b.offset + b.length <= bytes.length).at(-1)!;
		const cut = lastWhole.offset + lastWhole.length;
		expect(reading.problems).toEqual([
			expect.objectContaining({ code: 'TRUNCATED_BLOCK', severity: 'error', offset: cut })
		]);
	});

	it('stops at a block whose two lengths differ, where the file dissector flags the trailer', () => {
		const bytes = readFixture(CAPTURES.mismatch);
		const tshark = readTshark(CAPTURES.mismatch);
		expect(tshark.read.errors.join(' ')).toMatch(/total block lengths .* don't match/);
		const expert = tshark.file.experts?.find((e) => e.field === 'pcapng.block_lengths_dont_match');
		const reading = readCapture(bytes);
		if (!reading.ok) throw new Error(reading.error.message);
		expect(reading.packets.map((p) => p.offset)).toEqual(tshark.frames.map((f) => f.fileOffset));
		expect(reading.problems).toEqual([
			expect.objectContaining({
				code: 'BLOCK_LENGTH_MISMATCH',
				severity: 'error',
				offset: expert?.offset,
				length: expert?.length
			})
		]);
	});

	it('skips an EPB on an undefined interface with a located error, and reads on (tshark stops)', () => {
		const bytes = readFixture(CAPTURES.undefinedInterface);
		const tshark = readTshark(CAPTURES.undefinedInterface);
		expect(tshark.read.errors.join(' ')).toContain('interface index 3 is not less than');
		const epbs = (tshark.file.format === 'pcapng' ? tshark.file.blocks : []).filter(
			(b) => b.type === '0x00000006'
		);
		expect(epbs.map((b) => b.interface)).toEqual([0, 3, 0]);
		const reading = readCapture(bytes);
		if (!reading.ok) throw new Error(reading.error.message);
		// tshark read one frame and stopped; the reader skips the bad block and keeps the third.
		expect(reading.packets.map((p) => p.offset)).toEqual([
			tshark.frames[0].fileOffset,
			epbs[2].offset
		]);
		expect(reading.packets[1].capturedLength).toBe(epbs[2].capturedLength);
		expect(reading.problems).toEqual([
			expect.objectContaining({
				code: 'UNDEFINED_INTERFACE',
				severity: 'error',
				offset: epbs[1].offset + 8,
				length: 4
			})
		]);
		expect(reading.problems[0].message).toContain('interface 3');
	});
});
