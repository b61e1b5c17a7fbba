import {
	expectNoAxeViolations,
	open,
	recordProblems,
	scrollsHorizontally,
	smallTargets
} from './helpers';
import { expect, test, type Page } from '@playwright/test';

const PATH = '/tools/socket-types/';
/** The classic framing example with a clean network: 24 bytes in two send() calls. */
const LOGIN = `${PATH}?m=LOGIN+alice%5Cn&m=PASS+secret%5Cn&read=8&loss=0&reorder=0&dup=0&mtu=1500&seed=1`;

const lab = (page: Page) => page.getByRole('region', { name: 'Socket types lab' });
const reads = (page: Page, type = 'stream') =>
	page.getByRole('list', { name: `recv() results of the ${type} run` }).getByRole('listitem');
const packets = (page: Page, type = 'stream') =>
	page
		.getByRole('list', { name: `Packets of the ${type} run, in send order` })
		.getByRole('listitem');
/** Each recv() as "bytes|count|truncation", the way a reader compares them. */
const readTexts = async (page: Page, type = 'stream') =>
	Promise.all(
		(await reads(page, type).all()).map(async (read) =>
			[
				await read.locator('.bytes').innerText(),
				await read.locator('.count').innerText(),
				(await read.locator('.badge').count()) ? await read.locator('.badge').innerText() : ''
			].join('|')
		)
	);

