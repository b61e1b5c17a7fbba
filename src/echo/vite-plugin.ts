/**
 * Mounts the echo server on Vite's dev and preview servers, so `npm start` and `vite preview`
 * serve /echo and /inspect (WebSocket), POST /socket-lab (the socket types lab's live runs on
 * real loopback sockets, src/echo/socket-lab.ts) and the live transports under /transports/
 * (poll, long-poll, SSE and WebSocket, src/echo/transports.ts) on the site's own port and origin,
 * at the root and under the site's base path.
 *
 * Only upgrades to /echo and /inspect are taken; everything else, Vite's HMR socket included, is
 * left to the other 'upgrade' listeners on the same server. The lab is a middleware placed ahead
 * of Vite's own, so its requests never reach Vite.
 *
 * Every response also carries
 * `Server-Timing: socket-explorer-echo;desc="<base>/echo", socket-explorer-lab;desc="<base>/socket-lab"`
 * (one header, a comma-separated list of two metrics, RFC 9110 §5.6.1), which is how a page
 * learns that this server, with its endpoints, is behind it: the page reads the metrics from its
 * own navigation entry, so finding the server costs no request, and on a static host (no header)
 * nothing fails and nothing is logged. A cookie would also need no request, but cookies ignore
 * the port: one set by `npm start` on 127.0.0.1:5173 would be sent to any other server on
 * 127.0.0.1 and outlive the server that set it.
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { Plugin } from 'vite';
import {
	echoServerTiming,
	labServerTiming,
	socketIoServerTiming,
	transportsServerTiming
} from '../lib/visualizers/echo-client/local-echo.js';
import { SOCKET_IO_PATH } from './socketio.js';
import { TRANSPORTS_PATH } from '../lib/protocol/transports/wire.js';
import { SOCKET_LAB_PATH } from './socket-lab.js';
import {
	createEchoServer,
	type EchoLogger,
	type EchoServerOptions,
	type UpgradeEmitter
} from './server.js';

/** The part of Vite's dev or preview server the plugin needs; tests pass a plain object. */
export interface EchoMountTarget {
	/** Null in middleware mode (as under Vitest), where there is no server to mount on. */
	httpServer: (UpgradeEmitter & Pick<NodeJS.EventEmitter, 'once'>) | null;
	/** Connect-style middleware stack; absent in tests that only mount the upgrade listener. */
	middlewares?: {
		use(handler: (req: IncomingMessage, res: ServerResponse, next: () => void) => void): unknown;
	};
	config: {
		base: string;
		logger?: { info(message: string): void; warn(message: string): void };
	};
}

/** Options for the plugin: the server's, minus where to listen, which Vite decides. */
export type EchoPluginOptions = Omit<EchoServerOptions, 'port' | 'host' | 'basePath'>;

/** The plugin object, with its hooks typed for what they use. */
export interface EchoVitePlugin {
	name: string;
	configureServer(server: EchoMountTarget): void;
	configurePreviewServer(server: EchoMountTarget): void;
}

/** Vite plugin serving the echo server's endpoints on the dev and preview servers. */
export function echoServerPlugin(options: EchoPluginOptions = {}): EchoVitePlugin {
	const mount = (server: EchoMountTarget) => {
		const httpServer = server.httpServer;
		if (!httpServer) return;
		const viteLogger = server.config.logger;
		const logger: EchoLogger | undefined =
			options.logger ??
			(viteLogger && {
				info: (line) => viteLogger.info(`[echo] ${line}`),
				warn: (line) => viteLogger.warn(`[echo] ${line}`)
			});
		const echo = createEchoServer({ ...options, logger, basePath: server.config.base });
		echo.attach(httpServer);
		const base = server.config.base.replace(/\/$/, '');
		// Added before Vite's own middlewares, so pages, assets and Vite's answers all carry it.
		const metrics = [echoServerTiming(`${base}/echo`)];
		if (echo.lab) metrics.push(labServerTiming(`${base}/${SOCKET_LAB_PATH}`));
		if (echo.transports) metrics.push(transportsServerTiming(`${base}/${TRANSPORTS_PATH}/`));
		if (echo.socketIo) metrics.push(socketIoServerTiming(`${base}/${SOCKET_IO_PATH}`));
		const marker = metrics.join(', ');
		server.middlewares?.use((req, res, next) => {
			res.setHeader('Server-Timing', marker);
			if (echo.lab?.handle(req, res)) return;
			if (echo.transports?.handle(req, res)) return;
			// Socket.IO's polling requests and its inspect records (upgrades come through attach).
			if (echo.socketIo?.handleRequest(req, res)) return;
			const path = (req.url ?? '').split('?')[0];
			if (path !== `${base}/echo` && path !== `${base}/inspect`) return next();
			// A plain GET of an endpoint (someone opening it in a tab) says what it is.
			res.writeHead(426, {
				'Content-Type': 'text/plain; charset=utf-8',
				Upgrade: 'websocket',
				Connection: 'Upgrade'
			});
			res.end(`This is a WebSocket endpoint: connect to it with ws:// or wss://.\n`);
		});
		// Vite destroys every socket when it closes; this stops the heartbeat and detaches.
		httpServer.once('close', () => void echo.close());
	};
	const plugin = {
		name: 'socket-explorer:echo',
		configureServer: mount,
		configurePreviewServer: mount
	};
	// Checked here, so a change in Vite's hook types shows up in this file, not in vite.config.ts.
	const checked: Plugin = plugin;
	void checked;
	return plugin;
}
