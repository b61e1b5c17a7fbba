import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { parseHttpMessage } from '../http/message';
import { HANDSHAKE_EXAMPLES } from './handshake-examples';
import {
	REQUEST,
	RESPONSE,
	RFC_KEY,
	anyText,
	failed,
	find,
	head,
	passed,
	requestCheck,
	wellFormed
} from './handshake-testing';
import { checkUpgradeRequest } from './request-checks';

describe('checkUpgradeRequest', () => {
	it('passes a real browser request on every check', () => {
		const browser = HANDSHAKE_EXAMPLES.find((e) => e.id === 'browser-request')!;
		const checks = checkUpgradeRequest(parseHttpMessage(browser.input.request!));
		expect(checks.filter((c) => !c.ok)).toEqual([]);
	});

	it('returns every check id once, in a stable order', () => {
		const ids = [
			'request.method',
			'request.target',
			'request.version',
			'request.host',
			'request.upgrade',
			'request.connection',
			'request.key',
			'request.version13',
			'request.origin',
			'request.protocols',
			'request.extensions',
			'request.duplicates',
			'request.syntax',
			'request.line-endings'
		];
		expect(checkUpgradeRequest(parseHttpMessage(head(REQUEST))).map((c) => c.id)).toEqual(ids);
		expect(checkUpgradeRequest(parseHttpMessage('')).map((c) => c.id)).toEqual(ids);
	});

	it('requires the method GET, case-sensitively, on line 1', () => {
		expect(requestCheck('request.method')).toMatchObject({ ok: true, line: 1 });
		const post = requestCheck('request.method', {}, 'POST /chat HTTP/1.1');
		failed(post);
		expect(post).toMatchObject({ line: 1, rfc: expect.stringContaining('§4.1') });
		expect(post.message).toContain('"POST"');
		expect(requestCheck('request.method', {}, 'get /chat HTTP/1.1').message).toMatch(
			/case-sensitive/
		);
	});

	it('says a response is not a request', () => {
		const check = find(checkUpgradeRequest(parseHttpMessage(head(RESPONSE))), 'request.method');
		failed(check);
		expect(check.message).toMatch(/response/);
	});

	it('requires a path or an absolute http(s) URI without a fragment', () => {
		passed(requestCheck('request.target', {}, 'GET /chat?room=1 HTTP/1.1'));
		passed(requestCheck('request.target', {}, 'GET https://server.example.com/chat HTTP/1.1'));
		failed(requestCheck('request.target', {}, 'GET /chat#top HTTP/1.1'));
		failed(requestCheck('request.target', {}, 'GET ws://server.example.com/chat HTTP/1.1'));
		expect(requestCheck('request.target', {}, 'GET * HTTP/1.1').line).toBe(1);
	});

	it('requires HTTP/1.1 or later, and warns that HTTP/2 has no Upgrade', () => {
		passed(requestCheck('request.version'));
		const old = requestCheck('request.version', {}, 'GET /chat HTTP/1.0');
		failed(old);
		expect(old).toMatchObject({ line: 1 });
		expect(old.message).toContain('"HTTP/1.0"');
		failed(requestCheck('request.version', {}, 'GET /chat HTTP/2.0'), 'warning');
	});

	it('requires a Host header and points at it', () => {
		expect(requestCheck('request.host')).toMatchObject({ ok: true, line: 2 });
		const missing = requestCheck('request.host', { Host: null });
		failed(missing);
		expect(missing.line).toBeUndefined();
		expect(requestCheck('request.host', { Host: '' }).ok).toBe(false);
	});

	it('requires the token websocket in Upgrade, case-insensitively, within a comma list', () => {
		expect(requestCheck('request.upgrade')).toMatchObject({ ok: true, line: 3 });
		passed(requestCheck('request.upgrade', { Upgrade: 'WebSocket' }));
		passed(requestCheck('request.upgrade', { Upgrade: 'h2c, websocket' }));
		const wrong = requestCheck('request.upgrade', { Upgrade: 'websockets' });
		failed(wrong);
		expect(wrong).toMatchObject({ line: 3 });
		expect(wrong.message).toContain('"websockets"');
		failed(requestCheck('request.upgrade', { Upgrade: null }));
	});

	it('requires the token Upgrade in Connection: "keep-alive, Upgrade" passes, "Upgraded" fails', () => {
		passed(requestCheck('request.connection', { Connection: 'keep-alive, Upgrade' }));
		passed(requestCheck('request.connection', { Connection: 'upgrade' }));
		const upgraded = requestCheck('request.connection', { Connection: 'Upgraded' });
		failed(upgraded);
		expect(upgraded).toMatchObject({ line: 4 });
		expect(upgraded.message).toContain('"Upgraded"');
		failed(requestCheck('request.connection', { Connection: 'keep-alive' }));
		failed(requestCheck('request.connection', { Connection: null }));
	});

	it('accepts a key of 16 base64 bytes, noting the RFC sample nonce', () => {
		const rfc = requestCheck('request.key');
		expect(rfc).toMatchObject({ ok: true, severity: 'info', line: 5 });
		expect(rfc.message).toMatch(/sample nonce/);
		const key = requestCheck('request.key', { 'Sec-WebSocket-Key': 'x3JJHMbDL1EzLkh9GBhXDw==' });
		passed(key);
		expect(key.message).toContain(
			Buffer.from('x3JJHMbDL1EzLkh9GBhXDw==', 'base64').toString('hex')
		);
	});

	it('rejects a key that is not base64 of exactly 16 bytes, quoting it', () => {
		const cases: [string, RegExp][] = [
			['abc', /not a multiple of 4/],
			['dGhlIHNhbXBsZSBub25jZQ', /padding is missing/],
			['dGhlIHNhbXBsZSBub25j', /decodes to 15 bytes/],
			['AAAAAAAAAAAAAAAAAAAAAAAA', /decodes to 18 bytes/],
			['dGhlIHNhbXBsZSBub25jZQ-_', /base64url/],
			['dGhl IHNhbXBsZSBub25jZQ==', /not a base64 character/]
		];
		for (const [value, reason] of cases) {
			const check = requestCheck('request.key', { 'Sec-WebSocket-Key': value });
			failed(check);
			expect(check.line).toBe(5);
			expect(check.message).toContain(JSON.stringify(value));
			expect(check.message).toMatch(reason);
		}
	});

	it('warns about a key with non-zero padding bits', () => {
		failed(
			requestCheck('request.key', { 'Sec-WebSocket-Key': 'dGhlIHNhbXBsZSBub25jZR==' }),
			'warning'
		);
	});

	it('requires the key once: missing or repeated fails', () => {
		failed(requestCheck('request.key', { 'Sec-WebSocket-Key': null }));
		const repeated = checkUpgradeRequest(
			parseHttpMessage(head([...REQUEST, `Sec-WebSocket-Key: ${RFC_KEY}`]))
		);
		expect(find(repeated, 'request.key')).toMatchObject({ ok: false, severity: 'error', line: 8 });
	});

	it('requires Sec-WebSocket-Version 13 and tells what a server answers otherwise', () => {
		expect(requestCheck('request.version13')).toMatchObject({ ok: true, line: 7 });
		const eight = requestCheck('request.version13', { 'Sec-WebSocket-Version': '8' });
		failed(eight);
		expect(eight).toMatchObject({ line: 7, rfc: expect.stringContaining('§4.4') });
		expect(eight.message).toContain('"8"');
		expect(eight.message).toContain('426 Upgrade Required');
		expect(eight.message).toContain('Sec-WebSocket-Version: 13');
		expect(requestCheck('request.version13', { 'Sec-WebSocket-Version': '10' }).message).toMatch(
			/never used/
		);
		expect(requestCheck('request.version13', { 'Sec-WebSocket-Version': '013' }).message).toMatch(
			/leading zero/
		);
		failed(requestCheck('request.version13', { 'Sec-WebSocket-Version': null }));
	});

	it('warns when Origin is absent, and notes that servers should check it when present', () => {
		const missing = requestCheck('request.origin', { Origin: null });
		failed(missing, 'warning');
		expect(missing.message).toMatch(/not from a browser/);
		const present = requestCheck('request.origin');
		expect(present).toMatchObject({
			ok: true,
			severity: 'info',
			line: 6,
			rfc: expect.stringContaining('§10.2')
		});
		expect(present.message).toContain('"https://example.com"');
		expect(present.message).toMatch(/hijacking/);
		failed(requestCheck('request.origin', { Origin: 'https://example.com/app' }), 'warning');
	});

	it('checks the subprotocol offer is a comma list of unique tokens', () => {
		passed(requestCheck('request.protocols'));
		const offer = requestCheck('request.protocols', {
			'Sec-WebSocket-Protocol': 'chat, superchat'
		});
		expect(offer).toMatchObject({ ok: true, line: 8 });
		expect(offer.message).toContain('"chat", "superchat"');
		for (const bad of ['chat, chat', 'chat, , superchat', 'chat room', 'v1.chat/json', 'x"y']) {
			const check = requestCheck('request.protocols', { 'Sec-WebSocket-Protocol': bad });
			failed(check);
			expect(check.line).toBe(8);
		}
	});

	it('finds a duplicate subprotocol across two header lines', () => {
		const text = head([...REQUEST, 'Sec-WebSocket-Protocol: chat', 'Sec-WebSocket-Protocol: chat']);
		const check = find(checkUpgradeRequest(parseHttpMessage(text)), 'request.protocols');
		expect(check).toMatchObject({ ok: false, line: 9 });
	});

	it('accepts well-formed extension offers, including a bare client_max_window_bits', () => {
		const value =
			'permessage-deflate; client_max_window_bits, permessage-deflate; server_max_window_bits="10"';
		expect(requestCheck('request.extensions', { 'Sec-WebSocket-Extensions': value })).toMatchObject(
			{
				ok: true,
				line: 8
			}
		);
		passed(requestCheck('request.extensions'));
		const legacy = requestCheck('request.extensions', {
			'Sec-WebSocket-Extensions': 'x-webkit-deflate-frame'
		});
		passed(legacy);
		expect(legacy.message).toMatch(/pre-standard/);
	});

	it('warns about permessage-deflate offers a server must decline', () => {
		const cases: [string, RegExp][] = [
			['permessage-deflate; level=9', /"level" is not a permessage-deflate parameter/],
			['permessage-deflate; server_max_window_bits=16', /not 8 to 15/],
			['permessage-deflate; server_max_window_bits', /needs a value/],
			['permessage-deflate; client_max_window_bits=7', /not 8 to 15/],
			['permessage-deflate; client_max_window_bits=08', /not 8 to 15/],
			['permessage-deflate; server_no_context_takeover=1', /takes no value/],
			['permessage-deflate; client_no_context_takeover; client_no_context_takeover', /twice/]
		];
		for (const [value, reason] of cases) {
			const check = requestCheck('request.extensions', { 'Sec-WebSocket-Extensions': value });
			failed(check, 'warning');
			expect(check.line).toBe(8);
			expect(check.message).toMatch(reason);
		}
	});

	it('fails malformed extension offers', () => {
		for (const value of ['permessage-deflate; =1', 'permessage-deflate;; x', 'a b', '']) {
			failed(requestCheck('request.extensions', { 'Sec-WebSocket-Extensions': value }));
		}
	});

	it('fails a repeated Host, Key or Version, pointing at the repeat', () => {
		passed(requestCheck('request.duplicates'));
		const text = head([...REQUEST, 'Host: other.example.com']);
		const check = find(checkUpgradeRequest(parseHttpMessage(text)), 'request.duplicates');
		failed(check);
		expect(check.line).toBe(8);
		expect(check.message).toMatch(/Host appears 2 times \(lines 2, 8\)/);
		const version = find(
			checkUpgradeRequest(parseHttpMessage(head([...REQUEST, 'Sec-WebSocket-Version: 8']))),
			'request.duplicates'
		);
		expect(version.message).toContain('Sec-WebSocket-Version');
	});

	it("reports the parser's malformed lines", () => {
		passed(requestCheck('request.syntax'));
		const lines = [...REQUEST];
		lines[1] = 'Host : server.example.com';
		const check = find(checkUpgradeRequest(parseHttpMessage(head(lines))), 'request.syntax');
		failed(check);
		expect(check.line).toBe(2);
		expect(check.message).toMatch(/line 2:/);
	});

	it('has nothing to say about line endings of a single line', () => {
		const check = find(
			checkUpgradeRequest(parseHttpMessage('GET / HTTP/1.1')),
			'request.line-endings'
		);
		passed(check);
		expect(check.message).toMatch(/no line breaks/);
	});

	it('warns about LF-only and mixed line endings, pointing at the first bare LF', () => {
		passed(requestCheck('request.line-endings'));
		const lf = find(
			checkUpgradeRequest(parseHttpMessage(`${REQUEST.join('\n')}\n\n`)),
			'request.line-endings'
		);
		failed(lf, 'warning');
		expect(lf.line).toBe(1);
		const mixedText = `${REQUEST.slice(0, 3).join('\r\n')}\n${REQUEST.slice(3).join('\r\n')}\r\n\r\n`;
		const mixed = find(checkUpgradeRequest(parseHttpMessage(mixedText)), 'request.line-endings');
		failed(mixed, 'warning');
		expect(mixed.line).toBe(3);
	});
});

describe('checkUpgradeRequest on any text', () => {
	it('never throws, and every check list is well-formed', { timeout: 60_000 }, () => {
		fc.assert(
			fc.property(anyText, (text) => {
				const parsed = parseHttpMessage(text);
				wellFormed(checkUpgradeRequest(parsed));
			}),
			{ numRuns: 2000 }
		);
	});
});
