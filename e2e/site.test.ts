import { expect, test } from '@playwright/test';
import { PARTS } from '../src/lib/content/lessons';
import {
	expectNoAxeViolations,
	open,
	prerenderedPages,
	recordProblems,
	scrollsHorizontally,
	smallTargets
} from './helpers';

const pages = prerenderedPages();
const lessonPages = pages.filter((path) => /^\/learn\/[^/]+\/$/.test(path));

test.describe('home', () => {
	test('lists every lesson in course order with its description', async ({ page }) => {
		await page.goto('/');
		const items = page.getByRole('region', { name: 'Lessons' }).getByRole('listitem');
		await expect(items).toHaveCount(lessonPages.length);
		await expect(items.first()).toContainText('What is a socket?');
		await expect(items.first()).toContainText('01');
		const first = items.first().getByRole('link');
		await first.click();
		await expect(page).toHaveURL(/\/learn\/what-is-a-socket\/$/);
		await expect(page.getByRole('heading', { level: 1 })).toHaveText('What is a socket?');
	});
});

test.describe('the course in parts', () => {
	const views = [
		{ path: '/', level: 3, scope: 'the Lessons section' },
		{ path: '/learn/', level: 2, scope: 'the page' }
	] as const;
	for (const { path, level, scope } of views) {
		test(`${path} shows the parts in course order, lessons numbered 1..N`, async ({ page }) => {
			await page.goto(path);
			const within =
				path === '/' ? page.getByRole('region', { name: 'Lessons' }) : page.getByRole('main');
			// Part headings and lessons, in document order.
			const items = await within.locator(`h${level}, li`).evaluateAll((elements) =>
				elements.map((el) => ({
					heading: el.tagName !== 'LI',
					text: (el as HTMLElement).innerText.trim(),
					path: el.querySelector('a')?.pathname ?? ''
				}))
			);
			expect(items[0]?.heading, `${scope} starts with a part heading`).toBe(true);
			const parts = items.filter((item) => item.heading).map((item) => item.text);
			const ranks = parts.map((part) => PARTS.indexOf(part as (typeof PARTS)[number]));
			expect(
				ranks.every((rank) => rank >= 0),
				`known parts: ${parts.join(', ')}`
			).toBe(true);
			expect(ranks, 'each part once, in course order').toEqual(
				[...new Set(ranks)].sort((a, b) => a - b)
			);
			items.forEach((item, i) => {
				if (item.heading) expect(items[i + 1]?.heading, `${item.text} has lessons`).toBe(false);
			});

			const lessons = items.filter((item) => !item.heading);
			expect(lessons).toHaveLength(lessonPages.length);
			const numbers = lessons.map((item) => Number(/^\d+/.exec(item.text)?.[0]));
			expect(numbers).toEqual(lessons.map((_, i) => i + 1));

			// Each lesson page names the same part and number.
			const expected: { part: string; path: string }[] = [];
			let part = '';
			for (const item of items) {
				if (item.heading) part = item.text;
				else expected.push({ part, path: item.path });
			}
			for (const [i, lesson] of expected.entries()) {
				await page.goto(lesson.path);
				await expect(page.locator('.lesson-header .eyebrow')).toHaveText(
					`Part: ${lesson.part} · Lesson ${i + 1} of ${expected.length}`
				);
			}
		});
	}
});

