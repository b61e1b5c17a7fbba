import { clippedBitLabels, expectNoAxeViolations, open, revealDeferred } from './helpers';
import { expect, test } from '@playwright/test';

const MASKED_HELLO = '81 85 37 fa 21 3d 7f 9f 4d 51 58';

test.describe('Frame Decoder', () => {
	test('decodes a pasted masked frame: unmasked text, fields and linked highlighting', async ({
		page
	}) => {
		await open(page, '/tools/frame-decoder/');
		const input = page.getByRole('textbox', { name: /^Bytes/ });
		await input.fill('0x81, 0x85, 0x37, 0xfa, 0x21, 0x3d, 0x7f, 0x9f, 0x4d, 0x51, 0x58');
		await page.getByLabel('client').check();
		await expect(page.getByText('Read as 0x list / C array: 11 bytes.')).toBeVisible();
		await expect(page.getByText(/Valid: 1 frame, 1 message/)).toBeVisible();

		const frame = page.getByRole('article', { name: 'Frame 1: text' });
		await expect(frame.getByRole('row', { name: /^Masking-key/ })).toContainText('37 fa 21 3d');
		// The header drawn as the RFC draws it, with its short labels (R1 for RSV1, M for MASK).
		const diagram = frame.getByRole('figure');
		await expect(diagram).toContainText('Header bits, laid out as in the RFC 6455 §5.2 diagram');
		await expect(diagram.getByTitle('RSV1', { exact: true })).toHaveText('R1');
		await expect(diagram.getByTitle('MASK', { exact: true })).toHaveText('M');
		// The unmasking steps: 0x7f ⊕ 0x37 = 0x48 'H'.
		await expect(frame.getByRole('row').filter({ hasText: '0x7f' })).toContainText("0x48 'H'");
		await expect(page.locator('.messages pre')).toHaveText('Hello');

		// Hovering the opcode byte highlights its fields in the table…
		const byte0 = frame.getByRole('gridcell', { name: /^81: byte 0,/ });
		await byte0.hover();
		await expect(frame.getByRole('row', { name: /^Opcode/ })).toHaveClass(/active/);
		await expect(frame.getByRole('row', { name: /^MASK/ })).not.toHaveClass(/active/);
		// …and focusing a field highlights its bytes (mouse out of the way, so it hovers nothing).
		await page.mouse.move(0, 0);
		await frame.getByRole('button', { name: 'Masking-key: highlight its bytes' }).focus();
		for (const i of [2, 3, 4, 5]) {
			await expect(
				frame.getByRole('gridcell', { name: new RegExp(`^[0-9a-f]{2}: byte ${i},`) })
			).toHaveClass(/active/);
		}
		await expect(frame.getByRole('gridcell', { name: /^[0-9a-f]{2}: byte 6,/ })).not.toHaveClass(
			/active/
		);
	});

	test('pins a violation to its byte with the close code and RFC section', async ({ page }) => {
		await open(page, '/tools/frame-decoder/');
		await page.getByRole('textbox', { name: /^Bytes/ }).fill('81 05 48 65 6c 6c 6f');
		await page.getByLabel('client').check();
		await expect(page.getByText(/closes the connection with 1002 Protocol Error/)).toBeVisible();
		await expect(page.getByRole('link', { name: 'Byte 1' })).toBeVisible();
		await expect(page.getByRole('gridcell', { name: /^05: byte 1,.*error here/ })).toHaveClass(
			/error/
		);
		await page.getByLabel('server').check();
		await expect(page.getByText(/Valid: 1 frame/)).toBeVisible();
	});

	test('keeps what was typed and says where it stops being hex', async ({ page }) => {
		await open(page, '/tools/frame-decoder/');
		const input = page.getByRole('textbox', { name: /^Bytes/ });
		await input.fill('81 05\n48 6g');
		await expect(page.getByText(/^Line 2, column 5:/)).toBeVisible();
		await expect(input).toHaveValue('81 05\n48 6g');
		await expect(input).toHaveAttribute('aria-invalid', 'true');
	});

	test('keeps the input and options in the address, and a shared link restores them', async ({
		page
	}) => {
		await open(page, '/tools/frame-decoder/');
		await page.getByRole('textbox', { name: /^Bytes/ }).fill('88 05 03 e8 62 79 65');
		await page.getByLabel('server').check();
		await expect(page).toHaveURL(/hex=88\+05\+03\+e8.*from=server/);
		const shared = page.url();

		const other = await page.context().newPage();
		await open(other, shared);
		await expect(other.getByRole('textbox', { name: /^Bytes/ })).toHaveValue(
			'88 05 03 e8 62 79 65'
		);
		await expect(other.getByLabel('server')).toBeChecked();
		await expect(other.getByText(/close · 1000 Normal Closure · reason “bye”/)).toBeVisible();
	});

	test('loads an example from the gallery, options included', async ({ page }) => {
		await open(page, '/tools/frame-decoder/');
		await page.getByText('Examples').click();
		await page
			.getByRole('button', { name: 'A message compressed using 1 compressed DEFLATE block' })
			.click();
		await expect(page.getByLabel('permessage-deflate')).toBeChecked();
		await expect(page.getByText(/inflated from 7 compressed bytes/)).toBeVisible();
	});

	test('keeps the gallery a reader opened before the app started', async ({ page }) => {
		// Hold the app's scripts until the reader has opened the gallery the server wrote.
		let release = () => {};
		const held = new Promise<void>((resolve) => (release = resolve));
		await page.route('**/_app/**/*.js', async (route) => {
			await held;
			await route.continue();
		});
		await page.goto('/tools/frame-decoder/', { waitUntil: 'domcontentloaded' });
		await page.getByText('Examples').click();
		const example = page.getByRole('button', { name: 'Unmasked Ping request' });
		await expect(example).toBeVisible();
		release();
		await page.locator('html[data-hydrated]').waitFor({ state: 'attached' });
		await expect(example).toBeVisible();
		await example.click();
		await expect(page.getByRole('button', { name: 'Unmasked Ping request' })).toHaveAttribute(
			'aria-pressed',
			'true'
		);
	});

	test('decodes a 1 MiB frame without hanging the page', async ({ page }) => {
		await open(page, '/tools/frame-decoder/');
		const size = 1 << 20;
		// A masked binary frame from a client: 82 ff, 64-bit length, key, then the payload.
		const hex = await page.evaluate((n) => {
			const parts = [
				'82',
				'ff',
				'00',
				'00',
				'00',
				'00',
				'00',
				'10',
				'00',
				'00',
				'01',
				'02',
				'03',
				'04'
			];
			const body = new Array<string>(n);
			for (let i = 0; i < n; i++) body[i] = (i & 0xff).toString(16).padStart(2, '0');
			return parts.join(' ') + ' ' + body.join('');
		}, size);
		const started = Date.now();
		await page.getByRole('textbox', { name: /^Bytes/ }).fill(hex);
		await expect(page.getByText(/Valid: 1 frame, 1 message/)).toBeVisible({ timeout: 15_000 });
		const frame = page.getByRole('article', { name: 'Frame 1: binary' });
		await expect(frame.getByText('Showing 512 of 1,048,590 bytes.')).toBeVisible();
		// Only what is shown is rendered: the page holds hundreds of byte cells, not a million.
		expect(await page.getByRole('gridcell').count()).toBeLessThan(1000);
		// The page still answers promptly.
		const frameDelay = await page.evaluate(
			() =>
				new Promise<number>((done) => {
					const t = performance.now();
					requestAnimationFrame(() => done(performance.now() - t));
				})
		);
		expect(frameDelay).toBeLessThan(500);
		expect(Date.now() - started).toBeLessThan(15_000);
		await frame.getByRole('button', { name: /Show 4,096 more/ }).click();
		await expect(frame.getByText('Showing 4,608 of 1,048,590 bytes.')).toBeVisible();
	});
});

