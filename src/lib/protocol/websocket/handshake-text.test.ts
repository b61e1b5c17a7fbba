import { describe, expect, it } from 'vitest';
import type { AcceptMistake } from './accept';
import { handshakeText as text } from './handshake-text';

describe('handshakeText', () => {
	it('quotes values, shortening long ones to 80 characters so a paste cannot flood the page', () => {
		expect(text.host.ok('example.com')).toBe('Host is "example.com".');
		const long = text.host.ok('x'.repeat(500));
		expect(long).toContain(`"${'x'.repeat(79)}…"`);
		expect(long).not.toContain('x'.repeat(80));
	});

	it('counts in words that agree with the number', () => {
		expect(text.syntax.ok(1)).toBe('The start line and all 1 header line are well-formed.');
		expect(text.syntax.ok(6)).toBe('The start line and all 6 header lines are well-formed.');
		expect(text.key.length('AAAA', 3)).toMatch(/decodes to 3 bytes/);
		expect(text.key.length('AA==', 1)).toMatch(/decodes to 1 byte;/);
	});

	it('gives the reason a key is not base64 for every kind of base64 error', () => {
		expect(text.key.notBase64('a-', { code: 'other-alphabet', index: 1, char: '-' })).toBe(
			'Sec-WebSocket-Key "a-" is not valid base64: "-" at position 2 is base64url, not base64.'
		);
		expect(text.key.notBase64('a b', { code: 'character', index: 1, char: ' ' })).toMatch(
			/" " at position 2 is not a base64 character\.$/
		);
		expect(text.key.notBase64('a=b', { code: 'padding', index: 1 })).toMatch(
			/"=" padding may only end the value, at most twice\.$/
		);
		expect(
			text.key.notBase64('abcdef', { code: 'length', index: 6, length: 6, missingPadding: 2 })
		).toMatch(/its length 6 is not a multiple of 4 \(the "==" padding is missing\)\.$/);
		expect(text.key.notBase64('abcde', { code: 'length', index: 5, length: 5 })).toMatch(
			/its length 5 is not a multiple of 4\.$/
		);
	});

	it('names a different server bug for every accept mistake', () => {
		const mistakes: AcceptMistake[] = [
			'letter-case',
			'hex-digest',
			'base64-of-hex',
			'no-guid',
			'lower-case-guid',
			'decoded-key'
		];
		const plain = text.accept.wrong('a', 'k', 'e');
		const sentences = mistakes.map((m) => text.accept.wrong('a', 'k', 'e', m));
		expect(new Set(sentences).size).toBe(mistakes.length);
		for (const sentence of sentences) {
			expect(sentence.startsWith(`${plain} `)).toBe(true);
			expect(sentence.length).toBeGreaterThan(plain.length + 20);
		}
	});

	it('says what a status other than 101 means, from the table or from its class', () => {
		expect(text.status.failed(404, 'Not Found')).toMatch(
			/404 means there is no WebSocket endpoint/
		);
		expect(text.status.failed(307, '')).toMatch(/307 means a redirect/);
		expect(text.status.failed(599, 'x')).toMatch(/599 means a server error\.$/);
		expect(text.status.failed(418, "I'm a teapot")).toMatch(
			/418 means any status but 101 means the server did not switch protocols\.$/
		);
		expect(text.status.failed(426, 'Upgrade Required', '13, 8')).toMatch(
			/lists the ones it does \(§4\.4\): "13, 8"\.$/
		);
	});

	it('sums up the inspector: failures first, then warnings, else a pass', () => {
		expect(text.summary(1, 0)).toBe('✗ 1 check fails: this handshake would not open a WebSocket.');
		expect(text.summary(2, 1)).toBe(
			'✗ 2 checks fail, 1 warning: this handshake would not open a WebSocket.'
		);
		expect(text.summary(0, 2)).toBe('! No check fails; 2 warnings.');
		expect(text.summary(0, 0)).toBe('✓ Every check passes.');
	});

	it('describes the Accept calculation step by step (RFC 6455 §4.2.2)', () => {
		expect(text.acceptSteps.key(false)).toBe('The key, as the client sent it');
		expect(text.acceptSteps.key(true)).toBe(
			'The key, as the client sent it (surrounding spaces removed)'
		);
		expect(text.acceptSteps.hash(60)).toBe('SHA-1 of those 60 bytes: 20 bytes');
		expect(text.acceptSteps.note()).toMatch(/not authentication and not a secret/);
	});

	it('words an extension offer a server must decline, and notes unknown extensions', () => {
		const offer = {
			name: 'permessage-deflate',
			params: [{ name: 'server_max_window_bits', value: '16' }],
			line: 8
		};
		expect(
			text.extensions.declinedOffers([
				{
					offer,
					problems: [{ code: 'out-of-range', param: 'server_max_window_bits', value: '16' }]
				}
			])
		).toBe(
			'In the offer "permessage-deflate; server_max_window_bits=16", ' +
				'"server_max_window_bits=16" is not 8 to 15. A server MUST decline such an offer ' +
				'(RFC 7692 §7.1), so the connection will not be compressed with it.'
		);
		expect(
			text.extensions.offered(
				[{ name: 'x-webkit-deflate-frame', params: [], line: 1 }],
				[{ name: 'x-webkit-deflate-frame', kind: 'pre-standard' }]
			)
		).toBe(
			'The client offers "x-webkit-deflate-frame". Note: "x-webkit-deflate-frame" is a ' +
				'pre-standard compression draft that current servers ignore.'
		);
	});
});
