/**
 * The delivery model: what the receiver's recv() calls return when the same send() calls go
 * through a stream, a datagram or a seqpacket socket across a lossy network. Deterministic for a
 * seed, and it never throws: options it cannot use come back as a located error.
 *
 * The model, in numbers (all in `delivery-constants.ts`):
 * - Time is simulated, in milliseconds. The sending application makes all its send() calls at
 *   time 0; packets leave 1 ms apart and cross the network in 50 ms plus a seeded 0–10 ms of
 *   queueing jitter. Jitter alone never reorders: a packet the network reorders is held back
 *   40 ms more, so that later packets overtake it. A duplicate arrives just after its original.
 * - **stream** (TCP, socket(2), tcp(7)): the bytes of all send() calls are one byte stream; TCP
 *   cuts it into segments of at most MSS = MTU − 40 bytes, so back-to-back sends share a segment
 *   (as with Nagle's algorithm or TCP_CORK: the stream has no boundaries to keep). A lost segment
 *   is retransmitted after the retransmission timeout (1 s, RFC 6298 §2.1), which doubles each
 *   time (§5.5). After LIMITS.maxRetries retransmissions of one segment (Linux uses tcp_retries2
 *   = 15) the connection times out. The receiver discards duplicates and holds out-of-order
 *   segments until the gap is filled. Simplifications: every segment keeps its own timer, there is
 *   no congestion window, and acknowledgments are never lost.
 * - **datagram** (UDP, udp(7)): one datagram per send(), never retransmitted. A payload above
 *   MTU − 28 bytes leaves as IP fragments (RFC 791: every fragment but the last carries a multiple
 *   of 8 bytes), and the datagram is lost if any fragment is. Duplicates and reordering reach the
 *   application.
 * - **seqpacket** (socket(2)): reliable and ordered with record boundaries. The model carries each
 *   record as SCTP would across a network, in pieces of at most MTU − 48 bytes, with the stream's
 *   retransmission rules. (AF_UNIX SOCK_SEQPACKET never crosses a network and loses nothing: set
 *   loss, reorder and duplicate to 0 to see it.)
 * - The receiving application calls recv(readSize) as soon as data is readable. On a stream it
 *   keeps calling while bytes remain, so one send() can come back in several reads and several
 *   sends in one. On a datagram or seqpacket socket each recv() takes one whole datagram or record,
 *   truncated to readSize; the rest of it is discarded (MSG_TRUNC, recv(2), udp(7), socket(2)).
 */

import { LIMITS as LIMIT_VALUES, MIN_MTU as MIN_MTU_VALUE } from './delivery-constants';
import { simulateDatagram } from './delivery-datagram';
import { simulateReliable } from './delivery-reliable';
import { validationMessage, type ValidationProblem } from './delivery-text';

/** The three socket types the model knows. */
export type SocketType = 'stream' | 'datagram' | 'seqpacket';

/** The socket types, in the order a view lists them. */
export const SOCKET_TYPES: readonly SocketType[] = ['stream', 'datagram', 'seqpacket'];

/** What the simulated network does to each packet: probabilities from 0 to 1, MTU in bytes. */
export interface NetworkOptions {
	loss: number;
	reorder: number;
	duplicate: number;
	mtu: number;
}

/** One run of the model. */
export interface DeliveryOptions {
	type: SocketType;
	/** Successive send() calls; strings are encoded as UTF-8. */
	messages: readonly (Uint8Array | string)[];
	/** Bytes each recv() asks for. */
	readSize: number;
	network: NetworkOptions;
	/** Any finite number; the same seed gives the same result. */
	seed: number;
}

/** 68 bytes: RFC 791's smallest datagram every module forwards unfragmented (60-byte header + 8). */
export const MIN_MTU: number = MIN_MTU_VALUE;

/** Bounds on the input; see delivery-constants.ts for the reason behind each. */
export const LIMITS: {
	maxMessages: number;
	maxMessageBytes: number;
	maxReadSize: number;
	maxMtu: number;
	maxRetries: number;
} = LIMIT_VALUES;

