/**
 * How a page finds the project's own server behind it, without sending a request.
 *
 * The Vite plugin (src/echo/vite-plugin.ts) adds
 * `Server-Timing: socket-explorer-echo;desc="/echo", socket-explorer-lab;desc="/socket-lab"`
 * (the paths under the site's base) to every response of `npm start` and `npm run preview`: one
 * metric for the echo endpoint, one for the socket lab's live runs. The page reads them from its
 * own navigation entry. A static host sends no such header, so there the page quietly finds
 * nothing: no probe request that could fail, no console message.
 *
 * Browsers expose `serverTiming` only in secure contexts (https:, and http: on localhost and
 * 127.0.0.1, where the project's server listens); elsewhere it is undefined and nothing is found.
 *
 * This module imports nothing: the Vite plugin, which is in vite.config.ts's import graph,
 * imports the metric name from it.
 */

/** The Server-Timing metric that marks a response from the project's own server. */
export const ECHO_SERVER_TIMING = 'socket-explorer-echo';

/** The Server-Timing metric that names the socket lab's endpoint (POST, src/echo/socket-lab.ts). */
export const LAB_SERVER_TIMING = 'socket-explorer-lab';

/**
 * The Server-Timing metric that names the live transports' folder (`<base>/transports/`, with
 * poll, long-poll, sse and ws under it; src/echo/transports.ts).
 */
export const TRANSPORTS_SERVER_TIMING = 'socket-explorer-transports';

/**
 * The Server-Timing metric that names the Socket.IO server's path (`<base>/socket.io/`; its
 * byte records are at `<base>/socket.io-inspect`, src/echo/socketio.ts).
 */
export const SOCKET_IO_SERVER_TIMING = 'socket-explorer-socketio';

/** One Server-Timing metric with the path as its description. */
function metric(name: string, path: string): string {
	// A quoted-string (RFC 9110 §5.6.4): backslash and double quote are escaped.
	return `${name};desc="${path.replace(/[\\"]/g, '\\$&')}"`;
}

/** The Server-Timing header value the project's server sends for its echo endpoint at `path`. */
export function echoServerTiming(path: string): string {
	return metric(ECHO_SERVER_TIMING, path);
}

/** The Server-Timing metric the project's server adds for its socket lab endpoint at `path`. */
export function labServerTiming(path: string): string {
	return metric(LAB_SERVER_TIMING, path);
}

/** The Server-Timing metric the project's server adds for its live transports at `path`. */
export function transportsServerTiming(path: string): string {
	return metric(TRANSPORTS_SERVER_TIMING, path);
}

/** The Server-Timing metric the project's server adds for its Socket.IO server at `path`. */
export function socketIoServerTiming(path: string): string {
	return metric(SOCKET_IO_SERVER_TIMING, path);
}

/** The part of `performance` this needs; tests pass a stand-in. */
export interface NavigationTimingSource {
	getEntriesByType(type: 'navigation'): readonly PerformanceEntry[];
}

/** The path the metric `name` of this page's navigation entry names, or null. */
function markedPath(name: string, timing: NavigationTimingSource): string | null {
	const [navigation] = timing.getEntriesByType(
		'navigation'
	) as Partial<PerformanceNavigationTiming>[];
	const marker = navigation?.serverTiming?.find((entry) => entry.name === name);
	const path = marker?.description ?? '';
	// A path on this origin, never a scheme-relative '//host' or a full URL.
	return /^\/(?!\/)\S*$/.test(path) ? path : null;
}

/**
 * The ws:// or wss:// URL of this origin's /echo when the page was served by the project's own
 * dev or preview server, else null.
 */
export function localEchoUrl(
	location: Pick<Location, 'protocol' | 'host'>,
	timing: NavigationTimingSource = performance
): string | null {
	const path = markedPath(ECHO_SERVER_TIMING, timing);
	if (path === null) return null;
	const scheme = location.protocol === 'https:' ? 'wss:' : 'ws:';
	return `${scheme}//${location.host}${path}`;
}

/**
 * The http:// or https:// URL of this origin's socket lab endpoint when the page was served by
 * the project's own dev or preview server, else null (a static host: live runs are not there).
 */
export function localLabUrl(
	location: Pick<Location, 'protocol' | 'host'>,
	timing: NavigationTimingSource = performance
): string | null {
	if (location.protocol !== 'http:' && location.protocol !== 'https:') return null;
	const path = markedPath(LAB_SERVER_TIMING, timing);
	return path === null ? null : `${location.protocol}//${location.host}${path}`;
}

/**
 * The http:// or https:// URL of this origin's live transports folder (ending in '/') when the
 * page was served by the project's own dev or preview server, else null (a static host).
 */
export function localTransportsUrl(
	location: Pick<Location, 'protocol' | 'host'>,
	timing: NavigationTimingSource = performance
): string | null {
	if (location.protocol !== 'http:' && location.protocol !== 'https:') return null;
	const path = markedPath(TRANSPORTS_SERVER_TIMING, timing);
	return path === null ? null : `${location.protocol}//${location.host}${path}`;
}

/**
 * The http:// or https:// URL of this origin's Socket.IO path (ending in '/socket.io/') when the
 * page was served by the project's own dev or preview server, else null (a static host).
 */
export function localSocketIoUrl(
	location: Pick<Location, 'protocol' | 'host'>,
	timing: NavigationTimingSource = performance
): string | null {
	if (location.protocol !== 'http:' && location.protocol !== 'https:') return null;
	const path = markedPath(SOCKET_IO_SERVER_TIMING, timing);
	return path === null ? null : `${location.protocol}//${location.host}${path}`;
}
