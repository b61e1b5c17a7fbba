/**
 * Every field key is a display-filter name Wireshark registers (`tshark -G fields`, saved in
 * fixtures/wireshark-fields.txt), so a learner can type it into Wireshark — except the few
 * things Wireshark shows without a field of its own, listed here with the reason.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { DecodedUnit, Field } from '../bytes/fields';
import { parseHex } from '../bytes/hex';
import { findTilingProblems } from '../bytes/tiling';
import { decodePacket } from './decode';
import { PACKET_EXAMPLES } from './examples';
import { readPcap, readWiresharkFields } from './fixtures/read';

/** Keys with no Wireshark field, and why. */
const NOT_IN_WIRESHARK: Readonly<Record<string, string>> = {
	'ip.options': 'Wireshark shows the options as a text item, "Options: (n bytes)"',
	'ip.options.unknown': 'Wireshark names no unknown IPv4 option',
	'ip.opt.data': 'the data of an IPv4 option Wireshark would decode further or call unknown',
	'ip.options.unparsed': 'after a bad option length Wireshark shows only an expert note',
	'tcp.options.unparsed': 'after a bad option length Wireshark shows only an expert note',
	'ipv6.opt.unparsed': 'after a bad option length Wireshark shows only an expert note',
	'sll.reserved': 'Wireshark skips the 2 reserved bytes of LINUX_SLL2',
	'sll.src.other': 'an address of another length than 6 bytes (Wireshark: sll.src.ipv4 and others)',
	'frame.trailer': 'bytes after the IP packet on a link other than Ethernet'
};
const TCP_OPTION_DATA = /^tcp\.options\.[a-z_]+\.data$/; // a known option of the wrong length, raw

function keys(units: readonly DecodedUnit[], into = new Set<string>()): Set<string> {
	const visit = (f: Field) => {
		into.add(f.key);
		f.children?.forEach(visit);
	};
	for (const unit of units) {
		unit.fields.forEach(visit);
		if (unit.children) keys(unit.children, into);
	}
	return into;
}

const registered = readWiresharkFields();
const unknown = (found: Set<string>) =>
	[...found].filter(
		(key) => !registered.has(key) && !(key in NOT_IN_WIRESHARK) && !TCP_OPTION_DATA.test(key)
	);

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
	'ipv4',
	'ipv6',
	'crafted-good',
	'crafted-bad-checksums',
	'crafted-malformed'
];

/** IPv4 + UDP with the given options (a multiple of 4 bytes), as raw IP. */
function ipv4WithOptions(options: number[]): Uint8Array {
	const header = [
		0x40 | (5 + options.length / 4),
		0,
		0,
		0,
		0,
		0,
		0,
		0,
		64,
		17,
		0,
		0,
		192,
		0,
		2,
		1,
		198,
		51,
		100,
		2,
		...options
	];
	const total = header.length + 8;
	header[3] = total;
	return Uint8Array.from([...header, 0x13, 0x88, 0x13, 0x89, 0, 8, 0, 0]);
}

/** IPv6 + a routing header of `routing` bytes (next header UDP) + UDP, as raw IP. */
function ipv6WithRouting(routing: number[]): Uint8Array {
	const udp = [0x13, 0x88, 0x13, 0x89, 0, 8, 0, 0];
	const plen = routing.length + udp.length;
	return Uint8Array.from([
		0x60,
		0,
		0,
		0,
		0,
		plen,
		43,
		64,
		...Array(15).fill(0),
		1,
		...Array(15).fill(0),
		2,
		...routing,
		...udp
	]);
}

describe('field keys', () => {
	it('exist in Wireshark for every fixture and gallery packet', () => {
		const found = new Set<string>();
		for (const file of FILES) {
			const pcap = readPcap(file);
			for (const bytes of pcap.packets)
				keys(decodePacket(bytes, { linkType: pcap.linkType as 1 }).layers, found);
		}
		for (const example of PACKET_EXAMPLES) {
			keys(
				decodePacket(parseHex(example.input.hex), { linkType: example.input.linkType }).layers,
				found
			);
		}
		expect(found.size).toBeGreaterThan(100);
		expect(unknown(found)).toEqual([]);
	});

	it('exist in Wireshark for IPv4 route and timestamp options and IPv6 routing types 0 and 4, which tile when cut', () => {
		const address = [10, 0, 0, 1];
		const samples = [
			ipv4WithOptions([7, 11, 8, ...address, ...address, 1]), // Record Route, one slot filled
			ipv4WithOptions([131, 7, 4, ...address, 0]), // Loose Source Route
			ipv4WithOptions([68, 12, 5, 0x01, ...address, 0, 0, 0, 9]), // Timestamp, flag 1
			ipv4WithOptions([68, 8, 5, 0x10, 0, 0, 0, 9]), // Timestamp, flag 0, one overflow
			ipv4WithOptions([1, 0, 0, 0]), // NOP and EOL
			ipv6WithRouting([17, 2, 0, 1, 0, 0, 0, 0, ...Array(15).fill(0), 3]), // Type 0
			ipv6WithRouting([17, 2, 4, 0, 0, 0, 0, 0, ...Array(15).fill(0), 3]), // SRH, one segment
			ipv6WithRouting([17, 0, 9, 0, 1, 2, 3, 4]) // an unknown type
		];
		const found = new Set<string>();
		for (const bytes of samples) {
			const decoding = decodePacket(bytes, { linkType: 'raw' });
			expect(
				decoding.problems.filter((p) => p.severity === 'error' && !p.code.includes('CHECKSUM'))
			).toEqual([]);
			keys(decoding.layers, found);
			for (let length = 0; length <= bytes.length; length++) {
				const cut = decodePacket(bytes.subarray(0, length), { linkType: 'raw' });
				expect(findTilingProblems(cut.layers, 0, length)).toEqual([]);
			}
		}
		for (const key of [
			'ip.opt.addr',
			'ip.opt.ptr',
			'ip.opt.time_stamp',
			'ip.opt.time_stamp_addr',
			'ip.opt.overflow',
			'ipv6.routing.src.addr',
			'ipv6.routing.srh.addr',
			'ipv6.routing.unknown_data'
		]) {
			expect(found).toContain(key);
		}
		expect(unknown(found)).toEqual([]);
	});

	it('exist in Wireshark for anything the fuzzer makes of the fixtures', () => {
		const packets = FILES.flatMap((file) => readPcap(file).packets);
		const found = new Set<string>();
		fc.assert(
			fc.property(
				fc.constantFrom(...packets),
				fc.nat(),
				fc.integer({ min: 0, max: 255 }),
				(bytes, at, value) => {
					const copy = bytes.slice();
					copy[at % copy.length] = value;
					keys(decodePacket(copy).layers, found);
				}
			),
			{ numRuns: 2000, seed: 11 }
		);
		expect(unknown(found)).toEqual([]);
	});
});
