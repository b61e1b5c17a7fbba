/**
 * Classic pcap files built byte by byte (fixtures/write.ts) from draft-ietf-opsawg-pcap §4–§5;
 * the expected values are worked out from the draft's definitions in the comments.
 */
import { describe, expect, it } from 'vitest';
import { writePcap, type PcapRecord } from './fixtures/write';
import { pcapMagic } from './read-pcap';
import { readCapture } from './read';
import type { CaptureReading } from './types';

type Ok = Extract<CaptureReading, { ok: true }>;

function ok(bytes: Uint8Array): Ok {
	const reading = readCapture(bytes);
	if (!reading.ok) throw new Error(reading.error.message);
	return reading;
}

const data = (n: number, fill = 0xab) => new Uint8Array(n).fill(fill);
const record = (fraction: number, n = 4): PcapRecord => ({
	seconds: 1_700_000_000,
	fraction,
	data: data(n)
});

describe('readCapture on classic pcap', () => {
	it.each([
		// Bytes on disk (facts.md F2) and what they mean.
		[true, false, [0xd4, 0xc3, 0xb2, 0xa1]],
		[false, false, [0xa1, 0xb2, 0xc3, 0xd4]],
		[true, true, [0x4d, 0x3c, 0xb2, 0xa1]],
		[false, true, [0xa1, 0xb2, 0x3c, 0x4d]]
	])(
		'reads the magic (little-endian %s, nanoseconds %s) written as %j',
		(little, nanosecond, magic) => {
			const file = writePcap({ little, nanosecond }, [record(nanosecond ? 123_456_789 : 123_456)]);
			expect([...file.subarray(0, 4)]).toEqual(magic);
			expect(pcapMagic(file)).toEqual({ little, nanosecond });
			const reading = ok(file);
			expect(reading).toMatchObject({
				format: 'pcap',
				byteOrder: little ? 'little' : 'big',
				nanosecond
			});
			// 1,700,000,000 s and 123,456 µs (or 123,456,789 ns) after the epoch, in nanoseconds.
			expect(reading.packets[0].time).toBe(
				nanosecond ? 1_700_000_000_123_456_789n : 1_700_000_000_123_456_000n
			);
			expect(reading.interfaces[0].resolution).toBe(nanosecond ? 1_000_000_000n : 1_000_000n);
		}
	);

	it('reads the largest seconds and fraction a record can hold exactly', () => {
		const reading = ok(
			writePcap({ little: true, nanosecond: false }, [
				{ seconds: 0xffffffff, fraction: 999_999, data: data(1) }
			])
		);
		// (2³² − 1) s + 999,999 µs.
		expect(reading.packets[0].time).toBe(4_294_967_295_999_999_000n);
	});

	it('walks unpadded records: each starts right after the previous data', () => {
		const reading = ok(
			writePcap({ little: true, nanosecond: false }, [record(1, 3), record(2, 5), record(3, 1)])
		);
		expect(reading.packets.map((p) => p.offset)).toEqual([24, 24 + 16 + 3, 24 + 16 + 3 + 16 + 5]);
		expect(reading.packets.map((p) => p.capturedLength)).toEqual([3, 5, 1]);
		expect(reading.problems).toEqual([]);
	});

	it("gives each packet's bytes as a view into the file, not a copy", () => {
		const file = writePcap({ little: true, nanosecond: false }, [record(1, 3)]);
		const packet = ok(file).packets[0];
		expect(packet.bytes.buffer).toBe(file.buffer);
		expect(packet.bytes.byteOffset).toBe(24 + 16);
	});

	it('reads the link type from the low 16 bits and reports an FCS length when P is set', () => {
		// FCS len 2 (16-bit words), P = 1, LinkType 1: 0010 0 1 0000000000 0000000000000001.
		const field = (2 << 28) | (1 << 26) | 1;
		const reading = ok(
			writePcap({ little: false, nanosecond: false, linkTypeField: field }, [record(0)])
		);
		expect(reading.packets[0].linkType).toBe(1);
		expect(reading.problems).toEqual([
			expect.objectContaining({ code: 'FCS_PRESENT', severity: 'warning', offset: 20, length: 4 })
		]);
		expect(reading.problems[0].message).toContain('4-byte frame check sequence');
	});

	it('ignores an FCS length without the P bit', () => {
		const reading = ok(
			writePcap({ little: true, nanosecond: false, linkTypeField: (2 << 28) | 1 }, [record(0)])
		);
		expect(reading.problems).toEqual([]);
	});

	it.each([
		['the R bit', 1 << 27],
		['a reserved bit', 1 << 16]
	])('treats %s in the LinkType field as an error, and still reads the packets', (_, bit) => {
		const reading = ok(
			writePcap({ little: true, nanosecond: false, linkTypeField: bit | 113 }, [record(0)])
		);
		expect(reading.packets[0].linkType).toBe(113);
		expect(reading.problems).toEqual([
			expect.objectContaining({ code: 'LINKTYPE_RESERVED_BITS', severity: 'error', offset: 20 })
		]);
	});

	it('warns about a link type the packet decoder does not read, and keeps its packets', () => {
		const reading = ok(
			writePcap({ little: true, nanosecond: false, linkTypeField: 105 }, [record(0)])
		);
		expect(reading.packets).toHaveLength(1);
		expect(reading.problems).toEqual([
			expect.objectContaining({ code: 'UNKNOWN_LINK_TYPE', severity: 'warning', offset: 20 })
		]);
		expect(reading.problems[0].message).toContain('LINKTYPE_IEEE802_11 (105)');
	});

	it.each([0, 1, 101, 113, 276])('reads link type %i without a warning', (linkType) => {
		const file = writePcap({ little: true, nanosecond: false, linkTypeField: linkType }, [
			record(0)
		]);
		expect(ok(file).problems).toEqual([]);
	});

	it('warns about a version other than 2.4 and reads the records all the same', () => {
		const reading = ok(
			writePcap({ little: true, nanosecond: false, major: 2, minor: 3 }, [record(0)])
		);
		expect(reading.packets).toHaveLength(1);
		expect(reading.problems).toEqual([
			expect.objectContaining({ code: 'BAD_VERSION', offset: 4, length: 4, severity: 'warning' })
		]);
	});

	it('warns about a SnapLen of 0 (pcap forbids it) and reads it as no limit', () => {
		const reading = ok(
			writePcap({ little: true, nanosecond: false, snaplen: 0 }, [record(0, 70_000)])
		);
		expect(reading.packets[0].capturedLength).toBe(70_000);
		expect(reading.problems).toEqual([
			expect.objectContaining({ code: 'ZERO_SNAPLEN', offset: 16, severity: 'warning' })
		]);
	});

	it.each([4, 8, 16, 23])('fails with TRUNCATED_HEADER for a %i-byte file', (length) => {
		const file = writePcap({ little: true, nanosecond: false }, []).subarray(0, length);
		const reading = readCapture(file);
		expect(reading.ok).toBe(false);
		if (!reading.ok)
			expect(reading.error).toMatchObject({ code: 'TRUNCATED_HEADER', offset: 0, length });
	});

	it('reads a header with no records as a capture with no packets', () => {
		const reading = ok(writePcap({ little: true, nanosecond: false }, []));
		expect(reading.packets).toEqual([]);
		expect(reading.problems).toEqual([]);
	});

	it('stops at a record header cut short, keeping the packets before it', () => {
		const file = writePcap({ little: true, nanosecond: false }, [record(0, 10), record(1, 10)]);
		const cut = file.subarray(0, 24 + 26 + 9);
		const reading = ok(cut);
		expect(reading.packets).toHaveLength(1);
		expect(reading.problems).toEqual([
			expect.objectContaining({
				code: 'TRUNCATED_RECORD',
				severity: 'error',
				offset: 50,
				length: 9,
				packet: 1
			})
		]);
		expect(reading.problems[0].message).toContain('needs 16 bytes, but only 9 bytes remain');
	});

	it("stops at a record whose data runs past the end, naming what's missing", () => {
		const file = writePcap({ little: true, nanosecond: false }, [record(0, 100)]);
		const reading = ok(file.subarray(0, file.length - 1));
		expect(reading.packets).toEqual([]);
		expect(reading.problems[0]).toMatchObject({
			code: 'TRUNCATED_RECORD',
			offset: 24,
			length: 115
		});
		expect(reading.problems[0].message).toContain('needs 116 bytes, but only 115 bytes remain');
	});

	it('takes a captured length over 262,144 and the SnapLen as corruption, and stops there', () => {
		const file = writePcap({ little: true, nanosecond: false }, [
			record(0, 4),
			{ ...record(1, 4), capturedLength: 0x7fffffff }
		]);
		const reading = ok(file);
		expect(reading.packets).toHaveLength(1);
		expect(reading.problems).toEqual([
			expect.objectContaining({ code: 'RECORD_TOO_LONG', severity: 'error', offset: 44, packet: 1 })
		]);
	});

	it('accepts a record longer than 262,144 bytes when the SnapLen allows it', () => {
		const file = writePcap({ little: true, nanosecond: false, snaplen: 400_000 }, [
			record(0, 300_000)
		]);
		expect(ok(file).packets[0].capturedLength).toBe(300_000);
		expect(ok(file).problems).toEqual([]);
	});

	it('counts records longer than the SnapLen in one warning, and keeps them', () => {
		const file = writePcap({ little: true, nanosecond: false, snaplen: 10 }, [
			record(0, 8),
			record(1, 20),
			record(2, 30)
		]);
		const reading = ok(file);
		expect(reading.packets.map((p) => p.capturedLength)).toEqual([8, 20, 30]);
		expect(reading.problems).toEqual([
			expect.objectContaining({
				code: 'CAPTURED_OVER_SNAPLEN',
				severity: 'warning',
				offset: 24 + 24,
				packet: 1
			})
		]);
		expect(reading.problems[0].message).toMatch(/^2 packets hold more bytes/);
		expect(reading.problems[0].message).toContain('packet 2 has 20 bytes for a SnapLen of 10');
	});

	it('warns when a record claims more captured bytes than the original length', () => {
		const reading = ok(
			writePcap({ little: true, nanosecond: false }, [{ ...record(0, 20), originalLength: 10 }])
		);
		expect(reading.packets[0]).toMatchObject({ capturedLength: 20, originalLength: 10 });
		expect(reading.problems).toEqual([
			expect.objectContaining({ code: 'CAPTURED_OVER_ORIGINAL', severity: 'warning', packet: 0 })
		]);
	});

	it('counts packets cut by the snapshot length in one warning', () => {
		const reading = ok(
			writePcap({ little: true, nanosecond: false, snaplen: 4 }, [
				{ ...record(0, 4), originalLength: 60 },
				record(1, 4),
				{ ...record(2, 4), originalLength: 1514 }
			])
		);
		expect(reading.problems).toEqual([
			expect.objectContaining({ code: 'SNAPLEN_CUT', offset: 24, packet: 0 })
		]);
		expect(reading.problems[0].message).toBe(
			'2 packets were cut short by the snapshot length: packet 1 keeps 4 of its 60 bytes (the ' +
				'first of them). The bytes after the cut were never saved.'
		);
	});

	it('adds a fraction of a second or more to the seconds as it is, with a warning', () => {
		const reading = ok(writePcap({ little: true, nanosecond: false }, [record(1_500_000)]));
		// 1,700,000,000 s + 1,500,000 µs = 1,700,000,001.5 s.
		expect(reading.packets[0].time).toBe(1_700_000_001_500_000_000n);
		expect(reading.problems).toEqual([
			expect.objectContaining({ code: 'FRACTION_TOO_BIG', offset: 28, length: 4, packet: 0 })
		]);
	});
});