test.describe('Frame Builder', () => {
	test('updates the bytes live and opens them in the decoder', async ({ page }) => {
		await open(page, '/tools/frame-builder/');
		await page.getByLabel('fixed key').check();
		await page.getByLabel('Fixed masking key').fill('37 fa 21 3d');
		await expect(page.getByLabel('Frame bytes in hex, one frame per line')).toHaveText(
			MASKED_HELLO
		);

		await page.getByLabel('Fragments').fill('2');
		await expect(page.getByLabel('Frame bytes in hex, one frame per line')).toHaveText(
			'01 83 37 fa 21 3d 7f 9f 4d\n80 82 37 fa 21 3d 5b 95'
		);
		await page.getByRole('link', { name: 'Open in the Frame Decoder' }).click();
		await expect(page).toHaveURL(/\/tools\/frame-decoder\/\?hex=/);
		await expect(page.getByText(/Valid: 2 frames, 1 message/)).toBeVisible();
		await expect(page.locator('.messages pre')).toHaveText('Hello');
	});

	test('explains a frame built to break a rule', async ({ page }) => {
		await open(page, '/tools/frame-builder/');
		await page.getByRole('combobox', { name: 'Opcode' }).selectOption({ label: '0x9 — ping' });
		await page.getByLabel('a size').check();
		await page.getByLabel('Payload size (bytes)').fill('126');
		const verdict = page.locator('.verdict');
		await expect(verdict).toContainText('A strict receiver would reject this');
		await expect(verdict).toContainText('1002 Protocol Error');
	});

	test('opens a frame longer than the hex box shows in the decoder, byte for byte', async ({
		page
	}) => {
		await open(page, '/tools/frame-builder/');
		await page.getByLabel('a size').check();
		await page.getByLabel('Payload size (bytes)').fill('3000');
		await expect(page.getByLabel('Frame bytes in hex, one frame per line')).toContainText('…');
		await page.getByRole('link', { name: 'Open in the Frame Decoder' }).click();
		await expect(page).toHaveURL(/\/tools\/frame-decoder\/\?hex=/);
		await expect(page.getByText('Read as plain hex: 3,008 bytes.')).toBeVisible();
		await expect(page.getByText(/Valid: 1 frame, 1 message/)).toBeVisible();
	});

	test('shows a status code for a Close frame and keeps the payload kind chosen before', async ({
		page
	}) => {
		await open(page, '/tools/frame-builder/');
		await page.getByLabel('hex', { exact: true }).check();
		const opcode = page.getByRole('combobox', { name: 'Opcode' });
		await opcode.selectOption({ label: '0x8 — close' });
		await expect(page.getByRole('textbox', { name: 'Status code' })).toHaveValue('1000');
		await expect(page.getByText('Normal Closure', { exact: true })).toBeVisible();
		await opcode.selectOption({ label: '0x1 — text' });
		await expect(page.getByLabel('hex', { exact: true })).toBeChecked();
		await expect(page.getByLabel('Payload bytes')).toHaveValue('de ad be ef');
	});

	test('writes the form to the address as it changes', async ({ page }) => {
		await open(page, '/tools/frame-builder/');
		await page.getByLabel('fixed key').check();
		await page.getByLabel('Fixed masking key').fill('37 fa 21 3d');
		await expect(page).toHaveURL(/[?&]mask=37fa213d(&|$)/);
		await page.getByRole('combobox', { name: 'Opcode' }).selectOption({ label: '0x9 — ping' });
		await expect(page).toHaveURL(/[?&]op=9&/);
	});

	test('keeps the form in the address', async ({ page }) => {
		await open(
			page,
			'/tools/frame-builder/?op=8&flags=1000&kind=close&code=4000&reason=done&mask=0&frags=1'
		);
		await expect(page.getByLabel('Frame bytes in hex, one frame per line')).toHaveText(
			'88 06 0f a0 64 6f 6e 65'
		);
	});
});

