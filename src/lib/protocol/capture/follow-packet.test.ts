import { readdirSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { readPcapPackets } from './fixtures/follow/pcap';
import { readFields } from './fixtures/follow/tshark';
import { readTransport, readTransportDecoded, readTransportFast } from './follow-packet';

const here = fileURLToPath(new URL('.', import.meta.url));
const packetDir = `${here}/../packet/fixtures`;
const followDir = `${here}/fixtures/follow`;

/** Every packet of every fixture capture: real ones, crafted ones, malformed ones. */
const FILES = [
	...readdirSync(packetDir)
		.filter((f) => f.endsWith('.pcap'))
		.map((f) => `${packetDir}/${f}`),
	`${followDir}/follow.pcap`,
	...readdirSync(`${followDir}/built`).map((f) => `${followDir}/built/${f}`)
];
const PACKETS = FILES.flatMap((file) =>
	readPcapPackets(new Uint8Array(readFileSync(file))).map((p) => ({ file, packet: p }))
);

describe('the fast header reader', () => {
	it('gives what decodePacket gives, or leaves the packet to it, for every fixture packet', () => {
		let fast = 0;
		for (const { file, packet } of PACKETS) {
			const quick = readTransportFast(packet.bytes, packet.linkType);
			if (quick === 'defer') continue;
			fast++;
			expect(quick, `${file} packet ${packet.index + 1}`).toEqual(
				readTransportDecoded(packet.bytes, packet.linkType)
			);
		}
		expect(fast).toBeGreaterThan(PACKETS.length / 2);
	});

	it('agrees with decodePacket on every cut of every fixture packet', () => {
		for (const { packet } of PACKETS.filter((_, i) => i % 3 === 0)) {
			for (let length = 0; length <= Math.min(packet.bytes.length, 90); length++) {
				const bytes = packet.bytes.subarray(0, length);
				const quick = readTransportFast(bytes, packet.linkType);
				if (quick !== 'defer')
					expect(quick, `cut to ${length}`).toEqual(readTransportDecoded(bytes, packet.linkType));
			}
		}
	});

	it('agrees with decodePacket on random bytes after real headers, and never throws', () => {
		const heads = PACKETS.map((p) => p.packet).filter((p) => p.bytes.length >= 54);
		fc.assert(
			fc.property(
				fc.nat(heads.length - 1),
				fc.nat(80),
				fc.uint8Array({ maxLength: 40 }),
				(which, at, noise) => {
					const packet = heads[which];
					const bytes = packet.bytes.slice();
					bytes.set(noise.subarray(0, Math.max(0, bytes.length - at)), Math.min(at, bytes.length));
					const quick = readTransportFast(bytes, packet.linkType);
					const decoded = readTransportDecoded(bytes, packet.linkType);
					if (quick !== 'defer') expect(quick).toEqual(decoded);
				}
			),
			{ numRuns: 400, seed: 11 }
		);
	});
});

describe('readTransport', () => {
	it("reads tshark's tcp.len for every TCP packet of the real capture", () => {
		const packets = readPcapPackets(new Uint8Array(readFileSync(`${followDir}/follow.pcap`)));
		const rows = readFields('follow');
		for (const row of rows) {
			const s = readTransport(packets[Number(row['frame.number']) - 1]);
			if (row['tcp.len'] === '') expect(s?.protocol).not.toBe('tcp');
			else expect(s?.length).toBe(Number(row['tcp.len']));
		}
	});

	it('gives nothing for an unknown link type, instead of guessing', () => {
		const [first] = readPcapPackets(new Uint8Array(readFileSync(`${followDir}/follow.pcap`)));
		expect(readTransport({ ...first, linkType: 147 })).toBeUndefined();
	});
});
