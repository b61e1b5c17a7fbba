import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { parseHttpMessage, splitExchange } from './message';

/** A head from its lines, CRLF-terminated, with the empty line that ends it. */
function head(lines: string[]): string {
	return `${lines.join('\r\n')}\r\n\r\n`;
}

/** Line 1 the request line, then six header lines (2 to 7). */
const REQUEST = [
	'GET /index.html HTTP/1.1',
	'Host: www.example.com',
	'User-Agent: curl/8.5.0',
	'Accept: */*',
	'Accept-Language: en',
	'Cache-Control: no-cache',
	'Connection: keep-alive'
];

/** Line 1 the status line, then Content-Type (2), Content-Length (3), Cache-Control (4). */
const RESPONSE = [
	'HTTP/1.1 200 OK',
	'Content-Type: text/plain',
	'Content-Length: 2',
	'Cache-Control: no-store'
];

describe('parseHttpMessage', () => {
	it('reads a CRLF request: start line, headers in order with their case and line numbers', () => {
		const parsed = parseHttpMessage(head(REQUEST));
		expect(parsed).toMatchObject({
			kind: 'request',
			method: 'GET',
			target: '/index.html',
			version: 'HTTP/1.1',
			startLine: 1,
			lineEndings: 'crlf',
			lineBreaks: 8,
			complete: true,
			errors: []
		});
		expect(parsed.headers[0]).toEqual({ name: 'Host', value: 'www.example.com', line: 2 });
		expect(parsed.headers.map((h) => h.line)).toEqual([2, 3, 4, 5, 6, 7]);
		expect(parsed.body).toBeUndefined();
	});

	it('returns every value of a header for a case-insensitive name', () => {
		const parsed = parseHttpMessage(head([...REQUEST, 'x-trace: a', 'X-TRACE:b']));
		expect(parsed.get('X-Trace')).toEqual(['a', 'b']);
		expect(parsed.get('x-missing')).toEqual([]);
		expect(parsed.headers.at(-1)).toEqual({ name: 'X-TRACE', value: 'b', line: 9 });
	});

	it('reads a response: version, status and reason, and keeps its body', () => {
		const parsed = parseHttpMessage(`${head(['HTTP/1.1 200 OK', 'Content-Length: 2'])}hi`);
		expect(parsed).toMatchObject({
			kind: 'response',
			version: 'HTTP/1.1',
			status: 200,
			reason: 'OK'
		});
		expect(parsed.body).toBe('hi');
	});

	it('reads a status line without a reason phrase (RFC 9112 §4: it is optional)', () => {
		expect(parseHttpMessage('HTTP/1.1 204\r\n\r\n')).toMatchObject({
			status: 204,
			reason: '',
			errors: []
		});
	});

	it('flags a status line without a three-digit status code, quoting what is there', () => {
		const parsed = parseHttpMessage('HTTP/1.1 OK\r\n\r\n');
		expect(parsed.kind).toBe('response');
		expect(parsed.errors).toEqual([expect.objectContaining({ code: 'no-status-code', line: 1 })]);
		expect(parsed.errors[0]!.message).toContain('"OK"');
		expect(parseHttpMessage('HTTP/1.1\r\n\r\n').errors[0]!.message).toMatch(/found nothing/);
	});

	it('accepts LF-only line endings and reports them', () => {
		const parsed = parseHttpMessage(`${REQUEST.join('\n')}\n\n`);
		expect(parsed).toMatchObject({ kind: 'request', lineEndings: 'lf', bareLfLine: 1, errors: [] });
		expect(parsed.headers).toHaveLength(6);
	});

	it('reports mixed line endings and the first bare LF', () => {
		const parsed = parseHttpMessage('GET / HTTP/1.1\r\nHost: a\nAccept: */*\r\n\r\n');
		expect(parsed.lineEndings).toBe('mixed');
		expect(parsed.bareLfLine).toBe(2);
	});

	it('flags an obs-fold line and unfolds it into the previous value', () => {
		const parsed = parseHttpMessage('GET / HTTP/1.1\r\nX-Long: a\r\n  b\r\nHost: h\r\n\r\n');
		expect(parsed.errors).toEqual([
			expect.objectContaining({ code: 'obs-fold', line: 3, column: 1 })
		]);
		expect(parsed.errors[0]!.message).toMatch(/obs-fold/);
		expect(parsed.get('X-Long')).toEqual(['a b']);
		expect(parsed.get('Host')).toEqual(['h']);
	});

	it('flags whitespace between the start line and the first header (RFC 9112 §2.2)', () => {
		const parsed = parseHttpMessage('GET / HTTP/1.1\r\n  Host: h\r\n\r\n');
		expect(parsed.errors).toEqual([
			expect.objectContaining({ code: 'whitespace-before-headers', line: 2, column: 1 })
		]);
		expect(parsed.headers).toEqual([]);
	});

	it('flags whitespace before the colon, which RFC 9112 §5.1 says MUST be rejected', () => {
		const parsed = parseHttpMessage('GET / HTTP/1.1\r\nHost : h\r\n\r\n');
		expect(parsed.errors).toEqual([
			expect.objectContaining({ code: 'whitespace-before-colon', line: 2, column: 5 })
		]);
		expect(parsed.errors[0]!.message).toMatch(/RFC 9112 §5\.1/);
		expect(parsed.headers).toEqual([{ name: 'Host', value: 'h', line: 2 }]);
	});

	it('flags a header line without a colon and one with an empty name', () => {
		const parsed = parseHttpMessage('GET / HTTP/1.1\r\nHost h\r\n: v\r\nOk: 1\r\n\r\n');
		expect(parsed.errors.map((e) => [e.code, e.line])).toEqual([
			['no-colon', 2],
			['empty-name', 3]
		]);
		expect(parsed.errors[0]!.message).toMatch(/no colon/);
		expect(parsed.errors[1]!.message).toMatch(/empty/);
		expect(parsed.headers).toEqual([{ name: 'Ok', value: '1', line: 4 }]);
	});

	it('flags an invalid character in a name and a bare CR in a value, with columns', () => {
		const parsed = parseHttpMessage('GET / HTTP/1.1\r\nX Y: 1\r\nZ: a\rb\r\n\r\n');
		expect(parsed.errors).toEqual([
			expect.objectContaining({ code: 'bad-name', line: 2, column: 2 }),
			expect.objectContaining({ code: 'control-in-value', line: 3, column: 5 })
		]);
		expect(parsed.errors[0]!.message).toContain('"X Y"');
		expect(parsed.errors[1]!.message).toMatch(/bare CR/);
	});

	it('flags a control character and leading whitespace in the start line, with columns', () => {
		const parsed = parseHttpMessage(' GET /\u0000 HTTP/1.1\r\n\r\n');
		expect(parsed.errors.slice(0, 2)).toEqual([
			expect.objectContaining({ code: 'start-line-control', line: 1, column: 7 }),
			expect.objectContaining({ code: 'start-line-whitespace', line: 1, column: 1 })
		]);
		expect(parsed.errors[0]!.message).toContain('U+0000');
	});

	it('flags a method that is not a token', () => {
		const parsed = parseHttpMessage('G(T / HTTP/1.1\r\n\r\n');
		expect(parsed.kind).toBe('request');
		expect(parsed.errors).toEqual([expect.objectContaining({ code: 'bad-method', line: 1 })]);
		expect(parsed.errors[0]!.message).toContain('"("');
	});

	it('flags a bad start line and keeps reading the headers', () => {
		const parsed = parseHttpMessage('hello world\r\nHost: h\r\n\r\n');
		expect(parsed.kind).toBe('unknown');
		expect(parsed.errors).toEqual([expect.objectContaining({ code: 'bad-start-line', line: 1 })]);
		expect(parsed.errors[0]!.message).toContain('"hello world"');
		expect(parsed.get('host')).toEqual(['h']);
	});

	it('reads headers pasted without a start line, saying the start line is missing', () => {
		const parsed = parseHttpMessage('Content-Type: text/plain\nContent-Length: 2\n');
		expect(parsed.kind).toBe('unknown');
		expect(parsed.errors[0]).toMatchObject({ code: 'no-start-line', line: 1 });
		expect(parsed.headers.map((h) => h.line)).toEqual([1, 2]);
	});

	it('flags a request line without a version, and a version that is not HTTP/x.y', () => {
		expect(parseHttpMessage('GET /index.html\r\n\r\n')).toMatchObject({
			kind: 'request',
			target: '/index.html'
		});
		expect(parseHttpMessage('GET /index.html\r\n\r\n').errors).toEqual([
			expect.objectContaining({ code: 'no-version' })
		]);
		expect(parseHttpMessage('GET / HTTP/1.1.1\r\n\r\n').errors).toEqual([
			expect.objectContaining({ code: 'bad-version' })
		]);
		expect(parseHttpMessage('HTTP/11 200 OK\r\n\r\n').errors).toEqual([
			expect.objectContaining({ code: 'bad-version', column: 1 })
		]);
	});

	it('ends the head at a line of only whitespace, which editors leave in pastes', () => {
		const parsed = parseHttpMessage('HTTP/1.1 200 OK\r\nA: 1\r\n  \r\nbody');
		expect(parsed).toMatchObject({ complete: true, errors: [], body: 'body' });
	});

	it('says a head without its empty line is incomplete', () => {
		expect(parseHttpMessage(REQUEST.join('\r\n')).complete).toBe(false);
	});

	it('skips blank leading lines but numbers lines from the top of the paste', () => {
		const parsed = parseHttpMessage('\r\n  \n' + head(REQUEST));
		expect(parsed.startLine).toBe(3);
		expect(parsed.headers[0]!.line).toBe(4);
	});

	it('numbers lines from firstLine when given', () => {
		const parsed = parseHttpMessage(head(RESPONSE), { firstLine: 10 });
		expect(parsed.startLine).toBe(10);
		expect(parsed.headers.map((h) => h.line)).toEqual([11, 12, 13]);
	});

	it('parses only the request of a pasted request and response', () => {
		const both = head(REQUEST) + head(RESPONSE);
		const parsed = parseHttpMessage(both);
		expect(parsed.kind).toBe('request');
		expect(parsed.get('Content-Type')).toEqual([]);
		expect(parsed.body).toBeUndefined();
		// Also when the empty line between them is missing.
		const glued = parseHttpMessage(`${REQUEST.join('\r\n')}\r\n${head(RESPONSE)}`);
		expect(glued.headers).toHaveLength(6);
		expect(glued.errors).toEqual([]);
	});

	it('returns an empty unknown message for an empty string', () => {
		expect(parseHttpMessage('')).toMatchObject({
			kind: 'unknown',
			headers: [],
			errors: [],
			complete: false
		});
		expect(parseHttpMessage('').startLine).toBeUndefined();
	});

	it('survives garbage and locates its errors', () => {
		const parsed = parseHttpMessage('\u0000\u00ff\ud800:::\r\r\n\t\t\n\u2028: \n');
		expect(parsed.kind).toBe('unknown');
		expect(parsed.errors.length).toBeGreaterThan(0);
		for (const error of parsed.errors) expect(error.line).toBeGreaterThanOrEqual(1);
	});

	it('reads thirty thousand header lines', () => {
		const text = `GET / HTTP/1.1\r\n${'X-Filler: abcdefghijklmnopqrstuvwxyz\r\n'.repeat(30000)}\r\n`;
		const parsed = parseHttpMessage(text);
		expect(parsed.headers).toHaveLength(30000);
		expect(parsed.headers.at(-1)).toEqual({
			name: 'X-Filler',
			value: 'abcdefghijklmnopqrstuvwxyz',
			line: 30001
		});
	});

	it('never throws, and every error has a line, a code and a sentence', () => {
		const fragment = fc.constantFrom(
			'GET / HTTP/1.1',
			'HTTP/1.1 200 OK',
			'HTTP/',
			'Host: h',
			'X:',
			':',
			' ',
			'\t',
			'\r',
			'\n',
			'\r\n',
			'\u0000',
			'\ud800'
		);
		const text = fc.oneof(
			fc.string({ maxLength: 100 }),
			fc
				.array(fc.oneof(fragment, fc.string({ maxLength: 4 })), { maxLength: 30 })
				.map((p) => p.join(''))
		);
		fc.assert(
			fc.property(text, fc.integer({ min: -2, max: 50 }), (input, firstLine) => {
				const parsed = parseHttpMessage(input, { firstLine });
				for (const e of parsed.errors) {
					expect(e.line).toBeGreaterThanOrEqual(1);
					expect(e.message.length).toBeGreaterThan(0);
					expect(typeof e.code).toBe('string');
				}
			}),
			{ numRuns: 1000 }
		);
	});
});

