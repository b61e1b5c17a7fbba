/**
 * The echo server: `/echo` sends every message back as it came (text as text, binary as
 * binary), and `/inspect` does the same after reporting the handshake and every frame's raw
 * bytes as JSON. It runs standalone (`listen()`) or mounted on an existing http.Server
 * (`attach()`, which the Vite plugin uses), and is safe by default: loopback only, 1 MiB
 * messages, a per-connection rate limit, a connection cap, an idle timeout, a heartbeat and an
 * optional Origin allowlist.
 *
 * It also carries the live socket types lab (`POST /socket-lab`, src/echo/socket-lab.ts), which
 * the standalone server answers itself and the Vite plugin mounts as a middleware.
 */
import {
	STATUS_CODES,
	createServer,
	type IncomingMessage,
	type Server,
	type ServerResponse
} from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Duplex } from 'node:stream';
import type { EventEmitter } from 'node:events';
import { WebSocket, WebSocketServer, type RawData } from 'ws';
// The codec's leaf modules, not its index: this file is in vite.config.ts's import graph, and
// Vite 8 warns on every start about extensionless imports there, which the index is made of.
import { isSendableCloseCode } from '../lib/protocol/websocket/close-codes.js';
import { toHex } from '../lib/protocol/bytes/hex.js';
import { FrameSplitter, type SplitFrame } from './frame-splitter.js';
import {
	SOCKET_LAB_PATH,
	createSocketLab,
	type SocketLab,
	type SocketLabOptions
} from './socket-lab.js';
import {
	createTransports,
	type TransportsEndpoints,
	type TransportsOptions
} from './transports.js';
import { TRANSPORTS_PATH } from '../lib/protocol/transports/wire.js';
import {
	SOCKET_IO_INSPECT_PATH,
	SOCKET_IO_PATH,
	createSocketIoServer,
	type SocketIoLimits,
	type SocketIoServer
} from './socketio.js';
import {
	formatRequestHead,
	formatResponseHead,
	headerValue,
	type FrameReport,
	type HandshakeReport
} from '../lib/protocol/websocket/inspect-report.js';

export {
	FRAME_REPORT_PREFIX,
	HANDSHAKE_REPORT_PREFIX,
	parseInspectReport,
	type FrameReport,
	type HandshakeReport,
	type InspectReport
} from '../lib/protocol/websocket/inspect-report.js';

/** The two endpoints. */
export type EchoEndpoint = 'echo' | 'inspect';

/** Subprotocols the server speaks; it picks the first one the client offers, in its order. */
export const ECHO_SUBPROTOCOLS: readonly string[] = ['echo', 'chat', 'json'];

/** Where the server's one-line messages go; tests pass their own to silence or capture them. */
export interface EchoLogger {
	info(line: string): void;
	warn(line: string): void;
}

/** A token bucket: `burst` messages at once, refilled at `messagesPerSecond`. */
export interface EchoRateLimit {
	messagesPerSecond: number;
	burst: number;
}

/** Everything `createEchoServer` can be told; every field has a safe default. */
export interface EchoServerOptions {
	/** Port for `listen()`; 0 picks a free one. Default 8080. */
	port?: number;
	/** Interface for `listen()`. Default 127.0.0.1, so nothing beyond this machine can connect. */
	host?: string;
	/** Origins allowed to connect ('https://example.com'); others get 403. Default: any. */
	origins?: readonly string[];
	/** Open connections at most; further upgrades get 503. Default 1000. */
	maxConnections?: number;
	/** Largest message in bytes (after inflating); larger ones close with 1009. Default 1 MiB. */
	maxMessageBytes?: number;
	/** Per-connection limit on messages and pings; exceeding it closes with 1008. false: none. */
	rateLimit?: EchoRateLimit | false;
	/** Close with 1001 after this long without a message; 0 never. Default 5 minutes. */
	idleTimeoutMs?: number;
	/** Ping every this often and drop peers that missed the last pong; 0 never. Default 30 s. */
	heartbeatMs?: number;
	/** Longest `?delay=` accepted. Default 10 s. */
	maxDelayMs?: number;
	/** Unsent echoes (and reports) a connection may pile up before it closes with 1008. */
	maxBufferedBytes?: number;
	/** On `close()`, how long connections get to answer the 1001 close before being cut. */
	shutdownGraceMs?: number;
	/** A path prefix the endpoints may also be served under, e.g. '/socket-explorer/'. */
	basePath?: string;
	/** The live socket lab at `<base>/socket-lab`: its limits, or false for none. Default: on. */
	socketLab?: SocketLabSettings | false;
	/** The live transports at `<base>/transports/`: their limits, or false for none. Default: on. */
	transports?: TransportsSettings | false;
	/**
	 * The Socket.IO server at `<base>/socket.io/` (src/echo/socketio.ts): its limits, or false for
	 * none. Default: on, with the payload cap and connection cap of this server's options.
	 */
	socketIo?: Partial<SocketIoLimits> | false;
	/** Default: one line per event on the console. */
	logger?: EchoLogger;
}

