import { expect, test, type Page } from '@playwright/test';
import { describeNarrow, expectNoAxeViolations, open, recordProblems } from './helpers';

const PATH = '/tools/socket-api/';

const position = (page: Page) => page.getByText(/^Step \d+ of \d+$/);
const currentRow = (page: Page) => page.locator('li[aria-current="step"]');

test.describe('Socket API stepper', () => {
	test('steps forward and back, with the buttons and the arrow keys', async ({ page }) => {
		await open(page, PATH);
		await expect(position(page)).toHaveText('Step 1 of 17');
		await expect(page.getByRole('button', { name: '← Back' })).toBeDisabled();
		const forward = page.getByRole('button', { name: 'Forward →' });
		for (let i = 0; i < 3; i++) await forward.click();
		await expect(position(page)).toHaveText('Step 4 of 17');
		// The server's accept() blocks on an empty queue: no thread, no packet.
		await expect(currentRow(page)).toContainText('accept(3, &peer, &len) …');
		await expect(currentRow(page)).toContainText('Nothing on the wire');
		await expect(currentRow(page)).toContainText('starts no thread');

		await forward.click();
		await forward.click();
		await expect(currentRow(page)).toContainText('connect(3, {192.0.2.10:7000}, 16) …');
		await expect(
			currentRow(page).getByRole('list', { name: 'Packets in this step' })
		).toContainText('[S] SYN');
		await expect(currentRow(page)).toContainText('SYN-RECEIVED');

		await page.getByRole('button', { name: '← Back' }).click();
		await expect(position(page)).toHaveText('Step 5 of 17');
		await page.keyboard.press('ArrowRight');
		await page.keyboard.press('ArrowRight');
		await expect(position(page)).toHaveText('Step 7 of 17');
		await expect(currentRow(page)).toContainText('connect(3, {192.0.2.10:7000}, 16) = 0');
		await page.keyboard.press('ArrowLeft');
		await expect(position(page)).toHaveText('Step 6 of 17');

		// Any call in the columns jumps to its step.
		await page.getByRole('button', { name: /^Step 8:\s*accept\(3, &peer, &len\) = 4$/ }).click();
		await expect(position(page)).toHaveText('Step 8 of 17');
		await expect(currentRow(page)).toContainText('returns a new descriptor, 4');
	});

	test('keeps the arrow keys working when Forward reaches the last step', async ({ page }) => {
		await open(page, `${PATH}?scenario=refused&step=1`);
		const forward = page.getByRole('button', { name: 'Forward →' });
		await forward.focus();
		await page.keyboard.press('Enter');
		await expect(position(page)).toHaveText('Step 3 of 3');
		await expect(forward).toBeDisabled();
		// The disabled button cannot keep the focus: Back takes it, inside the stepper.
		await expect(page.getByRole('button', { name: '← Back' })).toBeFocused();
		await page.keyboard.press('ArrowLeft');
		await expect(position(page)).toHaveText('Step 2 of 3');
	});

	test('keeps the scenario and step in the address, and a link restores them', async ({ page }) => {
		await open(page, PATH);
		await page.getByLabel('Scenario').selectOption({ label: 'Connect to a closed port' });
		await expect(position(page)).toHaveText('Step 1 of 3');
		await page.getByRole('button', { name: 'Forward →' }).click();
		await expect(currentRow(page)).toContainText('= -1 ECONNREFUSED');
		await expect(currentRow(page)).toContainText('[R.] RST+ACK');
		await expect(page).toHaveURL(/scenario=refused&step=1/);

		const other = await page.context().newPage();
		await open(other, page.url());
		await expect(position(other)).toHaveText('Step 2 of 3');
		await expect(other.getByLabel('Scenario')).toHaveValue('refused');
		await expect(currentRow(other)).toContainText('ECONNREFUSED');
	});

	test('plays on its own and pauses', async ({ page }) => {
		await open(page, `${PATH}?scenario=udp&step=0`);
		const play = page.getByRole('button', { name: 'Play' });
		await play.click();
		const pause = page.getByRole('button', { name: 'Pause' });
		await expect(pause).toHaveAttribute('aria-pressed', 'true');
		await expect(position(page)).toHaveText('Step 2 of 10');
		await pause.click();
		await expect(page.getByRole('button', { name: 'Play' })).toHaveAttribute(
			'aria-pressed',
			'false'
		);
	});

	test('with reduced motion, plays without animating the packets', async ({ page }) => {
		await page.emulateMedia({ reducedMotion: 'reduce' });
		await open(page, `${PATH}?scenario=echo&step=4`);
		await page.getByRole('button', { name: 'Play' }).click();
		await expect(position(page)).toHaveText('Step 6 of 17');
		await page.getByRole('button', { name: 'Pause' }).click();
		const packet = currentRow(page).getByRole('listitem').first();
		expect(await packet.evaluate((el) => getComputedStyle(el).animationName)).toBe('none');
	});

	test('shows a dropped SYN and its retransmission when the accept queue is full', async ({
		page
	}) => {
		await open(page, `${PATH}?scenario=backlog-full&step=8`);
		await expect(currentRow(page)).toContainText('dropped');
		await expect(currentRow(page)).toContainText('Accept queue (2 of 2)');
		await page.getByRole('button', { name: 'Forward →' }).click();
		await page.getByRole('button', { name: 'Forward →' }).click();
		await expect(currentRow(page)).toContainText('retransmission');
		await expect(currentRow(page)).toContainText('connect(3, {192.0.2.10:7000}, 16) = 0');
	});

	test('loads and steps with no console message, error or failed request', async ({ page }) => {
		const problems = recordProblems(page);
		await open(page, `${PATH}?scenario=half-close&step=3`);
		for (let i = 0; i < 5; i++) await page.getByRole('button', { name: 'Forward →' }).click();
		await expect(position(page)).toHaveText('Step 9 of 16');
		await page.waitForLoadState('networkidle');
		expect(problems).toEqual([]);
	});

	for (const scheme of ['light', 'dark'] as const) {
		test(`has no axe violations on a full step (${scheme})`, async ({ page }) => {
			await page.emulateMedia({ colorScheme: scheme });
			await open(page, `${PATH}?scenario=backlog-full&step=10`);
			await expect(currentRow(page)).toBeVisible();
			await expectNoAxeViolations(page);
		});
	}
});

describeNarrow('Socket API stepper at 360 px', {
	path: PATH,
	ready: currentRow,
	queriesTitle: 'does not scroll sideways on any scenario',
	queries: [
		'scenario=echo&step=6',
		'scenario=refused&step=1',
		'scenario=backlog-full&step=10',
		'scenario=half-close&step=8',
		'scenario=close-unread&step=8',
		'scenario=udp&step=5',
		'scenario=nonblocking-connect&step=5'
	],
	axe: 'scenario=close-unread&step=8',
	targets: 'scenario=echo&step=6'
});
