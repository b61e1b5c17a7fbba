/**
 * The live socket types lab: `POST <base>/socket-lab` runs the page's messages through real
 * sockets on this machine's loopback interface and answers with what the receiving side's reads
 * returned (the request and result types, limits and notes are in
 * src/lib/protocol/sockets/kernel-run.ts).
 *
 * - stream: a node:net server on 127.0.0.1, port 0. The sender is the accepted socket, with
 *   Nagle off; it writes each message with its own write() and then ends. The receiver connects
 *   with `onread` and a readSize-byte buffer, so each callback is one read() from the kernel of
 *   at most readSize bytes, until end-of-file.
 * - datagram: two node:dgram udp4 sockets on 127.0.0.1; one send() per message. Node reads each
 *   datagram whole, so the cut to readSize is done here, and the notes say so.
 *
 * Bounded: body size, message count and size, read size, a per-run timeout (everything is torn
 * down and the answer is 500) and a cap on runs at once (503 with Retry-After). Every socket is
 * closed, and its 'close' awaited, before a run settles, whatever happened. Bad input gets a 4xx
 * with a reason; nothing here throws into the HTTP server.
 *
 * A browser on another origin cannot call it: the endpoint takes only application/json, which a
 * cross-origin page can send only after a CORS preflight, and the preflight (OPTIONS) gets 405.
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import {
	createServer as createTcpServer,
	connect as tcpConnect,
	type Server as TcpServer,
	type Socket
} from 'node:net';
import { createSocket, type Socket as UdpSocket } from 'node:dgram';
import {
	KERNEL_RUN_LIMITS,
	describeJsonSyntaxError,
	findJsonSyntaxError,
	kernelRunNotes,
	parseKernelRunRequest,
	type KernelRead,
	type KernelRunField,
	type KernelRunRequest,
	type KernelRunResult
} from '../lib/protocol/sockets/kernel-run.js';

/** The endpoint's last path segment, after the base path. */
export const SOCKET_LAB_PATH = 'socket-lab';

/** The loopback address every run binds to: nothing beyond this machine is involved. */
const LOOPBACK = '127.0.0.1';

/** How long the datagram receiver waits after the last datagram when some are missing. */
const DEFAULT_QUIET_MS = 250;

/** Where the lab's one-line messages go (the echo server's logger fits). */
export interface SocketLabLogger {
	info(line: string): void;
	warn(line: string): void;
}

/** Options for one run. */
export interface KernelRunOptions {
	/** Stop the run, close its sockets and reject with KernelRunTimeout after this long. */
	timeoutMs?: number;
	/** Datagram: give up waiting for missing datagrams after this long without one. */
	quietMs?: number;
	/**
	 * Called once the sockets are open, before the first message is sent; the run waits for it.
	 * Tests use it to hold a run open (for the timeout and the concurrency cap).
	 */
	beforeSend?: () => Promise<void> | void;
}

/** A run that did not finish in time; its sockets are closed by the time this is thrown. */
export class KernelRunTimeout extends Error {
	constructor(readonly timeoutMs: number) {
		super(
			`The run did not finish within ${timeoutMs} ms, so it was stopped and its sockets closed.`
		);
		this.name = 'KernelRunTimeout';
	}
}

/**
 * Closes what a run opened and resolves once each has emitted 'close'. Anything opened after
 * `closeAll` (by a run that timed out while a step was pending) is closed at once.
 */
class Resources {
	private readonly closers: (() => Promise<void>)[] = [];
	private closed = false;

	private add(close: () => Promise<void>): void {
		if (this.closed) void close();
		else this.closers.push(close);
	}

	tcpServer(server: TcpServer): void {
		this.add(
			() =>
				new Promise((resolve) => {
					// Like dgram's, the server's 'close' comes before libuv frees the handle.
					const freed = () => setTimeout(resolve, 0);
					if (server.listening) return server.close(freed);
					// listen() is still pending: close once it is done (or has failed).
					server.once('listening', () => server.close(freed));
					server.once('error', () => resolve());
				})
		);
	}

	tcpSocket(socket: Socket): void {
		// Errors after teardown (ECONNRESET from the peer's destroy) are expected.
		socket.on('error', () => {});
		this.add(
			() =>
				new Promise((resolve) => {
					if (socket.closed) return resolve();
					socket.once('close', () => resolve());
					socket.destroy();
				})
		);
	}

