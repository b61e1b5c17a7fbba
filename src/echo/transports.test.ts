import { createServer, get, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { WebSocket } from 'ws';
import {
	createTransports,
	matchTransportsPath,
	type TransportsClock,
	type TransportsEndpoints,
	type TransportsOptions
} from './transports.js';
import { openClient, rawConnect, upgradeRequest, type TestClient } from './testing.js';
import { createEchoServer, silentLogger, type EchoServer } from './server.js';
import { devServerWithEcho, previewServerWithEcho } from './vite-testing.js';
import { localTransportsUrl } from '../lib/visualizers/echo-client/local-echo.js';

/** A clock that moves only when a test says so; due timers run in time order. */
class ManualClock implements TransportsClock {
	time = 1_700_000_000_000;
	private nextHandle = 1;
	private readonly timers = new Map<number, { at: number; callback: () => void }>();
	now = () => this.time;
	setTimeout = (callback: () => void, ms: number) => {
		const handle = this.nextHandle++;
		this.timers.set(handle, { at: this.time + ms, callback });
		return handle;
	};
	clearTimeout = (handle: unknown) => {
		this.timers.delete(handle as number);
	};
	/** Moves time forward by `ms`, running each timer at its own time. */
	advance(ms: number): void {
		const end = this.time + ms;
		for (;;) {
			let first: [number, { at: number; callback: () => void }] | undefined;
			for (const entry of this.timers) if (!first || entry[1].at < first[1].at) first = entry;
			if (!first || first[1].at > end) break;
			this.timers.delete(first[0]);
			this.time = Math.max(this.time, first[1].at);
			first[1].callback();
		}
		this.time = end;
	}
}

interface Running {
	transports: TransportsEndpoints;
	clock: ManualClock;
	base: string;
	ws: string;
	port: number;
}

const servers: Server[] = [];
const cleanups: (() => Promise<unknown> | void)[] = [];
const endpoints: TransportsEndpoints[] = [];
const sockets: WebSocket[] = [];

afterEach(async () => {
	for (const ws of sockets.splice(0)) ws.terminate();
	for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
	await Promise.all(endpoints.splice(0).map((transports) => transports.close()));
	await Promise.all(
		servers.splice(0).map(
			(server) =>
				new Promise<void>((resolve) => {
					server.close(() => resolve());
					server.closeAllConnections();
				})
		)
	);
});

/** The endpoints on a plain HTTP server on 127.0.0.1, with a hand-stepped clock. */
async function start(options: TransportsOptions = {}): Promise<Running> {
	const clock = new ManualClock();
	const transports = createTransports({ clock, ...options });
	const server = createServer((req, res) => {
		if (!transports.handle(req, res)) {
			res.writeHead(404);
			res.end();
		}
	});
	server.on('upgrade', (req, socket, head) => {
		if (!transports.handleUpgrade(req, socket, head)) socket.destroy();
	});
	servers.push(server);
	endpoints.push(transports);
	await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
	const { port } = server.address() as AddressInfo;
	const prefix = (options.basePath ?? '/') + 'transports/';
	return {
		transports,
		clock,
		port,
		base: `http://127.0.0.1:${port}${prefix}`,
		ws: `ws://127.0.0.1:${port}${prefix}ws`
	};
}

interface Answer {
	status: number;
	headers: IncomingMessage['headers'];
	body: string;
}

/** One GET, read to the end. */
function fetchText(url: string, headers: Record<string, string> = {}): Promise<Answer> {
	return new Promise((resolve, reject) => {
		const req = get(url, { headers, agent: false }, (res) => {
			let body = '';
			res.setEncoding('utf8');
			res.on('data', (chunk: string) => (body += chunk));
			res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body }));
		});
		req.on('error', reject);
	});
}

/** Waits, turn by turn, until `condition` holds (the test's timeout is the only limit). */
async function until(condition: () => boolean): Promise<void> {
	while (!condition()) await new Promise((resolve) => setTimeout(resolve, 2));
}

/** An open event stream, read as text as it arrives. */
interface SseReader {
	text(): string;
	status: number;
	headers: IncomingMessage['headers'];
	/** The `data:` of each event block, parsed, with its id and type. */
	events(): { id?: string; type: string; data: unknown }[];
	close(): void;
	ended: Promise<void>;
}

