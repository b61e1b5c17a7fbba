import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { BASE, BUILDS, basePackets, rewrite } from './fixtures/follow/build';
import { writePcap } from './fixtures/follow/pcap';
import {
	asTshark,
	flagged,
	readConv,
	readFields,
	readFollowRaw,
	tsharkFile,
	type FollowChunk
} from './fixtures/follow/tshark';
import { followTcp, type Conversations, type TcpConnection } from './follow';
import { FOLLOW_SOURCES } from './follow-text';
import { readCapture } from './read';
import type { CapturedPacket } from './types';

const here = fileURLToPath(new URL('.', import.meta.url));
const followDir = `${here}/fixtures/follow`;
const packetDir = `${here}/../packet/fixtures`;

function load(path: string): CapturedPacket[] {
	const reading = readCapture(new Uint8Array(readFileSync(path)));
	if (!reading.ok) throw new Error(`${path}: ${reading.error.message}`);
	return reading.packets;
}

/** Every capture make.sh had tshark dissect: its fixture name and file. */
const CAPTURES: { name: string; file: string }[] = [
	{ name: 'follow', file: `${followDir}/follow.pcap` },
	...Object.keys(BUILDS).map((b) => ({ name: `built-${b}`, file: `${followDir}/built/${b}.pcap` })),
	{ name: 'packet-tcp4.lo', file: `${packetDir}/tcp4.lo.pcap` },
	{ name: 'packet-tcp6.lo', file: `${packetDir}/tcp6.lo.pcap` },
	// The echo server's captures (WebSocket with permessage-deflate, HTTP, a refusal, UDP on
	// two interfaces), read by readCapture.
	...['echo.pcap', 'echo.pcapng', 'echo6.ns.pcap', 'multi.pcapng'].map((f) => ({
		name: `capture-${f}`,
		file: `${here}/fixtures/${f}`
	}))
];

const results = new Map<string, Conversations>();
function follow(name: string): Conversations {
	let found = results.get(name);
	if (!found) {
		const capture = CAPTURES.find((c) => c.name === name);
		found = followTcp(load(capture!.file));
		results.set(name, found);
	}
	return found;
}

/** "127.0.0.1:80", "[::1]:80", as tshark's Node lines write an endpoint. */
const nodeText = (e: { address: string; port: number }) =>
	e.address.includes(':') ? `[${e.address}]:${e.port}` : `${e.address}:${e.port}`;

const concat = (parts: Uint8Array[]) => {
	const out = new Uint8Array(parts.reduce((n, p) => n + p.length, 0));
	let at = 0;
	for (const p of parts) {
		out.set(p, at);
		at += p.length;
	}
	return out;
};

/** tshark's chunks of one node, split into data chunks and missing-byte markers at positions. */
function nodeChunks(chunks: FollowChunk[], node: 0 | 1) {
	const data: Uint8Array[] = [];
	const missing: { offset: number; length: number }[] = [];
	let offset = 0;
	for (const chunk of chunks) {
		if (chunk.node !== node) continue;
		if ('missing' in chunk) missing.push({ offset, length: chunk.missing });
		else {
			data.push(chunk.bytes);
			offset += chunk.bytes.length;
		}
	}
	return { data, missing };
}

const hex = (bytes: Uint8Array) => Buffer.from(bytes).toString('hex');

