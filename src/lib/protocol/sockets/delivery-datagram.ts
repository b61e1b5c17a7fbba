/**
 * Datagram (UDP, udp(7)): one datagram per send(), never retransmitted. A payload above MTU − 28
 * bytes leaves as IPv4 fragments; every fragment but the last carries a multiple of 8 bytes of
 * the IP payload (RFC 791 §2.3: the fragment offset counts 8-byte units), the first one starting
 * with the 8-byte UDP header. The datagram reaches the socket only if every fragment arrives. The
 * receiver reads one datagram per recv(), truncated to readSize (MSG_TRUNC).
 */

import { IPV4_HEADER, PACKET_GAP_MS, UDP_HEADER } from './delivery-constants';
import type { SimOutcome, SimPacket, SimRead, SimulationParts, ValidOptions } from './delivery';
import { drawFates, timeTransmissions, type Timed, type Transmission } from './delivery-network';
import { datagramOutcomeText, datagramPacketText, recordReadText } from './delivery-text';
import { seededRandom } from './random';

interface Piece {
	message: number;
	bytes: Uint8Array;
	fragment?: { datagram: number; index: number; count: number };
}

/**
 * How a UDP payload of `length` bytes is fragmented for `mtu`: the IP payload (UDP header +
 * data) of each fragment. One entry when it fits in one packet.
 */
export function fragmentSizes(length: number, mtu: number): number[] {
	const ipPayload = length + UDP_HEADER;
	if (ipPayload <= mtu - IPV4_HEADER) return [ipPayload];
	const perFragment = Math.floor((mtu - IPV4_HEADER) / 8) * 8;
	const sizes: number[] = [];
	for (let from = 0; from < ipPayload; from += perFragment) {
		sizes.push(Math.min(perFragment, ipPayload - from));
	}
	return sizes;
}

function pieces(valid: ValidOptions): Piece[] {
	const result: Piece[] = [];
	valid.messages.forEach((message, index) => {
		const sizes = fragmentSizes(message.length, valid.mtu);
		if (sizes.length === 1) {
			result.push({ message: index, bytes: message });
			return;
		}
		let ipFrom = 0;
		sizes.forEach((size, k) => {
			const from = Math.max(0, ipFrom - UDP_HEADER);
			const to = ipFrom + size - UDP_HEADER;
			result.push({
				message: index,
				bytes: message.subarray(from, to),
				fragment: { datagram: index, index: k, count: sizes.length }
			});
			ipFrom += size;
		});
	});
	return result;
}

interface Arrival {
	message: number;
	at: number;
	/** Send-order id of the packet that completed it, to break ties. */
	id: number;
	copy: boolean;
}

/** Runs a datagram socket. */
export function simulateDatagram(valid: ValidOptions): SimulationParts {
	const random = seededRandom(valid.seed);
	const transmissions: Transmission<Piece>[] = pieces(valid).map((piece, i) => ({
		info: piece,
		attempt: 0,
		sentAt: i * PACKET_GAP_MS,
		draws: drawFates(random, valid)
	}));
	const timed = timeTransmissions(transmissions);

	// Reassembly: a fragmented datagram is complete when its last original fragment is in.
	const fragmentsOf = new Map<number, Timed<Piece>[]>();
	const arrivals: Arrival[] = [];
	for (const packet of timed) {
		const { fragment, message } = packet.info;
		if (fragment) {
			if (!packet.copy) {
				const list = fragmentsOf.get(message);
				if (list) list.push(packet);
				else fragmentsOf.set(message, [packet]);
			}
		} else if (packet.arrivesAt !== null) {
			arrivals.push({ message, at: packet.arrivesAt, id: packet.id, copy: packet.copy });
		}
	}
	const missing = new Map<number, number[]>();
	for (const [message, fragments] of fragmentsOf) {
		const lostOnes = fragments
			.filter((f) => f.arrivesAt === null)
			.map((f) => f.info.fragment!.index);
		if (lostOnes.length > 0) {
			missing.set(message, lostOnes);
			continue;
		}
		const last = fragments.reduce((a, b) =>
			(b.arrivesAt as number) > (a.arrivesAt as number) ? b : a
		);
		arrivals.push({ message, at: last.arrivesAt as number, id: last.id, copy: false });
	}
	arrivals.sort((a, b) => a.at - b.at || a.id - b.id);
	const completedAt = new Map<number, number>();
	for (const arrival of arrivals) if (!arrival.copy) completedAt.set(arrival.message, arrival.at);

	// One recv() per datagram, as soon as it is in the receive queue.
	const reads: SimRead[] = [];
	let highest = -1;
	let outOfOrderReads = 0;
	for (const arrival of arrivals) {
		const bytes = valid.messages[arrival.message];
		const size = Math.min(valid.readSize, bytes.length);
		const outOfOrder = arrival.message < highest && !arrival.copy;
		if (outOfOrder) outOfOrderReads++;
		highest = Math.max(highest, arrival.message);
		reads.push({
			index: reads.length,
			at: arrival.at,
			data: bytes.subarray(0, size),
			truncated: size < bytes.length,
			discarded: bytes.length - size,
			messages: [arrival.message],
			explanation: recordReadText({
				type: 'datagram',
				asked: valid.readSize,
				size: bytes.length,
				message: arrival.message,
				copy: arrival.copy,
				outOfOrder,
				gapFilled: false
			}),
			source: 'udp(7)'
		});
	}

	const packets: SimPacket[] = timed.map((packet) => {
		const { fragment, message, bytes } = packet.info;
		const result: SimPacket = {
			id: packet.id,
			kind: fragment ? 'fragment' : 'datagram',
			bytes,
			messages: [message],
			attempt: 0,
			sentAt: packet.sentAt,
			arrivesAt: packet.arrivesAt,
			fate: packet.fate,
			explanation: datagramPacketText({
				fate: packet.fate,
				message,
				length: valid.messages[message].length,
				dataBytes: bytes.length,
				fragment,
				missing: missing.get(message) ?? [],
				completedAt: completedAt.get(message) ?? null
			})
		};
		if (fragment) result.fragment = fragment;
		return result;
	});

	const deliveredSet = new Set(arrivals.map((arrival) => arrival.message));
	const delivered = valid.messages.map((_, i) => i).filter((i) => deliveredSet.has(i));
	const lost = valid.messages.map((_, i) => i).filter((i) => !deliveredSet.has(i));
	const outcome: SimOutcome = {
		kind: lost.length === 0 ? 'complete' : 'partial',
		summary: datagramOutcomeText({
			messages: valid.messages.length,
			delivered: delivered.length,
			copies: arrivals.filter((arrival) => arrival.copy).length,
			outOfOrder: outOfOrderReads,
			truncated: reads.filter((read) => read.truncated).length
		}),
		delivered,
		lost
	};
	return { packets, reads, outcome, lastEvent: 0 };
}
