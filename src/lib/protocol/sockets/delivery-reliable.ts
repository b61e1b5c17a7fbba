/**
 * Stream and seqpacket: the two reliable, ordered types. Both cut their data into packets
 * (segments of at most MSS = MTU − 40 bytes; record pieces of at most MTU − 48), retransmit a lost
 * packet when its timer runs out (1 s, doubling, RFC 6298 §2.1 and §5.5), give up after
 * MAX_RETRIES retransmissions, discard duplicates and hold out-of-order packets until the gap is
 * filled. They differ in what recv() returns: bytes up to readSize (stream), or one record
 * truncated to readSize (seqpacket).
 */

import {
	INITIAL_RTO_MS,
	IPV4_HEADER,
	MAX_RETRIES,
	PACKET_GAP_MS,
	SCTP_OVERHEAD,
	TCP_HEADER
} from './delivery-constants';
import type { SimOutcome, SimPacket, SimRead, SimulationParts, ValidOptions } from './delivery';
import {
	byArrival,
	drawFates,
	timeTransmissions,
	type Timed,
	type Transmission
} from './delivery-network';
import {
	recordReadText,
	reliableOutcomeText,
	reliablePacketText,
	streamReadText,
	type LostNext,
	type Treatment
} from './delivery-text';
import { seededRandom } from './random';

/** One packet's worth of data, retransmitted as a whole until it arrives. */
interface Unit {
	index: number;
	bytes: Uint8Array;
	messages: number[];
	streamOffset?: number;
	/** Seqpacket: the record (send() index), and this piece's place in it. */
	record?: { index: number; piece: number; count: number };
	firstSentAt: number;
}

/** The retransmission timeout before attempt `attempt` (≥ 1): 1 s, 2 s, 4 s, … */
export function rtoBefore(attempt: number): number {
	return INITIAL_RTO_MS * 2 ** (attempt - 1);
}

/** When attempt `attempt` of a packet first sent at `first` leaves: first + 1 s + 2 s + … */
function attemptTime(first: number, attempt: number): number {
	return first + INITIAL_RTO_MS * (2 ** attempt - 1);
}

function concat(messages: readonly Uint8Array[]): { stream: Uint8Array; starts: number[] } {
	const starts: number[] = [];
	let total = 0;
	for (const message of messages) {
		starts.push(total);
		total += message.length;
	}
	const stream = new Uint8Array(total);
	messages.forEach((message, i) => stream.set(message, starts[i]));
	return { stream, starts };
}

/** send() indexes with at least one byte in [from, to). */
function messagesIn(
	starts: readonly number[],
	messages: readonly Uint8Array[],
	from: number,
	to: number
): number[] {
	const found: number[] = [];
	// Binary search for the last message starting at or before `from`, then walk forward.
	let low = 0;
	let high = starts.length - 1;
	while (low < high) {
		const mid = (low + high + 1) >> 1;
		if (starts[mid] <= from) low = mid;
		else high = mid - 1;
	}
	for (let i = low; i < starts.length && starts[i] < to; i++) {
		if (messages[i].length > 0 && starts[i] + messages[i].length > from) found.push(i);
	}
	return found;
}

function streamUnits(valid: ValidOptions, stream: Uint8Array, starts: number[]): Unit[] {
	const mss = valid.mtu - IPV4_HEADER - TCP_HEADER;
	const units: Unit[] = [];
	for (let offset = 0; offset < stream.length; offset += mss) {
		const end = Math.min(stream.length, offset + mss);
		units.push({
			index: units.length,
			bytes: stream.subarray(offset, end),
			messages: messagesIn(starts, valid.messages, offset, end),
			streamOffset: offset,
			firstSentAt: units.length * PACKET_GAP_MS
		});
	}
	return units;
}

