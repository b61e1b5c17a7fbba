import { replaceState } from '$app/navigation';
import { page } from '$app/state';

/**
 * Keeps a tool's state in the page address, so the address always reproduces what is shown and
 * can be shared. `params` returns the parameters to write, or null while the page is still
 * reading its state from the address (before mount). Writes are debounced while the user types.
 * Call during component initialisation.
 */
export function keepInAddress(params: () => URLSearchParams | null, delay = 250) {
	$effect(() => {
		const next = params();
		if (!next) return;
		const timer = setTimeout(() => {
			const url = new URL(page.url);
			url.search = next.toString();
			replaceState(url, {});
		}, delay);
		return () => clearTimeout(timer);
	});
}
