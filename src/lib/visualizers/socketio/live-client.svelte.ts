/**
 * The live Socket.IO client's state: one real socket.io-client connection (the library is
 * loaded with import() on the first connect, so it stays out of the page's own bundle), the log
 * of what socket.io-client's transports handed the browser and got back (reconstructed), each
 * polling HTTP request with its sizes, and, when the server is the project's own, its exact
 * record of the same session read from `<base>/socket.io-inspect`.
 */
import type { Socket } from 'socket.io-client';
import type { TransportChoice } from './address';
import {
	fromServerEntries,
	inspectUrl,
	parseServerUrl,
	utf8Length,
	type HttpExchange,
	type LogEntry,
	type ServerTarget
} from './live-log';
import { parseSocketIoInspectReport } from './inspect-report';

export type LiveStatus = 'idle' | 'loading' | 'connecting' | 'connected' | 'closed' | 'error';

/** How often the server's record is read while connected. */
const INSPECT_EVERY_MS = 700;

/** Most log lines kept per source, so a long session cannot grow the page without end. */
const MAX_LOG = 2000;

function toBytes(data: unknown): Uint8Array | undefined {
	if (data instanceof ArrayBuffer) return new Uint8Array(data);
	if (ArrayBuffer.isView(data))
		return new Uint8Array(data.buffer, data.byteOffset, data.byteLength);
	return undefined;
}

export class SocketIoLiveClient {
	url = $state('');
	transports = $state<TransportChoice>('both');
	upgrade = $state(true);
	/** The discovered project server's Socket.IO URL, whose exact record can be read. */
	localUrl = $state<string | null>(null);

	status = $state<LiveStatus>('idle');
	error = $state('');
	transport = $state('');
	sid = $state('');
	browserLog = $state<LogEntry[]>([]);
	serverLog = $state<LogEntry[]>([]);
	/** The server answered with a record for this session. */
	exact = $state(false);
	ticks = $state<{ n: number; of: number }[]>([]);

	#socket: Socket | undefined;
	#target: ServerTarget | undefined;
	#started = 0;
	#nextId = 1;
	#after = 0;
	#serverStart: number | undefined;
	#inspectTimer: ReturnType<typeof setTimeout> | undefined;
	#generation = 0;

	get connected(): boolean {
		return this.status === 'connected';
	}

	get busy(): boolean {
		return this.status === 'loading' || this.status === 'connecting' || this.status === 'connected';
	}

	/** Whether the URL names the project's own server, whose record can be asked for. */
	get canInspect(): boolean {
		if (!this.localUrl) return false;
		const here = parseServerUrl(this.localUrl);
		const there = parseServerUrl(this.url);
		return (
			'origin' in here &&
			'origin' in there &&
			here.origin === there.origin &&
			here.path === there.path
		);
	}

