import { expect, test, type Page } from '@playwright/test';
import { readFileSync, statSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import {
	expectNoAxeViolations,
	open,
	recordProblems,
	scrollsHorizontally,
	smallTargets,
	textCollisions
} from './helpers';

const PATH = '/tools/capture/';
const fixture = (name: string) =>
	fileURLToPath(new URL(`../src/lib/protocol/capture/fixtures/${name}`, import.meta.url));

/** Opens the page and gives it a capture through its file input. */
async function openCapture(page: Page, name: string, query = '') {
	await open(page, `${PATH}${query}`);
	await page.locator('input[type="file"]').setInputFiles(fixture(name));
}

const websocketRow = (page: Page) =>
	page.getByRole('button', { name: /^WebSocket tcp 0 · 127\.0\.0\.1:\d+ → 127\.0\.0\.1:50840/ });

test.describe('Capture Explorer', () => {
	test('opens echo.pcapng, lists its conversations and reads the WebSocket messages', async ({
		page
	}) => {
		const problems = recordProblems(page);
		await openCapture(page, 'echo.pcapng');
		// tshark -q -z conv,tcp on the file: three TCP conversations (fixtures/tshark-z, echo.pcap).
		await expect(
			page.getByText(/pcapng: \d+ packets, 3 TCP connections, 1 UDP flow/)
		).toBeVisible();
		await expect(page.getByRole('button', { name: /^HTTP tcp 1 / })).toBeVisible();
		await websocketRow(page).click();
		await expect(websocketRow(page)).toHaveAttribute('aria-current', 'true');
		await expect(page).toHaveURL(/[?&]tcp=0(&|$)/);

		const view = page.getByRole('region', { name: /^WebSocket: tcp 0/ });
		// The README's traffic: each message once from the client and once echoed by the server.
		await expect(view.getByText('Hello, echo!', { exact: true })).toHaveCount(2);
		await expect(view.getByText('Hello, fragmented world', { exact: true })).toHaveCount(2);
		await expect(view.getByText(/00 01 02 03 04 05 06 07 08 09 0a 0b 0c 0d 0e 0f/)).toHaveCount(2);
		await expect(view.getByText(/1000 — Normal Closure · “bye”/)).toHaveCount(2);
		await expect(view.getByText(/permessage-deflate was negotiated/)).toBeVisible();
		await expect(view.getByText(/handshake checker/)).toBeVisible();
		await expect(view.getByText(/Measured round trip/)).toBeVisible();
		await expect(view.getByText('The client closed first.')).toBeVisible();
		expect(problems).toEqual([]);
	});

	test('keeps the chosen conversation and frame in the address', async ({ page }) => {
		await openCapture(page, 'echo.pcapng', '?tcp=0&frame=3');
		const chosen = page.locator('[data-frame="3"]');
		await expect(chosen.getByRole('article')).toBeVisible();
		await chosen.getByRole('button', { name: 'Hide fields' }).click();
		await expect(chosen.getByRole('article')).toHaveCount(0);
		await expect(page).not.toHaveURL(/frame=/);
	});

	test('opens a frame in the Frame Decoder, which decodes it', async ({ page }) => {
		await openCapture(page, 'echo.pcapng', '?tcp=0');
		const first = page.locator('[data-frame="1"]');
		await expect(first).toContainText('Hello, echo!');
		await first.getByRole('link', { name: 'Open in the Frame Decoder' }).click();
		await expect(page).toHaveURL(/\/tools\/frame-decoder\/\?hex=[0-9a-f]+&from=client&deflate=1/);
		await page.locator('html[data-hydrated]').waitFor({ state: 'attached' });
		await expect(page.getByText(/Valid: 1 frame, 1 message/)).toBeVisible();
		await expect(page.getByText('Hello, echo!').first()).toBeVisible();
	});

	test('opens a message compressed with the shared window together with the frames before it', async ({
		page
	}) => {
		await openCapture(page, 'echo.pcapng', '?tcp=0');
		// #3 is the client's second message, the 1,300-byte text compressed with the window its
		// first message left (context takeover): the decoder needs both to inflate it.
		await page
			.locator('[data-frame="3"]')
			.getByRole('link', { name: 'Open in the Frame Decoder' })
			.click();
		await page.locator('html[data-hydrated]').waitFor({ state: 'attached' });
		await expect(page.getByText(/Valid: 2 frames, 2 messages/)).toBeVisible();
	});

	test('locates the problem of a damaged capture', async ({ page }) => {
		await openCapture(page, 'bad-truncated.pcapng');
		// The README: echo.pcapng cut 20 bytes into its sixth block, so that block starts 20 bytes
		// before the end of the file.
		const start = statSync(fixture('bad-truncated.pcapng')).size - 20;
		const list = page.getByRole('list', { name: 'Problems reading the file' });
		await expect(list).toContainText(`error at byte ${start.toLocaleString('en-US')}`);
		await expect(list).toContainText('cut short');
	});

	test('reads a pasted Follow TCP Stream dump as a conversation', async ({ page }) => {
		const problems = recordProblems(page);
		await open(page, PATH);
		await page.getByText('Or paste a Follow TCP Stream dump').click();
		// tshark -q -z follow,tcp,hex,0 of a WebSocket connection (fixtures/follow/README.md): the
		// Upgrade, then "Hello" from the client and "Hello" back.
		const dump = readFileSync(fixture('follow/dumps/websocket.tshark-hex.txt'), 'utf8');
		await page.getByRole('textbox', { name: 'Or paste a Follow TCP Stream dump' }).fill(dump);
		await expect(page.getByText(/Follow TCP Stream dump \(tshark-hex\)/)).toBeVisible();
		const view = page.getByRole('region', { name: /^WebSocket: pasted dump · 127\.0\.0\.1:39548/ });
		await expect(view.getByText('Hello', { exact: true })).toHaveCount(2);
		await expect(view.getByText(/^HTTP\/1\.1 101 Switching Protocols/)).toBeVisible();
		await expect(page).toHaveURL(/[?&]tcp=0/);
		expect(problems).toEqual([]);
	});

	test('names the sides node 0 and node 1 when a pasted dump does not name them', async ({
		page
	}) => {
		await open(page, PATH);
		await page.getByText('Or paste a Follow TCP Stream dump').click();
		// Hex Dump as the Wireshark window writes it: no Node lines.
		const dump = readFileSync(fixture('follow/dumps/websocket.hexdump.txt'), 'utf8');
		await page.getByRole('textbox', { name: 'Or paste a Follow TCP Stream dump' }).fill(dump);
		await expect(
			page.getByRole('heading', { name: 'WebSocket: pasted dump · node 0 → node 1' })
		).toBeVisible();
		await expect(page.getByText('Hello', { exact: true })).toHaveCount(2);
	});

	test('locates what is wrong in a pasted dump', async ({ page }) => {
		await open(page, PATH);
		await page.getByText('Or paste a Follow TCP Stream dump').click();
		await page
			.getByRole('textbox', { name: 'Or paste a Follow TCP Stream dump' })
			.fill('char peer0_0[] = {\n0x47, 0xZZ\n};');
		// 0xZZ is not a byte: the second line, where it starts (column 7).
		await expect(page.getByText(/^Line 2, column 7: Expected 0x-prefixed bytes/)).toBeVisible();
	});

	test('opens a capture dropped on the drop zone', async ({ page }) => {
		await open(page, PATH);
		const bytes = [...readFileSync(fixture('echo.pcapng'))];
		const dataTransfer = await page.evaluateHandle((bytes) => {
			const transfer = new DataTransfer();
			transfer.items.add(new File([new Uint8Array(bytes)], 'dropped.pcapng'));
			return transfer;
		}, bytes);
		await page
			.getByRole('group', { name: /^Choose a capture file/ })
			.dispatchEvent('drop', { dataTransfer });
		await expect(page.getByText(/pcapng: \d+ packets, 3 TCP connections/)).toBeVisible();
		await expect(page.getByText('dropped.pcapng')).toBeVisible();
	});

	test('says the file is never uploaded', async ({ page }) => {
		await open(page, PATH);
		await expect(page.getByText(/never uploaded/)).toBeVisible();
	});
});

test.describe('Capture Explorer at 360 px', () => {
	test.use({ viewport: { width: 360, height: 740 } });

	for (const scheme of ['light', 'dark'] as const) {
		test(`has no axe violations, no sideways scroll and no small targets (${scheme})`, async ({
			page
		}) => {
			const problems = recordProblems(page);
			await page.emulateMedia({ colorScheme: scheme });
			await openCapture(page, 'echo.pcapng', '?tcp=0&frame=1');
			await expect(page.locator('[data-frame="1"]').getByRole('article')).toBeVisible();
			expect(await scrollsHorizontally(page)).toBe(false);
			expect(await smallTargets(page)).toEqual([]);
			await expectNoAxeViolations(page);
			expect(problems).toEqual([]);
		});
	}

	test('reads the HTTP connection message by message', async ({ page }) => {
		await openCapture(page, 'echo.pcapng', '?tcp=1');
		const view = page.getByRole('region', { name: /^HTTP: tcp 1/ });
		await expect(view.getByText(/^GET \/ HTTP\/1\.1$/)).toBeVisible();
		await expect(view.getByText('HTTP/1.1 200 OK', { exact: true })).toBeVisible();
		expect(await scrollsHorizontally(page)).toBe(false);
	});

	test('splits a persistent connection into every request and response', async ({ page }) => {
		const problems = recordProblems(page);
		// http/fixtures/keepalive.pcap: eight requests on one connection (tshark agrees, see its README).
		await openCapture(page, '../../http/fixtures/keepalive.pcap', '?tcp=0');
		const view = page.getByRole('region', { name: /^HTTP: tcp 0/ });
		await expect(view.getByText('8 requests and 8 responses', { exact: false })).toBeVisible();
		await expect(view.locator('li.frame')).toHaveCount(16);
		await expect(view.getByText('HEAD / HTTP/1.1', { exact: true })).toBeVisible();
		await expect(view.getByText('HTTP/1.1 204 No Content', { exact: true })).toBeVisible();
		await expect(view.getByText(/^body 39 bytes in 3 chunks/)).toBeVisible();
		await expect(view.getByText('hello, fixed length', { exact: false })).toHaveCount(2);
		expect(await scrollsHorizontally(page)).toBe(false);
		expect(problems).toEqual([]);
	});
});

for (const width of [1280, 360]) {
	test.describe(`Capture Explorer handshake diagram at ${width} px`, () => {
		test.use({ viewport: { width, height: 900 } });

		test('draws tcp 0’s SYN, SYN-ACK and ACK as the TCP stepper does, with the measured RTT', async ({
			page
		}) => {
			const problems = recordProblems(page);
			await openCapture(page, 'echo.pcapng', '?tcp=0');
			const view = page.getByRole('region', { name: /^WebSocket: tcp 0/ });
			const diagram = view.locator('figure.diagram svg');
			// tshark on echo.pcapng, frames 1–3: [S] Seq=0; [S.] Seq=0 Ack=1; [.] Seq=1 Ack=1 (relative).
			const segments = diagram.locator('g[data-segment]');
			await expect(segments).toHaveCount(3);
			await expect(segments.nth(0)).toContainText('[S] SYN');
			await expect(segments.nth(0)).toContainText('seq 0');
			await expect(segments.nth(0)).toContainText('packet 1 · +0.000000 s');
			await expect(segments.nth(1)).toContainText('[S.] SYN, ACK');
			await expect(segments.nth(1)).toContainText('ack 1');
			await expect(segments.nth(1)).toContainText('packet 2 · +0.000024 s');
			await expect(segments.nth(2)).toContainText('[.] ACK');
			await expect(segments.nth(2)).toContainText('packet 3 · +0.000045 s');
			await expect(diagram).toHaveAttribute('aria-label', /SYN in packet 1, SYN-ACK in packet 2/);
			// The SYN-ACK slopes from the server's time line to the client's (arrow drawn downwards).
			const arrow = segments.nth(1).locator('line.arrow');
			const [x1, x2] = [await arrow.getAttribute('x1'), await arrow.getAttribute('x2')];
			expect([x1, x2]).toEqual(['82%', '18%']);
			// tcp.analysis.initial_rtt: 0.000045495 s.
			await expect(view.getByText(/Measured round trip .*: 45\.\d+ µs\./)).toBeVisible();
			await expect(view.locator('figure.diagram figcaption')).toContainText(
				'assumes the capture was taken at the client'
			);
			// The raw numbers and options beside the drawing (tcp.seq_raw, tcp.options).
			await expect(view.getByText(/seq 3805947744 \(relative 0\)/)).toBeVisible();
			await expect(
				view.getByText(/mss 65495, sackOK, TS val 1015357780 ecr 0, nop, wscale 10/)
			).toBeVisible();
			expect(await textCollisions(diagram)).toEqual([]);
			expect(await scrollsHorizontally(page)).toBe(false);
			expect(problems).toEqual([]);
		});

		test('draws a refused connection’s SYN and RST, ACK (tcp 2) without overlaps', async ({
			page
		}) => {
			await openCapture(page, 'echo.pcapng', '?tcp=2');
			const view = page.getByRole('region', { name: /tcp 2/ });
			const segments = view.locator('figure.diagram g[data-segment]');
			await expect(segments).toHaveCount(2);
			await expect(segments.nth(1)).toContainText('[R.] RST, ACK');
			await expect(view.getByText(/connection was refused/)).toBeVisible();
			// tcp.analysis.initial_rtt on frame 48: 0.000016671 s.
			await expect(view.getByText(/SYN to the server's RST, ACK.*: 16\.67 µs\./)).toBeVisible();
			expect(await textCollisions(view.locator('figure.diagram svg'))).toEqual([]);
		});
	});
}

test.describe('Capture Explorer handshake diagram, axe', () => {
	test.use({ viewport: { width: 360, height: 900 } });
	for (const scheme of ['light', 'dark'] as const) {
		test(`has no axe violations (${scheme})`, async ({ page }) => {
			await page.emulateMedia({ colorScheme: scheme });
			await openCapture(page, 'echo.pcapng', '?tcp=0');
			await expect(page.locator('figure.diagram g[data-segment]')).toHaveCount(3);
			await expectNoAxeViolations(page);
		});
	}
});