function openSse(url: string, headers: Record<string, string> = {}): Promise<SseReader> {
	return new Promise((resolve, reject) => {
		const req = get(url, { headers, agent: false }, (res) => {
			let text = '';
			res.setEncoding('utf8');
			res.on('data', (chunk: string) => (text += chunk));
			const ended = new Promise<void>((done) => res.on('close', () => done()));
			resolve({
				status: res.statusCode ?? 0,
				headers: res.headers,
				text: () => text,
				events: () =>
					text
						.split('\n\n')
						.slice(0, -1)
						.map((block) => {
							const lines = block.split('\n');
							const field = (name: string) =>
								lines.find((line) => line.startsWith(name + ': '))?.slice(name.length + 2);
							const data = field('data');
							return {
								id: field('id'),
								type: field('event') ?? 'message',
								data: data && JSON.parse(data)
							};
						})
						.filter((event) => event.data !== undefined),
				close: () => req.destroy(),
				ended
			});
		});
		req.on('error', reject);
	});
}

async function socket(url: string): Promise<TestClient> {
	const client = await openClient(url);
	sockets.push(client.ws);
	return client;
}

const json = (answer: Answer) => JSON.parse(answer.body);
const ids = (events: { id: number }[]) => events.map((event) => event.id);

describe('matchTransportsPath', () => {
	it('names the four endpoints at the root and under the base path, and nothing else', () => {
		expect(matchTransportsPath('/transports/poll?stream=a&rate=1')).toBe('poll');
		expect(matchTransportsPath('/transports/long-poll')).toBe('long-poll');
		expect(matchTransportsPath('/x/transports/sse', '/x/')).toBe('sse');
		expect(matchTransportsPath('/transports/ws', '/x/')).toBe('ws');
		expect(matchTransportsPath('/transports/other')).toBeNull();
		expect(matchTransportsPath('/transports/poll/')).toBeNull();
		expect(matchTransportsPath('/y/transports/poll', '/x/')).toBeNull();
	});
});

describe('GET /transports/poll', () => {
	it('answers at once with the events after since, the next since and the server time', async () => {
		const { base, clock } = await start();
		// The first request creates the stream: event k falls due k / rate seconds later.
		const first = json(await fetchText(`${base}poll?stream=a&rate=10`));
		expect(first).toEqual({ events: [], next: 0, serverTime: clock.time });
		clock.advance(300);
		const answer = await fetchText(`${base}poll?stream=a&rate=10&since=0`);
		expect(answer.status).toBe(200);
		expect(answer.headers['content-type']).toBe('application/json; charset=utf-8');
		expect(answer.headers['cache-control']).toBe('no-store');
		const body = json(answer);
		expect(body.events).toEqual([
			{ id: 1, data: 'event 1.........', sentAt: clock.time - 200 },
			{ id: 2, data: 'event 2.........', sentAt: clock.time - 100 },
			{ id: 3, data: 'event 3.........', sentAt: clock.time }
		]);
		expect(body.next).toBe(3);
		expect(
			json(await fetchText(`${base}poll?stream=a&rate=10&since=2`)).events.map(
				(e: { id: number }) => e.id
			)
		).toEqual([3]);
		// Without since: from now on, so nothing, and next is the newest id.
		expect(json(await fetchText(`${base}poll?stream=a&rate=10`))).toMatchObject({
			events: [],
			next: 3
		});
		expect(json(await fetchText(`${base}poll?stream=a&rate=10&since=3`))).toMatchObject({
			events: [],
			next: 3
		});
	});

	it('makes an event size= bytes long', async () => {
		const { base, clock } = await start();
		await fetchText(`${base}poll?stream=big&rate=1&size=100`);
		clock.advance(1000);
		const [event] = json(await fetchText(`${base}poll?stream=big&rate=1&size=100&since=0`)).events;
		expect(event.data).toHaveLength(100);
	});

	it('says when history no longer reaches back to since, and keeps only historySize events', async () => {
		const { base, clock } = await start({ historySize: 5 });
		await fetchText(`${base}poll?stream=a&rate=1`);
		clock.advance(20_000);
		const body = json(await fetchText(`${base}poll?stream=a&rate=1&since=3`));
		// Events 16 to 20 are kept; 4 to 15, twelve events, are gone.
		expect(ids(body.events)).toEqual([16, 17, 18, 19, 20]);
		expect(body.gap).toEqual({ since: 3, firstAvailable: 16, missed: 12 });
		expect(json(await fetchText(`${base}poll?stream=a&rate=1&since=15`)).gap).toBeUndefined();
	});
});

