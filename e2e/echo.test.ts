import { open, recordProblems } from './helpers';
import { expect, test, type Page } from '@playwright/test';
import { STATIC_PORT } from './playwright.config';

async function connected(page: Page, path = '/echo') {
	await open(page, '/tools/echo/');
	const client = page.getByRole('region', { name: 'Echo client' });
	// The page finds the project's own echo server behind it.
	await expect(client.getByRole('textbox', { name: 'Endpoint' })).toHaveValue(
		/^ws:\/\/127\.0\.0\.1:\d+\/echo$/
	);
	const endpoint = client.getByRole('textbox', { name: 'Endpoint' });
	await endpoint.fill((await endpoint.inputValue()).replace(/\/echo$/, path));
	await client.getByRole('button', { name: /^(Connect|Reconnect)$/ }).click();
	await expect(client.locator('.badge')).toHaveText('1 OPEN');
	return client;
}

test.describe('Echo client', () => {
	test('connects, sends text and binary, and sees them echoed', async ({ page }) => {
		const client = await connected(page);
		await expect(
			client.getByText(/^Open\. protocol: none · extensions: permessage-deflate/)
		).toBeVisible();

		await client.getByRole('textbox', { name: 'Message', exact: true }).fill('Hello, echo!');
		await client.getByRole('button', { name: 'Send', exact: true }).click();
		const received = client.locator('.entry.received');
		await expect(received.first()).toContainText('text');
		await expect(received.first().locator('.body')).toHaveText('Hello, echo!');

		await client.getByLabel('binary (hex)').check();
		await client.getByRole('textbox', { name: 'Message', exact: true }).fill('de ad be ef');
		await client.getByRole('button', { name: 'Send', exact: true }).click();
		await expect(received.nth(1)).toContainText('binary');
		await expect(received.nth(1).locator('.body')).toHaveText('de ad be ef');

		// A received message's bytes: a reconstruction, labelled as such, decoded.
		await received.first().getByText('Show bytes (reconstructed)').click();
		await expect(received.first().getByText('Reconstructed:')).toBeVisible();
		await expect(received.first().getByText(/Valid: 1 frame, 1 message/)).toBeVisible();
	});

	test('on /inspect, shows the real handshake and masked frame bytes that decode to the text', async ({
		page
	}) => {
		const client = await connected(page, '/inspect');
		const handshake = client.getByText(
			'The handshake your browser really sent, as /inspect received it'
		);
		await expect(handshake).toBeVisible();
		const inspector = client.getByRole('region', { name: 'The handshake of this connection' });
		await expect(inspector.getByRole('textbox', { name: /^Request/ })).toHaveValue(
			/Sec-WebSocket-Key: [A-Za-z0-9+/]{22}==/
		);
		await expect(inspector.getByRole('textbox', { name: /^Response/ })).toHaveValue(
			/^HTTP\/1.1 101 Switching Protocols/
		);
		// Decoded and checked: the accept value really is the hash of the browser's key.
		await expect(inspector.locator('li[data-check="response.accept"]')).toHaveClass(/pass/);

		await client.getByRole('textbox', { name: 'Message', exact: true }).fill('inspect me');
		await client.getByRole('button', { name: 'Send', exact: true }).click();
		const sent = client.locator('.entry.sent').first();
		await sent.getByText('Show bytes (real, from /inspect)').click();
		await expect(
			sent.getByText(/These are the bytes the server received, still masked/)
		).toBeVisible();
		// The browser compressed it (permessage-deflate) and masked it; the decoder undoes both.
		await expect(sent.getByText(/Valid: 1 frame, 1 message/)).toBeVisible();
		await expect(sent.locator('.messages pre')).toHaveText('inspect me');
		await expect(sent.getByText(/^MASK/).first()).toBeVisible();
	});

	test('after a burst on /inspect, a message still gets its own real bytes', async ({ page }) => {
		// Without permessage-deflate: with it, the browser's compressor keeps its context across
		// messages, so a message after the burst cannot be inflated on its own.
		const client = await connected(page, '/inspect?deflate=0');
		await client.getByLabel('Burst').fill('200');
		await client.getByRole('textbox', { name: 'Message', exact: true }).fill('after the burst');
		// Both clicks in one task: the message goes out before any of the burst's frame reports can
		// arrive, and those reports must not be taken for it.
		await client.evaluate((region) => {
			const button = (name: string) =>
				[...region.querySelectorAll('button')].find((b) => b.textContent?.trim() === name);
			button('Run burst')?.click();
			button('Send')?.click();
		});
		await expect(client.getByText(/^200 of 200 echoed/)).toBeVisible();
		const sent = client.locator('.entry.sent').first();
		await sent.getByText('Show bytes (real, from /inspect)').click();
		await expect(sent.getByText(/Valid: 1 frame, 1 message/)).toBeVisible();
		await expect(sent.locator('.messages pre')).toHaveText('after the burst');
	});

	test('closes with 4000 and a reason and shows the CloseEvent', async ({ page }) => {
		const client = await connected(page);
		await client.getByRole('textbox', { name: 'Code' }).fill('1001');
		await client.getByRole('button', { name: 'Close', exact: true }).click();
		await expect(client.getByText(/InvalidAccessError/)).toBeVisible();

		await client.getByRole('textbox', { name: 'Code' }).fill('4000');
		await client.getByRole('textbox', { name: 'Reason' }).fill('done here');
		await client.getByRole('button', { name: 'Close', exact: true }).click();
		await expect(client.locator('.badge')).toHaveText('3 CLOSED');
		await expect(client.locator('.closed')).toContainText('CloseEvent: 4000');
		await expect(client.locator('.closed')).toContainText('reason “done here”');
		await expect(client.locator('.closed')).toContainText('wasClean: true');
	});

	test('a refused endpoint gets a clear explanation', async ({ page }) => {
		await open(page, '/tools/echo/');
		const client = page.getByRole('region', { name: 'Echo client' });
		await client.getByRole('textbox', { name: 'Endpoint' }).fill('ws://127.0.0.1:1/');
		await client.getByRole('button', { name: 'Connect', exact: true }).click();
		await expect(client.locator('.closed')).toContainText('1006');
		await expect(client.locator('.closed')).toContainText('never opened');
		await expect(client.locator('.closed')).toContainText('does not say why');
	});

	test('refuses a URL with a fragment before calling the API', async ({ page }) => {
		await open(page, '/tools/echo/');
		const client = page.getByRole('region', { name: 'Echo client' });
		await client.getByRole('textbox', { name: 'Endpoint' }).fill('ws://127.0.0.1:5173/echo#x');
		await client.getByRole('button', { name: 'Connect', exact: true }).click();
		await expect(client.getByText(/cannot have a fragment/)).toBeVisible();
		await expect(client.getByRole('textbox', { name: 'Endpoint' })).toHaveValue(
			'ws://127.0.0.1:5173/echo#x'
		);
	});

	test('a burst measures round trips', async ({ page }) => {
		const client = await connected(page);
		await client.getByLabel('Burst').fill('50');
		await client.getByRole('button', { name: 'Run burst' }).click();
		await expect(
			client.getByText(
				/50 of 50 echoed · round trip min [\d.]+ ms · median [\d.]+ ms · p99 [\d.]+ ms/
			)
		).toBeVisible();
	});

	test('the endpoint and subprotocols in the address override the default', async ({ page }) => {
		await open(
			page,
			'/tools/echo/?endpoint=ws%3A%2F%2F127.0.0.1%3A1%2Fother&protocols=chat%2C+echo'
		);
		await expect(page.getByRole('textbox', { name: 'Endpoint' })).toHaveValue(
			'ws://127.0.0.1:1/other'
		);
		await expect(page.getByRole('textbox', { name: 'Subprotocols to offer' })).toHaveValue(
			'chat, echo'
		);
		await expect(page.getByText('Endpoint taken from the page address.')).toBeVisible();
	});

	test('keeps the endpoint and subprotocols in the address as they are typed', async ({ page }) => {
		await open(page, '/tools/echo/');
		const endpoint = page.getByRole('textbox', { name: 'Endpoint' });
		await expect(endpoint).toHaveValue(/\/echo$/);
		await endpoint.fill('ws://127.0.0.1:9/x?delay=5');
		await page.getByRole('textbox', { name: 'Subprotocols to offer' }).fill('json');
		await expect(page).toHaveURL(
			/\/tools\/echo\/\?endpoint=ws%3A%2F%2F127\.0\.0\.1%3A9%2Fx%3Fdelay%3D5&protocols=json$/
		);
		// The address reproduces the state: a reload shows the same endpoint, from the address.
		await page.reload();
		await expect(endpoint).toHaveValue('ws://127.0.0.1:9/x?delay=5');
		await expect(page.getByText('Endpoint taken from the page address.')).toBeVisible();
	});
});