test.describe('the frames lesson', () => {
	test('embeds live decoders that react to edits', async ({ page }) => {
		// Decoders far below the first screen render as the reader comes near: open the lesson
		// at the section that holds this one, as a link from the contents would.
		await open(page, '/learn/websocket-frames/#masking-and-why-clients-do-it');
		const decoder = page.getByRole('region', { name: 'A masked text frame from a client' });
		await expect(decoder.getByText(/Valid: 1 frame/)).toBeVisible();
		await decoder.getByRole('textbox', { name: /^Bytes/ }).fill('81 05 48 65 6c 6c 6f');
		await expect(decoder.getByText(/1002 Protocol Error/)).toBeVisible();
	});

	test('states the verdict each decoder must show, and flags bytes edited away from it', async ({
		page
	}) => {
		await open(page, '/learn/websocket-frames/#masking-and-why-clients-do-it');
		const masked = page.getByRole('region', { name: 'A masked text frame from a client' });
		await expect(masked.getByText('Expected: valid — as shown.')).toBeVisible();
		// Reading on, past the masking table: the next decoder renders as it comes near.
		await masked.evaluate((el) => el.scrollIntoView());
		await page.mouse.wheel(0, 1500);
		const unmasked = page.getByRole('region', { name: 'An unmasked frame sent by a client' });
		await expect(
			unmasked.getByText('Expected: fails with 1002 Protocol Error — as shown.')
		).toBeVisible();

		// Masking the frame makes it valid, which is no longer what the lesson says it shows.
		await unmasked
			.getByRole('textbox', { name: /^Bytes/ })
			.fill('81 85 37 fa 21 3d 7f 9f 4d 51 58');
		await expect(unmasked.getByText(/Valid: 1 frame/)).toBeVisible();
		await expect(
			unmasked.getByText(/Expected: fails with 1002 Protocol Error — but these bytes no longer/)
		).toBeVisible();
	});
});

