import type { AddressCodec } from '$lib/address/codec';

/** What /tools/handshake keeps in the address: both messages, exactly as typed. */
export interface HandshakeAddress {
	request: string;
	response: string;
}

/**
 * /tools/handshake?request=…&response=… — both messages always written, even when empty, so a
 * link reproduces the boxes exactly (an emptied box stays empty instead of showing an example).
 */
export const handshakeAddress: AddressCodec<HandshakeAddress> = {
	read(params) {
		if (!params.has('request') && !params.has('response')) return null;
		return { request: params.get('request') ?? '', response: params.get('response') ?? '' };
	},
	write(state) {
		return new URLSearchParams({ request: state.request, response: state.response });
	}
};

/** What /tools/accept keeps in the address: the key as typed. */
export interface AcceptAddress {
	key: string;
}

/** /tools/accept?key=… — the key as typed, untrimmed, so a link shows the same steps. */
export const acceptAddress: AddressCodec<AcceptAddress> = {
	read(params) {
		const key = params.get('key');
		return key === null ? null : { key };
	},
	write(state) {
		return new URLSearchParams({ key: state.key });
	}
};
