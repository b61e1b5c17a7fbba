/**
 * Every sentence of the transports model (English): names, the reasons behind the stated
 * numbers, how the model works, errors, and the words of the views and the cost table.
 */
import { groupDigits, plural } from '../bytes/text';
import { LIMITS, TRANSPORT_DEFAULTS, type DefaultKey } from './defaults';
import type { CostColumn } from './summary';
import type { TimelineEntry, TransportName, TransportSummary } from './types';

// ── Names ────────────────────────────────────────────────────────────────────

/** Each transport's name as the views show it. */
export const TRANSPORT_LABELS: Record<TransportName, string> = {
	'short-polling': 'Short polling',
	'long-polling': 'Long polling',
	sse: 'Server-Sent Events',
	websocket: 'WebSocket'
};

/** One sentence per transport: how it gets an event to the browser. */
export const TRANSPORT_DESCRIPTIONS: Record<TransportName, string> = {
	'short-polling':
		'The browser asks every poll interval; the server answers at once, with an empty list when nothing happened.',
	'long-polling':
		'The browser asks once; the server holds the request until it has an event (or a timeout), and the browser asks again as soon as an answer arrives.',
	sse: 'The browser makes one request; the server keeps the response open and writes each event to it as id: and data: lines.',
	websocket:
		'The browser upgrades one HTTP request to a WebSocket; the server then sends each event as a small frame, and either side can send at any time.'
};

// ── Numbers ──────────────────────────────────────────────────────────────────

/** "120 ms", "1.25 s": a simulated time, in ms below 10 s. */
export function formatTime(ms: number): string {
	if (!Number.isFinite(ms)) return '–';
	if (Math.abs(ms) >= 10_000) return `${groupDigits(Math.round(ms / 100) / 10)} s`;
	const rounded = Math.abs(ms) >= 100 ? Math.round(ms) : Math.round(ms * 10) / 10;
	return `${groupDigits(rounded)} ms`;
}

/** "700 B", "12.3 KB" (1 KB = 1,000 bytes). */
export function formatBytes(bytes: number): string {
	if (!Number.isFinite(bytes)) return '–';
	if (Math.abs(bytes) < 10_000) return `${groupDigits(Math.round(bytes))} B`;
	if (Math.abs(bytes) < 10_000_000) return `${groupDigits(Math.round(bytes / 100) / 10)} KB`;
	return `${groupDigits(Math.round(bytes / 100_000) / 10)} MB`;
}

/** A stated number with its unit: "700 bytes", "1 round trip", "2 events/s". */
export function formatStated(key: DefaultKey): string {
	const { value, unit } = TRANSPORT_DEFAULTS[key];
	if (unit === 'round trips') return plural(value, 'round trip');
	if (unit === 'connections') return plural(value, 'connection');
	if (unit === 'bytes') return plural(value, 'byte');
	if (unit === 'ms') return formatTime(value);
	return `${groupDigits(value)} ${unit}`;
}

// ── Why each number ──────────────────────────────────────────────────────────

/** What each stated number is, in a few words. */
export const DEFAULT_LABELS: Record<DefaultKey, string> = {
	requestHeaderBytes: 'Request headers',
	responseHeaderBytes: 'Response headers',
	eventBytes: 'One event’s data',
	rttMs: 'Round-trip time',
	pollIntervalMs: 'Poll interval',
	longPollTimeoutMs: 'Long-poll timeout',
	eventRate: 'Event rate',
	durationMs: 'Run length',
	tcpHandshakeRtts: 'TCP handshake',
	tls13Rtts: 'TLS 1.3 handshake',
	tls12Rtts: 'TLS 1.2 handshake',
	http1ConnectionsPerHost: 'HTTP/1.1 connections per host',
	http2FrameHeaderBytes: 'HTTP/2 frame header',
	hpackRepeatRequestBytes: 'HTTP/2 repeated request headers',
	hpackRepeatResponseBytes: 'HTTP/2 repeated response headers',
	wsUpgradeExtraBytes: 'WebSocket Upgrade’s extra headers',
	ws101Bytes: 'WebSocket 101 response',
	pollEnvelopeBytes: 'A poll answer’s JSON wrapper'
};

