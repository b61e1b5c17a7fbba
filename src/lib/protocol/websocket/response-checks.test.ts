import { createHash } from 'node:crypto';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { parseHttpMessage } from '../http/message';
import { GUID } from './accept';
import {
	REQUEST,
	RESPONSE,
	RFC_ACCEPT,
	RFC_KEY,
	anyText,
	edit,
	failed,
	find,
	head,
	passed,
	responseCheck,
	wellFormed
} from './handshake-testing';
import { checkUpgradeResponse } from './response-checks';

describe('checkUpgradeResponse', () => {
	it('passes a correct 101 on every check', () => {
		const checks = checkUpgradeResponse(
			parseHttpMessage(head(RESPONSE)),
			parseHttpMessage(head(REQUEST))
		);
		expect(checks.filter((c) => !c.ok)).toEqual([]);
		expect(checks.map((c) => c.id)).toEqual([
			'response.status',
			'response.upgrade',
			'response.connection',
			'response.accept',
			'response.protocol',
			'response.extensions',
			'response.duplicates',
			'response.syntax',
			'response.line-endings'
		]);
	});

	it('explains what common statuses other than 101 mean, on line 1', () => {
		const cases: [string, RegExp][] = [
			['HTTP/1.1 200 OK', /plain HTTP/],
			['HTTP/1.1 400 Bad Request', /rejected the handshake/],
			['HTTP/1.1 403 Forbidden', /Origin/],
			['HTTP/1.1 426 Upgrade Required', /Sec-WebSocket-Version/],
			['HTTP/1.1 302 Found', /redirect/],
			['HTTP/1.1 502 Bad Gateway', /proxy/]
		];
		for (const [start, meaning] of cases) {
			const check = responseCheck('response.status', {}, { start });
			failed(check);
			expect(check.line).toBe(1);
			expect(check.message).toMatch(meaning);
			expect(check.message).toContain(JSON.stringify(start.slice(9)));
		}
	});

	it('quotes the versions a 426 lists', () => {
		const check = responseCheck(
			'response.status',
			{ 'Sec-WebSocket-Version': '13, 8' },
			{ start: 'HTTP/1.1 426 Upgrade Required' }
		);
		expect(check.message).toContain('"13, 8"');
	});

	it('skips the header checks once the status is not 101', () => {
		const checks = checkUpgradeResponse(
			parseHttpMessage(head(['HTTP/1.1 200 OK'])),
			parseHttpMessage(head(REQUEST))
		);
		expect(checks.filter((c) => !c.ok).map((c) => c.id)).toEqual(['response.status']);
		expect(find(checks, 'response.accept')).toMatchObject({ ok: true, skipped: true });
	});

	it('says a request is not a response', () => {
		const check = find(checkUpgradeResponse(parseHttpMessage(head(REQUEST))), 'response.status');
		failed(check);
		expect(check.message).toMatch(/request/);
	});

	it('requires Upgrade to be exactly websocket, case-insensitively', () => {
		expect(responseCheck('response.upgrade')).toMatchObject({ ok: true, line: 2 });
		passed(responseCheck('response.upgrade', { Upgrade: 'WebSocket' }));
		const listed = responseCheck('response.upgrade', { Upgrade: 'websocket, h2c' });
		failed(listed);
		expect(listed.line).toBe(2);
		failed(responseCheck('response.upgrade', { Upgrade: null }));
	});

	it('requires the Upgrade token in Connection', () => {
		expect(responseCheck('response.connection')).toMatchObject({ ok: true, line: 3 });
		passed(responseCheck('response.connection', { Connection: 'keep-alive, upgrade' }));
		const upgraded = responseCheck('response.connection', { Connection: 'Upgraded' });
		failed(upgraded);
		expect(upgraded.line).toBe(3);
		failed(responseCheck('response.connection', { Connection: null }));
	});

	it('checks Sec-WebSocket-Accept against the key, quoting both values', () => {
		const good = responseCheck('response.accept');
		expect(good).toMatchObject({ ok: true, line: 4 });
		expect(good.message).toContain(JSON.stringify(RFC_ACCEPT));
		const key = 'x3JJHMbDL1EzLkh9GBhXDw==';
		const bad = responseCheck(
			'response.accept',
			{},
			{ request: edit(REQUEST, { 'Sec-WebSocket-Key': key }) }
		);
		failed(bad);
		expect(bad.line).toBe(4);
		expect(bad.message).toContain(JSON.stringify(RFC_ACCEPT));
		expect(bad.message).toContain(JSON.stringify(key));
		expect(bad.message).toContain('"HSmrc0sMlYUkAGmm5OPpG2HaGWk="');
	});

	it('names the usual server bugs behind a wrong accept value', () => {
		const sha1 = (data: string | Buffer) => createHash('sha1').update(data).digest();
		const hex = sha1(RFC_KEY + GUID).toString('hex');
		const cases: [string, RegExp][] = [
			[sha1(RFC_KEY).toString('base64'), /without appending the GUID/],
			[hex, /in hex/],
			[Buffer.from(hex).toString('base64'), /hex digest/],
			[sha1(RFC_KEY + GUID.toLowerCase()).toString('base64'), /lower case/],
			[
				sha1(Buffer.concat([Buffer.from(RFC_KEY, 'base64'), Buffer.from(GUID)])).toString('base64'),
				/decoded key/
			],
			[RFC_ACCEPT.toLowerCase(), /letter case/]
		];
		for (const [value, reason] of cases) {
			const check = responseCheck('response.accept', { 'Sec-WebSocket-Accept': value });
			failed(check);
			expect(check.message).toMatch(reason);
		}
	});

	it('gives an info note when there is no request to check the accept against', () => {
		const check = responseCheck('response.accept', {}, { request: null });
		expect(check).toMatchObject({ ok: true, severity: 'info', line: 4 });
		expect(check.message).toMatch(/paste the request/);
	});

	it('fails a missing or repeated Sec-WebSocket-Accept', () => {
		failed(responseCheck('response.accept', { 'Sec-WebSocket-Accept': null }));
		const text = head([...RESPONSE, `Sec-WebSocket-Accept: ${RFC_ACCEPT}`]);
		const checks = checkUpgradeResponse(parseHttpMessage(text), parseHttpMessage(head(REQUEST)));
		expect(find(checks, 'response.accept')).toMatchObject({ ok: false, line: 5 });
		expect(find(checks, 'response.duplicates')).toMatchObject({
			ok: false,
			severity: 'error',
			line: 5
		});
	});

	it('accepts a selected subprotocol that was offered', () => {
		const request = edit(REQUEST, { 'Sec-WebSocket-Protocol': 'chat, superchat' });
		const check = responseCheck(
			'response.protocol',
			{ 'Sec-WebSocket-Protocol': 'chat' },
			{ request }
		);
		expect(check).toMatchObject({ ok: true, line: 5 });
	});

	it('fails a subprotocol that was not offered, or more than one', () => {
		const request = edit(REQUEST, { 'Sec-WebSocket-Protocol': 'chat, superchat' });
		const other = responseCheck(
			'response.protocol',
			{ 'Sec-WebSocket-Protocol': 'graphql-ws' },
			{ request }
		);
		failed(other);
		expect(other.line).toBe(5);
		expect(other.message).toContain('"graphql-ws"');
		expect(other.message).toContain('"chat", "superchat"');
		const cased = responseCheck(
			'response.protocol',
			{ 'Sec-WebSocket-Protocol': 'Chat' },
			{ request }
		);
		expect(cased.message).toMatch(/only in case/);
		failed(
			responseCheck(
				'response.protocol',
				{ 'Sec-WebSocket-Protocol': 'chat, superchat' },
				{ request }
			)
		);
		failed(responseCheck('response.protocol', { 'Sec-WebSocket-Protocol': 'chat' }));
	});

	it('warns that browsers fail when protocols were offered and none was selected', () => {
		const request = edit(REQUEST, { 'Sec-WebSocket-Protocol': 'chat' });
		const check = responseCheck('response.protocol', {}, { request });
		failed(check, 'warning');
		expect(check.message).toMatch(/browsers fail the connection/);
		expect(check.rfc).toMatch(/WHATWG/);
	});

	it('notes a selected subprotocol it cannot verify without the request', () => {
		const check = responseCheck(
			'response.protocol',
			{ 'Sec-WebSocket-Protocol': 'chat' },
			{ request: null }
		);
		expect(check).toMatchObject({ ok: true, severity: 'info', line: 5 });
	});

	it('accepts permessage-deflate with parameters the offer allows', () => {
		const request = edit(REQUEST, {
			'Sec-WebSocket-Extensions': 'permessage-deflate; client_max_window_bits'
		});
		for (const value of [
			'permessage-deflate',
			'permessage-deflate; client_max_window_bits=15',
			'permessage-deflate; server_no_context_takeover; server_max_window_bits=10'
		]) {
			const check = responseCheck(
				'response.extensions',
				{ 'Sec-WebSocket-Extensions': value },
				{ request }
			);
			expect(check, check.message).toMatchObject({ ok: true, line: 5 });
		}
	});

	it('fails extensions that were not offered or whose parameters are invalid', () => {
		const plain = edit(REQUEST, { 'Sec-WebSocket-Extensions': 'permessage-deflate' });
		const withBits = edit(REQUEST, {
			'Sec-WebSocket-Extensions': 'permessage-deflate; client_max_window_bits'
		});
		const cases: [string[], string, RegExp][] = [
			[REQUEST, 'permessage-deflate', /was not offered/],
			[plain, 'x-custom', /"x-custom" was not offered/],
			[plain, 'permessage-deflate; client_max_window_bits=15', /did not offer it/],
			[withBits, 'permessage-deflate; client_max_window_bits', /needs a value/],
			[withBits, 'permessage-deflate; client_max_window_bits=16', /not 8 to 15/],
			[plain, 'permessage-deflate; server_max_window_bits=7', /not 8 to 15/],
			[
				plain,
				'permessage-deflate; server_no_context_takeover; server_no_context_takeover',
				/twice/
			],
			[plain, 'permessage-deflate; mem_level=8', /not a permessage-deflate parameter/],
			[plain, 'permessage-deflate, permessage-deflate', /selected twice/],
			[plain, 'permessage-deflate;', /expected a parameter name/]
		];
		for (const [request, value, reason] of cases) {
			const check = responseCheck(
				'response.extensions',
				{ 'Sec-WebSocket-Extensions': value },
				{ request }
			);
			failed(check);
			expect(check.line).toBe(5);
			expect(check.message).toMatch(reason);
		}
	});

	it('checks extension parameters even without the request', () => {
		passed(
			responseCheck(
				'response.extensions',
				{ 'Sec-WebSocket-Extensions': 'permessage-deflate' },
				{ request: null }
			)
		);
		failed(
			responseCheck(
				'response.extensions',
				{ 'Sec-WebSocket-Extensions': 'permessage-deflate; x=1' },
				{ request: null }
			)
		);
	});

	it('reports malformed lines and bare LF endings in the response', () => {
		const text =
			'HTTP/1.1 101 Switching Protocols\nUpgrade: websocket\nConnection: Upgrade\nBad line\n\n';
		const checks = checkUpgradeResponse(parseHttpMessage(text));
		expect(find(checks, 'response.syntax')).toMatchObject({
			ok: false,
			severity: 'error',
			line: 4
		});
		expect(find(checks, 'response.line-endings')).toMatchObject({
			ok: false,
			severity: 'warning',
			line: 1
		});
	});
});

describe('checkUpgradeResponse on any text', () => {
	it(
		'never throws on any pair of strings, and every check list is well-formed',
		{ timeout: 60_000 },
		() => {
			fc.assert(
				fc.property(anyText, fc.option(anyText, { nil: undefined }), (res, req) => {
					const checks = checkUpgradeResponse(
						parseHttpMessage(res),
						req === undefined ? undefined : parseHttpMessage(req)
					);
					wellFormed(checks);
				}),
				{ numRuns: 500 }
			);
		}
	);
});
