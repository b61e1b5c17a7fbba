import { expect, test, type Page } from '@playwright/test';
import { SCENARIO_IDS } from '../src/lib/protocol/tcp/simulate';
import {
	describeNarrow,
	expectNoAxeViolations,
	open,
	recordProblems,
	textCollisions
} from './helpers';

const PATH = '/tools/tcp-handshake/';

const position = (page: Page) => page.getByText(/^Step \d+ of \d+$/);
const panel = (page: Page) => page.locator('.panel');
const forward = (page: Page) => page.getByRole('button', { name: 'Forward →' });
const back = (page: Page) => page.getByRole('button', { name: '← Back' });
const decoderLink = (page: Page) => page.getByRole('link', { name: 'Open in the packet decoder' });

/** The bytes the decoder link carries, read from its address. */
async function linkedBytes(page: Page): Promise<number[]> {
	const href = (await decoderLink(page).getAttribute('href')) ?? '';
	const match = /packet-decoder\/\?hex=([0-9a-f]+)&link=raw$/.exec(href);
	expect(match, href).not.toBeNull();
	return (match?.[1].match(/../g) ?? []).map((pair) => parseInt(pair, 16));
}

test.describe('TCP handshake stepper', () => {
	test('steps forward and back, with the buttons and the arrow keys', async ({ page }) => {
		await open(page, PATH);
		await expect(position(page)).toHaveText('Step 1 of 4');
		await expect(back(page)).toBeDisabled();
		await expect(panel(page)).toContainText('Segment 1: client → server');
		await expect(panel(page)).toContainText('[S] SYN');

		await forward(page).click();
		await expect(position(page)).toHaveText('Step 2 of 4');
		await expect(panel(page)).toContainText('Segment 2: server → client');
		await expect(panel(page)).toContainText('[S.] SYN, ACK');
		// The client's machine moves SYN-SENT → ESTABLISHED on the SYN-ACK (RFC 9293 Figure 5).
		await expect(panel(page).getByRole('list', { name: 'Client states' })).toContainText(
			'ESTABLISHED'
		);
		await expect(
			panel(page).getByRole('list', { name: 'Client states' }).locator('[aria-current="true"]')
		).toHaveText('ESTABLISHED');
		await expect(panel(page)).toContainText('SYN-SENT → ESTABLISHED on rcv SYN,ACK / snd ACK');

		await back(page).click();
		await expect(position(page)).toHaveText('Step 1 of 4');
		await forward(page).focus();
		await page.keyboard.press('ArrowRight');
		await page.keyboard.press('ArrowRight');
		await expect(position(page)).toHaveText('Step 3 of 4');
		await page.keyboard.press('ArrowRight');
		await expect(position(page)).toHaveText('Step 4 of 4');
		await expect(panel(page)).toContainText('How it ended');
		await expect(panel(page)).toContainText('connect() = 0');
		await expect(forward(page)).toBeDisabled();
		await page.keyboard.press('ArrowLeft');
		await expect(position(page)).toHaveText('Step 3 of 4');
	});

	test('keeps every setting in the address, and a link restores them', async ({ page }) => {
		await open(page, PATH);
		await page.getByLabel('Scenario').selectOption({ label: 'Lost SYN' });
		await page.getByLabel('Client ISN').fill('1000');
		await page.getByLabel('Server ISN').fill('5000');
		await page.getByLabel('Relative sequence numbers').uncheck();
		await forward(page).click();
		await forward(page).click();
		await expect(position(page)).toHaveText('Step 3 of 5');
		await expect(page).toHaveURL(
			/scenario=lost-syn&profile=linux-6\.5%2B&isnc=1000&isns=5000&step=2&rel=0/
		);

		const other = await page.context().newPage();
		await open(other, page.url());
		await expect(position(other)).toHaveText('Step 3 of 5');
		await expect(other.getByLabel('Scenario')).toHaveValue('lost-syn');
		await expect(other.getByLabel('Client ISN')).toHaveValue('1000');
		await expect(other.getByLabel('Server ISN')).toHaveValue('5000');
		await expect(other.getByLabel('Relative sequence numbers')).not.toBeChecked();
		await expect(other.locator('.panel')).toContainText('Segment 3: server → client');
	});

	test('switches between relative and absolute sequence numbers', async ({ page }) => {
		await open(page, `${PATH}?scenario=open&isnc=1000&isns=5000&step=1&rel=1`);
		const seq = panel(page).locator('dd strong.number').first();
		const ack = panel(page).locator('dd strong.number').nth(1);
		// Wireshark's relative numbers: the SYN-ACK is Seq=0 Ack=1.
		await expect(seq).toHaveText('0');
		await expect(ack).toHaveText('1');
		await expect(page.locator('g[data-segment="1"]')).toContainText('seq 0');
		await page.getByLabel('Relative sequence numbers').uncheck();
		// On the wire: the server's ISN, and the client's ISN + 1 for its SYN.
		await expect(seq).toHaveText('5000');
		await expect(ack).toHaveText('1001');
		await expect(page.locator('g[data-segment="1"]')).toContainText('seq 5000');
		await expect(page.locator('g[data-segment="1"]')).toContainText('ack 1001');
		await expect(panel(page)).toContainText('1001 = 1000 + 1 for the SYN of segment 1');
	});

	test('shows a refused ISN next to its field and keeps what was typed', async ({ page }) => {
		const problems = recordProblems(page);
		await open(page, `${PATH}?scenario=open&isnc=1000&isns=5000&step=1&rel=0`);
		const field = page.getByLabel('Client ISN');
		await field.fill('12ab');
		await expect(field).toHaveAttribute('aria-invalid', 'true');
		await expect(field).toHaveValue('12ab');
		const errorId = await field.getAttribute('aria-describedby');
		const error = page.locator(`[id="${errorId}"]`);
		await expect(error).toContainText('isnClient must be a whole number from 0 to 4294967295');
		await expect(error).toContainText('12ab');
		// Located: in the same field as the input, not at the top of the page.
		await expect(page.locator('.field', { has: field })).toContainText('isnClient must be');
		await expect(page.getByLabel('Server ISN')).not.toHaveAttribute('aria-invalid', 'true');
		// The diagram still draws, with the last ISN that worked.
		await expect(page.locator('g[data-segment="1"]')).toContainText('ack 1001');

		await field.fill('4294967296');
		await expect(error).toContainText('4294967296');
		await field.fill('7');
		await expect(field).not.toHaveAttribute('aria-invalid', 'true');
		await expect(page.locator('g[data-segment="1"]')).toContainText('ack 8');
		expect(problems).toEqual([]);
	});

	test('opens each segment in the packet decoder as IPv4 + TCP bytes', async ({ page }) => {
		// TCP flag bits, RFC 9293 §3.1: FIN 0x01, SYN 0x02, RST 0x04, PSH 0x08, ACK 0x10.
		const cases = [
			{ query: 'scenario=open&step=0', flags: 0x02 },
			{ query: 'scenario=open&step=1', flags: 0x02 | 0x10 },
			{ query: 'scenario=closed-port&step=1', flags: 0x04 | 0x10 },
			{ query: 'scenario=close-client-first&step=3', flags: 0x01 | 0x10 },
			{ query: 'scenario=data&step=3', flags: 0x08 | 0x10 }
		];
		for (const { query, flags } of cases) {
			await open(page, `${PATH}?${query}`);
			const bytes = await linkedBytes(page);
			// RFC 791: version 4 and IHL 5 make the first byte 0x45; total length is bytes 2–3.
			expect(bytes[0], query).toBe(0x45);
			expect((bytes[2] << 8) | bytes[3], query).toBe(bytes.length);
			expect(bytes[9], query).toBe(6);
			// The TCP header starts after the 20-byte IPv4 header; its flags are its byte 13.
			expect(bytes[20 + 13], query).toBe(flags);
		}
		await expect(decoderLink(page)).toHaveAttribute('href', /\/tools\/packet-decoder\/\?hex=45/);
	});

	test('a segment opened in the packet decoder has both checksums correct', async ({ page }) => {
		await open(page, `${PATH}?scenario=data&step=3`);
		await decoderLink(page).click();
		await expect(page).toHaveURL(/\/tools\/packet-decoder\/\?hex=45[0-9a-f]+&link=raw$/);
		await page.locator('html[data-hydrated]').waitFor({ state: 'attached' });
		await expect(
			page.getByText(/IPv4 header checksum 0x[0-9a-f]{4}: correct/).first()
		).toBeVisible();
		await expect(page.getByText(/TCP checksum 0x[0-9a-f]{4}: correct/).first()).toBeVisible();
	});

	test('offers the SYN profiles where they matter and draws syn-timeout to 131 s', async ({
		page
	}) => {
		await open(page, `${PATH}?scenario=open`);
		await expect(page.getByLabel('SYN retries')).toHaveCount(0);
		await open(page, `${PATH}?scenario=syn-timeout&step=11`);
		await expect(position(page)).toHaveText('Step 12 of 12');
		await expect(panel(page)).toContainText('connect() = -1 ETIMEDOUT');
		await expect(page.locator('figure.diagram')).toContainText('131 s');
		await expect(page.locator('figure.diagram figcaption')).toContainText('Not to scale');
		await expect(page.locator('figure.diagram')).toContainText('RTO 32 s → resent at 67 s');
		await page.getByLabel('SYN retries').selectOption('linux-legacy');
		await expect(position(page)).toHaveText(/of 8$/);
	});

	test('plays on its own and pauses; with reduced motion nothing animates', async ({ page }) => {
		await page.emulateMedia({ reducedMotion: 'reduce' });
		await open(page, `${PATH}?scenario=data&step=0`);
		await page.getByRole('button', { name: 'Play' }).click();
		const pause = page.getByRole('button', { name: 'Pause' });
		await expect(pause).toHaveAttribute('aria-pressed', 'true');
		await expect(position(page)).toHaveText('Step 2 of 8', { timeout: 10_000 });
		await pause.click();
		await expect(page.getByRole('button', { name: 'Play' })).toHaveAttribute(
			'aria-pressed',
			'false'
		);
		const arrow = page.locator('.arrow.draw').first();
		expect(await arrow.evaluate((el) => getComputedStyle(el).animationName)).toBe('none');
	});

	test('draws a lost segment with a cross and the word lost', async ({ page }) => {
		await open(page, `${PATH}?scenario=lost-syn&step=0`);
		const lost = page.locator('g[data-segment="0"]');
		await expect(lost).toContainText('✗');
		await expect(lost).toContainText('lost');
		await expect(panel(page)).toContainText('✗ lost');
		await forward(page).click();
		await expect(page.locator('g[data-segment="1"]')).toContainText('RTO 1 s → resent at 1,000 ms');
	});

	test('loads and steps with no console message, error or failed request', async ({ page }) => {
		const problems = recordProblems(page);
		await open(page, `${PATH}?scenario=half-close&step=3`);
		for (let i = 0; i < 8; i++) await forward(page).click();
		await expect(position(page)).toHaveText('Step 12 of 12');
		await page.getByRole('button', { name: 'New ISNs' }).click();
		await page.waitForLoadState('networkidle');
		expect(problems).toEqual([]);
	});

	for (const scheme of ['light', 'dark'] as const) {
		test(`has no axe violations (${scheme})`, async ({ page }) => {
			await page.emulateMedia({ colorScheme: scheme });
			await open(page, `${PATH}?scenario=lost-syn-ack&step=3`);
			await expectNoAxeViolations(page);
			await open(page, `${PATH}?scenario=abort&step=6&isnc=x`);
			await expectNoAxeViolations(page);
		});
	}
});

