import { describe, expect, test } from 'vitest';
import { paintFirst, PRELOADS_PER_TASK, START_ANYWAY_MS } from './paint-first';

// A prerendered page as SvelteKit 2.70 writes it (render.js): preload links in the head, then the
// start script at the end of the body.
const PAGE = `<!doctype html>
<html lang="en">
	<head>
		<meta charset="utf-8" />
		<link href="../../_app/immutable/entry/start.A1.js" rel="modulepreload">
		<link href="../../_app/immutable/chunks/B2.js" rel="modulepreload">
		<link href="../../_app/immutable/nodes/0.C3.js" rel="modulepreload"><title>A tool</title>
	</head>
	<body>
		<div style="display: contents"><main>Server-rendered</main>
			<script>
				{
					__sveltekit_x1 = {
						base: new URL("../..", location).pathname.slice(0, -1)
					};

					const element = document.currentScript.parentElement;

					Promise.all([
						import("../../_app/immutable/entry/start.A1.js"),
						import("../../_app/immutable/entry/app.D4.js")
					]).then(([kit, app]) => {
						kit.start(app, element, {
							node_ids: [0, 18],
							data: [null,{type:"data",data:{text:"});\\n}"},uses:{}}],
							form: null,
							error: null
						});
					});
				}
			</script>
		</div>
	</body>
</html>`;

interface Stand {
	visibilityState?: 'visible' | 'hidden';
	/** Whether the browser has Paint Timing (PerformanceObserver with the 'paint' type). */
	paintTiming?: boolean;
}

/** Runs a rewritten page's start script with stand-ins for the browser, recording what it did. */
function run(html: string, { visibilityState = 'visible', paintTiming = true }: Stand = {}) {
	const script = /<script>([\s\S]*?)<\/script>/.exec(html)![1];
	const log: string[] = [];
	const frames: (() => void)[] = [];
	const timers: { callback: () => void; ms: number }[] = [];
	const observers: Observer[] = [];
	const element = { id: 'body-div' };
	const document = {
		visibilityState,
		currentScript: { parentElement: element },
		createElement: () => ({ rel: '', href: '' }),
		head: { append: (link: { rel: string; href: string }) => log.push(`${link.rel} ${link.href}`) }
	};
	class Observer {
		static supportedEntryTypes = paintTiming ? ['mark', 'paint'] : ['mark'];
		options: unknown = null;
		on = false;
		constructor(public callback: PerformanceObserverCallback) {
			observers.push(this);
		}
		observe(options: unknown) {
			this.options = options;
			this.on = true;
		}
		disconnect() {
			this.on = false;
		}
	}
	/** Reports paint entries with these names to every observer still observing. */
	const paint = (...names: string[]) => {
		for (const observer of observers.filter((o) => o.on)) {
			const list = {
				getEntriesByName: (name: string) =>
					names.filter((n) => n === name).map((n) => ({ name: n }))
			} as unknown as PerformanceObserverEntryList;
			observer.callback(list, observer as unknown as PerformanceObserver);
		}
	};
	const kit = {
		start: (_app: unknown, target: unknown, options: unknown) =>
			log.push(`start ${target === element} ${JSON.stringify(options)}`)
	};
	const load = (url: string) => {
		log.push(`import ${url}`);
		return Promise.resolve(url.includes('/start.') ? kit : { app: true });
	};
	// The script's import() calls go to `load`; everything else runs as written.
	const body = script.replaceAll('import(', 'load(');
	const fn = new Function(
		'document',
		'location',
		'requestAnimationFrame',
		'setTimeout',
		'PerformanceObserver',
		'load',
		body
	) as (...args: unknown[]) => void;
	fn(
		document,
		new URL('https://example.com/tools/a/'),
		(callback: () => void) => frames.push(callback),
		(callback: () => void, ms: number) => timers.push({ callback, ms }),
		paintTiming ? Observer : undefined,
		load
	);
	const settled = () => new Promise((resolve) => setTimeout(resolve, 0));
	return { log, frames, timers, observers, paint, settled };
}

const STARTED = [
	'modulepreload ../../_app/immutable/entry/start.A1.js',
	'modulepreload ../../_app/immutable/chunks/B2.js',
	'modulepreload ../../_app/immutable/nodes/0.C3.js',
	'import ../../_app/immutable/entry/start.A1.js',
	'import ../../_app/immutable/entry/app.D4.js',
	'start true {"node_ids":[0,18],"data":[null,{"type":"data","data":{"text":"});\\n}"},"uses":{}}],"form":null,"error":null}'
];

