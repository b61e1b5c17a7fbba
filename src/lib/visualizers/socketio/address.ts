/**
 * The live Socket.IO client's state in the page address:
 * `?url=https://example.com/socket.io/&transports=polling&upgrade=0`. Defaults are left out
 * (both transports, upgrade on), and an address with none of the three reads as nothing for the
 * tool, so the page picks its own default server.
 */
import { readChoice, readFlag, type AddressCodec } from '$lib/address/codec';

export const TRANSPORT_CHOICES = ['both', 'polling', 'websocket'] as const;
export type TransportChoice = (typeof TRANSPORT_CHOICES)[number];

export interface SocketIoAddress {
	/** The server's address as typed (checked on connect). */
	url: string;
	transports: TransportChoice;
	/** Whether a polling connection may upgrade to WebSocket. */
	upgrade: boolean;
}

export const socketIoAddress: AddressCodec<SocketIoAddress> = {
	read(params) {
		if (!params.has('url') && !params.has('transports') && !params.has('upgrade')) return null;
		return {
			url: params.get('url') ?? '',
			transports: readChoice(params, 'transports', TRANSPORT_CHOICES, 'both'),
			upgrade: readFlag(params, 'upgrade', true)
		};
	},
	write({ url, transports, upgrade }) {
		const params = new URLSearchParams();
		if (url) params.set('url', url);
		if (transports !== 'both') params.set('transports', transports);
		if (!upgrade) params.set('upgrade', '0');
		return params;
	}
};
