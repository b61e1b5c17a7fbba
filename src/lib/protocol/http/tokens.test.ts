import { describe, expect, it } from 'vitest';
import { firstControl, firstNonTchar, isTchar, isToken } from './tokens';

// RFC 9110 §5.6.2: tchar is "!" / "#" / "$" / "%" / "&" / "'" / "*" / "+" / "-" / "." / "^" /
// "_" / "`" / "|" / "~" / DIGIT / ALPHA, typed out here from the RFC rather than the module.
const RFC_TCHARS = "!#$%&'*+-.^_`|~0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz";

describe('isTchar', () => {
	it('accepts exactly the tchar of RFC 9110 §5.6.2 among all of Latin-1', () => {
		for (let code = 0; code < 256; code++) {
			const char = String.fromCharCode(code);
			expect(isTchar(char), `U+${code.toString(16)}`).toBe(RFC_TCHARS.includes(char));
		}
	});

	it('takes one character only', () => {
		expect(isTchar('ab')).toBe(false);
		expect(isTchar('')).toBe(false);
	});
});

describe('isToken', () => {
	it('accepts one or more tchar and nothing else', () => {
		expect(isToken('websocket')).toBe(true);
		expect(isToken("x-!#$%&'*+-.^_`|~9")).toBe(true);
		expect(isToken('')).toBe(false);
		for (const bad of ['a b', 'a,b', 'a;b', 'a"b', 'a/b', 'a=b', 'é', 'a\tb']) {
			expect(isToken(bad), bad).toBe(false);
		}
	});
});

describe('firstNonTchar', () => {
	it('gives the index of the first character that is not a tchar, or -1', () => {
		expect(firstNonTchar('chat')).toBe(-1);
		expect(firstNonTchar('v1.chat/json')).toBe(7);
		expect(firstNonTchar(' a')).toBe(0);
		expect(firstNonTchar('')).toBe(-1);
	});
});

describe('firstControl', () => {
	it('finds CTLs (U+0000–U+001F, U+007F) but allows HTAB', () => {
		expect(firstControl('a\tb')).toBe(-1);
		expect(firstControl('ab\rc')).toBe(2);
		expect(firstControl('\u0000')).toBe(0);
		expect(firstControl('x\u007f')).toBe(1);
		expect(firstControl('plain text, é')).toBe(-1);
	});
});
