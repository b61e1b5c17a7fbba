/**
 * The echo tool's state in the page address: the endpoint to connect to and the subprotocols to
 * offer, as `?endpoint=ws://…&protocols=chat, echo`. Empty values are left out, and an address
 * with neither reads as nothing for the tool, so the page picks its own default endpoint.
 */
import type { AddressCodec } from '$lib/address/codec';

/** What a link to the echo tool says. */
export interface EchoAddress {
	/** The WebSocket URL, as typed (it is checked when the user connects). */
	endpoint: string;
	/** Subprotocols to offer, comma-separated, as typed. */
	protocols: string;
}

export const echoAddress: AddressCodec<EchoAddress> = {
	read(params) {
		const endpoint = params.get('endpoint') ?? '';
		const protocols = params.get('protocols') ?? '';
		return endpoint || protocols ? { endpoint, protocols } : null;
	},
	write({ endpoint, protocols }) {
		const params = new URLSearchParams();
		if (endpoint) params.set('endpoint', endpoint);
		if (protocols) params.set('protocols', protocols);
		return params;
	}
};
