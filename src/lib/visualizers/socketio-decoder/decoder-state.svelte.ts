import { decodeText, type SocketIoTextDecoding } from '$lib/protocol/socketio';
import type { KindChoice } from '$lib/protocol/socketio';
import type { SocketIoSettings } from './address';
import { fromTyped } from './typed';

export type { SocketIoSettings } from './address';

/** The Socket.IO decoder's state: the text as typed, the mode, and the decoding. */
export class SocketIoDecoderState {
	text = $state('');
	kind = $state<KindChoice>('auto');

	constructor(settings: Partial<SocketIoSettings> = {}) {
		this.set(settings);
	}

	/** Replaces some or all settings at once (an example, a link). */
	set(settings: Partial<SocketIoSettings>) {
		if (settings.text !== undefined) this.text = settings.text;
		if (settings.kind !== undefined) this.kind = settings.kind;
	}

	get settings(): SocketIoSettings {
		return { text: this.text, kind: this.kind };
	}

	/** The text the decoder reads: ␞ and \x1e become the record separator. */
	packetText = $derived(fromTyped(this.text));

	decoding = $derived<SocketIoTextDecoding>(decodeText(this.packetText, this.kind));
}
