import { expect, test, type Page } from '@playwright/test';
import { PACKET_EXAMPLES } from '../src/lib/protocol/packet/examples';
import {
	clippedBitLabels,
	expectNoAxeViolations,
	open,
	recordProblems,
	revealDeferred,
	scrollsHorizontally,
	smallTargets
} from './helpers';

const PATH = '/tools/packet-decoder/';

/** The SYN of the gallery: Ethernet (all-zero loopback addresses), IPv4, TCP with options. */
const SYN = PACKET_EXAMPLES.find((e) => e.id === 'syn')!.input.hex;
const bytesOf = (hex: string) => (hex.match(/../g) ?? []).map((pair) => parseInt(pair, 16));
const hexOf = (bytes: number[]) => bytes.map((b) => b.toString(16).padStart(2, '0')).join('');
const hex16 = (n: number) => `0x${n.toString(16).padStart(4, '0')}`;

/**
 * The internet checksum of RFC 1071 §4.1, written out here so the test does not trust the
 * decoder's: the one's complement of the one's-complement sum of the 16-bit words.
 */
function rfc1071(bytes: number[]): number {
	let sum = 0;
	for (let i = 0; i < bytes.length; i += 2) sum += (bytes[i] << 8) + (bytes[i + 1] ?? 0);
	while (sum > 0xffff) sum = (sum & 0xffff) + (sum >>> 16);
	return ~sum & 0xffff;
}

const input = (page: Page) => page.getByRole('textbox', { name: /^Bytes/ });
const layer = (page: Page, title: string) =>
	page.getByRole('article', { name: title, exact: true });

