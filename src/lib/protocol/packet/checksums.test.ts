/**
 * Checksum verdicts against tshark 4.0, which validated every fixture with
 * `-o ip.check_checksum:TRUE -o tcp.check_checksum:TRUE -o udp.check_checksum:TRUE`:
 * `*.checksum.status` is 1 (good), 0 (bad, with `*.checksum_calculated`) or 3 (not present).
 * tshark 4.0 predates partial-checksum detection (facts.md P8), so it calls a partial checksum
 * bad; the pseudo-header sum it then holds is worked out by hand below.
 */
import { describe, expect, it } from 'vitest';
import { decodePacket } from './decode';
import { flattenDissection, readDissection, readPcap, type TsharkField } from './fixtures/read';
import type { ChecksumCheck } from './types';

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
	'crafted-bad-checksums'
];

interface Pair {
	where: string;
	check: ChecksumCheck;
	status?: string;
	calculated?: string;
}

/** Every checksum this decoder checked, with tshark's status for the same field. */
function pairs(): Pair[] {
	const out: Pair[] = [];
	for (const file of FILES) {
		const pcap = readPcap(file);
		const dissections = readDissection(file);
		pcap.packets.forEach((bytes, i) => {
			const fields = flattenDissection(dissections[i]);
			const decoding = decodePacket(bytes, { linkType: pcap.linkType as 1 });
			for (const check of decoding.checksums) {
				const field = fields.find((f) => f.key === check.key && f.offset === check.offset);
				const sibling = (suffix: string): TsharkField | undefined =>
					fields.find((f) => f.key === `${check.key}${suffix}` && f.group === field?.group);
				out.push({
					where: `${file} #${i + 1} ${check.key}`,
					check,
					status: sibling('.status')?.value,
					calculated: sibling('_calculated')?.value
				});
			}
		});
	}
	return out;
}

const hex = (value: number) => `0x${value.toString(16).padStart(4, '0')}`;

describe('checksum verdicts', () => {
	const all = pairs();

	it('meets all four verdicts in the fixtures', () => {
		const verdicts = new Set(all.map((p) => p.check.verdict));
		for (const verdict of ['correct', 'incorrect', 'partial', 'none'] as const) {
			expect(verdicts, verdict).toContain(verdict);
		}
	});

	it('calls a checksum correct exactly when tshark says good', () => {
		for (const { where, check, status } of all) {
			if (check.verdict === 'correct') expect(status, where).toBe('1');
			if (status === '1') expect(check.verdict, where).toBe('correct');
		}
	});

	it('gives the value tshark calculates for every incorrect or partial checksum', () => {
		const wrong = all.filter(
			(p) => p.check.verdict === 'incorrect' || p.check.verdict === 'partial'
		);
		expect(wrong.length).toBeGreaterThan(20);
		for (const { where, check, status, calculated } of wrong) {
			expect(status, where).toBe('0');
			expect(hex(check.correct ?? -1), where).toBe(calculated);
		}
	});

	it('calls UDP over IPv4 with a zero checksum "none", as tshark reports it absent', () => {
		const none = all.filter((p) => p.check.verdict === 'none');
		expect(none.length).toBeGreaterThan(0);
		for (const { where, check, status } of none) {
			expect(check.key, where).toBe('udp.checksum');
			expect(status, where).toBe('3');
		}
	});

	it('finds the wrong checksums of the packets corrupted on purpose', () => {
		const broken = all.filter((p) => p.where.startsWith('crafted-bad-checksums'));
		expect(
			broken
				.filter((p) => p.check.verdict === 'incorrect')
				.map((p) => p.check.key)
				.sort()
		).toEqual(['ip.checksum', 'tcp.checksum', 'udp.checksum', 'udp.checksum'].sort());
	});

	it('calls the loopback SYN partial: it holds the folded pseudo-header sum', () => {
		// 127.0.0.1 → 127.0.0.1, protocol 6, TCP length 40 (RFC 9293 §3.1 pseudo-header):
		// 0x7f00 + 0x0001 + 0x7f00 + 0x0001 + 0x0006 + 0x0028 = 0xfe30, which tcpdump -v prints as
		// "cksum 0xfe30 (incorrect -> 0x4e31)".
		const sum = 0x7f00 + 0x0001 + 0x7f00 + 0x0001 + 0x0006 + 0x0028;
		const pcap = readPcap('tcp4.lo');
		const tcp = decodePacket(pcap.packets[0], { linkType: 'ethernet' }).checksums.find(
			(c) => c.key === 'tcp.checksum'
		);
		expect(tcp).toMatchObject({ stored: sum, verdict: 'partial', correct: 0x4e31 });
		expect(tcp?.explanation).toContain('offload');
	});

	it('does not report a partial checksum as a problem', () => {
		const pcap = readPcap('tcp6.lo');
		for (const bytes of pcap.packets) {
			const decoding = decodePacket(bytes, { linkType: 'ethernet' });
			expect(decoding.checksums.map((c) => c.verdict)).toEqual(['partial']);
			expect(decoding.problems).toEqual([]);
		}
	});

	it('names the original value as the correct one when a correct checksum is changed', () => {
		// The RST from the closed port carries a complete checksum (tshark: good, 0xd411).
		const rst = readPcap('tcp4.lo').packets[14];
		const original = decodePacket(rst, { linkType: 'ethernet' }).checksums.find(
			(c) => c.key === 'tcp.checksum'
		);
		expect(original).toMatchObject({ verdict: 'correct', stored: 0xd411 });
		const changed = rst.slice();
		changed[14 + 20 + 16] ^= 0x40; // the TCP checksum's first byte
		const decoding = decodePacket(changed, { linkType: 'ethernet' });
		expect(decoding.checksums.find((c) => c.key === 'tcp.checksum')).toMatchObject({
			verdict: 'incorrect',
			correct: 0xd411
		});
		expect(decoding.problems.map((p) => [p.code, p.offset])).toEqual([
			['TCP_CHECKSUM_INCORRECT', 50]
		]);
	});

	it('calls a zero UDP checksum over IPv6 incorrect (RFC 8200 §8.1)', () => {
		const ping = readPcap('udp.lo').packets[4].slice(); // UDP over ::1
		ping[14 + 40 + 6] = 0;
		ping[14 + 40 + 7] = 0;
		const decoding = decodePacket(ping, { linkType: 'ethernet' });
		expect(decoding.checksums[0]).toMatchObject({
			verdict: 'incorrect',
			stored: 0,
			correct: 0xa271
		});
		expect(decoding.problems.map((p) => p.code)).toEqual(['UDP_ZERO_CHECKSUM_IPV6']);
	});

	it('leaves checksums it cannot check unchecked: a truncated segment, a fragment, a quoted packet', () => {
		const syn = readPcap('crafted-good').packets[9]; // VLAN SYN, checksum correct
		const cut = decodePacket(syn.subarray(0, syn.length - 2), { linkType: 'ethernet' });
		expect(cut.checksums.find((c) => c.key === 'tcp.checksum')?.verdict).toBe('unchecked');
		expect(cut.problems.map((p) => p.code)).toContain('CHECKSUM_UNCHECKED');
		const fragment = decodePacket(readPcap('crafted-good').packets[5], { linkType: 'ethernet' });
		expect(fragment.checksums.map((c) => c.key)).toEqual(['ip.checksum']);
		const unreachable = decodePacket(readPcap('udp.lo').packets[3], { linkType: 'ethernet' });
		expect(unreachable.checksums.map((c) => [c.key, c.verdict])).toEqual([
			['ip.checksum', 'correct'],
			['icmp.checksum', 'correct']
		]);
	});
});
