import { describe, expect, it } from 'vitest';
import type { DecodedUnit, Field } from './fields';
import { findTilingProblems } from './tiling';

/** A field with only what tiling looks at. */
function field(key: string, offset: number, length: number, bits?: [number, number]): Field {
	return {
		key,
		name: key,
		offset,
		length,
		...(bits ? { bitOffset: bits[0], bitLength: bits[1] } : {}),
		value: 0,
		display: '0',
		meaning: '',
		source: 'test',
		category: 'payload'
	};
}

function unit(
	offset: number,
	length: number,
	fields: Field[],
	children?: DecodedUnit[]
): DecodedUnit {
	return { protocol: 't', offset, length, fields, ...(children ? { children } : {}) };
}

/** A two-byte header like a WebSocket frame's: 1+3+4 bits, then 1+7 bits, then 3 data bytes. */
const SOUND = () =>
	unit(0, 5, [
		field('fin', 0, 1, [0, 1]),
		field('rsv', 0, 1, [1, 3]),
		field('opcode', 0, 1, [4, 4]),
		field('mask', 1, 1, [0, 1]),
		field('len', 1, 1, [1, 7]),
		field('data', 2, 3)
	]);

describe('findTilingProblems', () => {
	it('accepts fields that cover every bit exactly once, in order', () => {
		expect(findTilingProblems([SOUND()], 0, 5)).toEqual([]);
	});

	it('reports a gap between two fields', () => {
		const u = SOUND();
		u.fields[2] = field('opcode', 0, 1, [5, 3]);
		expect(findTilingProblems([u], 0, 5)).toEqual([
			expect.stringContaining('gap before field opcode, bits 4–4 uncovered')
		]);
	});

	it('reports two fields that overlap', () => {
		const u = SOUND();
		u.fields[5] = field('data', 1, 4);
		expect(findTilingProblems([u], 0, 5).join('\n')).toContain('field data overlaps');
	});

	it('reports a field that runs past the end of its unit', () => {
		const u = SOUND();
		u.fields[5] = field('data', 2, 4);
		expect(findTilingProblems([u], 0, 5).join('\n')).toContain(
			'field data (bits 16–47) lies outside bits 0–39'
		);
	});

	it('reports bits left uncovered at the end of a unit', () => {
		const u = SOUND();
		u.fields[5] = field('data', 2, 2);
		expect(findTilingProblems([u], 0, 5)).toEqual([
			expect.stringContaining('bits 32–39 at the end are uncovered')
		]);
	});

	it('reports a field whose byte length disagrees with its bits', () => {
		const u = SOUND();
		u.fields[4] = field('len', 1, 2, [1, 7]);
		expect(findTilingProblems([u], 0, 5).join('\n')).toContain(
			'has length 2 but its bits span 1 bytes'
		);
	});

	it('reports a bit offset outside 0–7', () => {
		const u = unit(0, 2, [field('x', 0, 2, [8, 8])]);
		expect(findTilingProblems([u], 0, 2).join('\n')).toContain('has bitOffset 8');
	});

	it('reports fields listed out of order', () => {
		const u = SOUND();
		[u.fields[0], u.fields[1]] = [u.fields[1], u.fields[0]];
		expect(findTilingProblems([u], 0, 5).join('\n')).toContain('field fin is listed after rsv');
	});

	it('reports a gap or an overlap between units, and units that stop short of the end', () => {
		const a = unit(0, 2, [field('a', 0, 2)]);
		const b = unit(3, 2, [field('b', 3, 2)]);
		expect(findTilingProblems([a, b], 0, 5).join('\n')).toContain('gap before t unit at byte 3');
		const c = unit(1, 4, [field('c', 1, 4)]);
		expect(findTilingProblems([a, c], 0, 5).join('\n')).toContain('t unit at byte 1 overlaps');
		expect(findTilingProblems([a], 0, 5).join('\n')).toContain(
			'bits 16–39 at the end are uncovered'
		);
	});

	it('lets child units tile the bytes a header leaves, and checks inside them', () => {
		const inner = unit(2, 3, [field('payload', 2, 3)]);
		const outer = unit(0, 5, [field('header', 0, 2)], [inner]);
		expect(findTilingProblems([outer], 0, 5)).toEqual([]);
		inner.fields[0] = field('payload', 2, 2);
		expect(findTilingProblems([outer], 0, 5).join('\n')).toContain(
			'→ t at byte 2: bits 32–39 at the end are uncovered'
		);
	});

	it('checks that a field’s children tile that field', () => {
		const options = field('options', 0, 4);
		options.children = [field('kind', 0, 1), field('len', 1, 1), field('value', 2, 2)];
		expect(findTilingProblems([unit(0, 4, [options])], 0, 4)).toEqual([]);
		options.children[2] = field('value', 2, 1);
		expect(findTilingProblems([unit(0, 4, [options])], 0, 4).join('\n')).toContain(
			'field options: bits 24–31 at the end are uncovered'
		);
	});
});
