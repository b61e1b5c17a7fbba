/**
 * The handshake stepper's own words: labels of the diagram and the step panel. Facts about TCP
 * (why a segment is sent, how a scenario ends, where a number comes from, what a field means,
 * how long TIME-WAIT lasts) come from $lib/protocol/tcp/tcp-text.ts, through the model or
 * composed here; these only name what the view draws.
 */
import { DEFAULT_DELAY } from '$lib/protocol/tcp/simulate';
import {
	ENCODED_TEXT,
	FIELD_TEXT,
	NUMBERING_TEXT,
	RESENT_WITHOUT_TIMER,
	TIME_WAIT_TEXT
} from '$lib/protocol/tcp/tcp-text';
import { formatDuration, formatMs } from './format';

export const STEPPER_TEXT = {
	lost: 'lost',
	/** A retransmission sent because its timer expired. */
	rto: (timeout: number, at: number) =>
		`RTO ${formatDuration(timeout)} → resent at ${formatMs(at)}`,
	/** A retransmission with no timer behind it (a SYN-ACK repeated for a repeated SYN). */
	resentForRepeat: (at: number) => RESENT_WITHOUT_TIMER(formatMs(at)),
	copyOf: (copy: number, segment: number) => `copy ${copy} of segment ${segment}`,
	/** Under the diagram when a long wait was cut short. */
	axisBroken:
		'Not to scale: each wait longer than four one-way delays is cut short and marked with ≈ and its real length.',
	axisToScale: `To scale: one-way delay ${DEFAULT_DELAY} ms.`,
	gap: (ms: number) => `≈ ${formatDuration(ms)}`,
	windowScaled: (window: number, shift: number) => FIELD_TEXT.windowScaled(window, shift),
	windowUnscaled: (window: number) => FIELD_TEXT.windowUnscaled(window),
	noOptions: 'none',
	noAck: FIELD_TEXT.noAck,
	numbersAre: (relative: boolean) => (relative ? NUMBERING_TEXT.relative : NUMBERING_TEXT.absolute),
	lastGood: 'The diagram still shows the last ISNs that worked.',
	timeWait: (linuxMs: number, rfcMs: number) =>
		TIME_WAIT_TEXT.lasts(formatDuration(linuxMs), formatDuration(rfcMs)),
	noTimeWait: TIME_WAIT_TEXT.nobody,
	decoderLink: 'Open in the packet decoder',
	decoderNote: (bytes: number) => ENCODED_TEXT(bytes),
	newIsns: 'New ISNs',
	before: 'before',
	outcomeStep: 'How it ended'
};
