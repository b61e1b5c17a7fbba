/**
 * The Packet Decoder's state in the page address: `?hex=<the input as typed>&link=<link type>`.
 * Links into the decoder (the handshake stepper's "Open in the packet decoder") write the bytes as
 * lower-case hex with no spaces; the page itself keeps whatever was typed (a tcpdump or Wireshark
 * dump included), so a reload shows the same text. The schema lives here once.
 */
import { readChoice, type AddressCodec } from '$lib/address/codec';
import type { LinkType } from '$lib/protocol/packet';

/** A link type, or `auto` to let the decoder guess from the first byte. */
export type LinkChoice = 'auto' | LinkType;

export const LINK_CHOICES: readonly LinkChoice[] = [
	'auto',
	'ethernet',
	'linux-sll',
	'linux-sll2',
	'null',
	'raw'
];

/** What the decoder needs: the input as typed and how its bytes start. */
export interface PacketSettings {
	input: string;
	link: LinkChoice;
}

/** Longest input kept in the address; a bigger one would make an unwieldy link. */
export const MAX_LINK_INPUT = 16_000;

/** True when `settings` fit in a link (the input is at most MAX_LINK_INPUT characters). */
export function fitsInLink(settings: Pick<PacketSettings, 'input'>): boolean {
	return settings.input.length <= MAX_LINK_INPUT;
}

/**
 * An address without `hex` describes nothing (the page keeps its example); an unknown `link`
 * reads as `auto`. An input too long for a link is not written at all, so the address then
 * holds no parameters rather than a cut input.
 */
export const packetAddress: AddressCodec<PacketSettings> = {
	read(params) {
		const input = params.get('hex');
		if (input === null) return null;
		return { input, link: readChoice(params, 'link', LINK_CHOICES, 'auto') };
	},
	write(settings) {
		const params = new URLSearchParams();
		if (!fitsInLink(settings)) return params;
		params.set('hex', settings.input);
		params.set('link', settings.link);
		return params;
	}
};

/** The query that opens `hex` (lower-case, no spaces) in the decoder: `hex=…&link=raw`. */
export function packetQuery(hex: string, link: LinkChoice): string {
	return packetAddress.write({ input: hex, link }).toString();
}
