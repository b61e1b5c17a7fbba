/**
 * Svelte's server renderer marks blocks with comments (`<!--[-->`, `<!--]-->`, `<!---->`,
 * `<!--[0-->`, `<!--[!-->`) that hydration walks. A prose lesson's HTML is inserted with
 * `{@html}`, whose own hydration looks for the first empty comment after its content: markers
 * left inside the lesson HTML end that search early, and the page logs `hydration_mismatch`.
 * So the markers go; every other comment, and all the content, stays.
 */
const HYDRATION_MARKER = /<!--(?:\[[!\d]*|\])?-->/g;

/** The rendered body of a prose lesson, without Svelte's hydration markers. */
export function proseHtml(renderedBody: string): string {
	return renderedBody.replace(HYDRATION_MARKER, '');
}
