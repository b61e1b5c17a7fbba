import { expect, test, type Page } from '@playwright/test';
import {
	describeRenderedLesson,
	open,
	recordProblems,
	revealDeferred,
	scrollsHorizontally
} from './helpers';

const PATH = '/learn/polling-to-websocket/';

test.describe('lesson: From polling to WebSocket', () => {
	test('comes before the Upgrade exchange, in part HTTP push', async ({ page }) => {
		await open(page, PATH);
		await expect(page.getByRole('heading', { level: 1 })).toHaveText('From polling to WebSocket');
		await expect(page.locator('.lesson-header .eyebrow')).toContainText('Part: HTTP push');
		const pager = page.getByRole('navigation', { name: 'Previous and next lesson' });
		await expect(pager.locator('a[rel="next"]')).toContainText('The Upgrade exchange');
		await expect(pager.locator('a[rel="next"]')).toHaveAttribute(
			'href',
			/\/learn\/upgrade-exchange\/$/
		);
		await expect(pager.locator('a.previous')).toContainText('TCP three-way handshake');
	});

	test('covers the four transports, the costs, the connection limit, proxies and the choice', async ({
		page
	}) => {
		await open(page, PATH);
		for (const id of [
			'request-and-response-on-a-connection-that-stays-open',
			'short-polling',
			'long-polling',
			'server-sent-events',
			'websocket',
			'what-each-one-costs',
			'six-connections-per-host-and-what-http2-changes',
			'proxies-and-buffering',
			'which-to-choose',
			'measured-in-your-browser'
		]) {
			await expect(page.locator(`article.lesson h2#${id}`)).toHaveCount(1);
		}
	});

	test('states the cost tables’ numbers that do not depend on the random events', async ({
		page
	}) => {
		await open(page, PATH);
		await revealDeferred(page);
		// One poll per second for 60 s (quiet) or 10 s (busy); SSE and WebSocket take the one-way
		// delay, half the 100 ms round trip, for every event.
		const quiet = await costTable(page, 'A quiet stream');
		expect(quiet['Requests']).toEqual(['60', expect.any(String), '1', '1']);
		expect(quiet['Mean latency'].slice(2)).toEqual(['50 ms', '50 ms']);
		const busy = await costTable(page, 'A busy stream');
		expect(busy['Requests'][0]).toBe('10');
		expect(Number(busy['Requests'][1])).toBeGreaterThan(5 * Number(busy['Requests'][0]));
		const http2 = await costTable(page, 'The quiet stream over HTTP/2');
		expect(http2['Requests']).toEqual(['60', quiet['Requests'][1], '1', '1']);
		// HPACK: the same polls, about a tenth of the header bytes.
		expect(bytes(http2['Header bytes'][0])).toBeLessThan(bytes(quiet['Header bytes'][0]) / 5);
	});

	test('races the four transports for real on the project’s server, from the lesson', async ({
		page
	}) => {
		test.setTimeout(90_000);
		const problems = recordProblems(page);
		await open(page, PATH);
		await revealDeferred(page);
		const live = page.locator('section.live');
		await live.getByRole('button', { name: 'Race them for real' }).click();
		const results = live.locator('table.results');
		await expect(results).toBeVisible({ timeout: 60_000 });
		await expect(live.locator('p.offset')).toContainText('The server’s clock is');
		for (const name of ['Short polling', 'Long polling', 'Server-Sent Events', 'WebSocket']) {
			await expect(results.locator('thead')).toContainText(name);
		}
		// The race ends by aborting the long poll still held, the SSE stream still open, and a short
		// poll that may still be on its way.
		const aborted = /^request failed \(net::ERR_ABORTED\): \S+\/transports\/(poll|long-poll|sse)\?/;
		expect(problems.filter((problem) => !aborted.test(problem))).toEqual([]);
	});

	test('loads with no console message, error or failed request', async ({ page }) => {
		const problems = recordProblems(page);
		await open(page, PATH);
		await expect(page.getByRole('heading', { level: 1 })).toBeVisible();
		expect(await scrollsHorizontally(page)).toBe(false);
		expect(problems).toEqual([]);
	});

	describeRenderedLesson(PATH);
});

/** A cost table (by the start of its caption) as row label → its cells, in lane order. */
async function costTable(page: Page, caption: string): Promise<Record<string, string[]>> {
	const table = page.locator('table.costs').filter({
		has: page.locator('caption', { hasText: caption })
	});
	await expect(table).toHaveCount(1);
	await expect(table.locator('thead th')).toHaveText([
		'Short polling',
		'Long polling',
		'Server-Sent Events',
		'WebSocket'
	]);
	return table
		.locator('tbody tr')
		.evaluateAll((rows) =>
			Object.fromEntries(
				rows.map((row) => [
					row.querySelector('th')?.textContent?.trim() ?? '',
					[...row.querySelectorAll('td')].map((cell) => cell.textContent?.trim() ?? '')
				])
			)
		);
}

/** "60 KB", "1,201 B" → bytes. */
function bytes(text: string): number {
	const match = /^([\d,.]+)\s*(B|KB|MB)$/.exec(text);
	expect(match, text).not.toBeNull();
	const value = Number(match![1].replace(/,/g, ''));
	return value * { B: 1, KB: 1000, MB: 1_000_000 }[match![2] as 'B' | 'KB' | 'MB'];
}
