import {
	checkCloseRequest,
	checkEndpoint,
	checkSubprotocols,
	explainClose,
	READY_STATES,
	roundTripStats
} from '$lib/protocol/websocket/client-rules';
import { encodeFrame } from '$lib/protocol/websocket';
import { HexParseError, parseHex, toHex } from '$lib/protocol/bytes/hex';
import { parseInspectReport } from '$lib/protocol/websocket/inspect-report';

/** One message in the log. */
export interface LogEntry {
	id: number;
	/** Milliseconds since the page opened (performance.now()). */
	at: number;
	direction: 'sent' | 'received' | 'event';
	type: 'text' | 'binary' | 'event';
	/** The text, for text messages and events. */
	text?: string;
	/** The bytes, for binary messages. */
	bytes?: Uint8Array;
	size: number;
	/** The frame as it went on the wire: real (reported by /inspect) or reconstructed. */
	wire?: { hex: string; real: boolean; compressed: boolean };
	/** The masking key the reconstruction used, for sent messages. */
	key?: Uint8Array;
}

/** Most entries kept; older ones are dropped (and counted) so thousands of messages stay smooth. */
export const MAX_LOG = 2000;

const ENCODER = new TextEncoder();

/** Four random bytes: the masking key a browser would draw for one frame (RFC 6455 §5.3). */
function randomKey() {
	return crypto.getRandomValues(new Uint8Array(4));
}

/**
 * A WebSocket client for the echo lab, as observable state: what the API exposes (readyState,
 * protocol, extensions, bufferedAmount, binaryType), a message log, close handling with the
 * browser's rules, a burst mode that measures round trips, and — against /inspect — the real
 * handshake and frame bytes the server saw.
 */
export class EchoClient {
	endpoint = $state('');
	protocolsText = $state('');
	binaryType = $state<BinaryType>('blob');

	readyState = $state(3);
	url = $state('');
	protocol = $state('');
	extensions = $state('');
	bufferedAmount = $state(0);
	/** Why the last connect could not start, or how the last connection ended. */
	problem = $state<string | null>(null);
	warnings = $state<string[]>([]);
	closed = $state<{
		code: number;
		reason: string;
		wasClean: boolean;
		name: string;
		explanation: string;
	} | null>(null);

	log = $state.raw<LogEntry[]>([]);
	dropped = $state(0);
	handshake = $state<{ request: string; response: string } | null>(null);

	burst = $state<{ total: number; received: number } | null>(null);
	/** Round-trip statistics of the current burst, refreshed every 100 echoes and at the end. */
	burstStats = $state<ReturnType<typeof roundTripStats>>(null);
	#samples: number[] = [];

	readyStateName = $derived(READY_STATES[this.readyState] ?? String(this.readyState));

	#socket: WebSocket | null = null;
	#opened = false;
	#nextId = 1;
	#poll: ReturnType<typeof setInterval> | undefined;
	/** Sent data messages waiting for the frame report /inspect sends for them. */
	#awaitingReport: LogEntry[] = [];
	/** Burst messages in flight: marker → send time. */
	#inFlight = new Map<string, number>();
	/** Keeps received Blobs in order while they are read. */
	#receiving: Promise<void> = Promise.resolve();

	/** Connected to the project's /inspect endpoint, which reports the real bytes. */
	get inspecting() {
		try {
			return new URL(this.url).pathname.endsWith('/inspect');
		} catch {
			return false;
		}
	}

	connect(pageProtocol = location.protocol) {
		this.disconnect();
		this.problem = null;
		this.closed = null;
		this.handshake = null;
		const endpoint = checkEndpoint(this.endpoint, pageProtocol);
		this.warnings = endpoint.warnings;
		if (!endpoint.ok) {
			this.problem = endpoint.error;
			return false;
		}
		const protocols = checkSubprotocols(this.protocolsText);
		if (!protocols.ok) {
			this.problem = protocols.error;
			return false;
		}
		let socket: WebSocket;
		try {
			socket = new WebSocket(endpoint.url, protocols.protocols);
		} catch (error) {
			// SyntaxError for a bad URL or protocol list; SecurityError for a blocked port or mixed content.
			const name = error instanceof DOMException ? error.name : 'Error';
			this.problem = `The browser refused to start the connection (${name}): ${(error as Error).message}`;
			return false;
		}
		socket.binaryType = this.binaryType;
		this.#socket = socket;
		this.#opened = false;
		this.url = socket.url;
		this.readyState = socket.readyState;
		this.#event(
			`Connecting to ${socket.url}${protocols.protocols.length ? `, offering ${protocols.protocols.join(', ')}` : ''}`
		);

