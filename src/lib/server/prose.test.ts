import { render } from 'svelte/server';
import { describe, expect, it } from 'vitest';
import { lessonModule, lessons } from './lessons';
import { proseHtml } from './prose';

describe('proseHtml', () => {
	it('removes every kind of block marker and keeps other comments and the content', () => {
		const body =
			'<!--[--><p>a</p><!----><!--[0--><ul><!--[!--><li>b</li><!--]--></ul><!-- note -->';
		expect(proseHtml(body)).toBe('<p>a</p><ul><li>b</li></ul><!-- note -->');
	});

	it('leaves no Svelte marker in any prose lesson the site renders', () => {
		const prose = lessons.filter((lesson) => !lesson.interactive);
		expect(prose.length).toBeGreaterThan(0);
		for (const lesson of prose) {
			const html = proseHtml(render(lessonModule(lesson).default).body);
			expect(html, lesson.file).not.toMatch(/<!--(\[|\])?[!\d]*-->/);
			expect(html, lesson.file).toContain('<h2');
		}
	});
});
