import type { AddressCodec } from '$lib/address/codec';

/**
 * /learn?q=… — the search as typed. An empty search writes nothing, so the plain course page has
 * a clean address.
 */
export const searchAddress: AddressCodec<string> = {
	read(params) {
		return params.get('q');
	},
	write(query) {
		return new URLSearchParams(query.trim() ? { q: query } : {});
	}
};
