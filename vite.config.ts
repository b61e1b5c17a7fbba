import { sveltekit } from '@sveltejs/kit/vite';
import { readdirSync, readFileSync } from 'node:fs';
import type { Plugin } from 'vite';
import { defineConfig } from 'vitest/config';
import { buildLessonIndex } from './src/lib/content/lessons.ts';
import { echoServerPlugin } from './src/echo/vite-plugin.ts';
import { clientChunks } from './src/node/client-chunks.ts';

/** Checks every lesson in content/ before anything is built, so a bad file fails the build by name. */
function checkLessons(): Plugin {
	const check = () => {
		const dir = new URL('./content/', import.meta.url);
		const files = readdirSync(dir).filter((file) => file.endsWith('.md'));
		buildLessonIndex(
			files.map((file) => ({ file, source: readFileSync(new URL(file, dir), 'utf8') }))
		);
	};
	return { name: 'socket-explorer:check-lessons', buildStart: check };
}

export default defineConfig({
	plugins: [checkLessons(), echoServerPlugin(), sveltekit(), clientChunks()],
	server: { host: '127.0.0.1', port: 5173 },
	preview: { host: '127.0.0.1', port: 4173 },
	test: {
		include: ['src/**/*.test.ts'],
		environment: 'node',
		// Property tests run thousands of cases; on a loaded 2-core machine 5 s is not enough. This
		// only guards against hangs: no test asserts on time.
		testTimeout: 60_000,
		// A test that asserts nothing passes whatever the code does: make it fail instead.
		expect: { requireAssertions: true }
	}
});