test.describe('Packet Decoder', () => {
	test('decodes a pasted SYN: the SYN flag set, its options, and both checksums', async ({
		page
	}) => {
		await open(page, PATH);
		await input(page).fill(SYN);
		await page.getByLabel('Link type').selectOption('ethernet');
		await expect(page.getByText('Read as plain hex: 74 bytes.')).toBeVisible();
		await expect(page.getByText(/127\.0\.0\.1:39548 → 127\.0\.0\.1:50800 \[SYN\]/)).toBeVisible();

		const tcp = layer(page, 'TCP');
		// tcp.flags.syn: bit 6 of byte 47, set.
		const syn = tcp.getByRole('row', { name: /^SYN/ });
		await expect(syn).toContainText('byte 47, bit 6');
		await expect(syn.getByRole('cell').nth(1)).toHaveText('1');
		await expect(tcp.getByRole('row', { name: /^ACK/ }).getByRole('cell').nth(1)).toHaveText('0');
		await expect(tcp.getByRole('row', { name: /^MSS/ })).toContainText('65495');
		// The header drawn as RFC 9293 §3.1 draws it, a flag per column.
		const diagram = tcp.getByRole('figure');
		await expect(diagram).toContainText('as RFC 9293 §3.1 draws it');
		await expect(diagram.getByTitle('SYN', { exact: true })).toBeVisible();

		// Both checksums: the IPv4 header's correct, TCP's left to offload on loopback.
		await expect(layer(page, 'IPv4')).toContainText('IPv4 header checksum 0x81fa: correct');
		await expect(tcp).toContainText('TCP checksum 0xfe30: partial (offload)');
		await expect(tcp).toContainText(/checksum offload.*not an error/);

		// Hovering a byte finds its fields; focusing a field finds its bytes.
		await tcp.getByRole('gridcell', { name: /: byte 47,/ }).hover();
		await expect(syn).toHaveClass(/active/);
		await page.mouse.move(0, 0);
		await tcp.getByRole('button', { name: 'Window: highlight its bytes' }).focus();
		for (const i of [48, 49])
			await expect(tcp.getByRole('gridcell', { name: new RegExp(`: byte ${i},`) })).toHaveClass(
				/active/
			);
		await expect(tcp.getByRole('gridcell', { name: /: byte 50,/ })).not.toHaveClass(/active/);
	});

	/**
	 * Parts wait until they are near, and near comes soon on this page: whether one still waits
	 * when a test looks would be a race. With an IntersectionObserver that never reports, parts
	 * wait until something else renders them.
	 */
	const stillObserver = (page: Page) =>
		page.addInitScript(() => {
			window.IntersectionObserver = class {
				observe() {}
				unobserve() {}
				disconnect() {}
				takeRecords() {
					return [];
				}
			} as unknown as typeof IntersectionObserver;
		});

	test('renders every layer once the reader edits the bytes, even back to the same text', async ({
		page
	}) => {
		await page.setViewportSize({ width: 360, height: 740 });
		await stillObserver(page);
		await open(page, PATH);
		const waiting = page.locator('.packet-decoder [data-deferred]');
		await expect(waiting).not.toHaveCount(0);
		// Typed over with the very same text: the decoding is what the reader came to see.
		await input(page).fill(await input(page).inputValue());
		await expect(waiting).toHaveCount(0);
	});

	test('an edit also renders the parts waiting inside a layer that hydrated', async ({ page }) => {
		await stillObserver(page);
		// Where the first layer's card and its bytes and fields lie, with everything rendered.
		await page.setViewportSize({ width: 360, height: 4000 });
		await open(page, PATH);
		const card = page.locator('[id$="-layer-0"]').first();
		const inner = card
			.locator('.deferrable')
			.filter({ has: page.getByRole('table') })
			.first();
		const cardTop = (await card.boundingBox())!.y;
		const innerTop = (await inner.boundingBox())!.y;
		expect(innerTop).toBeGreaterThan(cardTop + 20);
		// A screen that ends between them: the card hydrates, its bytes and fields wait.
		await page.setViewportSize({ width: 360, height: Math.round((cardTop + innerTop) / 2) });
		await open(page, PATH);
		const waitingInside = card.locator('[data-deferred]');
		await expect(waitingInside).toHaveCount(1);
		await input(page).fill(await input(page).inputValue());
		await expect(waitingInside).toHaveCount(0);
		await expect(card.getByRole('table').first()).toBeAttached();
	});

	test('reads a tcpdump -xx paste and says which link type it assumed', async ({ page }) => {
		await open(page, PATH);
		// As tcpdump -xx prints the SYN above: the summary line, then the bytes from the link header.
		const words = SYN.match(/.{1,4}/g)!;
		const lines = [
			'17:08:14.789620 IP 127.0.0.1.39548 > 127.0.0.1.50800: Flags [S], seq 3990866124, win 65495, options [mss 65495,sackOK,TS val 2390121405 ecr 0,nop,wscale 10], length 0'
		];
		for (let i = 0; i < words.length; i += 8)
			lines.push(
				`\t0x${(i * 2).toString(16).padStart(4, '0')}:  ${words.slice(i, i + 8).join(' ')}`
			);
		await input(page).fill(lines.join('\n'));
		await page.getByLabel('Link type').selectOption('auto');
		await expect(page.getByText('Read as tcpdump -x / -xx / -X / -XX: 74 bytes.')).toBeVisible();
		await expect(
			page.getByText(/read as an Ethernet II frame \(LINKTYPE_ETHERNET, 1\)/)
		).toBeVisible();
		await expect(layer(page, 'Ethernet II')).toBeVisible();
		await expect(layer(page, 'TCP').getByRole('row', { name: /^SYN/ })).toBeVisible();
		await expect(input(page)).toHaveValue(lines.join('\n'));
	});

	test('shows a corrupted IPv4 header checksum as incorrect, with the value that would be right', async ({
		page
	}) => {
		const bytes = bytesOf(SYN);
		bytes[14 + 8] = 0x3f; // TTL 64 → 63, the stored checksum left as it was
		const header = bytes.slice(14, 34);
		header[10] = header[11] = 0;
		const right = hex16(rfc1071(header));
		expect(right).not.toBe('0x81fa');

		await open(page, `${PATH}?hex=${hexOf(bytes)}&link=ethernet`);
		const ip = layer(page, 'IPv4');
		await expect(ip).toContainText(
			`IPv4 header checksum 0x81fa: incorrect — the correct value is ${right}`
		);
		await expect(
			page.getByText(`The IPv4 header checksum is 0x81fa, but the bytes give ${right}`)
		).toBeVisible();
		await expect(ip.getByRole('gridcell', { name: /: byte 24,.*error here/ })).toHaveClass(/error/);
	});

	test('restores ?hex=…&link=raw from the address, and checks a corrupted TCP checksum with its pseudo-header', async ({
		page
	}) => {
		// The SYN as raw IPv4 (no link header), its TCP checksum overwritten with 0x1234.
		const bytes = bytesOf(SYN).slice(14);
		bytes[20 + 16] = 0x12;
		bytes[20 + 17] = 0x34;
		const ipHeader = bytes.slice(0, 20);
		const segment = bytes.slice(20);
		segment[16] = segment[17] = 0;
		const pseudo = [...ipHeader.slice(12, 20), 0, 6, 0, segment.length];
		const right = hex16(rfc1071([...pseudo, ...segment]));

		const problems = recordProblems(page);
		await open(page, `${PATH}?hex=${hexOf(bytes)}&link=raw`);
		await expect(input(page)).toHaveValue(hexOf(bytes));
		await expect(page.getByLabel('Link type')).toHaveValue('raw');
		await expect(layer(page, 'Ethernet II')).toHaveCount(0);
		const tcp = layer(page, 'TCP');
		await expect(tcp).toContainText(
			`TCP checksum 0x1234: incorrect — the correct value is ${right}`
		);
		await expect(page).toHaveURL(new RegExp(`\\?hex=${hexOf(bytes)}&link=raw$`));
		expect(problems).toEqual([]);
	});

	test('keeps what was typed and says where it stops being hex', async ({ page }) => {
		await open(page, PATH);
		await input(page).fill('45 00\n00 3g');
		await expect(page.getByText(/^Line 2, column 5:/)).toBeVisible();
		await expect(page.locator('.snippet')).toHaveText('00 3g\n    ^');
		await expect(input(page)).toHaveValue('45 00\n00 3g');
		await expect(input(page)).toHaveAttribute('aria-invalid', 'true');
		await expect(page).toHaveURL(/hex=45\+00%0A00\+3g/);
	});

	test('loads a gallery example and opens its payload in the Frame Decoder', async ({ page }) => {
		await open(page, PATH);
		await page.getByText('Examples').click();
		await page.getByRole('button', { name: 'Data: a masked WebSocket frame' }).click();
		const open_ = page.getByRole('link', { name: 'Open in the Frame Decoder' });
		await expect(open_).toHaveAttribute('href', /^\/tools\/frame-decoder\/\?hex=81\+85\+37\+fa/);
		await open_.click();
		await expect(page.getByText(/Valid: 1 frame, 1 message/)).toBeVisible();
	});

	test('loads with no console message, error or failed request', async ({ page }) => {
		const problems = recordProblems(page);
		await open(page, PATH);
		await page.getByText('Examples').click();
		for (const id of ['port-unreachable', 'ipv6-extensions', 'ihl-4']) {
			const example = PACKET_EXAMPLES.find((e) => e.id === id)!;
			await page.getByRole('button', { name: example.title }).click();
			await expect(page).toHaveURL(new RegExp(`hex=${example.input.hex}`));
		}
		await page.waitForLoadState('networkidle');
		expect(problems).toEqual([]);
	});

	for (const scheme of ['light', 'dark'] as const) {
		test(`has no axe violations on a broken packet (${scheme})`, async ({ page }) => {
			await page.emulateMedia({ colorScheme: scheme });
			const example = PACKET_EXAMPLES.find((e) => e.id === 'bad-checksum')!;
			await open(page, `${PATH}?hex=${example.input.hex}&link=ethernet`);
			// Layers below the screen render as the reader scrolls near.
			await revealDeferred(page);
			await expect(layer(page, 'TCP')).toBeVisible();
			await expectNoAxeViolations(page);
		});
	}
});