/** Why each stated number is what it is (one or two sentences). */
export const DEFAULT_REASONS: Record<DefaultKey, string> = {
	requestHeaderBytes:
		'A browser sends its request line, Host, User-Agent, Accept, Accept-Language, Accept-Encoding, cookies and more with every request; Google measured 200 B to over 2 KB, typically 700–800.',
	responseHeaderBytes:
		'An API’s JSON answer carries fewer headers than a web page (whose headers average 1–2 KB), so the model starts at the low end of what was measured.',
	eventBytes: 'A small JSON message, such as an id, a short text and a time stamp.',
	rttMs: 'An illustrative round trip between continents; try your own, the live race measures it.',
	pollIntervalMs:
		'A common choice for polling: short enough to feel live, long enough to spare the server.',
	longPollTimeoutMs:
		'The project’s long-poll endpoint answers an empty list after 25 s; RFC 6202 says 30 s is generally safer than longer holds, which proxies may cut.',
	eventRate:
		'One event a second on average, arriving at random (a Poisson process), so some polls find nothing.',
	durationMs: 'Long enough to see many polls and events, short enough to draw.',
	tcpHandshakeRtts:
		'SYN, then SYN-ACK: the client can send its request with the ACK, one round trip after it started.',
	tls13Rtts:
		'ClientHello, then the server’s hello and certificate: TLS 1.3 sends the request after one more round trip.',
	tls12Rtts:
		'TLS 1.2 needs two more round trips before the first request (without session resumption).',
	http1ConnectionsPerHost:
		'HTTP/1.1 sends one request at a time per connection; Chromium and Firefox open at most six per host, so a seventh request waits.',
	http2FrameHeaderBytes:
		'Every HTTP/2 frame (headers, data) starts with a 9-byte header: length, type, flags and stream id.',
	hpackRepeatRequestBytes:
		'HPACK keeps a table of the headers already sent on the connection: a repeated header costs one byte (its index), and only the changing :path is sent as text.',
	hpackRepeatResponseBytes:
		'The same for responses: repeated headers are one-byte indexes; the changing date is sent again.',
	wsUpgradeExtraBytes:
		'The Upgrade request is a normal GET plus Upgrade, Sec-WebSocket-Key, Sec-WebSocket-Version and Sec-WebSocket-Extensions.',
	ws101Bytes: 'The 101 Switching Protocols answer of RFC 6455’s example, header by header.',
	pollEnvelopeBytes: 'A poll’s answer is JSON even when it is empty: that wrapper costs bytes too.'
};

/** The keys the UI lists as “the model’s numbers”, in order. */
export const STATED_KEYS: readonly DefaultKey[] = [
	'requestHeaderBytes',
	'responseHeaderBytes',
	'eventBytes',
	'tcpHandshakeRtts',
	'tls13Rtts',
	'tls12Rtts',
	'http1ConnectionsPerHost',
	'hpackRepeatRequestBytes',
	'hpackRepeatResponseBytes',
	'http2FrameHeaderBytes',
	'wsUpgradeExtraBytes',
	'ws101Bytes',
	'pollEnvelopeBytes',
	'longPollTimeoutMs'
];