	#push(entry: Omit<LogEntry, 'id' | 'ms' | 'source'> & { source?: LogEntry['source'] }): void {
		const full: LogEntry = {
			source: 'browser',
			...entry,
			id: this.#nextId++,
			ms: performance.now() - this.#started
		};
		this.browserLog.push(full);
		if (this.browserLog.length > MAX_LOG)
			this.browserLog.splice(0, this.browserLog.length - MAX_LOG);
	}

	#record(direction: LogEntry['direction'], transport: LogEntry['transport'], data: unknown): void {
		const binary = toBytes(data);
		if (binary) {
			this.#push({ direction, transport, text: '', binary: binary.slice(), bytes: binary.length });
		} else if (typeof data === 'string') {
			this.#push({ direction, transport, text: data, bytes: utf8Length(data) });
		}
	}

	#http(exchange: HttpExchange): void {
		this.#push({
			source: 'http',
			direction: exchange.method === 'POST' ? 'to-server' : 'to-client',
			transport: 'polling',
			text: '',
			bytes: exchange.requestBytes + exchange.responseBytes,
			http: exchange
		});
	}

	async connect(): Promise<void> {
		if (this.busy) return;
		const target = parseServerUrl(this.url);
		if ('error' in target) {
			this.status = 'error';
			this.error = target.error;
			return;
		}
		const generation = ++this.#generation;
		this.#target = target;
		this.error = '';
		this.browserLog = [];
		this.serverLog = [];
		this.ticks = [];
		this.exact = false;
		this.sid = '';
		this.transport = '';
		this.#after = 0;
		this.#serverStart = undefined;
		this.status = 'loading';
		let library: typeof import('socket.io-client');
		try {
			library = await import('socket.io-client');
		} catch (error) {
			this.status = 'error';
			this.error = `socket.io-client did not load: ${(error as Error).message}`;
			return;
		}
		if (generation !== this.#generation) return;
		const { io, XHR, WebSocket: WebSocketTransport } = library;
		// eslint-disable-next-line @typescript-eslint/no-this-alias
		const client = this;
		const live = () => generation === client.#generation;

		type Request = {
			_method: string;
			_uri: string;
			_data: string | null;
			on(event: string, listener: (...args: unknown[]) => void): void;
		};
		class TappedPolling extends XHR {
			override onData(data: string) {
				if (live()) client.#record('to-client', 'polling', data);
				super.onData(data);
			}
			override doWrite(data: string, fn: () => void) {
				if (live()) client.#record('to-server', 'polling', data);
				super.doWrite(data, fn);
			}
			override request(opts: Record<string, unknown> = {}) {
				const request = super.request(opts) as unknown as Request;
				const opened = performance.now();
				let responseBytes = 0;
				const done = (status: number) => {
					if (!live()) return;
					const url = request._uri;
					const timing = performance.getEntriesByName(url, 'resource').at(-1) as
						PerformanceResourceTiming | undefined;
					client.#http({
						method: request._method,
						query: url.split('?')[1] ?? '',
						requestBytes: request._data === null ? 0 : utf8Length(request._data),
						responseBytes,
						status,
						durationMs: performance.now() - opened,
						...(timing && timing.transferSize > 0 ? { transferBytes: timing.transferSize } : {})
					});
				};
				request.on('data', (data) => {
					responseBytes = typeof data === 'string' ? utf8Length(data) : 0;
				});
				request.on('success', () => done(200));
				request.on('error', (status) => done(typeof status === 'number' ? status : 0));
				return request as unknown as ReturnType<InstanceType<typeof XHR>['request']>;
			}
		}
		class TappedWebSocket extends WebSocketTransport {
			override onData(data: unknown) {
				if (live()) client.#record('to-client', 'websocket', data);
				super.onData(data as string);
			}
			override doWrite(packet: unknown, data: unknown) {
				if (live()) client.#record('to-server', 'websocket', data);
				super.doWrite(packet as never, data as never);
			}
		}
		const transports =
			this.transports === 'polling'
				? [TappedPolling]
				: this.transports === 'websocket'
					? [TappedWebSocket]
					: [TappedPolling, TappedWebSocket];
		this.#started = performance.now();
		this.status = 'connecting';
		const socket = io(target.origin, {
			path: target.path,
			transports,
			upgrade: this.upgrade,
			forceNew: true,
			reconnection: false,
			// Chrome keeps ArrayBuffers; the log wants bytes either way.
			autoConnect: true
		});
		this.#socket = socket;
		socket.io.on('open', () => {
			if (!live()) return;
			const engine = socket.io.engine;
			this.sid = engine.id ?? '';
			this.transport = engine.transport.name;
			engine.on('upgrade', (transport) => {
				if (live()) this.transport = transport.name;
			});
			if (this.canInspect) this.#inspectSoon(0);
		});
		socket.on('connect', () => {
			if (live()) this.status = 'connected';
		});
		socket.on('connect_error', (error) => {
			if (!live()) return;
			this.status = 'error';
			this.error = error.message;
			this.#inspectSoon(INSPECT_EVERY_MS);
		});
		socket.on('disconnect', (reason) => {
			if (!live()) return;
			this.status = 'closed';
			this.error = reason;
			// One more read after the end, for the last packets.
			this.#inspectSoon(INSPECT_EVERY_MS);
		});
		socket.on('tick', (tick: { n: number; of: number }) => {
			if (live()) this.ticks.push({ n: tick.n, of: tick.of });
		});
	}

	#inspectSoon(delay: number): void {
		if (!this.canInspect || !this.sid) return;
		clearTimeout(this.#inspectTimer);
		const generation = this.#generation;
		this.#inspectTimer = setTimeout(() => void this.#inspect(generation), delay);
	}

	async #inspect(generation: number): Promise<void> {
		const target = this.#target;
		if (!target || generation !== this.#generation) return;
		try {
			const response = await fetch(inspectUrl(target, this.sid, this.#after), {
				cache: 'no-store'
			});
			const report = response.ok ? parseSocketIoInspectReport(await response.json()) : null;
			if (generation !== this.#generation) return;
			if (report) {
				this.exact = true;
				if (report.entries.length > 0) {
					this.#serverStart ??= report.entries[0].at;
					const entries = fromServerEntries(report.entries, this.#nextId, this.#serverStart);
					this.#nextId += entries.length;
					this.serverLog.push(...entries);
					if (this.serverLog.length > MAX_LOG)
						this.serverLog.splice(0, this.serverLog.length - MAX_LOG);
				}
				this.#after = report.next;
			}
		} catch {
			// The record is a bonus: the browser's log goes on without it.
		}
		if (generation === this.#generation && this.status === 'connected') {
			this.#inspectSoon(INSPECT_EVERY_MS);
		}
	}

	/** Emits `echo` with the text (and 4 bytes when `binary`), asking for an ack when `ack`. */
	sendEcho(text: string, ack: boolean, binary: boolean): void {
		const socket = this.#socket;
		if (!socket || !this.connected) return;
		const args: unknown[] = [text];
		if (binary) args.push(new Uint8Array([1, 2, 3, 4]));
		if (ack) socket.emit('echo', ...args, () => this.#inspectSoon(100));
		else socket.emit('echo', ...args);
		this.#inspectSoon(300);
	}

	/** Asks the server for `count` ticks, one a second. */
	startTicks(count: number): void {
		const socket = this.#socket;
		if (!socket || !this.connected) return;
		this.ticks = [];
		socket.emit('ticks', count, () => this.#inspectSoon(100));
	}

	disconnect(): void {
		this.#socket?.disconnect();
	}

	/** Stops everything (the component is going away). */
	destroy(): void {
		this.#socket?.disconnect();
		this.#socket = undefined;
		this.#generation++;
		clearTimeout(this.#inspectTimer);
	}
}
