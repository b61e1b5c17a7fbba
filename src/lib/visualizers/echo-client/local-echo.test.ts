import { describe, expect, it } from 'vitest';
import {
	ECHO_SERVER_TIMING,
	LAB_SERVER_TIMING,
	echoServerTiming,
	labServerTiming,
	localEchoUrl,
	localLabUrl
} from './local-echo';

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

describe('localEchoUrl beside the lab metric', () => {
	it('still finds /echo when the header names the lab too, in either order', () => {
		const both = [
			{ name: LAB_SERVER_TIMING, description: '/socket-explorer/socket-lab' },
			{ name: ECHO_SERVER_TIMING, description: '/socket-explorer/echo' }
		];
		expect(localEchoUrl(http, timing(both))).toBe('ws://127.0.0.1:5173/socket-explorer/echo');
		expect(localEchoUrl(http, timing([...both].reverse()))).toBe(
			'ws://127.0.0.1:5173/socket-explorer/echo'
		);
	});
});

describe('localLabUrl', () => {
	const lab = (description: string) => timing([{ name: LAB_SERVER_TIMING, description }]);

	it('builds the http(s):// URL of this origin from the path the server marked', () => {
		expect(localLabUrl(http, lab('/socket-lab'))).toBe('http://127.0.0.1:5173/socket-lab');
		expect(localLabUrl({ protocol: 'https:', host: 'example.org' }, lab('/se/socket-lab'))).toBe(
			'https://example.org/se/socket-lab'
		);
		const url = new URL(localLabUrl(http, lab('/socket-lab'))!);
		expect([url.protocol, url.host, url.pathname]).toEqual([
			'http:',
			'127.0.0.1:5173',
			'/socket-lab'
		]);
	});

	it('finds nothing on a static host, or from the echo metric alone', () => {
		expect(localLabUrl(http, timing([]))).toBeNull();
		expect(localLabUrl(http, timing(undefined))).toBeNull();
		expect(
			localLabUrl(http, timing([{ name: ECHO_SERVER_TIMING, description: '/echo' }]))
		).toBeNull();
	});

	it('takes only a path on this origin, and only on an http(s) page', () => {
		for (const description of [
			'',
			'socket-lab',
			'//evil.example/socket-lab',
			'http://evil.example/x'
		]) {
			expect(localLabUrl(http, lab(description)), description).toBeNull();
		}
		expect(localLabUrl({ protocol: 'file:', host: '' }, lab('/socket-lab'))).toBeNull();
	});
});

describe('labServerTiming', () => {
	it('writes the lab path as a quoted-string description', () => {
		expect(labServerTiming('/socket-explorer/socket-lab')).toBe(
			'socket-explorer-lab;desc="/socket-explorer/socket-lab"'
		);
		expect(labServerTiming('/a"b')).toBe('socket-explorer-lab;desc="/a\\"b"');
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
