/**
 * The packet decoder's gallery: real packets captured on loopback (a connection's handshake,
 * data and teardown, a refused connection, UDP, ICMP, IPv6, TCP Fast Open) and a few crafted
 * ones (SACK, a VLAN tag, IPv6 extension headers, a wrong checksum, broken headers). Every byte
 * comes from the fixtures in `fixtures/` (see their README for how they were made), and
 * `examples.test.ts` checks that each example is still byte for byte the fixture packet it names.
 */
import { VALID, type Example } from '../examples';
import type { LinkTypeOption } from './types';

/** What an example gives the decoder. */
export interface PacketExampleInput {
	/** The packet as plain hex, from its first link-layer byte. */
	hex: string;
	linkType: LinkTypeOption;
}

export const PACKET_GROUPS = [
	{ id: 'handshake', title: 'Opening a connection' },
	{ id: 'data', title: 'Data' },
	{ id: 'teardown', title: 'Closing and refusing' },
	{ id: 'more', title: 'UDP, ICMP, IPv6 and options' },
	{ id: 'broken', title: 'Broken on purpose' }
] as const;

export interface PacketExample extends Example<PacketExampleInput> {
	group: (typeof PACKET_GROUPS)[number]['id'];
	/** The fixture file and the packet's index in it (0-based). */
	fixture: { file: string; index: number };
}

const LO = 'Captured on Linux loopback (tcpdump -i lo)';
const CRAFTED = 'Built by fixtures/craft.py';

