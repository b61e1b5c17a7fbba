/**
 * A real Socket.IO v4 server (the `socket.io` package, on `engine.io`) at `<base>/socket.io/`,
 * for the live Socket.IO client (/tools/socketio) and the Socket.IO lesson.
 *
 * On the default namespace:
 * - `echo`: acknowledges with the arguments it got, binary attachments included; sent without
 *   an acknowledgement, it is answered with an `echo` event carrying the same arguments.
 * - `ticks` (count): pushes `tick` events ({ n, of, at }) every second, `count` of them at most
 *   `maxTicks`, then stops; acknowledged with { count, intervalMs } or { error }.
 *
 * Limits, matching the echo server's: the payload cap (engine.io's maxHttpBufferSize: a larger
 * POST gets 413, a larger WebSocket message closes with 1009, and the session ends), a
 * connection cap and the Origin allowlist (allowRequest: a refused handshake gets HTTP 403 with
 * `{"code":4,"message":"<reason>"}`).
 *
 * Exact bytes: per Engine.IO session, the server records what its transports received and sent
 * (see src/lib/visualizers/socketio/inspect-report.ts for exactly what an entry is) and serves
 * it at `GET <base>/socket.io-inspect?sid=…&after=N` as JSON. The taps sit on the transports
 * engine.io creates (its `createTransport`): polling's `onData` (a POST's whole body) and
 * `write` (a GET response's whole body, never compressed here), ws's 'message' (prepended, so a
 * message is recorded before the answer it causes) and `send`.
 *
 * The engine is not attached with engine.io's own `attach()`, which takes every 'request'
 * listener of the server for good and, unless `destroyUpgrade: false`, ends other upgrades:
 * this module dispatches requests and upgrades for its two paths itself and leaves every other
 * upgrade (Vite's HMR, /echo, /inspect, /transports/ws) to its own listener, untouched, and can
 * be detached.
 */
import type { EventEmitter } from 'node:events';
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { Duplex } from 'node:stream';
import { Server as EngineServer } from 'engine.io';
import { Server as SocketIoServerClass, type Socket } from 'socket.io';
import type {
	SocketIoInspectReport,
	SocketIoWireEntry
} from '../lib/visualizers/socketio/inspect-report.js';

/** Where the Socket.IO endpoint is, under the base path. */
export const SOCKET_IO_PATH = 'socket.io/';

/** Where the recorded bytes are served, under the base path. */
export const SOCKET_IO_INSPECT_PATH = 'socket.io-inspect';

/** Same shape as the echo server's logger. */
export interface SocketIoLogger {
	info(line: string): void;
	warn(line: string): void;
}

/** Every bound; each has a default. */
export interface SocketIoLimits {
	/** engine.io's maxHttpBufferSize (sent to clients as maxPayload). Default 1 MiB. */
	maxPayloadBytes: number;
	/** Open Engine.IO sessions at most; further handshakes get 403. Default 1000. */
	maxConnections: number;
	/** Most `tick` events one `ticks` asks for. Default 60. */
	maxTicks: number;
	/** Between two ticks. Default 1000 ms. */
	tickIntervalMs: number;
	/** Engine.IO heartbeat: the server pings every pingIntervalMs. Defaults: engine.io's. */
	pingIntervalMs: number;
	pingTimeoutMs: number;
	/** Entries one session's record keeps (the oldest go first). Default 1000. */
	maxEntriesPerSession: number;
	/** Bytes of one body or message kept (the rest is cut, marked truncated). Default 64 KiB. */
	maxEntryBytes: number;
	/** Bytes kept over all sessions' records (oldest entries of closed sessions go first). */
	maxRecordedBytes: number;
	/** Sessions whose records are kept, open or closed. Default 2000. */
	maxRecordedSessions: number;
	/** How long a closed session's record stays readable. Default 2 minutes. */
	keepClosedMs: number;
}

export const SOCKET_IO_DEFAULTS: Readonly<SocketIoLimits> = Object.freeze({
	maxPayloadBytes: 1024 * 1024,
	maxConnections: 1000,
	maxTicks: 60,
	tickIntervalMs: 1000,
	pingIntervalMs: 25000,
	pingTimeoutMs: 20000,
	maxEntriesPerSession: 1000,
	maxEntryBytes: 64 * 1024,
	maxRecordedBytes: 16 * 1024 * 1024,
	maxRecordedSessions: 2000,
	keepClosedMs: 2 * 60 * 1000
});