/** The per-message costs the model applies, in sentences. */
export const COST_NOTES: readonly string[] = [
	'An SSE event costs its lines besides the data: “id: 17”, “data: ” and the blank line that ends it, 13 bytes plus the id’s digits. Over HTTP/1.1 each event is also a chunk (its size in hex and two CRLFs); over HTTP/2 a DATA frame (9 bytes).',
	'A WebSocket frame header is 2 bytes for up to 125 bytes of payload, 4 up to 65,535 and 10 beyond. Frames from the browser are masked and carry 4 more bytes (the masking key); the server’s are not.',
	'Connection set-up costs time, not bytes, here: the TCP handshake is 1 round trip and TLS adds 1 (TLS 1.3) or 2 (TLS 1.2). TCP/IP headers, TLS records and certificates are left out: they cost every transport alike per packet.',
	`HTTP/2 is modelled simply: on each connection the first request and response pay their full header bytes, and each later one a fixed ${TRANSPORT_DEFAULTS.hpackRepeatRequestBytes.value} and ${TRANSPORT_DEFAULTS.hpackRepeatResponseBytes.value} bytes (HPACK, RFC 7541). All polls share one connection. Browsers speak HTTP/2 only over TLS, so choosing it turns TLS on. WebSocket stays on its own HTTP/1.1 connection.`
];

/** The sentence under the time axis. */
export const MODEL_SUMMARY =
	'Each transport opens its own connection at 0 and asks for every event from the start. Messages take one-way delay (half the round trip) to cross; the client stops sending at the end of the run and abandons a long poll still held.';

// ── Errors ───────────────────────────────────────────────────────────────────

/** Why the model cannot use an option. */
export const ERRORS = {
	options: 'The options must be an object.',
	durationMs: `The run must last from ${groupDigits(LIMITS.durationMs.min)} to ${groupDigits(LIMITS.durationMs.max)} ms.`,
	rttMs: `The round-trip time must be from ${LIMITS.rttMs.min} to ${groupDigits(LIMITS.rttMs.max)} ms.`,
	pollIntervalMs: `The poll interval must be from ${LIMITS.pollIntervalMs.min} to ${groupDigits(LIMITS.pollIntervalMs.max)} ms.`,
	tooManyPolls: `That poll interval makes more than ${groupDigits(LIMITS.polls)} polls in this run: poll less often or shorten the run.`,
	longPollTimeoutMs: `The long-poll timeout must be from ${LIMITS.longPollTimeoutMs.min} to ${groupDigits(LIMITS.longPollTimeoutMs.max)} ms.`,
	headerBytes: `Header sizes must be whole numbers of bytes from 0 to ${groupDigits(LIMITS.headerBytes.max)}.`,
	eventBytes: `An event’s size must be a whole number of bytes from 0 to ${groupDigits(LIMITS.eventBytes.max)}.`,
	http: 'The HTTP version must be "1.1" or "2".',
	tls: 'TLS must be true or false.',
	tlsVersion: 'The TLS version must be "1.2" or "1.3".',
	seed: 'The seed must be a finite number.',
	events: 'Events must be a list of times in ms, or a pattern with a rate.',
	eventTime: 'Each event time must be a number of ms from 0 up to (not including) the run’s end.',
	tooManyEvents: `A run can have at most ${groupDigits(LIMITS.events)} events: lower the rate or shorten the run.`,
	pattern: 'The event pattern must be "regular", "poisson" or "bursty".',
	rate: `The event rate must be from ${LIMITS.rate.min} to ${groupDigits(LIMITS.rate.max)} events per second.`
} as const;

// ── Views ────────────────────────────────────────────────────────────────────

/** The cost table's column headings. */
export const COST_COLUMN_LABELS: Record<CostColumn, string> = {
	meanLatency: 'Mean latency',
	p95Latency: '95th percentile',
	requests: 'Requests',
	connections: 'Connections',
	emptyResponses: 'Empty answers',
	headerBytes: 'Header bytes',
	payloadBytes: 'Payload bytes',
	totalBytes: 'Total bytes',
	bytesPerEvent: 'Bytes per event'
};

/** A cost table cell: a time, a size or a count; "–" where there is nothing to measure. */
export function formatCost(column: CostColumn, value: number | null): string {
	if (value === null) return '–';
	if (column === 'meanLatency' || column === 'p95Latency') return formatTime(value);
	if (column.endsWith('Bytes') || column === 'bytesPerEvent') return formatBytes(value);
	return groupDigits(value);
}