function recordUnits(valid: ValidOptions): Unit[] {
	const pieceSize = valid.mtu - IPV4_HEADER - SCTP_OVERHEAD;
	const units: Unit[] = [];
	valid.messages.forEach((record, index) => {
		const count = Math.max(1, Math.ceil(record.length / pieceSize));
		for (let piece = 0; piece < count; piece++) {
			units.push({
				index: units.length,
				bytes: record.subarray(piece * pieceSize, Math.min(record.length, (piece + 1) * pieceSize)),
				messages: [index],
				record: { index, piece, count },
				firstSentAt: units.length * PACKET_GAP_MS
			});
		}
	});
	return units;
}

/** Runs a stream or seqpacket socket. */
export function simulateReliable(valid: ValidOptions): SimulationParts {
	const isStream = valid.type === 'stream';
	const { stream, starts } = concat(valid.messages);
	const units = isStream ? streamUnits(valid, stream, starts) : recordUnits(valid);
	const random = seededRandom(valid.seed);

	// 1. Every transmission each unit would need, and when the first unit runs out of retries.
	const transmissions: Transmission<Unit>[] = [];
	let giveUpAt = Infinity;
	for (const unit of units) {
		let arrived = false;
		for (let attempt = 0; attempt <= MAX_RETRIES && !arrived; attempt++) {
			const draws = drawFates(random, valid);
			transmissions.push({
				info: unit,
				attempt,
				sentAt: attemptTime(unit.firstSentAt, attempt),
				draws
			});
			arrived = !draws.lost;
		}
		if (!arrived) giveUpAt = Math.min(giveUpAt, attemptTime(unit.firstSentAt, MAX_RETRIES + 1));
	}
	// 2. Nothing leaves once the connection has timed out.
	const sent = transmissions.filter((transmission) => transmission.sentAt < giveUpAt);
	const timed = timeTransmissions(sent);

	// 3. The receiver, packet by packet in arrival order. The application reads once every
	//    packet of that millisecond is in, so two packets arriving together are read together.
	const treatments = new Map<Timed<Unit>, Treatment>();
	const releasedAt = new Map<number, number>();
	const arrivedAt = new Map<number, number>();
	const held = new Set<number>();
	const reads: SimRead[] = [];
	const arrivals = byArrival(timed);
	let released: Unit[] = [];
	let next = 0;
	let readPos = 0;
	for (let k = 0; k < arrivals.length; k++) {
		const packet = arrivals[k];
		const at = packet.arrivesAt as number;
		const unit = packet.info.index;
		if (unit < next || held.has(unit)) {
			treatments.set(packet, { kind: 'discarded' });
		} else {
			held.add(unit);
			arrivedAt.set(unit, at);
			if (unit !== next) treatments.set(packet, { kind: 'held', unit });
			else {
				treatments.set(packet, { kind: 'in-order' });
				while (held.has(next)) {
					held.delete(next);
					if (next !== unit) releasedAt.set(next, at);
					released.push(units[next]);
					next++;
				}
			}
		}
		const batchEnds = k + 1 === arrivals.length || arrivals[k + 1].arrivesAt !== at;
		if (!batchEnds || released.length === 0) continue;
		/** Had this unit arrived before now, and waited for data in front of it? */
		const waited = (piece: Unit) => (arrivedAt.get(piece.index) as number) < at;
		if (isStream) {
			const end = next < units.length ? (units[next].streamOffset as number) : stream.length;
			let gapFilled = released.some(waited);
			while (readPos < end) {
				const size = Math.min(valid.readSize, end - readPos);
				const messages = messagesIn(starts, valid.messages, readPos, readPos + size);
				const whole =
					messages.length === 1 &&
					starts[messages[0]] >= readPos &&
					starts[messages[0]] + valid.messages[messages[0]].length <= readPos + size;
				reads.push({
					index: reads.length,
					at,
					data: stream.subarray(readPos, readPos + size),
					truncated: false,
					discarded: 0,
					messages,
					explanation: streamReadText({
						asked: valid.readSize,
						got: size,
						left: end - readPos - size,
						messages,
						whole,
						gapFilled
					}),
					source: 'recv(2)'
				});
				readPos += size;
				gapFilled = false;
			}
		} else {
			for (const piece of released) {
				const record = piece.record as NonNullable<Unit['record']>;
				if (record.piece !== record.count - 1) continue;
				const bytes = valid.messages[record.index];
				const size = Math.min(valid.readSize, bytes.length);
				const pieces = units.slice(piece.index - record.piece, piece.index + 1);
				reads.push({
					index: reads.length,
					at,
					data: bytes.subarray(0, size),
					truncated: size < bytes.length,
					discarded: bytes.length - size,
					messages: [record.index],
					explanation: recordReadText({
						type: 'seqpacket',
						asked: valid.readSize,
						size: bytes.length,
						message: record.index,
						copy: false,
						outOfOrder: false,
						// Complete before now but unread: an earlier record was still incomplete.
						gapFilled: pieces.every(waited)
					}),
					source: 'socket(2)'
				});
			}
		}
		released = [];
	}

	// 4. Each packet's sentence, now that the receiver's treatment is known.
	const packets: SimPacket[] = timed.map((packet) => {
		const unit = packet.info;
		let lostNext: LostNext | undefined;
		if (packet.arrivesAt === null) {
			const nextAttempt = packet.attempt + 1;
			if (packet.attempt >= MAX_RETRIES) lostNext = { kind: 'gave-up', at: giveUpAt };
			else if (attemptTime(unit.firstSentAt, nextAttempt) < giveUpAt) {
				lostNext = {
					kind: 'retry',
					at: attemptTime(unit.firstSentAt, nextAttempt),
					rto: rtoBefore(nextAttempt)
				};
			} else lostNext = { kind: 'aborted' };
		}
		const treatment = treatments.get(packet);
		const explanation = reliablePacketText({
			type: isStream ? 'stream' : 'seqpacket',
			fate: packet.fate,
			attempt: packet.attempt,
			rto: packet.attempt > 0 ? rtoBefore(packet.attempt) : 0,
			from: unit.streamOffset ?? 0,
			length: unit.bytes.length,
			messages: unit.messages,
			record: unit.record,
			treatment:
				treatment?.kind === 'held'
					? {
							kind: 'held',
							unit: treatment.unit,
							releasedAt: releasedAt.get(treatment.unit) ?? null
						}
					: treatment,
			lostNext
		});
		const result: SimPacket = {
			id: packet.id,
			kind: isStream ? 'segment' : 'record',
			bytes: unit.bytes,
			messages: unit.messages,
			attempt: packet.attempt,
			sentAt: packet.sentAt,
			arrivesAt: packet.arrivesAt,
			fate: packet.fate,
			explanation
		};
		if (isStream) result.streamOffset = unit.streamOffset;
		return result;
	});

	// 5. How it ended.
	const timedOut = giveUpAt !== Infinity;
	const delivered: number[] = [];
	const lost: number[] = [];
	valid.messages.forEach((message, i) => {
		const done = isStream
			? starts[i] + message.length <= readPos
			: reads.some((read) => read.messages[0] === i);
		(done ? delivered : lost).push(i);
	});
	const retransmissions = timed.filter((packet) => packet.attempt > 0 && !packet.copy).length;
	const outcome: SimOutcome = {
		kind: timedOut ? 'timed-out' : 'complete',
		summary: reliableOutcomeText({
			type: isStream ? 'stream' : 'seqpacket',
			timedOut,
			giveUpAt,
			messages: valid.messages.length,
			bytes: stream.length,
			bytesRead: readPos,
			recordsRead: reads.length,
			reads: reads.length,
			retransmissions
		}),
		delivered,
		lost
	};
	return { packets, reads, outcome, lastEvent: timedOut ? giveUpAt : 0 };
}