/** What happened to a packet on the network. */
export type PacketFate = 'delivered' | 'lost' | 'duplicated' | 'reordered' | 'retransmission';

/** One packet that crossed (or tried to cross) the network. */
export interface SimPacket {
	/** Index in send order. */
	id: number;
	kind: 'segment' | 'datagram' | 'fragment' | 'record';
	/** The payload bytes this packet carries (for a first IP fragment: without the UDP header). */
	bytes: Uint8Array;
	/** Indexes of the send() calls whose bytes it carries. */
	messages: number[];
	/** Stream: offset of bytes[0] in the byte stream. */
	streamOffset?: number;
	/** Datagram IP fragments: which datagram (send() index), which fragment, of how many. */
	fragment?: { datagram: number; index: number; count: number };
	/** 0 for the first transmission; 1, 2, … for retransmissions. */
	attempt: number;
	/** Simulated ms. */
	sentAt: number;
	/** Simulated ms; null when lost. */
	arrivesAt: number | null;
	fate: PacketFate;
	/** One sentence: what happened to it and why. */
	explanation: string;
}

/** One recv() call of the receiving application. */
export interface SimRead {
	index: number;
	/** Simulated ms. */
	at: number;
	data: Uint8Array;
	/** Datagram/seqpacket: part of the unit was discarded (MSG_TRUNC). */
	truncated: boolean;
	/** Bytes of that unit thrown away. */
	discarded: number;
	/** Indexes of the send() calls whose bytes this read returned. */
	messages: number[];
	/** The rule that explains this result, in one or two sentences. */
	explanation: string;
	/** Man page or RFC, e.g. 'recv(2)', 'udp(7)', 'socket(2)'. */
	source: string;
}

/** How the run ended. */
export interface SimOutcome {
	kind: 'complete' | 'partial' | 'timed-out';
	/** One sentence, e.g. "All 3 messages arrived, in order, once." */
	summary: string;
	/** Indexes of the messages fully delivered. */
	delivered: number[];
	lost: number[];
}

/** The model's answer: the run, or the option it could not use and why. */
export type DeliveryResult =
	| {
			ok: true;
			options: DeliveryOptions;
			packets: SimPacket[];
			reads: SimRead[];
			outcome: SimOutcome;
			/** Simulated ms until the last event. */
			duration: number;
	  }
	| {
			ok: false;
			error: {
				field: 'type' | 'messages' | 'readSize' | 'loss' | 'reorder' | 'duplicate' | 'mtu' | 'seed';
				message: string;
				/** For a messages error about one send(): its index, counted from 0. */
				index?: number;
			};
	  };

/** The error half of DeliveryResult. */
export type DeliveryError = Extract<DeliveryResult, { ok: false }>['error'];

/** The run after validation: bytes encoded, numbers checked. */
export interface ValidOptions {
	type: SocketType;
	messages: Uint8Array[];
	readSize: number;
	loss: number;
	reorder: number;
	duplicate: number;
	mtu: number;
	seed: number;
}

/** What each simulator returns; simulateDelivery adds the options and the duration. */
export interface SimulationParts {
	packets: SimPacket[];
	reads: SimRead[];
	outcome: SimOutcome;
	/** The last moment something happened that is not a packet or a read (a give-up). */
	lastEvent: number;
}

const encoder = new TextEncoder();

function isRecord(value: unknown): value is Record<string, unknown> {
	return typeof value === 'object' && value !== null;
}

function fail(problem: ValidationProblem): { ok: false; error: DeliveryError } {
	const error: DeliveryError = { field: problem.field, message: validationMessage(problem) };
	if ('index' in problem && typeof problem.index === 'number') error.index = problem.index;
	return { ok: false, error };
}

