import { describe, expect, it } from 'vitest';
import { decodePacket, PACKET_EXAMPLES } from '$lib/protocol/packet';
import { parseHex } from '$lib/protocol/bytes/hex';
import { fieldId } from '../shared/fields';
import {
	allUnits,
	checksumsOf,
	diagramFields,
	headerSpan,
	leaves,
	ownSpan,
	relatives,
	unitAt
} from './view';

const decode = (id: string) => {
	const example = PACKET_EXAMPLES.find((e) => e.id === id)!;
	return decodePacket(parseHex(example.input.hex), { linkType: example.input.linkType });
};
const layer = (id: string, protocol: string) =>
	decode(id).layers.find((l) => l.protocol === protocol)!;
const keys = (fields: { key: string }[]) => fields.map((f) => f.key);

describe('packet view helpers', () => {
	it('draws the TCP flags bit by bit (RFC 9293 §3.1) and each option as one box', () => {
		const tcp = layer('syn', 'tcp');
		const drawn = keys(diagramFields(tcp.fields));
		// RFC 9293's figure: ports, sequence, acknowledgment, offset, reserved, eight flags, window.
		expect(drawn).toContain('tcp.flags.syn');
		expect(drawn).toContain('tcp.flags.cwr');
		expect(drawn).not.toContain('tcp.flags');
		expect(drawn).not.toContain('tcp.options');
		expect(drawn).toContain('tcp.options.mss');
		expect(drawn).not.toContain('tcp.options.mss_val');
	});

	it('draws the IPv4 flags DF and MF as their own bits (RFC 791 §3.1)', () => {
		const drawn = keys(diagramFields(layer('syn', 'ipv4').fields));
		expect(drawn).toEqual(expect.arrayContaining(['ip.flags.rb', 'ip.flags.df', 'ip.flags.mf']));
		expect(drawn).not.toContain('ip.flags');
	});

	it('gives the byte grid the finest fields, and they cover each header byte once', () => {
		const tcp = layer('syn', 'tcp');
		const fine = leaves(tcp.fields);
		expect(keys(fine)).toContain('tcp.options.mss_val');
		const bits = fine.reduce((n, f) => n + (f.bitLength ?? f.length * 8), 0);
		expect(bits).toBe(40 * 8);
	});

	it('lights up a flag with the flags field, and an option with its kind, length and value', () => {
		const tcp = layer('syn', 'tcp');
		const flags = tcp.fields.find((f) => f.key === 'tcp.flags')!;
		const syn = flags.children!.find((f) => f.key === 'tcp.flags.syn')!;
		expect(relatives(tcp.fields, [fieldId(syn)]).sort()).toEqual(
			[fieldId(syn), fieldId(flags)].sort()
		);
		const options = tcp.fields.find((f) => f.key === 'tcp.options')!;
		const mss = options.children![0];
		const lit = relatives(tcp.fields, [fieldId(mss)]);
		expect(lit).toContain(fieldId(options));
		expect(lit).toHaveLength(2 + mss.children!.length);
		expect(relatives(tcp.fields, [])).toEqual([]);
	});

	it('finds the layer a problem points into, down to a packet quoted in an ICMP error', () => {
		const bad = decode('bad-checksum');
		expect(unitAt(bad, 50, 'tcp')?.unit.protocol).toBe('tcp');
		const quoted = decode('port-unreachable');
		// The quoted UDP header (bytes 62–69) is a unit inside the ICMP layer.
		expect(unitAt(quoted, 64)?.unit.protocol).toBe('udp');
		expect(unitAt(quoted, 64)?.path).toHaveLength(2);
		expect(unitAt(quoted, 36)?.unit.protocol).toBe('icmp');
		expect(unitAt(quoted, 10_000)).toBeNull();
	});

	it('tells a unit’s own bytes from the units inside it, and the header from its data', () => {
		const icmp = layer('port-unreachable', 'icmp');
		expect(ownSpan(icmp)).toEqual([34, 42]);
		expect(allUnits([icmp]).map((u) => u.unit.protocol)).toEqual(['icmp', 'ipv4', 'udp', 'data']);
		const echo = layer('icmp-echo', 'icmp');
		expect(headerSpan(echo)).toEqual([34, 42]);
		expect(headerSpan(layer('syn', 'tcp'))).toEqual([34, 74]);
	});

	it('puts each checksum in the layer that holds it', () => {
		const d = decode('syn');
		const ip = d.layers.find((l) => l.protocol === 'ipv4')!;
		const tcp = d.layers.find((l) => l.protocol === 'tcp')!;
		expect(checksumsOf(ip, d.checksums).map((c) => c.key)).toEqual(['ip.checksum']);
		expect(checksumsOf(tcp, d.checksums).map((c) => c.verdict)).toEqual(['partial']);
	});
});
