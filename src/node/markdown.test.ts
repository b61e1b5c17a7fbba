import { compile } from 'mdsvex';
import { describe, expect, it } from 'vitest';
import { EARLY_SOURCE_CHARS, lessonMarkdown } from './markdown.js';

const SCRIPT = `<script>\n\timport Deferred from '$lib/visualizers/shared/Deferred.svelte';\n</script>\n\n`;

async function compiled(markdown: string): Promise<string> {
	const result = await compile(markdown, lessonMarkdown({ base: '' }));
	return result?.code ?? '';
}

describe('lessonMarkdown: deferred parts near the top', () => {
	it('marks a part within the first characters of the body as early, and one further down not', async () => {
		const paragraph = 'Words of a lesson. '.repeat(10) + '\n\n';
		const before = paragraph.repeat(Math.ceil(EARLY_SOURCE_CHARS / paragraph.length));
		const code = await compiled(
			`${SCRIPT}${paragraph}<Deferred><p>first</p></Deferred>\n\n${before}<Deferred class="wide"><p>second</p></Deferred>\n`
		);
		expect(code).toContain('<Deferred early><p>first</p></Deferred>');
		expect(code).toContain('<Deferred class="wide"><p>second</p></Deferred>');
	});

	it('counts from the end of the script, not from the start of the file', async () => {
		const longScript = `<script>\n${'\t// a comment of the script\n'.repeat(150)}\timport Deferred from '$lib/visualizers/shared/Deferred.svelte';\n</script>\n\n`;
		const code = await compiled(`${longScript}One line.\n\n<Deferred><p>part</p></Deferred>\n`);
		expect(code).toContain('<Deferred early><p>part</p></Deferred>');
	});
});