/** Checks every option; returns the first problem found, in the order a form lists them. */
export function validateDeliveryOptions(
	options: unknown
): { ok: true; valid: ValidOptions } | { ok: false; error: DeliveryError } {
	if (!isRecord(options)) return fail({ field: 'type', problem: 'no-options' });
	const { type, messages, readSize, network, seed } = options;
	if (typeof type !== 'string' || !(SOCKET_TYPES as readonly string[]).includes(type)) {
		return fail({ field: 'type', problem: 'unknown-type', value: type });
	}
	if (!Array.isArray(messages)) return fail({ field: 'messages', problem: 'not-a-list' });
	if (messages.length === 0) return fail({ field: 'messages', problem: 'empty' });
	if (messages.length > LIMITS.maxMessages) {
		return fail({ field: 'messages', problem: 'too-many', count: messages.length });
	}
	const encoded: Uint8Array[] = [];
	for (let index = 0; index < messages.length; index++) {
		const message: unknown = messages[index];
		let bytes: Uint8Array;
		if (typeof message === 'string') {
			// A UTF-8 string is at most 3 bytes per UTF-16 unit: refuse hopeless lengths before encoding.
			if (message.length > LIMITS.maxMessageBytes) {
				return fail({ field: 'messages', problem: 'too-large', index, size: message.length });
			}
			bytes = encoder.encode(message);
		} else if (message instanceof Uint8Array) {
			bytes = message;
		} else {
			return fail({ field: 'messages', problem: 'not-bytes', index });
		}
		if (bytes.length > LIMITS.maxMessageBytes) {
			return fail({ field: 'messages', problem: 'too-large', index, size: bytes.length });
		}
		encoded.push(bytes);
	}
	if (!isWholeIn(readSize, 1, LIMITS.maxReadSize)) {
		return fail({ field: 'readSize', problem: 'read-size', value: readSize });
	}
	if (!isRecord(network)) return fail({ field: 'loss', problem: 'no-network' });
	for (const field of ['loss', 'reorder', 'duplicate'] as const) {
		const value = network[field];
		if (typeof value !== 'number' || !(value >= 0 && value <= 1)) {
			return fail({ field, problem: 'probability', value });
		}
	}
	if (!isWholeIn(network.mtu, MIN_MTU, LIMITS.maxMtu)) {
		return fail({ field: 'mtu', problem: 'mtu', value: network.mtu });
	}
	if (typeof seed !== 'number' || !Number.isFinite(seed)) {
		return fail({ field: 'seed', problem: 'seed', value: seed });
	}
	return {
		ok: true,
		valid: {
			type: type as SocketType,
			messages: encoded,
			readSize: readSize as number,
			loss: network.loss as number,
			reorder: network.reorder as number,
			duplicate: network.duplicate as number,
			mtu: network.mtu as number,
			seed
		}
	};
}

function isWholeIn(value: unknown, min: number, max: number): value is number {
	return typeof value === 'number' && Number.isInteger(value) && value >= min && value <= max;
}

/**
 * Runs the model: every packet that crossed the network, in send order, every recv() the
 * receiver made, and how it ended. Never throws; unusable options give `{ ok: false, error }`.
 */
export function simulateDelivery(options: DeliveryOptions): DeliveryResult {
	const checked = validateDeliveryOptions(options);
	if (!checked.ok) return checked;
	const valid = checked.valid;
	const parts = valid.type === 'datagram' ? simulateDatagram(valid) : simulateReliable(valid);
	let duration = parts.lastEvent;
	for (const packet of parts.packets) {
		duration = Math.max(duration, packet.sentAt, packet.arrivesAt ?? 0);
	}
	for (const read of parts.reads) duration = Math.max(duration, read.at);
	return {
		ok: true,
		options: {
			type: valid.type,
			messages: [...options.messages],
			readSize: valid.readSize,
			network: {
				loss: valid.loss,
				reorder: valid.reorder,
				duplicate: valid.duplicate,
				mtu: valid.mtu
			},
			seed: valid.seed
		},
		packets: parts.packets,
		reads: parts.reads,
		outcome: parts.outcome,
		duration
	};
}
