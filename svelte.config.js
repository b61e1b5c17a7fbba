import adapter from '@sveltejs/adapter-static';
import { vitePreprocess } from '@sveltejs/vite-plugin-svelte';
import { mdsvex } from 'mdsvex';
import { lessonMarkdown } from './src/node/markdown.js';

/** BUILD_DIR lets a second build (e.g. the sub-path one the browser tests serve) sit beside build/. */
const outDir = process.env.BUILD_DIR ?? 'build';

/** Set BASE_PATH=/socket-explorer to build for a static host that serves the site from a sub-path. */
const base = (process.env.BASE_PATH ?? '').replace(/\/$/, '');

/** @type {import('@sveltejs/kit').Config} */
const config = {
	extensions: ['.svelte', '.md'],
	preprocess: [vitePreprocess(), mdsvex(lessonMarkdown({ base }))],
	vitePlugin: {
		// A visualizer's CSS travels with its code, and its server rendering writes the CSS of the
		// parts it rendered into the page's head. SvelteKit's own inlining (inlineStyleThreshold)
		// misses the CSS of components a lesson reaches only through its dynamic import, so those
		// showed unstyled until the scripts added their stylesheets (each one restyling the page),
		// while every lesson inlined the CSS of every other lesson's visualizers.
		dynamicCompileOptions({ filename }) {
			if (filename.includes('/src/lib/visualizers/') || filename.includes('/content/')) {
				return { css: 'injected' };
			}
		}
	},
	kit: {
		adapter: adapter({ pages: outDir, assets: outDir, fallback: '404.html', strict: true }),
		paths: { base, relative: true },
		// Inline the CSS still in files (app.css, the layout's, each page's own) into every page's
		// HTML, so that no page waits on a render-blocking stylesheet. Visualizers bring theirs in
		// their code (see vitePlugin above).
		inlineStyleThreshold: Infinity,
		prerender: {
			handleHttpError: 'fail',
			handleMissingId: 'fail',
			handleEntryGeneratorMismatch: 'fail'
		}
	}
};

export default config;