test.describe('Socket types lab', () => {
	test('replay with the same seed plays the same run again', async ({ page }) => {
		await open(page, PATH);
		const skip = page.getByRole('button', { name: 'Skip to the end' });
		// The page plays its run on arrival; wait for the end instead of skipping it.
		await expect(skip).toBeDisabled();
		const outcome = (await lab(page).locator('.verdict').textContent()) ?? '';
		const first = await readTexts(page);
		const fates = await packets(page).locator('.fate').allInnerTexts();
		expect(first.length).toBeGreaterThan(0);
		// Seed 12 loses the first segment, so the stream retransmits it (tcp(7), RFC 6298).
		expect(fates.join(' ')).toMatch(/lost[\s\S]*retransmission/);

		await page.getByRole('button', { name: 'Replay' }).click();
		await expect(skip).toBeEnabled();
		await skip.click();
		await expect(lab(page).locator('.verdict')).toHaveText(outcome);
		expect(await readTexts(page)).toEqual(first);
		expect(await packets(page).locator('.fate').allInnerTexts()).toEqual(fates);

		// A new seed is a new draw, written in the seed box.
		const seed = page.getByRole('spinbutton', { name: 'Seed' });
		await page.getByRole('button', { name: 'New seed' }).click();
		await expect(seed).not.toHaveValue('12');
	});

	test('a stream hands back bytes across send() boundaries; datagrams and records truncate', async ({
		page
	}) => {
		await page.emulateMedia({ reducedMotion: 'reduce' });
		await open(page, LOGIN);
		// recv(2): a stream read returns up to 8 bytes of the 24, wherever the sends began.
		await expect(reads(page)).toHaveCount(3);
		expect(await readTexts(page)).toEqual([
			'LOGIN al|8 bytes|',
			'ice\\nPASS|8 bytes|',
			' secret\\n|8 bytes|'
		]);
		// udp(7): one datagram per read, cut to 8 bytes, the rest discarded (MSG_TRUNC).
		await page.getByRole('radio', { name: /^datagram/ }).check();
		await expect(reads(page, 'datagram')).toHaveCount(2);
		expect(await readTexts(page, 'datagram')).toEqual([
			'LOGIN al|8 bytes|✂ truncated: 4 bytes discarded',
			'PASS sec|8 bytes|✂ truncated: 4 bytes discarded'
		]);
		// socket(2): a seqpacket read takes one record, and discards what does not fit.
		await page.getByRole('radio', { name: /^seqpacket/ }).check();
		expect(await readTexts(page, 'seqpacket')).toEqual([
			'LOGIN al|8 bytes|✂ truncated: 4 bytes discarded',
			'PASS sec|8 bytes|✂ truncated: 4 bytes discarded'
		]);
	});

	test('keeps every control in the address, and a reload restores them', async ({ page }) => {
		await page.emulateMedia({ reducedMotion: 'reduce' });
		await open(page, PATH);
		await page.getByRole('textbox', { name: 'send() 2' }).fill('hello\\n');
		await page.getByRole('button', { name: 'Add a send()' }).click();
		await page.getByRole('textbox', { name: 'send() 4' }).fill('x');
		await page.getByRole('radio', { name: /^datagram/ }).check();
		await page.getByRole('spinbutton', { name: /^Read size/ }).fill('3');
		await page.getByRole('spinbutton', { name: /^MTU/ }).fill('576');
		await page.getByRole('slider', { name: /^Loss/ }).fill('0.5');
		await page.getByRole('spinbutton', { name: 'Seed' }).fill('99');
		await expect(page).toHaveURL(
			/\?m=A&m=hello%5Cn&m=C&m=x&type=datagram&read=3&loss=0\.5&reorder=0\.2&dup=0\.1&mtu=576&seed=99$/
		);
		const outcome = (await lab(page).locator('.verdict').textContent()) ?? '';

		await page.reload();
		await page.locator('html[data-hydrated]').waitFor({ state: 'attached' });
		await expect(page.getByRole('textbox', { name: 'send() 2' })).toHaveValue('hello\\n');
		await expect(page.getByRole('textbox', { name: 'send() 4' })).toHaveValue('x');
		await expect(page.getByRole('radio', { name: /^datagram/ })).toBeChecked();
		await expect(page.getByRole('spinbutton', { name: /^Read size/ })).toHaveValue('3');
		await expect(page.getByRole('spinbutton', { name: /^MTU/ })).toHaveValue('576');
		await expect(page.getByRole('slider', { name: /^Loss/ })).toHaveValue('0.5');
		await expect(page.getByRole('spinbutton', { name: 'Seed' })).toHaveValue('99');
		await expect(lab(page).locator('.verdict')).toHaveText(outcome);

		// Compare is kept too, and shows all three types.
		await page.getByLabel('Compare all three side by side').check();
		await expect(page).toHaveURL(/compare=1/);
		await page.reload();
		for (const type of ['stream', 'datagram', 'seqpacket']) {
			await expect(page.getByRole('heading', { name: new RegExp(`^${type}`) })).toBeVisible();
			await expect(
				page.getByRole('list', { name: `recv() results of the ${type} run` })
			).toBeVisible();
		}
	});

	test('shows a problem next to the control it is about, and keeps what was typed', async ({
		page
	}) => {
		const problems = recordProblems(page);
		await page.emulateMedia({ reducedMotion: 'reduce' });
		await open(page, PATH);
		const message = page.getByRole('textbox', { name: 'send() 2' });
		await message.fill('B\\q');
		await expect(message).toHaveAttribute('aria-invalid', 'true');
		await expect(message).toHaveAccessibleDescription(/^Column 2: \\q is not an escape/);
		await expect(message).toHaveValue('B\\q');
		await message.fill('B\\n');
		await expect(message).not.toHaveAttribute('aria-invalid');

		// The model's own refusal, at the MTU box: below RFC 791's 68 bytes.
		const mtu = page.getByRole('spinbutton', { name: /^MTU/ });
		await mtu.fill('20');
		await expect(mtu).toHaveAttribute('aria-invalid', 'true');
		await expect(mtu).toHaveAccessibleDescription(/68/);
		await expect(mtu).toHaveValue('20');
		const readSize = page.getByRole('spinbutton', { name: /^Read size/ });
		await mtu.fill('1500');
		await readSize.fill('0');
		await expect(readSize).toHaveAttribute('aria-invalid', 'true');
		await expect(mtu).not.toHaveAttribute('aria-invalid');
		await readSize.fill('5');
		await expect(reads(page).first()).toBeVisible();
		expect(problems).toEqual([]);
	});

	test('runs the messages on the real kernel and shows its reads beside the model’s', async ({
		page
	}) => {
		const problems = recordProblems(page);
		await page.emulateMedia({ reducedMotion: 'reduce' });
		await open(page, LOGIN);
		const run = page.getByRole('button', { name: 'Run on a real kernel' });
		// Said before any run: the real network here is loopback, which loses nothing.
		await expect(
			page.getByText(/^Loopback loses, reorders and duplicates nothing/, { exact: false })
		).toHaveCount(1);
		await run.click();
		const kernel = page
			.getByRole('list', { name: 'recv() results on the real kernel' })
			.getByRole('listitem');
		await expect(kernel.first()).toBeVisible();
		// Over real TCP the read boundaries depend on timing, but never the bytes or their order.
		const bytes = (await kernel.locator('.bytes').allInnerTexts()).join('');
		expect(bytes).toBe('LOGIN alice\\nPASS secret\\n');
		for (const count of await kernel.locator('.count').allInnerTexts()) {
			expect(Number.parseInt(count)).toBeLessThanOrEqual(8);
		}
		await expect(
			page
				.getByRole('listitem')
				.filter({ hasText: /^Loopback loses, reorders and duplicates nothing/ })
		).toBeVisible();

		// UDP over loopback: one datagram per read, cut to the read size.
		await page.getByRole('radio', { name: /^datagram/ }).check();
		await expect(kernel).toHaveCount(0);
		await run.click();
		await expect(kernel).toHaveCount(2);
		await expect(kernel.locator('.bytes')).toHaveText(['LOGIN al', 'PASS sec']);
		await expect(kernel.locator('.badge')).toHaveText([
			'✂ truncated: 4 bytes discarded',
			'✂ truncated: 4 bytes discarded'
		]);

		// No SOCK_SEQPACKET in Node: the page says so instead of offering a run.
		await page.getByRole('radio', { name: /^seqpacket/ }).check();
		await expect(run).toBeHidden();
		await expect(page.getByText(/Node cannot open SOCK_SEQPACKET/)).toBeVisible();

		// A message over the endpoint's limit is named before anything is sent.
		await page.getByRole('radio', { name: /^stream/ }).check();
		const long = page.getByRole('textbox', { name: 'send() 2' });
		await long.fill('x'.repeat(1100));
		await expect(run).toBeDisabled();
		await expect(long).toHaveAccessibleDescription(/messages\[1\] is 1100 bytes/);
		expect(problems).toEqual([]);
	});

	test('says clearly when the live run is refused, busy or unreachable', async ({ page }) => {
		await page.emulateMedia({ reducedMotion: 'reduce' });
		await open(page, LOGIN);
		const run = page.getByRole('button', { name: 'Run on a real kernel' });
		const answers = [
			{ status: 400, body: { error: 'readSize must be a whole number of bytes from 1 to 65536.' } },
			{ status: 503, body: { error: 'Too many runs at once.' }, headers: { 'retry-after': '2' } }
		];
		let next = 0;
		await page.route('**/socket-lab', (route) => {
			const answer = answers[next++];
			if (!answer) return route.abort('connectionrefused');
			return route.fulfill({
				status: answer.status,
				contentType: 'application/json',
				headers: answer.headers,
				body: JSON.stringify(answer.body)
			});
		});
		await run.click();
		await expect(
			page.getByText(/^The server refused the run \(400\): readSize must be/)
		).toBeVisible();
		await run.click();
		await expect(
			page.getByText(/^The server is busy with other live runs: try again in 2 s\./)
		).toBeVisible();
		await run.click();
		await expect(page.getByText(/^Could not reach the project’s server/)).toBeVisible();
		// The simulation is still there.
		await expect(reads(page)).toHaveCount(3);
	});

	for (const scheme of ['light', 'dark'] as const) {
		test(`fits 360 px, with no axe violations, in the ${scheme} theme`, async ({ page }) => {
			const problems = recordProblems(page);
			await page.setViewportSize({ width: 360, height: 800 });
			await page.emulateMedia({ colorScheme: scheme, reducedMotion: 'reduce' });
			for (const path of [PATH, `${LOGIN}&compare=1`]) {
				await open(page, path);
				await expect(page.locator('html')).toHaveAttribute('data-theme', scheme);
				await expect(lab(page).locator('.verdict').first()).toBeVisible();
				// Open every disclosure, so what they hide is checked too.
				for (const details of await page.locator('details').all()) {
					await details.evaluate((d) => ((d as HTMLDetailsElement).open = true));
				}
				expect(await scrollsHorizontally(page)).toBe(false);
				expect(await smallTargets(page)).toEqual([]);
				await expectNoAxeViolations(page);
			}
			expect(problems).toEqual([]);
		});
	}
});
