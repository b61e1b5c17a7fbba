/**
 * How the browser's JavaScript is cut into files: Svelte's runtime, SvelteKit's client and the
 * bundler's helpers go into one `framework` file.
 *
 * Left alone, the bundler splits those by which pages share them, and every page loaded four or
 * five files for them, two of them under 200 bytes. Every page needs all of that code, so one
 * file loses nothing, and each file saved is a request a phone does not make (at most six run at
 * once over HTTP/1.1, each at least a round trip). The app's own modules keep the bundler's
 * automatic split: grouping them made light pages load heavy pages' code (tried: a shared group
 * of small modules added 5 to 18 KB of gzip to the lightest pages).
 */
import type { Plugin } from 'vite';

/** Modules every page needs: Svelte's runtime, SvelteKit's client, the bundler's own helpers. */
export function isFramework(id: string): boolean {
	return (
		/node_modules[\\/](svelte|@sveltejs[\\/]kit|esm-env|devalue|clsx)[\\/]/.test(id) ||
		/^\0?vite[\\/]preload-helper/.test(id)
	);
}

/**
 * The client build's `framework` group. It comes after SvelteKit's plugin in the list, which
 * marks its server build with `build.ssr`; the server's chunks are left as they are.
 */
export function clientChunks(): Plugin {
	return {
		name: 'socket-explorer:client-chunks',
		config(config) {
			if (config.build?.ssr) return;
			return {
				build: {
					rollupOptions: {
						output: {
							codeSplitting: { groups: [{ name: 'framework', test: isFramework }] }
						}
					}
				}
			};
		}
	};
}