		socket.onopen = () => {
			this.#opened = true;
			this.readyState = socket.readyState;
			this.protocol = socket.protocol;
			this.extensions = socket.extensions;
			this.#event(
				`Open. protocol: ${socket.protocol ? `“${socket.protocol}”` : 'none'} · extensions: ${socket.extensions || 'none'}`
			);
		};
		socket.onmessage = (event) => this.#received(event.data);
		socket.onerror = () => {
			this.#event('error event (the browser gives no details; a close event follows)');
		};
		socket.onclose = (event) => {
			this.readyState = socket.readyState;
			this.bufferedAmount = socket.bufferedAmount;
			const { name, explanation } = explainClose(event, this.#opened);
			this.closed = {
				code: event.code,
				reason: event.reason,
				wasClean: event.wasClean,
				name,
				explanation
			};
			this.#event(
				`Closed: ${event.code} ${name}${event.reason ? ` · “${event.reason}”` : ''} · wasClean: ${event.wasClean}`
			);
			clearInterval(this.#poll);
			this.#socket = null;
		};
		// bufferedAmount has no event; sample it while the socket lives.
		this.#poll = setInterval(() => {
			this.bufferedAmount = socket.bufferedAmount;
			this.readyState = socket.readyState;
		}, 100);
		return true;
	}

	/** Closes with the browser's rules checked first; returns the problem, if any. */
	close(codeText = '', reason = ''): string | null {
		const check = checkCloseRequest(codeText, reason);
		if (!check.ok) return check.error;
		if (!this.#socket) return 'Not connected.';
		this.#socket.close(check.code, check.code === undefined ? undefined : check.reason);
		this.readyState = this.#socket.readyState;
		this.#event(`close(${check.code ?? ''}${check.reason ? `, “${check.reason}”` : ''}) called`);
		return null;
	}

	disconnect() {
		if (this.#socket && this.#socket.readyState < 2) this.#socket.close(1000);
		clearInterval(this.#poll);
	}

	setBinaryType(type: BinaryType) {
		this.binaryType = type;
		if (this.#socket) this.#socket.binaryType = type;
	}

	/** Sends text; returns a problem sentence or null. */
	sendText(text: string): string | null {
		return this.#send(text);
	}

	/** Sends JSON after checking that it parses; the text is sent as typed. */
	sendJson(text: string): string | null {
		try {
			JSON.parse(text);
		} catch (error) {
			return `Not valid JSON: ${(error as Error).message}`;
		}
		return this.#send(text);
	}

	/** Sends bytes typed as hex. */
	sendHex(text: string): string | null {
		try {
			return this.#send(parseHex(text));
		} catch (error) {
			if (error instanceof HexParseError)
				return `Line ${error.line}, column ${error.column}: ${error.message}`;
			throw error;
		}
	}

	/** Sends `count` text messages and measures each one's round trip. */
	startBurst(count: number, size = 32): string | null {
		if (!this.#socket || this.#socket.readyState !== 1) return 'Connect first.';
		if (!Number.isInteger(count) || count < 1 || count > 10000)
			return 'Send between 1 and 10,000 messages.';
		this.burst = { total: count, received: 0 };
		this.burstStats = null;
		this.#samples = [];
		this.#inFlight.clear();
		const run = Date.now().toString(36);
		for (let i = 0; i < count; i++) {
			const marker = `burst:${run}:${i}:`;
			this.#inFlight.set(marker, performance.now());
			this.#socket.send(marker.padEnd(Math.max(marker.length, size), '.'));
		}
		this.#event(`Burst: sent ${count} messages`);
		return null;
	}

	clear() {
		this.log = [];
		this.dropped = 0;
	}

	/** The log as JSON, for export: payloads as text or hex. */
	exportJson(): string {
		return JSON.stringify(
			this.log.map((e) => ({
				at_ms: Math.round(e.at),
				direction: e.direction,
				type: e.type,
				size: e.size,
				...(e.text !== undefined ? { text: e.text } : {}),
				...(e.bytes ? { hex: toHex(e.bytes) } : {}),
				...(e.wire ? { wire_hex: e.wire.hex, wire_real: e.wire.real } : {})
			})),
			null,
			2
		);
	}

	#send(data: string | Uint8Array): string | null {
		const socket = this.#socket;
		if (!socket) return 'Connect first.';
		if (socket.readyState === 0)
			return 'Still connecting: send() would throw an InvalidStateError.';
		if (socket.readyState !== 1) {
			return 'The connection is closing or closed: the browser would drop this message (and count it in bufferedAmount).';
		}
		socket.send(data);
		this.bufferedAmount = socket.bufferedAmount;
		const isText = typeof data === 'string';
		const payload = isText ? ENCODER.encode(data) : data;
		const key = randomKey();
		const entry: LogEntry = {
			id: this.#nextId++,
			at: performance.now(),
			direction: 'sent',
			type: isText ? 'text' : 'binary',
			...(isText ? { text: data } : { bytes: data }),
			size: payload.length,
			key,
			wire: {
				hex: toHex(encodeFrame({ fin: true, opcode: isText ? 1 : 2, payload, maskingKey: key })),
				real: false,
				compressed: false
			}
		};
		this.#push(entry);
		if (this.inspecting) this.#awaitingReport.push(entry);
		return null;
	}

	#received(data: unknown) {
		const at = performance.now();
		if (typeof data === 'string') {
			this.#receivedText(data, at);
			return;
		}
		// Blob payloads are read asynchronously; chain them so the log keeps arrival order.
		this.#receiving = this.#receiving.then(async () => {
			const bytes = new Uint8Array(
				data instanceof Blob ? await data.arrayBuffer() : (data as ArrayBuffer)
			);
			this.#push({
				id: this.#nextId++,
				at,
				direction: 'received',
				type: 'binary',
				bytes,
				size: bytes.length,
				wire: {
					hex: toHex(encodeFrame({ fin: true, opcode: 2, payload: bytes })),
					real: false,
					compressed: false
				}
			});
		});
	}

	#receivedText(text: string, at: number) {
		const report = this.inspecting ? parseInspectReport(text) : null;
		if (report?.type === 'handshake') {
			this.handshake = { request: report.request, response: report.response };
			this.#event('/inspect: received the handshake report');
			return;
		}
		if (report?.type === 'frame') {
			// Data frames answer our sent messages in order; control frames (pongs to the server's
			// heartbeat pings, the close) are not messages we logged.
			if (report.opcode === 1 || report.opcode === 2 || report.opcode === 0) {
				const entry = this.#awaitingReport[0];
				if (entry) {
					if (report.fin) this.#awaitingReport.shift();
					const compressed = (parseInt(report.hex.slice(0, 2), 16) & 0x40) !== 0;
					const hex = entry.wire?.real ? `${entry.wire.hex}\n${report.hex}` : report.hex;
					this.#replace(entry, {
						...entry,
						wire: { hex, real: true, compressed: compressed || !!entry.wire?.compressed }
					});
				}
			}
			return;
		}
		const burstMarker = this.burst ? /^burst:[a-z0-9]+:\d+:/.exec(text)?.[0] : undefined;
		if (burstMarker && this.#inFlight.has(burstMarker) && this.burst) {
			// Burst echoes are counted, not logged: logging each would flood the log and add
			// rendering time to the round trips being measured.
			const sentAt = this.#inFlight.get(burstMarker) ?? at;
			this.#inFlight.delete(burstMarker);
			this.#samples.push(at - sentAt);
			this.burst.received++;
			const done = this.burst.received === this.burst.total;
			if (done || this.burst.received % 100 === 0) this.burstStats = roundTripStats(this.#samples);
			if (done) {
				this.#event(`Burst: all ${this.burst.total} messages echoed`);
			}
			return;
		}
		const payload = ENCODER.encode(text);
		this.#push({
			id: this.#nextId++,
			at,
			direction: 'received',
			type: 'text',
			text,
			size: payload.length,
			wire: {
				hex: toHex(encodeFrame({ fin: true, opcode: 1, payload })),
				real: false,
				compressed: false
			}
		});
	}

	#event(text: string) {
		this.#push({
			id: this.#nextId++,
			at: performance.now(),
			direction: 'event',
			type: 'event',
			text,
			size: 0
		});
	}

	#push(entry: LogEntry) {
		const next =
			this.log.length >= MAX_LOG ? this.log.slice(this.log.length - MAX_LOG + 1) : this.log.slice();
		if (this.log.length >= MAX_LOG) this.dropped += this.log.length - MAX_LOG + 1;
		next.push(entry);
		this.log = next;
	}

	#replace(old: LogEntry, updated: LogEntry) {
		const i = this.log.indexOf(old);
		if (i < 0) return;
		const next = this.log.slice();
		next[i] = updated;
		this.log = next;
		const waiting = this.#awaitingReport.indexOf(old);
		if (waiting >= 0) this.#awaitingReport[waiting] = updated;
	}
}