describe('GET /transports/long-poll', () => {
	it('holds the request until the next event, then answers with it', async () => {
		const { base, clock, transports } = await start();
		await fetchText(`${base}poll?stream=a&rate=2`);
		const pending = fetchText(`${base}long-poll?stream=a&rate=2&since=0`);
		await until(() => transports.held === 1);
		clock.advance(499);
		expect(transports.held).toBe(1);
		clock.advance(1);
		const body = json(await pending);
		expect(body.events).toEqual([{ id: 1, data: 'event 1.........', sentAt: clock.time }]);
		expect(body.next).toBe(1);
		expect(transports.held).toBe(0);
	});

	it('answers at once when an event newer than since exists', async () => {
		const { base, clock, transports } = await start();
		await fetchText(`${base}poll?stream=a&rate=2`);
		clock.advance(1000);
		expect(ids(json(await fetchText(`${base}long-poll?stream=a&rate=2&since=0`)).events)).toEqual([
			1, 2
		]);
		expect(transports.held).toBe(0);
	});

	it('answers 200 with an empty list when the timeout passes first', async () => {
		const { base, clock, transports } = await start();
		// At 0.1 events per second the first event is 10 s away.
		const pending = fetchText(`${base}long-poll?stream=slow&rate=0.1&timeout=5000`);
		await until(() => transports.held === 1);
		clock.advance(4999);
		expect(transports.held).toBe(1);
		clock.advance(1);
		const answer = await pending;
		expect(answer.status).toBe(200);
		expect(json(answer)).toEqual({ events: [], next: 0, serverTime: clock.time });
	});

	it('frees a held place when the client goes away', async () => {
		const { base, transports } = await start();
		const req = get(`${base}long-poll?stream=a&rate=1&since=0`, { agent: false });
		req.on('error', () => {});
		await until(() => transports.held === 1);
		req.destroy();
		await until(() => transports.held === 0);
		expect(transports.held).toBe(0);
	});

	it('holds hundreds of concurrent requests and answers every one with the same event', async () => {
		const { base, clock, transports } = await start({ maxHeldPerClient: 1000 });
		await fetchText(`${base}poll?stream=crowd&rate=1`);
		const count = 400;
		const pending = Array.from({ length: count }, () =>
			fetchText(`${base}long-poll?stream=crowd&rate=1&since=0`)
		);
		await until(() => transports.held === count);
		clock.advance(1000);
		const answers = await Promise.all(pending);
		expect(answers.every((answer) => answer.status === 200)).toBe(true);
		const bodies = answers.map(json);
		expect(new Set(bodies.map((body) => JSON.stringify(body.events))).size).toBe(1);
		expect(ids(bodies[0].events)).toEqual([1]);
		expect(transports.held).toBe(0);
	});
});

describe('GET /transports/sse', () => {
	it('opens with retry:, sends each event as id: and data: lines, and a comment as heartbeat', async () => {
		const { base, clock } = await start({ heartbeatMs: 15_000, retryMs: 2000 });
		const sse = await openSse(`${base}sse?stream=a&rate=1`);
		expect(sse.status).toBe(200);
		expect(sse.headers['content-type']).toBe('text/event-stream; charset=utf-8');
		expect(sse.headers['cache-control']).toBe('no-store');
		await until(() => sse.text().length > 0);
		expect(sse.text()).toBe('retry: 2000\n\n');
		clock.advance(1000);
		await until(() => sse.text().includes('id: 1\n'));
		const sentAt = clock.time;
		expect(sse.text()).toBe(
			'retry: 2000\n\n' + `id: 1\ndata: {"id":1,"data":"event 1.........","sentAt":${sentAt}}\n\n`
		);
		clock.advance(13_000);
		await until(() => sse.text().includes('id: 14\n'));
		expect(sse.text()).not.toMatch(/^:/m);
		// 15 s after the stream opened: a comment line, which EventSource ignores.
		clock.advance(1000);
		await until(() => sse.text().includes('id: 15\n'));
		expect(sse.text().match(/^:.*$/gm)).toEqual([': heartbeat']);
		sse.close();
	});

	it('resumes after Last-Event-ID with nothing lost and nothing repeated', async () => {
		const { base, clock } = await start();
		const first = await openSse(`${base}sse?stream=a&rate=10&since=0`);
		clock.advance(300);
		await until(() => first.events().length === 3);
		first.close();
		await first.ended;
		// Events 4 to 6 happen while the browser is away.
		clock.advance(300);
		const second = await openSse(`${base}sse?stream=a&rate=10&since=0`, { 'Last-Event-ID': '3' });
		await until(() => second.events().length === 3);
		clock.advance(100);
		await until(() => second.events().length === 4);
		const seen = [...first.events(), ...second.events()].map((event) => Number(event.id));
		expect(seen).toEqual([1, 2, 3, 4, 5, 6, 7]);
		second.close();
	});

	it('sends a gap event when history no longer reaches back to Last-Event-ID', async () => {
		const { base, clock } = await start({ historySize: 5 });
		await fetchText(`${base}poll?stream=a&rate=1`);
		clock.advance(20_000);
		const sse = await openSse(`${base}sse?stream=a&rate=1`, { 'Last-Event-ID': '3' });
		await until(() => sse.events().length === 6);
		const [gap, ...events] = sse.events();
		expect(gap).toEqual({
			id: undefined,
			type: 'gap',
			data: { since: 3, firstAvailable: 16, missed: 12 }
		});
		expect(events.map((event) => event.id)).toEqual(['16', '17', '18', '19', '20']);
		sse.close();
	});

	it('refuses a Last-Event-ID that is not an event id with 400', async () => {
		const { base } = await start();
		const answer = await fetchText(`${base}sse?stream=a&rate=1`, { 'Last-Event-ID': 'abc' });
		expect(answer.status).toBe(400);
		expect(answer.body).toMatch(/^Last-Event-ID must be/);
	});
});