describe('followTcp against tshark', () => {
	for (const { name } of CAPTURES) {
		describe(name, () => {
			it('lists the same TCP conversations as tshark -z conv,tcp, frames and bytes each way', () => {
				const rows = readConv(name, 'TCP');
				const { tcp } = follow(name);
				expect(tcp).toHaveLength(rows.length);
				// Each row as "A B | frames/bytes sent by A | frames/bytes sent by B", A the lower endpoint.
				const line = (
					a: string,
					b: string,
					fromA: { frames: number; bytes: string },
					fromB: { frames: number; bytes: string }
				) =>
					a < b
						? `${a} ${b} | ${fromA.frames}/${fromA.bytes} | ${fromB.frames}/${fromB.bytes}`
						: `${b} ${a} | ${fromB.frames}/${fromB.bytes} | ${fromA.frames}/${fromA.bytes}`;
				const theirs = rows.map((r) =>
					line(
						nodeText(r.a),
						nodeText(r.b),
						{ frames: r.toB.frames, bytes: `${r.toB.bytes} ${r.toB.unit}` },
						{ frames: r.toA.frames, bytes: `${r.toA.bytes} ${r.toA.unit}` }
					)
				);
				const ours = tcp.map((c, i) => {
					const [fromClient, fromServer] = c.streams;
					// Print our exact count in the unit tshark used for the same row.
					const row =
						rows.find(
							(r) =>
								[nodeText(r.a), nodeText(r.b)].includes(nodeText(c.client)) &&
								[nodeText(r.a), nodeText(r.b)].includes(nodeText(c.server))
						) ?? rows[i];
					const unitOf = (e: string) => (nodeText(row.a) === e ? row.toB.unit : row.toA.unit);
					const client = nodeText(c.client);
					const server = nodeText(c.server);
					return line(
						client,
						server,
						{
							frames: fromClient.packets,
							bytes: `${asTshark(fromClient.wireBytes, unitOf(client))} ${unitOf(client)}`
						},
						{
							frames: fromServer.packets,
							bytes: `${asTshark(fromServer.wireBytes, unitOf(server))} ${unitOf(server)}`
						}
					);
				});
				expect(ours.sort()).toEqual(theirs.sort());
			});

			it('numbers connections as tshark numbers tcp.stream, packet by packet', () => {
				const rows = readFields(name);
				const owner = new Map<number, number>();
				for (const c of follow(name).tcp) for (const p of c.packets) owner.set(p, c.id);
				for (const row of rows) {
					const index = Number(row['frame.number']) - 1;
					const expected = row['tcp.stream'] === '' ? undefined : Number(row['tcp.stream']);
					expect(owner.get(index), `packet ${index + 1}`).toBe(expected);
				}
			});

			it('reassembles each direction into the bytes of tshark -z follow,tcp,raw', () => {
				const blocks = readFollowRaw(name);
				const { tcp } = follow(name);
				expect(blocks.map((b) => b.stream)).toEqual(tcp.map((c) => c.id));
				for (const block of blocks) {
					const conn = tcp[block.stream];
					for (const node of [0, 1] as const) {
						const direction = block.nodes[node] === nodeText(conn.client) ? 0 : 1;
						const stream = conn.streams[direction];
						const { data, missing } = nodeChunks(block.chunks, node);
						expect(hex(stream.bytes), `stream ${block.stream} node ${node}`).toBe(
							hex(concat(data))
						);
						// tshark marks bytes missing between segments; it prints what a snapshot cut short
						// without a marker (see the snaplen test).
						if (name !== 'built-snaplen')
							expect(stream.gaps.map((g) => ({ offset: g.offset, length: g.length }))).toEqual(
								missing
							);
						// A zero-window probe's byte is data to tshark (its own chunk); here it is not,
						// and the segment that resends it supplies it.
						if (name !== 'built-zero-window')
							expect(stream.chunks.map((c) => c.length)).toEqual(data.map((d) => d.length));
					}
				}
			});

			it("measures the handshake's round trip as tshark's tcp.analysis.initial_rtt", () => {
				const rows = readFields(name);
				const withRtt = new Set(
					rows.filter((r) => r['tcp.analysis.initial_rtt'] !== '').map((r) => r['tcp.stream'])
				);
				expect(follow(name).tcp.filter((c) => c.handshake.rttNs !== undefined)).toHaveLength(
					withRtt.size
				);
				for (const c of follow(name).tcp) {
					const row = rows.find(
						(r) => r['tcp.stream'] === String(c.id) && r['tcp.analysis.initial_rtt'] !== ''
					);
					const expected = row
						? BigInt(Math.round(Number(row['tcp.analysis.initial_rtt']) * 1e9))
						: undefined;
					expect(c.handshake.rttNs, `stream ${c.id}`).toBe(expected);
				}
			});

			it('flags the same irregular segments as tshark analysis', () => {
				const rows = readFields(name);
				const all = (pick: (c: TcpConnection, d: 0 | 1) => number[]) =>
					follow(name)
						.tcp.flatMap((c) => [...pick(c, 0), ...pick(c, 1)])
						.sort((a, b) => a - b);
				const union = (...lists: number[][]) => [...new Set(lists.flat())].sort((a, b) => a - b);
				// tshark has no exact-duplicate or overlap flag: it calls such segments a
				// retransmission or out of order, depending on timing. Together they must match.
				expect(
					all((c, d) => [
						...c.streams[d].retransmissions,
						...c.streams[d].duplicates,
						...c.streams[d].outOfOrder,
						...c.streams[d].overlaps
					])
				).toEqual(
					union(
						flagged(rows, 'tcp.analysis.retransmission'),
						flagged(rows, 'tcp.analysis.spurious_retransmission'),
						flagged(rows, 'tcp.analysis.fast_retransmission'),
						flagged(rows, 'tcp.analysis.out_of_order')
					)
				);
				expect(all((c, d) => c.streams[d].keepAlives)).toEqual(
					flagged(rows, 'tcp.analysis.keep_alive')
				);
				expect(all((c, d) => c.streams[d].zeroWindowProbes)).toEqual(
					flagged(rows, 'tcp.analysis.zero_window_probe')
				);
				expect(all((c, d) => c.streams[d].duplicateAcks)).toEqual(
					flagged(rows, 'tcp.analysis.duplicate_ack')
				);
			});

			it('lists the same UDP conversations as tshark -z conv,udp', () => {
				const rows = readConv(name, 'UDP');
				const { udp } = follow(name);
				expect(
					udp
						.map((f) =>
							[
								[nodeText(f.client), nodeText(f.server)].sort().join(' '),
								[`${f.datagrams[0]}/${f.wireBytes[0]}`, `${f.datagrams[1]}/${f.wireBytes[1]}`]
									.sort()
									.join(' ')
							].join(' | ')
						)
						.sort()
				).toEqual(
					rows
						.map((r) =>
							[
								[nodeText(r.a), nodeText(r.b)].sort().join(' '),
								[`${r.toA.frames}/${r.toA.bytes}`, `${r.toB.frames}/${r.toB.bytes}`]
									.sort()
									.join(' ')
							].join(' | ')
						)
						.sort()
				);
			});
		});
	}
});