describeNarrow('TCP handshake stepper at 360 px', {
	path: PATH,
	ready: position,
	queriesTitle: 'does not scroll sideways, with absolute numbers on crossing segments',
	queries: [
		'scenario=open&step=1',
		'scenario=simultaneous-open&step=3&rel=0&isnc=4294967295&isns=4294967295',
		'scenario=simultaneous-close&step=4&rel=0',
		'scenario=lost-syn-ack&step=1&rel=0',
		'scenario=syn-timeout&step=11&rel=0',
		'scenario=data&step=5&rel=0',
		'scenario=open&isnc=12345678901234567890'
	],
	axe: 'scenario=lost-ack&step=2',
	targets: 'scenario=syn-timeout&step=3'
});

for (const width of [1280, 360]) {
	test.describe(`TCP handshake diagram at ${width} px`, () => {
		test.use({ viewport: { width, height: 900 } });

		test('draws no label over another, nor past the edge, in any scenario', async ({ page }) => {
			test.setTimeout(120_000); // 26 page loads
			const found: string[] = [];
			for (const scenario of SCENARIO_IDS) {
				// The last step (the outcome) draws every segment with all its lines and timers.
				await open(page, `${PATH}?scenario=${scenario}`);
				const steps = Number(/of (\d+)$/.exec((await position(page).textContent()) ?? '')?.[1]);
				await open(page, `${PATH}?scenario=${scenario}&step=${steps - 1}&rel=1`);
				const diagram = page.locator('figure.diagram svg');
				await expect(diagram).toContainText(/ESTABLISHED|CLOSED|TIME-WAIT|LISTEN/);
				for (const numbers of ['relative', 'absolute']) {
					if (numbers === 'absolute') await page.getByLabel('Relative sequence numbers').uncheck();
					for (const collision of await textCollisions(diagram)) {
						found.push(`${scenario}, ${numbers}: ${collision}`);
					}
				}
			}
			expect(found).toEqual([]);
		});
	});
}
