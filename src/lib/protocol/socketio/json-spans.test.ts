import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { jsonSpans } from './json-spans';

describe('jsonSpans', () => {
	it('splits an EVENT array into its name and arguments', () => {
		const text = '["echo",{"a":[1,"]"]},"x,y"]';
		const spans = jsonSpans(text)!;
		expect(spans.kind).toBe('array');
		expect(text.slice(0, spans.openEnd)).toBe('[');
		expect(spans.items.map((item) => text.slice(item.start, item.end))).toEqual([
			'"echo",',
			'{"a":[1,"]"]},',
			'"x,y"'
		]);
		expect(spans.items.map((item) => item.valueText)).toEqual(['"echo"', '{"a":[1,"]"]}', '"x,y"']);
		expect(text.slice(spans.closeStart)).toBe(']');
	});

	it('names the members of a handshake object', () => {
		const text = '{"sid":"a\\"b", "upgrades":["websocket"],"pingInterval":25000}';
		const spans = jsonSpans(text)!;
		expect(spans.items.map((item) => item.key)).toEqual(['sid', 'upgrades', 'pingInterval']);
		expect(spans.items.map((item) => item.valueText)).toEqual([
			'"a\\"b"',
			'["websocket"]',
			'25000'
		]);
	});

	it('gives an empty array no items and keeps whitespace inside the brackets', () => {
		const spans = jsonSpans(' [ ] ')!;
		expect(spans.items).toEqual([]);
		expect(spans.openEnd).toBe(spans.closeStart);
		expect(' [ ] '[spans.closeStart]).toBe(']');
	});

	it('returns null for a value that is neither an array nor an object', () => {
		expect(jsonSpans('"text"')).toBeNull();
		expect(jsonSpans('12')).toBeNull();
	});

	it('covers any JSON array or object exactly, item values parsing to the elements', () => {
		fc.assert(
			fc.property(
				fc.oneof(fc.array(fc.jsonValue()), fc.dictionary(fc.string(), fc.jsonValue())),
				fc.constantFrom(0, 2),
				(value, indent) => {
					const text = JSON.stringify(value, null, indent);
					const spans = jsonSpans(text)!;
					const pieces = [0, spans.openEnd, ...spans.items.flatMap((i) => [i.start, i.end])];
					for (let k = 1; k < pieces.length; k++)
						expect(pieces[k]).toBeGreaterThanOrEqual(pieces[k - 1]);
					expect(spans.items[0]?.start ?? spans.closeStart).toBe(spans.openEnd);
					spans.items.forEach((item, k) => {
						const next = spans.items[k + 1]?.start ?? spans.closeStart;
						expect(item.end).toBe(next);
					});
					const values = spans.items.map((item) => JSON.parse(item.valueText));
					if (Array.isArray(value)) expect(values).toEqual(JSON.parse(text));
					else expect(spans.items.map((i) => i.key)).toEqual(Object.keys(JSON.parse(text)));
				}
			),
			{ numRuns: 300 }
		);
	});
});