describe('followTcp on the real capture (follow.pcap)', () => {
	const { tcp, udp, other, problems } = follow('follow');
	const rows = readFields('follow');

	it('finds four connections and one UDP flow, and nothing else', () => {
		expect(tcp).toHaveLength(4);
		expect(udp).toHaveLength(1);
		expect(other).toBe(0);
		expect(udp[0].datagrams).toEqual([2, 2]);
		expect(udp[0].payloadBytes).toEqual([12, 12]); // "ping 1", "ping 2" and the two pongs
	});

	it('takes the SYN sender as the client, with the three handshake packets', () => {
		const [first] = tcp;
		// tshark's follow calls the side that sent the SYN node 0.
		expect(nodeText(first.client)).toBe(readFollowRaw('follow')[0].nodes[0]);
		expect(first.clientGuessed).toBe(false);
		expect([first.handshake.syn, first.handshake.synAck, first.handshake.ack]).toEqual([0, 1, 2]);
		const rtt = first.handshake.rttNs as bigint;
		expect(
			(first.handshake.synToSynAckNs as bigint) + (first.handshake.synAckToAckNs as bigint)
		).toBe(rtt);
	});

	it('counts keep-alive probes but keeps their byte out of the stream', () => {
		const [first] = tcp;
		expect(first.streams[0].keepAlives).toEqual(flagged(rows, 'tcp.analysis.keep_alive'));
		expect(first.streams[0].bytes.length).toBe(3096); // the POST: 96-byte head + 3,000 bytes
	});

	it('recognises the HTTP exchange and where each head ends', () => {
		const [first] = tcp;
		const text = new TextDecoder().decode(first.streams[0].bytes);
		expect(first.protocol).toBe('http');
		expect(first.http?.requestEnd).toBe(text.indexOf('\r\n\r\n') + 4);
		expect(first.http?.status).toBe(200);
		expect(first.ended).toBe('fin');
		expect(first.streams[0].fin?.streamOffset).toBe(3096);
	});

	it('ends the IPv6 connection with the server reset', () => {
		const conn = tcp[1];
		expect(conn.family).toBe(6);
		expect(conn.ended).toBe('rst');
		expect(conn.rst?.from).toBe(1);
		expect(conn.protocol).toBe('http');
		expect(conn.http?.status).toBe(204);
	});

	it('starts a new connection when the same ports open again with a new SYN', () => {
		expect(tcp[2].client).toEqual(tcp[3].client);
		expect(tcp[2].server).toEqual(tcp[3].server);
		expect(flagged(rows, 'tcp.analysis.reused_ports')).toEqual([tcp[3].handshake.syn]);
	});

	it('reports no problem in a clean capture', () => {
		expect(problems).toEqual([]);
	});
});

