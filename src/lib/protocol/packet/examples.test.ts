import { describe, expect, it } from 'vitest';
import { parseHex } from '../bytes/hex';
import { findTilingProblems } from '../bytes/tiling';
import { decodePacket } from './decode';
import { PACKET_EXAMPLES, PACKET_GROUPS } from './examples';
import { readPcap } from './fixtures/read';

describe('the packet gallery', () => {
	it('has the packets the issue asks for: SYN with options, SYN-ACK, ACK, data, FIN, RST, UDP, IPv6', () => {
		const ids = PACKET_EXAMPLES.map((e) => e.id);
		for (const id of ['syn', 'syn-ack', 'ack', 'http-upgrade', 'fin', 'rst', 'udp', 'ipv6-syn']) {
			expect(ids).toContain(id);
		}
	});

	it('puts every example in a known group', () => {
		const groups = PACKET_GROUPS.map((g) => g.id as string);
		for (const example of PACKET_EXAMPLES) expect(groups).toContain(example.group);
	});

	for (const example of PACKET_EXAMPLES) {
		it(`holds exactly the bytes of ${example.fixture.file} packet ${example.fixture.index + 1} (${example.id})`, () => {
			const pcap = readPcap(example.fixture.file);
			expect(parseHex(example.input.hex)).toEqual(pcap.packets[example.fixture.index]);
		});

		it(`decodes ${example.id} into layers that tile it`, () => {
			const bytes = parseHex(example.input.hex);
			const decoding = decodePacket(bytes, { linkType: example.input.linkType });
			expect(findTilingProblems(decoding.layers, 0, bytes.length)).toEqual([]);
		});
	}

	it('shows the TCP flags each handshake and teardown example is named for', () => {
		const flags = (id: string) => {
			const example = PACKET_EXAMPLES.find((e) => e.id === id)!;
			return decodePacket(parseHex(example.input.hex), {
				linkType: example.input.linkType
			}).summary.match(/\[([^\]]*)\]/)?.[1];
		};
		expect(flags('syn')).toBe('SYN');
		expect(flags('syn-ack')).toBe('SYN, ACK');
		expect(flags('ack')).toBe('ACK');
		expect(flags('fin')).toBe('FIN, ACK');
		expect(flags('rst')).toBe('RST, ACK');
	});
});
