import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { parseHttpMessage } from '../http/message';
import { isToken } from '../http/tokens';
import { deflateProblems, parseExtensionHeaders, parseExtensions } from './extensions';
import { anyText } from './handshake-testing';

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

	it('reads the offers of RFC 7692 §5.1 and §7.1.3', () => {
		// RFC 7692 §5.1: two offers, the first with a parameter, in one header.
		expect(
			parseExtensions('permessage-deflate; client_max_window_bits, permessage-deflate').items
		).toHaveLength(2);
		// RFC 7692 §7.1.3 example response.
		expect(parseExtensions('permessage-deflate; server_max_window_bits=10')).toEqual({
			items: [
				{
					name: 'permessage-deflate',
					params: [{ name: 'server_max_window_bits', value: '10' }],
					line: 1
				}
			],
			errors: []
		});
	});

	it('unescapes quoted values and allows whitespace around ";" and "="', () => {
		expect(parseExtensions('a ; b = "1\\0" ;c').items[0]!.params).toEqual([
			{ name: 'b', value: '10' },
			{ name: 'c' }
		]);
	});

	it('reports a missing parameter name, an unclosed quote and an empty element', () => {
		expect(parseExtensions('permessage-deflate; =1').errors).toEqual([
			'expected a parameter name after ";" in "permessage-deflate" but found "=" (U+003D) at position 21'
		]);
		expect(parseExtensions('a; b="1').errors).toEqual(['the quoted value of "b" is not closed']);
		expect(parseExtensions('a, , b').errors).toHaveLength(1);
		expect(parseExtensions('a, , b').errors[0]).toMatch(/empty list element/);
		expect(parseExtensions('a; b="x y"').errors[0]).toMatch(/not a token/);
	});

	it('reports a parameter without a value, a stray character and a missing name', () => {
		expect(parseExtensions('a; b=').errors).toEqual(['"b" has "=" but no value']);
		expect(parseExtensions('a b').errors).toEqual([
			'unexpected "b" (U+0062) at position 3 after "a"'
		]);
		expect(parseExtensions('@').errors).toEqual([
			'expected an extension name but found "@" (U+0040) at position 1'
		]);
		expect(parseExtensions('a;').errors).toEqual([
			'expected a parameter name after ";" in "a" but found the end'
		]);
	});

	it('goes on after a bad element, so one mistake does not hide the next', () => {
		const { items, errors } = parseExtensions('a b, c; d="x y", e');
		expect(items.map((i) => i.name)).toEqual(['a', 'c', 'e']);
		expect(errors).toHaveLength(2);
	});

	it('never throws, and every name it reads is a token', () => {
		fc.assert(
			fc.property(anyText, (text) => {
				const { items, errors } = parseExtensions(text);
				for (const item of items) expect(isToken(item.name)).toBe(true);
				for (const error of errors) expect(error.length).toBeGreaterThan(0);
			}),
			{ numRuns: 1000 }
		);
	});
});

describe('parseExtensionHeaders', () => {
	it('keeps the line of every item and every error', () => {
		const message = parseHttpMessage(
			'GET / HTTP/1.1\r\nSec-WebSocket-Extensions: a\r\nX: 1\r\nSec-WebSocket-Extensions: b;\r\n\r\n'
		);
		const headers = message.headers.filter((h) => h.name === 'Sec-WebSocket-Extensions');
		const { items, errors } = parseExtensionHeaders(headers);
		expect(items.map((i) => [i.name, i.line])).toEqual([
			['a', 2],
			['b', 4]
		]);
		expect(errors).toEqual([{ message: expect.stringMatching(/parameter name/), line: 4 }]);
	});
});

describe('deflateProblems', () => {
	it('accepts every parameter of RFC 7692 §7.1 with valid values', () => {
		const params = [
			{ name: 'server_no_context_takeover' },
			{ name: 'client_no_context_takeover' },
			{ name: 'server_max_window_bits', value: '8' },
			{ name: 'client_max_window_bits', value: '15' }
		];
		expect(deflateProblems(params, 'offer')).toEqual([]);
		expect(deflateProblems(params, 'response')).toEqual([]);
	});

	it('lets an offer send client_max_window_bits bare, but not a response (§7.1.2.2)', () => {
		const bare = [{ name: 'client_max_window_bits' }];
		expect(deflateProblems(bare, 'offer')).toEqual([]);
		expect(deflateProblems(bare, 'response')).toEqual([
			{ code: 'needs-value', param: 'client_max_window_bits', responseOnly: true }
		]);
		expect(deflateProblems([{ name: 'server_max_window_bits' }], 'offer')).toEqual([
			{ code: 'needs-value', param: 'server_max_window_bits' }
		]);
	});

	it('takes window bits 8 to 15 only, written without leading zeros (§7.1.2)', () => {
		for (const value of ['7', '16', '08', '', 'x', '10.0']) {
			expect(deflateProblems([{ name: 'server_max_window_bits', value }], 'offer'), value).toEqual([
				{ code: 'out-of-range', param: 'server_max_window_bits', value }
			]);
		}
	});

	it('finds a repeated parameter, a value where none belongs, and unknown names', () => {
		expect(
			deflateProblems(
				[
					{ name: 'server_no_context_takeover' },
					{ name: 'server_no_context_takeover' },
					{ name: 'client_no_context_takeover', value: '1' },
					{ name: 'Server_Max_Window_Bits', value: '10' },
					{ name: 'level', value: '9' }
				],
				'offer'
			)
		).toEqual([
			{ code: 'twice', param: 'server_no_context_takeover' },
			{ code: 'takes-no-value', param: 'client_no_context_takeover', value: '1' },
			{ code: 'unknown', param: 'Server_Max_Window_Bits', near: 'server_max_window_bits' },
			{ code: 'unknown', param: 'level' }
		]);
	});
});
