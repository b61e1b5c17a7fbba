/**
 * Every sentence of the live race (English): the button and its states, what a static host
 * lacks, how the clock offset was found and how sure it is, and what the byte counts include.
 */
import { groupDigits, plural } from '../bytes/text';
import type { ClockOffset } from './measure';

/** The race's durations to choose from (ms). */
export const LIVE_DURATIONS_MS: readonly number[] = [3000, 5000, 10_000, 20_000];

/** "0.42 ms", "12 ms", "1.2 s": a measured time. */
export function formatMeasuredTime(ms: number): string {
	if (!Number.isFinite(ms)) return '–';
	const size = Math.abs(ms);
	if (size >= 10_000) return `${groupDigits(Math.round(ms / 100) / 10)} s`;
	if (size >= 100) return `${groupDigits(Math.round(ms))} ms`;
	if (size >= 10) return `${Math.round(ms * 10) / 10} ms`;
	return `${Math.round(ms * 100) / 100} ms`;
}

/** "1,234 B": a byte count. */
export function formatBytes(bytes: number): string {
	return `${groupDigits(Math.round(bytes))} B`;
}

/** "2.5 /s": a count per second. */
export function formatPerSecond(value: number): string {
	if (!Number.isFinite(value)) return '–';
	const rounded = value >= 100 ? Math.round(value) : Math.round(value * 10) / 10;
	return `${groupDigits(rounded)} /s`;
}

/** The words of the live race. */
export const LIVE_TEXT = {
	heading: 'The live race',
	intro:
		'Run the same four transports for real: this browser against the project’s server, on one stream of events, with the event rate, event size, poll interval and long-poll timeout of the simulation above.',
	staticHost:
		'The live race needs the project’s own server, which is not behind this page. Run npm start or npm run preview in the project and open this page there; the simulation above works here as it is.',
	button: 'Race them for real',
	running: 'Racing…',
	duration: 'Duration',
	progressLabel: 'Race progress',
	phase: {
		clock: 'Comparing clocks with the server…',
		racing: 'Racing: all four transports are receiving the stream…',
		collecting: 'Collecting the last events and the byte counts…'
	},
	caption:
		'Measured in this browser against the server, beside the simulation with the same settings. Requests and bytes are per second, so runs of different lengths compare.',
	measured: 'measured',
	simulated: 'simulated',
	columns: {
		latencyMean: 'Latency, mean',
		latencyP95: 'Latency, p95',
		events: 'Events received',
		requests: 'Requests',
		bytes: 'Bytes'
	},
	failed: (reason: string) => `The race could not run: ${reason}`
} as const;

/** The sentence that states the clock offset and its uncertainty. */
export function describeOffset(offset: ClockOffset): string {
	const ahead = offset.offsetMs >= 0 ? 'ahead of' : 'behind';
	const how = offset.consistent
		? `from ${plural(offset.probes, 'request')} whose round trips all allow it`
		: 'from the fastest request alone (the others disagreed: a clock moved)';
	return (
		`The server’s clock is ${formatMeasuredTime(Math.abs(offset.offsetMs))} ${ahead} this browser’s, ` +
		`± ${formatMeasuredTime(offset.uncertaintyMs)}, ${how}; the fastest round trip took ` +
		`${formatMeasuredTime(offset.bestRttMs)}. Every latency below is corrected by it, so each is ` +
		`good to ± ${formatMeasuredTime(offset.uncertaintyMs)}.`
	);
}

/** How each transport's bytes were counted, and what is left out. */
export const BYTE_NOTES = {
	polling:
		'Short and long polling: Resource Timing’s transferSize of each response started in the race: the body as measured (encodedBodySize) plus a part for the response headers. Request headers are in no entry, so they are not counted, and a long poll still open at the end (cancelled) has no entry.',
	headerStandIn:
		'This browser reports the header part as a constant 300 bytes per response, as the W3C Resource Timing spec now says (the real header size is no longer exposed), so only the bodies are truly measured.',
	sse: 'Server-Sent Events: the stream’s Resource Timing entry, written once the stream has ended; it covers the whole stream, including the time spent collecting after the race.',
	sseFromFormat:
		'Server-Sent Events: the browser reports the stream only once it has ended, and then with no body for a stream the page closed, so its body is counted from the server’s exact format: the retry: field, each event’s id: and data: lines, and the heartbeat comments it sent. Its response headers are not counted.',
	websocket:
		'WebSocket: each message’s frame as the server sent it (2 to 10 bytes of header, unmasked, no compression) plus its payload. The handshake (request and 101 response) is in no browser API, so it is not counted.',
	simulated:
		'The simulated bytes are those the server sends in the model (response headers, bodies, events and frames), per second of its run.'
} as const;

/** Why the measured latencies differ from the model. */
export const COMPARE_NOTE =
	'The simulation assumes its round-trip time, HTTP version and TLS for every request; the live race runs over this machine’s loopback or your network, where the round trip is what it is, so compare the shapes. The server sends its events evenly spaced, not at random: when the spacing is a whole multiple of the poll interval (one event a second with a poll every second, say), every event lands at the same point between two polls and waits the same time, so short polling’s latency depends on where the polls fall rather than averaging half an interval. The pushes wait about nothing either way.';

/** Said when the simulation's rate is outside what the server accepts. */
export function clampedRate(wanted: number, used: number): string {
	return `The simulation’s ${groupDigits(wanted)} events per second is outside what the server sends; the race uses ${groupDigits(used)}.`;
}

/** Said when some events did not reach a transport before the race ended. */
export function missingEvents(count: number): string {
	return `${plural(count, 'event')} sent in the race did not arrive before it ended.`;
}
