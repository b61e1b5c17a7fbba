import { createHash, randomBytes } from 'node:crypto';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
	GUID,
	HANDSHAKE_EXAMPLES,
	acceptSteps,
	checkUpgradeRequest,
	checkUpgradeResponse,
	computeAccept,
	generateKey,
	inspectKey,
	parseExtensions,
	parseHttpMessage,
	splitExchange,
	type Check
} from './handshake';

const RFC_KEY = 'dGhlIHNhbXBsZSBub25jZQ==';
const RFC_ACCEPT = 's3pPLMBiTxaQ9kYGzzhZRbK+xOo=';

/** base64(SHA-1(key + GUID)) by node:crypto, an implementation independent of the module's. */
function nodeAccept(key: string): string {
	return createHash('sha1')
		.update(key + GUID)
		.digest('base64');
}

/** A head from its lines, CRLF-terminated, with the empty line that ends it. */
function head(lines: string[]): string {
	return `${lines.join('\r\n')}\r\n\r\n`;
}

/**
 * Replaces, removes (null) or appends header lines, keeping every other line where it was, so a
 * test can name the line a check must point at.
 */
function edit(lines: string[], changes: Record<string, string | null>): string[] {
	const out = [...lines];
	for (const [name, value] of Object.entries(changes)) {
		const index = out.findIndex((l) => l.toLowerCase().startsWith(`${name.toLowerCase()}:`));
		if (value === null) {
			if (index >= 0) out.splice(index, 1);
		} else if (index >= 0) out[index] = `${name}: ${value}`;
		else out.push(`${name}: ${value}`);
	}
	return out;
}

/** Line 1 the request line, then Host (2), Upgrade (3), Connection (4), Key (5), Origin (6), Version (7). */
const REQUEST = [
	'GET /chat HTTP/1.1',
	'Host: server.example.com',
	'Upgrade: websocket',
	'Connection: Upgrade',
	`Sec-WebSocket-Key: ${RFC_KEY}`,
	'Origin: https://example.com',
	'Sec-WebSocket-Version: 13'
];

/** Line 1 the status line, then Upgrade (2), Connection (3), Accept (4). */
const RESPONSE = [
	'HTTP/1.1 101 Switching Protocols',
	'Upgrade: websocket',
	'Connection: Upgrade',
	`Sec-WebSocket-Accept: ${RFC_ACCEPT}`
];

function find(checks: Check[], id: string): Check {
	const check = checks.find((c) => c.id === id);
	if (!check) throw new Error(`no check ${id} in ${checks.map((c) => c.id).join(', ')}`);
	return check;
}

/** The check `id` for the base request with `changes`, and optionally another start line. */
function requestCheck(
	id: string,
	changes: Record<string, string | null> = {},
	start?: string
): Check {
	const lines = edit(REQUEST, changes);
	if (start !== undefined) lines[0] = start;
	return find(checkUpgradeRequest(parseHttpMessage(head(lines))), id);
}

/** The check `id` for the base response with `changes`, against the base request (or `req`). */
async function responseCheck(
	id: string,
	changes: Record<string, string | null> = {},
	options: { start?: string; request?: string[] | null } = {}
): Promise<Check> {
	const lines = edit(RESPONSE, changes);
	if (options.start !== undefined) lines[0] = options.start;
	const req =
		options.request === null ? undefined : parseHttpMessage(head(options.request ?? REQUEST));
	return find(await checkUpgradeResponse(parseHttpMessage(head(lines)), req), id);
}

function failed(check: Check, severity: 'error' | 'warning' = 'error'): void {
	expect(check.ok, check.message).toBe(false);
	expect(check.severity).toBe(severity);
}

function passed(check: Check): void {
	expect(check.ok, check.message).toBe(true);
	expect(check.severity).toBe('info');
}

describe('computeAccept', () => {
	it('turns the RFC 6455 sample key into the accept value the RFC gives', async () => {
		expect(await computeAccept(RFC_KEY)).toBe(RFC_ACCEPT);
	});

	it("turns the seeds' example key into HSmrc0sMlYUkAGmm5OPpG2HaGWk=", async () => {
		expect(await computeAccept('x3JJHMbDL1EzLkh9GBhXDw==')).toBe('HSmrc0sMlYUkAGmm5OPpG2HaGWk=');
	});

	it('ignores whitespace around the key, as a server does', async () => {
		expect(await computeAccept(` \t${RFC_KEY}\r\n`)).toBe(RFC_ACCEPT);
	});

	it('agrees with node:crypto on random keys and on arbitrary strings', async () => {
		for (let i = 0; i < 20; i++) {
			const key = randomBytes(16).toString('base64');
			expect(await computeAccept(key)).toBe(nodeAccept(key));
		}
		await fc.assert(
			fc.asyncProperty(fc.string({ unit: 'grapheme', maxLength: 40 }), async (text) => {
				const key = text.trim();
				expect(await computeAccept(key)).toBe(nodeAccept(key));
			}),
			{ numRuns: 100 }
		);
	});
});