	udpSocket(socket: UdpSocket): void {
		socket.on('error', () => {});
		let closed = false;
		socket.once('close', () => (closed = true));
		this.add(
			() =>
				new Promise((resolve) => {
					// dgram emits 'close' before libuv has freed the handle, which happens in this
					// turn's close phase; a timer set now runs after it.
					const freed = () => setTimeout(resolve, 0);
					if (closed) return freed();
					socket.once('close', freed);
					try {
						socket.close();
					} catch {
						// Already closed (ERR_SOCKET_DGRAM_NOT_RUNNING): 'close' was emitted.
						resolve();
					}
				})
		);
	}

	/** Sockets first, then the listening server, whose close waits for its connections. */
	async closeAll(): Promise<void> {
		this.closed = true;
		for (const close of this.closers.splice(0).reverse()) await close();
	}
}

function toRead(bytes: Buffer, readSize: number): KernelRead {
	const kept = bytes.subarray(0, readSize);
	const discarded = bytes.length - kept.length;
	return {
		data: kept.toString('base64'),
		length: kept.length,
		truncated: discarded > 0,
		discarded
	};
}

async function runStream(
	request: KernelRunRequest,
	resources: Resources,
	beforeSend: KernelRunOptions['beforeSend'],
	failed: Promise<never>
): Promise<KernelRead[]> {
	const server = createTcpServer();
	resources.tcpServer(server);
	await Promise.race([
		new Promise<void>((resolve, reject) => {
			server.once('error', reject);
			server.listen(0, LOOPBACK, () => resolve());
		}),
		failed
	]);
	const port = (server.address() as { port: number }).port;
	const reads: KernelRead[] = [];
	const buffer = Buffer.alloc(request.readSize);
	let receiver: Socket | undefined;
	const done = new Promise<void>((resolve, reject) => {
		server.on('error', reject);
		server.on('connection', (sender: Socket) => {
			resources.tcpSocket(sender);
			// Another local program could race for the port; take only our receiver.
			if (!receiver || sender.remotePort !== receiver.localPort) {
				sender.destroy();
				return;
			}
			sender.setNoDelay(true);
			sender.on('error', reject);
			void (async () => {
				await beforeSend?.();
				for (const message of request.messages) {
					const bytes = Buffer.from(message, 'utf8');
					// Waiting for each write's callback keeps every message its own write() call,
					// where Node would otherwise gather queued writes into one writev().
					await new Promise<void>((resolveWrite, rejectWrite) => {
						sender.write(bytes, (error) => (error ? rejectWrite(error) : resolveWrite()));
					});
				}
				sender.end();
			})().catch(reject);
		});
		receiver = tcpConnect({
			host: LOOPBACK,
			port,
			onread: {
				buffer,
				// One call per read() into `buffer`: `length` bytes, at most readSize.
				callback(length: number, data: Uint8Array) {
					reads.push(toRead(Buffer.from(data.subarray(0, length)), request.readSize));
					return true;
				}
			}
		});
		resources.tcpSocket(receiver);
		receiver.on('error', reject);
		// read() returned 0: the sender's FIN.
		receiver.on('end', () => resolve());
	});
	await Promise.race([done, failed]);
	return reads;
}

