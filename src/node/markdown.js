// @ts-check
/**
 * The lesson pipeline's build-time half: mdsvex options with shiki highlighting, heading anchors
 * and the "on this page" list. Runs inside svelte.config.js only (Node, at build time), so no
 * highlighter, grammar or regex engine ever reaches the browser.
 */
import { createHighlighter } from 'shiki';

/** Languages a lesson may use in a fenced code block; anything else fails the build. */
export const CODE_LANGUAGES = [
	'js',
	'ts',
	'html',
	'css',
	'http',
	'c',
	'shell',
	'json',
	'text',
	'svelte'
];

/** Aliases people write after the fence, mapped onto the languages above. */
const LANGUAGE_ALIASES = /** @type {Record<string, string>} */ ({
	javascript: 'js',
	typescript: 'ts',
	sh: 'shell',
	bash: 'shell',
	console: 'shell',
	txt: 'text',
	plaintext: 'text',
	'': 'text'
});

const THEMES = { light: 'github-light-default', dark: 'github-dark-default' };

/** @type {Promise<import('shiki').Highlighter> | undefined} */
let highlighter;

/** Turns heading text into the id of its anchor: lower case, words joined by dashes. */
export function slugify(/** @type {string} */ text) {
	return text
		.toLowerCase()
		.normalize('NFKD')
		.replace(/[\u0300-\u036f]/g, '')
		.replace(/[^a-z0-9\s-]/g, '')
		.trim()
		.replace(/[\s-]+/g, '-');
}

/**
 * Highlights one fenced block with shiki's dual themes: every token carries --shiki-light and
 * --shiki-dark, and the site's CSS picks one, so code follows the page's theme with no script.
 * @param {string} code
 * @param {string | undefined | null} lang
 * @param {string | undefined | null} _meta
 * @param {string} [filename]
 */
async function highlight(code, lang, _meta, filename) {
	const requested = (lang ?? '').toLowerCase();
	const language = LANGUAGE_ALIASES[requested] ?? requested;
	if (!CODE_LANGUAGES.includes(language)) {
		throw new Error(
			`${filename ?? 'a lesson'}: code block language "${lang}" is not one of ${CODE_LANGUAGES.join(', ')}`
		);
	}
	highlighter ??= createHighlighter({
		themes: Object.values(THEMES),
		langs: CODE_LANGUAGES.filter((l) => l !== 'text')
	});
	const html = (await highlighter).codeToHtml(code.replace(/\n$/, ''), {
		lang: language,
		themes: THEMES,
		defaultColor: false
	});
	// A labelled figure: the language shows as a caption, and the <pre> is focusable so keyboard
	// users can scroll long lines (shiki already adds tabindex="0").
	const labelled = html.replace('<pre ', `<pre data-language="${language}" `);
	return `{@html ${JSON.stringify(labelled)}}`;
}

/**
 * How far into a lesson's body, in source characters, a `<Deferred>` part counts as near the top:
 * within about the first screen of a wide window. Only such parts are rendered by the server (see
 * SERVER_BUDGET in deferred.ts); a part further down would be off screen at load anyway, and its
 * markup would only give a phone more to parse and lay out.
 */
export const EARLY_SOURCE_CHARS = 2500;

/**
 * Gives h2/h3 an id and a trailing anchor link, and records them in the lesson's metadata as
 * `headings` (the "on this page" list). Also prefixes site-absolute links with the base path so
 * lessons work when the site is served from a sub-path. Marks a `<Deferred>` part within
 * EARLY_SOURCE_CHARS of the body's start (after the lesson's script) as `early`.
 * @param {{ base: string }} options
 */
function rehypeLessonStructure({ base }) {
	/** @param {any} node */
	const textOf = (node) =>
		node.type === 'text' ? node.value : (node.children ?? []).map(textOf).join('');

	/** @param {any} tree @param {any} file */
	return (tree, file) => {
		/** @type {{ depth: number; id: string; text: string }[]} */
		const headings = [];
		const used = new Set();
		/** Where the body starts in the source: after the lesson's script, if it has one. */
		let bodyStart = 0;
		/** @param {any} node */
		const walk = (node) => {
			if (node.type === 'raw' && typeof node.value === 'string' && node.position) {
				if (node.value.startsWith('<script')) bodyStart = node.position.end.offset;
				else if (
					/^<Deferred[\s>]/.test(node.value) &&
					node.position.start.offset - bodyStart < EARLY_SOURCE_CHARS
				) {
					node.value = node.value.replace(/^<Deferred/, '<Deferred early');
				}
			}
			if (node.type === 'element') {
				if (node.tagName === 'h2' || node.tagName === 'h3') {
					const text = textOf(node).trim();
					let id = slugify(text) || 'section';
					for (let n = 2; used.has(id); n++) id = `${slugify(text)}-${n}`;
					used.add(id);
					node.properties = { ...node.properties, id };
					node.children.push({
						type: 'element',
						tagName: 'a',
						properties: { className: ['heading-anchor'], href: `#${id}` },
						children: [
							{
								type: 'element',
								tagName: 'span',
								properties: { className: ['visually-hidden'] },
								children: [{ type: 'text', value: `Link to “${text}”` }]
							},
							{
								type: 'element',
								tagName: 'span',
								properties: { ariaHidden: 'true' },
								children: [{ type: 'text', value: '#' }]
							}
						]
					});
					headings.push({ depth: Number(node.tagName[1]), id, text });
				}
				if (node.tagName === 'a' && typeof node.properties?.href === 'string') {
					const href = node.properties.href;
					if (href.startsWith('/') && !href.startsWith('//')) node.properties.href = base + href;
				}
			}
			for (const child of node.children ?? []) walk(child);
		};
		walk(tree);
		file.data.fm = { ...(file.data.fm ?? {}), headings };
	};
}

/**
 * mdsvex options for lessons.
 * @param {{ base: string }} options
 * @returns {import('mdsvex').MdsvexOptions}
 */
export function lessonMarkdown({ base }) {
	return {
		extensions: ['.md'],
		smartypants: { quotes: true, ellipses: true, backticks: false, dashes: 'oldschool' },
		highlight: { highlighter: highlight },
		rehypePlugins: [[rehypeLessonStructure, { base }]]
	};
}
