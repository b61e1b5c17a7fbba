// @ts-check
/**
 * `npm run size`: for every prerendered page in build/, the gzip size of the JavaScript it loads
 * (its entry scripts and everything they import, statically or through the page's own
 * modulepreload list, plus the compiled lesson an interactive lesson page imports), checked against
 * the page's budget. The visualizers' CSS is counted with it: it travels in their code (see
 * svelte.config.js). Exits 1 when any page is over. Run with tsx, which reads the TypeScript index.
 */
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { gzipSync } from 'node:zlib';
import { buildLessonIndex } from '../lib/content/lessons.ts';

const args = process.argv.slice(2);
/** --verbose lists every file each page loads. */
const VERBOSE = args.includes('--verbose');
const BUILD = resolve(args.find((a) => !a.startsWith('--')) ?? 'build');
const KB = 1024;

/**
 * Budgets in KiB of gzip, first match wins. A lesson page with no visualizer must stay within 45.
 * A lesson with visualizers and a tool page carry the decoder (codec, inflate, components).
 * @type {{ test: (route: string) => boolean; budget: number; what: string }[]}
 */
export const BUDGETS = [
	{
		test: (r) => isLesson(r) && INTERACTIVE.has(r.split('/')[2]),
		budget: 100,
		what: 'interactive lesson'
	},
	{ test: isLesson, budget: 45, what: 'lesson page' },
	{ test: (r) => /^\/tools\/[^/]+\/$/.test(r), budget: 100, what: 'tool page' },
	{ test: () => true, budget: 45, what: 'page' }
];

function isLesson(/** @type {string} */ route) {
	return /^\/learn\/[^/]+\/$/.test(route);
}

/** @param {string} dir @returns {string[]} */
function htmlFiles(dir) {
	return readdirSync(dir).flatMap((name) => {
		const path = join(dir, name);
		if (statSync(path).isDirectory()) return name === '_app' ? [] : htmlFiles(path);
		return name.endsWith('.html') ? [path] : [];
	});
}

/**
 * Scripts a page starts: modulepreload links, the import() calls of its inline start script, and
 * the preloads that script adds after the first paint.
 */
function entryScripts(/** @type {string} */ html) {
	const found = new Set();
	for (const m of html.matchAll(/<link[^>]+rel="modulepreload"[^>]*href="([^"]+)"/g))
		found.add(m[1]);
	for (const m of html.matchAll(/<link[^>]+href="([^"]+)"[^>]*rel="modulepreload"/g))
		found.add(m[1]);
	for (const m of html.matchAll(/import\(\s*"([^"]+\.js)"\s*\)/g)) found.add(m[1]);
	// The preloads that src/lib/server/paint-first.ts moved into the start script. A start script
	// without that list means its shape changed: the count would silently drop the page's chunks.
	const moved = [...html.matchAll(/const preloads = (\[[^\]]*\]);/g)];
	if (html.includes('kit.start(') && moved.length === 0)
		throw new Error('size: a start script without its preload list (see paint-first.ts)');
	for (const m of moved) for (const href of JSON.parse(m[1])) found.add(href);
	for (const m of html.matchAll(/<script[^>]+src="([^"]+\.js)"/g)) found.add(m[1]);
	return [...found];
}

/** Static imports of one module (`import … from "./x.js"`, `import "./x.js"`, `export … from`). */
function staticImports(/** @type {string} */ code) {
	return [
		...code.matchAll(/(?:import|export)\s*(?:[\w*{}\s,$]*?\s*from\s*)?["']([^"']+\.js)["']/g)
	].map((m) => m[1]);
}

