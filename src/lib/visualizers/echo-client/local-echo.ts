/**
 * How a page finds the project's own echo server behind it, without sending a request.
 *
 * The Vite plugin (src/echo/vite-plugin.ts) adds `Server-Timing: socket-explorer-echo;desc="/echo"`
 * (the path under the site's base) to every response of `npm start` and `npm run preview`. The
 * page reads it from its own navigation entry. A static host sends no such header, so there the
 * page quietly finds nothing: no probe request that could fail, no console message.
 *
 * Browsers expose `serverTiming` only in secure contexts (https:, and http: on localhost and
 * 127.0.0.1, where the project's server listens); elsewhere it is undefined and nothing is found.
 *
 * This module imports nothing: the Vite plugin, which is in vite.config.ts's import graph,
 * imports the metric name from it.
 */

/** The Server-Timing metric that marks a response from the project's own server. */
export const ECHO_SERVER_TIMING = 'socket-explorer-echo';

/** The Server-Timing header value the project's server sends for its echo endpoint at `path`. */
export function echoServerTiming(path: string): string {
	// A quoted-string (RFC 9110 §5.6.4): backslash and double quote are escaped.
	return `${ECHO_SERVER_TIMING};desc="${path.replace(/[\\"]/g, '\\$&')}"`;
}

/** The part of `performance` this needs; tests pass a stand-in. */
export interface NavigationTimingSource {
	getEntriesByType(type: 'navigation'): readonly PerformanceEntry[];
}

/**
 * The ws:// or wss:// URL of this origin's /echo when the page was served by the project's own
 * dev or preview server, else null.
 */
export function localEchoUrl(
	location: Pick<Location, 'protocol' | 'host'>,
	timing: NavigationTimingSource = performance
): string | null {
	const [navigation] = timing.getEntriesByType(
		'navigation'
	) as Partial<PerformanceNavigationTiming>[];
	const marker = navigation?.serverTiming?.find((entry) => entry.name === ECHO_SERVER_TIMING);
	const path = marker?.description ?? '';
	// A path on this origin, never a scheme-relative '//host' or a full URL.
	if (!/^\/(?!\/)\S*$/.test(path)) return null;
	const scheme = location.protocol === 'https:' ? 'wss:' : 'ws:';
	return `${scheme}//${location.host}${path}`;
}
