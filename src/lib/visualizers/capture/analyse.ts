/**
 * Reading a capture for the explorer: the file read by `readCapture`, its conversations
 * followed by `followTcp`, and one row per conversation for the list. Loaded with `import()`
 * once a file arrives, so the page itself stays small.
 */
import { readCapture } from '$lib/protocol/capture/read';
import { followTcp } from '$lib/protocol/capture/follow';
import type { CaptureReading, CapturedPacket } from '$lib/protocol/capture/types';
import { connectionFromDump } from '$lib/protocol/capture/conversation-dump';
import { readStreamDump } from '$lib/protocol/capture/stream-dump';
import type {
	Conversations,
	Endpoint,
	StreamProtocol,
	TcpConnection
} from '$lib/protocol/capture/follow-types';
import type { ConversationChoice } from './address';

/** One line of the conversation list. */
export interface ConversationRow {
	choice: ConversationChoice;
	protocol: StreamProtocol | 'udp';
	client: Endpoint;
	server: Endpoint;
	start: bigint;
	durationNs: bigint;
	packets: number;
	/** Bytes on the wire each way: [client → server, server → client]. */
	wireBytes: [number, number];
}

export interface CaptureAnalysis {
	name: string;
	size: number;
	reading: CaptureReading;
	packets: CapturedPacket[];
	conversations: Conversations;
	rows: ConversationRow[];
	/** Time of the earliest packet (ns), the origin of relative times. */
	origin: bigint;
}

export function analyse(name: string, bytes: Uint8Array): CaptureAnalysis {
	const reading = readCapture(bytes);
	const packets = reading.packets;
	const conversations = followTcp(packets);
	let origin = packets.length ? packets[0].time : 0n;
	for (const p of packets) if (p.time < origin && p.time > 0n) origin = p.time;
	const rows: ConversationRow[] = [
		...conversations.tcp.map((c): ConversationRow => ({
			choice: { kind: 'tcp', id: c.id },
			protocol: c.protocol,
			client: c.client,
			server: c.server,
			start: c.start,
			durationNs: c.end - c.start,
			packets: c.packets.length,
			wireBytes: [c.streams[0].wireBytes, c.streams[1].wireBytes]
		})),
		...conversations.udp.map((u): ConversationRow => ({
			choice: { kind: 'udp', id: u.id },
			protocol: 'udp',
			client: u.client,
			server: u.server,
			start: u.start,
			durationNs: u.end - u.start,
			packets: u.packets.length,
			wireBytes: u.wireBytes
		}))
	];
	return { name, size: bytes.length, reading, packets, conversations, rows, origin };
}

/** A pasted Follow TCP Stream dump, read: its one connection, or where it could not be read. */
export type DumpAnalysis =
	| {
			ok: true;
			format: string;
			chunks: number;
			connection: TcpConnection;
			/** The line each block starts on. */
			lines: number[];
			notes: { message: string; line: number }[];
	  }
	| { ok: false; message: string; line: number; column: number };

export function analyseDump(text: string): DumpAnalysis {
	const reading = readStreamDump(text);
	if (!reading.ok) return { ok: false, ...reading.error };
	return {
		ok: true,
		format: reading.format,
		chunks: reading.chunks.length,
		connection: connectionFromDump(reading),
		lines: reading.chunks.map((chunk) => chunk.line),
		notes: reading.notes
	};
}
