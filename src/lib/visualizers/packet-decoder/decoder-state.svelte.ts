import {
	decodePacket,
	LINKTYPE_OF,
	type LinkTypeOption,
	type PacketDecoding
} from '$lib/protocol/packet';
import { readHex } from '$lib/protocol/bytes/hex';
import type { LinkChoice, PacketSettings } from './address';

export type { LinkChoice, PacketSettings } from './address';

/** A link type by name or pcap number, as the gallery gives it, as the select's choice. */
export function linkChoice(option: LinkTypeOption): LinkChoice {
	if (typeof option === 'string') return option;
	const named = (Object.keys(LINKTYPE_OF) as (keyof typeof LINKTYPE_OF)[]).find(
		(name) => LINKTYPE_OF[name] === option
	);
	return named ?? 'auto';
}

/**
 * The Packet Decoder's state: the text as typed, the link type, and everything derived from
 * them. The input is never rewritten, so nothing typed is lost, even when it does not parse.
 */
export class PacketDecoderState {
	input = $state('');
	link = $state<LinkChoice>('auto');

	constructor(settings: Partial<PacketSettings> = {}) {
		this.set(settings);
	}

	/** Replaces some or all settings at once (an example, a link). */
	set(settings: Partial<PacketSettings>) {
		if (settings.input !== undefined) this.input = settings.input;
		if (settings.link !== undefined) this.link = settings.link;
	}

	get settings(): PacketSettings {
		return { input: this.input, link: this.link };
	}

	/** The input read as bytes and its notation, or where it could not be read. */
	reading = $derived(readHex(this.input));

	/** The bytes read from the input; none while it does not parse. */
	bytes = $derived(this.reading.ok ? this.reading.bytes : new Uint8Array());

	/** The decoding, or null while there are no bytes to decode. */
	decoding = $derived.by((): PacketDecoding | null => {
		if (!this.reading.ok || this.reading.bytes.length === 0) return null;
		return decodePacket(this.reading.bytes, this.link === 'auto' ? {} : { linkType: this.link });
	});
}
