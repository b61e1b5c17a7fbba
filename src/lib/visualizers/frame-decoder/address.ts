/**
 * The Frame Decoder's state in the page address: `hex` (the input as typed), `from`, `deflate`
 * and `nct`. The decoder page keeps its state with it, and every link that opens the decoder
 * (the Frame Builder's "Open in the Frame Decoder") is written with it, so the schema lives here
 * once.
 */
import { readChoice, readFlag, type AddressCodec } from '$lib/address/codec';
import type { Sender } from '$lib/protocol/websocket';

/** What the decoder needs to know: the input as typed and how to read it. */
export interface DecoderSettings {
	input: string;
	from: Sender;
	permessageDeflate: boolean;
	/** Only meaningful with permessage-deflate; a link keeps it only then. */
	noContextTakeover: boolean;
}

/** Longest input kept in the address; a bigger one would make an unwieldy link. */
export const MAX_LINK_INPUT = 16_000;

const SENDERS: readonly Sender[] = ['client', 'server'];

/** True when `settings` fit in a link (the input is at most MAX_LINK_INPUT characters). */
export function fitsInLink(settings: Pick<DecoderSettings, 'input'>): boolean {
	return settings.input.length <= MAX_LINK_INPUT;
}

/**
 * `?hex=81+05+48…&from=server&deflate=1&nct=1`. An address without `hex` describes nothing (the
 * page keeps its example); an unknown `from` reads as client. An input too long for a link is
 * not written at all, so the address then holds no parameters rather than a cut input.
 */
export const decoderAddress: AddressCodec<DecoderSettings> = {
	read(params) {
		const input = params.get('hex');
		if (input === null) return null;
		const permessageDeflate = readFlag(params, 'deflate');
		return {
			input,
			from: readChoice(params, 'from', SENDERS, 'client'),
			permessageDeflate,
			noContextTakeover: permessageDeflate && readFlag(params, 'nct')
		};
	},
	write(settings) {
		const params = new URLSearchParams();
		if (!fitsInLink(settings)) return params;
		params.set('hex', settings.input);
		params.set('from', settings.from);
		if (settings.permessageDeflate) {
			params.set('deflate', '1');
			if (settings.noContextTakeover) params.set('nct', '1');
		}
		return params;
	}
};
