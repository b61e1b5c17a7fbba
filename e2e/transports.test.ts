import { expect, test, type Page } from '@playwright/test';
import { describeNarrow, open, recordProblems } from './helpers';

const PATH = '/tools/transports/';

/** The summary table's cell for `row` (e.g. "Requests") under `transport`. */
async function cell(page: Page, row: string, transport: string) {
	const table = page.getByRole('table', { name: /What each transport cost/ });
	const headers = await table.locator('thead th').allTextContents();
	const column = headers.indexOf(transport) + 1; // the row header is column 0
	return table
		.getByRole('row', { name: new RegExp(`^${row}`) })
		.locator('td')
		.nth(column - 1);
}

test.describe('Transports simulator', () => {
	test('renders four lanes on one axis, the summary table and the bytes chart, without console errors', async ({
		page
	}) => {
		const problems = recordProblems(page);
		await open(page, PATH);
		const lanes = page.getByRole('list', { name: 'The four transports on one time axis' });
		await expect(lanes.getByRole('listitem')).toHaveCount(4);
		for (const name of ['Short polling', 'Long polling', 'Server-Sent Events', 'WebSocket']) {
			await expect(
				lanes.getByRole('img', { name: new RegExp(`^${name} delivered`) })
			).toBeVisible();
		}
		// Every arrow of a run is drawn; empty polls are marked as wasted.
		await expect(page.locator('[data-transport="short-polling"] .msg.empty').first()).toBeVisible();
		const table = page.getByRole('table', { name: /What each transport cost/ });
		await expect(table.locator('thead th')).toHaveText([
			'Short polling',
			'Long polling',
			'Server-Sent Events',
			'WebSocket'
		]);
		await expect(await cell(page, 'Requests', 'WebSocket')).toHaveText('1');
		await expect(page.getByRole('img', { name: /^Bytes over time/ })).toBeVisible();
		// The stated numbers, with their sources.
		await expect(page.getByText('Request headers: 700 bytes')).toBeVisible();
		await expect(page.getByText(/RFC 8446 §2/)).toBeVisible();
		expect(problems).toEqual([]);
	});

	test('sliders change the summary and the address', async ({ page }) => {
		await open(page, PATH);
		const requests = await cell(page, 'Requests', 'Short polling');
		// 10 s of polls every second: 0, 1, … 9 s.
		await expect(requests).toHaveText('10');
		await page.getByLabel('Poll interval (ms)').fill('2000');
		await expect(requests).toHaveText('5');
		await expect(page).toHaveURL(/poll=2000/);
		const header = await cell(page, 'Header bytes', 'WebSocket');
		const before = await header.textContent();
		await page.getByLabel('Request headers (bytes)').fill('2000');
		await expect(header).not.toHaveText(before ?? '');
		await page.getByLabel('HTTP version').selectOption('2');
		await expect(page.getByText('HTTP/2 in browsers needs TLS, so it is on.')).toBeVisible();
		await expect(page).toHaveURL(/http=2/);
	});

	test('a link restores the settings, the events and the moment shown', async ({ page }) => {
		await open(
			page,
			`${PATH}?pattern=regular&rate=2&poll=500&rtt=200&http=2&tls=1.2&seed=3&at=3000`
		);
		await expect(page.getByLabel('Poll interval (ms)')).toHaveValue('500');
		await expect(page.getByLabel('Round-trip time (ms)')).toHaveValue('200');
		await expect(page.getByLabel('HTTP version')).toHaveValue('2');
		await expect(page.getByLabel('TLS', { exact: true })).toHaveValue('1.2');
		await expect(page.getByLabel('Events', { exact: true })).toHaveValue('regular');
		// One HTTP/2 connection, a poll every 500 ms for 10 s.
		await expect(await cell(page, 'Requests', 'Short polling')).toHaveText('20');
		await expect(await cell(page, 'Connections', 'Short polling')).toHaveText('1');
		await expect(page.getByLabel('Time shown')).toHaveValue('3000');
		await expect(page.locator('output', { hasText: '3,000 ms' })).toBeVisible();
	});

	test('plays, pauses and scrubs', async ({ page }) => {
		await open(page, PATH);
		await page.getByLabel('Time shown').fill('2000');
		await expect(page).toHaveURL(/at=2000/);
		await page.getByRole('button', { name: 'Play' }).click();
		await expect(page.getByRole('button', { name: 'Pause' })).toBeVisible();
		await page.getByRole('button', { name: 'Pause' }).click();
		await expect(page.getByRole('button', { name: 'Play' })).toBeVisible();
		await page.getByRole('button', { name: 'Show all' }).click();
		await expect(page).not.toHaveURL(/at=/);
	});
});

describeNarrow('Transports simulator at 360 px', {
	path: PATH,
	ready: (page) => page.getByRole('table', { name: /What each transport cost/ }),
	queries: ['', 'rate=20&poll=100&rtt=1000&dur=60000&http=2&tls=1.2', 'at=1000'],
	queriesTitle: 'does not scroll sideways, at the defaults, at the busiest settings or scrubbed',
	axe: 'rate=3&poll=700',
	targets: ''
});
