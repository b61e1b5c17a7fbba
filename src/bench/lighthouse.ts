/**
 * Benchmark: Lighthouse's mobile audit of every prerendered page, as issue 8 sets the goal:
 * performance at least 0.98, and accessibility, best practices and SEO at 1. Run `npm run build`
 * first, then `npm run bench:lighthouse` (all pages, three runs each, about 30 minutes) or
 * `npm run bench:lighthouse -- --runs 1 /tools/frame-decoder/ /learn/websocket-frames/`.
 *
 * The site is served by `vite preview` (as `npm run preview` serves it: gzip, the echo server) on
 * 127.0.0.1, and audited in Debian's Chromium with Lighthouse's default mobile settings
 * (simulated throttling: 150 ms round trips, 1.6 Mbit/s, the CPU counted four times slower).
 * Lighthouse's scores move from run to run, most of all on a busy or small machine, because it
 * scales the CPU time it observes; the median of the runs counts. Measure on a quiet machine.
 * Exits with status 1 when a page's median misses a goal.
 *
 * Lighthouse is not a dependency of the project (it is large and only this script uses it):
 * `npx` fetches the pinned version from the npm registry on first use.
 */
import { spawn, spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { prerenderedPages } from '../../e2e/helpers.ts';

const LIGHTHOUSE = 'lighthouse@12.8.2';
const PORT = Number(process.env.BENCH_PORT ?? 4391);
const CHROMIUM = process.env.CHROMIUM ?? '/usr/bin/chromium';
const GOALS = { performance: 0.98, accessibility: 1, 'best-practices': 1, seo: 1 } as const;
type Category = keyof typeof GOALS;

const args = process.argv.slice(2);
const runsAt = args.indexOf('--runs');
const RUNS = runsAt >= 0 ? Number(args[runsAt + 1]) : 3;
const chosen = args.filter((a, i) => !a.startsWith('--') && (runsAt < 0 || i !== runsAt + 1));

interface Run {
	scores: Record<Category, number>;
	tbt: number;
	fcp: number;
	lcp: number;
	cls: number;
}

function audit(url: string): Run | string {
	const result = spawnSync(
		'npx',
		[
			'--yes',
			LIGHTHOUSE,
			url,
			'--quiet',
			'--form-factor=mobile',
			`--only-categories=${Object.keys(GOALS).join(',')}`,
			'--chrome-flags=--headless=new --no-sandbox --disable-gpu',
			'--output=json',
			'--output-path=stdout'
		],
		{ env: { ...process.env, CHROME_PATH: CHROMIUM }, encoding: 'utf8', maxBuffer: 64 << 20 }
	);
	if (result.status !== 0) return `lighthouse failed: ${result.stderr.trim().split('\n').at(-1)}`;
	const report = JSON.parse(result.stdout);
	const scores = Object.fromEntries(
		Object.keys(GOALS).map((c) => [c, report.categories[c]?.score ?? 0])
	) as Record<Category, number>;
	const metric = (id: string) => report.audits[id]?.numericValue ?? NaN;
	return {
		scores,
		tbt: metric('total-blocking-time'),
		fcp: metric('first-contentful-paint'),
		lcp: metric('largest-contentful-paint'),
		cls: metric('cumulative-layout-shift')
	};
}

const median = (values: number[]) => {
	const sorted = [...values].sort((a, b) => a - b);
	return sorted[Math.floor(sorted.length / 2)];
};

async function main() {
	if (!existsSync('build/index.html')) {
		console.error('No build: run `npm run build` first.');
		process.exit(2);
	}
	const server = spawn(
		'npx',
		['vite', 'preview', '--host', '127.0.0.1', '--port', String(PORT), '--strictPort'],
		{
			stdio: 'ignore'
		}
	);
	const base = `http://127.0.0.1:${PORT}`;
	for (let i = 0; i < 100; i++) {
		if (
			await fetch(base).then(
				(r) => r.ok,
				() => false
			)
		)
			break;
		await new Promise((resolve) => setTimeout(resolve, 200));
	}

	let missed = 0;
	try {
		const paths = chosen.length > 0 ? chosen : prerenderedPages();
		console.log(
			`${RUNS} run(s) per page; median; perf min–max; goals: performance ≥ ${GOALS.performance}, the others 1\n`
		);
		console.log(
			'page'.padEnd(32) + 'perf  (min–max)   TBT ms  FCP ms  LCP ms   CLS   a11y  b-p   seo'
		);
		for (const path of paths) {
			const runs: Run[] = [];
			for (let r = 0; r < RUNS; r++) {
				const run = audit(base + path);
				if (typeof run === 'string') {
					console.log(`${path.padEnd(32)}${run}`);
					missed++;
					break;
				}
				runs.push(run);
			}
			if (runs.length < RUNS) continue;
			const perf = runs.map((r) => r.scores.performance);
			const m = (category: Category) => median(runs.map((r) => r.scores[category]));
			const fails = (Object.keys(GOALS) as Category[]).filter((c) => m(c) < GOALS[c]);
			if (fails.length > 0) missed++;
			console.log(
				path.padEnd(32) +
					`${m('performance').toFixed(2)}  (${Math.min(...perf).toFixed(2)}–${Math.max(...perf).toFixed(2)})  ` +
					`${median(runs.map((r) => r.tbt))
						.toFixed(0)
						.padStart(6)}  ` +
					`${median(runs.map((r) => r.fcp))
						.toFixed(0)
						.padStart(6)}  ` +
					`${median(runs.map((r) => r.lcp))
						.toFixed(0)
						.padStart(6)}  ` +
					`${median(runs.map((r) => r.cls)).toFixed(3)}  ` +
					`${m('accessibility').toFixed(2)}  ${m('best-practices').toFixed(2)}  ${m('seo').toFixed(2)}` +
					(fails.length > 0 ? `   misses: ${fails.join(', ')}` : '')
			);
		}
	} finally {
		server.kill();
	}
	if (missed > 0) {
		console.log(`\n${missed} page(s) missed a goal.`);
		process.exit(1);
	}
	console.log('\nEvery page meets every goal.');
}

await main();