/** The socket lab's own limits; its base path, Origins and logger are the echo server's. */
export type SocketLabSettings = Omit<SocketLabOptions, 'basePath' | 'origins' | 'logger'>;

/** The live transports' own limits; their base path, Origins and logger are the echo server's. */
export type TransportsSettings = Omit<TransportsOptions, 'basePath' | 'origins' | 'logger'>;

/** The options with every default filled in. */
export type ResolvedEchoOptions = Required<Omit<EchoServerOptions, 'rateLimit'>> & {
	rateLimit: EchoRateLimit | false;
};

/** Where a standalone server listens. */
export interface EchoAddress {
	host: string;
	port: number;
	/** The plain-text page describing the endpoints. */
	url: string;
	echo: string;
	inspect: string;
	/** The socket lab's http:// URL, unless it is turned off. */
	lab?: string;
	/** The live transports' folder, http://…/transports/, unless they are turned off. */
	transports?: string;
	/** The Socket.IO server's http://…/socket.io/, unless it is turned off. */
	socketIo?: string;
}

/** Anything that emits Node's 'upgrade' event: http.Server, https.Server, Vite's httpServer. */
export type UpgradeEmitter = Pick<EventEmitter, 'on' | 'off'>;

/** A running echo server. */
export interface EchoServer {
	readonly options: ResolvedEchoOptions;
	/** Open WebSocket connections. */
	readonly connections: number;
	/** The socket lab, for mounting elsewhere (the Vite plugin does); undefined when off. */
	readonly lab: SocketLab | undefined;
	/** The live transports endpoints, for mounting elsewhere (the Vite plugin does). */
	readonly transports: TransportsEndpoints | undefined;
	/** The Socket.IO server, for mounting elsewhere (the Vite plugin does); undefined when off. */
	readonly socketIo: SocketIoServer | undefined;
	/**
	 * Takes an upgrade request if its path is /echo or /inspect (after an optional base path);
	 * returns false, without touching the socket, for any other path.
	 */
	handleUpgrade(req: IncomingMessage, socket: Duplex, head: Buffer): boolean;
	/** Serves the endpoints on an existing server's 'upgrade' event; returns a detach function. */
	attach(server: UpgradeEmitter): () => void;
	/** Starts a standalone HTTP server on `options.port` and `options.host`. */
	listen(): Promise<EchoAddress>;
	/** Closes every connection with 1001 (cut after the grace period) and stops listening. */
	close(): Promise<void>;
}

/** The defaults, also used by the CLI's help text. */
export const ECHO_DEFAULTS: Readonly<Omit<ResolvedEchoOptions, 'logger'>> = Object.freeze({
	port: 8080,
	host: '127.0.0.1',
	origins: [],
	maxConnections: 1000,
	maxMessageBytes: 1024 * 1024,
	rateLimit: { messagesPerSecond: 200, burst: 200 },
	idleTimeoutMs: 5 * 60 * 1000,
	heartbeatMs: 30 * 1000,
	maxDelayMs: 10 * 1000,
	// Room for a 1 MiB message's echo and its /inspect report (3 bytes of hex per byte), twice.
	maxBufferedBytes: 16 * 1024 * 1024,
	shutdownGraceMs: 1000,
	basePath: '/',
	socketLab: {},
	transports: {},
	socketIo: {}
});

/** Logs to the console with a prefix, so the lines stand out in Vite's output. */
export const consoleLogger: EchoLogger = {
	info: (line) => console.log(`[echo] ${line}`),
	warn: (line) => console.warn(`[echo] ${line}`)
};

