/**
 * Benchmark: readCapture on 100,000-packet files (pcap µs, pcap ns big-endian, pcapng with
 * nanosecond EPBs, pcapng with 1/1024 s ticks), built from the packets of the echo capture.
 * Run with `npx tsx src/bench/capture.ts`. Issue 11's goal is well under a second per file in
 * Node; this prints the median of 5 runs and exits with status 1 above 1 s.
 */
import { readFileSync } from 'node:fs';
import { readCapture } from '../lib/protocol/capture/read';

const PACKETS = 100_000;
const RUNS = 5;
const LIMIT_MS = 1000;

const source = new Uint8Array(
	readFileSync(new URL('../lib/protocol/capture/fixtures/echo.pcap', import.meta.url))
);
const sourceView = new DataView(source.buffer, source.byteOffset, source.byteLength);
const frames: Uint8Array[] = [];
for (let at = 24; at + 16 <= source.length;) {
	const captured = sourceView.getUint32(at + 8, true);
	frames.push(source.subarray(at + 16, at + 16 + captured));
	at += 16 + captured;
}
const frame = (i: number) => frames[i % frames.length];

function pcap(little: boolean, nanosecond: boolean): Uint8Array {
	let size = 24;
	for (let i = 0; i < PACKETS; i++) size += 16 + frame(i).length;
	const out = new Uint8Array(size);
	const view = new DataView(out.buffer);
	view.setUint32(0, nanosecond ? 0xa1b23c4d : 0xa1b2c3d4, little);
	view.setUint16(4, 2, little);
	view.setUint16(6, 4, little);
	view.setUint32(16, 262144, little);
	view.setUint32(20, 1, little);
	let at = 24;
	for (let i = 0; i < PACKETS; i++) {
		const data = frame(i);
		view.setUint32(at, 1_700_000_000 + (i >> 10), little);
		view.setUint32(at + 4, (i * 997) % (nanosecond ? 1e9 : 1e6), little);
		view.setUint32(at + 8, data.length, little);
		view.setUint32(at + 12, data.length, little);
		out.set(data, at + 16);
		at += 16 + data.length;
	}
	return out;
}

function pcapng(tsresol: number): Uint8Array {
	const pad = (n: number) => (n + 3) & ~3;
	let size = 28 + 28;
	for (let i = 0; i < PACKETS; i++) size += 32 + pad(frame(i).length);
	const out = new Uint8Array(size);
	const view = new DataView(out.buffer);
	// SHB: version 1.0, Section Length -1, no options.
	view.setUint32(0, 0x0a0d0d0a, true);
	view.setUint32(4, 28, true);
	view.setUint32(8, 0x1a2b3c4d, true);
	view.setUint16(12, 1, true);
	view.setBigInt64(16, -1n, true);
	view.setUint32(24, 28, true);
	// IDB: Ethernet, SnapLen 0, one option (if_tsresol), no opt_endofopt (readers must cope).
	view.setUint32(28, 1, true);
	view.setUint32(32, 28, true);
	view.setUint16(36, 1, true);
	view.setUint16(44, 9, true);
	view.setUint16(46, 1, true);
	out[48] = tsresol;
	view.setUint32(52, 28, true);
	let at = 56;
	const base = tsresol === 9 ? 1_700_000_000_000_000_000n : 1_700_000_000n * 1024n;
	for (let i = 0; i < PACKETS; i++) {
		const data = frame(i);
		const length = 32 + pad(data.length);
		const ticks = base + BigInt(i * 1_000);
		view.setUint32(at, 6, true);
		view.setUint32(at + 4, length, true);
		view.setUint32(at + 12, Number(ticks >> 32n), true);
		view.setUint32(at + 16, Number(ticks & 0xffffffffn), true);
		view.setUint32(at + 20, data.length, true);
		view.setUint32(at + 24, data.length, true);
		out.set(data, at + 28);
		view.setUint32(at + length - 4, length, true);
		at += length;
	}
	return out;
}

const files: [string, Uint8Array][] = [
	['pcap, µs, little-endian', pcap(true, false)],
	['pcap, ns, big-endian', pcap(false, true)],
	['pcapng, EPB, ns', pcapng(9)],
	['pcapng, EPB, 1/1024 s', pcapng(0x8a)]
];

let failed = false;
for (const [name, file] of files) {
	const times: number[] = [];
	let packets = 0;
	let problems = 0;
	for (let run = 0; run < RUNS; run++) {
		const start = performance.now();
		const reading = readCapture(file);
		times.push(performance.now() - start);
		packets = reading.packets.length;
		problems = reading.ok ? reading.problems.length : 1;
	}
	times.sort((a, b) => a - b);
	const median = times[RUNS >> 1];
	if (median > LIMIT_MS || packets !== PACKETS || problems !== 0) failed = true;
	console.log(
		`${name.padEnd(24)} ${(file.length / 1e6).toFixed(1)} MB  ${packets} packets, ` +
			`${problems} problems  median ${median.toFixed(0)} ms`
	);
}
process.exit(failed ? 1 : 0);
