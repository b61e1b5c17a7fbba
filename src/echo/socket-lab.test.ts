import { createServer, request as httpRequest, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import fc from 'fast-check';
import { afterEach, describe, expect, it } from 'vitest';
import {
	KERNEL_RUN_LIMITS,
	parseKernelRunResult,
	type KernelRunRequest,
	type KernelRunResult
} from '../lib/protocol/sockets/kernel-run.js';
import {
	KernelRunTimeout,
	createSocketLab,
	matchLabPath,
	runOnKernel,
	type SocketLab,
	type SocketLabOptions
} from './socket-lab.js';

// Expected values come from the input (Buffer.from(message, 'utf8'), computed here) and from the
// man pages: a stream read returns at most the bytes asked for and the bytes come in order
// (recv(2), socket(2)); a datagram read returns one datagram, cut to the buffer (udp(7)).

/** The bytes of every read, decoded. */
const readBytes = (result: KernelRunResult) =>
	result.reads.map((read) => Buffer.from(read.data, 'base64'));

/**
 * The socket handles this process holds, by kind, once handles closed just now are freed (libuv
 * frees them in the close phase at the end of the loop's turn; a timer runs after it).
 */
async function socketHandles(): Promise<Record<string, number>> {
	await new Promise((resolve) => setTimeout(resolve, 0));
	const counts: Record<string, number> = {};
	for (const kind of process.getActiveResourcesInfo()) {
		if (/^(TCP|UDP)/.test(kind)) counts[kind] = (counts[kind] ?? 0) + 1;
	}
	return counts;
}

/** A promise and the function that resolves it, to hold a run open. */
function gate() {
	let open = () => {};
	const opened = new Promise<void>((resolve) => (open = resolve));
	return { open, opened };
}

describe('runOnKernel, on the real kernel', () => {
	it('stream: with a read size of at least the total, the reads join up to the messages', async () => {
		const messages = ['LOGIN alice\n', 'PASS secret\n', 'héllo'];
		const sent = Buffer.concat(messages.map((message) => Buffer.from(message, 'utf8')));
		const result = await runOnKernel({ type: 'stream', messages, readSize: sent.length + 10 });
		expect(Buffer.concat(readBytes(result)).equals(sent)).toBe(true);
		for (const read of result.reads) {
			// 0 would be end-of-file (recv(2)), which is not a read with data.
			expect(read.length).toBeGreaterThan(0);
			expect(read.truncated).toBe(false);
		}
		expect(result).toMatchObject({ type: 'stream', readSize: sent.length + 10 });
		expect(parseKernelRunResult(JSON.parse(JSON.stringify(result))).ok).toBe(true);
	});

	it('stream: with a read size of 1, every read is one byte, each byte once and in order', async () => {
		const messages = ['AB', 'C', 'é'];
		const sent = Buffer.concat(messages.map((message) => Buffer.from(message, 'utf8')));
		const result = await runOnKernel({ type: 'stream', messages, readSize: 1 });
		expect(result.reads.map((read) => read.length)).toEqual(Array(sent.length).fill(1));
		// 'é' is 0xC3 0xA9 in UTF-8: a 1-byte read splits the character.
		expect(readBytes(result).map((bytes) => bytes[0])).toEqual([...sent]);
	});

	it('stream: the reads join up to the messages for any messages and read size', async () => {
		await fc.assert(
			fc.asyncProperty(
				fc.array(fc.string({ unit: 'binary', maxLength: 40 }), { minLength: 1, maxLength: 8 }),
				fc.integer({ min: 1, max: 64 }),
				async (messages, readSize) => {
					const sent = Buffer.concat(messages.map((message) => Buffer.from(message, 'utf8')));
					const result = await runOnKernel({ type: 'stream', messages, readSize });
					expect(Buffer.concat(readBytes(result)).equals(sent)).toBe(true);
					for (const read of result.reads) {
						expect(read.length).toBeGreaterThan(0);
						expect(read.length).toBeLessThanOrEqual(readSize);
					}
				}
			),
			{ numRuns: 25 }
		);
	});

	it('datagram: each read is one message, cut to the read size, marked truncated iff longer', async () => {
		const messages = ['hi', 'hello world', 'four', 'héllo'];
		const readSize = 4;
		const sent = messages.map((message) => Buffer.from(message, 'utf8'));
		const result = await runOnKernel({ type: 'datagram', messages, readSize });
		// Matched by content, not position: loopback keeps the order, but udp(7) promises none.
		const matched = result.reads.map((read) => {
			const bytes = Buffer.from(read.data, 'base64');
			const index = sent.findIndex((whole) => whole.subarray(0, readSize).equals(bytes));
			expect(index, bytes.toString()).toBeGreaterThanOrEqual(0);
			expect(read.truncated).toBe(sent[index].length > readSize);
			expect(read.discarded).toBe(Math.max(0, sent[index].length - readSize));
			return index;
		});
		// Each message exactly once: none merged, none lost.
		expect(matched.sort()).toEqual([0, 1, 2, 3]);
		expect(result.notes.join(' ')).toMatch(/cut by the server, not by the kernel/);
	});

	it('datagram: an empty message is a 0-byte datagram, read as 0 bytes', async () => {
		const result = await runOnKernel({ type: 'datagram', messages: ['a', '', 'b'], readSize: 8 });
		const empty = result.reads.filter((read) => read.length === 0);
		expect(empty).toEqual([{ data: '', length: 0, truncated: false, discarded: 0 }]);
		expect(result.reads.map((read) => read.length).sort()).toEqual([0, 1, 1]);
		expect(result.notes.join(' ')).toMatch(/0-byte datagram/);
	});

	it('says how it ran: Nagle off, loopback loses nothing, no SOCK_SEQPACKET in Node', async () => {
		const stream = await runOnKernel({ type: 'stream', messages: ['A'], readSize: 4 });
		expect(stream.notes.join(' ')).toMatch(/Nagle\u2019s algorithm was off/);
		for (const notes of [stream.notes]) {
			expect(notes.join(' ')).toMatch(/Loopback loses, reorders and duplicates nothing/);
			expect(notes.join(' ')).toMatch(/Node cannot open SOCK_SEQPACKET/);
		}
	});

	it('stops a run that takes too long and closes every socket it opened', async () => {
		const before = await socketHandles();
		for (const type of ['stream', 'datagram'] as const) {
			const held = gate();
			const run = runOnKernel(
				{ type, messages: ['never sent'], readSize: 4 },
				{ timeoutMs: 20, beforeSend: () => held.opened }
			);
			await expect(run).rejects.toBeInstanceOf(KernelRunTimeout);
			await expect(run).rejects.toThrow(/did not finish within 20 ms/);
			// Let the stopped run go on: it must not reopen or break anything.
			held.open();
		}
		expect(await socketHandles()).toEqual(before);
	});

	it('leaves no socket open after runs that finish', async () => {
		const before = await socketHandles();
		await runOnKernel({ type: 'stream', messages: ['a', 'b'], readSize: 1 });
		await runOnKernel({ type: 'datagram', messages: ['a', 'b'], readSize: 1 });
		expect(await socketHandles()).toEqual(before);
	});
});

describe('matchLabPath', () => {
	it('matches /socket-lab at the root and under the base path, ignoring the query', () => {
		expect(matchLabPath('/socket-lab')).toBe(true);
		expect(matchLabPath('/socket-lab?x=1')).toBe(true);
		expect(matchLabPath('/socket-explorer/socket-lab', '/socket-explorer/')).toBe(true);
		expect(matchLabPath('/socket-lab', '/socket-explorer/')).toBe(true);
		expect(matchLabPath('http://127.0.0.1:5173/socket-lab')).toBe(true);
		for (const path of ['/socket-lab/', '/other/socket-lab', '/socket-labs', '', undefined]) {
			expect(matchLabPath(path, '/socket-explorer/'), String(path)).toBe(false);
		}
	});
});

// --- The HTTP endpoint ----------------------------------------------------------------------

const servers: Server[] = [];
const labs: SocketLab[] = [];

afterEach(async () => {
	for (const lab of labs.splice(0)) await lab.close();
	for (const server of servers.splice(0)) {
		await new Promise<void>((resolve) => {
			server.close(() => resolve());
			server.closeAllConnections();
		});
	}
});

/** An http.Server answering the lab's path with the lab and everything else with 404. */
async function serve(options: SocketLabOptions = {}) {
	const lab = createSocketLab(options);
	labs.push(lab);
	const server = createServer((req, res) => {
		if (lab.handle(req, res)) return;
		res.writeHead(404).end();
	});
	servers.push(server);
	await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
	const origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
	return { lab, server, origin, url: `${origin}/socket-lab` };
}

function post(
	url: string,
	body: unknown,
	headers: Record<string, string> = {},
	signal?: AbortSignal
) {
	return fetch(url, {
		method: 'POST',
		signal,
		headers: { 'Content-Type': 'application/json', ...headers },
		body: typeof body === 'string' ? body : JSON.stringify(body)
	});
}

/** Status, error and field of a refused request. */
async function refused(response: Response) {
	expect(response.headers.get('content-type')).toMatch(/^application\/json/);
	const body = (await response.json()) as { error: string; field?: string; index?: number };
	expect(typeof body.error).toBe('string');
	return { status: response.status, ...body };
}

const request: KernelRunRequest = { type: 'stream', messages: ['A', 'B', 'C'], readSize: 2 };

describe('POST /socket-lab', () => {
	it('answers a run with 200 and a result the page can parse', async () => {
		const { url } = await serve();
		const response = await post(url, request);
		expect(response.status).toBe(200);
		expect(response.headers.get('cache-control')).toBe('no-store');
		const parsed = parseKernelRunResult(await response.json());
		if (!parsed.ok) throw new Error(parsed.error);
		expect(Buffer.concat(readBytes(parsed.result)).toString()).toBe('ABC');
	});

	it('refuses other methods with 405 and Allow: POST', async () => {
		const { url } = await serve();
		for (const method of ['GET', 'PUT', 'OPTIONS', 'DELETE']) {
			const response = await fetch(url, { method });
			expect(response.status, method).toBe(405);
			expect(response.headers.get('allow')).toBe('POST');
			expect((await refused(response)).error).toMatch(/Use POST/);
		}
	});

	it('refuses a body that is not application/json, or JSON in another charset, with 415', async () => {
		const { url } = await serve();
		for (const type of [
			'text/plain',
			'application/x-www-form-urlencoded',
			'application/json; charset=iso-8859-1'
		]) {
			const response = await post(url, request, { 'Content-Type': type });
			expect(response.status, type).toBe(415);
			expect(response.headers.get('accept-post')).toBe('application/json');
		}
		const blob = await fetch(url, { method: 'POST', body: new Uint8Array([123, 125]) });
		expect(await refused(blob)).toMatchObject({ status: 415 });
		expect(
			(await post(url, request, { 'Content-Type': 'Application/JSON; Charset="UTF-8"' })).status
		).toBe(200);
	});

	it('refuses malformed JSON with 400, saying where it broke', async () => {
		const { url } = await serve();
		const text = '{"type":"stream","messages":["A"],"readSize":4,}';
		const response = await refused(await post(url, text));
		expect(response).toMatchObject({ status: 400, field: 'body' });
		const at = text.lastIndexOf('}');
		expect(response.error).toContain(`line 1, column ${at + 1}`);
		expect(await refused(await post(url, ''))).toMatchObject({ status: 400, field: 'body' });
	});

	it('refuses a body that is not UTF-8 with 400', async () => {
		const { url } = await serve();
		const response = await fetch(url, {
			method: 'POST',
			headers: { 'Content-Type': 'application/json' },
			body: new Uint8Array([0x7b, 0xff, 0x7d])
		});
		expect(await refused(response)).toMatchObject({
			status: 400,
			error: expect.stringMatching(/UTF-8/)
		});
	});

	it('refuses each bad field with 400 and names it', async () => {
		const { url } = await serve();
		const cases: [Record<string, unknown>, string, RegExp][] = [
			[{ ...request, type: 'seqpacket' }, 'type', /Node cannot open SOCK_SEQPACKET/],
			[{ ...request, type: 'raw' }, 'type', /'stream' or 'datagram'/],
			[{ ...request, messages: [] }, 'messages', /at least one/],
			[{ ...request, messages: ['a', 1] }, 'messages', /messages\[1\]/],
			[
				{ ...request, messages: ['x'.repeat(KERNEL_RUN_LIMITS.maxMessageBytes + 1)] },
				'messages',
				/limit/
			],
			[{ ...request, readSize: 0 }, 'readSize', /from 1 to/],
			[{ ...request, readSize: KERNEL_RUN_LIMITS.maxReadSize + 1 }, 'readSize', /from 1 to/],
			[{ ...request, extra: true }, 'body', /"extra"/]
		];
		for (const [body, field, reason] of cases) {
			const response = await refused(await post(url, body));
			expect(response, JSON.stringify(body).slice(0, 60)).toMatchObject({ status: 400, field });
			expect(response.error).toMatch(reason);
		}
		expect(await refused(await post(url, { ...request, messages: ['a', 1] }))).toMatchObject({
			index: 1
		});
	});

	it('refuses a body over the limit with 413, by its Content-Length or as it streams in', async () => {
		const { url } = await serve({ maxBodyBytes: 100 });
		const big = JSON.stringify({ ...request, messages: ['x'.repeat(200)] });
		expect(await refused(await post(url, big))).toMatchObject({ status: 413 });
		// Chunked: no Content-Length, so the limit is found while reading.
		const status = await new Promise<number>((resolve, reject) => {
			const req = httpRequest(
				url,
				{ method: 'POST', headers: { 'Content-Type': 'application/json' } },
				(res) => {
					res.resume();
					resolve(res.statusCode ?? 0);
				}
			);
			req.on('error', reject);
			req.write(big.slice(0, 60));
			req.end(big.slice(60));
		});
		expect(status).toBe(413);
	});

	it('refuses runs beyond the concurrency cap with 503 and Retry-After, then takes them again', async () => {
		const held = gate();
		let started = () => {};
		const running = new Promise<void>((resolve) => (started = resolve));
		const { url, lab } = await serve({
			maxConcurrent: 1,
			beforeSend: () => {
				started();
				return held.opened;
			}
		});
		const first = post(url, request);
		await running;
		expect(lab.active).toBe(1);
		const second = await post(url, request);
		expect(second.status).toBe(503);
		expect(second.headers.get('retry-after')).toBe('1');
		expect((await refused(second)).error).toMatch(/already running 1 socket run/);
		held.open();
		expect((await first).status).toBe(200);
		expect(lab.active).toBe(0);
		expect((await post(url, request)).status).toBe(200);
	});

	it('answers a run that times out with 500 and a reason, and closes its sockets', async () => {
		// UDP handles only: fetch's pooled connections come and go on their own.
		const udp = async () => (await socketHandles()).UDPWrap ?? 0;
		const before = await udp();
		const held = gate();
		const { url } = await serve({ timeoutMs: 20, beforeSend: () => held.opened });
		const response = await post(url, { ...request, type: 'datagram' });
		expect(await refused(response)).toMatchObject({
			status: 500,
			error: expect.stringMatching(/did not finish within 20 ms/)
		});
		held.open();
		expect(await udp()).toBe(before);
		// The server goes on: with the hold released, the same run finishes.
		expect((await post(url, { ...request, type: 'datagram' })).status).toBe(200);
	});

	it('serves under the base path as well as at the root, and nowhere else', async () => {
		const { origin } = await serve({ basePath: '/socket-explorer/' });
		expect((await post(`${origin}/socket-explorer/socket-lab`, request)).status).toBe(200);
		expect((await post(`${origin}/socket-lab?from=test`, request)).status).toBe(200);
		expect((await post(`${origin}/elsewhere/socket-lab`, request)).status).toBe(404);
	});

	it('refuses browser Origins that are not allowed, when a list is given', async () => {
		const { url } = await serve({ origins: ['https://allowed.example'] });
		expect((await post(url, request, { Origin: 'https://evil.example' })).status).toBe(403);
		expect((await post(url, request, { Origin: 'https://allowed.example' })).status).toBe(200);
	});

	it('refuses new runs once closing, after letting the running one finish', async () => {
		const held = gate();
		let started = () => {};
		const running = new Promise<void>((resolve) => (started = resolve));
		const { url, lab } = await serve({
			beforeSend: () => {
				started();
				return held.opened;
			}
		});
		const first = post(url, request);
		await running;
		let closed = false;
		const closing = lab.close().then(() => (closed = true));
		expect((await post(url, request)).status).toBe(503);
		expect(closed).toBe(false);
		held.open();
		expect((await first).status).toBe(200);
		await closing;
		expect(closed).toBe(true);
	});

	it('keeps serving after clients that leave mid-body or mid-run', async () => {
		const held = gate();
		let started = () => {};
		const running = new Promise<void>((resolve) => (started = resolve));
		const { url, lab } = await serve({
			beforeSend: () => {
				started();
				return held.opened;
			}
		});
		// Leaves after 10 of the 100 bytes it announced.
		const partial = httpRequest(url, {
			method: 'POST',
			headers: { 'Content-Type': 'application/json', 'Content-Length': '100' }
		});
		partial.on('error', () => {});
		partial.write('{"type":"s', () => partial.destroy());
		// Leaves while its run is held open.
		const leaving = new AbortController();
		const aborted = post(url, request, {}, leaving.signal).catch((error: Error) => error.name);
		await running;
		leaving.abort();
		expect(await aborted).toBe('AbortError');
		held.open();
		expect((await post(url, request)).status).toBe(200);
		await lab.close();
		expect(lab.active).toBe(0);
	});

	it('answers any body with 200 or a 4xx, and keeps serving', async () => {
		const { url } = await serve();
		const bodies = fc.oneof(
			fc.string(),
			fc.json(),
			fc
				.record({
					type: fc.constantFrom('stream', 'datagram', 'seqpacket', 1),
					messages: fc.array(fc.oneof(fc.string(), fc.integer()), { maxLength: 4 }),
					readSize: fc.oneof(fc.integer({ min: -2, max: 70000 }), fc.double())
				})
				.map((body) => JSON.stringify(body))
		);
		await fc.assert(
			fc.asyncProperty(bodies, async (body) => {
				const response = await post(url, body);
				await response.arrayBuffer();
				expect([200, 400]).toContain(response.status);
			}),
			{ numRuns: 60 }
		);
		expect((await post(url, request)).status).toBe(200);
	});
});