test.describe('a lesson', () => {
	test('renders its code highlighted at build time', async ({ page }) => {
		await page.goto('/learn/what-is-a-socket/');
		const c = page.locator('pre.shiki[data-language="c"]').last();
		await expect(c).toBeVisible();
		// Tokens carry both theme colours as CSS variables; at least one keyword is coloured apart
		// from the plain text colour.
		const colours = await c
			.locator('span[style*="--shiki-light"]')
			.evaluateAll((spans) => new Set(spans.map((s) => getComputedStyle(s).color)).size);
		expect(colours).toBeGreaterThan(2);
		await expect(page.locator('pre.shiki[data-language="js"]').first()).toBeVisible();
	});

	test('has a title, a description, an "on this page" list and working anchors', async ({
		page
	}) => {
		await page.goto('/learn/what-is-a-socket/');
		await expect(page).toHaveTitle('What is a socket? — Socket Explorer');
		const description = await page.locator('meta[name="description"]').getAttribute('content');
		expect(description?.length).toBeGreaterThan(40);
		await expect(page.locator('.lede')).toHaveText(description!);

		const toc = page.getByRole('navigation', { name: 'On this page' });
		const links = toc.getByRole('link');
		expect(await links.count()).toBeGreaterThanOrEqual(4);
		const second = links.nth(1);
		const target = (await second.getAttribute('href'))!;
		await second.click();
		await expect(page).toHaveURL(new RegExp(`${target}$`));
		const heading = page.locator(target);
		await expect(heading).toBeInViewport();
		await expect(heading.getByRole('link', { name: /^Link to/ })).toHaveAttribute('href', target);
	});

	test('links to the previous and next lessons in course order', async ({ page }) => {
		const slugs = lessonPages.map((path) => path.split('/')[2]);
		test.skip(slugs.length < 2, 'needs two lessons');
		await page.goto('/');
		const order = await page
			.getByRole('region', { name: 'Lessons' })
			.getByRole('link')
			.evaluateAll((links) => links.map((a) => new URL((a as HTMLAnchorElement).href).pathname));
		await page.goto(order[0]);
		const pager = page.getByRole('navigation', { name: 'Previous and next lesson' });
		await expect(pager.getByRole('link', { name: /^Previous/ })).toHaveCount(0);
		await pager.getByRole('link', { name: /^Next/ }).click();
		await expect(page).toHaveURL(new RegExp(`${order[1]}$`));
		await expect(pager.getByRole('link', { name: /^Previous/ })).toHaveAttribute(
			'href',
			/what-is-a-socket\/$/
		);
		await page.goto(order.at(-1)!);
		await expect(pager.getByRole('link', { name: /^Next/ })).toHaveCount(0);
	});
});

test.describe('theme', () => {
	test('follows the system preference until the reader chooses', async ({ page }) => {
		await page.emulateMedia({ colorScheme: 'dark' });
		await page.goto('/');
		await expect(page.locator('html')).toHaveAttribute('data-theme', 'dark');
		await page.emulateMedia({ colorScheme: 'light' });
		await expect(page.locator('html')).toHaveAttribute('data-theme', 'light');
	});

	test('the toggle switches the theme and the choice survives a new visit', async ({ page }) => {
		await page.emulateMedia({ colorScheme: 'light' });
		await page.goto('/learn/what-is-a-socket/');
		const toggle = page.getByRole('button', { name: 'Dark theme' });
		await expect(toggle).toHaveAttribute('aria-pressed', 'false');
		const lightBackground = await page.evaluate(
			() => getComputedStyle(document.body).backgroundColor
		);

		await toggle.click();
		await expect(toggle).toHaveAttribute('aria-pressed', 'true');
		await expect(page.locator('html')).toHaveAttribute('data-theme', 'dark');
		const darkBackground = await page.evaluate(
			() => getComputedStyle(document.body).backgroundColor
		);
		expect(darkBackground).not.toBe(lightBackground);

		await page.goto('/');
		await expect(page.locator('html')).toHaveAttribute('data-theme', 'dark');
		await expect(page.getByRole('button', { name: 'Dark theme' })).toHaveAttribute(
			'aria-pressed',
			'true'
		);
		await page.getByRole('button', { name: 'Dark theme' }).click();
		await page.reload();
		await expect(page.locator('html')).toHaveAttribute('data-theme', 'light');
	});

	test('a remembered theme is applied before any app script runs (no flash)', async ({ page }) => {
		await page.emulateMedia({ colorScheme: 'light' });
		await page.goto('/');
		await page.evaluate(() => localStorage.setItem('theme', 'dark'));
		// Block the app's JavaScript: only the inline script in the page head can set the theme.
		await page.route('**/_app/**/*.js', (route) => route.abort());
		await page.goto('/learn/what-is-a-socket/');
		await expect(page.locator('html')).toHaveAttribute('data-theme', 'dark');
		const background = await page.evaluate(() => getComputedStyle(document.body).backgroundColor);
		expect(background).toBe('rgb(14, 17, 22)');
	});
});

