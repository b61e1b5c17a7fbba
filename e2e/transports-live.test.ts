import { expect, test, type Page } from '@playwright/test';
import { expectNoAxeViolations, open, recordProblems, scrollsHorizontally } from './helpers';

const SHOTS = '/tmp/shots-transports-server';
const TRANSPORTS = ['short-polling', 'long-polling', 'sse', 'websocket'] as const;

/**
 * Problems the page reports, less the cancellations the race itself makes when it ends: the
 * long poll still held and the event stream are aborted on purpose.
 */
function unexpected(problems: string[]): string[] {
	return problems.filter(
		(problem) =>
			!/^request failed \(net::ERR_ABORTED\): .*\/transports\/(poll|long-poll|sse)\?/.test(problem)
	);
}

/** Runs a 3 s race and waits for its table. */
async function race(page: Page) {
	await page.getByRole('radio', { name: '3 s' }).check();
	await page.getByRole('button', { name: 'Race them for real' }).click();
	await expect(page.getByRole('button', { name: 'Racing…' })).toBeDisabled();
	await expect(page.getByRole('table', { name: /^Measured in this browser/ })).toBeVisible({
		timeout: 20_000
	});
}

test.describe('the live race on the preview server', () => {
	test('reports measured latency, events, requests and bytes for all four transports', async ({
		page
	}) => {
		test.setTimeout(60_000);
		const problems = recordProblems(page);
		await page.setViewportSize({ width: 1280, height: 900 });
		await open(page, '/tools/transports/');
		await race(page);
		await expect(page.getByText(/^The server’s clock is .* ± /)).toBeVisible();
		const cell = (transport: string, measure: string) =>
			page.locator(`td[data-transport="${transport}"][data-measure="${measure}"] .measured`);
		for (const transport of TRANSPORTS) {
			// At the simulation's default of 2 events per second, a 3 s race sends about 6 events.
			const events = (await cell(transport, 'events').textContent()) ?? '';
			const [received, sent] = events.split(' / ').map(Number);
			expect(sent, transport).toBeGreaterThan(0);
			expect(received, transport).toBeGreaterThan(0);
			await expect(cell(transport, 'latency-mean'), transport).toHaveText(/^-?[\d.,]+ (ms|s)$/);
			await expect(cell(transport, 'requests'), transport).toHaveText(/^[\d.,]+ \/s$/);
			const bytes = (await cell(transport, 'bytes').textContent()) ?? '';
			expect(Number(bytes.replace(/[^\d]/g, '')), `${transport}: ${bytes}`).toBeGreaterThan(0);
		}
		// Polling asks again and again; the pushes make one request for the whole race.
		const requests = async (transport: string) =>
			Number(((await cell(transport, 'requests').textContent()) ?? '').replace(/[^\d.]/g, ''));
		expect(await requests('short-polling')).toBeGreaterThan(await requests('websocket'));
		expect(await requests('long-polling')).toBeGreaterThan(await requests('sse'));
		await page
			.locator('section', { has: page.getByRole('heading', { name: 'The live race' }) })
			.screenshot({ path: `${SHOTS}/race-1280.png` });
		expect(unexpected(problems)).toEqual([]);
	});

	for (const scheme of ['light', 'dark'] as const) {
		test(`fits 360 px with its results, axe-clean, in the ${scheme} theme`, async ({ page }) => {
			test.setTimeout(60_000);
			const problems = recordProblems(page);
			await page.emulateMedia({ colorScheme: scheme });
			await page.setViewportSize({ width: 360, height: 740 });
			await open(page, '/tools/transports/');
			await expect(page.getByRole('button', { name: 'Race them for real' })).toBeVisible();
			await race(page);
			expect(await scrollsHorizontally(page)).toBe(false);
			await expectNoAxeViolations(page);
			await page
				.locator('section', { has: page.getByRole('heading', { name: 'The live race' }) })
				.screenshot({ path: `${SHOTS}/race-360-${scheme}.png` });
			expect(unexpected(problems)).toEqual([]);
		});
	}
});