export interface SocketIoOptions {
	/** The site's base path ('/socket-explorer/'); the paths are served under it and at '/'. */
	basePath?: string;
	/** Browser Origins allowed (as the echo server's); empty: any. */
	origins?: readonly string[];
	logger?: SocketIoLogger;
	limits?: Partial<SocketIoLimits>;
}

/** An http.Server, or Vite's: what `attach` needs to take the requests for its paths. */
export type SocketIoHost = Pick<EventEmitter, 'on' | 'off' | 'listeners'>;

export interface SocketIoServer {
	readonly io: SocketIoServerClass;
	readonly engine: EngineServer;
	readonly limits: Readonly<SocketIoLimits>;
	/** Open Engine.IO sessions. */
	readonly connections: number;
	/** Answers a request to one of its two paths; false (untouched) for any other. */
	handleRequest(req: IncomingMessage, res: ServerResponse): boolean;
	/** Takes an upgrade to `<base>/socket.io/`; false (socket untouched) for any other path. */
	handleUpgrade(req: IncomingMessage, socket: Duplex, head: Buffer): boolean;
	/** The record of session `sid` from entry `after` on, or undefined for an unknown sid. */
	inspect(sid: string, after?: number): SocketIoInspectReport | undefined;
	/** Serves its paths on `server`; returns a detach function that gives the requests back. */
	attach(server: SocketIoHost): () => void;
	/** Disconnects every socket, stops the ticks, detaches. */
	close(): Promise<void>;
}

