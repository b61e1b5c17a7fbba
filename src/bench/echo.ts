/**
 * Benchmark: the echo server's /echo against a bare ws echo server, under the same load, in
 * one process on 127.0.0.1. Run with `npm run bench:echo`.
 *
 * 500 clients each send 200 numbered messages with up to 10 in flight, and check every echo:
 * a message that never comes back is lost, one that comes back twice is duplicated, and one
 * that comes back after a later one is reordered. Both servers get the same rounds, in
 * alternating order (bare, ours, ours, bare) after a warm-up, and the best round of each
 * counts. Exits with status 1 if anything is lost, duplicated or reordered, or if our
 * throughput is below 0.8× the bare server's.
 *
 * permessage-deflate is off on both servers and on every client, so both do the same work;
 * ws 8 servers leave it off unless told, but its clients offer it by default.
 */
import type { AddressInfo } from 'node:net';
import { WebSocket, WebSocketServer } from 'ws';
import { createEchoServer, silentLogger } from '../echo/server.js';

const CLIENTS = 500;
const MESSAGES = 200;
const WINDOW = 10;
const MIN_RATIO = 0.8;
/** A round that takes longer than this counts what has not come back as lost. */
const ROUND_TIMEOUT_MS = 20_000;
/** Clients connect in batches, so the listen backlog never overflows. */
const CONNECT_BATCH = 50;

/** A server under test: where to connect and how to stop it. */
interface Target {
	name: string;
	url: string;
	close(): Promise<void>;
}

/** What one round measured. */
interface RoundResult {
	name: string;
	clients: number;
	messages: number;
	received: number;
	ms: number;
	rtts: Float64Array;
	lost: number;
	duplicated: number;
	reordered: number;
	/** Echoes carrying another client's id: a server mixing up connections. */
	misrouted: number;
}

async function startOurs(): Promise<Target> {
	const server = createEchoServer({
		port: 0,
		host: '127.0.0.1',
		logger: silentLogger,
		// The bench is a flood by design; the default limit of 200 messages/s would stop it.
		rateLimit: false,
		maxConnections: CLIENTS * 2
	});
	const address = await server.listen();
	return { name: 'echo server', url: `${address.echo}?deflate=0`, close: () => server.close() };
}

async function startBare(): Promise<Target> {
	const wss = new WebSocketServer({ port: 0, host: '127.0.0.1', perMessageDeflate: false });
	wss.on('connection', (ws) => {
		ws.on('message', (data, isBinary) => ws.send(data, { binary: isBinary }));
	});
	await new Promise<void>((resolve) => wss.once('listening', resolve));
	const { port } = wss.address() as AddressInfo;
	return {
		name: 'bare ws',
		url: `ws://127.0.0.1:${port}/`,
		close: () =>
			new Promise<void>((resolve) => {
				for (const ws of wss.clients) ws.terminate();
				wss.close(() => resolve());
			})
	};
}

function connect(url: string): Promise<WebSocket> {
	return new Promise((resolve, reject) => {
		const ws = new WebSocket(url, { perMessageDeflate: false });
		ws.once('open', () => resolve(ws));
		ws.once('error', reject);
	});
}

async function round(target: Target, clients: number, messages: number): Promise<RoundResult> {
	const sockets: WebSocket[] = [];
	for (let i = 0; i < clients; i += CONNECT_BATCH) {
		const batch = Math.min(CONNECT_BATCH, clients - i);
		sockets.push(...(await Promise.all(Array.from({ length: batch }, () => connect(target.url)))));
	}
	const sentAt = new Float64Array(clients * messages);
	const rtts = new Float64Array(clients * messages);
	const seen = new Uint8Array(clients * messages);
	const distinct = new Uint32Array(clients);
	const highest = new Int32Array(clients).fill(-1);
	const nextSeq = new Uint32Array(clients);
	let received = 0;
	let duplicated = 0;
	let reordered = 0;
	let misrouted = 0;
	let finished = 0;
	let done: () => void = () => {};
	const allDone = new Promise<void>((resolve) => (done = resolve));

	const send = (id: number) => {
		const seq = nextSeq[id]++;
		sentAt[id * messages + seq] = performance.now();
		sockets[id].send(`${id}:${seq}`);
	};
	sockets.forEach((ws, id) => {
		ws.on('message', (data) => {
			const now = performance.now();
			const text = data.toString();
			const colon = text.indexOf(':');
			const from = Number(text.slice(0, colon));
			const seq = Number(text.slice(colon + 1));
			if (from !== id || !(seq >= 0 && seq < messages)) {
				misrouted++;
				return;
			}
			const slot = id * messages + seq;
			if (seen[slot]) {
				duplicated++;
				return;
			}
			seen[slot] = 1;
			received++;
			rtts[received - 1] = now - sentAt[slot];
			if (seq < highest[id]) reordered++;
			else highest[id] = seq;
			if (++distinct[id] === messages) {
				if (++finished === clients) done();
			} else if (nextSeq[id] < messages) {
				send(id);
			}
		});
	});

	const start = performance.now();
	for (let id = 0; id < clients; id++)
		for (let k = 0; k < Math.min(WINDOW, messages); k++) send(id);
	let timer: NodeJS.Timeout | undefined;
	await Promise.race([
		allDone,
		new Promise<void>((resolve) => (timer = setTimeout(resolve, ROUND_TIMEOUT_MS)))
	]);
	clearTimeout(timer);
	const ms = performance.now() - start;
	for (const ws of sockets) ws.terminate();
	return {
		name: target.name,
		clients,
		messages,
		received,
		ms,
		rtts: rtts.slice(0, received).sort(),
		lost: clients * messages - received,
		duplicated,
		reordered,
		misrouted
	};
}