/** A logger that drops everything. */
export const silentLogger: EchoLogger = { info: () => {}, warn: () => {} };

/** What the query string asked for, once validated. */
export interface EchoQuery {
	delayMs: number;
	closeCode: number | undefined;
	deflate: boolean;
}

/** Reads `?delay`, `?close` and `?deflate`; returns an error sentence for a bad value. */
export function parseEchoQuery(
	query: URLSearchParams,
	maxDelayMs: number = ECHO_DEFAULTS.maxDelayMs
): EchoQuery | { error: string } {
	let delayMs = 0;
	const delay = query.get('delay');
	if (delay !== null) {
		if (!/^\d{1,9}$/.test(delay) || Number(delay) > maxDelayMs) {
			return { error: `delay must be a whole number of milliseconds from 0 to ${maxDelayMs}` };
		}
		delayMs = Number(delay);
	}
	let closeCode: number | undefined;
	const close = query.get('close');
	if (close !== null) {
		if (!/^\d{1,5}$/.test(close) || !isSendableCloseCode(Number(close))) {
			return {
				error: 'close must be a code a Close frame may carry: 1000–1003, 1007–1014 or 3000–4999'
			};
		}
		closeCode = Number(close);
	}
	let deflate = true;
	const value = query.get('deflate');
	if (value !== null) {
		if (value === '0' || value === 'false' || value === 'off') deflate = false;
		else if (!(value === '1' || value === 'true' || value === 'on' || value === '')) {
			return { error: 'deflate must be 0 or 1' };
		}
	}
	return { delayMs, closeCode, deflate };
}

