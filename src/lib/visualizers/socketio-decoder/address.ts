/**
 * The Socket.IO decoder's state in the page address: `?text=<the text as typed>&kind=<mode>`.
 * The schema lives here once.
 */
import { readChoice, type AddressCodec } from '$lib/address/codec';
import { KIND_CHOICES, type KindChoice } from '$lib/protocol/socketio';

/** What the decoder needs: the text as typed (\x1e for 0x1E) and how to read it. */
export interface SocketIoSettings {
	text: string;
	kind: KindChoice;
}

/** Longest text kept in the address; a bigger one would make an unwieldy link. */
export const MAX_LINK_TEXT = 8_000;

/** True when the text fits in a link. */
export const fitsInLink = (settings: Pick<SocketIoSettings, 'text'>) =>
	settings.text.length <= MAX_LINK_TEXT;

/** An address without `text` describes nothing; an unknown `kind` reads as `auto`. */
export const socketIoAddress: AddressCodec<SocketIoSettings> = {
	read(params) {
		const text = params.get('text');
		if (text === null) return null;
		return { text, kind: readChoice(params, 'kind', KIND_CHOICES, 'auto') };
	},
	write(settings) {
		const params = new URLSearchParams();
		if (!fitsInLink(settings)) return params;
		params.set('text', settings.text);
		params.set('kind', settings.kind);
		return params;
	}
};