describe('followTcp on the WebSocket capture (packet/fixtures/tcp4.lo.pcap)', () => {
	const { tcp } = follow('packet-tcp4.lo');

	it('recognises WebSocket: an Upgrade request answered by 101', () => {
		expect(tcp[0].protocol).toBe('websocket');
		const response = new TextDecoder().decode(tcp[0].streams[1].bytes);
		expect(tcp[0].http?.responseEnd).toBe(response.indexOf('\r\n\r\n') + 4);
		// The frames start there: RFC 6455 §5.7's unmasked "Hello".
		expect(hex(tcp[0].streams[1].bytes.subarray(tcp[0].http?.responseEnd))).toBe('810548656c6c6f');
	});

	it('ends the refused connection with the RST, ACK the closed port sent', () => {
		expect(tcp[1].ended).toBe('rst');
		expect(tcp[1].rst?.from).toBe(1);
		expect(tcp[1].protocol).toBe('other');
		expect(tcp[1].streams[0].bytes.length + tcp[1].streams[1].bytes.length).toBe(0);
	});
});

describe('followTcp on captures built from the real one', () => {
	const base = follow('follow').tcp[0];

	it('counts an exact copy as a duplicate, not as data twice', () => {
		const conn = follow('built-duplicate').tcp[0];
		expect(conn.streams[0].duplicates).toEqual([BASE.clientData[1] + 1]);
		expect(hex(conn.streams[0].bytes)).toBe(hex(base.streams[0].bytes));
	});

	it('counts a resent segment as a retransmission', () => {
		const conn = follow('built-retransmit').tcp[0];
		const rows = readFields('built-retransmit');
		expect(conn.streams[1].retransmissions).toEqual(flagged(rows, 'tcp.analysis.retransmission'));
		expect(hex(conn.streams[1].bytes)).toBe(hex(base.streams[1].bytes));
	});

	it('puts reordered segments back in sequence order', () => {
		const conn = follow('built-reorder').tcp[0];
		expect(conn.streams[1].outOfOrder).toEqual(
			flagged(readFields('built-reorder'), 'tcp.analysis.out_of_order')
		);
		expect(hex(conn.streams[1].bytes)).toBe(hex(base.streams[1].bytes));
	});

	it('stores overlapping bytes once', () => {
		const conn = follow('built-overlap').tcp[0];
		expect(conn.streams[1].overlaps).toHaveLength(1);
		expect(conn.streams[1].conflicts).toEqual([]);
		expect(hex(conn.streams[1].bytes)).toBe(hex(base.streams[1].bytes));
	});

	it('keeps the first copy when overlapping bytes differ, and says so', () => {
		const { tcp, problems } = follow('built-conflict');
		expect(tcp[0].streams[1].conflicts).toEqual(tcp[0].streams[1].overlaps);
		expect(hex(tcp[0].streams[1].bytes)).toBe(hex(base.streams[1].bytes));
		expect(problems.map((p) => p.code)).toEqual(['OVERLAP_CONFLICT']);
	});

	it('reports a missing segment as a gap instead of closing it up', () => {
		const { tcp, problems } = follow('built-gap');
		const stream = tcp[0].streams[1];
		expect(stream.gaps).toEqual([{ offset: 2067, streamOffset: 2067, length: 2000 }]);
		expect(stream.bytes.length).toBe(base.streams[1].bytes.length - 2000);
		expect(problems.map((p) => [p.code, p.direction])).toEqual([['GAP', 1]]);
	});

	it('follows sequence numbers across 2^32', () => {
		const conn = follow('built-wrap').tcp[0];
		expect(conn.streams[0].isn).toBe(2 ** 32 - 1000);
		expect(conn.streams[1].isn).toBe(2 ** 32 - 3000);
		expect(conn.streams[0].startSeq).toBe(2 ** 32 - 999);
		expect(hex(conn.streams[0].bytes)).toBe(hex(base.streams[0].bytes));
		expect(hex(conn.streams[1].bytes)).toBe(hex(base.streams[1].bytes));
		expect(conn.streams[1].gaps).toEqual([]);
	});

	it('marks the client as a guess when the capture starts after the handshake', () => {
		const { tcp, problems } = follow('built-midstream');
		expect(tcp[0].clientGuessed).toBe(true);
		expect(tcp[0].handshake).toEqual({});
		expect(nodeText(tcp[0].client)).toBe(nodeText(base.client)); // the client sent first here
		expect(problems.map((p) => p.code)).toEqual(['CLIENT_GUESSED']);
	});

	it('does not take a zero-window probe for data', () => {
		const conn = follow('built-zero-window').tcp[0];
		expect(conn.streams[1].zeroWindowProbes).toHaveLength(1);
		expect(hex(conn.streams[1].bytes)).toBe(hex(base.streams[1].bytes));
	});

	it('reports what a short snapshot length cut as cut segments and gaps', () => {
		const { tcp, problems } = follow('built-snaplen');
		const rows = readFields('built-snaplen');
		const stream = tcp[0].streams[1];
		const dataFrames = rows.filter((r) => r['tcp.stream'] === '0' && Number(r['tcp.len']) > 0);
		const cut = dataFrames
			.filter((r) => Number(r['frame.len']) > 150)
			.map((r) => Number(r['frame.number']) - 1);
		expect([...tcp[0].streams[0].cut, ...stream.cut].sort((a, b) => a - b)).toEqual(cut);
		const missing = dataFrames.reduce(
			(sum, r) => sum + Math.max(0, Number(r['frame.len']) - 150),
			0
		);
		const gaps = [...tcp[0].streams[0].gaps, ...stream.gaps].reduce((sum, g) => sum + g.length, 0);
		expect(gaps).toBe(missing);
		expect(problems.map((p) => p.code).sort()).toEqual([
			'GAP',
			'GAP',
			'SEGMENT_CUT',
			'SEGMENT_CUT'
		]);
	});
});

