/**
 * The decoder against tshark 4.0's own dissection of the same bytes (fixtures/*.json, made by
 * fixtures/make.sh with `tshark -T json -x`). For every field key both name in a packet, the
 * values and byte positions must agree: the expected values are tshark's, never this decoder's.
 */
import { describe, expect, it } from 'vitest';
import type { Field } from '../bytes/fields';
import { findTilingProblems } from '../bytes/tiling';
import { decodePacket } from './decode';
import { flattenDissection, readDissection, readPcap, type TsharkField } from './fixtures/read';
import type { PacketDecoding } from './types';

/** Every fixture, with the pcap LINKTYPE tshark read it with. */
export const FIXTURES = [
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
	'ipv4',
	'ipv6',
	'crafted-good',
	'crafted-bad-checksums',
	'crafted-malformed'
] as const;

/** Packets whose headers break the rules: tshark stops early or reads them differently. */
const MALFORMED = new Set(['crafted-malformed']);

interface Mine {
	key: string;
	value: string;
	startBit: number;
	bits: number;
	offset: number;
	length: number;
	bitField: boolean;
}

function flattenMine(decoding: PacketDecoding): Mine[] {
	const out: Mine[] = [];
	const visit = (f: Field) => {
		const bits = f.bitLength ?? f.length * 8;
		out.push({
			key: f.key,
			value: String(f.value),
			startBit: f.offset * 8 + (f.bitOffset ?? 0),
			bits,
			offset: f.offset,
			length: f.length,
			bitField: f.bitLength !== undefined
		});
		f.children?.forEach(visit);
	};
	const walk = (units: PacketDecoding['layers']) => {
		for (const u of units) {
			u.fields.forEach(visit);
			if (u.children) walk(u.children);
		}
	};
	walk(decoding.layers);
	return out;
}

/** tshark prints numbers in decimal or 0x-hex and byte strings as aa:bb; compare them as such. */
function normalise(value: string): string {
	const v = value.trim().toLowerCase();
	if (/^0x[0-9a-f]+$/.test(v)) return BigInt(v).toString();
	if (/^-?\d+$/.test(v)) return BigInt(v).toString();
	return v;
}

/** The bits a tshark field covers: its bytes, narrowed by its bitmask when it has one. */
function tsharkBits(f: TsharkField): { start: number; bits: number } | undefined {
	if (f.offset === undefined || f.length === undefined) return undefined;
	if (!f.bitmask) return { start: f.offset * 8, bits: f.length * 8 };
	const highest = Math.floor(Math.log2(f.bitmask));
	const lowest = Math.floor(Math.log2(f.bitmask & -f.bitmask));
	const width = Math.max(f.length * 8, Math.ceil((highest + 1) / 8) * 8);
	return { start: f.offset * 8 + width - 1 - highest, bits: highest - lowest + 1 };
}

function group<T extends { key: string }>(list: T[]): Map<string, T[]> {
	const map = new Map<string, T[]>();
	for (const item of list) map.set(item.key, [...(map.get(item.key) ?? []), item]);
	return map;
}

/** Compares one packet; returns the disagreements, and the keys compared. */
export function compareWithTshark(
	decoding: PacketDecoding,
	dissection: TsharkField[]
): { mismatches: string[]; shared: string[] } {
	const mine = group(flattenMine(decoding));
	const theirs = group(dissection);
	const mismatches: string[] = [];
	const shared = [...mine.keys()].filter((key) => theirs.has(key));
	for (const key of shared) {
		const a = [...mine.get(key)!].sort((x, y) => x.startBit - y.startBit);
		const b = [...theirs.get(key)!].sort(
			(x, y) => (tsharkBits(x)?.start ?? 0) - (tsharkBits(y)?.start ?? 0)
		);
		if (a.length !== b.length) {
			mismatches.push(`${key}: ${a.length} here, ${b.length} in tshark`);
			continue;
		}
		a.forEach((m, i) => {
			const t = b[i];
			if (normalise(m.value) !== normalise(t.value)) {
				mismatches.push(`${key} #${i}: value ${m.value}, tshark ${t.value}`);
			}
			const position = tsharkBits(t);
			if (!position) return;
			if (t.bitmask) {
				if (m.startBit !== position.start || m.bits !== position.bits) {
					mismatches.push(
						`${key} #${i}: bits ${m.startBit}+${m.bits}, tshark ${position.start}+${position.bits}`
					);
				}
			} else if (
				m.offset !== t.offset ||
				(m.bitField ? m.startBit + m.bits > position.start + position.bits : m.length !== t.length)
			) {
				// A field tshark shows as whole bytes (ip.version, tcp.hdr_len) may be a nibble here.
				mismatches.push(
					`${key} #${i}: bytes ${m.offset}+${m.length}, tshark ${t.offset}+${t.length}`
				);
			}
		});
	}
	return { mismatches, shared };
}

describe('decodePacket agrees with tshark', () => {
	for (const name of FIXTURES) {
		const pcap = readPcap(name);
		const dissections = readDissection(name);
		describe(name, () => {
			it('has one tshark dissection per packet', () => {
				expect(dissections.length).toBe(pcap.packets.length);
			});
			pcap.packets.forEach((bytes, i) => {
				const decoding = decodePacket(bytes, { linkType: pcap.linkType as 1 });
				it(`tiles packet ${i + 1} exactly`, () => {
					expect(findTilingProblems(decoding.layers, 0, bytes.length)).toEqual([]);
				});
				if (MALFORMED.has(name)) return;
				it(`gives packet ${i + 1} tshark's values and byte positions for every field both name`, () => {
					const { mismatches, shared } = compareWithTshark(
						decoding,
						flattenDissection(dissections[i])
					);
					expect(mismatches).toEqual([]);
					// Not a vacuous comparison: the IP header and the transport ports at least.
					expect(shared.length, shared.join(' ')).toBeGreaterThanOrEqual(10);
				});
			});
		});
	}
});
