/**
 * Every number the transports model starts from, each with where it comes from. The sentence
 * that explains each one is in `transports-text.ts` (DEFAULT_REASONS), under the same key.
 *
 * Bytes are application-layer bytes: HTTP header blocks and bodies, SSE lines, HTTP/1.1 chunk
 * framing, HTTP/2 frame headers, WebSocket frame headers and payloads. TCP/IP headers, TLS
 * records and the TLS handshake's own bytes are left out: they cost every transport alike per
 * packet, and the model does not split messages into packets.
 */
import type { SimulationOptions } from './types';

/** One stated number: its value, its unit and its source (an RFC section, a measurement…). */
export interface StatedNumber {
	value: number;
	unit: 'ms' | 'bytes' | 'events/s' | 'round trips' | 'connections';
	source: string;
}

/** The lines a browser adds to a normal GET to ask for a WebSocket (RFC 6455 §4.1, §1.3). */
export const WS_UPGRADE_EXTRA_LINES: readonly string[] = [
	'Upgrade: websocket',
	'Sec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==',
	'Sec-WebSocket-Version: 13',
	'Sec-WebSocket-Extensions: permessage-deflate; client_max_window_bits'
];

/** The server's 101 answer of RFC 6455 §1.3, the whole header block. */
export const WS_101_LINES: readonly string[] = [
	'HTTP/1.1 101 Switching Protocols',
	'Upgrade: websocket',
	'Connection: Upgrade',
	'Sec-WebSocket-Accept: s3pPLMBiTxaQ9kYGzzhZRbK+xOo=',
	''
];

/** A poll's JSON answer with no event in it; each event adds its bytes (and a comma). */
export const POLL_ENVELOPE = '{"events":[],"next":0}';

/** Header lines as bytes on the wire: each line plus CRLF (all ASCII). */
function linesBytes(lines: readonly string[]): number {
	return lines.reduce((sum, line) => sum + line.length + 2, 0);
}

/**
 * The model's numbers. The first group are the defaults of the options (the sliders start
 * there); the rest are fixed costs the model applies.
 */
export const TRANSPORT_DEFAULTS = {
	// ── Option defaults ──
	requestHeaderBytes: {
		value: 700,
		unit: 'bytes',
		source: 'SPDY whitepaper (2009): "typical header sizes of 700-800 bytes"'
	},
	responseHeaderBytes: {
		value: 300,
		unit: 'bytes',
		source: 'Low end of measured response headers (300 B to 28 KB, average 1–2 KB)'
	},
	eventBytes: { value: 100, unit: 'bytes', source: 'Chosen: one small JSON message' },
	rttMs: { value: 100, unit: 'ms', source: 'Chosen: a long-distance round trip' },
	pollIntervalMs: { value: 1000, unit: 'ms', source: 'Chosen: a poll every second' },
	longPollTimeoutMs: {
		value: 25_000,
		unit: 'ms',
		source: 'The live endpoint’s default; RFC 6202 §5.5: "generally 30 seconds is a safer value"'
	},
	eventRate: { value: 1, unit: 'events/s', source: 'Chosen: one event a second, at random' },
	durationMs: { value: 10_000, unit: 'ms', source: 'Chosen: ten seconds' },
	// ── Fixed costs ──
	tcpHandshakeRtts: {
		value: 1,
		unit: 'round trips',
		source: 'RFC 9293 §3.5: SYN, SYN-ACK, then the client sends with its ACK'
	},
	tls13Rtts: { value: 1, unit: 'round trips', source: 'RFC 8446 §2: a full handshake is 1-RTT' },
	tls12Rtts: {
		value: 2,
		unit: 'round trips',
		source: 'RFC 5246 §7.3: two flights each way before application data'
	},
	http1ConnectionsPerHost: {
		value: 6,
		unit: 'connections',
		source: 'Chromium and Firefox source: 6 per host (RFC 9112 §9.4 sets no number)'
	},
	http2FrameHeaderBytes: { value: 9, unit: 'bytes', source: 'RFC 9113 §4.1' },
	hpackRepeatRequestBytes: {
		value: 44,
		unit: 'bytes',
		source: 'RFC 7541 §6.1, §6.2.1: 9 frame + 15 indexed fields × 1 + a new :path ≈ 20'
	},
	hpackRepeatResponseBytes: {
		value: 30,
		unit: 'bytes',
		source: 'RFC 7541 §6.1, §6.2.1: 9 frame + 8 indexed fields × 1 + a new date ≈ 13'
	},
	wsUpgradeExtraBytes: {
		value: linesBytes(WS_UPGRADE_EXTRA_LINES),
		unit: 'bytes',
		source: 'RFC 6455 §4.1: Upgrade, Sec-WebSocket-Key, -Version, -Extensions'
	},
	ws101Bytes: {
		value: linesBytes(WS_101_LINES),
		unit: 'bytes',
		source: 'RFC 6455 §1.3: the example 101 response'
	},
	pollEnvelopeBytes: {
		value: POLL_ENVELOPE.length,
		unit: 'bytes',
		source: `The JSON wrapper ${POLL_ENVELOPE}`
	}
} as const satisfies Record<string, StatedNumber>;

