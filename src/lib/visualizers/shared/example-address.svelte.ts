import type { AddressCodec } from '$lib/address/codec';
import { syncAddress, type AddressTarget } from '$lib/components/address.svelte';
import { galleryGroups, type GalleryExample } from './gallery';

/** A tool page's gallery of examples and the state they load into. */
export interface ExampleGalleryOptions<S, E extends GalleryExample> {
	/** The tool's state as the address keeps it. */
	codec: AddressCodec<S>;
	/** Reads and replaces the tool's state. */
	target: AddressTarget<S>;
	/** The gallery's groups, in order, and its examples. */
	groups: readonly { id: string; title: string }[];
	examples: readonly E[];
	/** The example the page starts with. */
	start: E;
	/** The state an example loads into the tool. */
	settingsOf: (example: E) => S;
}

/**
 * A tool page with a gallery of examples, kept in the address: the page starts on `start`; a
 * shared link replaces it (no example is then the current one), and from then on the address
 * follows every edit (see syncAddress). Choosing an example loads it. Call during component
 * initialisation; the returned `groups`, `current` and `choose` go to the Gallery.
 */
export function exampleGallery<S, E extends GalleryExample>(options: ExampleGalleryOptions<S, E>) {
	const { codec, target, examples, start, settingsOf } = options;
	let current = $state<string | null>(start.id);
	syncAddress(codec, {
		get: target.get,
		set: (state) => {
			target.set(state);
			current = null;
		}
	});
	return {
		groups: galleryGroups(options.groups, examples),
		/** The id of the example shown, or null when a link replaced the starting one. */
		get current() {
			return current;
		},
		/** The example shown, if one is. */
		get example(): E | undefined {
			return examples.find((e) => e.id === current);
		},
		/** Loads the example `id`. */
		choose(id: string) {
			const example = examples.find((e) => e.id === id);
			if (!example) return;
			current = id;
			target.set(settingsOf(example));
		}
	};
}
