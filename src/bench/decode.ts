/**
 * Benchmark: decodeFrames against ws's Receiver on the same 64 MiB stream of masked binary
 * frames (what a server reads from clients). Run with `npm run bench:decode`.
 *
 * Frame sizes are log-uniform between 10 B and 1 MiB from a seeded PRNG, so every run decodes
 * the same bytes. Each decoder is warmed up once, then timed over several runs; the median run
 * counts. Exits with status 1 if decodeFrames is more than 1.5× slower than ws.
 */
import * as wsModule from 'ws';
import { decodeFrames } from '../lib/protocol/websocket/decode';
import { encodeFrame } from '../lib/protocol/websocket/encode';

/** The part of ws's Receiver (a Writable) the benchmark uses. */
interface WsReceiver {
	on(event: 'message', listener: (data: unknown, isBinary: boolean) => void): void;
	on(event: 'error', listener: (error: Error) => void): void;
	write(chunk: Uint8Array): boolean;
}
type WsReceiverClass = new (options: { isServer: boolean; maxPayload: number }) => WsReceiver;

// ws's package.json exports only its entry point, so `ws/lib/receiver.js` cannot be imported
// directly; the ESM entry re-exports the same class, which @types/ws does not declare.
const Receiver = (wsModule as unknown as { Receiver: WsReceiverClass }).Receiver;

const STREAM_BYTES = 64 * 1024 * 1024;
const MIN_FRAME = 10;
const MAX_FRAME = 1024 * 1024;
const RUNS = 5;
const MAX_RATIO = 1.5;
const SEED = 0x5eed;

/** mulberry32: a small, fast, seeded PRNG returning floats in [0, 1). */
function prng(seed: number): () => number {
	let state = seed >>> 0;
	return () => {
		state = (state + 0x6d2b79f5) >>> 0;
		let t = state;
		t = Math.imul(t ^ (t >>> 15), t | 1);
		t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
		return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
	};
}

/** Builds the stream; returns it with the number of frames (= messages) in it. */
function buildStream(): { bytes: Uint8Array; frames: number } {
	const random = prng(SEED);
	const pool = new Uint8Array(MAX_FRAME);
	for (let i = 0; i < pool.length; i++) pool[i] = (random() * 256) | 0;
	const logMin = Math.log(MIN_FRAME);
	const logMax = Math.log(MAX_FRAME);
	const parts: Uint8Array[] = [];
	let total = 0;
	while (total < STREAM_BYTES) {
		const size = Math.round(Math.exp(logMin + random() * (logMax - logMin)));
		const start = (random() * (pool.length - size)) | 0;
		const key = Uint8Array.of(
			(random() * 256) | 0,
			(random() * 256) | 0,
			(random() * 256) | 0,
			(random() * 256) | 0
		);
		const frame = encodeFrame({
			fin: true,
			opcode: 0x2,
			payload: pool.subarray(start, start + size),
			maskingKey: key
		});
		parts.push(frame);
		total += frame.length;
	}
	const bytes = new Uint8Array(total);
	let offset = 0;
	for (const part of parts) {
		bytes.set(part, offset);
		offset += part.length;
	}
	return { bytes, frames: parts.length };
}

function runOurs(bytes: Uint8Array): { ms: number; messages: number } {
	const start = performance.now();
	const result = decodeFrames(bytes, { from: 'client' });
	const ms = performance.now() - start;
	if (result.error) throw new Error(`decodeFrames failed: ${result.error.message}`);
	return { ms, messages: result.messages.length };
}

async function runWs(
	bytes: Uint8Array,
	expected: number
): Promise<{ ms: number; messages: number }> {
	// ws unmasks in place, so every run gets a fresh copy (made before the clock starts).
	const copy = Buffer.from(bytes);
	const receiver = new Receiver({ isServer: true, maxPayload: 0 });
	let messages = 0;
	let finish: () => void = () => {};
	const done = new Promise<void>((resolve, reject) => {
		finish = resolve;
		receiver.on('error', reject);
	});
	receiver.on('message', () => {
		messages++;
		if (messages === expected) finish();
	});
	const start = performance.now();
	receiver.write(copy);
	if (messages < expected) await done;
	const ms = performance.now() - start;
	return { ms, messages };
}

function mbPerSecond(bytes: number, ms: number): string {
	return (bytes / (1024 * 1024) / (ms / 1000)).toFixed(0);
}

async function main(): Promise<void> {
	const { bytes, frames } = buildStream();
	const mib = (bytes.length / (1024 * 1024)).toFixed(1);
	let bufferutil = 'not installed';
	try {
		await import('bufferutil' as string);
		bufferutil = 'INSTALLED (ws unmasks natively)';
	} catch {
		// Expected: ws falls back to its JavaScript unmask loop.
	}
	console.log(`Stream: ${mib} MiB, ${frames} masked binary frames of 10 B – 1 MiB (seed ${SEED}).`);
	console.log(`Node ${process.version}; bufferutil ${bufferutil}.`);

	// Warm-up: one run each, so both are compiled by the JIT before timing.
	const warmOurs = runOurs(bytes);
	const warmWs = await runWs(bytes, frames);
	if (warmOurs.messages !== frames || warmWs.messages !== frames) {
		console.error(
			`Message counts differ: decodeFrames ${warmOurs.messages}, ws ${warmWs.messages}, ` +
				`expected ${frames}.`
		);
		process.exit(1);
	}

	const ours: number[] = [];
	const theirs: number[] = [];
	for (let run = 0; run < RUNS; run++) {
		const a = runOurs(bytes);
		const b = await runWs(bytes, frames);
		if (a.messages !== frames || b.messages !== frames) {
			console.error(`Message counts differ: decodeFrames ${a.messages}, ws ${b.messages}.`);
			process.exit(1);
		}
		ours.push(a.ms);
		theirs.push(b.ms);
	}
	// The median, not the best run: steadier when the machine is busy with other work.
	const median = (times: number[]) => [...times].sort((a, b) => a - b)[times.length >> 1];
	const oursMs = median(ours);
	const wsMs = median(theirs);
	const ratio = oursMs / wsMs;
	const row = (name: string, ms: number, times: number[]) =>
		`${name.padEnd(13)} ${ms.toFixed(1).padStart(8)} ms  ${mbPerSecond(bytes.length, ms).padStart(6)} MB/s` +
		`   (runs: ${times.map((t) => t.toFixed(0)).join(', ')} ms)`;
	console.log(`Both saw ${frames} messages.`);
	console.log(row('decodeFrames', oursMs, ours));
	console.log(row('ws Receiver', wsMs, theirs));
	console.log(`Ratio decodeFrames / ws: ${ratio.toFixed(2)} (target ≤ ${MAX_RATIO})`);
	if (ratio > MAX_RATIO) {
		console.error(`FAIL: decodeFrames is ${ratio.toFixed(2)}× slower than ws.`);
		process.exit(1);
	}
}

main().catch((error: unknown) => {
	console.error(error);
	process.exit(1);
});