async function run(
	start: () => Promise<Target>,
	clients: number,
	messages: number
): Promise<RoundResult> {
	const target = await start();
	try {
		return await round(target, clients, messages);
	} finally {
		await target.close();
	}
}

function percentile(sorted: Float64Array, p: number): number {
	if (sorted.length === 0) return NaN;
	return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))];
}

function throughput(result: RoundResult): number {
	return result.received / (result.ms / 1000);
}

function describe(result: RoundResult): string {
	return (
		`${result.name.padEnd(12)} ${throughput(result).toFixed(0).padStart(7)} msg/s` +
		`  p50 ${percentile(result.rtts, 50).toFixed(2).padStart(6)} ms` +
		`  p99 ${percentile(result.rtts, 99).toFixed(2).padStart(6)} ms` +
		`  in ${(result.ms / 1000).toFixed(2)} s;` +
		`  lost ${result.lost}, duplicated ${result.duplicated}, reordered ${result.reordered}` +
		(result.misrouted ? `, misrouted ${result.misrouted}` : '')
	);
}

function faults(result: RoundResult): number {
	return result.lost + result.duplicated + result.reordered + result.misrouted;
}

async function main(): Promise<void> {
	const began = performance.now();
	console.log(
		`${CLIENTS} clients × ${MESSAGES} messages, up to ${WINDOW} in flight each, on 127.0.0.1; ` +
			`Node ${process.version}.`
	);
	console.log(
		'permessage-deflate: off on both servers and all clients. Echo server rate limit: off.'
	);

	// Warm-up: the JIT compiles both paths before anything is timed.
	await run(startBare, 100, 50);
	await run(startOurs, 100, 50);

	const rounds: RoundResult[] = [];
	for (const start of [startBare, startOurs, startOurs, startBare]) {
		const result = await run(start, CLIENTS, MESSAGES);
		console.log(`  round ${rounds.length + 1}: ${describe(result)}`);
		rounds.push(result);
	}
	// The best round of each: the one least disturbed by whatever else the machine was doing.
	const best = (name: string) =>
		rounds.filter((r) => r.name === name).reduce((a, b) => (throughput(b) > throughput(a) ? b : a));
	const ours = best('echo server');
	const bare = best('bare ws');
	const ratio = throughput(ours) / throughput(bare);
	console.log('Best rounds:');
	console.log(`  ${describe(bare)}`);
	console.log(`  ${describe(ours)}`);
	console.log(
		`Throughput ratio echo server / bare ws: ${ratio.toFixed(2)} (target ≥ ${MIN_RATIO})`
	);
	console.log(`Total run: ${((performance.now() - began) / 1000).toFixed(1)} s.`);

	const failures: string[] = [];
	for (const [i, result] of rounds.entries()) {
		if (faults(result) > 0)
			failures.push(`round ${i + 1} (${result.name}) lost, duplicated or reordered messages`);
	}
	if (ratio < MIN_RATIO)
		failures.push(`throughput ratio ${ratio.toFixed(2)} is below ${MIN_RATIO}`);
	if (failures.length > 0) {
		for (const failure of failures) console.error(`FAIL: ${failure}.`);
		process.exit(1);
	}
	console.log('PASS: nothing lost, duplicated or reordered; throughput target met.');
}

main().catch((error: unknown) => {
	console.error(error);
	process.exit(1);
});
