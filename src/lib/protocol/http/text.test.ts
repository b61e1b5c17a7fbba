import { describe, expect, it } from 'vitest';
import { describeChar, httpProblemText, type HttpProblem } from './text';

describe('describeChar', () => {
	it('names a bare CR, other control characters, and quotes visible ones with their code point', () => {
		expect(describeChar('\r')).toBe('a bare CR (U+000D)');
		expect(describeChar('\u0000')).toBe('the control character U+0000');
		expect(describeChar('\u007f')).toBe('the control character U+007F');
		expect(describeChar(' ')).toBe('" " (U+0020)');
		expect(describeChar('é')).toBe('"é" (U+00E9)');
	});
});

describe('httpProblemText', () => {
	const every: HttpProblem[] = [
		{ code: 'start-line-control', char: '\u0001' },
		{ code: 'start-line-whitespace' },
		{ code: 'bad-version', version: 'HTTP/one' },
		{ code: 'no-status-code', found: 'OK' },
		{ code: 'no-status-code' },
		{ code: 'bad-method', method: 'G T', char: ' ' },
		{ code: 'no-version' },
		{ code: 'no-start-line' },
		{ code: 'bad-start-line', line: 'hello' },
		{ code: 'obs-fold' },
		{ code: 'whitespace-before-headers' },
		{ code: 'no-colon', line: 'Host h' },
		{ code: 'empty-name' },
		{ code: 'whitespace-before-colon', name: 'Host' },
		{ code: 'bad-name', name: 'X Y', char: ' ' },
		{ code: 'control-in-value', name: 'Z', char: '\r' }
	];

	it('has one sentence for every problem, ending in a full stop', () => {
		for (const problem of every) {
			expect(httpProblemText(problem), problem.code).toMatch(/^\S.*\.\)?$/);
		}
	});

	it('quotes the facts it is given', () => {
		expect(httpProblemText({ code: 'bad-version', version: 'HTTP/one' })).toContain('"HTTP/one"');
		expect(httpProblemText({ code: 'no-status-code' })).toMatch(/found nothing/);
		expect(httpProblemText({ code: 'bad-name', name: 'X Y', char: ' ' })).toContain('"X Y"');
		expect(httpProblemText({ code: 'control-in-value', name: 'Z', char: '\r' })).toMatch(
			/value of Z contains a bare CR/
		);
	});

	it('cites RFC 9112 and RFC 9110 where the rule is theirs', () => {
		expect(httpProblemText({ code: 'obs-fold' })).toMatch(/RFC 9112 §5\.2/);
		expect(httpProblemText({ code: 'whitespace-before-colon', name: 'Host' })).toMatch(
			/RFC 9112 §5\.1/
		);
		expect(httpProblemText({ code: 'whitespace-before-headers' })).toMatch(/RFC 9112 §2\.2/);
	});

	it('shortens a long line it quotes', () => {
		const text = httpProblemText({ code: 'no-colon', line: 'x'.repeat(500) });
		expect(text).toContain(`"${'x'.repeat(60)}"`);
		expect(text).not.toContain('x'.repeat(61));
	});

	it('uses no WebSocket words: the parser serves every protocol that starts with HTTP', () => {
		for (const problem of every) expect(httpProblemText(problem)).not.toMatch(/websocket|101/i);
	});
});