describe('WebSocket /transports/ws', () => {
	it('sends the backlog after since, then each event as a JSON text message', async () => {
		const { base, ws, clock } = await start();
		await fetchText(`${base}poll?stream=a&rate=4`);
		clock.advance(500);
		const client = await socket(`${ws}?stream=a&rate=4&since=1`);
		await client.received(1);
		clock.advance(250);
		const messages = await client.received(2);
		expect(messages.every((message) => !message.isBinary)).toBe(true);
		expect(messages.map((message) => JSON.parse(message.text!))).toEqual([
			{ id: 2, data: 'event 2.........', sentAt: clock.time - 250 },
			{ id: 3, data: 'event 3.........', sentAt: clock.time }
		]);
	});

	it('refuses a bad query with 400 before the handshake, with the reason', async () => {
		const { ws } = await start();
		await expect(openClient(`${ws}?stream=a&rate=500`)).rejects.toMatchObject({ status: 400 });
		await expect(openClient(`${ws}?rate=1`)).rejects.toThrow(/stream= is required/);
	});

	it('answers a plain GET with 426', async () => {
		const { base } = await start();
		const answer = await fetchText(`${base}ws?stream=a&rate=1`);
		expect(answer.status).toBe(426);
		expect(answer.headers.upgrade).toBe('websocket');
	});
});

describe('one stream, four transports', () => {
	it('gives every transport the same ids, data and send times', async () => {
		const { base, ws, clock, transports } = await start();
		const query = 'stream=race&rate=20';
		await fetchText(`${base}poll?${query}`);
		const sse = await openSse(`${base}sse?${query}&since=0`);
		const client = await socket(`${ws}?${query}&since=0`);
		const longPolled: unknown[] = [];
		const longPoller = (async () => {
			for (let since = 0; since < 30;) {
				const body = json(await fetchText(`${base}long-poll?${query}&since=${since}`));
				longPolled.push(...body.events);
				since = body.next;
			}
		})();
		for (let step = 0; step < 30; step++) {
			// The SSE stream, the WebSocket and a long poll are all waiting for the next event.
			await until(() => transports.held === 3);
			clock.advance(50);
			await until(() => sse.events().length === step + 1 && client.messages.length === step + 1);
		}
		await longPoller;
		const polled = json(await fetchText(`${base}poll?${query}&since=0`)).events;
		const viaSse = sse.events().map((event) => event.data);
		const viaWs = client.messages.map((message) => JSON.parse(message.text!));
		expect(polled).toHaveLength(30);
		expect(viaSse).toEqual(polled);
		expect(viaWs).toEqual(polled);
		expect(longPolled).toEqual(polled);
		sse.close();
	});
});

