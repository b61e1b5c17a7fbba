import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { readFixture } from './fixtures/load';
import { followTcp } from './follow';
import { flagsText, handshakeDiagramText } from './conversation-text';
import { optionsText } from '../tcp/print';
import { flagsFromBits, handshakeDiagram, type HandshakeDiagram } from './handshake-diagram';
import { readCapture } from './read';
import type { CapturedPacket } from './types';

const here = fileURLToPath(new URL('.', import.meta.url));

function load(bytes: Uint8Array): CapturedPacket[] {
	const reading = readCapture(bytes);
	if (!reading.ok) throw new Error(reading.error.message);
	return reading.packets;
}

function diagram(packets: CapturedPacket[], connection: number): HandshakeDiagram {
	const conn = followTcp(packets).tcp[connection];
	const result = handshakeDiagram(conn, packets);
	if (!result) throw new Error('no diagram');
	return result;
}

/** The flags, raw and relative numbers and windows of each drawn segment, as tshark names them. */
const fields = (d: HandshakeDiagram) =>
	d.segments.map((s, i) => ({
		frame: s.packet + 1,
		flags: s.flags,
		seq_raw: s.seq,
		ack_raw: s.ack,
		seq: d.numbers[i].seq.relative,
		ack: d.numbers[i].ack?.relative ?? null,
		window_size_value: s.window,
		scalefactor: s.windowShift === null ? -1 : 2 ** s.windowShift
	}));

/**
 * A tshark line, `tshark -r <file> -T fields -e frame.number -e tcp.flags -e tcp.seq_raw
 * -e tcp.ack_raw -e tcp.seq -e tcp.ack -e tcp.window_size_value -e tcp.window_size_scalefactor`
 * (tshark 4.0.17; an empty scale factor, on a SYN, is written -1 here as tshark writes unknown).
 */
const tshark = (line: string) => {
	const [frame, flags, seqRaw, ackRaw, seq, ack, win, scale] = line.split(/\s+/);
	const bits = parseInt(flags, 16);
	return {
		frame: Number(frame),
		flags: flagsFromBits(bits),
		seq_raw: Number(seqRaw),
		ack_raw: Number(ackRaw),
		seq: Number(seq),
		// tshark leaves tcp.ack at 0 when ACK is not set; the diagram has no ack then.
		ack: bits & 0x10 ? Number(ack) : null,
		window_size_value: Number(win),
		scalefactor: Number(scale)
	};
};

