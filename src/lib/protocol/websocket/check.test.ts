import { describe, expect, it } from 'vitest';
import { VALID } from '../examples';
import { parseHttpMessage } from '../http/message';
import {
	checkDuplicates,
	checkLineEndings,
	checkSyntax,
	checker,
	handshakeVerdict,
	requireToken,
	type Check
} from './check';
import { REQUEST, RESPONSE, head } from './handshake-testing';

const check = (id: string, ok: boolean, severity: Check['severity']): Check => ({
	id,
	ok,
	severity,
	message: 'm',
	rfc: 'r'
});

describe('checker', () => {
	const c = checker('request.key', 'RFC 6455 §4.1 item 7');

	it('makes a passing check, with the line only when there is one', () => {
		expect(c.pass('fine', 5)).toEqual({
			id: 'request.key',
			ok: true,
			severity: 'info',
			message: 'fine',
			rfc: 'RFC 6455 §4.1 item 7',
			line: 5
		});
		expect(c.pass('fine')).not.toHaveProperty('line');
	});

	it('makes a failing check: an error for a MUST, a warning for a SHOULD', () => {
		expect(c.fail('broken', 2)).toMatchObject({ ok: false, severity: 'error', line: 2 });
		expect(c.warn('doubtful')).toMatchObject({ ok: false, severity: 'warning' });
		expect(c.warn('doubtful')).not.toHaveProperty('line');
	});

	it('makes a skipped check, which counts as passing', () => {
		expect(c.skip('moot')).toEqual({
			id: 'request.key',
			ok: true,
			severity: 'info',
			message: 'moot',
			rfc: 'RFC 6455 §4.1 item 7',
			skipped: true
		});
	});
});

describe('handshakeVerdict', () => {
	it('is valid when every check passes', () => {
		expect(handshakeVerdict([check('a', true, 'info'), check('b', true, 'info')])).toEqual(VALID);
		expect(handshakeVerdict([])).toEqual(VALID);
	});

	it('is valid with warnings when only warnings fail', () => {
		expect(handshakeVerdict([check('a', false, 'warning'), check('b', true, 'info')])).toEqual({
			ok: true,
			warnings: ['a']
		});
	});

	it('fails on any error, listing every check that does not pass, warnings included', () => {
		expect(
			handshakeVerdict([
				check('a', false, 'warning'),
				check('b', false, 'error'),
				check('c', true, 'info')
			])
		).toEqual({ ok: false, failing: ['a', 'b'] });
	});
});

describe('requireToken', () => {
	const c = checker('request.connection', 'RFC 6455 §4.1 item 6');
	const request = (connection: string) =>
		parseHttpMessage(head([...REQUEST.filter((l) => !l.startsWith('Connection')), connection]));

	it('passes a list that holds the token in any case, pointing at the header', () => {
		expect(
			requireToken(c, request('Connection: keep-alive, upgrade'), 'Connection', 'Upgrade')
		).toMatchObject({
			ok: true,
			line: 7
		});
	});

	it('fails a list without the token, and a missing header, adding what the client must do', () => {
		const absent = requireToken(c, request('Connection: Upgraded'), 'Connection', 'Upgrade', true);
		expect(absent).toMatchObject({ ok: false, severity: 'error', line: 7 });
		expect(absent.message).toMatch(/"Upgraded".*no "Upgrade" token.*MUST fail the connection/);
		const missing = requireToken(
			c,
			parseHttpMessage(head(['GET / HTTP/1.1'])),
			'Connection',
			'Upgrade'
		);
		expect(missing).toMatchObject({ ok: false, severity: 'error' });
		expect(missing.line).toBeUndefined();
		expect(missing.message).not.toMatch(/MUST fail/);
	});
});

describe('checkDuplicates', () => {
	it('names the fields each side may send only once', () => {
		expect(checkDuplicates(parseHttpMessage(head(REQUEST)), 'request').message).toBe(
			'None of Host, Sec-WebSocket-Key and Sec-WebSocket-Version is repeated.'
		);
		expect(checkDuplicates(parseHttpMessage(head(RESPONSE)), 'response').message).toBe(
			'Sec-WebSocket-Accept is not repeated.'
		);
	});

	it('lists every repeated field with its lines and points at the first repeat', () => {
		const text = head([...REQUEST, 'Sec-WebSocket-Version: 8', 'Host: other']);
		const result = checkDuplicates(parseHttpMessage(text), 'request');
		expect(result).toMatchObject({ id: 'request.duplicates', ok: false, line: 9 });
		expect(result.message).toBe(
			'Host appears 2 times (lines 2, 9); Sec-WebSocket-Version appears 2 times (lines 7, 8); ' +
				'each MUST appear at most once.'
		);
	});
});

describe('checkSyntax', () => {
	it('shows at most five malformed lines and counts the rest', () => {
		const text = `GET / HTTP/1.1\r\n${'bad\r\n'.repeat(7)}\r\n`;
		const result = checkSyntax(parseHttpMessage(text), 'response');
		expect(result).toMatchObject({ id: 'response.syntax', ok: false, line: 2 });
		expect(result.message).toMatch(/^7 malformed lines: line 2: /);
		expect(result.message).toMatch(/line 6: [^]*\(and 2 more\)$/);
		expect(result.message).not.toMatch(/line 7:/);
	});
});

describe('checkLineEndings', () => {
	it('passes CRLF and a single line, and warns about bare LF at its first line', () => {
		expect(checkLineEndings(parseHttpMessage(head(REQUEST)), 'request').ok).toBe(true);
		expect(checkLineEndings(parseHttpMessage('GET / HTTP/1.1'), 'request').message).toMatch(
			/no line breaks/
		);
		const mixed = checkLineEndings(
			parseHttpMessage('GET / HTTP/1.1\r\nA: 1\nB: 2\r\n\r\n'),
			'request'
		);
		expect(mixed).toMatchObject({ ok: false, severity: 'warning', line: 2 });
		expect(mixed.message).toMatch(/first bare LF on line 2/);
	});
});