/** The key of one stated number. */
export type DefaultKey = keyof typeof TRANSPORT_DEFAULTS;

/** The options the tool starts with. */
export const DEFAULT_OPTIONS: Required<SimulationOptions> = {
	events: { pattern: 'poisson', rate: TRANSPORT_DEFAULTS.eventRate.value },
	durationMs: TRANSPORT_DEFAULTS.durationMs.value,
	rttMs: TRANSPORT_DEFAULTS.rttMs.value,
	pollIntervalMs: TRANSPORT_DEFAULTS.pollIntervalMs.value,
	longPollTimeoutMs: TRANSPORT_DEFAULTS.longPollTimeoutMs.value,
	requestHeaderBytes: TRANSPORT_DEFAULTS.requestHeaderBytes.value,
	responseHeaderBytes: TRANSPORT_DEFAULTS.responseHeaderBytes.value,
	eventBytes: TRANSPORT_DEFAULTS.eventBytes.value,
	http: '1.1',
	tls: false,
	tlsVersion: '1.3',
	seed: 1
};

/** The ranges the model accepts (inclusive), so every run stays small enough to draw. */
export const LIMITS = {
	durationMs: { min: 100, max: 600_000 },
	rttMs: { min: 0, max: 10_000 },
	pollIntervalMs: { min: 10, max: 600_000 },
	longPollTimeoutMs: { min: 100, max: 600_000 },
	headerBytes: { min: 0, max: 65_536 },
	eventBytes: { min: 0, max: 1_000_000 },
	rate: { min: 0.001, max: 1000 },
	/** Events in one run, given or generated. */
	events: 10_000,
	/** Short polls in one run (durationMs / pollIntervalMs). */
	polls: 20_000
} as const;

/** Round trips before a connection can carry its first request. */
export function setupRoundTrips(tls: boolean, version: '1.2' | '1.3'): number {
	const handshake = TRANSPORT_DEFAULTS.tcpHandshakeRtts.value;
	if (!tls) return handshake;
	return (
		handshake +
		(version === '1.2' ? TRANSPORT_DEFAULTS.tls12Rtts.value : TRANSPORT_DEFAULTS.tls13Rtts.value)
	);
}

/**
 * A WebSocket frame header (RFC 6455 §5.2): 2 bytes, plus 2 for a payload of 126–65,535 bytes
 * or 8 for a longer one, plus the 4-byte masking key on a client's frame (§5.3).
 */
export function wsFrameHeaderBytes(payloadBytes: number, masked: boolean): number {
	const length = payloadBytes <= 125 ? 0 : payloadBytes <= 0xffff ? 2 : 8;
	return 2 + length + (masked ? 4 : 0);
}

/**
 * The lines an SSE event costs besides its data (WHATWG HTML §9.2.5): `id: N` and its LF, the
 * `data: ` prefix, the LF ending the data line and the blank line that dispatches the event.
 */
export function sseEventOverheadBytes(id: number): number {
	return `id: ${id}\n`.length + 'data: '.length + '\n\n'.length;
}

/**
 * HTTP/1.1 chunked framing around one chunk (RFC 9112 §7.1): the size in hex, CRLF, the data,
 * CRLF. An SSE stream has no Content-Length, so each event goes out as a chunk.
 */
export function chunkOverheadBytes(size: number): number {
	return Math.max(0, Math.floor(size)).toString(16).length + 4;
}

/** A poll's JSON body carrying `count` events of `eventBytes` each. */
export function pollBodyBytes(count: number, eventBytes: number): number {
	return POLL_ENVELOPE.length + count * eventBytes + Math.max(0, count - 1);
}
