/**
 * Benchmark: do the parsers people paste big inputs into grow linearly? Each parser reads an
 * input of N and of 4N bytes in the same run, and the ratio of the two times is reported: about
 * 4 for linear work, 16 for quadratic. Run with `npm run bench:growth`.
 *
 * Timing belongs here, not in unit tests: a timed assertion in a test proves nothing on a
 * loaded machine, while a ratio measured in one run compares like with like. Exits with status 1
 * if any ratio exceeds MAX_RATIO.
 */
import { parseHexDetailed } from '../lib/protocol/bytes/hex';
import { parseHttpMessage } from '../lib/protocol/http/message';
import { decodeFrames } from '../lib/protocol/websocket/decode';
import { encodeFrame } from '../lib/protocol/websocket/encode';

const RUNS = 5;
/** Linear work gives 4; allow for noise and cache effects, far below quadratic's 16. */
const MAX_RATIO = 6;

interface Case {
	name: string;
	/** Builds an input of about `bytes` bytes. */
	make(bytes: number): unknown;
	run(input: unknown): unknown;
	/** N, in bytes. */
	size: number;
}

const CASES: Case[] = [
	{
		name: 'parseHttpMessage (header lines)',
		size: 1 << 20,
		make: (bytes) => {
			const line = 'X-Filler: abcdefghijklmnopqrstuvwxyz0123456789\r\n';
			return 'GET / HTTP/1.1\r\n' + line.repeat(Math.ceil(bytes / line.length)) + '\r\n';
		},
		run: (input) => parseHttpMessage(input as string)
	},
	{
		name: 'parseHexDetailed (spaced hex)',
		size: 1 << 20,
		make: (bytes) => '81 05 48 65 6c 6c 6f '.repeat(Math.ceil(bytes / 21)),
		run: (input) => parseHexDetailed(input as string)
	},
	{
		name: 'decodeFrames (100-byte masked frames)',
		size: 1 << 20,
		make: (bytes) => {
			const frame = encodeFrame({
				fin: true,
				opcode: 2,
				payload: new Uint8Array(100).fill(7),
				maskingKey: Uint8Array.of(1, 2, 3, 4)
			});
			const count = Math.ceil(bytes / frame.length);
			const out = new Uint8Array(count * frame.length);
			for (let i = 0; i < count; i++) out.set(frame, i * frame.length);
			return out;
		},
		run: (input) => decodeFrames(input as Uint8Array, { from: 'client' })
	}
];

/** Median time of RUNS runs, after one warm-up run. */
function time(run: () => unknown): number {
	run();
	const times: number[] = [];
	for (let i = 0; i < RUNS; i++) {
		const start = performance.now();
		run();
		times.push(performance.now() - start);
	}
	return times.sort((a, b) => a - b)[Math.floor(RUNS / 2)];
}

let failed = false;
for (const c of CASES) {
	const small = c.make(c.size);
	const large = c.make(4 * c.size);
	const t1 = time(() => c.run(small));
	const t4 = time(() => c.run(large));
	const ratio = t4 / t1;
	const ok = ratio <= MAX_RATIO;
	failed ||= !ok;
	const mib = (n: number) => `${(n / (1 << 20)).toFixed(0)} MiB`;
	console.log(
		`${ok ? 'ok  ' : 'FAIL'} ${c.name}: ${mib(c.size)} in ${t1.toFixed(1)} ms, ` +
			`${mib(4 * c.size)} in ${t4.toFixed(1)} ms: ×${ratio.toFixed(2)} (linear ≈ 4, limit ${MAX_RATIO})`
	);
}
process.exit(failed ? 1 : 0);
