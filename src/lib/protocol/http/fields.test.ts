import { describe, expect, it } from 'vitest';
import { exactlyOne, hasToken, headersNamed, joinValues, listItems } from './fields';
import { parseHttpMessage } from './message';

const message = parseHttpMessage(
	'GET / HTTP/1.1\r\n' +
		'Host: example.com\r\n' +
		'Connection: keep-alive\r\n' +
		'accept: text/html\r\n' +
		'CONNECTION: Upgrade ,\r\n' +
		'Accept: */*\r\n\r\n'
);

describe('headersNamed', () => {
	it('finds every line of a field, case-insensitively, in order', () => {
		expect(headersNamed(message, 'Connection').map((h) => h.line)).toEqual([3, 5]);
		expect(headersNamed(message, 'ACCEPT').map((h) => h.value)).toEqual(['text/html', '*/*']);
		expect(headersNamed(message, 'Upgrade')).toEqual([]);
	});
});

describe('joinValues', () => {
	it('combines the lines of a field into one comma list (RFC 9110 §5.3)', () => {
		expect(joinValues(headersNamed(message, 'Accept'))).toBe('text/html, */*');
		expect(joinValues([])).toBe('');
	});
});

describe('listItems', () => {
	it('splits every line at commas, trims OWS and keeps empty elements with their lines', () => {
		expect(listItems(headersNamed(message, 'Connection'))).toEqual([
			{ value: 'keep-alive', line: 3 },
			{ value: 'Upgrade', line: 5 },
			{ value: '', line: 5 }
		]);
	});
});

describe('hasToken', () => {
	it('finds a token in any line of the list, ASCII case-insensitively', () => {
		const connection = headersNamed(message, 'Connection');
		expect(hasToken(connection, 'upgrade')).toBe(true);
		expect(hasToken(connection, 'UPGRADE')).toBe(true);
		expect(hasToken(connection, 'Keep-Alive')).toBe(true);
	});

	it('matches whole elements only', () => {
		const connection = headersNamed(message, 'Connection');
		expect(hasToken(connection, 'Upgraded')).toBe(false);
		expect(hasToken(connection, 'keep')).toBe(false);
		expect(hasToken([], 'upgrade')).toBe(false);
	});
});

describe('exactlyOne', () => {
	const which = (name: string) =>
		exactlyOne(message, name, {
			missing: () => 'missing',
			repeated: (headers) => `repeated on ${headers.map((h) => h.line).join(', ')}`,
			one: (header) => `one on ${header.line}: ${header.value}`
		});

	it('tells a missing field, a repeated one and the one line apart', () => {
		expect(which('Upgrade')).toBe('missing');
		expect(which('connection')).toBe('repeated on 3, 5');
		expect(which('HOST')).toBe('one on 2: example.com');
	});
});
