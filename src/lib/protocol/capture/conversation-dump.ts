/**
 * A Follow TCP Stream dump (`readStreamDump`) as a connection the conversation view can read:
 * its two streams, its chunks in the order the dump lists them, and what they carry. A dump
 * holds bytes only — no packets, times, handshake or teardown — so each chunk's `packet` is its
 * position in the dump and its `time` that position too, which keeps the dump's interleaving
 * of the two directions as the conversation's order.
 */
import { recogniseStreams } from './follow-protocol';
import type { ByteStream, Endpoint, StreamChunk, TcpConnection } from './follow-types';
import type { StreamDumpReading } from './stream-dump';

type DumpRead = Extract<StreamDumpReading, { ok: true }>;

/** "127.0.0.1:39548" or "[::1]:80" as an endpoint; a placeholder when the dump names none. */
export function nodeEndpoint(node: string | undefined, side: 0 | 1): Endpoint {
	const match = node?.match(/^\[?([^\]]*?)\]?:(\d+)$/);
	if (!match) return { address: `node ${side}`, port: 0 };
	return { address: match[1], port: Number(match[2]) };
}

function stream(reading: DumpRead, side: 0 | 1): ByteStream {
	const chunks: StreamChunk[] = [];
	let offset = 0;
	reading.chunks.forEach((chunk, index) => {
		if (chunk.from !== side) return;
		chunks.push({
			offset,
			streamOffset: offset,
			length: chunk.bytes.length,
			packet: index,
			time: BigInt(index)
		});
		offset += chunk.bytes.length;
	});
	return {
		bytes: reading.streams[side],
		chunks,
		gaps: [],
		startSeq: 0,
		packets: chunks.length,
		wireBytes: reading.streams[side].length,
		retransmissions: [],
		duplicates: [],
		outOfOrder: [],
		overlaps: [],
		conflicts: [],
		keepAlives: [],
		zeroWindowProbes: [],
		duplicateAcks: [],
		cut: []
	};
}

/** The dump as connection 0: node 0 is the client, node 1 the server (as Wireshark labels them). */
export function connectionFromDump(reading: DumpRead): TcpConnection {
	const streams: [ByteStream, ByteStream] = [stream(reading, 0), stream(reading, 1)];
	const client = nodeEndpoint(reading.nodes?.[0], 0);
	const server = nodeEndpoint(reading.nodes?.[1], 1);
	const recognised = recogniseStreams(streams[0].bytes, streams[1].bytes);
	const connection: TcpConnection = {
		id: 0,
		family: client.address.includes(':') ? 6 : 4,
		client,
		server,
		clientGuessed: false,
		start: 0n,
		end: BigInt(Math.max(0, reading.chunks.length - 1)),
		packets: reading.chunks.map((_, index) => index),
		handshake: {},
		ended: 'open',
		streams,
		protocol: recognised.protocol
	};
	if (recognised.http) connection.http = recognised.http;
	return connection;
}
