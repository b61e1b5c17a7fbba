import { randomBytes } from 'node:crypto';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { WebSocket } from 'ws';
import { decodeFrames } from '../lib/protocol/websocket/index.js';
import { concatBytes } from '../lib/protocol/bytes/bytes.js';
import { parseHex } from '../lib/protocol/bytes/hex.js';
import { parseKernelRunResult } from '../lib/protocol/sockets/kernel-run.js';
import {
	createEchoServer,
	matchEndpoint,
	normalizeBasePath,
	parseEchoQuery,
	parseInspectReport,
	type EchoAddress,
	type EchoLogger,
	type EchoServer,
	type EchoServerOptions,
	type FrameReport,
	type HandshakeReport
} from './server.js';
import { openClient, rawConnect, upgradeRequest, type TestClient } from './testing.js';

const servers: EchoServer[] = [];
const clients: WebSocket[] = [];

afterEach(async () => {
	for (const ws of clients.splice(0)) ws.terminate();
	await Promise.all(servers.splice(0).map((server) => server.close()));
});

/** Lines the server logged, for tests that check them. */
function captureLog(): EchoLogger & { lines: string[] } {
	const lines: string[] = [];
	return { lines, info: (line) => lines.push(line), warn: (line) => lines.push(`warn: ${line}`) };
}

async function start(
	options: EchoServerOptions = {}
): Promise<EchoAddress & { server: EchoServer }> {
	const server = createEchoServer({
		port: 0,
		host: '127.0.0.1',
		logger: captureLog(),
		shutdownGraceMs: 200,
		...options
	});
	servers.push(server);
	return { ...(await server.listen()), server };
}

async function client(url: string, protocols?: string[], options?: object): Promise<TestClient> {
	const opened = await openClient(url, protocols, options);
	clients.push(opened.ws);
	return opened;
}

function reports(test: TestClient): { handshake?: HandshakeReport; frames: FrameReport[] } {
	const frames: FrameReport[] = [];
	let handshake: HandshakeReport | undefined;
	for (const message of test.messages) {
		const report = message.text === undefined ? null : parseInspectReport(message.text);
		if (report?.type === 'handshake') handshake = report;
		if (report?.type === 'frame') frames.push(report);
	}
	return { handshake, frames };
}

function echoes(test: TestClient) {
	return test.messages.filter((message) => !message.text || !parseInspectReport(message.text));
}

/** Waits until `count` echoes (messages that are not reports) have arrived. */
async function echoesArrived(test: TestClient, count: number): Promise<void> {
	for (let n = test.messages.length + 1; echoes(test).length < count; n++) await test.received(n);
}

/** Decodes the reported frames, joined, as a strict receiver would read the client's stream. */
function decodeReported(frames: FrameReport[], permessageDeflate: boolean) {
	const bytes = concatBytes(frames.map((frame) => parseHex(frame.hex)));
	return decodeFrames(bytes, { from: 'client', permessageDeflate });
}