const KIND_WORDS: Record<TimelineEntry['kind'], string> = {
	connect: 'Connection set-up',
	request: 'Request',
	response: 'Response',
	event: 'SSE event',
	frame: 'WebSocket frame'
};

/** One entry in words, for a tooltip and screen readers. */
export function describeEntry(item: TimelineEntry, name: TransportName): string {
	const times = `${formatTime(item.start)} → ${formatTime(item.end)}`;
	if (item.kind === 'connect') {
		return `${KIND_WORDS.connect} (connection ${item.connection + 1}): ${times}`;
	}
	let kind = KIND_WORDS[item.kind];
	if (item.kind === 'response' && name === 'websocket') kind = '101 Switching Protocols';
	if (item.kind === 'response' && name === 'sse') kind = 'Response headers (the stream opens)';
	const what = item.empty
		? 'empty: no event'
		: item.eventIds.length > 0
			? `${plural(item.eventIds.length, 'event')} (#${item.eventIds.map((i) => i + 1).join(', #')})`
			: '';
	const bytes = `${formatBytes(item.bytes.header)} headers + ${formatBytes(item.bytes.payload)} payload`;
	return [`${kind}: ${times}`, what, bytes].filter(Boolean).join(', ');
}

/** One sentence summing up a transport's run. */
export function summarySentence(name: TransportName, s: TransportSummary): string {
	const latency =
		s.latency.count === 0
			? 'delivered no event'
			: `delivered ${plural(s.latency.count, 'event')} after ${formatTime(s.latency.mean)} on average`;
	const empty = s.emptyResponses > 0 ? `, ${plural(s.emptyResponses, 'empty answer')}` : '';
	return `${TRANSPORT_LABELS[name]} ${latency}, with ${plural(s.requests, 'request')}${empty} and ${formatBytes(s.bytes.total)} in all.`;
}

/** The labels of the simulator's controls. */
export const CONTROL_LABELS = {
	pattern: 'Events',
	rate: 'Event rate (events/s)',
	pollIntervalMs: 'Poll interval (ms)',
	rttMs: 'Round-trip time (ms)',
	requestHeaderBytes: 'Request headers (bytes)',
	responseHeaderBytes: 'Response headers (bytes)',
	eventBytes: 'Event size (bytes)',
	http: 'HTTP version',
	tls: 'TLS',
	durationMs: 'Run length (s)',
	longPollTimeoutMs: 'Long-poll timeout (s)',
	newEvents: 'New random events'
} as const;

/** What each event pattern means, for the pattern select. */
export const PATTERN_LABELS = {
	poisson: 'At random (Poisson)',
	regular: 'Evenly spaced',
	bursty: 'In bursts'
} as const;

/** The words of the simulator's view. */
export const VIEW_TEXT = {
	lanesLabel: 'The four transports on one time axis',
	browser: 'Browser',
	server: 'Server',
	time: 'Time',
	play: 'Play',
	pause: 'Pause',
	scrub: 'Time shown',
	showAll: 'Show all',
	legend: {
		connect: 'Connection set-up (TCP, TLS)',
		request: 'Request',
		response: 'Response with events',
		empty: 'Empty response (wasted)',
		push: 'SSE event / WebSocket frame',
		headers: 'Response headers, 101',
		event: 'Event happens at the server'
	},
	summaryHeading: 'Summary',
	summaryCaption: 'What each transport cost in this run, from its timeline.',
	bytesHeading: 'Bytes over time',
	bytesCaption:
		'Bytes sent by both sides, counted when each message is sent (headers and payload).',
	numbersHeading: 'The model’s numbers',
	numbersIntro:
		'Every number the simulation starts from, and why. The sliders change the first ones; the rest are fixed.',
	controlsLabel: 'Simulation settings',
	undelivered: (n: number) =>
		`${plural(n, 'event')} came after the last poll and never arrived before the run ended.`,
	tlsNone: 'None',
	tlsForced: 'HTTP/2 in browsers needs TLS, so it is on.'
} as const;
