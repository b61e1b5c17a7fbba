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
	kit: {
		adapter: adapter({ pages: outDir, assets: outDir, fallback: '404.html', strict: true }),
		paths: { base, relative: true },
		// Inline every page's CSS into its HTML: a lesson with visualizers otherwise waits on eight
		// render-blocking stylesheets (about 30 KB), which costs mobile Lighthouse its speed index.
		inlineStyleThreshold: Infinity,
		prerender: {
			handleHttpError: 'fail',
			handleMissingId: 'fail',
			handleEntryGeneratorMismatch: 'fail'
		}
	}
};

export default config;
