/**
 * Paint first, then fetch and start the app.
 *
 * SvelteKit writes a `<link rel="modulepreload">` into the head for every script a page needs,
 * and an inline script that imports the app and hydrates it at once. The server has already
 * rendered the whole page, so none of that script is needed to show it; yet on a phone the
 * preloads compete with the first paint, and Lighthouse's mobile model counts every script that
 * finished loading before the first paint as holding that paint back (15 to 35 files here, one
 * round trip each at least). Its Largest Contentful Paint counts every request, whatever its
 * priority, that ended before that paint.
 *
 * So every page is rewritten as it is prerendered:
 * - the modulepreload links leave the head;
 * - the inline script, after it has read what it must read at once (its own element), waits
 *   until the browser reports the page's first contentful paint, then imports the app and starts
 *   it, and adds the same preload links, a few per task (PRELOADS_PER_TASK), so the browser
 *   still fetches every script in parallel rather than one import after another.
 * The report is Paint Timing's `first-contentful-paint` entry: it comes once the frame is on
 * screen, which is later than the frame's own task (a frame and a task after it were measured to
 * let the scripts start before the entry's time). A browser without Paint Timing waits for one
 * frame and a task. A page in a background tab paints nothing, so it starts at once; and a page
 * whose paint is not reported within START_ANYWAY_MS starts then.
 *
 * The rewrite depends on the exact shape of SvelteKit's inline script (2.70.x). If a page has
 * that script but not that shape, `paintFirst` throws, and the build fails naming the page,
 * rather than shipping a page that never starts.
 */

/** What `paintFirst` changed, for tests and the build's check. */
export interface PaintFirstResult {
	html: string;
	/** The preloads moved from the head into the start script, in order. */
	preloads: string[];
}

const PRELOAD_LINK = /[ \t]*<link href="([^"]+)" rel="modulepreload">\n?/g;
const BOOT_SCRIPT =
	/<script>(\s*\{[\s\S]*?document\.currentScript\.parentElement;[\s\S]*?)<\/script>/;
const BOOT_START = 'Promise.all([';

/**
 * Preload links added per task. Each link starts a request, which costs the main thread up to a
 * millisecond on a large page; a tool page has 15 to 30, which in one go made a task of 20 to 40
 * ms here (four times that on Lighthouse's phone). A browser fetches at most six scripts from a
 * host at once over HTTP/1.1, so adding six at a time delays none of them.
 */
export const PRELOADS_PER_TASK = 6;

/** A page whose first paint has not been reported by then starts anyway. */
export const START_ANYWAY_MS = 3000;

/**
 * Rewrites one prerendered page as the module comment says. A page without SvelteKit's start
 * script (none here, but e.g. a page with `csr = false`) keeps its links and is returned as is.
 */
export function paintFirst(html: string): PaintFirstResult {
	const script = BOOT_SCRIPT.exec(html);
	if (!script) return { html, preloads: [] };

	const body = script[1];
	const start = body.indexOf(BOOT_START);
	// The start call is the block's last statement: it runs to the block's closing brace.
	const end = body.lastIndexOf('}');
	if (start < 0 || end < start || !/kit\.start\(app, element/.test(body.slice(start, end))) {
		throw new Error(
			"paintFirst: SvelteKit's start script does not have the expected shape " +
				'(Promise.all([import(start), import(app)]).then(...kit.start(app, element...)); ' +
				'see src/lib/server/paint-first.ts'
		);
	}

	const preloads: string[] = [];
	const head = html.slice(0, script.index).replace(PRELOAD_LINK, (_, href: string) => {
		preloads.push(href);
		return '';
	});

	const boot = body.slice(start, end).trimEnd();
	const t = '\t\t\t\t\t';
	const wrapped = [
		`let started = false;`,
		`const start = () => {`,
		`\tif (started) return;`,
		`\tstarted = true;`,
		`\tconst preloads = ${JSON.stringify(preloads)};`,
		`\tconst preloadSome = () => {`,
		`\t\tfor (const href of preloads.splice(0, ${PRELOADS_PER_TASK})) {`,
		`\t\t\tconst link = document.createElement('link');`,
		`\t\t\tlink.rel = 'modulepreload';`,
		`\t\t\tlink.href = href;`,
		`\t\t\tdocument.head.append(link);`,
		`\t\t}`,
		`\t\tif (preloads.length > 0) setTimeout(preloadSome, 0);`,
		`\t};`,
		`\tpreloadSome();`,
		`\t${boot}`,
		`};`,
		`// Paint what the server rendered first (see src/lib/server/paint-first.ts).`,
		`if (document.visibilityState === 'hidden') {`,
		`\tstart();`,
		`} else if (typeof PerformanceObserver === 'function' && PerformanceObserver.supportedEntryTypes?.includes('paint')) {`,
		`\tnew PerformanceObserver((list, observer) => {`,
		`\t\tif (list.getEntriesByName('first-contentful-paint').length === 0) return;`,
		`\t\tobserver.disconnect();`,
		`\t\tstart();`,
		`\t}).observe({ type: 'paint', buffered: true });`,
		`\tsetTimeout(start, ${START_ANYWAY_MS});`,
		`} else {`,
		`\trequestAnimationFrame(() => setTimeout(start, 0));`,
		`}`
	].join(`\n${t}`);

	const rewritten = body.slice(0, start) + wrapped + '\n\t\t\t\t' + body.slice(end);

	return {
		html: head + `<script>${rewritten}</script>` + html.slice(script.index + script[0].length),
		preloads
	};
}
