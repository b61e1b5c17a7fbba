import { expect, test, type Page } from '@playwright/test';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { expectNoAxeViolations, open, recordProblems, scrollsHorizontally } from './helpers';

const PATH = '/tools/frame-decoder/';
/** The decoder reading as a client would: server frames, which are not masked. */
const AS_CLIENT = `${PATH}?hex=82+00&from=server`;

/**
 * The hex of `count` unmasked binary server frames of `size` payload bytes (size < 126: header
 * 82 and the length in one byte, RFC 6455 §5.2), written in the page so the test sends no megabyte.
 */
async function paste(page: Page, count: number, size: number) {
	const box = page.getByRole('textbox', { name: /^Bytes/ });
	await box.evaluate(
		(element, [count, size]) => {
			const frame = [0x82, size, ...Array.from({ length: size }, (_, i) => (i * 7) & 0xff)];
			const hex = frame.map((b) => b.toString(16).padStart(2, '0')).join('');
			(element as HTMLTextAreaElement).value = hex.repeat(count);
			element.dispatchEvent(new Event('input', { bubbles: true }));
		},
		[count, size]
	);
}

const elements = (page: Page) => page.evaluate(() => document.querySelectorAll('*').length);

test.describe('Frame Decoder with a big paste', () => {
	test('decodes 10,000 frames with the right verdict and a bounded page', async ({ page }) => {
		const problems = recordProblems(page);
		await open(page, AS_CLIENT);
		await paste(page, 10_000, 100);
		await expect(page.getByText('Valid: 10,000 frames, 10,000 messages.')).toBeVisible({
			timeout: 20_000
		});
		// The text box gave way to a line that stands for the input, and says what was read.
		await expect(page.getByText('2,040,000 characters pasted')).toBeVisible();
		await expect(page.getByText('Read as plain hex: 1,020,000 bytes.')).toBeVisible();
		await expect(page.getByText('This input is too long to keep in a link.')).toBeVisible();
		await expect(page.getByRole('article', { name: /^Frame 1: binary/ })).toBeVisible();
		expect(await elements(page)).toBeLessThan(5000);
		// The address holds no megabyte.
		await expect.poll(() => page.url()).not.toContain('hex=');
		expect(problems).toEqual([]);
	});

	test('pages through the frames and messages by keyboard', async ({ page }) => {
		await open(page, AS_CLIENT);
		await paste(page, 10_000, 100);
		const frames = page.getByRole('group', { name: 'Pages of frames' });
		await expect(frames.getByText('Frames 1–10 of 10,000')).toBeVisible({ timeout: 20_000 });
		await frames.getByRole('button', { name: 'Next' }).focus();
		await page.keyboard.press('Enter');
		await expect(frames.getByText('Frames 11–20 of 10,000')).toBeVisible();
		await expect(page.getByRole('article', { name: /^Frame 11: binary/ })).toBeVisible();
		await expect(page.getByRole('article', { name: /^Frame 1: binary/ })).toHaveCount(0);
		await page.keyboard.press('Shift+Tab');
		await page.keyboard.press('Enter');
		await expect(frames.getByText('Frames 1–10 of 10,000')).toBeVisible();

		await frames.getByRole('spinbutton', { name: 'Go to frame' }).focus();
		await page.keyboard.type('9999');
		await page.keyboard.press('Enter');
		await expect(frames.getByText('Frames 9,991–10,000 of 10,000')).toBeVisible();
		await expect(page.getByRole('article', { name: /^Frame 9,?999: binary/ })).toBeInViewport();
		// A page past the first has its fields too, read again for that page.
		const fields = page.getByRole('table', { name: 'Fields of frame 9999' });
		await expect(fields.getByRole('row', { name: /Payload data/ })).toBeVisible();
		await expect(fields.getByRole('row', { name: /FIN/ })).toBeVisible();

		const messages = page.getByRole('group', { name: 'Pages of messages' });
		await messages.getByRole('button', { name: 'Next' }).focus();
		await page.keyboard.press('Enter');
		await expect(messages.getByText('Messages 11–20 of 10,000')).toBeVisible();
		expect(await elements(page)).toBeLessThan(5000);
	});

	test('takes a big input out of the text box and gives it back to edit', async ({ page }) => {
		await open(page, AS_CLIENT);
		await paste(page, 2_000, 100);
		const summary = page.getByText('408,000 characters pasted');
		await expect(summary).toBeVisible();
		await expect(page.getByRole('textbox', { name: /^Bytes/ })).toHaveCount(0);
		await page.getByRole('button', { name: 'Edit the text' }).click();
		const box = page.getByRole('textbox', { name: /^Bytes/ });
		await expect(box).toBeFocused();
		await box.fill('81 02 68 69');
		await expect(page.getByText('Valid: 1 frame, 1 message.')).toBeVisible();
		// Small again: it is back in the address.
		await expect(page).toHaveURL(/hex=81\+02\+68\+69&from=server/);
		await paste(page, 2_000, 100);
		await page.getByRole('button', { name: 'Clear' }).click();
		await expect(page.getByRole('textbox', { name: /^Bytes/ })).toBeFocused();
		await expect(page.getByRole('textbox', { name: /^Bytes/ })).toHaveValue('');
	});

	test.describe('pasted from the clipboard', () => {
		test.use({ permissions: ['clipboard-read', 'clipboard-write'] });

		/** Puts `count` frames of `size` bytes on the clipboard, as hex, `between` each two. */
		async function copy(page: Page, count: number, size: number, between = '') {
			await page.evaluate(
				([count, size, between]) => {
					const frame = [0x82, size, ...Array.from({ length: size }, (_, i) => (i * 7) & 0xff)];
					const hex = frame.map((b) => b.toString(16).padStart(2, '0')).join('');
					return navigator.clipboard.writeText(Array(count).fill(hex).join(between));
				},
				[count, size, between] as const
			);
		}

		test('a big paste never enters the text box, and joins the text around the caret', async ({
			page
		}) => {
			await open(page, AS_CLIENT);
			const box = page.getByRole('textbox', { name: /^Bytes/ });
			await box.fill('81 02 68 69 ');
			await box.press('End');
			await copy(page, 1_000, 100);
			// What the box holds at any input event: had the text gone into it, it would be long.
			await box.evaluate((element) => {
				element.addEventListener('input', () => {
					const length = (element as HTMLTextAreaElement).value.length;
					document.body.dataset.longestInBox = String(
						Math.max(length, Number(document.body.dataset.longestInBox ?? 0))
					);
				});
			});
			await page.keyboard.press('Control+V');
			// The text before the caret is kept: one text frame, then the thousand pasted.
			await expect(page.getByText('Valid: 1,001 frames, 1,001 messages.')).toBeVisible();
			await expect(page.getByText('204,012 characters pasted')).toBeVisible();
			await expect(box).toHaveCount(0);
			await expect(page.getByRole('article', { name: /^Frame 1: text/ })).toBeVisible();
			expect(Number(await page.locator('body').getAttribute('data-longest-in-box'))).toBeLessThan(
				100
			);
		});

		test('a big paste over the selected text replaces it', async ({ page }) => {
			await open(page, AS_CLIENT);
			const box = page.getByRole('textbox', { name: /^Bytes/ });
			await box.fill('81 02 68 69');
			await box.press('Control+A');
			await copy(page, 1_000, 100);
			await page.keyboard.press('Control+V');
			await expect(page.getByText('Valid: 1,000 frames, 1,000 messages.')).toBeVisible();
			await expect(page.getByText('204,000 characters pasted')).toBeVisible();
			// Every frame of the first page is drawn, one after another.
			await expect(page.getByRole('article', { name: /^Frame \d+: binary/ })).toHaveCount(10);
		});

		test('a big paste keeps Windows line ends as a text box does: CRLF becomes LF', async ({
			page
		}) => {
			await open(page, AS_CLIENT);
			const box = page.getByRole('textbox', { name: /^Bytes/ });
			await box.fill('');
			await copy(page, 1_000, 100, '\r\n');
			await page.keyboard.press('Control+V');
			await expect(page.getByText('Valid: 1,000 frames, 1,000 messages.')).toBeVisible();
			// 1,000 lines of 204 hex digits and 999 line ends of one character each.
			await expect(page.getByText('204,999 characters pasted')).toBeVisible();
		});

		test('a small paste goes into the text box as usual', async ({ page }) => {
			await open(page, AS_CLIENT);
			const box = page.getByRole('textbox', { name: /^Bytes/ });
			await box.fill('');
			await copy(page, 2, 3);
			await page.keyboard.press('Control+V');
			await expect(box).toHaveValue('820300070e820300070e');
			await expect(page.getByText('Valid: 2 frames, 2 messages.')).toBeVisible();
		});
	});

	test('shows a long message as a bounded preview until asked for the whole', async ({ page }) => {
		await open(page, AS_CLIENT);
		// One text frame of 100,000 'a's: 81 7f, a 64-bit length (0x186a0), the payload.
		await page.getByRole('textbox', { name: /^Bytes/ }).evaluate((element) => {
			(element as HTMLTextAreaElement).value =
				'81 7f 00 00 00 00 00 01 86 a0 ' + '61'.repeat(100_000);
			element.dispatchEvent(new Event('input', { bubbles: true }));
		});
		await expect(page.getByText('Valid: 1 frame, 1 message.')).toBeVisible();
		await expect(
			page.getByText('Read for the views: the first 65,536 of 100,000 bytes.')
		).toBeVisible();
		await page.getByRole('button', { name: 'Read the whole message' }).click();
		await expect(page.getByText(/Read for the views/)).toHaveCount(0);
	});

	for (const width of [360, 1280]) {
		test(`fits ${width} px with a big paste and has no axe violations`, async ({ page }) => {
			await page.setViewportSize({ width, height: width === 360 ? 740 : 900 });
			const problems = recordProblems(page);
			await open(page, AS_CLIENT);
			await paste(page, 1_000, 100);
			await expect(page.getByText('Valid: 1,000 frames, 1,000 messages.')).toBeVisible();
			expect(await scrollsHorizontally(page)).toBe(false);
			await expectNoAxeViolations(page);
			expect(problems).toEqual([]);
		});
	}
});

test.describe('Frame Decoder and a Follow TCP Stream dump', () => {
	test('offers to open the dump as a conversation in the Capture Explorer', async ({ page }) => {
		const problems = recordProblems(page);
		await open(page, PATH);
		// tshark -q -z follow,tcp,hex,0 of a WebSocket connection (capture fixtures README).
		const dump = readFileSync(
			fileURLToPath(
				new URL(
					'../src/lib/protocol/capture/fixtures/follow/dumps/websocket.tshark-hex.txt',
					import.meta.url
				)
			),
			'utf8'
		);
		await page.getByRole('textbox', { name: /^Bytes/ }).fill(dump);
		await page
			.getByRole('link', { name: 'Open it as a conversation in the Capture Explorer' })
			.click();
		await expect(page).toHaveURL(/\/tools\/capture\//);
		const view = page.getByRole('region', { name: /^WebSocket: pasted dump · 127\.0\.0\.1:39548/ });
		await expect(view.getByText('Hello', { exact: true })).toHaveCount(2);
		// Taken once: the address no longer asks for it, and the storage no longer holds it.
		await expect(page).not.toHaveURL(/paste=1/);
		expect(await page.evaluate(() => sessionStorage.length)).toBe(0);
		expect(problems).toEqual([]);
	});
});
