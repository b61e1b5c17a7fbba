import { describe, expect, it } from 'vitest';
import { ECHO_SERVER_TIMING, echoServerTiming, localEchoUrl } from './local-echo';

/** A stand-in for `performance` whose navigation entry carries these Server-Timing metrics. */
function timing(serverTiming: { name: string; description: string }[] | undefined) {
	const entry = { entryType: 'navigation', serverTiming } as unknown as PerformanceEntry;
	return { getEntriesByType: () => [entry] };
}

const http = { protocol: 'http:', host: '127.0.0.1:5173' };

describe('localEchoUrl', () => {
	it('builds the ws:// URL of this origin from the path the server marked', () => {
		const found = localEchoUrl(http, timing([{ name: ECHO_SERVER_TIMING, description: '/echo' }]));
		expect(found).toBe('ws://127.0.0.1:5173/echo');
		// The URL a WebSocket would be opened with parses back to the same host and path.
		const url = new URL(found!);
		expect([url.protocol, url.host, url.pathname]).toEqual(['ws:', '127.0.0.1:5173', '/echo']);
	});

	it('uses wss: on an https: page, and keeps a base path', () => {
		const marker = [
			{ name: 'db', description: 'other metric' },
			{ name: ECHO_SERVER_TIMING, description: '/socket-explorer/echo' }
		];
		expect(localEchoUrl({ protocol: 'https:', host: 'example.org' }, timing(marker))).toBe(
			'wss://example.org/socket-explorer/echo'
		);
	});

	it('finds nothing on a static host: no marker, no entry, or no serverTiming at all', () => {
		expect(localEchoUrl(http, timing([]))).toBeNull();
		expect(localEchoUrl(http, timing([{ name: 'cache', description: '/echo' }]))).toBeNull();
		// Outside a secure context the attribute does not exist.
		expect(localEchoUrl(http, timing(undefined))).toBeNull();
		expect(localEchoUrl(http, { getEntriesByType: () => [] })).toBeNull();
	});

	it('takes only a path on this origin from the header', () => {
		for (const description of [
			'',
			'echo',
			'//evil.example/echo',
			'ws://evil.example/echo',
			'/a b'
		]) {
			expect(
				localEchoUrl(http, timing([{ name: ECHO_SERVER_TIMING, description }])),
				description
			).toBeNull();
		}
	});
});

describe('echoServerTiming', () => {
	it('writes the path as a quoted-string description', () => {
		expect(echoServerTiming('/socket-explorer/echo')).toBe(
			'socket-explorer-echo;desc="/socket-explorer/echo"'
		);
		// RFC 9110 §5.6.4: inside a quoted-string, " and \ are escaped with a backslash.
		expect(echoServerTiming('/a"b\\c')).toBe('socket-explorer-echo;desc="/a\\"b\\\\c"');
	});
});