describe('acceptSteps', () => {
	it('shows the key, the concatenation, the SHA-1 in hex and the accept value for the RFC key', async () => {
		const steps = await acceptSteps(RFC_KEY);
		expect(steps.key).toBe(RFC_KEY);
		expect(steps.concatenated).toBe(`${RFC_KEY}258EAFA5-E914-47DA-95CA-C5AB0DC85B11`);
		expect(steps.sha1Hex).toBe('b37a4f2cc0624f1690f64606cf385945b2bec4ea');
		expect(steps.accept).toBe(RFC_ACCEPT);
		expect([...steps.sha1Bytes]).toHaveLength(20);
	});

	it('has the same SHA-1 as node:crypto computes', async () => {
		const steps = await acceptSteps(RFC_KEY);
		const hex = createHash('sha1').update(steps.concatenated).digest('hex');
		expect(hex).toBe('b37a4f2cc0624f1690f64606cf385945b2bec4ea');
		expect(steps.sha1Hex).toBe(hex);
		expect(Buffer.from(steps.sha1Bytes).toString('hex')).toBe(hex);
	});
});

describe('generateKey', () => {
	it('encodes 16 bytes as 24 characters of base64', () => {
		const bytes = Uint8Array.from({ length: 16 }, (_, i) => i);
		expect(generateKey(bytes)).toBe('AAECAwQFBgcICQoLDA0ODw==');
	});

	it('matches Buffer base64 for any 16 bytes, and its keys pass the key check', () => {
		fc.assert(
			fc.property(fc.uint8Array({ minLength: 16, maxLength: 16 }), (bytes) => {
				const key = generateKey(bytes);
				expect(key).toBe(Buffer.from(bytes).toString('base64'));
				passed(requestCheck('request.key', { 'Sec-WebSocket-Key': key }));
			})
		);
	});

	it('throws a RangeError for any length but 16', () => {
		for (const length of [0, 15, 17, 32]) {
			expect(() => generateKey(new Uint8Array(length))).toThrow(RangeError);
		}
	});
});

describe('parseExtensions', () => {
	it('reads extensions, parameters, bare parameters and quoted values', () => {
		const { items, errors } = parseExtensions(
			'permessage-deflate; client_max_window_bits; server_max_window_bits="10", x-foo'
		);
		expect(errors).toEqual([]);
		expect(items).toEqual([
			{
				name: 'permessage-deflate',
				params: [
					{ name: 'client_max_window_bits' },
					{ name: 'server_max_window_bits', value: '10' }
				],
				line: 1
			},
			{ name: 'x-foo', params: [], line: 1 }
		]);
	});

	it('reports a missing parameter name, an unclosed quote and an empty element', () => {
		expect(parseExtensions('permessage-deflate; =1').errors).toHaveLength(1);
		expect(parseExtensions('a; b="1').errors).toHaveLength(1);
		expect(parseExtensions('a, , b').errors).toHaveLength(1);
		expect(parseExtensions('a; b="x y"').errors[0]).toMatch(/not a token/);
	});
});

