import { createServer, request, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import {
	io as connect,
	type Socket as ClientSocket,
	type ManagerOptions,
	type SocketOptions
} from 'socket.io-client';
import { afterEach, describe, expect, it } from 'vitest';
import { WebSocketServer } from 'ws';
import {
	parseSocketIoInspectReport,
	type SocketIoInspectReport
} from '../lib/visualizers/socketio/inspect-report.js';
import { createEchoServer, silentLogger } from './server.js';
import { previewServerWithEcho } from './vite-testing.js';
import { openClient } from './testing.js';
import {
	attachSocketIo,
	matchSocketIoPath,
	type SocketIoOptions,
	type SocketIoServer
} from './socketio.js';

const cleanups: (() => Promise<void> | void)[] = [];

afterEach(async () => {
	for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

interface Running {
	server: Server;
	socketIo: SocketIoServer;
	url: string;
	port: number;
}

/** An http.Server answering 'page' to anything else, with the Socket.IO server attached. */
async function start(options: SocketIoOptions = {}): Promise<Running> {
	const server = createServer((_, res) => res.end('page'));
	const socketIo = attachSocketIo(server, { logger: silentLogger, ...options });
	await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
	cleanups.push(async () => {
		await socketIo.close();
		await new Promise<void>((resolve) => {
			server.closeAllConnections();
			server.close(() => resolve());
		});
	});
	const port = (server.address() as AddressInfo).port;
	return { server, socketIo, port, url: `http://127.0.0.1:${port}` };
}

function client(url: string, options: Partial<ManagerOptions & SocketOptions> = {}): ClientSocket {
	const socket = connect(url, { forceNew: true, reconnection: false, ...options });
	cleanups.push(() => void socket.disconnect());
	return socket;
}

function connected(socket: ClientSocket): Promise<void> {
	return new Promise((resolve, reject) => {
		if (socket.connected) return resolve();
		socket.once('connect', () => resolve());
		socket.once('connect_error', reject);
	});
}

function refused(
	socket: ClientSocket
): Promise<Error & { description?: unknown; context?: unknown }> {
	return new Promise((resolve, reject) => {
		socket.once('connect', () => reject(new Error('connected, expected a refusal')));
		socket.once('connect_error', resolve);
	});
}

/** Emits `echo` with an acknowledgement; resolves with every argument the ack carried. */
function echoed(socket: ClientSocket, ...args: unknown[]): Promise<unknown[]> {
	return new Promise((resolve) =>
		socket.emit('echo', ...args, (...answer: unknown[]) => resolve(answer))
	);
}

/** Resolves when the client's Engine.IO connection has switched to WebSocket (call it first). */
function upgradeOf(socket: ClientSocket): Promise<void> {
	return new Promise((resolve) =>
		socket.io.on('open', () => socket.io.engine.once('upgrade', () => resolve()))
	);
}

/** The Engine.IO session id of a connected client. */
function sid(socket: ClientSocket): string {
	return socket.io.engine.id;
}

async function inspect(url: string, sidValue: string, after = 0): Promise<SocketIoInspectReport> {
	const response = await fetch(
		`${url}/socket.io-inspect?sid=${encodeURIComponent(sidValue)}&after=${after}`
	);
	expect(response.status).toBe(200);
	const report = parseSocketIoInspectReport(await response.json());
	if (!report) throw new Error('not a report');
	return report;
}

/** The record as 'direction transport text' lines, for comparing with the protocol's traces. */
function lines(report: SocketIoInspectReport): string[] {
	return report.entries.map(
		(entry) =>
			`${entry.direction} ${entry.transport}${entry.http ? ' ' + entry.http : ''} ` +
			(entry.binary ? `binary ${entry.base64}` : entry.text)
	);
}

/** Waits until the inspect record holds `count` entries (the client's answer may be in flight). */
async function inspectUntil(
	url: string,
	sidValue: string,
	done: (report: SocketIoInspectReport) => boolean
): Promise<SocketIoInspectReport> {
	for (let attempt = 0; attempt < 200; attempt++) {
		const report = await inspect(url, sidValue);
		if (done(report)) return report;
		await new Promise((resolve) => setTimeout(resolve, 10));
	}
	throw new Error('the record never got there');
}

/** A raw GET, so tests can send any Origin header. */
function get(
	url: string,
	headers: Record<string, string> = {}
): Promise<{ status: number; body: string }> {
	return new Promise((resolve, reject) => {
		const req = request(url, { headers }, (res) => {
			let body = '';
			res.on('data', (chunk: Buffer) => (body += chunk.toString()));
			res.on('end', () => resolve({ status: res.statusCode ?? 0, body }));
		});
		req.on('error', reject);
		req.end();
	});
}

describe('matchSocketIoPath', () => {
	it('names the Engine.IO path and the inspect path, at the root and under the base', () => {
		expect(matchSocketIoPath('/socket.io/?EIO=4&transport=polling')).toBe('socket.io');
		expect(matchSocketIoPath('/socket.io-inspect?sid=x')).toBe('inspect');
		expect(matchSocketIoPath('/x/socket.io/?EIO=4', '/x/')).toBe('socket.io');
		expect(matchSocketIoPath('/socket.io/', '/x/')).toBe('socket.io');
		expect(matchSocketIoPath('/socket.io')).toBeNull();
		expect(matchSocketIoPath('/echo')).toBeNull();
		expect(matchSocketIoPath('/y/socket.io/', '/x/')).toBeNull();
	});
});

describe('the Socket.IO server', () => {
	it('over polling only: opens with 0{"sid":…} offering websocket, connects with 40, and acknowledges an echo', async () => {
		const { url } = await start();
		const socket = client(url, { transports: ['polling'] });
		await connected(socket);
		const answer = await echoed(socket, 'hello', { n: 1 });
		expect(answer).toEqual(['hello', { n: 1 }]);
		const report = await inspect(url, sid(socket));
		const record = lines(report);
		// Engine.IO v4 handshake (facts N2): the open packet answers the first GET.
		expect(record[0]).toMatch(
			/^sent polling GET 0\{"sid":"[^"]+","upgrades":\["websocket"\],"pingInterval":25000,"pingTimeout":20000,"maxPayload":1048576\}$/
		);
		expect(JSON.parse(report.entries[0].text!.slice(1)).sid).toBe(sid(socket));
		// Socket.IO v5: an explicit CONNECT to '/', answered with the socket's own sid (N10).
		expect(record).toContain('received polling POST 40');
		expect(record.some((line) => /^sent polling GET 40\{"sid":"[^"]+"\}$/.test(line))).toBe(true);
		// EVENT with ack id 0, then ACK 0 (N9).
		expect(record).toContain('received polling POST 420["echo","hello",{"n":1}]');
		expect(record).toContain('sent polling GET 430["hello",{"n":1}]');
		expect(report.entries.every((entry) => entry.transport === 'polling')).toBe(true);
		expect(report.entries[0].bytes).toBe(Buffer.byteLength(report.entries[0].text!));
	});

	it('over WebSocket only: the open packet offers no upgrade, and each packet is one message', async () => {
		const { url } = await start();
		const socket = client(url, { transports: ['websocket'] });
		await connected(socket);
		expect(await echoed(socket, 'é')).toEqual(['é']);
		const record = lines(await inspect(url, sid(socket)));
		expect(record[0]).toMatch(/^sent websocket 0\{"sid":"[^"]+","upgrades":\[\],/);
		expect(record[1]).toBe('received websocket 40');
		expect(record[2]).toMatch(/^sent websocket 40\{"sid":"[^"]+"\}$/);
		expect(record).toContain('received websocket 420["echo","é"]');
		expect(record).toContain('sent websocket 430["é"]');
	});

	it('upgrades polling to WebSocket: the client sends 2probe, the server answers 3probe, the client sends 5', async () => {
		const { url } = await start();
		const socket = client(url);
		const upgraded = upgradeOf(socket);
		await connected(socket);
		await upgraded;
		// Facts N6 and N13: the probe goes client → server, over the new WebSocket.
		const report = await inspectUntil(url, sid(socket), (r) =>
			lines(r).includes('received websocket 5')
		);
		const record = lines(report);
		const probe = record.indexOf('received websocket 2probe');
		const answer = record.indexOf('sent websocket 3probe');
		const upgrade = record.indexOf('received websocket 5');
		expect(probe).toBeGreaterThan(0);
		expect(answer).toBeGreaterThan(probe);
		expect(upgrade).toBeGreaterThan(answer);
		// A GET still pending when the probe came is answered with a noop (6); none before it.
		expect(record.slice(0, probe)).not.toContain('sent polling GET 6');
		expect(socket.io.engine.transport.name).toBe('websocket');
		expect(await echoed(socket, 'after')).toEqual(['after']);
	});

	it('acknowledges binary attachments as binary, over WebSocket and over polling', async () => {
		const { url } = await start();
		for (const transports of [['websocket'], ['polling']] as const) {
			const socket = client(url, { transports: [...transports] });
			await connected(socket);
			const [text, bytes] = (await echoed(socket, 'file', Buffer.from([1, 2, 3]))) as [
				string,
				Buffer
			];
			expect(text).toBe('file');
			expect([...new Uint8Array(bytes)]).toEqual([1, 2, 3]);
			const record = lines(await inspect(url, sid(socket)));
			const event = '451-0["echo","file",{"_placeholder":true,"num":0}]';
			const ack = '461-0["file",{"_placeholder":true,"num":0}]';
			if (transports[0] === 'websocket') {
				// Each attachment is its own binary message, as-is (facts N5).
				expect(record).toContain(`received websocket ${event}`);
				expect(record).toContain('received websocket binary AQID');
				expect(record).toContain(`sent websocket ${ack}`);
				expect(record).toContain('sent websocket binary AQID');
			} else {
				// Polling: the attachment is b + base64 (facts N5), in the same body after \x1e or,
				// when the client flushed the event alone, in the next one.
				const joined = record.join('\n').replaceAll('\x1e', '\n');
				expect(joined).toMatch(
					/POST 451-0\["echo","file",\{"_placeholder":true,"num":0\}\]\n(received polling POST )?bAQID/
				);
				expect(joined).toMatch(
					/GET 461-0\["file",\{"_placeholder":true,"num":0\}\]\n(sent polling GET )?bAQID/
				);
			}
			socket.disconnect();
		}
	});

	it('pings from the server (2) and gets the client’s pong (3), as Engine.IO v4 has it (facts N4)', async () => {
		const { url } = await start({ limits: { pingIntervalMs: 20, pingTimeoutMs: 1000 } });
		const socket = client(url, { transports: ['websocket'] });
		await connected(socket);
		const report = await inspectUntil(url, sid(socket), (r) =>
			lines(r).includes('received websocket 3')
		);
		const record = lines(report);
		expect(record[0]).toContain('"pingInterval":20,"pingTimeout":1000');
		expect(record.indexOf('sent websocket 2')).toBeLessThan(record.indexOf('received websocket 3'));
		expect(record).not.toContain('received websocket 2');
	});

	it('answers an echo sent without an acknowledgement with an echo event', async () => {
		const { url } = await start();
		const socket = client(url, { transports: ['websocket'] });
		await connected(socket);
		const echoed = new Promise<unknown[]>((resolve) =>
			socket.once('echo', (...args) => resolve(args))
		);
		socket.emit('echo', 'no ack', 7);
		expect(await echoed).toEqual(['no ack', 7]);
		expect(lines(await inspect(url, sid(socket)))).toContain(
			'sent websocket 42["echo","no ack",7]'
		);
	});

	it('pushes exactly the ticks asked for, then stops; refuses a count above the bound', async () => {
		const { url } = await start({ limits: { tickIntervalMs: 5, maxTicks: 4 } });
		const socket = client(url, { transports: ['websocket'] });
		await connected(socket);
		const ticks: { n: number; of: number }[] = [];
		socket.on('tick', (tick) => ticks.push(tick));
		expect(await socket.emitWithAck('ticks', 5)).toEqual({
			error: 'count must be a whole number from 1 to 4'
		});
		expect(await socket.emitWithAck('ticks', 3)).toEqual({ count: 3, intervalMs: 5 });
		await new Promise<void>((resolve) => socket.on('tick', (tick) => tick.n === 3 && resolve()));
		// Ten more intervals: a fourth tick would have come by now.
		await new Promise((resolve) => setTimeout(resolve, 50));
		expect(ticks.map((tick) => [tick.n, tick.of])).toEqual([
			[1, 3],
			[2, 3],
			[3, 3]
		]);
	});

	it('ends a session whose message is over the payload cap, on both transports', async () => {
		const { url, socketIo } = await start({ limits: { maxPayloadBytes: 1000 } });
		for (const transports of [['websocket'], ['polling']] as const) {
			const socket = client(url, { transports: [...transports] });
			await connected(socket);
			expect(socket.io.engine.transport.name).toBe(transports[0]);
			const gone = new Promise<string>((resolve) => socket.once('disconnect', resolve));
			socket.emit('echo', 'x'.repeat(2000), () => {});
			expect(await gone).toMatch(/^transport (close|error)$/);
		}
		expect(socketIo.limits.maxPayloadBytes).toBe(1000);
	});

	it('refuses a handshake over the connection cap with the reason', async () => {
		const { url } = await start({ limits: { maxConnections: 1 } });
		const first = client(url, { transports: ['websocket'] });
		await connected(first);
		const response = await get(`${url}/socket.io/?EIO=4&transport=polling`);
		expect(response.status).toBe(403);
		expect(JSON.parse(response.body)).toEqual({
			code: 4,
			message: 'Too many connections (at most 1)'
		});
		const second = client(url, { transports: ['websocket'] });
		await refused(second);
	});

	it('refuses an Origin not on the allowlist, over polling and WebSocket, and accepts a listed one', async () => {
		const { url } = await start({ origins: ['https://allowed.example'] });
		const response = await get(`${url}/socket.io/?EIO=4&transport=polling`, {
			Origin: 'https://evil.example'
		});
		expect(response.status).toBe(403);
		expect(JSON.parse(response.body).message).toBe('Origin https://evil.example is not allowed');
		const evil = client(url, {
			transports: ['websocket'],
			extraHeaders: { Origin: 'https://evil.example' }
		});
		await refused(evil);
		const good = client(url, {
			transports: ['polling'],
			extraHeaders: { Origin: 'https://allowed.example' }
		});
		await connected(good);
		expect(await echoed(good, 1)).toEqual([1]);
		const inspected = await get(`${url}/socket.io-inspect?sid=${sid(good)}`, {
			Origin: 'https://evil.example'
		});
		expect(inspected.status).toBe(403);
	});

	it('answers the inspect endpoint with located errors, and bounds each entry and each session', async () => {
		const { url } = await start({ limits: { maxEntriesPerSession: 4, maxEntryBytes: 10 } });
		expect((await get(`${url}/socket.io-inspect`)).status).toBe(400);
		expect((await get(`${url}/socket.io-inspect?sid=nope`)).status).toBe(404);
		expect((await get(`${url}/socket.io-inspect?sid=x&after=-1`)).status).toBe(400);
		const socket = client(url, { transports: ['websocket'] });
		await connected(socket);
		for (let i = 0; i < 3; i++) await echoed(socket, 'a long enough text');
		const report = await inspect(url, sid(socket));
		expect(report.entries.length).toBe(4);
		expect(report.dropped).toBe(report.next - 4);
		expect(report.entries.map((entry) => entry.seq)).toEqual([
			report.next - 4,
			report.next - 3,
			report.next - 2,
			report.next - 1
		]);
		const last = report.entries.at(-1)!;
		expect(last.text).toBe('432["a lon');
		expect(last.truncated).toBe(true);
		expect(last.bytes).toBe(Buffer.byteLength('432["a long enough text"]'));
		// after= returns only what is new.
		expect((await inspect(url, sid(socket), report.next)).entries).toEqual([]);
	});

	it('keeps a closed session readable, marked closed', async () => {
		const { url, socketIo } = await start();
		const socket = client(url, { transports: ['websocket'] });
		await connected(socket);
		const id = sid(socket);
		socket.disconnect();
		const report = await inspectUntil(url, id, (r) => !r.open);
		expect(lines(report)).toContain('received websocket 41');
		expect(socketIo.connections).toBe(0);
	});

	it('leaves other upgrades and requests to their own listeners: HMR, /echo, /inspect', async () => {
		const { server, url, port } = await start();
		const hmr = new WebSocketServer({ noServer: true });
		hmr.on('connection', (ws) => ws.send('hmr connected'));
		server.on('upgrade', (req, socket, head) => {
			if (req.url === '/' && req.headers['sec-websocket-protocol'] === 'vite-hmr')
				hmr.handleUpgrade(req, socket, head, (ws) => hmr.emit('connection', ws, req));
		});
		const echo = createEchoServer({ logger: silentLogger, socketLab: false, socketIo: false });
		echo.attach(server);
		cleanups.push(() => {
			hmr.close();
			return echo.close();
		});
		const socket = client(url);
		const upgraded = upgradeOf(socket);
		await connected(socket);
		await upgraded;
		const viteHmr = await openClient(`ws://127.0.0.1:${port}/`, ['vite-hmr']);
		expect((await viteHmr.received(1))[0].text).toBe('hmr connected');
		for (const path of ['echo', 'inspect']) {
			const ws = await openClient(`ws://127.0.0.1:${port}/${path}?deflate=0`);
			ws.ws.send('still here');
			const messages = await ws.received(path === 'echo' ? 1 : 3);
			expect(messages.at(-1)!.text).toBe('still here');
			ws.ws.close();
		}
		viteHmr.ws.close();
		expect((await get(`${url}/anything`)).body).toBe('page');
		expect(await echoed(socket, 'ok')).toEqual(['ok']);
	});

	it('gives the request listeners back when detached', async () => {
		const { url, socketIo, server } = await start();
		const before = server.listeners('request').length;
		await socketIo.close();
		expect(server.listeners('request').length).toBe(before);
		expect((await get(`${url}/socket.io/?EIO=4&transport=polling`)).body).toBe('page');
	});
});

describe("the Socket.IO server on the project's servers", () => {
	it('is on the standalone echo server under its base path, listed on its page, and closes with it', async () => {
		const echo = createEchoServer({ port: 0, basePath: '/x/', logger: silentLogger });
		cleanups.push(() => echo.close());
		const address = await echo.listen();
		expect(address.socketIo).toBe(`http://127.0.0.1:${address.port}/x/socket.io/`);
		const page = await get(address.url);
		expect(page.body).toContain(`http://127.0.0.1:${address.port}/x/socket.io/`);
		expect(page.body).toContain('/x/socket.io-inspect?sid=SID&after=N');
		const origin = `http://127.0.0.1:${address.port}`;
		const socket = client(origin, { path: '/x/socket.io/' });
		const upgraded = upgradeOf(socket);
		await connected(socket);
		await upgraded;
		expect(await echoed(socket, 'standalone')).toEqual(['standalone']);
		// The echo server's own endpoints still answer beside it.
		const ws = await openClient(`ws://127.0.0.1:${address.port}/x/echo`);
		ws.ws.send('echo too');
		expect((await ws.received(1))[0].text).toBe('echo too');
		ws.ws.close();
		expect(lines(await inspect(`${origin}/x`, sid(socket)))).toContain('received websocket 2probe');
		const gone = new Promise<string>((resolve) => socket.once('disconnect', resolve));
		await echo.close();
		expect(await gone).toMatch(/^(transport close|io server disconnect)$/);
	});

	it('is on vite preview with the plugin, marked in Server-Timing, beside the built page', async () => {
		const { origin, close } = await previewServerWithEcho();
		cleanups.push(close);
		const page = await fetch(`${origin}/`);
		expect(page.status).toBe(200);
		expect(page.headers.get('server-timing')).toContain(
			'socket-explorer-socketio;desc="/socket.io/"'
		);
		const socket = client(origin);
		const upgraded = upgradeOf(socket);
		await connected(socket);
		await upgraded;
		expect(await echoed(socket, 'previewed')).toEqual(['previewed']);
		expect(lines(await inspect(origin, sid(socket)))[0]).toMatch(/^sent polling GET 0\{"sid"/);
	});
});
