import { describe, expect, it } from 'vitest';
import { MAX_JSON_BYTES, payloadViews } from './payload';

const utf8 = (text: string) => new TextEncoder().encode(text);

describe('payloadViews', () => {
	it('reads valid UTF-8 as text, with no JSON view for text that is not JSON', () => {
		expect(payloadViews(utf8('Hello'))).toEqual({ text: 'Hello', json: null });
		expect(payloadViews(new Uint8Array())).toEqual({ text: '', json: null });
	});

	it('reads the euro sign from its three bytes e2 82 ac (RFC 3629)', () => {
		expect(payloadViews(new Uint8Array([0xe2, 0x82, 0xac])).text).toBe('€');
	});

	it('has neither view for bytes that are not UTF-8: a stray ff, an encoded surrogate', () => {
		// RFC 3629 §3: the octet values FF never appear; ED A0 80 would encode U+D800.
		expect(payloadViews(new Uint8Array([0x48, 0xff]))).toEqual({ text: null, json: null });
		expect(payloadViews(new Uint8Array([0xed, 0xa0, 0x80]))).toEqual({ text: null, json: null });
	});

	it('pretty-prints a JSON object or array, indented by two spaces', () => {
		expect(payloadViews(utf8(' {"type":"hello","ids":[1,2]} ')).json).toBe(
			'{\n  "type": "hello",\n  "ids": [\n    1,\n    2\n  ]\n}'
		);
		expect(payloadViews(utf8('[]')).json).toBe('[]');
	});

	it('offers no JSON view for a bare JSON value, broken JSON, or JSON too big to format', () => {
		expect(payloadViews(utf8('42')).json).toBeNull();
		expect(payloadViews(utf8('"hi"')).json).toBeNull();
		expect(payloadViews(utf8('{"a":')).json).toBeNull();
		const big = utf8(`[${'0,'.repeat(MAX_JSON_BYTES / 2)}0]`);
		expect(big.length).toBeGreaterThan(MAX_JSON_BYTES);
		expect(payloadViews(big)).toEqual({ text: new TextDecoder().decode(big), json: null });
	});
});
