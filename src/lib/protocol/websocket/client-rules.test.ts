import { describe, expect, it } from 'vitest';
import {
	checkCloseRequest,
	checkEndpoint,
	checkSubprotocols,
	explainClose,
	roundTripStats
} from './client-rules';

describe('checkEndpoint', () => {
	it('accepts ws: and wss: URLs', () => {
		expect(checkEndpoint('ws://127.0.0.1:8080/echo')).toMatchObject({
			ok: true,
			url: 'ws://127.0.0.1:8080/echo'
		});
		expect(checkEndpoint('wss://example.com/chat')).toMatchObject({ ok: true });
	});

	it('maps http: to ws: and says so', () => {
		const check = checkEndpoint('http://localhost:5173/echo');
		expect(check).toMatchObject({ ok: true, url: 'ws://localhost:5173/echo' });
		expect(check.warnings[0]).toMatch(/read as ws:/);
	});

	it('refuses other schemes, fragments and relative text', () => {
		expect(checkEndpoint('ftp://x/')).toMatchObject({
			ok: false,
			error: expect.stringMatching(/ws: or wss:/)
		});
		expect(checkEndpoint('ws://x/echo#top')).toMatchObject({
			ok: false,
			error: expect.stringMatching(/fragment/)
		});
		expect(checkEndpoint('ws://x/echo#')).toMatchObject({ ok: false });
		expect(checkEndpoint('/echo')).toMatchObject({
			ok: false,
			error: expect.stringMatching(/not an absolute URL/)
		});
		expect(checkEndpoint('  ')).toMatchObject({ ok: false });
	});

	it('warns that ws: from an https: page is blocked as mixed content', () => {
		expect(checkEndpoint('ws://example.com/', 'https:').warnings.join(' ')).toMatch(
			/mixed content/
		);
		expect(checkEndpoint('wss://example.com/', 'https:').warnings).toEqual([]);
		expect(checkEndpoint('ws://127.0.0.1:5173/echo', 'https:').warnings).toEqual([]);
	});
});

describe('checkSubprotocols', () => {
	it('splits a comma list', () => {
		expect(checkSubprotocols('echo, chat')).toEqual({ ok: true, protocols: ['echo', 'chat'] });
		expect(checkSubprotocols('')).toEqual({ ok: true, protocols: [] });
	});

	it('refuses names with separators and duplicates', () => {
		expect(checkSubprotocols('a b')).toMatchObject({ ok: false });
		expect(checkSubprotocols('chat, chat')).toMatchObject({
			ok: false,
			error: expect.stringMatching(/twice/)
		});
	});
});

describe('checkCloseRequest', () => {
	it('allows 1000 and 3000–4999 with a short reason', () => {
		expect(checkCloseRequest('1000', 'done')).toEqual({ ok: true, code: 1000, reason: 'done' });
		expect(checkCloseRequest('4000', '')).toEqual({ ok: true, code: 4000, reason: '' });
		expect(checkCloseRequest('', '')).toEqual({ ok: true, code: undefined, reason: '' });
	});

	it('refuses codes a script may not send, as the browser would', () => {
		for (const code of ['1001', '1005', '2999', '5000', 'abc']) {
			expect(checkCloseRequest(code, '')).toMatchObject({ ok: false, field: 'code' });
		}
	});

	it('counts the reason in UTF-8 bytes, not characters', () => {
		expect(checkCloseRequest('1000', 'é'.repeat(61))).toMatchObject({ ok: true });
		expect(checkCloseRequest('1000', 'é'.repeat(62))).toMatchObject({
			ok: false,
			field: 'reason',
			error: expect.stringMatching(/124 bytes/)
		});
	});
});

describe('explainClose', () => {
	it('says a 1006 before opening means the connection never opened, with no details', () => {
		expect(explainClose({ code: 1006, reason: '', wasClean: false }, false).explanation).toMatch(
			/never opened/
		);
	});

	it('says browsers never report 1015: a TLS failure is 1006 (WHATWG WebSockets)', () => {
		const { explanation } = explainClose({ code: 1015, reason: '', wasClean: false }, true);
		expect(explanation).toMatch(/browsers never use it/);
		expect(explanation).toMatch(/1006/);
	});

	it('names the code', () => {
		expect(explainClose({ code: 4000, reason: 'x', wasClean: true }, true).name).toBeTruthy();
		expect(explainClose({ code: 1000, reason: '', wasClean: true }, true).name).toBe(
			'Normal Closure'
		);
	});
});

describe('roundTripStats', () => {
	it('gives min, median and the nearest-rank 99th percentile', () => {
		const samples = Array.from({ length: 100 }, (_, i) => i + 1);
		expect(roundTripStats(samples)).toMatchObject({ min: 1, median: 50.5, p99: 99, max: 100 });
		expect(roundTripStats([5])).toMatchObject({ min: 5, median: 5, p99: 5 });
		expect(roundTripStats([])).toBeNull();
	});
});
