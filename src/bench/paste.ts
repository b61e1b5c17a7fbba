/**
 * Benchmark: pasting big inputs into the Frame Decoder, in Chromium, on the built site. Run
 * `npm run build` first, then `npm run bench:paste`.
 *
 * For each of four shapes of 1 MiB of WebSocket frames (one 1 MiB frame, 16 × 64 KiB,
 * 1,000 × 1 KiB, 10,000 × 100 B; server frames, binary, unmasked) it puts the hex on the
 * clipboard, pastes it into the decoder's box with Ctrl+V, as a reader does, and measures the time
 * from the paste event to the first paint after the verdict names every frame, then counts the
 * elements the page holds once it has drawn the rest of its first page. Each shape runs three times in a
 * fresh page; the median counts. Goals (issue 11): each shape within 300 ms, with fewer than
 * 5,000 elements. Exits with status 1 when a goal is missed.
 *
 * The site is served by e2e/static-server.js on 127.0.0.1; the browser is Debian's Chromium.
 */
import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { chromium } from 'playwright-core';

const PORT = 4390;
const RUNS = 3;
const GOAL_MS = 300;
const GOAL_ELEMENTS = 5000;
const CHROMIUM = process.env.CHROMIUM ?? '/usr/bin/chromium';
/** The built site to serve; BENCH_ROOT lets a copy of build/ be measured while build/ changes. */
const ROOT = process.env.BENCH_ROOT ?? 'build';
const PORT_TO_USE = Number(process.env.BENCH_PORT ?? PORT);

interface Shape {
	name: string;
	frames: number;
	size: number;
}

const SHAPES: Shape[] = [
	{ name: 'one 1 MiB frame', frames: 1, size: 1 << 20 },
	{ name: '16 × 64 KiB', frames: 16, size: 64 << 10 },
	{ name: '1,000 × 1 KiB', frames: 1000, size: 1 << 10 },
	{ name: '10,000 × 100 B', frames: 10_000, size: 100 }
];

/** The hex of `frames` unmasked binary server frames of `size` payload bytes each (RFC 6455 §5.2). */
function framesHex({ frames, size }: Shape): string {
	const header =
		size < 126
			? [0x82, size]
			: size < 65536
				? [0x82, 126, size >> 8, size & 0xff]
				: [
						0x82,
						127,
						0,
						0,
						0,
						0,
						(size >>> 24) & 0xff,
						(size >> 16) & 0xff,
						(size >> 8) & 0xff,
						size & 0xff
					];
	const payload = Array.from({ length: size }, (_, i) => (i * 7) & 0xff);
	const one = [...header, ...payload].map((b) => b.toString(16).padStart(2, '0')).join('');
	return one.repeat(frames);
}

/**
 * Runs in the page before the paste: leaves on `window.pasted` a promise of the time from the
 * paste event to the moment the verdict names every frame and a frame has been painted, and of
 * the page's element count. Kept as source text so the bundler's helpers (tsx's __name) do not
 * leak into the page.
 */
const WAIT_FOR_PASTE = new Function(
	'args',
	`window.pasted = new Promise((resolve, reject) => {
		const expected = args.frames.toLocaleString('en') + ' frame';
		window.addEventListener('paste', (event) => {
			const start = event.timeStamp;
			const give = setTimeout(() => reject(new Error('no verdict in 60 s')), 60000);
			const check = () => {
				const verdict = document.querySelector('.verdict')?.textContent ?? '';
				if (verdict.includes(expected) && document.querySelector('article.frame')) {
					// check runs in an animation frame, before that frame's paint: a task queued now
					// runs once what was rendered has reached the screen. The elements are counted
					// a second later, when the page's other frames have been drawn too.
					setTimeout(() => {
						const ms = performance.now() - start;
						clearTimeout(give);
						setTimeout(() => resolve({ ms, elements: document.querySelectorAll('*').length }), 1000);
					}, 0);
				} else requestAnimationFrame(check);
			};
			requestAnimationFrame(check);
		}, { capture: true, once: true });
	})`
) as (args: { frames: number }) => void;

function median(values: number[]): number {
	const sorted = [...values].sort((a, b) => a - b);
	return sorted[Math.floor(sorted.length / 2)];
}

async function main() {
	if (!existsSync(`${ROOT}/tools/frame-decoder/index.html`)) {
		console.error('No build/: run `npm run build` first.');
		process.exit(2);
	}
	const server = spawn(
		process.execPath,
		['e2e/static-server.js', '--root', ROOT, '--base', '/', '--port', String(PORT_TO_USE)],
		{ stdio: 'ignore' }
	);
	await new Promise((resolve) => setTimeout(resolve, 500));
	const browser = await chromium.launch({ executablePath: CHROMIUM });
	let failed = false;
	try {
		console.log('shape              median ms   elements   runs (ms)');
		for (const shape of SHAPES) {
			const hex = framesHex(shape);
			const times: number[] = [];
			let elements = 0;
			for (let run = 0; run < RUNS; run++) {
				const context = await browser.newContext({
					viewport: { width: 1280, height: 900 },
					permissions: ['clipboard-read', 'clipboard-write']
				});
				const page = await context.newPage();
				await page.goto(
					`http://127.0.0.1:${PORT_TO_USE}/tools/frame-decoder/?hex=82+00&from=server`
				);
				await page.locator('html[data-hydrated]').waitFor({ state: 'attached' });
				// A real paste, as a reader makes it: the hex on the clipboard, then Ctrl+V over the
				// box's whole text.
				await page.evaluate((text) => navigator.clipboard.writeText(text), hex);
				const box = page.getByRole('textbox', { name: /^Bytes/ }).first();
				await box.click();
				await page.keyboard.press('Control+A');
				await page.evaluate(WAIT_FOR_PASTE, { frames: shape.frames });
				await page.keyboard.press('Control+V');
				const result = (await page.evaluate('window.pasted')) as { ms: number; elements: number };
				times.push(result.ms);
				elements = result.elements;
				await context.close();
			}
			const ms = median(times);
			const ok = ms <= GOAL_MS && elements < GOAL_ELEMENTS;
			if (!ok) failed = true;
			console.log(
				`${shape.name.padEnd(18)} ${ms.toFixed(0).padStart(9)}   ${String(elements).padStart(8)}   ${times.map((t) => t.toFixed(0)).join(', ')}${ok ? '' : '   ✗ over the goal'}`
			);
		}
		console.log(
			`goals: ${GOAL_MS} ms and fewer than ${GOAL_ELEMENTS.toLocaleString('en')} elements per shape`
		);
	} finally {
		await browser.close();
		server.kill();
	}
	process.exit(failed ? 1 : 0);
}

await main();
