import { expect, test } from '@playwright/test';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { prerenderedPages } from './helpers';

// The BASE_PATH=/socket-explorer build, served by a plain static file server (e2e/static-server.js).
const BASE = '/socket-explorer';
const pages = prerenderedPages(
	join(fileURLToPath(new URL('..', import.meta.url)), 'build-subpath')
);

// One test per page, so the suite stays within its time limit as pages are added.
for (const path of pages) {
	test(`${path} loads under the sub-path with no failed request`, async ({ page }) => {
		const failures: string[] = [];
		page.on('response', (r) => {
			if (r.status() >= 400) failures.push(`${r.status()} ${r.url()}`);
		});
		page.on('requestfailed', (r) => {
			// Leaving a page cancels its pending requests; that is not a broken link.
			if (r.failure()?.errorText !== 'net::ERR_ABORTED') failures.push(`failed ${r.url()}`);
		});
		await page.goto(BASE + path, { waitUntil: 'networkidle' });
		await expect(page.getByRole('heading', { level: 1 })).toBeVisible();
		expect(failures).toEqual([]);
	});
}

test('navigation stays under the sub-path', async ({ page }) => {
	await page.goto(`${BASE}/`);
	await page.getByRole('region', { name: 'Lessons' }).getByRole('link').first().click();
	await expect(page).toHaveURL(new RegExp(`^http://[^/]+${BASE}/learn/[a-z0-9-]+/$`));
	await expect(page.locator('pre.shiki').first()).toBeVisible();
	await page.getByRole('link', { name: 'Socket Explorer' }).click();
	await expect(page).toHaveURL(new RegExp(`${BASE}/$`));
});

test('an unknown address gets the 404 page from 404.html', async ({ page }) => {
	const response = await page.goto(`${BASE}/missing/page/`);
	expect(response?.status()).toBe(404);
	await expect(page.getByRole('heading', { level: 1 })).toHaveText('This page is not here');
});

test('the socket types lab says live mode needs the project’s server, and still simulates', async ({
	page
}) => {
	await page.emulateMedia({ reducedMotion: 'reduce' });
	await page.goto(`${BASE}/tools/socket-types/?m=LOGIN+alice%5Cn&m=PASS+secret%5Cn&read=8&loss=0`);
	await page.locator('html[data-hydrated]').waitFor({ state: 'attached' });
	await expect(page.getByText(/^Live mode needs the project’s own server/)).toBeVisible();
	await expect(page.getByRole('button', { name: 'Run on a real kernel' })).toHaveCount(0);
	await expect(
		page.getByRole('list', { name: 'recv() results of the stream run' }).getByRole('listitem')
	).toHaveCount(3);
});

test('the transports tool says the live race needs the project’s server, and still simulates', async ({
	page
}) => {
	await page.goto(`${BASE}/tools/transports/`);
	await page.locator('html[data-hydrated]').waitFor({ state: 'attached' });
	await expect(page.getByText(/^The live race needs the project’s own server/)).toBeVisible();
	await expect(page.getByRole('button', { name: 'Race them for real' })).toHaveCount(0);
	await expect(page.getByRole('table').first()).toBeVisible();
});