async function runDatagram(
	request: KernelRunRequest,
	resources: Resources,
	beforeSend: KernelRunOptions['beforeSend'],
	quietMs: number,
	failed: Promise<never>
): Promise<KernelRead[]> {
	const bind = (socket: UdpSocket) =>
		new Promise<number>((resolve, reject) => {
			socket.once('error', reject);
			socket.bind(0, LOOPBACK, () => {
				socket.off('error', reject);
				resolve(socket.address().port);
			});
		});
	const receiver = createSocket('udp4');
	resources.udpSocket(receiver);
	const sender = createSocket('udp4');
	resources.udpSocket(sender);
	const [port, senderPort] = await Promise.race([
		Promise.all([bind(receiver), bind(sender)]),
		failed
	]);

	const reads: KernelRead[] = [];
	const expected = request.messages.length;
	let quiet: NodeJS.Timeout | undefined;
	let allSent = false;
	let finish = () => {};
	const done = new Promise<void>((resolve) => {
		finish = () => {
			clearTimeout(quiet);
			resolve();
		};
	});
	// Started once everything is sent, and again after each datagram: only missing datagrams
	// make the run wait for it.
	const armQuietTimer = () => {
		clearTimeout(quiet);
		if (allSent) quiet = setTimeout(finish, quietMs);
	};
	receiver.on('message', (message, from) => {
		// Only our sender's datagrams: any local program can send to this port.
		if (from.address !== LOOPBACK || from.port !== senderPort) return;
		reads.push(toRead(message, request.readSize));
		if (reads.length >= expected) finish();
		else armQuietTimer();
	});
	receiver.on('error', finish);

	await beforeSend?.();
	for (const message of request.messages) {
		await Promise.race([
			new Promise<void>((resolve, reject) => {
				sender.send(Buffer.from(message, 'utf8'), port, LOOPBACK, (error) =>
					error ? reject(error) : resolve()
				);
			}),
			failed
		]);
	}
	allSent = true;
	if (reads.length < expected) armQuietTimer();
	try {
		await Promise.race([done, failed]);
	} finally {
		clearTimeout(quiet);
	}
	return reads;
}

/**
 * Sends `request.messages` through real sockets on 127.0.0.1 and returns the receiver's reads.
 * Rejects with KernelRunTimeout when `timeoutMs` runs out; every socket is closed either way.
 */
export async function runOnKernel(
	request: KernelRunRequest,
	options: KernelRunOptions = {}
): Promise<KernelRunResult> {
	const timeoutMs = options.timeoutMs ?? KERNEL_RUN_LIMITS.timeoutMs;
	const quietMs = options.quietMs ?? DEFAULT_QUIET_MS;
	const resources = new Resources();
	let timer: NodeJS.Timeout | undefined;
	const failed = new Promise<never>((_, reject) => {
		timer = setTimeout(() => reject(new KernelRunTimeout(timeoutMs)), timeoutMs);
	});
	// Raced against every step; nobody may be listening when it fires late.
	failed.catch(() => {});
	const start = performance.now();
	const run =
		request.type === 'stream'
			? runStream(request, resources, options.beforeSend, failed)
			: runDatagram(request, resources, options.beforeSend, quietMs, failed);
	// A run stopped by the timeout may still fail later, on its closed sockets.
	run.catch(() => {});
	try {
		const reads = await Promise.race([run, failed]);
		const elapsedMs = Math.round((performance.now() - start) * 1000) / 1000;
		const notes = kernelRunNotes({
			type: request.type,
			readSize: request.readSize,
			messages: request.messages.length,
			emptyMessages: request.messages.filter((message) => message === '').length,
			arrived: reads.length,
			quietMs,
			truncated: reads.filter((read) => read.truncated).length
		});
		return { type: request.type, readSize: request.readSize, reads, notes, elapsedMs };
	} finally {
		clearTimeout(timer);
		await resources.closeAll();
	}
}

/** True when `url` names the endpoint, at the root or under `basePath`, ignoring the query. */
export function matchLabPath(url: string | undefined, basePath = '/'): boolean {
	if (!url) return false;
	let path = url.split('?')[0];
	// Absolute-form request targets (RFC 9112 §3.2.2) carry the scheme and host too.
	if (/^[a-z][a-z0-9+.-]*:\/\//i.test(path)) {
		try {
			path = new URL(path).pathname;
		} catch {
			return false;
		}
	}
	const base = basePath.endsWith('/') ? basePath : basePath + '/';
	return path === '/' + SOCKET_LAB_PATH || path === base + SOCKET_LAB_PATH;
}

/** Everything `createSocketLab` can be told; every field has a default. */
export interface SocketLabOptions {
	/** A path prefix the endpoint is also served under, e.g. '/socket-explorer/'. */
	basePath?: string;
	/** Runs at once; more get 503. Default KERNEL_RUN_LIMITS.maxConcurrent. */
	maxConcurrent?: number;
	/** Per-run timeout. Default KERNEL_RUN_LIMITS.timeoutMs. */
	timeoutMs?: number;
	/** Largest request body in bytes. Default KERNEL_RUN_LIMITS.maxBodyBytes. */
	maxBodyBytes?: number;
	/** Datagram: how long to wait for missing datagrams. Default 250 ms. */
	quietMs?: number;
	/** Browser Origins allowed ('https://example.com'); others get 403. Default: any. */
	origins?: readonly string[];
	/** Default: nothing is logged. */
	logger?: SocketLabLogger;
	/** Held before each run's first send; tests use it to keep runs open. */
	beforeSend?: () => Promise<void> | void;
}

