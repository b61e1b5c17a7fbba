/**
 * Matching the frame reports /inspect sends to the messages the page sent, so a sent message's
 * log entry can show the real bytes the server received instead of a reconstruction.
 *
 * /inspect reports every frame it receives, in order, before echoing. The browser writes each
 * message as one or more data frames, in the order `send()` was called, with control frames
 * (pongs to the server's heartbeat, the close) in between. So the data frames answer the sent
 * messages in order: a message's frames run until the one with FIN set.
 *
 * Pure: no runes, no DOM, no timers.
 */
import { readHex } from '$lib/protocol/bytes/hex';
import {
	decodeFrames,
	OPCODE_BINARY,
	OPCODE_CONTINUATION,
	OPCODE_TEXT
} from '$lib/protocol/websocket';
import type { FrameReport } from '$lib/protocol/websocket/inspect-report';
import type { WireBytes } from './message-log';

const DATA_OPCODES: ReadonlySet<number> = new Set([
	OPCODE_CONTINUATION,
	OPCODE_TEXT,
	OPCODE_BINARY
]);

/**
 * Whether the frame in `hex` has RSV1 set: under permessage-deflate, the first frame of a
 * compressed message (RFC 7692 §6). False when the hex does not read.
 */
export function hasRsv1(hex: string): boolean {
	const read = readHex(hex);
	if (!read.ok) return false;
	// The first two bytes hold FIN, RSV1–3 and the opcode: decode only those (the decoder lays
	// out the fields of a cut frame), which spares unmasking and inflating a large payload.
	return (
		decodeFrames(read.bytes.subarray(0, 2), { from: 'client', permessageDeflate: true }).frames[0]
			?.rsv1 ?? false
	);
}

/** Whether `url` is an /inspect endpoint (any host, any base path), whose reports this reads. */
export function isInspectUrl(url: string): boolean {
	try {
		return new URL(url).pathname.endsWith('/inspect');
	} catch {
		return false;
	}
}

/** A sent message's real bytes, to show in place of its reconstruction. */
export interface ReportMatch {
	/** The log entry of the message. */
	id: number;
	/** Its frames so far, as the server received them (one line of hex per frame). */
	wire: WireBytes;
}

/** Pairs /inspect's frame reports with the data messages sent on one connection. */
export class InspectMatcher {
	/** Messages waiting for their frames, oldest first: a log entry id, or null for one not logged. */
	#waiting: (number | null)[] = [];
	#head = 0;
	/** The frames reported so far for the message at the head, when it is fragmented. */
	#partial: WireBytes | null = null;

	/**
	 * A data message was sent: `id` is its log entry, or null for one the log does not show (a
	 * burst message), which still takes its turn.
	 */
	sent(id: number | null): void {
		this.#waiting.push(id);
	}

	/** Messages whose final frame has not been reported yet. */
	get waiting(): number {
		return this.#waiting.length - this.#head;
	}

	/**
	 * Takes a frame report. Returns the log entry it belongs to with its real bytes so far, or
	 * null: for a control frame, a frame of an unlogged message, or a frame nobody waits for.
	 */
	report(report: Pick<FrameReport, 'hex' | 'opcode' | 'fin'>): ReportMatch | null {
		if (!DATA_OPCODES.has(report.opcode) || this.waiting === 0) return null;
		const id = this.#waiting[this.#head];
		// An unlogged message's frames are only counted: nothing shows their bytes.
		const wire: WireBytes | null =
			id === null
				? null
				: this.#partial
					? {
							hex: `${this.#partial.hex}\n${report.hex}`,
							real: true,
							compressed: this.#partial.compressed
						}
					: { hex: report.hex, real: true, compressed: hasRsv1(report.hex) };
		if (report.fin) {
			this.#partial = null;
			this.#head++;
			// Drop the answered ids now and then, so a long session does not keep them all.
			if (this.#head >= 1024 && this.#head * 2 >= this.#waiting.length) {
				this.#waiting = this.#waiting.slice(this.#head);
				this.#head = 0;
			}
		} else {
			this.#partial = wire;
		}
		return id === null || wire === null ? null : { id, wire };
	}
}