/** '/', '/socket-explorer/' from '', '/socket-explorer', './' or a full URL. */
function normalizeBase(base: string | undefined): string {
	if (!base) return '/';
	let path = base;
	if (/^[a-z][a-z0-9+.-]*:\/\//i.test(base)) path = new URL(base).pathname;
	if (!path.startsWith('/')) return '/';
	return path.endsWith('/') ? path : path + '/';
}

function pathOf(url: string | undefined): string {
	if (!url) return '';
	const query = url.indexOf('?');
	return query >= 0 ? url.slice(0, query) : url;
}

/** Which of the two paths a request URL names (at '/' or under `basePath`), or null. */
export function matchSocketIoPath(
	url: string | undefined,
	basePath = '/'
): 'socket.io' | 'inspect' | null {
	const path = pathOf(url);
	const base = normalizeBase(basePath);
	for (const prefix of base === '/' ? ['/'] : ['/', base]) {
		if (path === prefix + SOCKET_IO_PATH) return 'socket.io';
		if (path === prefix + SOCKET_IO_INSPECT_PATH) return 'inspect';
	}
	return null;
}

/** Sockets some Socket.IO server here has taken, so a second one never takes them too. */
const claimed = new WeakSet<Duplex>();

interface SessionRecord {
	sid: string;
	open: boolean;
	entries: SocketIoWireEntry[];
	nextSeq: number;
	/** Bytes its entries hold (text or base64 characters). */
	held: number;
	timer?: NodeJS.Timeout;
}

/** The engine.io internals the taps use; engine.io's types mark them private. */
interface TappedTransport {
	name: string;
	onData?: (data: string | Buffer) => void;
	write?: (data: string | Buffer, options: unknown) => void;
	socket?: EventEmitter & { send: (data: unknown, ...rest: unknown[]) => void };
}

type EngineRequest = IncomingMessage & { _query?: Record<string, string> };

function toBuffer(data: unknown): Buffer {
	if (typeof data === 'string') return Buffer.from(data, 'utf8');
	if (Buffer.isBuffer(data)) return data;
	if (data instanceof ArrayBuffer) return Buffer.from(data);
	if (ArrayBuffer.isView(data)) return Buffer.from(data.buffer, data.byteOffset, data.byteLength);
	if (Array.isArray(data)) return Buffer.concat(data.map(toBuffer));
	return Buffer.alloc(0);
}

/** Creates the server; nothing is served until `attach` (or calls to the two handlers). */
export function createSocketIoServer(options: SocketIoOptions = {}): SocketIoServer {
	const limits: SocketIoLimits = {
		...SOCKET_IO_DEFAULTS,
		...Object.fromEntries(
			Object.entries(options.limits ?? {}).filter(([, value]) => value !== undefined)
		)
	};
	const basePath = normalizeBase(options.basePath);
	const origins = new Set((options.origins ?? []).map((origin) => new URL(origin).origin));
	const logger = options.logger ?? {
		info: (line: string) => console.log(`[socket.io] ${line}`),
		warn: (line: string) => console.warn(`[socket.io] ${line}`)
	};
	let closed = false;

	const originAllowed = (origin: string | undefined) =>
		origins.size === 0 || origin === undefined || origins.has(origin.toLowerCase());

	const engine = new EngineServer({
		maxHttpBufferSize: limits.maxPayloadBytes,
		pingInterval: limits.pingIntervalMs,
		pingTimeout: limits.pingTimeoutMs,
		// Bodies go out as they are, so the record is the bytes on the wire.
		httpCompression: false,
		perMessageDeflate: false,
		// Polling from a page on another origin (the standalone server) needs CORS; the
		// allowlist itself is enforced in allowRequest.
		cors: { origin: origins.size === 0 ? true : [...origins] },
		allowRequest: (req, callback) => {
			// Without an Origin the client is not a browser and could claim any: nothing to check.
			const origin = req.headers.origin;
			if (closed) return callback('The server is shutting down', false);
			if (!originAllowed(origin)) return callback(`Origin ${origin} is not allowed`, false);
			if (engine.clientsCount >= limits.maxConnections) {
				return callback(`Too many connections (at most ${limits.maxConnections})`, false);
			}
			callback(null, true);
		}
	});
	const io = new SocketIoServerClass({ serveClient: false });
	io.bind(engine);

	// ---- the record -------------------------------------------------------------------------
	const sessions = new Map<string, SessionRecord>();
	let recorded = 0;
	const sidOfRequest = new WeakMap<IncomingMessage, string>();

	function session(sid: string): SessionRecord {
		let record = sessions.get(sid);
		if (!record) {
			record = { sid, open: true, entries: [], nextSeq: 0, held: 0 };
			sessions.set(sid, record);
			while (sessions.size > limits.maxRecordedSessions) {
				const oldest =
					[...sessions.values()].find((s) => !s.open) ?? sessions.values().next().value;
				if (!oldest) break;
				forget(oldest);
			}
		}
		return record;
	}

	function forget(record: SessionRecord): void {
		if (record.timer) clearTimeout(record.timer);
		recorded -= record.held;
		sessions.delete(record.sid);
	}

	function dropOldest(record: SessionRecord): void {
		const entry = record.entries.shift();
		if (!entry) return;
		const size = (entry.text ?? entry.base64 ?? '').length;
		record.held -= size;
		recorded -= size;
	}

	function record(
		sid: string | undefined,
		direction: SocketIoWireEntry['direction'],
		transport: SocketIoWireEntry['transport'],
		data: unknown,
		binary: boolean,
		http?: SocketIoWireEntry['http']
	): void {
		if (!sid) return;
		try {
			const bytes = toBuffer(data);
			const kept = bytes.subarray(0, limits.maxEntryBytes);
			const target = session(sid);
			const entry: SocketIoWireEntry = {
				seq: target.nextSeq++,
				at: Date.now(),
				direction,
				transport,
				...(http ? { http } : {}),
				bytes: bytes.length,
				binary,
				...(binary ? { base64: kept.toString('base64') } : { text: kept.toString('utf8') }),
				...(kept.length < bytes.length ? { truncated: true } : {})
			};
			const size = (entry.text ?? entry.base64 ?? '').length;
			target.entries.push(entry);
			target.held += size;
			recorded += size;
			while (target.entries.length > limits.maxEntriesPerSession) dropOldest(target);
			while (recorded > limits.maxRecordedBytes) {
				const victim =
					[...sessions.values()].find((s) => !s.open && s.entries.length > 0) ??
					[...sessions.values()].find((s) => s.entries.length > 0);
				if (!victim) break;
				dropOldest(victim);
			}
		} catch (error) {
			logger.warn(`record failed for ${sid}: ${(error as Error).message}`);
		}
	}

	// The handshake's transport is created before its sid is in any query: learn it here.
	const generateId = engine.generateId.bind(engine);
	engine.generateId = async (req: IncomingMessage) => {
		const id = await generateId(req);
		sidOfRequest.set(req, id);
		return id;
	};

	// createTransport is protected in engine.io's types; this instance's is wrapped, not the class's.
	type CreateTransport = (name: string, req: IncomingMessage) => unknown;
	const hooks = engine as unknown as { createTransport: CreateTransport };
	const createTransport = hooks.createTransport.bind(engine);
	hooks.createTransport = (name, req) => {
		const transport = createTransport(name, req) as TappedTransport;
		const sid = (req as EngineRequest)._query?.sid || sidOfRequest.get(req);
		tap(transport, sid);
		return transport;
	};

	function tap(transport: TappedTransport, sid: string | undefined): void {
		if (transport.name === 'polling') {
			const onData = transport.onData;
			const write = transport.write;
			if (onData) {
				transport.onData = function (this: unknown, data) {
					record(sid, 'received', 'polling', data, false, 'POST');
					return onData.call(this, data);
				};
			}
			if (write) {
				transport.write = function (this: unknown, data, writeOptions) {
					record(sid, 'sent', 'polling', data, false, 'GET');
					return write.call(this, data, writeOptions);
				};
			}
		} else if (transport.name === 'websocket' && transport.socket) {
			const ws = transport.socket;
			ws.prependListener('message', (data: unknown, isBinary: boolean) => {
				record(sid, 'received', 'websocket', data, isBinary);
			});
			const send = ws.send;
			ws.send = function (this: unknown, data: unknown, ...rest: unknown[]) {
				record(sid, 'sent', 'websocket', data, typeof data !== 'string');
				return send.call(this, data, ...rest);
			};
		}
	}

	engine.on(
		'connection',
		(socket: {
			id: string;
			transport: { name: string };
			once: EventEmitter['once'];
			request: IncomingMessage;
		}) => {
			const remote = `${socket.request.socket?.remoteAddress ?? '?'}`;
			logger.info(`open ${socket.id} over ${socket.transport.name} from ${remote}`);
			socket.once('close', (reason: string) => {
				logger.info(`close ${socket.id} (${reason})`);
				const record = sessions.get(socket.id);
				if (!record) return;
				record.open = false;
				record.timer = setTimeout(() => forget(record), limits.keepClosedMs);
				record.timer.unref();
			});
		}
	);
	engine.on(
		'connection_error',
		(error: { code: number; message: string; context?: unknown; req: IncomingMessage }) => {
			const context = error.context as { message?: string; name?: string } | undefined;
			logger.info(`refuse ${error.req.url}: ${context?.message ?? context?.name ?? error.message}`);
		}
	);

	// ---- the namespace ----------------------------------------------------------------------
	const ticking = new Map<Socket, NodeJS.Timeout>();

	io.on('connection', (socket) => {
		socket.on('echo', (...args: unknown[]) => {
			const last = args.at(-1);
			if (typeof last === 'function') {
				args.pop();
				(last as (...values: unknown[]) => void)(...args);
			} else {
				socket.emit('echo', ...args);
			}
		});
		socket.on('ticks', (...args: unknown[]) => {
			const ack =
				typeof args.at(-1) === 'function' ? (args.pop() as (value: unknown) => void) : undefined;
			const count = args[0] ?? 10;
			if (
				typeof count !== 'number' ||
				!Number.isInteger(count) ||
				count < 1 ||
				count > limits.maxTicks
			) {
				ack?.({ error: `count must be a whole number from 1 to ${limits.maxTicks}` });
				return;
			}
			const previous = ticking.get(socket);
			if (previous) clearInterval(previous);
			let n = 0;
			const timer = setInterval(() => {
				n++;
				socket.emit('tick', { n, of: count, at: Date.now() });
				if (n >= count) {
					clearInterval(timer);
					ticking.delete(socket);
				}
			}, limits.tickIntervalMs);
			ticking.set(socket, timer);
			ack?.({ count, intervalMs: limits.tickIntervalMs });
		});
		socket.on('disconnect', () => {
			const timer = ticking.get(socket);
			if (timer) clearInterval(timer);
			ticking.delete(socket);
		});
	});

	// ---- HTTP -------------------------------------------------------------------------------
	function answerInspect(req: IncomingMessage, res: ServerResponse): void {
		const origin = req.headers.origin;
		const headers: Record<string, string> = {
			'Content-Type': 'application/json; charset=utf-8',
			'Cache-Control': 'no-store',
			'X-Content-Type-Options': 'nosniff'
		};
		if (origin !== undefined && originAllowed(origin)) {
			headers['Access-Control-Allow-Origin'] = origin;
			headers['Vary'] = 'Origin';
		}
		const reply = (status: number, body: unknown) => {
			res.writeHead(status, headers);
			res.end(req.method === 'HEAD' ? undefined : JSON.stringify(body));
		};
		if (!originAllowed(origin)) return reply(403, { error: `Origin ${origin} is not allowed` });
		if (req.method !== 'GET' && req.method !== 'HEAD') {
			headers['Allow'] = 'GET, HEAD';
			return reply(405, { error: 'Use GET' });
		}
		const query = new URLSearchParams((req.url ?? '').split('?')[1] ?? '');
		const sid = query.get('sid');
		const after = query.get('after') ?? '0';
		if (!sid) return reply(400, { error: 'sid is required: the Engine.IO session id' });
		if (!/^\d{1,15}$/.test(after)) return reply(400, { error: 'after must be a whole number' });
		const report = inspect(sid, Number(after));
		if (!report) return reply(404, { error: `No record of session ${sid}` });
		reply(200, report);
	}

	function inspect(sid: string, after = 0): SocketIoInspectReport | undefined {
		const record = sessions.get(sid);
		if (!record) return undefined;
		const first = record.nextSeq - record.entries.length;
		return {
			sid,
			open: record.open,
			entries: record.entries.filter((entry) => entry.seq >= after),
			next: Math.max(after, record.nextSeq),
			dropped: first
		};
	}

	function handleRequest(req: IncomingMessage, res: ServerResponse): boolean {
		const which = matchSocketIoPath(req.url, basePath);
		if (!which) return false;
		try {
			if (which === 'inspect') answerInspect(req, res);
			else engine.handleRequest(req, res);
		} catch (error) {
			logger.warn(`request failed on ${req.url}: ${(error as Error).message}`);
			if (!res.headersSent) res.writeHead(500);
			res.end();
		}
		return true;
	}

	function handleUpgrade(req: IncomingMessage, socket: Duplex, head: Buffer): boolean {
		if (matchSocketIoPath(req.url, basePath) !== 'socket.io') return false;
		// Mounted twice on one server (two plugin instances), the first listener takes it.
		if (claimed.has(socket)) return true;
		claimed.add(socket);
		socket.on('error', (error) => logger.warn(`socket error on ${req.url}: ${error.message}`));
		try {
			engine.handleUpgrade(req, socket, head);
		} catch (error) {
			logger.warn(`upgrade failed on ${req.url}: ${(error as Error).message}`);
			socket.destroy();
		}
		return true;
	}

	const detachers = new Set<() => void>();

	function attach(server: SocketIoHost): () => void {
		type RequestListener = (req: IncomingMessage, res: ServerResponse) => void;
		const previous = server.listeners('request') as RequestListener[];
		for (const listener of previous) server.off('request', listener);
		const onRequest = (req: IncomingMessage, res: ServerResponse) => {
			if (handleRequest(req, res)) return;
			for (const listener of previous) listener.call(server, req, res);
		};
		const onUpgrade = (req: IncomingMessage, socket: Duplex, head: Buffer) => {
			handleUpgrade(req, socket, head);
		};
		server.on('request', onRequest);
		server.on('upgrade', onUpgrade);
		const detach = () => {
			if (!detachers.delete(detach)) return;
			server.off('request', onRequest);
			server.off('upgrade', onUpgrade);
			for (const listener of previous) server.on('request', listener);
		};
		detachers.add(detach);
		return detach;
	}

	let closing: Promise<void> | undefined;
	async function shutDown(): Promise<void> {
		closed = true;
		for (const timer of ticking.values()) clearInterval(timer);
		ticking.clear();
		for (const detach of [...detachers]) detach();
		// No httpServer is bound, so this closes sockets and the engine, not the server.
		await io.close();
		for (const record of sessions.values()) if (record.timer) clearTimeout(record.timer);
		sessions.clear();
		recorded = 0;
	}

	return {
		io,
		engine,
		limits,
		get connections() {
			return engine.clientsCount;
		},
		handleRequest,
		handleUpgrade,
		inspect,
		attach,
		close() {
			closing ??= shutDown();
			return closing;
		}
	};
}

/** Creates the server and serves it on `httpServer` (the contract's entry point). */
export function attachSocketIo(
	httpServer: SocketIoHost,
	options: SocketIoOptions = {}
): SocketIoServer {
	const server = createSocketIoServer(options);
	server.attach(httpServer);
	return server;
}
