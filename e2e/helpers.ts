import { readdirSync, statSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { expect, test, type Locator, type Page } from '@playwright/test';

const root = fileURLToPath(new URL('..', import.meta.url));

/** Every page adapter-static prerendered into build/, as site paths ('/', '/learn/x/', …). */
export function prerenderedPages(dir = join(root, 'build')): string[] {
	const pages: string[] = [];
	const walk = (folder: string) => {
		for (const name of readdirSync(folder)) {
			const path = join(folder, name);
			if (statSync(path).isDirectory()) {
				if (name !== '_app') walk(path);
			} else if (name === 'index.html') {
				pages.push(`/${relative(dir, folder).split('\\').join('/')}/`.replace('//', '/'));
			}
		}
	};
	walk(dir);
	return pages.sort();
}

const axePath = createRequire(import.meta.url).resolve('axe-core/axe.min.js');

/**
 * Scrolls every part a visualizer deferred (see src/lib/visualizers/shared/deferred.ts) into
 * view until all are rendered, so checks of the whole page see all of it; then back to the top.
 */
export async function revealDeferred(page: Page) {
	// Parts are deferred as the page hydrates: count them only after that.
	await page.locator('html[data-hydrated]').waitFor({ state: 'attached' });
	const pending = page.locator('[data-deferred]');
	for (let round = 0; round < 80; round++) {
		const before = await pending.count();
		if (before === 0) break;
		// A part may render (and its box leave the page) between counting and scrolling, so
		// neither step may stall the loop: the count at the end is what is checked.
		await pending
			.first()
			.evaluate((el) => el.scrollIntoView({ block: 'center' }), undefined, { timeout: 2000 })
			.catch(() => {});
		await page
			.waitForFunction(
				(before) => document.querySelectorAll('[data-deferred]').length < before,
				before,
				{ timeout: 5000 }
			)
			.catch(() => {});
	}
	await expect(pending).toHaveCount(0);
	await page.evaluate(() => window.scrollTo(0, 0));
}

/**
 * Runs axe-core on the whole page (deferred parts rendered first) and fails with a readable list
 * of every violation.
 */
export async function expectNoAxeViolations(page: Page) {
	// A lesson with twenty decoders is a large page for axe, more so on a busy machine.
	test.info().setTimeout(test.info().timeout + 60_000);
	await revealDeferred(page);
	// Colours are checked as they end up: an element still fading in (e.g. a segment's `appear`
	// animation) has too little contrast for a moment. Endless animations are left running.
	await page.evaluate(() =>
		Promise.all(
			document
				.getAnimations()
				.filter((animation) => animation.effect?.getTiming().iterations !== Infinity)
				.map((animation) => animation.finished.catch(() => undefined))
		)
	);
	await page.addScriptTag({ path: axePath });
	const violations = await page.evaluate(async () => {
		// @ts-expect-error axe is the global the script tag just added
		const result = await window.axe.run(document, { resultTypes: ['violations'] });
		return result.violations.map(
			(v: { id: string; help: string; nodes: { target: string[] }[] }) =>
				`${v.id}: ${v.help} — ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`
		);
	});
	expect(violations, `axe violations on ${page.url()}`).toEqual([]);
}

/**
 * Buttons and links smaller than `min` × `min` CSS pixels (WCAG 2.5.8, Target Size (Minimum)),
 * except those inline in a sentence, which the criterion exempts: a link whose nearest block
 * holds other text. Hidden targets (skip link, heading anchors until hovered) are left out.
 */
export async function smallTargets(page: Page, min = 24) {
	await revealDeferred(page);
	return page.evaluate((min) => {
		const isBlock = (el: Element) => !getComputedStyle(el).display.startsWith('inline');
		const small: string[] = [];
		const targets = document.querySelectorAll<HTMLElement>(
			'a[href], button, summary, input[type="button"], input[type="submit"], [role="button"]'
		);
		for (const target of targets) {
			const box = target.getBoundingClientRect();
			const style = getComputedStyle(target);
			if (box.width <= 1 || box.height <= 1 || style.visibility === 'hidden') continue;
			if (style.opacity === '0') continue;
			if (!isBlock(target)) {
				let block = target.parentElement;
				while (block && !isBlock(block)) block = block.parentElement;
				const own = (target.textContent ?? '').trim();
				const around = (block?.textContent ?? '').trim();
				if (around.length > own.length) continue;
			}
			if (box.width < min - 0.01 || box.height < min - 0.01) {
				const name = (target.getAttribute('aria-label') ?? target.textContent ?? '').trim();
				small.push(
					`${target.tagName.toLowerCase()} “${name.slice(0, 40)}” ${box.width.toFixed(1)}×${box.height.toFixed(1)}`
				);
			}
		}
		return small;
	}, min);
}

/** True when the page scrolls sideways at its current width. */
export async function scrollsHorizontally(page: Page) {
	await revealDeferred(page);
	return page.evaluate(() => {
		const el = document.scrollingElement ?? document.documentElement;
		return el.scrollWidth > el.clientWidth;
	});
}

/**
 * Starts recording everything a page reports going wrong: console messages (any type), uncaught
 * errors, requests that fail and responses with an error status. Call before `goto`; the
 * returned list fills as the page runs.
 */
export function recordProblems(page: Page): string[] {
	const problems: string[] = [];
	page.on('console', (message) => problems.push(`console.${message.type()}: ${message.text()}`));
	page.on('pageerror', (error) => problems.push(`uncaught: ${error.message}`));
	page.on('requestfailed', (request) =>
		problems.push(`request failed (${request.failure()?.errorText}): ${request.url()}`)
	);
	page.on('response', (response) => {
		if (response.status() >= 400) problems.push(`${response.status()}: ${response.url()}`);
	});
	return problems;
}

/** Goes to `path` and waits until the app has hydrated, so input reaches the components. */
export async function open(page: Page, path: string) {
	const response = await page.goto(path);
	await page.locator('html[data-hydrated]').waitFor({ state: 'attached' });
	return response;
}

/** The checks a page owes a 360 px wide screen, and what to wait for before each. */
export interface NarrowChecks {
	/** The page, e.g. '/tools/socket-api/'. */
	path: string;
	/** Visible once the page shows what is checked (e.g. the current step). */
	ready: (page: Page) => Locator;
	/** Queries (after the ?) that must not scroll sideways: the widest states of the page. */
	queries: string[];
	/** What the no-scroll test is called: what its queries cover. */
	queriesTitle: string;
	/** The query axe checks, in the light and the dark theme. */
	axe: string;
	/** The query whose buttons and links are measured. */
	targets: string;
}

/**
 * Registers, under `name`, the tests a page owes a 360 × 740 screen: no sideways scroll in any of
 * `queries`, no axe violations in either theme, and no target under 24 × 24 px.
 */
export function describeNarrow(name: string, checks: NarrowChecks) {
	const at = (query: string) => `${checks.path}?${query}`;
	test.describe(name, () => {
		test.use({ viewport: { width: 360, height: 740 } });

		test(checks.queriesTitle, async ({ page }) => {
			for (const query of checks.queries) {
				await open(page, at(query));
				await expect(checks.ready(page)).toBeVisible();
				expect(await scrollsHorizontally(page), query).toBe(false);
			}
		});

		for (const scheme of ['light', 'dark'] as const) {
			test(`has no axe violations (${scheme})`, async ({ page }) => {
				await page.emulateMedia({ colorScheme: scheme });
				await open(page, at(checks.axe));
				await expect(checks.ready(page)).toBeVisible();
				await expectNoAxeViolations(page);
			});
		}

		test('has targets of at least 24 × 24 px', async ({ page }) => {
			await open(page, at(checks.targets));
			expect(await smallTargets(page)).toEqual([]);
		});
	});
}

/**
 * Registers the checks a lesson with embedded visualizers owes once every part has rendered
 * (site.test.ts checks each page as it loads, before the deferred parts exist): no axe violations
 * at 360 and 1280 px in either theme, and at 360 px no sideways scroll and no target under 24 px.
 */
export function describeRenderedLesson(path: string) {
	for (const width of [360, 1280]) {
		for (const scheme of ['light', 'dark'] as const) {
			test(`has no axe violations at ${width} px (${scheme}), every part rendered`, async ({
				page
			}) => {
				await page.setViewportSize({ width, height: 900 });
				await page.emulateMedia({ colorScheme: scheme });
				await open(page, path);
				await revealDeferred(page);
				await expectNoAxeViolations(page);
			});
		}
	}

	test.describe('at 360 px wide', () => {
		test.use({ viewport: { width: 360, height: 740 } });

		test('does not scroll sideways and has targets of at least 24 × 24 px', async ({ page }) => {
			await open(page, path);
			await revealDeferred(page);
			expect(await scrollsHorizontally(page)).toBe(false);
			expect(await smallTargets(page)).toEqual([]);
		});
	});
}

/**
 * The field names of the page's bit diagrams (BitDiagram) that do not show whole: cut short across
 * or down their box. Deferred parts are rendered first.
 */
export async function clippedBitLabels(page: Page): Promise<string[]> {
	await revealDeferred(page);
	return page.evaluate(() =>
		[...document.querySelectorAll<HTMLElement>('figure.diagram .label')]
			.filter((l) => l.scrollWidth > l.clientWidth || l.scrollHeight > l.clientHeight)
			.map(
				(l) =>
					`${l.textContent?.trim()} (${l.scrollWidth}×${l.scrollHeight} in ${l.clientWidth}×${l.clientHeight})`
			)
	);
}

/**
 * Where the text of an SVG drawing collides: each pair of text lines (a `tspan`, or a `text`
 * without any) whose boxes intersect, and each line that reaches outside the drawing's box.
 * Boxes are the browser's own (getBoundingClientRect), so fonts and widths are the real ones.
 */
export async function textCollisions(svg: Locator): Promise<string[]> {
	return svg.evaluate((drawing) => {
		const frame = drawing.getBoundingClientRect();
		const lines: { text: string; box: DOMRect }[] = [];
		for (const text of drawing.querySelectorAll('text')) {
			const spans = text.querySelectorAll('tspan');
			if (spans.length === 0) {
				lines.push({ text: text.textContent?.trim() ?? '', box: text.getBoundingClientRect() });
				continue;
			}
			// Text before the first tspan is a line of its own.
			for (const node of text.childNodes) {
				if (node.nodeType !== Node.TEXT_NODE || !node.textContent?.trim()) continue;
				const range = document.createRange();
				range.selectNodeContents(node);
				lines.push({ text: node.textContent.trim(), box: range.getBoundingClientRect() });
			}
			for (const span of spans) {
				if (span.textContent?.trim()) {
					lines.push({ text: span.textContent.trim(), box: span.getBoundingClientRect() });
				}
			}
		}
		const found: string[] = [];
		for (const [i, { text, box: a }] of lines.entries()) {
			if (a.left < frame.left || a.right > frame.right) {
				found.push(`“${text}” leaves the drawing (${a.left.toFixed(1)}–${a.right.toFixed(1)})`);
			}
			for (const { text: other, box: b } of lines.slice(i + 1)) {
				// Lines set 14 px apart in a 12 px font touch; less than a pixel in common is not an overlap.
				const apart =
					a.right - 1 <= b.left ||
					b.right - 1 <= a.left ||
					a.bottom - 1 <= b.top ||
					b.bottom - 1 <= a.top;
				if (!apart) found.push(`“${text}” overlaps “${other}”`);
			}
		}
		return found;
	});
}