describe('checkUpgradeRequest', () => {
	it('passes a real browser request on every check', () => {
		const browser = HANDSHAKE_EXAMPLES.find((e) => e.id === 'browser-request')!;
		const checks = checkUpgradeRequest(parseHttpMessage(browser.request!));
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

describe('checkUpgradeResponse', () => {
	it('passes a correct 101 on every check', async () => {
		const checks = await checkUpgradeResponse(
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

	it('explains what common statuses other than 101 mean, on line 1', async () => {
		const cases: [string, RegExp][] = [
			['HTTP/1.1 200 OK', /plain HTTP/],
			['HTTP/1.1 400 Bad Request', /rejected the handshake/],
			['HTTP/1.1 403 Forbidden', /Origin/],
			['HTTP/1.1 426 Upgrade Required', /Sec-WebSocket-Version/],
			['HTTP/1.1 302 Found', /redirect/],
			['HTTP/1.1 502 Bad Gateway', /proxy/]
		];
		for (const [start, meaning] of cases) {
			const check = await responseCheck('response.status', {}, { start });
			failed(check);
			expect(check.line).toBe(1);
			expect(check.message).toMatch(meaning);
			expect(check.message).toContain(JSON.stringify(start.slice(9)));
		}
	});

	it('quotes the versions a 426 lists', async () => {
		const check = await responseCheck(
			'response.status',
			{ 'Sec-WebSocket-Version': '13, 8' },
			{ start: 'HTTP/1.1 426 Upgrade Required' }
		);
		expect(check.message).toContain('"13, 8"');
	});

	it('skips the header checks once the status is not 101', async () => {
		const checks = await checkUpgradeResponse(
			parseHttpMessage(head(['HTTP/1.1 200 OK'])),
			parseHttpMessage(head(REQUEST))
		);
		expect(checks.filter((c) => !c.ok).map((c) => c.id)).toEqual(['response.status']);
		expect(find(checks, 'response.accept')).toMatchObject({ ok: true, skipped: true });
	});

	it('says a request is not a response', async () => {
		const check = find(
			await checkUpgradeResponse(parseHttpMessage(head(REQUEST))),
			'response.status'
		);
		failed(check);
		expect(check.message).toMatch(/request/);
	});

	it('requires Upgrade to be exactly websocket, case-insensitively', async () => {
		expect(await responseCheck('response.upgrade')).toMatchObject({ ok: true, line: 2 });
		passed(await responseCheck('response.upgrade', { Upgrade: 'WebSocket' }));
		const listed = await responseCheck('response.upgrade', { Upgrade: 'websocket, h2c' });
		failed(listed);
		expect(listed.line).toBe(2);
		failed(await responseCheck('response.upgrade', { Upgrade: null }));
	});

	it('requires the Upgrade token in Connection', async () => {
		expect(await responseCheck('response.connection')).toMatchObject({ ok: true, line: 3 });
		passed(await responseCheck('response.connection', { Connection: 'keep-alive, upgrade' }));
		const upgraded = await responseCheck('response.connection', { Connection: 'Upgraded' });
		failed(upgraded);
		expect(upgraded.line).toBe(3);
		failed(await responseCheck('response.connection', { Connection: null }));
	});

	it('checks Sec-WebSocket-Accept against the key, quoting both values', async () => {
		const good = await responseCheck('response.accept');
		expect(good).toMatchObject({ ok: true, line: 4 });
		expect(good.message).toContain(JSON.stringify(RFC_ACCEPT));
		const key = 'x3JJHMbDL1EzLkh9GBhXDw==';
		const bad = await responseCheck(
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

	it('names the usual server bugs behind a wrong accept value', async () => {
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
			const check = await responseCheck('response.accept', { 'Sec-WebSocket-Accept': value });
			failed(check);
			expect(check.message).toMatch(reason);
		}
	});

	it('gives an info note when there is no request to check the accept against', async () => {
		const check = await responseCheck('response.accept', {}, { request: null });
		expect(check).toMatchObject({ ok: true, severity: 'info', line: 4 });
		expect(check.message).toMatch(/paste the request/);
	});

	it('fails a missing or repeated Sec-WebSocket-Accept', async () => {
		failed(await responseCheck('response.accept', { 'Sec-WebSocket-Accept': null }));
		const text = head([...RESPONSE, `Sec-WebSocket-Accept: ${RFC_ACCEPT}`]);
		const checks = await checkUpgradeResponse(
			parseHttpMessage(text),
			parseHttpMessage(head(REQUEST))
		);
		expect(find(checks, 'response.accept')).toMatchObject({ ok: false, line: 5 });
		expect(find(checks, 'response.duplicates')).toMatchObject({
			ok: false,
			severity: 'error',
			line: 5
		});
	});

	it('accepts a selected subprotocol that was offered', async () => {
		const request = edit(REQUEST, { 'Sec-WebSocket-Protocol': 'chat, superchat' });
		const check = await responseCheck(
			'response.protocol',
			{ 'Sec-WebSocket-Protocol': 'chat' },
			{ request }
		);
		expect(check).toMatchObject({ ok: true, line: 5 });
	});

	it('fails a subprotocol that was not offered, or more than one', async () => {
		const request = edit(REQUEST, { 'Sec-WebSocket-Protocol': 'chat, superchat' });
		const other = await responseCheck(
			'response.protocol',
			{ 'Sec-WebSocket-Protocol': 'graphql-ws' },
			{ request }
		);
		failed(other);
		expect(other.line).toBe(5);
		expect(other.message).toContain('"graphql-ws"');
		expect(other.message).toContain('"chat", "superchat"');
		const cased = await responseCheck(
			'response.protocol',
			{ 'Sec-WebSocket-Protocol': 'Chat' },
			{ request }
		);
		expect(cased.message).toMatch(/only in case/);
		failed(
			await responseCheck(
				'response.protocol',
				{ 'Sec-WebSocket-Protocol': 'chat, superchat' },
				{ request }
			)
		);
		failed(await responseCheck('response.protocol', { 'Sec-WebSocket-Protocol': 'chat' }));
	});

	it('warns that browsers fail when protocols were offered and none was selected', async () => {
		const request = edit(REQUEST, { 'Sec-WebSocket-Protocol': 'chat' });
		const check = await responseCheck('response.protocol', {}, { request });
		failed(check, 'warning');
		expect(check.message).toMatch(/browsers fail the connection/);
		expect(check.rfc).toMatch(/WHATWG/);
	});

	it('notes a selected subprotocol it cannot verify without the request', async () => {
		const check = await responseCheck(
			'response.protocol',
			{ 'Sec-WebSocket-Protocol': 'chat' },
			{ request: null }
		);
		expect(check).toMatchObject({ ok: true, severity: 'info', line: 5 });
	});

	it('accepts permessage-deflate with parameters the offer allows', async () => {
		const request = edit(REQUEST, {
			'Sec-WebSocket-Extensions': 'permessage-deflate; client_max_window_bits'
		});
		for (const value of [
			'permessage-deflate',
			'permessage-deflate; client_max_window_bits=15',
			'permessage-deflate; server_no_context_takeover; server_max_window_bits=10'
		]) {
			const check = await responseCheck(
				'response.extensions',
				{ 'Sec-WebSocket-Extensions': value },
				{ request }
			);
			expect(check, check.message).toMatchObject({ ok: true, line: 5 });
		}
	});

	it('fails extensions that were not offered or whose parameters are invalid', async () => {
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
			const check = await responseCheck(
				'response.extensions',
				{ 'Sec-WebSocket-Extensions': value },
				{ request }
			);
			failed(check);
			expect(check.line).toBe(5);
			expect(check.message).toMatch(reason);
		}
	});

	it('checks extension parameters even without the request', async () => {
		passed(
			await responseCheck(
				'response.extensions',
				{ 'Sec-WebSocket-Extensions': 'permessage-deflate' },
				{ request: null }
			)
		);
		failed(
			await responseCheck(
				'response.extensions',
				{ 'Sec-WebSocket-Extensions': 'permessage-deflate; x=1' },
				{ request: null }
			)
		);
	});

	it('reports malformed lines and bare LF endings in the response', async () => {
		const text =
			'HTTP/1.1 101 Switching Protocols\nUpgrade: websocket\nConnection: Upgrade\nBad line\n\n';
		const checks = await checkUpgradeResponse(parseHttpMessage(text));
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

describe('the handshake gallery', () => {
	it('has unique ids and holds the examples the gallery needs', () => {
		const ids = HANDSHAKE_EXAMPLES.map((e) => e.id);
		expect(new Set(ids).size).toBe(ids.length);
		for (const id of [
			'browser-request',
			'browser-101',
			'wrong-accept',
			'missing-connection',
			'version-8',
			'unoffered-subprotocol',
			'status-200',
			'missing-host'
		]) {
			expect(ids).toContain(id);
		}
	});

	it('fails exactly the checks each example lists, and nothing else', async () => {
		for (const example of HANDSHAKE_EXAMPLES) {
			const req = example.request === undefined ? undefined : parseHttpMessage(example.request);
			const checks = [
				...(req ? checkUpgradeRequest(req) : []),
				...(example.response === undefined
					? []
					: await checkUpgradeResponse(parseHttpMessage(example.response), req))
			];
			const failing = checks.filter((c) => !c.ok).map((c) => c.id);
			expect(failing, example.id).toEqual(example.failing);
		}
	});

	it('has 101 responses whose accept values node:crypto agrees with, unless broken on purpose', () => {
		for (const example of HANDSHAKE_EXAMPLES) {
			if (!example.request || !example.response || example.id === 'wrong-accept') continue;
			const key = parseHttpMessage(example.request).get('Sec-WebSocket-Key')[0]!;
			const accept = parseHttpMessage(example.response).get('Sec-WebSocket-Accept');
			if (accept.length > 0) expect(accept, example.id).toEqual([nodeAccept(key)]);
		}
	});

	it('has a status-200 example whose Content-Length matches its body', () => {
		const example = HANDSHAKE_EXAMPLES.find((e) => e.id === 'status-200')!;
		const res = parseHttpMessage(example.response!);
		expect(res.get('Content-Length')).toEqual([String(res.body!.length)]);
	});
});

describe('robustness', () => {
	/** Fragments that steer random text into the parser's and checks' deeper branches. */
	const fragment = fc.constantFrom(
		'GET /chat HTTP/1.1',
		'HTTP/1.1 101 Switching Protocols',
		'HTTP/1.1 426 x',
		'HTTP/',
		'Host: h',
		'Upgrade: websocket',
		'Connection: Upgrade',
		`Sec-WebSocket-Key: ${RFC_KEY}`,
		`Sec-WebSocket-Accept: ${RFC_ACCEPT}`,
		'Sec-WebSocket-Version: ',
		'Sec-WebSocket-Protocol: ',
		'Sec-WebSocket-Extensions: ',
		'permessage-deflate',
		'client_max_window_bits',
		'server_max_window_bits',
		'Origin: ',
		';',
		'=',
		'"',
		'\\',
		',',
		':',
		' ',
		'\t',
		'\r',
		'\n',
		'\r\n',
		'\u0000',
		'\ud800'
	);
	const httpish = fc
		.array(fc.oneof(fragment, fc.string({ maxLength: 6 })), { maxLength: 40 })
		.map((parts) => parts.join(''));
	const anyText = fc.oneof(fc.string({ unit: 'binary', maxLength: 200 }), httpish);

	/** Every check list has unique ids, and ok exactly when the severity is info. */
	function wellFormed(checks: Check[]): void {
		expect(new Set(checks.map((c) => c.id)).size).toBe(checks.length);
		for (const c of checks) {
			expect(c.ok).toBe(c.severity === 'info');
			expect(typeof c.message).toBe('string');
			if (c.line !== undefined) expect(c.line).toBeGreaterThanOrEqual(1);
		}
	}

	it(
		'never throws from parseHttpMessage or checkUpgradeRequest on any string',
		{ timeout: 60_000 },
		() => {
			fc.assert(
				fc.property(anyText, (text) => {
					const parsed = parseHttpMessage(text);
					for (const e of parsed.errors) expect(e.line).toBeGreaterThanOrEqual(1);
					wellFormed(checkUpgradeRequest(parsed));
					const split = splitExchange(text);
					if (split.request !== undefined) parseHttpMessage(split.request);
				}),
				{ numRuns: 2000 }
			);
		}
	);

	it(
		'never rejects from checkUpgradeResponse on any pair of strings',
		{ timeout: 60_000 },
		async () => {
			await fc.assert(
				fc.asyncProperty(anyText, fc.option(anyText, { nil: undefined }), async (res, req) => {
					const checks = await checkUpgradeResponse(
						parseHttpMessage(res),
						req === undefined ? undefined : parseHttpMessage(req)
					);
					wellFormed(checks);
				}),
				{ numRuns: 500 }
			);
		}
	);

	it('never throws from parseExtensions on any string', () => {
		fc.assert(
			fc.property(anyText, (text) => {
				const { items, errors } = parseExtensions(text);
				for (const item of items) expect(item.name).toMatch(/^[!#$%&'*+\-.^_`|~0-9A-Za-z]+$/);
				for (const error of errors) expect(typeof error).toBe('string');
			}),
			{ numRuns: 1000 }
		);
	});

	it('keeps every check list well-formed for the gallery', async () => {
		for (const example of HANDSHAKE_EXAMPLES) {
			const req = example.request === undefined ? undefined : parseHttpMessage(example.request);
			if (req) wellFormed(checkUpgradeRequest(req));
			if (example.response)
				wellFormed(await checkUpgradeResponse(parseHttpMessage(example.response), req));
		}
	});
});

describe('inspectKey', () => {
	it('accepts base64 of 16 bytes and shows the bytes', () => {
		const verdict = inspectKey('x3JJHMbDL1EzLkh9GBhXDw==');
		expect(verdict).toMatchObject({ ok: true, severity: 'info' });
		expect(verdict.bytes?.length).toBe(16);
	});

	it('notes that the RFC sample key is not random', () => {
		expect(inspectKey('dGhlIHNhbXBsZSBub25jZQ==').message).toMatch(/sample nonce/);
	});

	it('refuses a key of the wrong length, saying how many bytes it has', () => {
		expect(inspectKey('AAAA')).toMatchObject({
			ok: false,
			severity: 'error',
			message: expect.stringMatching(/3 bytes/)
		});
	});

	it('refuses base64url and says so', () => {
		expect(inspectKey('x3JJHMbDL1EzLkh9GBhX-w==').message).toMatch(/base64url/);
	});
});
