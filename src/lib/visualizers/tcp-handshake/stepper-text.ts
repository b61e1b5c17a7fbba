/**
 * The handshake stepper's own words: labels of the diagram and the step panel. Facts about TCP
 * (why a segment is sent, how a scenario ends, where a number comes from) come from
 * $lib/protocol/tcp/tcp-text.ts through the model; these only name what the view draws.
 */
import { formatDuration, formatMs } from './format';

export const STEPPER_TEXT = {
	lost: 'lost',
	/** A retransmission sent because its timer expired. */
	rto: (timeout: number, at: number) =>
		`RTO ${formatDuration(timeout)} → resent at ${formatMs(at)}`,
	/** A retransmission with no timer behind it (a SYN-ACK repeated for a repeated SYN). */
	resentForRepeat: (at: number) => `no timer: resent at ${formatMs(at)} for the repeated SYN`,
	copyOf: (copy: number, segment: number) => `copy ${copy} of segment ${segment}`,
	/** Under the diagram when a long wait was cut short. */
	axisBroken:
		'Not to scale: each wait longer than four one-way delays is cut short and marked with ≈ and its real length.',
	axisToScale: 'To scale: one-way delay 10 ms.',
	gap: (ms: number) => `≈ ${formatDuration(ms)}`,
	windowScaled: (window: number, shift: number) =>
		`${window} × 2^${shift} = ${(window * 2 ** shift).toLocaleString('en-US')} bytes`,
	windowUnscaled: (window: number) =>
		`${window} bytes (not scaled: a SYN’s window never is, RFC 7323 §2.2)`,
	noOptions: 'none',
	noAck: 'not set: without the ACK flag the field carries no meaning (Linux sends 0)',
	numbersAre: (relative: boolean) =>
		relative
			? 'Relative: counted from each side’s initial sequence number, as Wireshark shows them.'
			: 'Absolute: the 32-bit numbers on the wire.',
	lastGood: 'The diagram still shows the last ISNs that worked.',
	timeWait: (linuxMs: number, rfcMs: number) =>
		`TIME-WAIT ${formatDuration(linuxMs)} on Linux (RFC 9293: 2 × MSL = ${formatDuration(rfcMs)})`,
	noTimeWait: 'Nobody stays in TIME-WAIT.',
	decoderLink: 'Open in the packet decoder',
	decoderNote: (bytes: number) => `${bytes} bytes of IPv4 + TCP, checksums included`,
	newIsns: 'New ISNs',
	before: 'before',
	outcomeStep: 'How it ended'
};