describe('handshakeDiagram', () => {
	it('draws SYN, SYN-ACK and ACK of echo.pcapng tcp 0 with tshark’s flags, numbers and windows', () => {
		const d = diagram(load(readFixture('echo.pcapng')), 0);
		expect(d.segments.map((s) => s.step)).toEqual(['syn', 'synAck', 'ack']);
		expect(fields(d)).toEqual(
			[
				'1 0x0002 3805947744 0 0 0 65495 -1',
				'2 0x0012 2276594447 3805947745 0 1 65483 -1',
				'3 0x0010 3805947745 2276594448 1 1 64 1024'
			].map(tshark)
		);
		expect(d.missing).toEqual([]);
		expect(d.refused).toBe(false);
	});

	it('reads each SYN’s options as tshark does (tcp.options.mss_val, wscale.shift, timestamp.tsval/tsecr)', () => {
		const d = diagram(load(readFixture('echo.pcapng')), 0);
		// tshark -e tcp.options.mss_val -e tcp.options.wscale.shift -e tcp.options.timestamp.tsval
		// -e tcp.options.timestamp.tsecr: 65495 10 1015357780 0, then 65495 10 1613262297 1015357780;
		// the raw option bytes (tcp.options) 0204ffd7 0402 080a… 01 03030a: MSS, SACK-Permitted,
		// Timestamps, NOP, Window Scale, in that order.
		expect(d.segments[0].options).toEqual([
			{ kind: 'mss', value: 65495 },
			{ kind: 'sackOK' },
			{ kind: 'timestamps', tsval: 1015357780, tsecr: 0 },
			{ kind: 'nop' },
			{ kind: 'wscale', shift: 10 }
		]);
		expect(optionsText(d.segments[1].options)).toBe(
			'mss 65495, sackOK, TS val 1613262297 ecr 1015357780, nop, wscale 10'
		);
		// 0101080a…: NOP, NOP, Timestamps 1015357781 / 1613262297.
		expect(d.segments[2].options).toEqual([
			{ kind: 'nop' },
			{ kind: 'nop' },
			{ kind: 'timestamps', tsval: 1015357781, tsecr: 1613262297 }
		]);
	});

	it('times the arrows as if captured at the client, each crossing half the SYN → SYN-ACK time', () => {
		const d = diagram(load(readFixture('echo.pcapng')), 0);
		// frame.time_relative: 0, 0.000024265, 0.000045495 s. Half of 24,265 ns is 12,132 ns.
		expect(d.crossing).toEqual({ from: 'syn-synack', ns: 12_132n });
		expect(d.delay).toBeCloseTo(0.012132, 9);
		const [syn, synAck, ack] = d.segments;
		expect(syn).toMatchObject({ from: 'client', seen: 'sent', time: 0 });
		expect(syn.arrives).toBeCloseTo(0.012132, 9);
		// The SYN-ACK reaches the client at its capture time, having left one crossing before.
		expect(synAck).toMatchObject({ from: 'server', seen: 'arrived' });
		expect(synAck.arrives).toBeCloseTo(0.024265, 9);
		expect(synAck.time).toBeCloseTo(0.024265 - 0.012132, 9);
		expect(synAck.time).toBeGreaterThanOrEqual(syn.arrives);
		expect(ack).toMatchObject({ from: 'client', seen: 'sent' });
		expect(ack.time).toBeCloseTo(0.045495, 9);
		expect(ack.time).toBeGreaterThanOrEqual(synAck.arrives);
	});

	it('draws a refused connection as the SYN and the server’s RST, ACK, timed by the measured round trip', () => {
		// echo.pcapng frames 47–48 (tcp.stream 2, port 50842 closed):
		// 47 0x0002 472000346 0 0 0 65495; 48 0x0014 0 472000347 1 1 0; initial_rtt 0.000016671.
		const d = diagram(load(readFixture('echo.pcapng')), 2);
		expect(d.segments.map((s) => s.step)).toEqual(['syn', 'rst']);
		expect(d.refused).toBe(true);
		expect(d.missing).toEqual([]);
		expect(d.crossing).toEqual({ from: 'rtt', ns: 8_335n });
		expect(fields(d)).toEqual(
			['47 0x0002 472000346 0 0 0 65495 -1', '48 0x0014 0 472000347 1 1 0 -1'].map(tshark)
		);
		expect(d.segments[1].options).toEqual([]);
	});

	it('does the same over IPv6 (echo6.ns.pcap tcp 1)', () => {
		// 35 0x0002 2059371769 0 0 0 65476; 36 0x0014 0 2059371770 1 1 0.
		const d = diagram(load(readFixture('echo6.ns.pcap')), 1);
		expect(fields(d)).toEqual(
			['35 0x0002 2059371769 0 0 0 65476 -1', '36 0x0014 0 2059371770 1 1 0 -1'].map(tshark)
		);
	});

	it('counts relative numbers across the 2^32 wrap as tshark does (built/wrap.pcap)', () => {
		const packets = load(new Uint8Array(readFileSync(`${here}/fixtures/follow/built/wrap.pcap`)));
		expect(fields(diagram(packets, 0))).toEqual(
			[
				'1 0x0002 4294966296 0 0 0 65392 -1',
				'2 0x0012 4294964296 4294966297 0 1 65500 -1',
				'3 0x0010 4294966297 4294964297 1 1 64 1024'
			].map(tshark)
		);
	});

	it('says the SYN is missing when the capture starts at the SYN-ACK, with tshark’s numbers for that file', () => {
		// `editcap echo.pcapng nosyn.pcapng 1` (the SYN deleted), then tshark on nosyn.pcapng:
		// 1 0x0012 2276594447 3805947745 0 1 65483; 2 0x0010 3805947745 2276594448 1 1 64, and
		// tcp.window_size_scalefactor -1 (unknown) on the ACK.
		const packets = load(readFixture('echo.pcapng')).slice(1);
		const d = diagram(packets, 0);
		expect(d.missing).toEqual(['syn']);
		expect(d.crossing.from).toBe('none');
		expect(fields(d).map((f) => ({ ...f, frame: f.frame - 1 }))).toEqual(
			[
				'1 0x0012 2276594447 3805947745 0 1 65483 -1',
				'2 0x0010 3805947745 2276594448 1 1 64 -1'
			].map(tshark)
		);
		// Still in order: the SYN-ACK arrives before the ACK leaves.
		expect(d.segments[0].arrives).toBeLessThanOrEqual(d.segments[1].time);
	});

	it('draws nothing when the capture began mid-connection (built/midstream.pcap)', () => {
		const packets = load(
			new Uint8Array(readFileSync(`${here}/fixtures/follow/built/midstream.pcap`))
		);
		const conn = followTcp(packets).tcp[0];
		expect(conn.clientGuessed).toBe(true);
		expect(handshakeDiagram(conn, packets)).toBeNull();
	});

	it('draws nothing, without throwing, when the packets are not there', () => {
		const packets = load(readFixture('echo.pcapng'));
		const conn = followTcp(packets).tcp[0];
		expect(handshakeDiagram(conn, [])).toBeNull();
	});
});

describe('handshakeDiagramText', () => {
	it('states the capture-point assumption with the crossing time it used', () => {
		expect(handshakeDiagramText.caption('syn-synack', 12_132n)).toContain(
			'assumes the capture was taken at the client'
		);
		expect(handshakeDiagramText.caption('syn-synack', 12_132n)).toContain('12.13 µs');
		expect(handshakeDiagramText.caption('none', 1_000_000n)).toContain('not measured');
	});

	it('writes flags as the stepper does, and the raw numbers beside the relative ones', () => {
		const d = diagram(load(readFixture('echo.pcapng')), 0);
		expect(flagsText(d.segments[1].flags)).toBe('[S.] SYN, ACK');
		expect(handshakeDiagramText.facts(d.segments[2], d.numbers[2])).toBe(
			'client → server · [.] ACK · seq 3805947745 (relative 1) · ack 2276594448 (relative 1) · win 64 × 2^10 = 65,536 bytes'
		);
	});
});
