import { open } from './helpers';
import { expect, test } from '@playwright/test';

test.describe('Accept calculator', () => {
	test('shows every step for the RFC example and for a typed key', async ({ page }) => {
		await open(page, '/tools/accept/');
		const calculator = page.getByRole('region', { name: 'Accept calculator' });
		const steps = calculator.getByRole('listitem');
		await expect(steps.nth(1)).toContainText(
			'dGhlIHNhbXBsZSBub25jZQ==258EAFA5-E914-47DA-95CA-C5AB0DC85B11'
		);
		await expect(steps.nth(2)).toContainText(
			'b3 7a 4f 2c c0 62 4f 16 90 f6 46 06 cf 38 59 45 b2 be c4 ea'
		);
		await expect(steps.nth(3)).toContainText('s3pPLMBiTxaQ9kYGzzhZRbK+xOo=');

		const key = calculator.getByLabel('Sec-WebSocket-Key');
		await key.fill('x3JJHMbDL1EzLkh9GBhXDw==');
		await expect(steps.nth(3)).toContainText('HSmrc0sMlYUkAGmm5OPpG2HaGWk=');
		await expect(page).toHaveURL(/key=x3JJHMbDL1EzLkh9GBhXDw/);

		await key.fill('not a key');
		await expect(calculator.getByRole('status')).toContainText('is not valid base64');
		await expect(key).toHaveValue('not a key');
	});

	test('opens a shared link on the key it names, spaces and all', async ({ page }) => {
		await open(page, '/tools/accept/?key=%20x3JJHMbDL1EzLkh9GBhXDw%3D%3D');
		const calculator = page.getByRole('region', { name: 'Accept calculator' });
		await expect(calculator.getByLabel('Sec-WebSocket-Key')).toHaveValue(
			' x3JJHMbDL1EzLkh9GBhXDw=='
		);
		const steps = calculator.getByRole('listitem');
		await expect(steps.nth(0)).toContainText('surrounding spaces removed');
		await expect(steps.nth(3)).toContainText('HSmrc0sMlYUkAGmm5OPpG2HaGWk=');
	});

	test('generates a fresh 16-byte key', async ({ page }) => {
		await open(page, '/tools/accept/');
		const calculator = page.getByRole('region', { name: 'Accept calculator' });
		await calculator.getByRole('button', { name: 'Generate a key' }).click();
		await expect(calculator.getByLabel('Sec-WebSocket-Key')).toHaveValue(/^[A-Za-z0-9+/]{22}==$/);
		await expect(calculator.getByRole('status')).toContainText('is base64 of 16 bytes');
	});
});

test.describe('Handshake inspector', () => {
	test('pastes a broken response and sees the failing check with its line', async ({ page }) => {
		await open(page, '/tools/handshake/');
		const inspector = page.getByRole('region', { name: 'Handshake inspector' });
		await inspector
			.getByRole('textbox', { name: /^Request/ })
			.fill(
				'GET /chat HTTP/1.1\r\nHost: example.com\r\nUpgrade: websocket\r\nConnection: Upgrade\r\nSec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\nSec-WebSocket-Version: 13\r\nOrigin: https://example.com\r\n\r\n'
			);
		await inspector
			.getByRole('textbox', { name: /^Response/ })
			.fill(
				'HTTP/1.1 101 Switching Protocols\r\nUpgrade: websocket\r\nConnection: Upgrade\r\nSec-WebSocket-Accept: xxxxxxxxxxxxxxxxxxxxxxxxxxx=\r\n\r\n'
			);
		const failing = inspector.locator('li[data-check="response.accept"]');
		await expect(failing).toHaveClass(/fail/);
		await expect(failing).toContainText('s3pPLMBiTxaQ9kYGzzhZRbK+xOo=');
		await expect(failing).toContainText('line 4');
		await expect(inspector.getByText(/1 check fails/)).toBeVisible();
		// The response's line 4 is marked, and choosing the check's line highlights it.
		const line4 = inspector
			.getByRole('group', { name: 'Response, numbered lines' })
			.locator('[data-line="4"]');
		await expect(line4).toHaveClass(/error/);
		await failing.getByRole('button', { name: 'line 4' }).click();
		await expect(line4).toHaveClass(/highlighted/);
	});

	test('loads a broken example and keeps the exchange in the address', async ({ page }) => {
		await open(page, '/tools/handshake/');
		await page.getByText('Examples').click();
		// Badges come from each example's expected verdict: version-8 fails two checks.
		await expect(page.getByRole('button', { name: /Sec-WebSocket-Version 8/ })).toContainText(
			'2 failing'
		);
		await page.getByRole('button', { name: /200/ }).first().click();
		const inspector = page.getByRole('region', { name: 'Handshake inspector' });
		await expect(inspector.locator('li[data-check="response.status"]')).toHaveClass(/fail/);
		await expect(page).toHaveURL(/response=HTTP%2F1.1\+200/);
		const shared = page.url();
		const other = await page.context().newPage();
		await open(other, shared);
		await expect(
			other
				.getByRole('region', { name: 'Handshake inspector' })
				.locator('li[data-check="response.status"]')
		).toHaveClass(/fail/);
	});
});