test.describe('the frames lesson on a phone', () => {
	test.use({ viewport: { width: 360, height: 740 } });

	test('renders far decoders as the reader scrolls near, and nothing on screen moves', async ({
		page,
		request
	}) => {
		test.setTimeout(120_000); // a screen at a time down a long lesson
		// The server renders in full only the decoder near the lesson's top (the one within its
		// first 2,500 source characters); the rest are empty boxes that say, to readers without
		// JavaScript, that they need it (deferred.ts, SERVER_BUDGET; markdown.js, early parts).
		const html = await (await request.get('/learn/websocket-frames/')).text();
		expect(html.match(/<section class="frame-decoder[ "]/g)?.length ?? 0).toBe(1);
		expect(html.match(/This interactive part needs JavaScript/g)?.length ?? 0).toBeGreaterThan(15);

		await open(page, '/learn/websocket-frames/');
		// Every layout shift from here on, except those right after input (scrolling is not input).
		await page.evaluate(() => {
			const w = window as unknown as { shifts: number };
			w.shifts = 0;
			new PerformanceObserver((list) => {
				for (const entry of list.getEntries() as unknown as {
					value: number;
					hadRecentInput: boolean;
				}[]) {
					if (!entry.hadRecentInput) w.shifts += entry.value;
				}
			}).observe({ type: 'layout-shift', buffered: false });
		});
		const pending = page.locator('[data-deferred]');
		await expect.poll(() => pending.count()).toBeGreaterThan(5);
		const before = await pending.count();

		// Reading down the page a screen at a time: each decoder is rendered before it comes on
		// screen (once nothing waits within 1,200 px below the viewport, the next step is taken).
		const nearWaiting = () =>
			page.evaluate(
				() =>
					[...document.querySelectorAll('[data-deferred]')].filter(
						(el) => el.getBoundingClientRect().top < innerHeight + 1200
					).length
			);
		for (let step = 0; step < 200; step++) {
			await expect.poll(nearWaiting).toBe(0);
			const atEnd = await page.evaluate(() => {
				scrollBy(0, innerHeight * 0.8);
				return innerHeight + scrollY >= document.documentElement.scrollHeight - 2;
			});
			if (atEnd) break;
		}
		await expect.poll(() => pending.count()).toBeLessThan(before);
		const last = page.locator('section.frame-decoder').last();
		await expect(last.locator('article.frame').first()).toBeVisible();
		await page.waitForTimeout(500);
		expect(await page.evaluate(() => (window as unknown as { shifts: number }).shifts)).toBe(0);

		await revealDeferred(page);
		await expect(page.locator('section.frame-decoder')).toHaveCount(21);
		expect(await page.locator('article.frame').count()).toBeGreaterThan(15);
	});
});

test.describe('the header diagrams', () => {
	for (const width of [360, 1280]) {
		test(`show every field name whole at ${width} px, FIN and RSV upright where narrow`, async ({
			page
		}) => {
			await page.setViewportSize({ width, height: 740 });
			await open(page, '/learn/websocket-frames/');
			expect(await clippedBitLabels(page)).toEqual([]);
		});
	}
});

test.describe('the home page frame strip', () => {
	test('labels each byte group from the decoder’s reading of RFC 6455 §5.7', async ({ page }) => {
		await page.goto('/');
		const strip = page.getByRole('figure').filter({ hasText: 'read by this site’s decoder' });
		await expect(strip).toContainText('81');
		await expect(strip).toContainText('FIN=1 · opcode 0x1 (text)');
		await expect(strip).toContainText('MASK=1 · length 5');
		await expect(strip).toContainText('payload ⊕ key = “Hello”');
		await expect(strip.locator('figcaption')).toHaveText(
			'The 11 bytes of a masked WebSocket text frame (RFC 6455 §5.7), read by this site’s decoder.'
		);
	});
});

test.describe('at 360 px wide', () => {
	test.use({ viewport: { width: 360, height: 740 } });
	for (const path of [
		'/learn/websocket-frames/',
		'/tools/frame-decoder/',
		'/tools/frame-builder/'
	]) {
		test(`${path} lets the keyboard reach every region that scrolls (axe)`, async ({ page }) => {
			await open(page, path);
			await expectNoAxeViolations(page);
		});
	}
});