describe('the /echo endpoint', () => {
	it('sends text back as text and binary back as binary, byte for byte', async () => {
		const { echo } = await start();
		const test = await client(echo);
		const binary = randomBytes(3000);
		test.ws.send('héllo, wörld');
		test.ws.send(binary);
		test.ws.send('');
		const [text, bytes, empty] = await test.received(3);
		expect(text).toMatchObject({ isBinary: false, text: 'héllo, wörld' });
		expect(bytes.isBinary).toBe(true);
		expect(bytes.data.equals(binary)).toBe(true);
		expect(empty).toMatchObject({ isBinary: false, text: '' });
	});

	it.each([
		// ws bounds the bytes on the wire as well as the inflated message, so the compressed
		// case uses data that compresses: only its inflated size crosses the limit.
		['without permessage-deflate, for random bytes', '?deflate=0', randomBytes],
		['with permessage-deflate, once inflated', '', (size: number) => Buffer.alloc(size, 'a')]
	])(
		'echoes a message of exactly 1 MiB but closes with 1009 at 1 MiB + 1 byte, %s',
		async (_, query, make) => {
			const { echo } = await start();
			const test = await client(echo + query);
			const max = make(1024 * 1024);
			test.ws.send(max);
			const [back] = await test.received(1);
			expect(back.data.equals(max)).toBe(true);
			test.ws.send(make(1024 * 1024 + 1));
			expect((await test.closed).code).toBe(1009);
		}
	);

	it('closes a flooding client with 1008 Policy Violation under the default limit', async () => {
		const { echo } = await start();
		const test = await client(echo);
		for (let i = 0; i < 1000; i++) test.ws.send(`message ${i}`);
		const { code, reason } = await test.closed;
		expect(code).toBe(1008);
		expect(reason).toMatch(/rate limit/i);
		expect(test.messages.length).toBeLessThan(1000);
	});

	it('lets a client send at a steady pace under the limit', async () => {
		const { echo } = await start({ rateLimit: { messagesPerSecond: 100, burst: 5 } });
		const test = await client(echo);
		for (let i = 0; i < 8; i++) {
			test.ws.send(`tick ${i}`);
			await test.received(i + 1);
			await new Promise((resolve) => setTimeout(resolve, 15));
		}
		expect(test.ws.readyState).toBe(WebSocket.OPEN);
	});

	it('closes with 1002 on an unmasked client frame while another connection works on', async () => {
		const log = captureLog();
		const { port, echo } = await start({ logger: log });
		const bystander = await client(echo);
		const raw = await rawConnect(port, upgradeRequest(port, '/echo?deflate=0'));
		expect(raw.response).toMatch(/^HTTP\/1\.1 101 /);
		raw.socket.write(parseHex('81 05 48 65 6c 6c 6f'));
		const close = await raw.receive(4);
		// A Close frame (0x88) carrying 1002 (0x03ea), unmasked as a server's frames are.
		expect([...close.subarray(0, 4)]).toEqual([0x88, 0x02, 0x03, 0xea]);
		bystander.ws.send('still here');
		const [back] = await bystander.received(1);
		expect(back.text).toBe('still here');
		raw.socket.destroy();
		await raw.ended;
		await expect
			.poll(() => log.lines.find((line) => line.startsWith('close #2')))
			.toMatch(/1002 by server/);
	});

	it('picks the first subprotocol the client offers among echo, chat and json', async () => {
		const { echo } = await start();
		expect((await client(echo, ['chat', 'echo'])).ws.protocol).toBe('chat');
		expect((await client(echo, ['x', 'json', 'echo'])).ws.protocol).toBe('json');
	});

	it('selects no subprotocol when it knows none offered, and still accepts', async () => {
		const { port } = await start();
		const raw = await rawConnect(
			port,
			upgradeRequest(port, '/echo', ['Sec-WebSocket-Protocol: x'])
		);
		expect(raw.response).toMatch(/^HTTP\/1\.1 101 Switching Protocols\r\n/);
		expect(raw.response).not.toMatch(/Sec-WebSocket-Protocol/i);
		raw.socket.destroy();
	});

	it('offers permessage-deflate by default and leaves it out with ?deflate=0', async () => {
		const { echo } = await start();
		expect((await client(echo)).ws.extensions).toBe('permessage-deflate');
		expect((await client(`${echo}?deflate=0`)).ws.extensions).toBe('');
	});

	it('echoes after ?delay milliseconds, in order', async () => {
		const { echo } = await start();
		const test = await client(`${echo}?delay=200`);
		// The server's clock is faked, so the test needs no wall-clock assertion: a ping's pong,
		// answered at once, proves the server has read everything sent before it.
		vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout'] });
		const roundTrip = () =>
			new Promise<void>((resolve) => {
				test.ws.once('pong', () => resolve());
				test.ws.ping();
			});
		try {
			test.ws.send('one');
			test.ws.send('two');
			await roundTrip();
			vi.advanceTimersByTime(199);
			await roundTrip();
			expect(test.messages).toEqual([]);
			vi.advanceTimersByTime(1);
			const [first, second] = await test.received(2);
			expect([first.text, second.text]).toEqual(['one', 'two']);
		} finally {
			vi.useRealTimers();
		}
	});

	it('closes with the ?close code after echoing the next message, and no more', async () => {
		const { echo } = await start();
		const test = await client(`${echo}?close=4000`);
		test.ws.send('last words');
		test.ws.send('too late');
		const { code } = await test.closed;
		expect(code).toBe(4000);
		expect(test.messages.map((message) => message.text)).toEqual(['last words']);
	});

	it('waits for ?delay before the ?close echo and the close', async () => {
		const { echo } = await start();
		const test = await client(`${echo}?delay=100&close=1000`);
		test.ws.send('bye');
		expect((await test.closed).code).toBe(1000);
		expect(test.messages.map((message) => message.text)).toEqual(['bye']);
	});

	it('refuses a bad ?close, ?delay or ?deflate with 400 at the upgrade', async () => {
		const { echo } = await start();
		for (const query of [
			'close=1005',
			'close=999',
			'close=abc',
			'delay=-1',
			'delay=99999',
			'deflate=2'
		]) {
			await expect(client(`${echo}?${query}`)).rejects.toMatchObject({ status: 400 });
		}
	});

	it('refuses a browser Origin that is not on the allowlist with 403', async () => {
		const { echo } = await start({ origins: ['https://allowed.example'] });
		await expect(client(echo, [], { origin: 'https://evil.example' })).rejects.toMatchObject({
			status: 403
		});
		expect((await client(echo, [], { origin: 'https://allowed.example' })).ws.readyState).toBe(
			WebSocket.OPEN
		);
		// No Origin: not a browser, which could claim any Origin anyway.
		expect((await client(echo)).ws.readyState).toBe(WebSocket.OPEN);
	});

	it('refuses upgrades beyond the connection limit with 503', async () => {
		const { echo } = await start({ maxConnections: 2 });
		await client(echo);
		const second = await client(echo);
		await expect(client(echo)).rejects.toMatchObject({ status: 503 });
		second.ws.close();
		await second.closed;
		await expect.poll(async () => (await client(echo).catch(() => null)) !== null).toBe(true);
	});

	it('closes an idle connection with 1001 and a reason', async () => {
		const { echo } = await start({ idleTimeoutMs: 150 });
		const test = await client(echo);
		const { code, reason } = await test.closed;
		expect(code).toBe(1001);
		expect(reason).toMatch(/idle/i);
	});

	it('terminates a peer that does not answer pings, and keeps one that does', async () => {
		const { port, echo } = await start({ heartbeatMs: 100 });
		const answering = await client(echo);
		const silent = await rawConnect(port, upgradeRequest(port, '/echo'));
		await silent.ended;
		// At least one ping (0x89) arrived before the server gave up.
		expect(silent.bytes()[0]).toBe(0x89);
		expect(answering.ws.readyState).toBe(WebSocket.OPEN);
	});

	it('logs one line when a connection opens and one when it closes, with the code', async () => {
		const log = captureLog();
		const { echo } = await start({ logger: log });
		const test = await client(echo);
		test.ws.close(4001, 'done');
		await test.closed;
		await expect.poll(() => log.lines.length).toBe(2);
		expect(log.lines[0]).toMatch(/^open #1 \/echo from 127\.0\.0\.1:\d+/);
		expect(log.lines[1]).toMatch(/^close #1 \/echo 4001 by client \(done\)/);
	});

	it('closes every connection with 1001 when the server closes', async () => {
		const { echo, server } = await start();
		const test = await client(echo);
		await server.close();
		expect((await test.closed).code).toBe(1001);
	});

	it('serves a plain-text page at / and 404 for upgrades to other paths', async () => {
		const { url, port } = await start();
		const page = await fetch(url);
		expect(page.headers.get('content-type')).toMatch(/^text\/plain/);
		const text = await page.text();
		expect(text).toContain(`ws://127.0.0.1:${port}/echo`);
		expect(text).toContain(`ws://127.0.0.1:${port}/inspect`);
		const raw = await rawConnect(port, upgradeRequest(port, '/elsewhere'));
		expect(raw.response).toMatch(/^HTTP\/1\.1 404 /);
	});

	it('answers a plain GET of /echo with 426, naming the upgrade in Upgrade and Connection', async () => {
		const { url } = await start();
		const response = await fetch(new URL('echo', url));
		expect(response.status).toBe(426);
		expect(response.headers.get('upgrade')).toBe('websocket');
		// RFC 9110 §7.8: a server that sends Upgrade in a 426 MUST send "Connection: Upgrade" too.
		expect(response.headers.get('connection')).toMatch(/\bupgrade\b/i);
	});
});

describe('the socket lab on the standalone server', () => {
	/** POSTs a datagram run to `url`; the status and, on 200, the bytes of each read. */
	async function run(url: string) {
		const response = await fetch(url, {
			method: 'POST',
			headers: { 'Content-Type': 'application/json' },
			body: JSON.stringify({ type: 'datagram', messages: ['one', 'three'], readSize: 4 })
		});
		if (response.status !== 200) return { status: response.status, reads: [] };
		const parsed = parseKernelRunResult(await response.json());
		if (!parsed.ok) throw new Error(parsed.error);
		const reads = parsed.result.reads.map((read) => Buffer.from(read.data, 'base64').toString());
		// Sorted: udp(7) promises no order, though loopback keeps it.
		return { status: 200, reads: reads.sort() };
	}

	it('answers POST /socket-lab with the reads of real sockets, and lists it on its page', async () => {
		const { url, lab, port } = await start();
		expect(lab).toBe(`http://127.0.0.1:${port}/socket-lab`);
		// udp(7): a read of 4 bytes returns the first 4 of 'three'; the rest is discarded.
		expect(await run(lab!)).toEqual({ status: 200, reads: ['one', 'thre'] });
		expect(await (await fetch(url)).text()).toContain(`POST http://127.0.0.1:${port}/socket-lab`);
		expect((await fetch(lab!)).status).toBe(405);
	});

	it('serves the lab under the base path too, and not at all when turned off', async () => {
		const based = await start({ basePath: '/socket-explorer/' });
		expect(based.lab).toBe(`http://127.0.0.1:${based.port}/socket-explorer/socket-lab`);
		expect((await run(based.lab!)).status).toBe(200);
		expect((await run(`http://127.0.0.1:${based.port}/socket-lab`)).status).toBe(200);
		const off = await start({ socketLab: false });
		expect(off.lab).toBeUndefined();
		expect((await run(`${off.url}socket-lab`)).status).toBe(404);
		expect(await (await fetch(off.url)).text()).not.toContain('socket-lab');
	});

	it('takes the lab limits it is given', async () => {
		const { lab } = await start({ socketLab: { maxBodyBytes: 10 } });
		expect((await run(lab!)).status).toBe(413);
	});
});

describe('the /inspect endpoint', () => {
	it('first reports the request it received, verbatim, and the 101 response it sent', async () => {
		const { inspect } = await start();
		const test = await client(inspect, ['chat']);
		const [message] = await test.received(1);
		const report = parseInspectReport(message.text ?? '');
		expect(report).toMatchObject({
			type: 'handshake',
			protocol: 'chat',
			remoteAddress: '127.0.0.1'
		});
		if (report?.type !== 'handshake') throw new Error('not a handshake report');
		expect(report.request).toMatch(/^GET \/inspect HTTP\/1\.1\r\n/);
		expect(report.request).toMatch(/\r\nSec-WebSocket-Key: [A-Za-z0-9+/]{22}==\r\n/);
		expect(report.request.endsWith('\r\n\r\n')).toBe(true);
		expect(report.response).toMatch(/^HTTP\/1\.1 101 Switching Protocols\r\n/);
		expect(report.response).toMatch(/\r\nSec-WebSocket-Accept: [A-Za-z0-9+/]{27}=\r\n/);
		expect(report.response).toContain('\r\nSec-WebSocket-Protocol: chat\r\n');
		expect(report.extensions).toMatch(/^permessage-deflate/);
	});

	it('reports the request head byte for byte as the client wrote it', async () => {
		const { port } = await start();
		const request = upgradeRequest(port, '/inspect?deflate=0', ['X-Mixed-CASE: value']);
		const raw = await rawConnect(port, request);
		const header = await raw.receive(4);
		const length = header.readUInt16BE(2);
		const body = (await raw.receive(4 + length)).subarray(4, 4 + length).toString();
		const report = parseInspectReport(body);
		if (report?.type !== 'handshake') throw new Error('not a handshake report');
		expect(report.request).toBe(request);
		expect(raw.response).toBe(report.response);
		expect(report.extensions).toBe('');
		raw.socket.destroy();
	});

	it.each([
		['with permessage-deflate', true],
		['without permessage-deflate', false]
	])('reports frames whose hex decodes to exactly the messages sent, %s', async (_, deflate) => {
		const { inspect } = await start();
		const test = await client(deflate ? inspect : `${inspect}?deflate=0`);
		const sent = [
			{ data: Buffer.from('Hello'), binary: false },
			{ data: Buffer.from('compressible '.repeat(200)), binary: false },
			{ data: randomBytes(5000), binary: true },
			{ data: Buffer.from('Hello'), binary: false }
		];
		for (const message of sent) test.ws.send(message.data, { binary: message.binary });
		await echoesArrived(test, sent.length);
		const { handshake, frames } = reports(test);
		expect(handshake?.extensions.startsWith('permessage-deflate')).toBe(deflate);
		expect(frames.map((frame) => frame.index)).toEqual([0, 1, 2, 3]);
		expect(frames.every((frame) => frame.masked && frame.fin)).toBe(true);
		const decoded = decodeReported(frames, deflate);
		expect(decoded.error).toBeUndefined();
		expect(decoded.incomplete).toBeUndefined();
		expect(decoded.messages.map((message) => [message.type, Buffer.from(message.data)])).toEqual(
			sent.map((message) => [message.binary ? 'binary' : 'text', message.data])
		);
		// The long text went over the wire compressed (RSV1) only when deflate was negotiated.
		expect((parseInt(frames[1].hex.slice(0, 2), 16) & 0x40) !== 0).toBe(deflate);
		expect(frames[1].length).toBe(parseHex(frames[1].hex).length);
		expect(echoes(test).map((echo) => echo.data)).toEqual(sent.map((message) => message.data));
	});

	it.each([
		['with permessage-deflate', true],
		['without permessage-deflate', false]
	])('reports each fragment of a fragmented message, %s', async (_, deflate) => {
		const { inspect } = await start();
		const test = await client(deflate ? inspect : `${inspect}?deflate=0`);
		const parts = ['Hel', 'lo, frag', 'mented world'];
		test.ws.send(parts[0], { fin: false });
		test.ws.send(parts[1], { fin: false });
		test.ws.send(parts[2], { fin: true });
		await echoesArrived(test, 1);
		const { frames } = reports(test);
		expect(frames.map((frame) => [frame.opcode, frame.fin])).toEqual([
			[1, false],
			[0, false],
			[0, true]
		]);
		const decoded = decodeReported(frames, deflate);
		expect(decoded.error).toBeUndefined();
		expect(decoded.messages).toHaveLength(1);
		expect(decoded.messages[0]).toMatchObject({
			type: 'text',
			text: parts.join(''),
			frames: [0, 1, 2]
		});
		expect(echoes(test)[0].text).toBe(parts.join(''));
	});

	it('reports control frames too: a ping before its pong, a close before the reply', async () => {
		const { inspect } = await start();
		const test = await client(`${inspect}?deflate=0`);
		const pong = new Promise<Buffer>((resolve) => test.ws.once('pong', resolve));
		test.ws.ping('are you there');
		await pong;
		test.ws.close(1000, 'done');
		await test.closed;
		const { frames } = reports(test);
		expect(frames.map((frame) => frame.opcode)).toEqual([0x9, 0x8]);
		const decoded = decodeReported(frames, false);
		expect(decoded.messages.map((message) => [message.type, message.code])).toEqual([
			['ping', undefined],
			['close', 1000]
		]);
		expect(Buffer.from(decoded.messages[0].data).toString()).toBe('are you there');
	});

	it('reports a frame that arrived in the same packet as the handshake exactly once', async () => {
		const { port } = await start();
		const frame = parseHex('81 82 01 02 03 04 69 6b');
		const raw = await rawConnect(port, upgradeRequest(port, '/inspect?deflate=0'), frame);
		// Handshake report, then the frame report, then the echo "hi".
		await expect.poll(() => raw.bytes().includes(Buffer.from([0x81, 0x02, 0x68, 0x69]))).toBe(true);
		const text = raw.bytes().toString('latin1');
		expect(text.match(/"type":"frame"/g)).toHaveLength(1);
		expect(text).toContain('"hex":"81 82 01 02 03 04 69 6b","length":8,"opcode":1,"fin":true');
		raw.socket.destroy();
	});

	it('reports the offending unmasked frame before closing with 1002', async () => {
		const { port } = await start();
		const raw = await rawConnect(port, upgradeRequest(port, '/inspect?deflate=0'));
		raw.socket.write(parseHex('81 05 48 65 6c 6c 6f'));
		await raw.ended.then(
			() => undefined,
			() => undefined
		);
		raw.socket.destroy();
		const text = raw.bytes().toString('latin1');
		expect(text).toContain(
			'"hex":"81 05 48 65 6c 6c 6f","length":7,"opcode":1,"fin":true,"masked":false'
		);
		expect(raw.bytes().includes(Buffer.from([0x88, 0x02, 0x03, 0xea]))).toBe(true);
	});
});

describe('query and path parsing', () => {
	it('matches /echo and /inspect with or without the base path, ignoring the query', () => {
		expect(matchEndpoint('/echo?delay=5')).toBe('echo');
		expect(matchEndpoint('/inspect')).toBe('inspect');
		expect(matchEndpoint('/socket-explorer/inspect?x', '/socket-explorer/')).toBe('inspect');
		expect(matchEndpoint('/echo', '/socket-explorer/')).toBe('echo');
		expect(matchEndpoint('http://example.com/echo')).toBe('echo');
		expect(matchEndpoint('/echo/')).toBeNull();
		expect(matchEndpoint('/')).toBeNull();
		expect(matchEndpoint('/other/echo', '/socket-explorer/')).toBeNull();
	});

	it('normalizes a base path from Vite: relative and empty bases mean the root', () => {
		expect(normalizeBasePath('/socket-explorer')).toBe('/socket-explorer/');
		expect(normalizeBasePath('/socket-explorer/')).toBe('/socket-explorer/');
		expect(normalizeBasePath('./')).toBe('/');
		expect(normalizeBasePath('')).toBe('/');
		expect(normalizeBasePath('https://cdn.example/app/')).toBe('/app/');
	});

	it('accepts close codes a Close frame may carry and delays within the limit', () => {
		expect(parseEchoQuery(new URLSearchParams('delay=250&close=3000&deflate=0'))).toEqual({
			delayMs: 250,
			closeCode: 3000,
			deflate: false
		});
		expect(parseEchoQuery(new URLSearchParams(''))).toEqual({
			delayMs: 0,
			closeCode: undefined,
			deflate: true
		});
		for (const code of [1004, 1005, 1006, 1015, 2999, 5000]) {
			expect(parseEchoQuery(new URLSearchParams(`close=${code}`))).toHaveProperty('error');
		}
	});
});