test.describe('Packet Decoder at 360 px', () => {
	test.use({ viewport: { width: 360, height: 740 } });

	test('does not scroll sideways on any gallery example', async ({ page }) => {
		test.setTimeout(150_000); // 21 page loads
		for (const example of PACKET_EXAMPLES) {
			await open(page, `${PATH}?hex=${example.input.hex}&link=${example.input.linkType}`);
			await expect(page.getByRole('article').first()).toBeVisible();
			expect(await scrollsHorizontally(page), example.id).toBe(false);
		}
	});

	for (const scheme of ['light', 'dark'] as const) {
		test(`has no axe violations (${scheme})`, async ({ page }) => {
			await page.emulateMedia({ colorScheme: scheme });
			const example = PACKET_EXAMPLES.find((e) => e.id === 'port-unreachable')!;
			await open(page, `${PATH}?hex=${example.input.hex}&link=ethernet`);
			// Layers below the screen render as the reader scrolls near.
			await revealDeferred(page);
			await expect(layer(page, 'ICMP')).toBeVisible();
			await expectNoAxeViolations(page);
		});
	}

	test('shows every field name of the header diagrams whole, one-bit flags upright', async ({
		page
	}) => {
		// The SYN: IPv4's DF and MF, and TCP's eight one-bit flags.
		await open(page, PATH);
		expect(await clippedBitLabels(page)).toEqual([]);
		await expect(layer(page, 'TCP').locator('figure.diagram .label.upright')).toHaveCount(9);
	});

	test('has buttons and links of at least 24 × 24 px', async ({ page }) => {
		await open(page, PATH);
		await page.getByText('Examples').click();
		expect(await smallTargets(page)).toEqual([]);
	});
});

test.describe('in the TCP lesson', () => {
	test('the header diagrams show every field name whole in the lesson column', async ({ page }) => {
		for (const width of [1280, 768]) {
			await page.setViewportSize({ width, height: 800 });
			await open(page, '/learn/tcp-handshake/');
			expect(await clippedBitLabels(page), `${width} px`).toEqual([]);
			// The embedded decoder drew the TCP header, flags and all.
			expect(await page.locator('figure.diagram .label.upright').count()).toBeGreaterThan(8);
		}
	});

	test('the packet decoder loads as the reader scrolls to it and reads the captured SYN', async ({
		page
	}) => {
		const problems = recordProblems(page);
		await open(page, '/learn/tcp-handshake/');
		const region = page.getByRole('region', {
			name: 'The captured Linux SYN, IPv4 header included',
			exact: true
		});
		// Before it loads, the bytes and a link to the full tool stand in for it.
		await expect(region.getByRole('link', { name: /Packet Decoder/ })).toHaveAttribute(
			'href',
			/\/tools\/packet-decoder\/\?.*link=raw/
		);
		await region.scrollIntoViewIfNeeded();
		await expect(region.getByRole('textbox', { name: /^Bytes/ })).toBeVisible();
		// Linux left the TCP checksum to offload (RFC 1071 sum of the pseudo-header only).
		await expect(region.getByText('partial (offload)').first()).toBeVisible();
		expect(problems).toEqual([]);
	});
});