/** '/', '/socket-explorer/', from '', '/socket-explorer', './' or a full URL. */
export function normalizeBasePath(base: string | undefined): string {
	if (!base) return '/';
	let path = base;
	if (/^[a-z][a-z0-9+.-]*:\/\//i.test(base)) path = new URL(base).pathname;
	// A relative base ('./') says nothing about the URL path, so the root is all we know.
	if (!path.startsWith('/')) return '/';
	return path.endsWith('/') ? path : path + '/';
}

/** The endpoint a request path names, ignoring the query, or null for any other path. */
export function matchEndpoint(url: string | undefined, basePath = '/'): EchoEndpoint | null {
	if (!url) return null;
	let path = url;
	const query = path.indexOf('?');
	if (query >= 0) path = path.slice(0, query);
	// Absolute-form request targets (RFC 9112 §3.2.2) carry the scheme and host too.
	if (/^[a-z][a-z0-9+.-]*:\/\//i.test(path)) {
		try {
			path = new URL(path).pathname;
		} catch {
			return null;
		}
	}
	for (const prefix of basePath === '/' ? ['/'] : ['/', basePath]) {
		if (path === prefix + 'echo') return 'echo';
		if (path === prefix + 'inspect') return 'inspect';
	}
	return null;
}

/** The close code ws sends for each error it reports (see ws's docs/ws.md, "Error codes"). */
function closeCodeOfWsError(error: Error): number {
	const code = (error as Error & { code?: string }).code;
	if (code === 'WS_ERR_INVALID_UTF8') return 1007;
	if (code === 'WS_ERR_UNSUPPORTED_MESSAGE_LENGTH') return 1009;
	if (code === 'WS_ERR_UNSUPPORTED_DATA_PAYLOAD_LENGTH') return 1009;
	return 1002;
}

/** Writes a complete HTTP error response and closes the socket, as ws does for bad handshakes. */
function refuse(socket: Duplex, status: number, message: string): void {
	if (!socket.writable) {
		socket.destroy();
		return;
	}
	const body = message + '\n';
	socket.once('finish', () => socket.destroy());
	socket.end(
		`HTTP/1.1 ${status} ${STATUS_CODES[status] ?? ''}\r\n` +
			'Connection: close\r\n' +
			'Content-Type: text/plain; charset=utf-8\r\n' +
			`Content-Length: ${Buffer.byteLength(body)}\r\n` +
			'\r\n' +
			body
	);
}

/**
 * Sockets some echo server has taken. A second server mounted on the same http.Server (two
 * plugin instances, say) must not hand the same socket to ws again, which throws.
 */
const claimed = new WeakSet<Duplex>();

/** A WebSocket reason must fit in 123 bytes (RFC 6455 §5.5: 125 minus the code). */
function shortReason(reason: string): string {
	return Buffer.byteLength(reason) <= 123 ? reason : reason.slice(0, 100) + '…';
}

function describeBytes(bytes: number): string {
	if (bytes % (1024 * 1024) === 0) return `${bytes / (1024 * 1024)} MiB`;
	if (bytes % 1024 === 0) return `${bytes / 1024} KiB`;
	return `${bytes} bytes`;
}

/** One open connection's state. */
interface Connection {
	id: number;
	ws: WebSocket;
	endpoint: EchoEndpoint;
	path: string;
	remote: string;
	openedAt: number;
	/** Answered the last heartbeat ping. */
	alive: boolean;
	tokens: number;
	refilledAt: number;
	messages: number;
	delayMs: number;
	/** `?close=` code, used up by the next message. */
	closeAfterNext: number | undefined;
	/** Set once the server decides to close: nothing is echoed after that. */
	closing: { code: number; reason: string } | undefined;
	/** The `?close=` message has been taken; its echo may still be waiting for `?delay`. */
	lastTaken: boolean;
	/** Bytes waiting in `?delay` timers. */
	delayedBytes: number;
	timers: Set<NodeJS.Timeout>;
	idleTimer: NodeJS.Timeout | undefined;
}

/** Creates an echo server; nothing listens until `listen()` or `attach()`. */
export function createEchoServer(options: EchoServerOptions = {}): EchoServer {
	const settings: ResolvedEchoOptions = {
		...ECHO_DEFAULTS,
		logger: consoleLogger,
		...Object.fromEntries(Object.entries(options).filter(([, value]) => value !== undefined))
	} as ResolvedEchoOptions;
	settings.basePath = normalizeBasePath(settings.basePath);
	// Origins compare by their serialization ('https://example.com'), as browsers send them.
	const origins = new Set(settings.origins.map((origin) => new URL(origin).origin));
	settings.origins = [...origins];
	const { logger, maxMessageBytes, rateLimit } = settings;
	const lab =
		settings.socketLab === false
			? undefined
			: createSocketLab({
					...settings.socketLab,
					basePath: settings.basePath,
					origins: settings.origins,
					logger
				});
	const transports =
		settings.transports === false
			? undefined
			: createTransports({
					...settings.transports,
					basePath: settings.basePath,
					origins: settings.origins,
					logger
				});
	const socketIo =
		settings.socketIo === false
			? undefined
			: createSocketIoServer({
					basePath: settings.basePath,
					origins: settings.origins,
					logger,
					limits: {
						maxPayloadBytes: maxMessageBytes,
						maxConnections: settings.maxConnections,
						...settings.socketIo
					}
				});

	const connections = new Set<Connection>();
	let nextId = 1;
	let closed = false;
	let closing: Promise<void> | undefined;
	let httpServer: Server | undefined;
	const detachers = new Set<() => void>();
	const drainWaiters: (() => void)[] = [];

	// Requests going to /inspect, and the response lines ws wrote for them.
	const inspectRequests = new WeakSet<IncomingMessage>();
	const responseLines = new WeakMap<IncomingMessage, string[]>();

	const common = {
		noServer: true,
		// We keep our own set, with per-connection state; ws's would be a second copy.
		clientTracking: false,
		maxPayload: maxMessageBytes,
		handleProtocols: (offered: Set<string>) => {
			for (const protocol of offered) if (ECHO_SUBPROTOCOLS.includes(protocol)) return protocol;
			return false as const;
		}
	};
	const plain = new WebSocketServer({ ...common, perMessageDeflate: false });
	const deflating = new WebSocketServer({
		...common,
		// ws's suggested settings for many connections: compression for ws's own messages is
		// cheaper, and what clients send is inflated whatever they chose.
		perMessageDeflate: {
			zlibDeflateOptions: { chunkSize: 1024, memLevel: 7, level: 3 },
			zlibInflateOptions: { chunkSize: 10 * 1024 },
			threshold: 1024,
			concurrencyLimit: 10
		}
	});
	for (const wss of [plain, deflating]) {
		wss.on('headers', (lines: string[], req: IncomingMessage) => {
			// Kept by reference and joined later: listeners added after ours may still edit it.
			if (inspectRequests.has(req)) responseLines.set(req, lines);
		});
		wss.on('error', (error: Error) => logger.warn(`server error: ${error.message}`));
	}

	const heartbeat =
		settings.heartbeatMs > 0
			? setInterval(() => {
					for (const connection of connections) {
						if (!connection.alive) {
							connection.closing ??= { code: 1006, reason: 'no pong to the last ping' };
							connection.ws.terminate();
							continue;
						}
						connection.alive = false;
						connection.ws.ping();
					}
				}, settings.heartbeatMs)
			: undefined;
	// The server's sockets keep the process alive; the heartbeat alone should not.
	heartbeat?.unref();

	function closeConnection(connection: Connection, code: number, reason: string): void {
		if (connection.closing) return;
		connection.closing = { code, reason };
		connection.ws.close(code, shortReason(reason));
	}

	/** Takes a token for a message or ping; closes with 1008 when the bucket is empty. */
	function charge(connection: Connection): boolean {
		if (!rateLimit) return true;
		const now = performance.now();
		connection.tokens = Math.min(
			rateLimit.burst,
			connection.tokens + ((now - connection.refilledAt) * rateLimit.messagesPerSecond) / 1000
		);
		connection.refilledAt = now;
		if (connection.tokens >= 1) {
			connection.tokens -= 1;
			return true;
		}
		closeConnection(
			connection,
			1008,
			`Rate limit: more than ${rateLimit.messagesPerSecond} messages per second`
		);
		return false;
	}

	function echo(
		connection: Connection,
		data: RawData,
		isBinary: boolean,
		closeCode?: number
	): void {
		connection.ws.send(data, { binary: isBinary });
		if (closeCode !== undefined) {
			closeConnection(connection, closeCode, `Closing with ${closeCode}, as ?close= asked`);
		}
	}

	function onMessage(connection: Connection, data: RawData, isBinary: boolean): void {
		if (connection.closing || connection.lastTaken) return;
		connection.messages++;
		connection.idleTimer?.refresh();
		if (!charge(connection)) return;
		const size = Array.isArray(data)
			? data.reduce((sum, part) => sum + part.length, 0)
			: data.byteLength;
		if (connection.ws.bufferedAmount + connection.delayedBytes + size > settings.maxBufferedBytes) {
			// The client sends faster than it reads its echoes; holding them would grow without end.
			closeConnection(connection, 1008, 'Too many unread echoes: read what you are sent');
			return;
		}
		const closeCode = connection.closeAfterNext;
		// From here on nothing else is echoed, even while this message's delayed echo waits.
		if (closeCode !== undefined) connection.lastTaken = true;
		if (connection.delayMs === 0) {
			echo(connection, data, isBinary, closeCode);
			return;
		}
		connection.delayedBytes += size;
		const timer = setTimeout(() => {
			connection.timers.delete(timer);
			connection.delayedBytes -= size;
			echo(connection, data, isBinary, closeCode);
		}, connection.delayMs);
		connection.timers.add(timer);
	}

	/** Sends a report of every frame the client sends, tapping the socket ahead of ws. */
	function tapFrames(connection: Connection, socket: Duplex): void {
		const splitter = new FrameSplitter(maxMessageBytes);
		let index = 0;
		const report = (frame: SplitFrame) => {
			const message: FrameReport = {
				type: 'frame',
				hex: toHex(frame.bytes),
				length: frame.bytes.length,
				opcode: frame.opcode,
				fin: frame.fin,
				masked: frame.masked,
				index: index++
			};
			connection.ws.send(JSON.stringify(message));
		};
		const onData = (chunk: Buffer) => {
			// Once the server is closing no report can be sent, so there is nothing to split for.
			if (connection.ws.readyState !== WebSocket.OPEN) {
				socket.off('data', onData);
				return;
			}
			try {
				for (const frame of splitter.push(chunk)) report(frame);
				if (splitter.stopped) socket.off('data', onData);
			} catch (error) {
				logger.warn(`#${connection.id}: frame report failed: ${(error as Error).message}`);
				socket.off('data', onData);
			}
		};
		// ws attached its listener already and unshifted `head` back into the socket, so the
		// tap sees every byte after the handshake. Prepending it makes each frame's report go out
		// before ws parses that frame, hence before its echo.
		socket.prependListener('data', onData);
		connection.ws.once('close', () => socket.off('data', onData));
	}

	function onOpen(
		ws: WebSocket,
		req: IncomingMessage,
		socket: Duplex,
		endpoint: EchoEndpoint,
		query: EchoQuery
	) {
		const now = performance.now();
		const connection: Connection = {
			id: nextId++,
			ws,
			endpoint,
			path: req.url ?? '',
			remote: `${req.socket.remoteAddress ?? '?'}:${req.socket.remotePort ?? '?'}`,
			openedAt: now,
			alive: true,
			tokens: rateLimit ? rateLimit.burst : 0,
			refilledAt: now,
			messages: 0,
			delayMs: query.delayMs,
			closeAfterNext: query.closeCode,
			closing: undefined,
			lastTaken: false,
			delayedBytes: 0,
			timers: new Set(),
			idleTimer: undefined
		};
		connections.add(connection);
		// ws emits 'error' for protocol errors (and closes with 1002, 1007 or 1009 itself);
		// without a listener the error would be thrown.
		ws.on('error', (error) => {
			connection.closing ??= { code: closeCodeOfWsError(error), reason: error.message };
			logger.warn(`#${connection.id} ${error.message}`);
		});
		ws.on('close', (code, reason) => {
			for (const timer of connection.timers) clearTimeout(timer);
			connection.timers.clear();
			if (connection.idleTimer) clearTimeout(connection.idleTimer);
			connections.delete(connection);
			const seconds = ((performance.now() - connection.openedAt) / 1000).toFixed(1);
			const how = connection.closing
				? `${connection.closing.code} by server (${connection.closing.reason}), client answered ${code}`
				: `${code} by client${reason.length ? ` (${reason.toString()})` : ''}`;
			logger.info(
				`close #${connection.id} ${connection.path} ${how};` +
					` ${connection.messages} messages in ${seconds} s`
			);
			if (connections.size === 0) for (const wake of drainWaiters.splice(0)) wake();
		});
		ws.on('pong', () => {
			connection.alive = true;
		});
		ws.on('ping', () => {
			charge(connection);
		});
		ws.on('message', (data, isBinary) => {
			try {
				onMessage(connection, data, isBinary);
			} catch (error) {
				// Our bug must not take the process (and everyone else's connection) down.
				logger.warn(`#${connection.id} echo failed: ${(error as Error).message}`);
				ws.terminate();
			}
		});
		if (settings.idleTimeoutMs > 0) {
			const seconds = Math.round(settings.idleTimeoutMs / 1000);
			connection.idleTimer = setTimeout(
				() => closeConnection(connection, 1001, `Idle for ${seconds} s without a message`),
				settings.idleTimeoutMs
			);
			connection.idleTimer.unref();
		}
		if (endpoint === 'inspect') {
			const lines = responseLines.get(req) ?? [];
			const handshake: HandshakeReport = {
				type: 'handshake',
				request: formatRequestHead(
					req.method ?? 'GET',
					req.url ?? '',
					req.httpVersion,
					req.rawHeaders
				),
				response: formatResponseHead(lines),
				remoteAddress: req.socket.remoteAddress ?? null,
				protocol: ws.protocol,
				extensions: headerValue(lines, 'Sec-WebSocket-Extensions')
			};
			ws.send(JSON.stringify(handshake));
			tapFrames(connection, socket);
		}
		logger.info(
			`open #${connection.id} ${connection.path} from ${connection.remote}` +
				` protocol=${ws.protocol || '-'} extensions=${ws.extensions || '-'}`
		);
	}

	function handleUpgrade(req: IncomingMessage, socket: Duplex, head: Buffer): boolean {
		const endpoint = matchEndpoint(req.url, settings.basePath);
		if (!endpoint) {
			if (transports?.handleUpgrade(req, socket, head)) return true;
			return socketIo?.handleUpgrade(req, socket, head) ?? false;
		}
		if (claimed.has(socket)) return true;
		claimed.add(socket);
		// A reset before or during the handshake must not become an uncaught 'error'.
		socket.on('error', (error) => logger.warn(`socket error on ${req.url}: ${error.message}`));
		const refuseWith = (status: number, message: string) => {
			logger.info(`refuse ${status} ${req.url}: ${message}`);
			refuse(socket, status, message);
		};
		try {
			if (closed) return (refuseWith(503, 'The echo server is shutting down'), true);
			const origin = req.headers.origin;
			// Without an Origin header the client is not a browser, and could send any Origin it
			// liked, so the allowlist (which protects browsers' users) has nothing to check.
			if (origins.size > 0 && origin !== undefined && !origins.has(origin.toLowerCase())) {
				return (refuseWith(403, `Origin ${origin} is not allowed`), true);
			}
			const query = parseEchoQuery(
				new URLSearchParams(req.url?.split('?')[1] ?? ''),
				settings.maxDelayMs
			);
			if ('error' in query) return (refuseWith(400, query.error), true);
			if (connections.size >= settings.maxConnections) {
				return (refuseWith(503, `Too many connections (at most ${settings.maxConnections})`), true);
			}
			if (endpoint === 'inspect') inspectRequests.add(req);
			const wss = query.deflate ? deflating : plain;
			wss.handleUpgrade(req, socket, head, (ws) => {
				try {
					onOpen(ws, req, socket, endpoint, query);
				} catch (error) {
					logger.warn(`open failed on ${req.url}: ${(error as Error).message}`);
					ws.terminate();
				}
			});
		} catch (error) {
			logger.warn(`upgrade failed on ${req.url}: ${(error as Error).message}`);
			socket.destroy();
		}
		return true;
	}

	function attach(server: UpgradeEmitter): () => void {
		const listener = (req: IncomingMessage, socket: Duplex, head: Buffer) => {
			handleUpgrade(req, socket, head);
		};
		server.on('upgrade', listener);
		const detach = () => {
			server.off('upgrade', listener);
			detachers.delete(detach);
		};
		detachers.add(detach);
		return detach;
	}

	function page(req: IncomingMessage, res: ServerResponse): void {
		if (lab?.handle(req, res)) return;
		if (transports?.handle(req, res)) return;
		if (socketIo?.handleRequest(req, res)) return;
		const address = httpServer?.address() as AddressInfo | null;
		const host = /^[\w.:[\]-]+$/.test(req.headers.host ?? '')
			? req.headers.host
			: `${address?.address}:${address?.port}`;
		const path = (req.url ?? '/').split('?')[0];
		const base = settings.basePath;
		let status = 200;
		let body: string;
		if (path === '/' || path === base) {
			const limits = rateLimit ? `${rateLimit.messagesPerSecond} messages/s, ` : '';
			body = [
				'Socket Explorer echo server',
				'',
				`  ws://${host}${base}echo      echoes every message: text stays text, binary stays binary`,
				`  ws://${host}${base}inspect   echoes too, after reporting as JSON the handshake and`,
				'                         the raw bytes (still masked) of every frame you send',
				'',
				'Query options on both endpoints:',
				`  ?delay=MS     echo after MS milliseconds (0–${settings.maxDelayMs})`,
				'  ?close=CODE   close with CODE after echoing the next message',
				'  ?deflate=0    no permessage-deflate (it is offered by default)',
				'',
				`Subprotocols: ${ECHO_SUBPROTOCOLS.join(', ')} (the first you offer that is listed).`,
				`Limits: messages up to ${describeBytes(maxMessageBytes)}, ${limits}` +
					`${settings.maxConnections} connections` +
					(settings.idleTimeoutMs > 0
						? `, closed after ${Math.round(settings.idleTimeoutMs / 1000)} s idle.`
						: '.'),
				...(lab
					? [
							'',
							'The socket types lab, on real sockets:',
							`  POST http://${host}${base}${SOCKET_LAB_PATH}`,
							'  with {"type":"stream"|"datagram","messages":["A","B"],"readSize":4}',
							'  sends the messages through real sockets on 127.0.0.1 and answers with',
							"  what the receiver's reads returned (the lab's live mode)."
						]
					: []),
				...(transports
					? [
							'',
							'Live transports, one stream of events four ways (stream= names it, rate= is',
							'events per second, size= bytes per event; since= an event id):',
							`  GET http://${host}${base}${TRANSPORTS_PATH}/poll?stream=S&rate=R&since=ID`,
							`  GET http://${host}${base}${TRANSPORTS_PATH}/long-poll?stream=S&rate=R&since=ID&timeout=MS`,
							`  GET http://${host}${base}${TRANSPORTS_PATH}/sse?stream=S&rate=R   (honours Last-Event-ID)`,
							`  ws://${host}${base}${TRANSPORTS_PATH}/ws?stream=S&rate=R&since=ID`
						]
					: []),
				...(socketIo
					? [
							'',
							'Socket.IO v4 (Engine.IO 4, polling and WebSocket), for any Socket.IO v3/v4 client:',
							`  http://${host}${base}${SOCKET_IO_PATH}   events on "/": echo (acknowledged with`,
							'                         its arguments, binary too), ticks(count) (a tick a second)',
							`  GET http://${host}${base}${SOCKET_IO_INSPECT_PATH}?sid=SID&after=N   the bodies and`,
							'                         messages session SID exchanged, exactly, as JSON'
						]
					: []),
				''
			].join('\n');
		} else if (matchEndpoint(path, base)) {
			status = 426;
			body = `This is a WebSocket endpoint: connect to ws://${host}${path}\n`;
		} else {
			status = 404;
			body = 'Not found. See / for the endpoints.\n';
		}
		res.writeHead(status, {
			'Content-Type': 'text/plain; charset=utf-8',
			'X-Content-Type-Options': 'nosniff',
			...(status === 426 ? { Upgrade: 'websocket', Connection: 'Upgrade' } : {})
		});
		res.end(req.method === 'HEAD' ? undefined : body);
	}

	async function listen(): Promise<EchoAddress> {
		if (httpServer) throw new Error('The echo server is already listening');
		if (closed) throw new Error('The echo server is closed');
		const server = createServer(page);
		httpServer = server;
		server.on('upgrade', (req: IncomingMessage, socket: Duplex, head: Buffer) => {
			if (handleUpgrade(req, socket, head)) return;
			socket.on('error', () => {});
			refuse(socket, 404, 'No WebSocket endpoint here: use /echo or /inspect');
		});
		await new Promise<void>((resolve, reject) => {
			server.once('error', reject);
			server.listen(settings.port, settings.host, () => {
				server.off('error', reject);
				resolve();
			});
		});
		server.on('error', (error) => logger.warn(`http server error: ${error.message}`));
		const { address, port } = server.address() as AddressInfo;
		const host = address.includes(':') ? `[${address}]` : address;
		const base = settings.basePath;
		return {
			host: address,
			port,
			url: `http://${host}:${port}${base}`,
			echo: `ws://${host}:${port}${base}echo`,
			inspect: `ws://${host}:${port}${base}inspect`,
			...(lab ? { lab: `http://${host}:${port}${base}${SOCKET_LAB_PATH}` } : {}),
			...(transports ? { transports: `http://${host}:${port}${base}${TRANSPORTS_PATH}/` } : {}),
			...(socketIo ? { socketIo: `http://${host}:${port}${base}${SOCKET_IO_PATH}` } : {})
		};
	}

	async function shutDown(): Promise<void> {
		closed = true;
		if (heartbeat) clearInterval(heartbeat);
		// Runs stop by themselves within their timeout; new ones are refused from here on.
		await lab?.close();
		await transports?.close();
		await socketIo?.close();
		for (const detach of [...detachers]) detach();
		if (connections.size > 0) {
			const drained = new Promise<void>((resolve) => drainWaiters.push(resolve));
			for (const connection of connections)
				closeConnection(connection, 1001, 'Server shutting down');
			let timer: NodeJS.Timeout | undefined;
			const grace = new Promise<void>((resolve) => {
				timer = setTimeout(resolve, settings.shutdownGraceMs);
			});
			await Promise.race([drained, grace]);
			clearTimeout(timer);
			if (connections.size > 0) {
				for (const connection of connections) connection.ws.terminate();
				await drained;
			}
		}
		plain.close();
		deflating.close();
		const server = httpServer;
		if (server?.listening) {
			await new Promise<void>((resolve) => {
				server.close(() => resolve());
				server.closeAllConnections();
			});
		}
	}

	return {
		options: settings,
		get connections() {
			return connections.size;
		},
		lab,
		transports,
		socketIo,
		handleUpgrade,
		attach,
		listen,
		close() {
			closing ??= shutDown();
			return closing;
		}
	};
}