/** Resolves a script URL as the browser would, from the page's folder (or the site root). */
function toFile(/** @type {string} */ url, /** @type {string} */ fromDir) {
	const path = url.replace(/^https?:\/\/[^/]+/, '').replace(/[?#].*$/, '');
	if (path.startsWith('/')) {
		// Absolute: drop any base path by finding the _app segment.
		const at = path.indexOf('/_app/');
		return join(BUILD, at >= 0 ? path.slice(at) : path);
	}
	return resolve(fromDir, path);
}

/**
 * A lesson's compiled Markdown is a dynamic import (src/routes/learn/[slug]/+page.ts), so the page's
 * HTML does not name it: find it in Vite's client manifest of the same build.
 */
function lessonChunks() {
	const manifestFile = resolve('.svelte-kit/output/client/.vite/manifest.json');
	/** @type {Map<string, string>} */
	const bySlug = new Map();
	if (!existsSync(manifestFile)) return bySlug;
	/** @type {Record<string, { file: string; src?: string }>} */
	const manifest = JSON.parse(readFileSync(manifestFile, 'utf8'));
	for (const entry of Object.values(manifest)) {
		const match = /^content\/\d+-([a-z0-9-]+)\.md$/.exec(entry.src ?? '');
		if (!match) continue;
		const file = join(BUILD, entry.file);
		if (!existsSync(file)) {
			throw new Error(
				`${entry.file} (from ${manifestFile}) is not in ${BUILD}: build again, then measure`
			);
		}
		bySlug.set(match[1], file);
	}
	return bySlug;
}

const LESSON_CHUNKS = lessonChunks();

/** Slugs of the lessons that load their compiled code (the same index the site uses). */
const INTERACTIVE = new Set(
	buildLessonIndex(
		readdirSync('content')
			.filter((file) => file.endsWith('.md'))
			.map((file) => ({ file, source: readFileSync(join('content', file), 'utf8') }))
	)
		.filter((lesson) => lesson.interactive)
		.map((lesson) => lesson.slug)
);

/** Every JS file a page loads, following static imports. */
function closure(/** @type {string} */ htmlFile, /** @type {string} */ route) {
	const html = readFileSync(htmlFile, 'utf8');
	const seen = new Set();
	const queue = entryScripts(html).map((url) => toFile(url, dirname(htmlFile)));
	// Interactive lessons import their compiled chunk; prose lessons arrive as page data.
	const lesson = /^\/learn\/([^/]+)\/$/.exec(route);
	const chunk = lesson && LESSON_CHUNKS.get(lesson[1]);
	if (lesson && INTERACTIVE.has(lesson[1])) {
		if (!chunk) throw new Error(`no compiled chunk found for the lesson page ${route}`);
		queue.push(chunk);
	}
	while (queue.length) {
		const file = /** @type {string} */ (queue.pop());
		if (seen.has(file)) continue;
		if (!existsSync(file))
			throw new Error(`${relative(BUILD, htmlFile)} loads ${file}, which is missing`);
		seen.add(file);
		for (const url of staticImports(readFileSync(file, 'utf8')))
			queue.push(toFile(url, dirname(file)));
	}
	return [...seen];
}

function main() {
	if (!existsSync(BUILD)) {
		console.error(`No ${BUILD}: run npm run build first.`);
		process.exit(1);
	}
	const rows = htmlFiles(BUILD)
		.map((file) => {
			const route = `/${relative(BUILD, file)}`.replace(/index\.html$/, '');
			const scripts = closure(file, route);
			const gzip = scripts.reduce(
				(sum, f) => sum + gzipSync(readFileSync(f), { level: 9 }).length,
				0
			);
			const { budget, what } = /** @type {(typeof BUDGETS)[number]} */ (
				BUDGETS.find((b) => b.test(route))
			);
			if (VERBOSE) {
				for (const f of scripts) {
					console.log(
						`  ${route} ${relative(BUILD, f)} ${(gzipSync(readFileSync(f), { level: 9 }).length / KB).toFixed(1)} KB`
					);
				}
			}
			return { route, what, files: scripts.length, gzip, budget: budget * KB };
		})
		.sort((a, b) => a.route.localeCompare(b.route));

	const width = Math.max(...rows.map((r) => r.route.length), 4);
	console.log(
		`${'page'.padEnd(width)}  ${'files'.padStart(5)}  ${'JS gzip'.padStart(9)}  ${'budget'.padStart(9)}  kind`
	);
	let over = 0;
	for (const r of rows) {
		const ok = r.gzip <= r.budget;
		if (!ok) over++;
		console.log(
			`${r.route.padEnd(width)}  ${String(r.files).padStart(5)}  ${(r.gzip / KB).toFixed(1).padStart(6)} KB  ${(r.budget / KB).toFixed(0).padStart(6)} KB  ${r.what}${ok ? '' : '  OVER BUDGET'}`
		);
	}
	if (over) {
		console.error(`\n${over} page(s) over budget.`);
		process.exit(1);
	}
	console.log(`\nAll ${rows.length} pages within budget.`);
}

main();
