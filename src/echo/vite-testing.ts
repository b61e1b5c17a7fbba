/**
 * Real Vite servers with the echo server's plugin, for the tests of what the plugin mounts: a dev
 * server over a temporary folder, or a preview server over a temporary build, each on a free
 * loopback port. `close` stops the server and removes the folder.
 */
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createServer, preview, type PreviewServer, type ViteDevServer } from 'vite';
import { silentLogger } from './server.js';
import { echoServerPlugin, type EchoPluginOptions } from './vite-plugin.js';

/** The page a test server serves at its root. */
export const TEST_PAGE = '<!doctype html><title>t</title>';

export interface ViteUnderTest<S> {
	server: S;
	/** `http://127.0.0.1:<port>`, without the base path. */
	origin: string;
	port: number;
	/** Stops the server and removes its folder. */
	close(): Promise<void>;
}

export interface ViteTestOptions {
	/** The site's base path, e.g. '/socket-explorer/'. */
	base?: string;
	/** The plugin's options; its logger is silent unless given. */
	plugin?: EchoPluginOptions;
	/** Files to write into the served folder (dev) or the build (preview), by name. */
	files?: Record<string, string>;
}

function folder(prefix: string, files: Record<string, string>, under = ''): string {
	const root = mkdtempSync(join(tmpdir(), prefix));
	if (under) mkdirSync(join(root, under));
	for (const [name, text] of Object.entries(files)) writeFileSync(join(root, under, name), text);
	return root;
}

/** The server, its address, and a close that also removes its folder. */
function underTest<S extends { close(): Promise<void> }>(
	server: S,
	port: number,
	root: string
): ViteUnderTest<S> {
	return {
		server,
		origin: `http://127.0.0.1:${port}`,
		port,
		close: async () => {
			await server.close();
			rmSync(root, { recursive: true, force: true });
		}
	};
}

function plugin(options: ViteTestOptions) {
	return echoServerPlugin({ logger: silentLogger, ...options.plugin });
}

/**
 * A Vite dev server with the plugin, serving `files` (by default an index page). With `hmr`, it
 * keeps its HMR WebSocket, and serves no page of its own (appType 'custom').
 */
export async function devServerWithEcho(
	options: ViteTestOptions & { hmr?: boolean } = {}
): Promise<ViteUnderTest<ViteDevServer>> {
	const root = folder(
		'echo-vite-',
		options.files ?? (options.hmr ? {} : { 'index.html': TEST_PAGE })
	);
	const server = await createServer({
		configFile: false,
		root,
		base: options.base,
		logLevel: 'silent',
		...(options.hmr ? { appType: 'custom' as const } : {}),
		optimizeDeps: { noDiscovery: true, include: [] },
		server: { host: '127.0.0.1', port: 0, strictPort: true, ...(options.hmr ? {} : { ws: false }) },
		plugins: [plugin(options)]
	});
	await server.listen();
	return underTest(server, (server.httpServer?.address() as AddressInfo).port, root);
}

/** A Vite preview server with the plugin, over a build holding `files` (by default an index page). */
export async function previewServerWithEcho(
	options: ViteTestOptions = {}
): Promise<ViteUnderTest<PreviewServer>> {
	const root = folder('echo-preview-', options.files ?? { 'index.html': TEST_PAGE }, 'dist');
	const server = await preview({
		configFile: false,
		root,
		base: options.base,
		logLevel: 'silent',
		preview: { host: '127.0.0.1', port: 0, strictPort: true },
		plugins: [plugin(options)]
	});
	return underTest(server, (server.httpServer.address() as AddressInfo).port, root);
}
