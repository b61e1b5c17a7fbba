import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { WebSocketServer, type WebSocket } from 'ws';
import { parseKernelRunResult } from '../lib/protocol/sockets/kernel-run.js';
import { silentLogger } from './server.js';
import { openClient, rawConnect, upgradeRequest } from './testing.js';
import { echoServerPlugin } from './vite-plugin.js';
import { devServerWithEcho, previewServerWithEcho, TEST_PAGE } from './vite-testing.js';

const cleanups: (() => Promise<void> | void)[] = [];
const clients: WebSocket[] = [];

afterEach(async () => {
	for (const ws of clients.splice(0)) ws.terminate();
	for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

/** A plain http.Server with another 'upgrade' listener, standing in for Vite's HMR socket. */
async function serverWithHmr(): Promise<{ server: Server; port: number }> {
	const server = createServer((_, res) => res.end('page'));
	const hmr = new WebSocketServer({ noServer: true });
	hmr.on('connection', (ws) => ws.send('hmr connected'));
	// Like Vite's: takes only its own path and protocol, ignores everything else.
	server.on('upgrade', (req, socket, head) => {
		if (req.url === '/' && req.headers['sec-websocket-protocol'] === 'vite-hmr') {
			hmr.handleUpgrade(req, socket, head, (ws) => hmr.emit('connection', ws, req));
		}
	});
	await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
	cleanups.push(
		() =>
			new Promise<void>((resolve) => {
				server.closeAllConnections();
				server.close(() => resolve());
				hmr.close();
			})
	);
	return { server, port: (server.address() as AddressInfo).port };
}

async function client(url: string, protocols: string[] = []) {
	const opened = await openClient(url, protocols);
	clients.push(opened.ws);
	return opened;
}

describe('echoServerPlugin', () => {
	it('serves /echo on the dev server and leaves other upgrades to their own listeners', async () => {
		const { server, port } = await serverWithHmr();
		echoServerPlugin({ logger: silentLogger }).configureServer({
			httpServer: server,
			config: { base: '/' }
		});
		const echo = await client(`ws://127.0.0.1:${port}/echo?deflate=0`);
		echo.ws.send('through vite');
		expect((await echo.received(1))[0].text).toBe('through vite');
		const hmr = await client(`ws://127.0.0.1:${port}/`, ['vite-hmr']);
		expect((await hmr.received(1))[0].text).toBe('hmr connected');
	});

	it('leaves an upgrade to another path untouched for a later listener to answer', async () => {
		const { server, port } = await serverWithHmr();
		echoServerPlugin({ logger: silentLogger }).configurePreviewServer({
			httpServer: server,
			config: { base: '/' }
		});
		// Registered after the plugin, and answering a tick later: had the plugin refused or
		// destroyed the socket, this answer would never arrive.
		server.on('upgrade', (req, socket) => {
			if (req.url === '/elsewhere')
				setImmediate(() => socket.end("HTTP/1.1 418 I'm a teapot\r\n\r\n"));
		});
		const raw = await rawConnect(port, upgradeRequest(port, '/elsewhere'));
		expect(raw.response).toMatch(/^HTTP\/1\.1 418 /);
		raw.socket.destroy();
	});

	it('serves the endpoints under the base path too', async () => {
		const { server, port } = await serverWithHmr();
		echoServerPlugin({ logger: silentLogger }).configureServer({
			httpServer: server,
			config: { base: '/socket-explorer/' }
		});
		const inspect = await client(`ws://127.0.0.1:${port}/socket-explorer/inspect`);
		expect((await inspect.received(1))[0].text).toMatch(/^\{"type":"handshake"/);
		const echo = await client(`ws://127.0.0.1:${port}/echo`);
		echo.ws.send('root path');
		expect((await echo.received(1))[0].text).toBe('root path');
	});

	it('keeps working when mounted twice on the same server', async () => {
		const { server, port } = await serverWithHmr();
		const target = { httpServer: server, config: { base: '/' } };
		echoServerPlugin({ logger: silentLogger }).configureServer(target);
		echoServerPlugin({ logger: silentLogger }).configureServer(target);
		const echo = await client(`ws://127.0.0.1:${port}/echo`);
		echo.ws.send('once');
		expect((await echo.received(1))[0].text).toBe('once');
	});

	it('does nothing in middleware mode, where there is no http server', () => {
		expect(() =>
			echoServerPlugin().configureServer({ httpServer: null, config: { base: '/' } })
		).not.toThrow();
	});

	it('works beside the HMR socket of a real Vite dev server', async () => {
		const { port, close } = await devServerWithEcho({ hmr: true });
		cleanups.push(close);
		const hmr = await client(`ws://127.0.0.1:${port}/`, ['vite-hmr']);
		expect(JSON.parse((await hmr.received(1))[0].text ?? '')).toMatchObject({ type: 'connected' });
		const echo = await client(`ws://127.0.0.1:${port}/echo`, ['json']);
		echo.ws.send('{"hello":"vite"}');
		expect((await echo.received(1))[0].text).toBe('{"hello":"vite"}');
		expect(echo.ws.protocol).toBe('json');
	});

	describe('marks every response with the echo and lab endpoints, in a Server-Timing header', () => {
		/**
		 * The metrics of the header, name to description, read as RFC 9110 §5.6.1 lists them
		 * (comma-separated) and the Server Timing spec writes each (`name;desc="…"`).
		 */
		function metrics(response: Response): Map<string, string> {
			const header = response.headers.get('server-timing') ?? '';
			const found = new Map<string, string>();
			for (const item of header.split(',')) {
				const metric = /^\s*([\w-]+);desc="([^"]*)"\s*$/.exec(item);
				if (metric) found.set(metric[1], metric[2]);
			}
			return found;
		}

		/** The echo endpoint's path a page would read from the header, or null without it. */
		function markedPath(response: Response): string | null {
			return metrics(response).get('socket-explorer-echo') ?? null;
		}

		/** The lab endpoint's path from the header, or null without it. */
		function labPath(response: Response): string | null {
			return metrics(response).get('socket-explorer-lab') ?? null;
		}

		/** Runs a stream request through the lab at `url`; the bytes the reads returned. */
		async function labRun(url: string): Promise<{ status: number; text: string }> {
			const response = await fetch(url, {
				method: 'POST',
				headers: { 'Content-Type': 'application/json' },
				body: JSON.stringify({ type: 'stream', messages: ['via ', 'vite'], readSize: 3 })
			});
			if (response.status !== 200) return { status: response.status, text: '' };
			const parsed = parseKernelRunResult(await response.json());
			if (!parsed.ok) throw new Error(parsed.error);
			const bytes = parsed.result.reads.map((read) => Buffer.from(read.data, 'base64'));
			return { status: 200, text: Buffer.concat(bytes).toString() };
		}

		it('on the dev server, for a page, an asset and a path outside the base; ws connects to the path', async () => {
			const { port, origin, close } = await devServerWithEcho({
				base: '/socket-explorer/',
				files: { 'index.html': TEST_PAGE, 'style.css': 'body{}' }
			});
			cleanups.push(close);
			const page = await fetch(`${origin}/socket-explorer/`);
			expect(page.status).toBe(200);
			// One header, its metrics comma-separated.
			expect(page.headers.get('server-timing')).toBe(
				'socket-explorer-echo;desc="/socket-explorer/echo", ' +
					'socket-explorer-lab;desc="/socket-explorer/socket-lab", ' +
					'socket-explorer-transports;desc="/socket-explorer/transports/", ' +
					'socket-explorer-socketio;desc="/socket-explorer/socket.io/"'
			);
			expect(markedPath(page)).toBe('/socket-explorer/echo');
			expect(labPath(page)).toBe('/socket-explorer/socket-lab');
			expect(markedPath(await fetch(`${origin}/socket-explorer/style.css`))).toBe(
				'/socket-explorer/echo'
			);
			const outside = await fetch(`${origin}/elsewhere/`);
			expect(outside.status).toBe(404);
			expect(markedPath(outside)).toBe('/socket-explorer/echo');

			const echo = await client(`ws://127.0.0.1:${port}${markedPath(page)}`);
			echo.ws.send('found by its header');
			expect((await echo.received(1))[0].text).toBe('found by its header');

			// The lab answers at the path the header names, ahead of Vite (which would say 404).
			expect(await labRun(`${origin}${labPath(page)}`)).toEqual({ status: 200, text: 'via vite' });
			const get = await fetch(`${origin}${labPath(page)}`);
			expect(get.status).toBe(405);
			expect(get.headers.get('allow')).toBe('POST');
		});

		it('leaves the lab out, and its metric, when the lab is turned off', async () => {
			const { origin, close } = await devServerWithEcho({ plugin: { socketLab: false } });
			cleanups.push(close);
			const page = await fetch(`${origin}/`);
			expect(page.headers.get('server-timing')).toBe(
				'socket-explorer-echo;desc="/echo", socket-explorer-transports;desc="/transports/", ' +
					'socket-explorer-socketio;desc="/socket.io/"'
			);
			expect((await labRun(`${origin}/socket-lab`)).status).toBe(404);
		});

		it('on the preview server, for a built page', async () => {
			const { port, close } = await previewServerWithEcho();
			cleanups.push(close);
			const page = await fetch(`http://127.0.0.1:${port}/`);
			expect(page.status).toBe(200);
			expect(markedPath(page)).toBe('/echo');
			expect(labPath(page)).toBe('/socket-lab');
			const origin = `http://127.0.0.1:${port}`;
			expect(await labRun(`${origin}${labPath(page)}`)).toEqual({ status: 200, text: 'via vite' });

			const echo = await client(`ws://127.0.0.1:${port}${markedPath(page)}`);
			echo.ws.send('previewed');
			expect((await echo.received(1))[0].text).toBe('previewed');
		});
	});
});