describe('splitExchange', () => {
	it('splits at the line that begins with HTTP/ and says where the response starts', () => {
		const request = head(REQUEST);
		const split = splitExchange(request + head(RESPONSE));
		expect(split).toEqual({ request, response: head(RESPONSE), responseLine: 9 });
	});

	it('keeps line numbers of the paste when the response is parsed from its start line', () => {
		const split = splitExchange(head(REQUEST) + head(RESPONSE));
		const res = parseHttpMessage(split.response!, { firstLine: split.responseLine });
		expect(res.headers.find((h) => h.name === 'Cache-Control')!.line).toBe(12);
	});

	it('returns only a request, only a response, or nothing', () => {
		expect(splitExchange(head(REQUEST))).toEqual({ request: head(REQUEST) });
		expect(splitExchange(`\n${head(RESPONSE)}`)).toEqual({
			response: head(RESPONSE),
			responseLine: 2
		});
		expect(splitExchange(' \n')).toEqual({});
	});

	it('never throws, and its parts are the paste itself', () => {
		fc.assert(
			fc.property(fc.string({ maxLength: 100 }), (text) => {
				const split = splitExchange(text);
				// The parts are the paste itself, minus a blank request before the response.
				const parts = (split.request ?? '') + (split.response ?? '');
				expect(text.endsWith(parts)).toBe(true);
				if (split.response !== undefined) expect(split.response.startsWith('HTTP/')).toBe(true);
				if (split.request !== undefined) parseHttpMessage(split.request);
			})
		);
	});
});
