import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { nodeBase64Decode } from './node-base64';

/** The oracle: Node's own Buffer. */
const node = (text: string) => new Uint8Array(Buffer.from(text, 'base64'));

describe('nodeBase64Decode', () => {
	it('reads the Engine.IO README example bAQIDBA== as 01 02 03 04', () => {
		expect([...nodeBase64Decode('AQIDBA==')]).toEqual([1, 2, 3, 4]);
	});

	it('gives what Buffer.from gives for hand-picked broken base64', () => {
		for (const text of [
			'',
			'A',
			'AQ',
			'AQI',
			'AQID',
			'AQ==',
			'A=QI',
			'====',
			'AQ*ID',
			'QUJD!QUJD',
			'a b c d',
			'-_-_',
			'ŁQID',
			'AQIDBA==AQID',
			'AQIDB',
			'\u0000\u0001AQ',
			'😀AQID'
		]) {
			expect(nodeBase64Decode(text), JSON.stringify(text)).toEqual(node(text));
		}
	});

	it('gives what Buffer.from gives for any text of base64 characters and a few others', () => {
		const char = fc.constantFrom(...'ABCDabcd0189+/-_= \n*.Łé😀\u0000');
		fc.assert(
			fc.property(fc.array(char, { maxLength: 40 }), (chars) => {
				const text = chars.join('');
				expect(nodeBase64Decode(text)).toEqual(node(text));
			}),
			{ numRuns: 1000 }
		);
	});

	it('gives what Buffer.from gives for any string', () => {
		fc.assert(
			fc.property(fc.string({ unit: 'binary', maxLength: 30 }), (text) => {
				expect(nodeBase64Decode(text)).toEqual(node(text));
			}),
			{ numRuns: 500 }
		);
	});
});
