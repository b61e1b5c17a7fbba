import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { FIELD_CATEGORIES } from '$lib/protocol/bytes/fields';
import { parseHex } from '$lib/protocol/bytes/hex';
import { decodeFrames } from '$lib/protocol/websocket';
import { fieldId, hex2, toneClass } from './fields';

const css = readFileSync(new URL('./visualizers.css', import.meta.url), 'utf8');
const appCss = readFileSync(new URL('../../../app.css', import.meta.url), 'utf8');

/** The light and dark values of a custom property written as `--name: light-dark(#a, #b)`. */
function lightDark(source: string, name: string): [string, string] | null {
	const escaped = name.replace(/[-]/g, '\\-');
	const match = new RegExp(
		`${escaped}:\\s*light-dark\\((#[0-9a-f]{6}),\\s*(#[0-9a-f]{6})\\)`,
		'i'
	).exec(source);
	return match ? [match[1], match[2]] : null;
}

/** WCAG 2.x relative luminance and contrast ratio. */
function luminance(hex: string): number {
	const [r, g, b] = [1, 3, 5].map((i) => {
		const c = parseInt(hex.slice(i, i + 2), 16) / 255;
		return c <= 0.03928 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4;
	});
	return 0.2126 * r + 0.7152 * g + 0.0722 * b;
}
function contrast(a: string, b: string): number {
	const [hi, lo] = [luminance(a), luminance(b)].sort((x, y) => y - x);
	return (hi + 0.05) / (lo + 0.05);
}

describe('field colours', () => {
	it('define a tint and a strong colour, light and dark, for every field category', () => {
		for (const category of FIELD_CATEGORIES) {
			expect(lightDark(css, `--tone-${category}-bg`), category).not.toBeNull();
			expect(lightDark(css, `--tone-${category}`), category).not.toBeNull();
		}
	});

	it('define colours for field categories only, so there is one mapping', () => {
		// `--tone-bg` itself is the property each tone class sets, not a category's colour.
		const names = [...css.matchAll(/--tone-([a-z]+)(?:-bg)?:/g)]
			.filter((m) => m[0] !== '--tone-bg:')
			.map((m) => m[1]);
		expect(new Set(names)).toEqual(new Set(FIELD_CATEGORIES));
	});

	it('keep text readable on every tint (WCAG AA, 4.5:1) and borders visible (3:1)', () => {
		const text = lightDark(appCss, '--text')!;
		const surface = lightDark(appCss, '--surface')!;
		expect(text).not.toBeNull();
		for (const category of FIELD_CATEGORIES) {
			const tint = lightDark(css, `--tone-${category}-bg`)!;
			const strong = lightDark(css, `--tone-${category}`)!;
			for (const theme of [0, 1]) {
				expect(contrast(text[theme], tint[theme]), `${category} text`).toBeGreaterThanOrEqual(4.5);
				expect(contrast(strong[theme], tint[theme]), `${category} on tint`).toBeGreaterThanOrEqual(
					3
				);
				expect(
					contrast(strong[theme], surface[theme]),
					`${category} on surface`
				).toBeGreaterThanOrEqual(3);
			}
		}
	});

	it('are set, for every category, by a class that takes both colours of its pair', () => {
		for (const category of FIELD_CATEGORIES) {
			const rule = css.match(new RegExp(`\\.${toneClass(category)} \\{([^}]*)\\}`));
			expect(rule, category).not.toBeNull();
			const body = rule![1].replace(/\s+/g, ' ').trim();
			expect(body).toBe(`--tone: var(--tone-${category}); --tone-bg: var(--tone-${category}-bg);`);
		}
	});
});

describe('fieldId', () => {
	it('tells apart the fields that share a byte, and the same field of two frames', () => {
		// RFC 6455 §5.7: "Unmasked Ping request and masked Ping response" follow each other.
		const bytes = parseHex('89 05 48 65 6c 6c 6f 8a 85 37 fa 21 3d 7f 9f 4d 51 58');
		const { frames } = decodeFrames(bytes, { from: 'server' });
		const fields = frames.flatMap((frame) => frame.fields);
		const ids = fields.map(fieldId);
		expect(new Set(ids).size).toBe(ids.length);
		const fins = fields.filter((field) => field.key === 'fin').map(fieldId);
		expect(fins).toHaveLength(2);
		expect(fins[0]).not.toBe(fins[1]);
	});

	it('tells apart two pieces of one byte even when a decoder gives them the same key', () => {
		// E.g. a reserved nibble on each side of a flag: the first bit tells them apart.
		const high = fieldId({ key: 'reserved', offset: 6, bitOffset: 0 });
		const low = fieldId({ key: 'reserved', offset: 6, bitOffset: 4 });
		expect(high).not.toBe(low);
	});
});

describe('hex2', () => {
	it('writes a byte as two lower-case hex digits', () => {
		expect([0, 0x0a, 0x81, 0xff].map(hex2)).toEqual(['00', '0a', '81', 'ff']);
	});
});
