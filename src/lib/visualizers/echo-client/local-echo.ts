import { ECHO_PROBE_HEADER } from '$lib/protocol/websocket/inspect-report';

/**
 * The ws:// or wss:// URL of this origin's /echo when the page is served by the project's own
 * dev or preview server (which answers a plain GET of /echo with ECHO_PROBE_HEADER), else null.
 */
export async function findLocalEcho(location: Location, base: string): Promise<string | null> {
	try {
		const response = await fetch(`${base}/echo`, { method: 'GET', cache: 'no-store' });
		if (!response.headers.has(ECHO_PROBE_HEADER)) return null;
	} catch {
		return null;
	}
	const scheme = location.protocol === 'https:' ? 'wss:' : 'ws:';
	return `${scheme}//${location.host}${base}/echo`;
}