describe('limits', () => {
	it.each([
		['poll?rate=1', 400, /^stream= is required/],
		['poll?stream=a', 400, /^rate must be .* \(it is required\)/],
		['poll?stream=a%20b&rate=1', 400, /^stream must be/],
		[`poll?stream=${'a'.repeat(65)}&rate=1`, 400, /^stream must be/],
		['poll?stream=a&rate=51', 400, /^rate must be events per second from 0.1 to 50/],
		['poll?stream=a&rate=0', 400, /^rate must be/],
		['poll?stream=a&rate=1e3', 400, /^rate must be/],
		['poll?stream=a&rate=1&since=-1', 400, /^since must be/],
		['poll?stream=a&rate=1&since=1.5', 400, /^since must be/],
		['poll?stream=a&rate=1&size=0', 400, /^size must be/],
		['poll?stream=a&rate=1&size=4097', 400, /^size must be/],
		['long-poll?stream=a&rate=1&timeout=60001', 400, /^timeout must be .* 0 to 60000/],
		['long-poll?stream=a&rate=1&timeout=ten', 400, /^timeout must be/],
		['sse?stream=a&rate=1&since=x', 400, /^since must be/]
	])('answers %s with %i and a plain-text reason', async (path, status, reason) => {
		const { base } = await start();
		const answer = await fetchText(base + path);
		expect(answer.status).toBe(status);
		expect(answer.headers['content-type']).toBe('text/plain; charset=utf-8');
		expect(answer.body).toMatch(reason);
	});

	it('refuses a since ahead of the stream, and other parameters for a running stream', async () => {
		const { base } = await start();
		await fetchText(`${base}poll?stream=a&rate=1`);
		const ahead = await fetchText(`${base}poll?stream=a&rate=1&since=5`);
		expect(ahead.status).toBe(400);
		expect(ahead.body).toMatch(/since=5 is ahead of stream a, whose newest event is 0/);
		const other = await fetchText(`${base}poll?stream=a&rate=2`);
		expect(other.status).toBe(400);
		expect(other.body).toMatch(/already runs at rate=1/);
	});

	it('caps held long polls, event streams and WebSockets per client address with 429', async () => {
		const { base, ws, transports } = await start({ maxHeldPerClient: 3 });
		const query = 'stream=a&rate=1';
		const polls = [0, 1].map(() => get(`${base}long-poll?${query}`, { agent: false }));
		for (const req of polls) req.on('error', () => {});
		const sse = await openSse(`${base}sse?${query}`);
		await until(() => transports.held === 3);
		const refused = await fetchText(`${base}long-poll?${query}`);
		expect(refused.status).toBe(429);
		expect(refused.body).toMatch(/^Too many held requests from 127\.0\.0\.1 \(at most 3/);
		expect((await fetchText(`${base}sse?${query}`)).status).toBe(429);
		await expect(openClient(`${ws}?${query}`)).rejects.toMatchObject({ status: 429 });
		// A poll is answered at once, so it is never held and never refused.
		expect((await fetchText(`${base}poll?${query}`)).status).toBe(200);
		sse.close();
		await until(() => transports.held === 2);
		const client = await socket(`${ws}?${query}`);
		expect(client.ws.readyState).toBe(WebSocket.OPEN);
		for (const req of polls) req.destroy();
	});

	it('caps the number of streams with 503', async () => {
		const { base } = await start({ maxStreams: 2 });
		expect((await fetchText(`${base}poll?stream=a&rate=1`)).status).toBe(200);
		expect((await fetchText(`${base}poll?stream=b&rate=1`)).status).toBe(200);
		const third = await fetchText(`${base}poll?stream=c&rate=1`);
		expect(third.status).toBe(503);
		expect(third.body).toMatch(/^Too many streams at once \(at most 2\)/);
	});

	it('collects a stream nobody used for idleMs, but not one somebody holds', async () => {
		const { base, clock, transports } = await start({ idleMs: 10_000 });
		await fetchText(`${base}poll?stream=idle&rate=1`);
		const sse = await openSse(`${base}sse?stream=held&rate=1`);
		await until(() => transports.held === 1);
		expect(transports.streams).toBe(2);
		clock.advance(11_000);
		expect(transports.streams).toBe(1);
		// Created again on next use, counting from 1.
		await fetchText(`${base}poll?stream=idle&rate=1`);
		clock.advance(1000);
		expect(ids(json(await fetchText(`${base}poll?stream=idle&rate=1&since=0`)).events)).toEqual([
			1
		]);
		sse.close();
	});

	it('refuses an Origin left out of the allowlist with 403 and lets an allowed one read', async () => {
		const { base, port } = await start({ origins: ['https://ok.example'] });
		const bad = await fetchText(`${base}poll?stream=a&rate=1`, { Origin: 'https://evil.example' });
		expect(bad.status).toBe(403);
		const good = await fetchText(`${base}poll?stream=a&rate=1`, { Origin: 'https://ok.example' });
		expect(good.status).toBe(200);
		expect(good.headers['access-control-allow-origin']).toBe('https://ok.example');
		const raw = await rawConnect(
			port,
			upgradeRequest(port, '/transports/ws?stream=a&rate=1', ['Origin: https://evil.example'])
		);
		expect(raw.response).toMatch(/^HTTP\/1\.1 403 /);
	});

	it('refuses methods other than GET with 405', async () => {
		const { base } = await start();
		const answer = await fetch(`${base}poll?stream=a&rate=1`, { method: 'POST' });
		expect(answer.status).toBe(405);
		expect(answer.headers.get('allow')).toBe('GET, HEAD');
	});

	it('serves under the base path', async () => {
		const { base } = await start({ basePath: '/socket-explorer/' });
		expect(base).toContain('/socket-explorer/transports/');
		expect((await fetchText(`${base}poll?stream=a&rate=1`)).status).toBe(200);
	});

	it('ends held requests and streams on close', async () => {
		const { base, transports } = await start();
		const pending = fetchText(`${base}long-poll?stream=a&rate=1`);
		const sse = await openSse(`${base}sse?stream=a&rate=1`);
		await until(() => transports.held === 2);
		await transports.close();
		expect((await pending).status).toBe(200);
		await sse.ended;
		expect(transports.held).toBe(0);
	});
});

describe('where the endpoints run', () => {
	/** Reads the page's own discovery the way the browser would, from a response's header. */
	function discovered(response: Response, origin: string): string | null {
		const header = response.headers.get('server-timing') ?? '';
		const serverTiming = header.split(',').map((item) => {
			const [, name, description] = /^\s*([\w-]+);desc="([^"]*)"/.exec(item) ?? [];
			return { name, description };
		});
		const url = new URL(origin);
		return localTransportsUrl(url, {
			getEntriesByType: () => [{ serverTiming } as unknown as PerformanceEntry]
		});
	}

	/** A poll, an SSE event and a WebSocket event from the folder at `folder`. */
	async function exercise(folder: string): Promise<void> {
		const query = 'stream=where&rate=50';
		const first = json(await fetchText(`${folder}poll?${query}`));
		const sse = await openSse(`${folder}sse?${query}&since=${first.next}`);
		const ws = await socket(`${folder.replace(/^http/, 'ws')}ws?${query}&since=${first.next}`);
		const [message] = await ws.received(1);
		await until(() => sse.events().length > 0);
		expect(sse.events()[0].data).toEqual(JSON.parse(message.text!));
		sse.close();
	}

	it('on the standalone echo server, which lists them on its page', async () => {
		const server: EchoServer = createEchoServer({
			port: 0,
			logger: silentLogger,
			basePath: '/socket-explorer/'
		});
		cleanups.push(() => server.close());
		const address = await server.listen();
		expect(address.transports).toBe(`http://127.0.0.1:${address.port}/socket-explorer/transports/`);
		await exercise(address.transports!);
		// At the root too, like /echo.
		await exercise(`http://127.0.0.1:${address.port}/transports/`);
		const page = await (await fetch(address.url)).text();
		expect(page).toContain(
			`GET http://127.0.0.1:${address.port}/socket-explorer/transports/long-poll?stream=S&rate=R&since=ID&timeout=MS`
		);
		expect(page).toContain(`ws://127.0.0.1:${address.port}/socket-explorer/transports/ws?`);
	});

	it('not at all when turned off', async () => {
		const server = createEchoServer({ port: 0, logger: silentLogger, transports: false });
		cleanups.push(() => server.close());
		const address = await server.listen();
		expect(address.transports).toBeUndefined();
		expect((await fetchText(`${address.url}transports/poll?stream=a&rate=1`)).status).toBe(404);
	});

	it('on the Vite dev server under the base path, found from the Server-Timing header', async () => {
		const { origin, close } = await devServerWithEcho({ base: '/socket-explorer/' });
		cleanups.push(close);
		const folder = discovered(await fetch(`${origin}/socket-explorer/`), origin);
		expect(folder).toBe(`${origin}/socket-explorer/transports/`);
		await exercise(folder!);
	});

	it('on the Vite preview server', async () => {
		const { origin, close } = await previewServerWithEcho();
		cleanups.push(close);
		const folder = discovered(await fetch(`${origin}/`), origin);
		expect(folder).toBe(`${origin}/transports/`);
		await exercise(folder!);
	});
});
