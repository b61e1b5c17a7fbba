import { defineConfig, devices } from '@playwright/test';
import { fileURLToPath } from 'node:url';

/**
 * Browser tests run the production build in Debian's Chromium (no browser download): set
 * CHROMIUM_PATH to use another Chromium or Chrome binary.
 */
const executablePath = process.env.CHROMIUM_PATH || '/usr/bin/chromium';
const root = fileURLToPath(new URL('..', import.meta.url));

export const PREVIEW_PORT = 4173;
export const STATIC_PORT = 4174;

export default defineConfig({
	testDir: '.',
	testMatch: '**/*.test.ts',
	fullyParallel: true,
	forbidOnly: !!process.env.CI,
	retries: process.env.CI ? 1 : 0,
	workers: 2,
	reporter: process.env.CI
		? [['list']]
		: [['list'], ['html', { open: 'never', outputFolder: '../playwright-report' }]],
	outputDir: '../test-results',
	timeout: 30_000,
	expect: { timeout: 10_000 },
	use: {
		...devices['Desktop Chrome'],
		channel: undefined,
		launchOptions: {
			executablePath,
			args: [
				'--no-sandbox',
				'--disable-gpu',
				'--disable-quic',
				'--no-first-run',
				'--disable-background-networking',
				'--disable-component-update',
				'--disable-sync'
			]
		},
		trace: 'retain-on-failure'
	},
	projects: [
		{
			// The site as `npm run preview` serves it.
			name: 'preview',
			testIgnore: '**/static-host.test.ts',
			use: { baseURL: `http://127.0.0.1:${PREVIEW_PORT}` }
		},
		{
			// The sub-path build (BASE_PATH=/socket-explorer) on a plain static file server, as a
			// static host would serve it.
			name: 'static-host',
			testMatch: '**/static-host.test.ts',
			use: { baseURL: `http://127.0.0.1:${STATIC_PORT}` }
		}
	],
	webServer: [
		{
			command: `npx vite preview --port ${PREVIEW_PORT} --strictPort`,
			cwd: root,
			url: `http://127.0.0.1:${PREVIEW_PORT}/`,
			reuseExistingServer: !process.env.CI,
			timeout: 60_000
		},
		{
			command: `node e2e/static-server.js --root build-subpath --base /socket-explorer --port ${STATIC_PORT}`,
			cwd: root,
			url: `http://127.0.0.1:${STATIC_PORT}/socket-explorer/`,
			reuseExistingServer: !process.env.CI,
			timeout: 30_000
		}
	]
});
