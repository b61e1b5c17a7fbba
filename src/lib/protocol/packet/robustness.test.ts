/**
 * Bad input never throws and always tiles: every fixture packet cut at every length, and a
 * fast-check fuzz that mutates fixture packets (flipped, inserted and deleted bytes, any link
 * type) or feeds random bytes.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { findTilingProblems } from '../bytes/tiling';
import { decodePacket } from './decode';
import { readPcap } from './fixtures/read';
import type { LinkTypeOption, PacketDecoding } from './types';

const FILES = [
	'tcp4.lo',
	'tcp4.sll',
	'tcp4.sll2',
	'tcp6.lo',
	'udp.lo',
	'udp.sll2',
	'icmp.lo',
	'tfo.lo',
	'raw',
	'null',
	'crafted-good',
	'crafted-bad-checksums',
	'crafted-malformed'
];
const PACKETS = FILES.flatMap((file) => {
	const pcap = readPcap(file);
	return pcap.packets.map((bytes, i) => ({
		name: `${file} #${i + 1}`,
		bytes,
		linkType: pcap.linkType as LinkTypeOption
	}));
});
const LINK_TYPES: (LinkTypeOption | undefined)[] = [
	undefined,
	'ethernet',
	'linux-sll',
	'linux-sll2',
	'null',
	'raw',
	0,
	1,
	101,
	113,
	276
];

/** What must hold for any input: a tiling of exactly its bytes, and located problems. */
function soundness(decoding: PacketDecoding, length: number): string[] {
	const problems = findTilingProblems(decoding.layers, 0, length);
	for (const problem of decoding.problems) {
		if (!(problem.offset >= 0 && problem.offset <= length))
			problems.push(`${problem.code} at ${problem.offset}`);
		if (!problem.message) problems.push(`${problem.code} has no message`);
	}
	for (const check of decoding.checksums) {
		if (!(check.offset >= 0 && check.offset + 2 <= length))
			problems.push(`${check.key} at ${check.offset}`);
	}
	if (!decoding.summary) problems.push('no summary');
	return problems;
}

describe('robustness', () => {
	it('decodes every fixture packet cut at every length, tiling what is left', () => {
		let decoded = 0;
		for (const { name, bytes, linkType } of PACKETS) {
			for (let length = 0; length <= bytes.length; length++) {
				const cut = bytes.subarray(0, length);
				const decoding = decodePacket(cut, { linkType });
				expect(soundness(decoding, length), `${name} cut to ${length}`).toEqual([]);
				decoded++;
			}
		}
		expect(decoded).toBeGreaterThan(5000);
	});

	it('reports a cut packet as cut, never as wrong, when it ends inside a header', () => {
		const syn = readPcap('tcp4.lo').packets[0];
		for (let length = 1; length < syn.length; length++) {
			const codes = decodePacket(syn.subarray(0, length), { linkType: 'ethernet' }).problems.map(
				(p) => p.code
			);
			expect(
				codes.some((code) => /TRUNCATED|EXCEEDS_CAPTURE/.test(code)),
				`${length}: ${codes}`
			).toBe(true);
			expect(
				codes.filter((code) => /INCORRECT|TOO_SMALL|INVALID|OVERRUN/.test(code)),
				`${length}`
			).toEqual([]);
		}
	});

	it('never throws on mutated fixture packets, whatever the link type, and always tiles', () => {
		const packet = fc.constantFrom(...PACKETS.map((p) => p.bytes));
		const mutation = fc.oneof(
			fc.record({
				kind: fc.constant('flip' as const),
				at: fc.nat(),
				value: fc.integer({ min: 0, max: 255 })
			}),
			fc.record({
				kind: fc.constant('insert' as const),
				at: fc.nat(),
				value: fc.integer({ min: 0, max: 255 })
			}),
			fc.record({ kind: fc.constant('delete' as const), at: fc.nat(), value: fc.constant(0) })
		);
		fc.assert(
			fc.property(
				packet,
				fc.array(mutation, { minLength: 1, maxLength: 8 }),
				fc.constantFrom(...LINK_TYPES),
				(original, mutations, linkType) => {
					const bytes = [...original];
					for (const { kind, at, value } of mutations) {
						const i = bytes.length ? at % (bytes.length + (kind === 'insert' ? 1 : 0)) : 0;
						if (kind === 'flip' && bytes.length) bytes[i] = value;
						else if (kind === 'insert') bytes.splice(i, 0, value);
						else if (kind === 'delete') bytes.splice(i, 1);
					}
					const input = Uint8Array.from(bytes);
					expect(soundness(decodePacket(input, { linkType }), input.length)).toEqual([]);
				}
			),
			{ numRuns: 3000, seed: 20261201 }
		);
	});

	it('never throws on random bytes', () => {
		fc.assert(
			fc.property(
				fc.uint8Array({ maxLength: 200 }),
				fc.constantFrom(...LINK_TYPES),
				(bytes, linkType) => {
					expect(soundness(decodePacket(bytes, { linkType }), bytes.length)).toEqual([]);
				}
			),
			{ numRuns: 2000, seed: 7 }
		);
	});

	it('never throws on headers that are valid up to random lengths and flags', () => {
		// An IPv4 + TCP header with random IHL, total length, data offset and option bytes.
		fc.assert(
			fc.property(
				fc.integer({ min: 0, max: 15 }),
				fc.integer({ min: 0, max: 0xffff }),
				fc.integer({ min: 0, max: 15 }),
				fc.uint8Array({ maxLength: 60 }),
				(ihl, total, offset, rest) => {
					const syn = readPcap('raw').packets[0].slice();
					syn[0] = 0x40 | ihl;
					syn[2] = total >> 8;
					syn[3] = total & 0xff;
					syn[32] = offset << 4;
					const input = Uint8Array.from([...syn.subarray(0, 40), ...rest]);
					expect(soundness(decodePacket(input, { linkType: 'raw' }), input.length)).toEqual([]);
				}
			),
			{ numRuns: 2000, seed: 3 }
		);
	});
});
