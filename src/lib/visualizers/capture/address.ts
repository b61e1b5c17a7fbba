/**
 * The Capture Explorer's state in the page address: which conversation is open (`tcp=N` or
 * `udp=N`, Wireshark's tcp.stream / udp.stream number) and which frame of it is chosen
 * (`frame=N`, 1-based in the conversation's time order). The capture's bytes are never in the
 * address: they can be large and private.
 */
import { readInteger, type AddressCodec } from '$lib/address/codec';

export interface ConversationChoice {
	kind: 'tcp' | 'udp';
	id: number;
}

export interface CaptureSelection {
	conversation: ConversationChoice | null;
	/** 1-based frame number, only with a TCP conversation. */
	frame: number | null;
}

/** Largest stream or frame number an address may name. */
export const MAX_NUMBER = 1e9;

export const EMPTY_SELECTION: CaptureSelection = { conversation: null, frame: null };

export const captureAddress: AddressCodec<CaptureSelection> = {
	read(params) {
		const kind = params.has('tcp') ? 'tcp' : params.has('udp') ? 'udp' : null;
		if (kind === null) return null;
		const id = readInteger(params, kind, 0, MAX_NUMBER, -1);
		if (id < 0) return null;
		const frame = kind === 'tcp' ? readInteger(params, 'frame', 1, MAX_NUMBER, 0) : 0;
		return { conversation: { kind, id }, frame: frame > 0 ? frame : null };
	},
	write(selection) {
		const params = new URLSearchParams();
		const c = selection.conversation;
		if (!c) return params;
		params.set(c.kind, String(c.id));
		if (c.kind === 'tcp' && selection.frame !== null) params.set('frame', String(selection.frame));
		return params;
	}
};
