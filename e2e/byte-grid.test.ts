import { expect, test, type Page } from '@playwright/test';
import { open } from './helpers';

/** A 40-byte binary server frame: 82 26 and 38 payload bytes 00 01 02 … 25. */
const FRAME = [0x82, 0x26, ...Array.from({ length: 38 }, (_, i) => i)]
	.map((b) => b.toString(16).padStart(2, '0'))
	.join(' ');

async function focusedIndex(page: Page) {
	return page.evaluate(() => document.activeElement?.getAttribute('data-index'));
}

/** Opens the frame's byte grid and focuses its first byte. */
async function focusFirstByte(page: Page) {
	await open(page, `/tools/frame-decoder/?hex=${FRAME.replaceAll(' ', '+')}&from=server`);
	const grid = page.getByRole('article', { name: /^Frame 1/ }).getByRole('grid');
	await grid.getByRole('gridcell', { name: /^82: byte 0,/ }).focus();
	expect(await focusedIndex(page)).toBe('0');
}

test.describe('the byte grid’s arrow keys follow the lines on screen', () => {
	test('on a wide screen a line holds 16 bytes: Down moves 16, Up moves back', async ({ page }) => {
		await focusFirstByte(page);
		await page.keyboard.press('ArrowDown');
		expect(await focusedIndex(page)).toBe('16');
		await page.keyboard.press('ArrowRight');
		expect(await focusedIndex(page)).toBe('17');
		await page.keyboard.press('ArrowUp');
		expect(await focusedIndex(page)).toBe('1');
	});

	test.describe('on a phone', () => {
		test.use({ viewport: { width: 360, height: 740 } });

		test('a line holds 8 bytes: Down moves 8', async ({ page }) => {
			await focusFirstByte(page);
			await page.keyboard.press('ArrowDown');
			expect(await focusedIndex(page)).toBe('8');
			await page.keyboard.press('End');
			expect(await focusedIndex(page)).toBe('39');
		});
	});
});