test.describe('finding the echo server behind the page', () => {
	// Every page with an echo client, and the endpoint it points at when the server is there.
	const PAGES = [
		{ path: '/learn/websocket-api/', endpoint: '/echo' },
		{ path: '/learn/echo-server/', endpoint: '/inspect' },
		{ path: '/tools/echo/', endpoint: '/echo' }
	];
	// The sub-path build on a plain static file server: no echo server behind it.
	const STATIC = `http://127.0.0.1:${STATIC_PORT}/socket-explorer`;

	for (const { path, endpoint } of PAGES) {
		test(`${path} finds the local server with no failed request or console message`, async ({
			page,
			baseURL
		}) => {
			const problems = recordProblems(page);
			await open(page, path);
			const port = new URL(baseURL!).port;
			await expect(page.getByRole('textbox', { name: 'Endpoint' })).toHaveValue(
				`ws://127.0.0.1:${port}${endpoint}`
			);
			await page.waitForLoadState('networkidle');
			expect(problems).toEqual([]);
		});

		test(`${path} on a static host says there is no server, quietly`, async ({ page }) => {
			const problems = recordProblems(page);
			await open(page, STATIC + path);
			await expect(
				page.getByText(
					path === '/tools/echo/'
						? /^No echo endpoint is configured for this site/
						: /served without Socket Explorer’s echo server/
				)
			).toBeVisible();
			await expect(page.getByRole('textbox', { name: 'Endpoint' })).toHaveValue('');
			await page.waitForLoadState('networkidle');
			expect(problems).toEqual([]);
		});
	}
});

test.describe('Handshake inspector with /inspect', () => {
	test('checks the handshake this browser really made', async ({ page }) => {
		await open(page, '/tools/handshake/');
		await page.getByRole('button', { name: 'Check my browser’s handshake' }).click();
		await expect(
			page.getByText('Filled in with the handshake your browser just made with /inspect.')
		).toBeVisible();
		const inspector = page.getByRole('region', { name: 'Handshake inspector' });
		await expect(inspector.locator('li[data-check="response.accept"]')).toHaveClass(/pass/);
		await expect(inspector.locator('li[data-check="request.key"]')).toHaveClass(/pass/);
	});
});