test.describe('at 360 px wide', () => {
	test.use({ viewport: { width: 360, height: 740 } });
	for (const path of pages) {
		test(`${path} does not scroll sideways`, async ({ page }) => {
			await page.goto(path);
			expect(await scrollsHorizontally(page)).toBe(false);
		});

		for (const scheme of ['light', 'dark'] as const) {
			test(`${path} has no axe violations at 360 px (${scheme})`, async ({ page }) => {
				await page.emulateMedia({ colorScheme: scheme });
				await page.goto(path);
				await expectNoAxeViolations(page);
			});
		}

		test(`${path} has buttons and links of at least 24 × 24 px, outside sentences`, async ({
			page
		}) => {
			await open(page, path);
			expect(await smallTargets(page)).toEqual([]);
		});
	}
});

test.describe('every page', () => {
	for (const path of pages) {
		test(`${path} loads with no console message, error or failed request`, async ({ page }) => {
			const problems = recordProblems(page);
			await open(page, path);
			await page.waitForLoadState('networkidle');
			expect(problems).toEqual([]);
		});

		test(`${path} paints what the server rendered before it fetches any script`, async ({
			page
		}) => {
			await open(page, path);
			const timing = await page.evaluate(() => ({
				paint: performance.getEntriesByName('first-contentful-paint')[0]?.startTime ?? null,
				scripts: performance
					.getEntriesByType('resource')
					.filter((entry) => /\.js(\?|$)/.test(entry.name))
					.map((entry) => ({ name: entry.name, start: entry.startTime }))
			}));
			expect(timing.paint).not.toBeNull();
			expect(timing.scripts.length).toBeGreaterThan(0);
			expect(timing.scripts.filter((script) => script.start < timing.paint!)).toEqual([]);
		});
	}
});

test.describe('accessibility', () => {
	for (const path of pages) {
		for (const scheme of ['light', 'dark'] as const) {
			test(`${path} has no axe violations (${scheme})`, async ({ page }) => {
				await page.emulateMedia({ colorScheme: scheme });
				await page.goto(path);
				await expectNoAxeViolations(page);
			});
		}
	}

	test('the skip link is the first stop and moves focus to the content', async ({ page }) => {
		await page.goto('/learn/what-is-a-socket/');
		await page.keyboard.press('Tab');
		const skip = page.getByRole('link', { name: 'Skip to content' });
		await expect(skip).toBeFocused();
		await expect(skip).toBeInViewport();
		await page.keyboard.press('Enter');
		await expect(page.locator('main')).toBeFocused();
	});
});

test.describe('an unknown address', () => {
	test('shows the 404 page with ways back', async ({ page }) => {
		const response = await page.goto('/no/such/page/');
		expect(response?.status()).toBe(404);
		await expect(page.getByRole('heading', { level: 1 })).toHaveText('This page is not here');
		await expect(page.getByText('/no/such/page/')).toBeVisible();
		await page.getByRole('link', { name: 'All lessons' }).first().click();
		await expect(page).toHaveURL(/\/learn\/$/);
	});

	test('an unknown lesson is a 404 too', async ({ page }) => {
		const response = await page.goto('/learn/no-such-lesson/');
		expect(response?.status()).toBe(404);
		await expect(page.getByRole('heading', { level: 1 })).toHaveText('This page is not here');
	});
});

test.describe('lesson search', () => {
	test('finds lessons and their sections, and keeps the query in the address', async ({ page }) => {
		await page.goto('/learn/');
		await page.locator('html[data-hydrated]').waitFor({ state: 'attached' });
		await page.getByRole('searchbox', { name: 'Search the lessons' }).fill('masking');
		await expect(page.getByRole('status')).toContainText('lessons match “masking”');
		const section = page.getByRole('link', { name: 'Masking, and why clients do it' });
		await expect(section).toBeVisible();
		await expect(page).toHaveURL(/\?q=masking$/);
		await section.click();
		await expect(page).toHaveURL(/\/learn\/websocket-frames\/#masking-and-why-clients-do-it$/);

		await page.goto('/learn/?q=zzzz');
		await expect(page.getByText('No lesson mentions every word of that search.')).toBeVisible();
	});
});
