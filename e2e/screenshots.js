// Screenshots of pages for a person to look at: node e2e/screenshots.js [path …]
// Needs a running server (npm run preview); writes screenshots/<page>-<width>-<scheme>.png.
import { chromium } from '@playwright/test';
import { mkdirSync } from 'node:fs';

const base = process.env.BASE_URL ?? 'http://127.0.0.1:4173';
const paths = process.argv.slice(2).length
	? process.argv.slice(2)
	: ['/', '/learn/what-is-a-socket/'];
const browser = await chromium.launch({
	executablePath: process.env.CHROMIUM_PATH || '/usr/bin/chromium',
	args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--no-first-run']
});
mkdirSync('screenshots', { recursive: true });
for (const path of paths) {
	for (const width of [1280, 360]) {
		for (const scheme of ['light', 'dark']) {
			const page = await browser.newPage({ viewport: { width, height: 900 }, colorScheme: scheme });
			await page.goto(base + path, { waitUntil: 'networkidle' });
			const overflow = await page.evaluate(() => {
				const wide = [];
				for (const el of document.querySelectorAll('body *')) {
					const r = el.getBoundingClientRect();
					if (r.right > document.documentElement.clientWidth + 1)
						wide.push(`${el.tagName}.${el.className} ${Math.round(r.right)}`);
				}
				return wide.slice(0, 5);
			});
			const name = `screenshots/${path.replace(/\//g, '_') || 'home'}-${width}-${scheme}.png`;
			await page.screenshot({ path: name, fullPage: process.env.FULL === '1' });
			console.log(name, overflow.length ? `overflow: ${overflow.join(' | ')}` : '');
			await page.close();
		}
	}
}
await browser.close();
