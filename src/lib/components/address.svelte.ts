import { onMount } from 'svelte';
import { replaceState } from '$app/navigation';
import { page } from '$app/state';
import type { AddressCodec } from '$lib/address/codec';

/** Where a tool's state lives: how to read it and how to replace it. */
export interface AddressTarget<S> {
	get(): S;
	set(state: S): void;
}

/**
 * Keeps a tool's state in the page address, so the address always reproduces what is shown and
 * can be shared. On mount, the state a link describes (if any) replaces the starting state;
 * from then on every change is written back, debounced while the user types. Returns whether
 * the address has been read, and whether it described a state. Call during component
 * initialisation.
 */
export function syncAddress<S>(codec: AddressCodec<S>, target: AddressTarget<S>, delay = 250) {
	let ready = $state(false);
	let fromLink = $state(false);
	onMount(() => {
		// Read once, on mount: the parameters are not state.
		// eslint-disable-next-line svelte/prefer-svelte-reactivity
		const linked = codec.read(new URLSearchParams(location.search));
		if (linked !== null) {
			target.set(linked);
			fromLink = true;
		}
		ready = true;
	});
	$effect(() => {
		if (!ready) return;
		const next = codec.write(target.get());
		const timer = setTimeout(() => {
			// A throwaway copy of the current address (base path included), never read reactively.
			// eslint-disable-next-line svelte/prefer-svelte-reactivity
			const url = new URL(page.url);
			url.search = next.toString();
			replaceState(url, {});
		}, delay);
		return () => clearTimeout(timer);
	});
	return {
		/** The address has been read (after mount). */
		get ready() {
			return ready;
		},
		/** The address described a state, which replaced the starting one. */
		get fromLink() {
			return fromLink;
		}
	};
}
