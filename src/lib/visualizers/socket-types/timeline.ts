/**
 * Where each packet is drawn at a moment of a run: the arithmetic behind the lab's animation,
 * kept apart from the view so it can be tested. Pure: no DOM, no runes.
 */
import type { SimPacket } from '$lib/protocol/sockets/delivery';

/** A packet at one moment: not sent yet, on the wire (0..1 of the way), arrived, or lost. */
export type PacketPosition =
	| { state: 'waiting' }
	| { state: 'flying'; progress: number }
	| { state: 'arrived' }
	/** Lost packets travel half way, then stop: the network dropped them there. */
	| { state: 'lost'; progress: number; stopped: boolean };

/**
 * How long a lost packet is drawn travelling before it stops half way: the median one-way time
 * of the packets that arrived, or a tenth of the run when none did (at least 1 ms).
 */
export function typicalTransit(packets: readonly SimPacket[], duration: number): number {
	const times = packets
		.filter((p) => p.arrivesAt !== null)
		.map((p) => (p.arrivesAt as number) - p.sentAt)
		.sort((a, b) => a - b);
	const median = times.length > 0 ? times[Math.floor(times.length / 2)] : duration / 10;
	return Math.max(1, median);
}

/** Where `packet` is at simulated time `now`. */
export function positionAt(packet: SimPacket, now: number, transit: number): PacketPosition {
	if (now < packet.sentAt) return { state: 'waiting' };
	if (packet.arrivesAt === null) {
		const progress = Math.min(1, (now - packet.sentAt) / transit);
		return { state: 'lost', progress: progress / 2, stopped: progress >= 1 };
	}
	if (now >= packet.arrivesAt) return { state: 'arrived' };
	const span = packet.arrivesAt - packet.sentAt;
	return { state: 'flying', progress: span > 0 ? (now - packet.sentAt) / span : 1 };
}

/** The run's last moment: its stated duration, or later if a packet lands after it. */
export function endOf(duration: number, packets: readonly SimPacket[]): number {
	let end = Number.isFinite(duration) ? duration : 0;
	for (const p of packets) end = Math.max(end, p.arrivesAt ?? p.sentAt);
	return end;
}

/** One point of the mapping from real playback time to simulated time. */
export interface Keyframe {
	/** Real milliseconds since playback started. */
	real: number;
	/** Simulated milliseconds at that moment. */
	sim: number;
	/** The stretch that ends here is idle time being fast-forwarded. */
	idle: boolean;
}

/** Idle stretches longer than this are fast-forwarded rather than played at the busy rate. */
export const IDLE_MS = 100;

/**
 * How a run of `end` simulated ms is played in about `total` real ms. Busy stretches (packets on
 * the wire) play at one steady rate; each idle stretch longer than IDLE_MS (a retransmission
 * timer running down, seconds long beside 50 ms crossings) is fast-forwarded in a fixed short
 * time, so the crossings stay watchable. Keyframes rise in both times, from {0, 0} to {total, end}.
 */
export function playbackKeyframes(
	busy: readonly [number, number][],
	end: number,
	total: number
): Keyframe[] {
	if (!(end > 0)) return [{ real: 0, sim: 0, idle: false }];
	// Merge the busy stretches, then walk from 0 to end alternating idle and busy.
	const sorted = busy
		.map(([a, b]): [number, number] => [Math.max(0, a), Math.min(end, Math.max(a, b))])
		// A lost packet drawn past the end of the run adds nothing after the end.
		.filter(([a, b]) => a < end && b > a)
		.sort((x, y) => x[0] - y[0]);
	const merged: [number, number][] = [];
	for (const [a, b] of sorted) {
		const last = merged.at(-1);
		if (last && a <= last[1] + IDLE_MS) last[1] = Math.max(last[1], b);
		else merged.push([a, b]);
	}
	const stretches: { from: number; to: number; idle: boolean }[] = [];
	let at = 0;
	for (const [a, b] of merged) {
		if (a - at > IDLE_MS) stretches.push({ from: at, to: a, idle: true });
		else if (a > at) stretches.push({ from: at, to: a, idle: false });
		stretches.push({ from: Math.max(at, a), to: b, idle: false });
		at = Math.max(at, b);
	}
	if (end - at > IDLE_MS) stretches.push({ from: at, to: end, idle: true });
	else if (end > at) stretches.push({ from: at, to: end, idle: false });

	const idleCount = stretches.filter((s) => s.idle).length;
	const busyTime = stretches.filter((s) => !s.idle).reduce((sum, s) => sum + s.to - s.from, 0);
	const idleReal = busyTime > 0 ? Math.min(500, (0.4 * total) / Math.max(1, idleCount)) : 0;
	const busyRate = busyTime > 0 ? (total - idleReal * idleCount) / busyTime : 0;
	const idleFill = busyTime > 0 ? 0 : total / Math.max(1, idleCount);

	const frames: Keyframe[] = [{ real: 0, sim: 0, idle: false }];
	let real = 0;
	for (const s of stretches) {
		if (s.to <= s.from) continue;
		real += s.idle ? idleReal || idleFill : (s.to - s.from) * busyRate;
		frames.push({ real, sim: s.to, idle: s.idle });
	}
	return frames;
}

/** Simulated time at `real` ms into playback, interpolating between keyframes. */
export function simulatedAt(frames: readonly Keyframe[], real: number): number {
	const last = frames[frames.length - 1];
	if (real >= last.real) return last.sim;
	for (let i = 1; i < frames.length; i++) {
		const a = frames[i - 1];
		const b = frames[i];
		if (real <= b.real) {
			const span = b.real - a.real;
			return span > 0 ? a.sim + ((real - a.real) / span) * (b.sim - a.sim) : b.sim;
		}
	}
	return last.sim;
}

/** Whether simulated time `sim` falls in a fast-forwarded idle stretch of `frames`. */
export function isFastForward(frames: readonly Keyframe[], sim: number): boolean {
	for (let i = 1; i < frames.length; i++) {
		if (sim >= frames[i - 1].sim && sim < frames[i].sim) return frames[i].idle;
	}
	return false;
}

/** The stretches of a run when something is on the wire: each packet from send to arrival. */
export function busyStretches(
	packets: readonly SimPacket[],
	reads: readonly { at: number }[],
	transit: number
): [number, number][] {
	return [
		...packets.map((p): [number, number] => [p.sentAt, p.arrivesAt ?? p.sentAt + transit]),
		...reads.map((r): [number, number] => [r.at - 1, r.at])
	];
}
