/**
 * The problem table: every code cites its rule, and every code is reachable — a file below
 * produces it — so a new code cannot be added without a way to meet it.
 */
import { describe, expect, it } from 'vitest';
import { LINKTYPE_NAMES as DECODER_LINKTYPE_NAMES } from '../link/link-text';
import { LINKTYPE_NUMBERS, LINKTYPE_OF } from '../packet/decode';
import {
	CAPTURE_PROBLEM_CODES,
	CAPTURE_PROBLEMS,
	DECODED_LINK_TYPES,
	LINKTYPE_NAMES,
	linkTypeName,
	type CaptureProblemCode
} from './capture-text';
import {
	block,
	byte,
	concat,
	epb,
	idb,
	pb,
	shb,
	spb,
	uint32,
	writePcap,
	type PcapRecord
} from './fixtures/write';
import { readCapture } from './read';
import { PROBLEM_LIMIT } from './read-problems';

const LE = true;
const one = (n = 4): PcapRecord => ({ seconds: 1, fraction: 0, data: new Uint8Array(n) });
const pcap = (options: Partial<Parameters<typeof writePcap>[0]>, records = [one()]) =>
	writePcap({ little: true, nanosecond: false, ...options }, records);
const ng = (...blocks: Uint8Array[]) => concat(shb(LE), idb(LE, 1, 0), ...blocks);
const packet = (interfaceId = 0, n = 4) =>
	epb(LE, { interfaceId, ticks: 0n, data: new Uint8Array(n) });

/** A file that produces each code. */
const EXAMPLES: Record<CaptureProblemCode, () => Uint8Array> = {
	EMPTY: () => new Uint8Array(),
	BAD_MAGIC: () => Uint8Array.of(1, 2, 3, 4),
	TRUNCATED_HEADER: () => pcap({}).subarray(0, 10),
	BAD_VERSION: () => pcap({ major: 3 }),
	LINKTYPE_RESERVED_BITS: () => pcap({ linkTypeField: (1 << 27) | 1 }),
	FCS_PRESENT: () => pcap({ linkTypeField: (2 << 28) | (1 << 26) | 1 }),
	ZERO_SNAPLEN: () => pcap({ snaplen: 0 }),
	TRUNCATED_RECORD: () => pcap({}).subarray(0, 30),
	RECORD_TOO_LONG: () => pcap({}, [{ ...one(), capturedLength: 300_000 }]),
	CAPTURED_OVER_SNAPLEN: () => pcap({ snaplen: 2 }),
	CAPTURED_OVER_ORIGINAL: () => pcap({}, [{ ...one(), originalLength: 2 }]),
	SNAPLEN_CUT: () => pcap({}, [{ ...one(), originalLength: 60 }]),
	FRACTION_TOO_BIG: () => pcap({}, [{ ...one(), fraction: 1_000_000 }]),
	UNKNOWN_LINK_TYPE: () => pcap({ linkTypeField: 147 }),
	TRUNCATED_BLOCK: () => ng(packet()).subarray(0, 60),
	BLOCK_LENGTH_TOO_SMALL: () => concat(ng(), Uint8Array.of(6, 0, 0, 0, 4, 0, 0, 0, 4, 0, 0, 0)),
	BLOCK_LENGTH_NOT_MULTIPLE_OF_4: () => {
		const file = ng(packet());
		file.set(uint32(LE, 37), 48 + 4);
		return file;
	},
	BLOCK_LENGTH_MISMATCH: () => {
		const file = ng(packet());
		file.set(uint32(LE, 40), 48 + 32);
		return file;
	},
	BLOCK_TOO_SHORT: () => ng(block(LE, 6, (w) => w.u32(0))),
	BAD_BYTE_ORDER_MAGIC: () => {
		const file = shb(LE);
		file.set([9, 9, 9, 9], 8);
		return file;
	},
	UNSUPPORTED_VERSION: () => shb(LE, { major: 2 }),
	MINOR_VERSION: () => shb(LE, { minor: 1 }),
	SECTION_LENGTH_MISMATCH: () => shb(LE, { sectionLength: 4n }),
	UNDEFINED_INTERFACE: () => ng(packet(1)),
	PACKET_PAST_BLOCK: () => {
		const file = ng(packet());
		file.set(uint32(LE, 9), 48 + 20);
		return file;
	},
	OPTION_OVERRUN: () =>
		ng(
			block(LE, 6, (w) => {
				w.u32(0).u32(0).u32(0).u32(0).u32(0);
				w.u16(1).u16(9);
			})
		),
	OPTION_LENGTH_INVALID: () => concat(shb(LE), idb(LE, 1, 0, [{ code: 14, value: byte(1) }])),
	OBSOLETE_PACKET_BLOCK: () => ng(pb(LE, { interfaceId: 0, ticks: 0n, data: new Uint8Array(4) })),
	NO_TIMESTAMP: () => ng(spb(LE, 4, new Uint8Array(4))),
	MORE_PROBLEMS: () => ng(...Array<Uint8Array>(PROBLEM_LIMIT + 1).fill(packet(7)))
};

function codesOf(bytes: Uint8Array): string[] {
	const reading = readCapture(bytes);
	return reading.ok ? reading.problems.map((p) => p.code) : [reading.error.code];
}

describe('the capture problem table', () => {
	it.each(CAPTURE_PROBLEM_CODES)('%s is produced by a file that breaks its rule', (code) => {
		expect(codesOf(EXAMPLES[code]())).toContain(code);
	});

	it.each(CAPTURE_PROBLEM_CODES)('%s cites a section of a draft and has a severity', (code) => {
		const { severity, source } = CAPTURE_PROBLEMS[code];
		expect(['error', 'warning']).toContain(severity);
		expect(source).toMatch(
			/^(pcap draft-ietf-opsawg-pcap §[4-6]|pcapng draft-ietf-opsawg-pcapng (§[34](\.\d)?|Appendix A)|draft-ietf-opsawg-pcaplinktype)$/
		);
	});

	it('words each problem as sentences ending with a full stop', () => {
		for (const code of CAPTURE_PROBLEM_CODES) {
			const reading = readCapture(EXAMPLES[code]());
			const problems = reading.ok ? reading.problems : [reading.error];
			for (const problem of problems)
				expect(problem.message, problem.code).toMatch(/^[A-Z0-9].*\.$/s);
		}
	});
});

describe('link types', () => {
	it("lists the link types the packet decoder reads, as the decoder's LINKTYPE_NUMBERS does", () => {
		expect([...DECODED_LINK_TYPES].sort((a, b) => a - b)).toEqual(
			Object.keys(LINKTYPE_NUMBERS)
				.map(Number)
				.sort((a, b) => a - b)
		);
	});

	it('names those link types as the link layer names them', () => {
		for (const [name, number] of Object.entries(LINKTYPE_OF))
			expect(LINKTYPE_NAMES[number]).toBe(
				DECODER_LINKTYPE_NAMES[name as keyof typeof DECODER_LINKTYPE_NAMES]
			);
	});

	it('writes a name with its number, and a bare number when it has no name here', () => {
		expect(linkTypeName(1)).toBe('LINKTYPE_ETHERNET (1)');
		expect(linkTypeName(147)).toBe('147');
	});
});
