import {
	checkCloseRequest,
	checkEndpoint,
	checkSubprotocols,
	explainClose,
	READY_STATES
} from '$lib/protocol/websocket/client-rules';
import { readHex } from '$lib/protocol/bytes/hex';
import { parseInspectReport } from '$lib/protocol/websocket/inspect-report';
import { Burst, checkBurstCount } from './burst';
import { InspectMatcher, isInspectUrl } from './inspect-match';
import { randomMaskingKey } from '../shared/random';
import {
	EMPTY_LOG,
	appendEntry,
	eventEntry,
	exportLog,
	receivedEntry,
	replaceEntry,
	sentEntry,
	type BoundedLog,
	type LogEntry
} from './message-log';

export { MAX_LOG, type LogEntry } from './message-log';

// readyState values by name. WebSocket.OPEN and its siblings would do in the browser, but this
// class is also built while pages are prerendered, in a Node without a WebSocket global.
const CONNECTING = READY_STATES.indexOf('CONNECTING');
const OPEN = READY_STATES.indexOf('OPEN');
const CLOSING = READY_STATES.indexOf('CLOSING');
const CLOSED = READY_STATES.indexOf('CLOSED');

/**
 * A WebSocket client for the echo lab, as observable state: what the API exposes (readyState,
 * protocol, extensions, bufferedAmount, binaryType), a message log, close handling with the
 * browser's rules, a burst mode that measures round trips, and — against /inspect — the real
 * handshake and frame bytes the server saw.
 *
 * The logic lives in pure modules beside it (message-log, burst, inspect-match); this class
 * holds the state and wires the socket to them.
 */
export class EchoClient {
	endpoint = $state('');
	protocolsText = $state('');
	binaryType = $state<BinaryType>('blob');

	readyState = $state(CLOSED);
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

	#history = $state.raw<BoundedLog>(EMPTY_LOG);
	handshake = $state<{ request: string; response: string } | null>(null);

	burst = $state<{ total: number; received: number } | null>(null);
	/** Round-trip statistics of the current burst, refreshed every 100 echoes and at the end. */
	burstStats = $state<ReturnType<Burst['stats']>>(null);

	readyStateName = $derived(READY_STATES[this.readyState] ?? String(this.readyState));
	/** Open: messages can be sent. */
	open = $derived(this.readyState === OPEN);
	/** Connecting or open: there is a connection to close. */
	active = $derived(this.readyState === CONNECTING || this.readyState === OPEN);

	#socket: WebSocket | null = null;
	#opened = false;
	#nextId = 1;
	#bursts = 0;
	#poll: ReturnType<typeof setInterval> | undefined;
	#tracker: Burst | null = null;
	/** Pairs /inspect's frame reports with the messages sent on this connection. */
	#matcher = new InspectMatcher();
	/** Keeps received Blobs in order while they are read. */
	#receiving: Promise<void> = Promise.resolve();

	/** The newest messages and events, oldest first. */
	get log(): readonly LogEntry[] {
		return this.#history.entries;
	}

	/** How many older entries were dropped to keep the log fast. */
	get dropped(): number {
		return this.#history.dropped;
	}

	/** Connected to the project's /inspect endpoint, which reports the real bytes. */
	get inspecting() {
		return isInspectUrl(this.url);
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
		this.#matcher = new InspectMatcher();
		this.#tracker = null;
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
		if (this.#socket && this.#socket.readyState < CLOSING) this.#socket.close(1000);
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
		const read = readHex(text);
		if (!read.ok)
			return `Line ${read.error.line}, column ${read.error.column}: ${read.error.message}`;
		return this.#send(read.bytes);
	}

	/** Sends `count` text messages and measures each one's round trip. */
	startBurst(count: number, size = 32): string | null {
		if (!this.#socket || this.#socket.readyState !== OPEN) return 'Connect first.';
		const problem = checkBurstCount(count);
		if (problem) return problem;
		const burst = new Burst((this.#bursts++).toString(36), count, size);
		this.#tracker = burst;
		this.burst = { total: count, received: 0 };
		this.burstStats = null;
		for (let i = 0; i < count; i++) {
			this.#socket.send(burst.message(i, performance.now()));
			// Not logged, but /inspect reports their frames too: they take their turn.
			if (this.inspecting) this.#matcher.sent(null);
		}
		this.#event(`Burst: sent ${count} messages`);
		return null;
	}

	clear() {
		this.#history = EMPTY_LOG;
	}

	/** The log as JSON, for export: payloads as text or hex. */
	exportJson(): string {
		return exportLog(this.log);
	}

	#send(data: string | Uint8Array): string | null {
		const socket = this.#socket;
		if (!socket) return 'Connect first.';
		if (socket.readyState === CONNECTING)
			return 'Still connecting: send() would throw an InvalidStateError.';
		if (socket.readyState !== OPEN) {
			return 'The connection is closing or closed: the browser would drop this message (and count it in bufferedAmount).';
		}
		socket.send(data);
		this.bufferedAmount = socket.bufferedAmount;
		const entry = sentEntry(this.#nextId++, performance.now(), data, randomMaskingKey());
		this.#push(entry);
		if (this.inspecting) this.#matcher.sent(entry.id);
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
			this.#push(receivedEntry(this.#nextId++, at, bytes));
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
			const match = this.#matcher.report(report);
			if (match) {
				this.#history = replaceEntry(this.#history, match.id, (entry) => ({
					...entry,
					wire: match.wire
				}));
			}
			return;
		}
		// Burst echoes are counted, not logged: logging each would flood the log and add
		// rendering time to the round trips being measured.
		const echo = this.#tracker?.receive(text, at);
		if (echo && this.burst) {
			this.burst.received++;
			if (echo.refresh) this.burstStats = this.#tracker?.stats() ?? null;
			if (echo.done) this.#event(`Burst: all ${this.burst.total} messages echoed`);
			return;
		}
		this.#push(receivedEntry(this.#nextId++, at, text));
	}

	#event(text: string) {
		this.#push(eventEntry(this.#nextId++, performance.now(), text));
	}

	#push(entry: LogEntry) {
		this.#history = appendEntry(this.#history, entry);
	}
}
