import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { acceptAddress, handshakeAddress } from './address';

/** Through the address bar and back: what a shared link carries is the serialised text. */
const throughAddress = (params: URLSearchParams) => new URLSearchParams(params.toString());

/** Text as a textarea can hold it: any well-formed Unicode, line breaks and all. */
const text = fc.oneof(
	fc.string({ unit: 'grapheme', maxLength: 60 }),
	fc.constantFrom('', 'GET /chat HTTP/1.1\r\nHost: a\r\n\r\n', ' a+b=c&d%20\n', '#?/')
);

describe('handshakeAddress', () => {
	it('round-trips any request and response through the address', () => {
		fc.assert(
			fc.property(text, text, (request, response) => {
				const state = { request, response };
				expect(handshakeAddress.read(throughAddress(handshakeAddress.write(state)))).toEqual(state);
			})
		);
	});

	it('reads nothing from an address without either message', () => {
		expect(handshakeAddress.read(new URLSearchParams(''))).toBeNull();
		expect(handshakeAddress.read(new URLSearchParams('key=abc'))).toBeNull();
	});

	it('reads one message alone, the other empty', () => {
		expect(handshakeAddress.read(new URLSearchParams('response=HTTP%2F1.1+200+OK'))).toEqual({
			request: '',
			response: 'HTTP/1.1 200 OK'
		});
	});
});

describe('acceptAddress', () => {
	it('round-trips any key through the address', () => {
		fc.assert(
			fc.property(text, (key) => {
				expect(acceptAddress.read(throughAddress(acceptAddress.write({ key })))).toEqual({ key });
			})
		);
	});

	it('reads nothing when there is no key, and an empty key when it is empty', () => {
		expect(acceptAddress.read(new URLSearchParams('request=x'))).toBeNull();
		expect(acceptAddress.read(new URLSearchParams('key='))).toEqual({ key: '' });
	});

	it('keeps a key with base64 characters that URLs treat specially', () => {
		const key = 'a+b/c==';
		expect(acceptAddress.write({ key }).toString()).toBe('key=a%2Bb%2Fc%3D%3D');
		expect(acceptAddress.read(throughAddress(acceptAddress.write({ key })))).toEqual({ key });
	});
});
