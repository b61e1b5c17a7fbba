import { describe, expect, it } from 'vitest';
import { findTilingProblems } from '../bytes/tiling';
import { decodePacket } from '../packet/decode';
import { readPcap } from '../packet/fixtures/read';

const ethernetSyn = readPcap('tcp4.lo').packets[0];
const rawSyn = readPcap('raw').packets[0];
const rawV6 = readPcap('raw').packets[2];
const protocols = (bytes: Uint8Array, linkType?: Parameters<typeof decodePacket>[1]) =>
	decodePacket(bytes, linkType).layers.map((layer) => layer.protocol);

describe('link types', () => {
	it('accepts the names and the pcap LINKTYPE numbers alike', () => {
		const sll = readPcap('tcp4.sll').packets[0];
		const sll2 = readPcap('tcp4.sll2').packets[0];
		const nul = readPcap('null').packets[0];
		for (const [bytes, name, number] of [
			[ethernetSyn, 'ethernet', 1],
			[sll, 'linux-sll', 113],
			[sll2, 'linux-sll2', 276],
			[nul, 'null', 0],
			[rawSyn, 'raw', 101]
		] as const) {
			const byName = decodePacket(bytes, { linkType: name });
			const byNumber = decodePacket(bytes, { linkType: number });
			expect(byNumber).toEqual(byName);
			expect(byName.linkType).toBe(name);
			expect(byName.problems).toEqual([]);
			expect(byName.layers.map((l) => l.protocol).slice(-2)).toEqual(['ipv4', 'tcp']);
		}
	});

	it('guesses raw IP from a version nibble of 4 or 6, and says so', () => {
		for (const [bytes, version] of [
			[rawSyn, 4],
			[rawV6, 6]
		] as const) {
			const decoding = decodePacket(bytes);
			expect(decoding.linkType).toBe('raw');
			expect(decoding.assumedLinkType?.linkType).toBe('raw');
			expect(decoding.assumedLinkType?.reason).toContain(`IPv${version}`);
			expect(decoding.problems.map((p) => [p.code, p.severity])).toEqual([
				['LINK_TYPE_GUESSED', 'note']
			]);
		}
	});

	it('guesses Ethernet otherwise', () => {
		const decoding = decodePacket(ethernetSyn);
		expect(decoding.assumedLinkType?.linkType).toBe('ethernet');
		expect(protocols(ethernetSyn)).toEqual(['eth', 'ipv4', 'tcp']);
	});

	it('does not guess when told', () => {
		expect(decodePacket(ethernetSyn, { linkType: 'ethernet' }).assumedLinkType).toBeUndefined();
	});

	it('reads a BSD loopback family written big-endian too (LINKTYPE_NULL is in host order)', () => {
		const bigEndian = Uint8Array.from([0, 0, 0, 2, ...rawSyn]);
		const decoding = decodePacket(bigEndian, { linkType: 'null' });
		expect(decoding.layers[0].fields[0]).toMatchObject({ key: 'null.family', value: 2 });
		expect(decoding.layers[0].fields[0].meaning).toContain('big-endian');
		expect(decoding.problems).toEqual([]);
	});

	it('walks stacked 802.1ad and 802.1Q tags', () => {
		// 6 + 6 address bytes, 0x88a8 service tag (VID 10), 0x8100 customer tag (VID 20), IPv4.
		const frame = Uint8Array.from([
			...ethernetSyn.subarray(0, 12),
			0x88,
			0xa8,
			0x00,
			0x0a,
			0x81,
			0x00,
			0x00,
			0x14,
			0x08,
			0x00,
			...rawSyn
		]);
		const decoding = decodePacket(frame, { linkType: 'ethernet' });
		expect(decoding.layers.map((l) => l.protocol)).toEqual(['eth', 'vlan', 'vlan', 'ipv4', 'tcp']);
		expect(decoding.layers[2].fields.find((f) => f.key === 'vlan.id')?.value).toBe(20);
		expect(findTilingProblems(decoding.layers, 0, frame.length)).toEqual([]);
	});

	it('shows a non-IP EtherType as data, with a note', () => {
		const arp = Uint8Array.from([
			...ethernetSyn.subarray(0, 12),
			0x08,
			0x06,
			0,
			1,
			8,
			0,
			6,
			4,
			0,
			1
		]);
		const decoding = decodePacket(arp, { linkType: 'ethernet' });
		expect(decoding.layers.map((l) => l.protocol)).toEqual(['eth', 'data']);
		expect(decoding.problems.map((p) => [p.code, p.severity])).toEqual([
			['ETHERTYPE_NOT_IP', 'note']
		]);
	});

	it('reports an unknown link type and reads Ethernet', () => {
		const decoding = decodePacket(ethernetSyn, { linkType: 'token-ring' as 'raw' });
		expect(decoding.linkType).toBe('ethernet');
		expect(decoding.problems.map((p) => p.code)).toEqual(['LINK_TYPE_UNKNOWN']);
	});

	it('marks Ethernet padding as padding, not a problem', () => {
		// The RST is 54 bytes; on a wire it is padded to 60 with zeros.
		const rst = readPcap('tcp4.lo').packets[14];
		const padded = Uint8Array.from([...rst, 0, 0, 0, 0, 0, 0]);
		const decoding = decodePacket(padded, { linkType: 'ethernet' });
		expect(decoding.layers.at(-1)?.fields[0]).toMatchObject({
			key: 'eth.padding',
			offset: 54,
			length: 6
		});
		expect(decoding.problems).toEqual([]);
	});
});