describe('the built captures', () => {
	for (const [name, build] of Object.entries(BUILDS)) {
		it(`${name}.pcap is what build.ts makes (so tshark read the same packets)`, () => {
			const written = writePcap(build(), 1, name === 'snaplen' ? 150 : 262144);
			expect(hex(written)).toBe(
				hex(new Uint8Array(readFileSync(`${followDir}/built/${name}.pcap`)))
			);
		});
	}

	const tshark = (() => {
		try {
			execFileSync('tshark', ['--version'], { stdio: 'ignore' });
			return true;
		} catch {
			return false;
		}
	})();
	it.skipIf(!tshark)('give the tshark output committed beside them (tshark installed)', () => {
		const live = execFileSync(
			'tshark',
			['-r', `${followDir}/built/overlap.pcap`, '-q', '-z', 'follow,tcp,raw,0'],
			{
				encoding: 'utf8',
				stdio: ['ignore', 'pipe', 'ignore']
			}
		);
		expect(live).toBe(tsharkFile('built-overlap.follow-raw.txt'));
	});
});

describe("followTcp on the echo server's captures (read by readCapture)", () => {
	for (const name of ['capture-echo.pcap', 'capture-echo.pcapng', 'capture-echo6.ns.pcap']) {
		it(`${name}: the WebSocket connection, the plain HTTP one and the refusal`, () => {
			const { tcp } = follow(name);
			expect(tcp[0].protocol).toBe('websocket');
			expect(tcp[0].http?.status).toBe(101);
			expect(tcp[0].ended).toBe('fin');
			const refused = tcp[tcp.length - 1];
			expect([refused.ended, refused.rst?.from, refused.protocol]).toEqual(['rst', 1, 'other']);
			if (tcp.length === 3) expect([tcp[1].protocol, tcp[1].http?.status]).toEqual(['http', 200]);
		});
	}

	it('capture-multi.pcapng: a datagram seen on two interfaces counts twice, as tshark counts it', () => {
		const { udp, tcp } = follow('capture-multi.pcapng');
		expect(tcp).toEqual([]);
		expect(udp.map((f) => f.datagrams)).toEqual([
			[2, 2],
			[2, 2]
		]);
	});
});

describe('follow problems', () => {
	it('drops bytes numbered before the SYN, and says so', () => {
		// The client's 476-byte segment moved to start 10 bytes before ISN + 1.
		const records = basePackets();
		records[5] = { ...records[5], bytes: rewrite(records[5].bytes, { seqDelta: -(2620 + 10) }) };
		const packets = load(`${followDir}/follow.pcap`).slice(0, 24);
		packets[5] = { ...packets[5], bytes: records[5].bytes };
		const { tcp, problems } = followTcp(packets);
		expect(problems.filter((p) => p.code === 'DATA_BEFORE_ISN')).toMatchObject([
			{ direction: 0, packet: 5, connection: 0 }
		]);
		expect(tcp[0].streams[0].bytes.length).toBe(2620);
	});

	it('every problem code happens on some capture here, with its source', () => {
		const codes = new Set(
			[...CAPTURES.map((c) => follow(c.name))].flatMap((r) => r.problems.map((p) => p.code))
		);
		codes.add('DATA_BEFORE_ISN'); // made above
		expect([...codes].sort()).toEqual(Object.keys(FOLLOW_SOURCES).sort());
		for (const { name } of CAPTURES)
			for (const p of follow(name).problems) expect(p.source).toBe(FOLLOW_SOURCES[p.code]);
	});
});
