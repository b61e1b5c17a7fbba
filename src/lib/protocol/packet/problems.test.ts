/**
 * Every problem in the table, triggered by a fixture packet (or one changed on purpose), must be
 * reported at the byte the rule is about. Offsets are counted from the layouts in the RFCs
 * (Ethernet 14 bytes, then IPv4 RFC 791 §3.1 / IPv6 RFC 8200 §3, then TCP RFC 9293 §3.1), so a
 * new code cannot go untested.
 */
import { describe, expect, it } from 'vitest';
import { decodePacket } from './decode';
import { readPcap } from './fixtures/read';
import { PACKET_PROBLEM_CODES, PACKET_PROBLEMS, type PacketProblemCode } from './problems';
import type { DecodePacketOptions } from './types';

const lo = readPcap('tcp4.lo').packets;
const v6 = readPcap('tcp6.lo').packets;
const udp = readPcap('udp.lo').packets;
const icmp = readPcap('icmp.lo').packets;
const good = readPcap('crafted-good').packets;
const bad = readPcap('crafted-bad-checksums').packets;
const malformed = readPcap('crafted-malformed').packets;
const nulls = readPcap('null').packets;

/** A copy of `bytes` with `changes` ([offset, value]) applied. */
function edit(bytes: Uint8Array, ...changes: [number, number][]): Uint8Array {
	const copy = bytes.slice();
	for (const [at, value] of changes) copy[at] = value;
	return copy;
}

const ETH = 14;
const IP = ETH; // IPv4 header start
const TCP = ETH + 20;

interface Trigger {
	bytes: Uint8Array;
	options?: DecodePacketOptions;
	/** Where the problem must point. */
	offset: number;
	bitOffset?: number;
}

const TRIGGERS: Record<PacketProblemCode, Trigger> = {
	LINK_TYPE_UNKNOWN: { bytes: lo[0], options: { linkType: 42 as 0 }, offset: 0 },
	LINK_TYPE_GUESSED: { bytes: lo[0], options: {}, offset: 0 },
	LINK_TRUNCATED: { bytes: lo[0].subarray(0, 10), offset: 0 },
	NULL_FAMILY_UNKNOWN: { bytes: edit(nulls[0], [0, 7]), options: { linkType: 0 }, offset: 0 },
	ETHERTYPE_NOT_IP: { bytes: edit(lo[0], [12, 0x08], [13, 0x06]), offset: 12 },
	IP_VERSION_UNKNOWN: {
		bytes: edit(lo[0].subarray(ETH), [0, 0x55]),
		options: { linkType: 101 },
		offset: 0
	},
	IP_VERSION_MISMATCH: { bytes: edit(v6[0], [12, 0x08], [13, 0x00]), offset: ETH },
	IPV4_TRUNCATED: { bytes: lo[0].subarray(0, ETH + 10), offset: IP },
	IPV4_IHL_TOO_SMALL: { bytes: malformed[0], offset: IP, bitOffset: 4 },
	IPV4_TOTAL_LENGTH_TOO_SMALL: { bytes: edit(lo[0], [IP + 2, 0], [IP + 3, 10]), offset: IP + 2 },
	IPV4_TOTAL_LENGTH_EXCEEDS_CAPTURE: { bytes: malformed[1], offset: IP + 2 },
	IPV4_TRAILING_BYTES: { bytes: malformed[2], offset: IP + 30 },
	IPV4_OPTION_LENGTH: { bytes: edit(good[4], [IP + 21, 1]), offset: IP + 21 },
	IPV4_CHECKSUM_INCORRECT: { bytes: bad[2], offset: IP + 10 },
	IPV4_FRAGMENT: { bytes: good[5], offset: IP + 6 },
	IPV6_TRUNCATED: { bytes: v6[0].subarray(0, ETH + 30), offset: ETH },
	IPV6_PAYLOAD_LENGTH_EXCEEDS_CAPTURE: { bytes: malformed[8], offset: ETH + 4 },
	IPV6_TRAILING_BYTES: { bytes: malformed[9], offset: ETH + 40 + 8 },
	// The Hop-by-Hop header of the extension-header example starts at byte 54; its length byte
	// follows the next-header byte, and its PadN option's length is at byte 57.
	IPV6_EXTENSION_OVERRUN: { bytes: edit(good[8], [ETH + 40 + 1, 200]), offset: ETH + 40 },
	IPV6_OPTION_OVERRUN: { bytes: edit(good[8], [ETH + 40 + 3, 10]), offset: ETH + 40 + 3 },
	// The Fragment header is at byte 86 (8 + 24 bytes of Hop-by-Hop and Routing headers later);
	// setting M makes it a real fragment. Its offset/M field is at byte 88.
	IPV6_FRAGMENT: { bytes: edit(good[8], [ETH + 40 + 32 + 3, 1]), offset: ETH + 40 + 32 + 2 },
	TCP_TRUNCATED: { bytes: lo[0].subarray(0, TCP + 10), offset: TCP },
	TCP_DATA_OFFSET_TOO_SMALL: { bytes: malformed[3], offset: TCP + 12 },
	TCP_DATA_OFFSET_PAST_END: { bytes: malformed[4], offset: TCP + 12 },
	TCP_OPTION_LENGTH_INVALID: { bytes: malformed[5], offset: TCP + 21 },
	TCP_OPTION_OVERRUN: { bytes: malformed[7], offset: TCP + 23 },
	// Linux's SYN options: MSS (4), SACK-permitted (2), then Timestamps at TCP + 26, length
	// byte at TCP + 27; 11 instead of 10 swallows the NOP and still fits.
	TCP_OPTION_LENGTH_WRONG: { bytes: edit(lo[0], [TCP + 27, 11]), offset: TCP + 27 },
	TCP_CHECKSUM_INCORRECT: { bytes: bad[0], offset: TCP + 16 },
	UDP_TRUNCATED: { bytes: udp[0].subarray(0, TCP + 5), offset: TCP },
	UDP_LENGTH_TOO_SMALL: { bytes: edit(udp[0], [TCP + 5, 4]), offset: TCP + 4 },
	UDP_LENGTH_MISMATCH: { bytes: malformed[8], offset: ETH + 40 + 4 },
	UDP_CHECKSUM_INCORRECT: { bytes: bad[1], offset: TCP + 6 },
	UDP_ZERO_CHECKSUM_IPV6: {
		bytes: edit(udp[4], [ETH + 40 + 6, 0], [ETH + 40 + 7, 0]),
		offset: ETH + 40 + 6
	},
	ICMP_TRUNCATED: { bytes: icmp[0].subarray(0, TCP + 2), offset: TCP },
	ICMP_CHECKSUM_INCORRECT: { bytes: edit(icmp[0], [icmp[0].length - 1, 0x7a]), offset: TCP + 2 },
	ICMPV6_CHECKSUM_INCORRECT: {
		bytes: edit(icmp[2], [icmp[2].length - 1, 0x7a]),
		offset: ETH + 40 + 2
	},
	CHECKSUM_UNCHECKED: { bytes: good[9].subarray(0, good[9].length - 2), offset: ETH + 4 + 20 + 16 }
};