/** The endpoint, ready to be given requests. */
export interface SocketLab {
	/** Runs going on now. */
	readonly active: number;
	/** Answers the request if its path is the endpoint's and returns true; else returns false. */
	handle(req: IncomingMessage, res: ServerResponse): boolean;
	/** Refuses new runs with 503 and resolves once the running ones have finished. */
	close(): Promise<void>;
}

/** An HTTP refusal with its status, reason and extra headers. */
class Refusal {
	constructor(
		readonly status: number,
		readonly error: string,
		readonly headers: Record<string, string> = {},
		readonly field?: KernelRunField,
		readonly index?: number
	) {}
}

function sendJson(
	res: ServerResponse,
	status: number,
	body: unknown,
	headers: Record<string, string> = {}
): void {
	if (res.headersSent || res.destroyed) return;
	const text = JSON.stringify(body);
	res.writeHead(status, {
		'Content-Type': 'application/json; charset=utf-8',
		'Content-Length': String(Buffer.byteLength(text)),
		'Cache-Control': 'no-store',
		'X-Content-Type-Options': 'nosniff',
		...headers
	});
	res.end(text);
}

/** Reads the body up to `limit` bytes; a Refusal(413) beyond it. */
function readBody(req: IncomingMessage, limit: number): Promise<Buffer> {
	return new Promise((resolve, reject) => {
		const chunks: Buffer[] = [];
		let size = 0;
		const onData = (chunk: Buffer) => {
			size += chunk.length;
			if (size > limit) {
				cleanup();
				// Read and drop the rest, so the 413 is not lost to a reset.
				req.resume();
				reject(tooLarge(limit));
				return;
			}
			chunks.push(chunk);
		};
		const onEnd = () => {
			cleanup();
			resolve(Buffer.concat(chunks));
		};
		const onError = (error: Error) => {
			cleanup();
			reject(error);
		};
		const onAborted = () => onError(new Error('The client went away before the body arrived'));
		const cleanup = () => {
			req.off('data', onData);
			req.off('end', onEnd);
			req.off('error', onError);
			req.off('close', onClose);
		};
		const onClose = () => {
			if (!req.complete) onAborted();
		};
		req.on('data', onData);
		req.on('end', onEnd);
		req.on('error', onError);
		req.on('close', onClose);
	});
}

function tooLarge(limit: number): Refusal {
	return new Refusal(413, `The body is larger than ${limit} bytes.`, { Connection: 'close' });
}

/** A media type's name and charset parameter, lowercased; null when absent. */
function mediaType(header: string | undefined): { type: string; charset: string | null } | null {
	if (!header) return null;
	const [type, ...params] = header.split(';');
	let charset: string | null = null;
	for (const param of params) {
		const [name, value] = param.split('=');
		if (name?.trim().toLowerCase() === 'charset' && value !== undefined) {
			charset = value
				.trim()
				.replace(/^"(.*)"$/, '$1')
				.toLowerCase();
		}
	}
	return { type: type.trim().toLowerCase(), charset };
}