describe('paintFirst', () => {
	test('moves every modulepreload link out of the head, in order', () => {
		const { html, preloads } = paintFirst(PAGE);
		expect(preloads).toEqual([
			'../../_app/immutable/entry/start.A1.js',
			'../../_app/immutable/chunks/B2.js',
			'../../_app/immutable/nodes/0.C3.js'
		]);
		expect(html).not.toContain('rel="modulepreload"');
		expect(html).toContain('<title>A tool</title>');
		expect(html).toContain('<main>Server-rendered</main>');
	});

	test('fetches and starts nothing until the first contentful paint is reported', async () => {
		const { log, observers, paint, settled } = run(paintFirst(PAGE).html);
		expect(observers.map((o) => o.options)).toEqual([{ type: 'paint', buffered: true }]);
		paint('first-paint');
		await settled();
		expect(log).toEqual([]);
		paint('first-contentful-paint');
		await settled();
		expect(log).toEqual(STARTED);
		expect(observers[0].on).toBe(false);
	});

	test('starts once, when the paint is reported and the fallback timer fires too', async () => {
		const { log, timers, paint, settled } = run(paintFirst(PAGE).html);
		expect(timers.map((t) => t.ms)).toEqual([START_ANYWAY_MS]);
		paint('first-contentful-paint');
		timers[0].callback();
		await settled();
		expect(log).toEqual(STARTED);
	});

	test('starts anyway when no paint is reported in time', async () => {
		const { log, timers, settled } = run(paintFirst(PAGE).html);
		timers[0].callback();
		await settled();
		expect(log).toEqual(STARTED);
	});

	test('without Paint Timing, waits for a frame and a task after it', async () => {
		const { log, frames, timers, settled } = run(paintFirst(PAGE).html, { paintTiming: false });
		expect(frames).toHaveLength(1);
		frames[0]();
		await settled();
		expect(log).toEqual([]);
		expect(timers.map((t) => t.ms)).toEqual([0]);
		timers[0].callback();
		await settled();
		expect(log).toEqual(STARTED);
	});

	test('starts at once in a background tab, which paints nothing', async () => {
		const { log, frames, observers, settled } = run(paintFirst(PAGE).html, {
			visibilityState: 'hidden'
		});
		await settled();
		expect(frames).toEqual([]);
		expect(observers).toEqual([]);
		expect(log).toEqual(STARTED);
	});

	test('adds the preload links a few per task, the first few before the app starts', async () => {
		const hrefs = Array.from({ length: 2 * PRELOADS_PER_TASK + 1 }, (_, i) => `c/${i}.js`);
		const page = PAGE.replace(/<link href="[^"]+" rel="modulepreload">\n?\t*/g, '').replace(
			'<title>',
			hrefs.map((href) => `<link href="${href}" rel="modulepreload">`).join('\n\t\t') + '<title>'
		);
		const { log, timers, settled } = run(paintFirst(page).html, { visibilityState: 'hidden' });
		await settled();
		const preloaded = () => log.filter((line) => line.startsWith('modulepreload')).length;
		expect(preloaded()).toBe(PRELOADS_PER_TASK);
		expect(log.at(-1)).toMatch(/^start true /);
		for (const round of [2, 3]) {
			expect(timers.map((t) => t.ms)).toEqual([0]);
			timers.shift()!.callback();
			expect(preloaded()).toBe(Math.min(round * PRELOADS_PER_TASK, hrefs.length));
		}
		expect(timers).toEqual([]);
		expect(log.filter((line) => line.startsWith('modulepreload'))).toEqual(
			hrefs.map((href) => `modulepreload ${href}`)
		);
	});

	test('leaves a page without a start script as it is', () => {
		const html = '<html><head><link href="a.js" rel="modulepreload"></head><body></body></html>';
		expect(paintFirst(html)).toEqual({ html, preloads: [] });
	});

	test('refuses a start script of another shape, so the build fails instead of the page', () => {
		const changed = PAGE.replace('kit.start(app, element', 'kit.boot(app, element');
		expect(() => paintFirst(changed)).toThrow(/expected shape/);
	});
});
