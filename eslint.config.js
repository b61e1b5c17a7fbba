// ESLint flat config: the recommended rules of ESLint, typescript-eslint and eslint-plugin-svelte,
// with Prettier owning formatting. `npm run lint` must report zero problems, warnings included.
import js from '@eslint/js';
import prettier from 'eslint-config-prettier';
import svelte from 'eslint-plugin-svelte';
import globals from 'globals';
import ts from 'typescript-eslint';
import svelteConfig from './svelte.config.js';

export default ts.config(
	{
		ignores: [
			'build/',
			'build-subpath/',
			'.svelte-kit/',
			'node_modules/',
			'playwright-report/',
			'test-results/',
			'screenshots/'
		]
	},
	js.configs.recommended,
	...ts.configs.recommended,
	...svelte.configs.recommended,
	prettier,
	...svelte.configs.prettier,
	{
		languageOptions: { globals: { ...globals.browser, ...globals.node } }
	},
	{
		files: ['**/*.svelte', '**/*.svelte.ts', '**/*.svelte.js'],
		languageOptions: {
			parserOptions: {
				projectService: true,
				extraFileExtensions: ['.svelte'],
				parser: ts.parser,
				svelteConfig
			}
		}
	},
	{
		rules: {
			// An unused parameter named _ is a deliberate placeholder (e.g. in {#each} callbacks).
			// Every link goes through resolve() and then gets the trailing slash adapter-static's
			// folders need, which this rule cannot follow; the browser tests run the whole site under
			// a sub-path (static-host) and fail on any link that misses the base path. The address
			// helper replaces the current URL, base path included.
			'svelte/no-navigation-without-resolve': [
				'error',
				{ ignoreLinks: true, ignoreReplaceState: true }
			],
			'@typescript-eslint/no-unused-vars': [
				'error',
				{ argsIgnorePattern: '^_', varsIgnorePattern: '^_', caughtErrors: 'none' }
			]
		}
	},
	{
		// What the site runs: no locale formatting. The first toLocaleString or Intl call in a page
		// loads locale data for 50 ms or more on the main thread; groupDigits writes en-US numbers.
		files: ['src/lib/**', 'src/routes/**'],
		ignores: ['**/*.test.ts'],
		rules: {
			'no-restricted-syntax': [
				'error',
				{
					selector: "CallExpression[callee.property.name='toLocaleString']",
					message:
						'Use groupDigits (src/lib/protocol/bytes/text.ts): toLocaleString loads locale data.'
				},
				{
					selector: "MemberExpression[object.name='Intl']",
					message: 'Use groupDigits (src/lib/protocol/bytes/text.ts): Intl loads locale data.'
				}
			]
		}
	}
);
