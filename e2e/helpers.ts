import { readdirSync, statSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { expect, test, type Page } from '@playwright/test';

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