describe('the problem table', () => {
	it('gives every code a severity and a source', () => {
		for (const code of PACKET_PROBLEM_CODES) {
			expect(['error', 'warning', 'note']).toContain(PACKET_PROBLEMS[code].severity);
			expect(PACKET_PROBLEMS[code].source).toMatch(/\S/);
		}
	});

	for (const code of PACKET_PROBLEM_CODES) {
		it(`reports ${code} where the rule is broken`, () => {
			const trigger = TRIGGERS[code];
			const decoding = decodePacket(trigger.bytes, trigger.options ?? { linkType: 'ethernet' });
			const found = decoding.problems.filter((p) => p.code === code);
			expect(found.length, JSON.stringify(decoding.problems)).toBeGreaterThan(0);
			const problem = found[0];
			expect(problem.offset).toBe(trigger.offset);
			if (trigger.bitOffset !== undefined) expect(problem.bitOffset).toBe(trigger.bitOffset);
			expect(problem.severity).toBe(PACKET_PROBLEMS[code].severity);
			expect(problem.source).toBe(PACKET_PROBLEMS[code].source);
			expect(problem.message).toMatch(/^[A-Z0-9].*[.)]$/);
		});
	}
});

describe('bad input', () => {
	it('reports the RFC figure of each malformed fixture and nothing worse', () => {
		const codes = malformed.map((bytes) =>
			decodePacket(bytes, { linkType: 'ethernet' })
				.problems.filter((p) => p.severity !== 'note')
				.map((p) => p.code)
				.sort()
		);
		expect(codes).toEqual([
			['IPV4_IHL_TOO_SMALL'],
			['IPV4_TOTAL_LENGTH_EXCEEDS_CAPTURE'],
			['IPV4_TRAILING_BYTES', 'TCP_TRUNCATED'],
			['TCP_DATA_OFFSET_TOO_SMALL'],
			['TCP_DATA_OFFSET_PAST_END'],
			['TCP_OPTION_LENGTH_INVALID'],
			['TCP_OPTION_LENGTH_INVALID'],
			['TCP_OPTION_OVERRUN'],
			['IPV6_PAYLOAD_LENGTH_EXCEEDS_CAPTURE', 'UDP_LENGTH_MISMATCH'],
			['IPV6_TRAILING_BYTES', 'UDP_LENGTH_MISMATCH']
		]);
	});

	it('reports nothing for any real loopback packet', () => {
		for (const file of [
			'tcp4.lo',
			'tcp4.sll',
			'tcp4.sll2',
			'tcp6.lo',
			'udp.lo',
			'udp.sll2',
			'icmp.lo',
			'tfo.lo',
			'raw',
			'null'
		]) {
			const pcap = readPcap(file);
			for (const bytes of pcap.packets) {
				expect(decodePacket(bytes, { linkType: pcap.linkType as 1 }).problems, file).toEqual([]);
			}
		}
	});
});
