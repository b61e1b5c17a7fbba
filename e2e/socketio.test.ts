import { expect, test, type Page } from '@playwright/test';
import {
	expectNoAxeViolations,
	open,
	recordProblems,
	scrollsHorizontally,
	smallTargets
} from './helpers';

const SHOTS = '/tmp/shots-socketio-server';

/** The log's entries, as their visible text. */
function entries(page: Page) {
	return page.getByRole('list', { name: 'Packets' }).getByRole('listitem');
}

/** Connects with the defaults (the preview server's own Socket.IO server) and waits for the upgrade. */
async function connectAndUpgrade(page: Page) {
	await expect(page.getByLabel('Socket.IO server')).toHaveValue(/\/socket\.io\/$/);
	await page.getByRole('button', { name: 'Connect' }).click();
	await expect(page.getByRole('status').filter({ hasText: 'Connected' })).toContainText(
		'over websocket'
	);
}

test.describe('the live Socket.IO client on the preview server', () => {
	test('shows the open packet, the upgrade sequence and an acknowledged echo, exactly and reconstructed', async ({
		page
	}) => {
		const problems = recordProblems(page);
		await page.setViewportSize({ width: 1280, height: 900 });
		await open(page, '/tools/socketio/');
		await connectAndUpgrade(page);
		await page.getByLabel('Echo text').fill('hi');
		await page.getByRole('button', { name: 'Send echo' }).click();
		// The server's exact record (the default view once it answers).
		await expect(
			page.getByRole('radio', { name: 'Exact bytes, reported by the server' })
		).toBeChecked();
		const log = entries(page);
		await expect(
			log.filter({ hasText: /^.*GET response.*exact, reported by the server.*0\{"sid":"/ }).first()
		).toBeVisible();
		await expect(
			log.filter({ hasText: 'ping probe' }).filter({ hasText: 'client → server' })
		).toHaveCount(1);
		await expect(
			log.filter({ hasText: 'pong probe' }).filter({ hasText: 'server → client' })
		).toHaveCount(1);
		await expect(log.filter({ hasText: /message · CONNECT/ }).first()).toBeVisible();
		await expect(log.filter({ hasText: /client → server.*upgrade/ })).toHaveCount(1);
		await expect(
			log.filter({ hasText: '420["echo","hi"]' }).filter({ hasText: 'client → server' })
		).toHaveCount(1);
		const ack = log.filter({ hasText: '430["hi"]' });
		await expect(ack.filter({ hasText: 'server → client' })).toHaveCount(1);
		// Choosing it opens it in the decoder.
		await ack.getByRole('button').click();
		await expect(page.getByRole('region', { name: 'Socket.IO live client' })).toContainText('ACK');
		await page.screenshot({ path: `${SHOTS}/exact-1280.png`, fullPage: true });

		// The browser's side: the same packets, labelled reconstructed, and the polling requests.
		await page.getByRole('radio', { name: 'Reconstructed in the browser' }).check();
		await expect(
			log.filter({ hasText: 'reconstructed' }).filter({ hasText: /open/ }).first()
		).toBeVisible();
		await expect(log.filter({ hasText: 'HTTP request' }).first()).toContainText(
			/GET → 200, 0 bytes sent, \d+ bytes received/
		);
		await expect(log.filter({ hasText: 'ping probe' })).toHaveCount(1);
		await expect(log.filter({ hasText: '430["hi"]' })).toHaveCount(1);
		await page.screenshot({ path: `${SHOTS}/reconstructed-1280.png`, fullPage: true });
		expect(page.url()).toMatch(/\/tools\/socketio\/(\?url=.*)?$/);

		await page.getByRole('button', { name: 'Disconnect' }).click();
		await expect(page.getByRole('status').filter({ hasText: 'Disconnected' })).toBeVisible();
		expect(problems).toEqual([]);
	});

	test('polling only, with a binary attachment: every body is a POST or GET body, the attachment b + base64', async ({
		page
	}) => {
		const problems = recordProblems(page);
		await open(page, '/tools/socketio/?transports=polling');
		await expect(page.getByLabel('Transports')).toHaveValue('polling');
		await page.getByRole('button', { name: 'Connect' }).click();
		await expect(page.getByRole('status').filter({ hasText: 'Connected' })).toContainText(
			'over polling'
		);
		await page.getByLabel('Attach 4 binary bytes').check();
		await page.getByRole('button', { name: 'Send echo' }).click();
		const log = entries(page);
		await expect(
			log.filter({ hasText: 'bAQIDBA==' }).filter({ hasText: 'server → client' }).first()
		).toBeVisible();
		await expect(
			log.filter({ hasText: /(client → server|server → client) websocket/ })
		).toHaveCount(0);
		await expect(page.getByRole('status').filter({ hasText: 'Connected' })).toContainText(
			'over polling'
		);
		await page.getByRole('button', { name: 'Disconnect' }).click();
		expect(problems).toEqual([]);
	});

	for (const scheme of ['light', 'dark'] as const) {
		test(`fits 360 px connected, axe-clean, targets ≥ 24 px, in the ${scheme} theme`, async ({
			page
		}) => {
			const problems = recordProblems(page);
			await page.emulateMedia({ colorScheme: scheme });
			await page.setViewportSize({ width: 360, height: 740 });
			await open(page, '/tools/socketio/');
			await connectAndUpgrade(page);
			await page.getByRole('button', { name: 'Send echo' }).click();
			await expect(entries(page).filter({ hasText: '430["Hello, Socket.IO!"]' })).toHaveCount(1);
			expect(await scrollsHorizontally(page)).toBe(false);
			await expectNoAxeViolations(page);
			expect(await smallTargets(page)).toEqual([]);
			await page.screenshot({ path: `${SHOTS}/connected-360-${scheme}.png`, fullPage: true });
			await page.getByRole('button', { name: 'Disconnect' }).click();
			expect(problems).toEqual([]);
		});
	}
});
