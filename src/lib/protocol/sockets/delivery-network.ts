/**
 * The simulated network shared by the three socket types: seeded draws for each transmission,
 * arrival times, and the observed fate of each packet. The socket-type modules decide what is
 * sent and what the receiver does with it.
 */

import {
	DUPLICATE_DELAY_MS,
	JITTER_MS,
	ONE_WAY_DELAY_MS,
	REORDER_DELAY_MS
} from './delivery-constants';
import type { PacketFate } from './delivery';
import type { Random } from './random';

/** What the network decided for one transmission. */
export interface Draws {
	lost: boolean;
	/** Whole ms of queueing delay, 0..JITTER_MS. */
	jitter: number;
	/** Held back REORDER_DELAY_MS so that later packets can overtake it. */
	delayed: boolean;
	/** The network delivers a second copy. */
	duplicated: boolean;
	/** Jitter of the copy, 0..JITTER_MS. */
	duplicateJitter: number;
}

/** Network probabilities, as validated. */
export interface Chances {
	loss: number;
	reorder: number;
	duplicate: number;
}

/**
 * Five draws, always five, whatever they decide: so a change in one probability moves no other
 * packet's draws. `x < p` makes probability 0 never happen and probability 1 always happen.
 */
export function drawFates(random: Random, chances: Chances): Draws {
	const lost = random() < chances.loss;
	const jitter = Math.floor(random() * (JITTER_MS + 1));
	const delayed = random() < chances.reorder;
	const duplicated = random() < chances.duplicate;
	const duplicateJitter = Math.floor(random() * (JITTER_MS + 1));
	return {
		lost: lost,
		jitter,
		delayed: !lost && delayed,
		duplicated: !lost && duplicated,
		duplicateJitter
	};
}

/** One transmission before timing: T is what the socket-type module needs to know about it. */
export interface Transmission<T> {
	info: T;
	attempt: number;
	sentAt: number;
	draws: Draws;
}

/** A transmission or its duplicate copy, timed. */
export interface Timed<T> {
	info: T;
	attempt: number;
	sentAt: number;
	arrivesAt: number | null;
	/** True for the network's extra copy. */
	copy: boolean;
	/** Index in send order (the SimPacket id). */
	id: number;
	/** It arrived after a packet that was sent later. */
	overtaken: boolean;
	fate: PacketFate;
}

/**
 * Times every transmission. Packets leave in the order given (sorted by send time, ties kept in
 * the given order); the copies follow their originals. A path without reordering is first in,
 * first out: jitter only delays a packet as far as the packets queued before it allow.
 */
export function timeTransmissions<T>(transmissions: readonly Transmission<T>[]): Timed<T>[] {
	const order = transmissions
		.map((transmission, index) => ({ transmission, index }))
		.sort((a, b) => a.transmission.sentAt - b.transmission.sentAt || a.index - b.index);
	const timed: Timed<T>[] = [];
	let lastInOrder = 0;
	for (const { transmission } of order) {
		const { draws, sentAt } = transmission;
		let arrivesAt: number | null = null;
		if (!draws.lost) {
			arrivesAt = sentAt + ONE_WAY_DELAY_MS + draws.jitter;
			if (draws.delayed) arrivesAt += REORDER_DELAY_MS;
			else {
				arrivesAt = Math.max(arrivesAt, lastInOrder);
				lastInOrder = arrivesAt;
			}
		}
		const base = {
			info: transmission.info,
			attempt: transmission.attempt,
			sentAt,
			overtaken: false
		};
		timed.push({ ...base, arrivesAt, copy: false, id: timed.length, fate: 'delivered' });
		if (draws.duplicated && arrivesAt !== null) {
			const copyArrives = arrivesAt + DUPLICATE_DELAY_MS + draws.duplicateJitter;
			timed.push({
				...base,
				arrivesAt: copyArrives,
				copy: true,
				id: timed.length,
				fate: 'delivered'
			});
		}
	}
	// Overtaken: some packet sent later arrived strictly earlier. One pass from the end.
	let earliestLater = Infinity;
	for (let i = timed.length - 1; i >= 0; i--) {
		const packet = timed[i];
		if (packet.arrivesAt === null) continue;
		packet.overtaken = packet.arrivesAt > earliestLater;
		earliestLater = Math.min(earliestLater, packet.arrivesAt);
	}
	for (const packet of timed) packet.fate = fateOf(packet);
	return timed;
}

/** Lost, then the copy, then a retransmission, then overtaken, else delivered. */
function fateOf(packet: Timed<unknown>): PacketFate {
	if (packet.arrivesAt === null) return 'lost';
	if (packet.copy) return 'duplicated';
	if (packet.attempt > 0) return 'retransmission';
	if (packet.overtaken) return 'reordered';
	return 'delivered';
}

/** Arrived packets in the order the receiver sees them (time, then send order). */
export function byArrival<T>(timed: readonly Timed<T>[]): Timed<T>[] {
	return timed
		.filter((packet) => packet.arrivesAt !== null)
		.sort((a, b) => (a.arrivesAt as number) - (b.arrivesAt as number) || a.id - b.id);
}