/** Creates the endpoint. */
export function createSocketLab(options: SocketLabOptions = {}): SocketLab {
	const basePath = options.basePath ?? '/';
	const maxConcurrent = options.maxConcurrent ?? KERNEL_RUN_LIMITS.maxConcurrent;
	const timeoutMs = options.timeoutMs ?? KERNEL_RUN_LIMITS.timeoutMs;
	const maxBodyBytes = options.maxBodyBytes ?? KERNEL_RUN_LIMITS.maxBodyBytes;
	const origins = new Set((options.origins ?? []).map((origin) => new URL(origin).origin));
	const logger = options.logger;
	let active = 0;
	let closed = false;
	const idleWaiters: (() => void)[] = [];

	const busy = () =>
		new Refusal(
			503,
			`The server is already running ${maxConcurrent} socket runs at once: try again in a moment.`,
			{ 'Retry-After': '1' }
		);

	async function serve(req: IncomingMessage, res: ServerResponse): Promise<void> {
		if (req.method !== 'POST') {
			throw new Refusal(405, `Use POST with a JSON body; ${req.method} is not allowed here.`, {
				Allow: 'POST'
			});
		}
		const origin = req.headers.origin;
		if (origins.size > 0 && origin !== undefined && !origins.has(origin)) {
			throw new Refusal(403, `Origin ${origin} may not use this endpoint.`);
		}
		const media = mediaType(req.headers['content-type']);
		if (media?.type !== 'application/json') {
			throw new Refusal(
				415,
				`The body must be JSON, sent with Content-Type: application/json, not ` +
					`${req.headers['content-type'] ? JSON.stringify(req.headers['content-type']) : 'no Content-Type'}.`,
				{ 'Accept-Post': 'application/json' }
			);
		}
		if (media.charset !== null && media.charset !== 'utf-8') {
			throw new Refusal(415, `JSON is UTF-8 (RFC 8259 §8.1), not charset=${media.charset}.`, {
				'Accept-Post': 'application/json'
			});
		}
		const declared = Number(req.headers['content-length']);
		if (Number.isFinite(declared) && declared > maxBodyBytes) throw tooLarge(maxBodyBytes);
		if (closed) throw new Refusal(503, 'The server is shutting down.');
		if (active >= maxConcurrent) throw busy();

		const raw = await readBody(req, maxBodyBytes);
		let text: string;
		try {
			text = new TextDecoder('utf-8', { fatal: true }).decode(raw);
		} catch {
			throw new Refusal(
				400,
				'The body is not valid UTF-8, which JSON must be (RFC 8259 §8.1).',
				{},
				'body'
			);
		}
		if (text.trim() === '') {
			throw new Refusal(
				400,
				'The body is empty: send a JSON object such as {"type":"stream","messages":["A","B"],"readSize":4}.',
				{},
				'body'
			);
		}
		let json: unknown;
		try {
			json = JSON.parse(text);
		} catch {
			throw new Refusal(400, describeJsonSyntaxError(findJsonSyntaxError(text)), {}, 'body');
		}
		const parsed = parseKernelRunRequest(json);
		if (!parsed.ok) throw new Refusal(400, parsed.error, {}, parsed.field, parsed.index);

		// Checked again: other runs may have started while this body arrived.
		if (closed) throw new Refusal(503, 'The server is shutting down.');
		if (active >= maxConcurrent) throw busy();
		active++;
		try {
			const { request } = parsed;
			const result = await runOnKernel(request, {
				timeoutMs,
				quietMs: options.quietMs,
				beforeSend: options.beforeSend
			});
			logger?.info(
				`socket-lab ${request.type}: ${request.messages.length} messages, ` +
					`readSize ${request.readSize}, ${result.reads.length} reads in ${result.elapsedMs} ms`
			);
			sendJson(res, 200, result);
		} finally {
			active--;
			if (active === 0) for (const wake of idleWaiters.splice(0)) wake();
		}
	}

	function handle(req: IncomingMessage, res: ServerResponse): boolean {
		if (!matchLabPath(req.url, basePath)) return false;
		serve(req, res).catch((error: unknown) => {
			if (error instanceof Refusal) {
				const body: Record<string, unknown> = { error: error.error };
				if (error.field) body.field = error.field;
				if (error.index !== undefined) body.index = error.index;
				sendJson(res, error.status, body, error.headers);
				return;
			}
			if (error instanceof KernelRunTimeout) {
				logger?.warn(`socket-lab: ${error.message}`);
				sendJson(res, 500, { error: error.message });
				return;
			}
			const message = error instanceof Error ? error.message : String(error);
			logger?.warn(`socket-lab failed: ${message}`);
			sendJson(res, 500, { error: `The run failed on the server: ${message}` });
		});
		return true;
	}

	return {
		get active() {
			return active;
		},
		handle,
		close() {
			closed = true;
			if (active === 0) return Promise.resolve();
			return new Promise((resolve) => idleWaiters.push(resolve));
		}
	};
}