export const PACKET_EXAMPLES: readonly PacketExample[] = [
	{
		id: 'syn',
		group: 'handshake',
		title: 'SYN with options',
		description:
			"A client's SYN: its initial sequence number, and Linux's options in Linux's order (MSS, SACK permitted, timestamps, NOP, window scale). The TCP checksum is partial: loopback leaves it to offload.",
		source: LO,
		fixture: { file: 'tcp4.lo', index: 0 },
		input: {
			hex: '00000000000000000000000008004500003cbabf4000400681fa7f0000017f0000019a7cc670eddfc8cc00000000a002ffd7fe3000000204ffd70402080a8e765bbd000000000103030a',
			linkType: 'ethernet'
		},
		expect: VALID
	},
	{
		id: 'syn-ack',
		group: 'handshake',
		title: 'SYN-ACK',
		description:
			"The server's answer: its own ISN, and an acknowledgment number one past the client's ISN, because the SYN takes one sequence number.",
		source: LO,
		fixture: { file: 'tcp4.lo', index: 1 },
		input: {
			hex: '00000000000000000000000008004500003c0000400040063cba7f0000017f000001c6709a7c9440ebbdeddfc8cda012ffcbfe3000000204ffd70402080a9434f3568e765bbd0103030a',
			linkType: 'ethernet'
		},
		expect: VALID
	},
	{
		id: 'ack',
		group: 'handshake',
		title: 'ACK',
		description:
			"The third segment: it acknowledges the server's SYN and carries no data. Its window is now scaled (64 × 1,024).",
		source: LO,
		fixture: { file: 'tcp4.lo', index: 2 },
		input: {
			hex: '000000000000000000000000080045000034bac04000400682017f0000017f0000019a7cc670eddfc8cd9440ebbe80100040fe2800000101080a8e765bbd9434f356',
			linkType: 'ethernet'
		},
		expect: VALID
	},
	{
		id: 'http-upgrade',
		group: 'data',
		title: 'Data: an HTTP upgrade request',
		description:
			'The first data segment (PSH, ACK): a WebSocket opening handshake, which opens in the handshake checker.',
		source: LO,
		fixture: { file: 'tcp4.lo', index: 3 },
		input: {
			hex: '0000000000000000000000000800450000d2bac14000400681627f0000017f0000019a7cc670eddfc8cd9440ebbe80180040fec600000101080a8e765bbd9434f356474554202f6368617420485454502f312e310d0a486f73743a203132372e302e302e313a35303830300d0a557067726164653a20776562736f636b65740d0a436f6e6e656374696f6e3a20557067726164650d0a5365632d576562536f636b65742d4b65793a206447686c49484e68625842735a5342756232356a5a513d3d0d0a5365632d576562536f636b65742d56657273696f6e3a2031330d0a0d0a',
			linkType: 'ethernet'
		},
		expect: VALID
	},
	{
		id: 'websocket-frame',
		group: 'data',
		title: 'Data: a masked WebSocket frame',
		description:
			'The client\'s masked text frame "Hello" (RFC 6455 §5.7) inside a TCP segment; it opens in the frame decoder.',
		source: LO,
		fixture: { file: 'tcp4.lo', index: 7 },
		input: {
			hex: '00000000000000000000000008004500003fbac34000400681f37f0000017f0000019a7cc670eddfc96b9440ec3f80180040fe3300000101080a8e765c869434f357818537fa213d7f9f4d5158',
			linkType: 'ethernet'
		},
		expect: VALID
	},
	{
		id: 'fin',
		group: 'teardown',
		title: 'FIN',
		description:
			'The client closes first: FIN, ACK. The FIN takes one sequence number, so the answer acknowledges one more.',
		source: LO,
		fixture: { file: 'tcp4.lo', index: 10 },
		input: {
			hex: '000000000000000000000000080045000034bac54000400681fc7f0000017f0000019a7cc670eddfc9769440ec4680110040fe2800000101080a8e765d4f9434f41f',
			linkType: 'ethernet'
		},
		expect: VALID
	},
	{
		id: 'rst',
		group: 'teardown',
		title: 'RST from a closed port',
		description:
			'connect() to a port nobody listens on: the kernel answers the SYN with RST, ACK, sequence 0 and ack = ISN + 1 (RFC 9293 §3.5.2), and connect() fails with ECONNREFUSED. Its checksum is complete.',
		source: LO,
		fixture: { file: 'tcp4.lo', index: 14 },
		input: {
			hex: '0000000000000000000000000800450000280000400040063cce7f0000017f000001c67193fc00000000b6a3ccaa50140000d4110000',
			linkType: 'ethernet'
		},
		expect: VALID
	},
	{
		id: 'udp',
		group: 'more',
		title: 'UDP',
		description:
			'A 4-byte datagram, "ping": an 8-byte header and no connection. The checksum is partial, as for TCP.',
		source: LO,
		fixture: { file: 'udp.lo', index: 0 },
		input: {
			hex: '0000000000000000000000000800450000201d35400040111f967f0000017f000001c7e0c674000cfe1f70696e67',
			linkType: 'ethernet'
		},
		expect: VALID
	},
	{
		id: 'port-unreachable',
		group: 'more',
		title: 'ICMP port unreachable',
		description:
			'A datagram to a closed UDP port is answered with ICMP type 3, code 3, quoting the start of the datagram.',
		source: LO,
		fixture: { file: 'udp.lo', index: 3 },
		input: {
			hex: '000000000000000000000000080045c0003f40f4000040013b087f0000017f0000010303e83000000000450000231d42400040111f867f0000017f000001c7e0c675000ffe22616e796f6e653f',
			linkType: 'ethernet'
		},
		expect: VALID
	},
	{
		id: 'ipv6-syn',
		group: 'more',
		title: 'IPv6 SYN',
		description:
			'A SYN to [::1]: a 40-byte IPv6 header with no checksum of its own, and an MSS 20 bytes smaller than over IPv4.',
		source: LO,
		fixture: { file: 'tcp6.lo', index: 0 },
		input: {
			hex: '00000000000000000000000086dd600fb4e1002806400000000000000000000000000000000100000000000000000000000000000001b980c672df30e9e800000000a002ffc4003000000204ffc40402080a84907d20000000000103030a',
			linkType: 'ethernet'
		},
		expect: VALID
	},
	{
		id: 'icmp-echo',
		group: 'more',
		title: 'ICMP echo request',
		description:
			'What ping sends: type 8, an identifier and a sequence number, and data the reply echoes.',
		source: LO,
		fixture: { file: 'icmp.lo', index: 0 },
		input: {
			hex: '00000000000000000000000008004500002443dc40004001f8fa7f0000017f00000108005435123400016162636465666768',
			linkType: 'ethernet'
		},
		expect: VALID
	},
	{
		id: 'tfo-syn',
		group: 'more',
		title: 'TCP Fast Open SYN with data',
		description:
			'A SYN carrying the Fast Open cookie (option 34) the server gave earlier, and 3 bytes of data.',
		source: LO,
		fixture: { file: 'tfo.lo', index: 2 },
		input: {
			hex: '00000000000000000000000008004500004b39464000400603657f0000017f000001909ec6780870822c00000000d002ffd7fe3f00000204ffd70402080ac8c94f6d000000000103030a220ab73e4488bcdf1cb2010174666f',
			linkType: 'ethernet'
		},
		expect: VALID
	},
	{
		id: 'cooked-syn',
		group: 'more',
		title: 'SYN in a Linux cooked capture',
		description:
			'The same SYN as recorded by tcpdump -i any: a 20-byte LINUX_SLL2 header instead of Ethernet.',
		source: 'Captured on Linux loopback (tcpdump -i any -y LINUX_SLL2)',
		fixture: { file: 'tcp4.sll2', index: 0 },
		input: {
			hex: '08000000000000010304000600000000000000004500003cbabf4000400681fa7f0000017f0000019a7cc670eddfc8cc00000000a002ffd7fe3000000204ffd70402080a8e765bbd000000000103030a',
			linkType: 'linux-sll2'
		},
		expect: VALID
	},
	{
		id: 'sack',
		group: 'more',
		title: 'ACK with SACK blocks',
		description:
			'Two selective-acknowledgment blocks (RFC 2018) and timestamps, each option aligned by NOPs.',
		source: CRAFTED,
		fixture: { file: 'crafted-good', index: 0 },
		input: {
			hex: '0200000000020200000000010800450000481c46400040063233c0000201c633640201bbc7380000138800001770d01001f5175a000001010512000003e9000007d100000bb900000fa10101080a0000000700000009',
			linkType: 'ethernet'
		},
		expect: VALID
	},
	{
		id: 'ipv6-extensions',
		group: 'more',
		title: 'IPv6 extension headers',
		description:
			'Hop-by-Hop, Routing (type 2), Fragment and Destination Options headers before UDP. The UDP checksum is computed with the final destination from the Routing header.',
		source: CRAFTED,
		fixture: { file: 'crafted-good', index: 8 },
		input: {
			hex: '02000000000202000000000186dd60012345003c004020010db800000000000000000000000120010db80000000000000000000000022b000104000000002c0202010000000020010db80000000000000000000000aa3c0000000000cafe11000104000000009c409c41000c919d65787421',
			linkType: 'ethernet'
		},
		expect: VALID
	},
	{
		id: 'vlan',
		group: 'more',
		title: '802.1Q VLAN tag',
		description:
			'A SYN in VLAN 100 with priority 5: 4 more bytes between the source address and the EtherType.',
		source: CRAFTED,
		fixture: { file: 'crafted-good', index: 9 },
		input: {
			hex: '0200000000020200000000018100a06408004500002c1c4640004006324fc0000201c6336402c73c005000000067000000006002faf0e90a0000020405b4',
			linkType: 'ethernet'
		},
		expect: VALID
	},
	{
		id: 'udp-no-checksum',
		group: 'more',
		title: 'UDP without a checksum',
		description:
			'Over IPv4 a UDP sender may send 0 for "no checksum" (RFC 768); over IPv6 it may not.',
		source: CRAFTED,
		fixture: { file: 'crafted-good', index: 7 },
		input: {
			hex: '0200000000020200000000010800450000271c46400040113249c0000201c633640213881389001300006e6f20636865636b73756d',
			linkType: 'ethernet'
		},
		expect: VALID
	},
	{
		id: 'bad-checksum',
		group: 'broken',
		title: 'Wrong TCP checksum',
		description:
			'The checksum was changed after it was computed: the decoder shows the value that would be correct.',
		source: CRAFTED,
		fixture: { file: 'crafted-bad-checksums', index: 0 },
		input: {
			hex: '02000000000202000000000108004500002c1c4640004006324fc0000201c6336402c73d005000000068000000006002faf0e8090000020405b4',
			linkType: 'ethernet'
		},
		expect: { ok: false, failing: ['TCP_CHECKSUM_INCORRECT'] }
	},
	{
		id: 'ihl-4',
		group: 'broken',
		title: 'IHL below 5',
		description: 'An IPv4 header that claims to be 16 bytes long, less than its fixed 20.',
		source: CRAFTED,
		fixture: { file: 'crafted-malformed', index: 0 },
		input: {
			hex: '0200000000020200000000010800440000281c46400040063353c0000201c6336402c73e005000000069000000005002faf000c30000',
			linkType: 'ethernet'
		},
		expect: { ok: false, failing: ['IPV4_IHL_TOO_SMALL'] }
	},
	{
		id: 'data-offset-4',
		group: 'broken',
		title: 'TCP data offset below 5',
		description: 'A TCP header whose Data Offset says 16 bytes, less than its fixed 20.',
		source: CRAFTED,
		fixture: { file: 'crafted-malformed', index: 3 },
		input: {
			hex: '0200000000020200000000010800450000281c46400040063253c0000201c6336402c73e005000000069000000004002faf010c30000',
			linkType: 'ethernet'
		},
		expect: { ok: false, failing: ['TCP_DATA_OFFSET_TOO_SMALL'] }
	},
	{
		id: 'option-length-0',
		group: 'broken',
		title: 'TCP option of length 0',
		description:
			'An MSS option whose length byte is 0: no option can be shorter than its kind and length bytes.',
		source: CRAFTED,
		fixture: { file: 'crafted-malformed', index: 5 },
		input: {
			hex: '02000000000202000000000108004500002c1c4640004006324fc0000201c6336402c73e005000000069000000006002faf0edbd000002000101',
			linkType: 'ethernet'
		},
		expect: { ok: false, failing: ['TCP_OPTION_LENGTH_INVALID'] }
	}
];
