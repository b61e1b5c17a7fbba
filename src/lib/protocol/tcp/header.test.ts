/**
 * TCP header and option details the tshark fixtures do not reach: kinds with no meaning here
 * (shown raw), out-of-range values, and the flag order. Expected values come from RFC 9293 §3.1
 * (Figure 1), RFC 7323 §2.3 and facts.md K18–K21.
 */
import { describe, expect, it } from 'vitest';
import type { Field } from '../bytes/fields';
import { findTilingProblems } from '../bytes/tiling';
import { decodePacket } from '../packet/decode';
import { readPcap } from '../packet/fixtures/read';

const syn = readPcap('raw').packets[0]; // Linux SYN over raw IPv4: TCP at byte 20, options at 40

/** The raw SYN with its 20 option bytes replaced. */
function withOptions(options: number[]): Uint8Array {
	expect(options.length).toBe(20);
	return Uint8Array.from([...syn.subarray(0, 40), ...options]);
}

const options = (bytes: Uint8Array): Field[] =>
	decodePacket(bytes, { linkType: 'raw' })
		.layers.find((l) => l.protocol === 'tcp')!
		.fields.find((f) => f.key === 'tcp.options')!.children!;

describe('TCP header', () => {
	it('places every field where RFC 9293 Figure 1 does', () => {
		const tcp = decodePacket(syn, { linkType: 'raw' }).layers.find((l) => l.protocol === 'tcp')!;
		const bits = Object.fromEntries(
			tcp.fields.map((f) => [
				f.key,
				[f.offset * 8 + (f.bitOffset ?? 0) - 160, f.bitLength ?? f.length * 8]
			])
		);
		// facts.md K18: bits counted from the start of the TCP header.
		expect(bits).toMatchObject({
			'tcp.srcport': [0, 16],
			'tcp.dstport': [16, 16],
			'tcp.seq_raw': [32, 32],
			'tcp.ack_raw': [64, 32],
			'tcp.hdr_len': [96, 4],
			'tcp.flags': [100, 12],
			'tcp.window_size_value': [112, 16],
			'tcp.checksum': [128, 16],
			'tcp.urgent_pointer': [144, 16],
			'tcp.options': [160, 160]
		});
		const flags = tcp.fields.find((f) => f.key === 'tcp.flags')!.children!;
		expect(flags.map((f) => [f.key, f.offset * 8 + (f.bitOffset ?? 0) - 160])).toEqual([
			['tcp.flags.res', 100],
			['tcp.flags.ae', 103],
			['tcp.flags.cwr', 104],
			['tcp.flags.ece', 105],
			['tcp.flags.urg', 106],
			['tcp.flags.ack', 107],
			['tcp.flags.push', 108],
			['tcp.flags.reset', 109],
			['tcp.flags.syn', 110],
			['tcp.flags.fin', 111]
		]);
	});

	it('gives the header length in bytes, as Wireshark does (Data Offset 10 → 40)', () => {
		const tcp = decodePacket(syn, { linkType: 'raw' }).layers.find((l) => l.protocol === 'tcp')!;
		expect(tcp.fields.find((f) => f.key === 'tcp.hdr_len')?.value).toBe(40);
	});

	it('shows an unknown option kind raw: kind, length and data', () => {
		const fields = options(withOptions([99, 6, 0xde, 0xad, 0xbe, 0xef, ...Array(14).fill(1)]));
		expect(fields[0]).toMatchObject({ key: 'tcp.options.unknown', value: '63:06:de:ad:be:ef' });
		expect(fields[0].children?.map((f) => [f.key, f.value])).toEqual([
			['tcp.option_kind', 99],
			['tcp.option_len', 6],
			['tcp.options.unknown.payload', 'de:ad:be:ef']
		]);
		expect(fields.slice(1).every((f) => f.key === 'tcp.options.nop')).toBe(true);
	});

	it('says a window scale above 14 is used as 14 (RFC 7323 §2.3)', () => {
		const fields = options(withOptions([3, 3, 15, ...Array(17).fill(0)]));
		const shift = fields[0].children?.find((f) => f.key === 'tcp.options.wscale.shift');
		expect(shift?.value).toBe(15);
		expect(shift?.meaning).toContain('used as 14');
	});

	it('lists every byte after End of Option List as padding, as Wireshark does', () => {
		const fields = options(withOptions([2, 4, 5, 0xb4, 0, ...Array(15).fill(0)]));
		expect(fields.map((f) => f.key)).toEqual([
			'tcp.options.mss',
			...Array(16).fill('tcp.options.eol')
		]);
		expect(fields[1].meaning).toBe('End of Option List');
		expect(fields[2].meaning).toContain('padding');
	});

	it('reads a TFO cookie request and SACK blocks', () => {
		const fields = options(
			withOptions([34, 2, 1, 1, 5, 10, 0, 0, 0, 1, 0, 0, 0, 9, 1, 1, 1, 1, 1, 1])
		);
		expect(fields[0]).toMatchObject({ key: 'tcp.options.tfo' });
		expect(fields[0].meaning).toContain('cookie request');
		expect(fields[3].children?.map((f) => [f.key, f.value])).toEqual([
			['tcp.option_kind', 5],
			['tcp.option_len', 10],
			['tcp.options.sack_le', 1],
			['tcp.options.sack_re', 9]
		]);
	});

	it('warns about an option of the wrong fixed length and shows it raw', () => {
		const bytes = withOptions([2, 6, 5, 0xb4, 0, 0, ...Array(14).fill(1)]);
		const decoding = decodePacket(bytes, { linkType: 'raw' });
		expect(decoding.problems.map((p) => [p.code, p.offset])).toEqual(
			expect.arrayContaining([['TCP_OPTION_LENGTH_WRONG', 41]])
		);
		expect(findTilingProblems(decoding.layers, 0, bytes.length)).toEqual([]);
		expect(options(bytes)[0].children?.map((f) => f.key)).toEqual([
			'tcp.option_kind',
			'tcp.option_len',
			'tcp.options.mss.data'
		]);
	});
});
