import { expect, test, type Page } from '@playwright/test';
import { SOCKETIO_EXAMPLES } from '../src/lib/protocol/socketio/examples';
import {
	expectNoAxeViolations,
	open,
	recordProblems,
	scrollsHorizontally,
	smallTargets
} from './helpers';

const PATH = '/tools/socketio-decoder/';
const example = (id: string) => SOCKETIO_EXAMPLES.find((e) => e.id === id)!;
const query = (text: string, kind: string) =>
	new URLSearchParams({ text: text.replaceAll('\x1e', '\\x1e'), kind }).toString();
const card = (page: Page, name: string) => page.getByRole('article', { name });

test.describe('Socket.IO Decoder', () => {
	test('decodes a gallery example: a BINARY_EVENT inside a message, then its attachment', async ({
		page
	}) => {
		await open(page, PATH);
		await page.getByText('Examples').click();
		await page.getByRole('button', { name: example('binary-event').title }).click();
		await expect(page.getByText('The official parsers accept this.')).toBeVisible();
		await expect(page.getByRole('textbox', { name: 'Packet text' })).toHaveValue(
			'451-["echo",{"_placeholder":true,"num":0}]\\x1ebAQIDBA=='
		);
		await expect(card(page, 'Engine.IO packet 1')).toBeVisible();
		const socket = card(page, 'Socket.IO packet').first();
		await expect(socket.getByRole('row', { name: /^Attachments/ })).toContainText(
			'1 binary attachment'
		);
		await expect(socket.getByRole('row', { name: /^Placeholder/ })).toContainText(
			'Placeholder for attachment 0'
		);
		await expect(
			card(page, 'Engine.IO packet 2').getByRole('row', { name: /^Data \(base64\)/ })
		).toContainText('4 bytes of binary data in base64: attachment 1 of 1');
		// Focusing a field lights its characters in the text (mouse out of the way, so it hovers nothing).
		await page.mouse.move(0, 0);
		await socket.getByRole('button', { name: 'Event name: highlight its bytes' }).focus();
		await expect(page.locator('.packet-text span.lit')).toHaveText('"echo",');
	});

	test('locates the error of a broken packet and links to its packet', async ({ page }) => {
		await open(page, PATH);
		const input = page.getByRole('textbox', { name: 'Packet text' });
		await input.fill('42["disconnect"]');
		await expect(page.getByText('The official parsers reject this: 1 error.')).toBeVisible();
		const problem = page.locator('.problem.error');
		await expect(problem).toContainText('"disconnect" is a reserved event name');
		await expect(problem.getByRole('link', { name: 'byte 2' })).toHaveAttribute(
			'href',
			/#.*-packet-0-0$/
		);
		await expect(card(page, 'Socket.IO packet')).toHaveClass(/error/);
	});

	test('keeps the text and the mode in the address, and reads them back', async ({ page }) => {
		await open(page, PATH);
		await page.getByRole('textbox', { name: 'Packet text' }).fill('4a\\x1e2\\x1e4b');
		await page.getByLabel('Read as').selectOption('engine.io-payload');
		await expect(page).toHaveURL(/kind=engine\.io-payload/);
		const url = page.url();
		await page.goto('about:blank');
		await open(page, url.replace(/^https?:\/\/[^/]+/, ''));
		await expect(page.getByRole('textbox', { name: 'Packet text' })).toHaveValue('4a\\x1e2\\x1e4b');
		await expect(page.getByLabel('Read as')).toHaveValue('engine.io-payload');
		await expect(card(page, 'Engine.IO packet 3')).toBeVisible();
	});

	test('loads with no console message, error or failed request', async ({ page }) => {
		const problems = recordProblems(page);
		await open(page, PATH);
		await page.getByText('Examples').click();
		for (const id of ['open', 'polling-payload', 'bad-json']) {
			await page.getByRole('button', { name: example(id).title }).click();
		}
		await page.waitForLoadState('networkidle');
		expect(problems).toEqual([]);
	});
});

test.describe('Socket.IO Decoder at 360 px', () => {
	test.use({ viewport: { width: 360, height: 740 } });

	test('does not scroll sideways on any gallery example', async ({ page }) => {
		test.setTimeout(120_000);
		for (const e of SOCKETIO_EXAMPLES) {
			await open(page, `${PATH}?${query(e.input.text, e.input.kind)}`);
			await expect(page.getByRole('article').first()).toBeVisible();
			expect(await scrollsHorizontally(page), e.id).toBe(false);
		}
	});

	for (const scheme of ['light', 'dark'] as const) {
		test(`has no axe violations (${scheme})`, async ({ page }) => {
			await page.emulateMedia({ colorScheme: scheme });
			const e = example('placeholder-out-of-range');
			await open(page, `${PATH}?${query(e.input.text, e.input.kind)}`);
			await expect(card(page, 'Socket.IO packet')).toBeVisible();
			await expectNoAxeViolations(page);
		});
	}

	test('has buttons and links of at least 24 × 24 px', async ({ page }) => {
		await open(page, PATH);
		await page.getByText('Examples').click();
		expect(await smallTargets(page)).toEqual([]);
	});
});
