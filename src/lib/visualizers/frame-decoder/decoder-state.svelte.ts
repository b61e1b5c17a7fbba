import {
	decodeFrames,
	type DecodedFrame,
	type DecodeOptions,
	type DecodeResult,
	type Sender
} from '$lib/protocol/websocket';
import { FRAME_PAGE, readPastedHex } from '$lib/protocol/websocket/big-input';
import type { DecoderSettings } from './address';

export type { DecoderSettings } from './address';

/**
 * The Frame Decoder's state: the text as typed, the options, and everything derived from them.
 * The input is never rewritten, so nothing the user typed is lost, even when it does not parse.
 */
export class FrameDecoderState {
	input = $state('');
	from = $state<Sender>('client');
	permessageDeflate = $state(false);
	noContextTakeover = $state(false);

	constructor(settings: Partial<DecoderSettings> = {}) {
		this.set(settings);
	}

	/** Replaces some or all settings at once (an example, a link). */
	set(settings: Partial<DecoderSettings>) {
		if (settings.input !== undefined) this.input = settings.input;
		if (settings.from !== undefined) this.from = settings.from;
		if (settings.permessageDeflate !== undefined)
			this.permessageDeflate = settings.permessageDeflate;
		if (settings.noContextTakeover !== undefined)
			this.noContextTakeover = settings.noContextTakeover;
	}

	get settings(): DecoderSettings {
		return {
			input: this.input,
			from: this.from,
			permessageDeflate: this.permessageDeflate,
			noContextTakeover: this.noContextTakeover
		};
	}

	/** The input read as bytes and its notation, or where it could not be read. */
	reading = $derived(readPastedHex(this.input));

	/** The bytes read from the input; none while it does not parse. */
	bytes = $derived(this.reading.ok ? this.reading.bytes : new Uint8Array());

	/** How the bytes are decoded. */
	private options = $derived<DecodeOptions>({
		from: this.from,
		permessageDeflate: this.permessageDeflate
			? { noContextTakeover: this.noContextTakeover }
			: false
	});

	/**
	 * The decoded frames and messages, or null while the input is not bytes. Only the frames that
	 * can be on the first page have their fields: ten thousand frames' fields cost more to hold
	 * than the frames to read. `framesWithFields` gives any other page's.
	 */
	result = $derived.by((): DecodeResult | null => {
		if (!this.reading.ok) return null;
		return decodeFrames(this.reading.bytes, {
			...this.options,
			fieldsOf: { from: 0, to: FRAME_PAGE.maxItems }
		});
	});

	/** Frames `from` to `to` (excluded) of the decoding, with their fields. */
	framesWithFields(from: number, to: number): DecodedFrame[] {
		const frames = this.result?.frames ?? [];
		if (to <= FRAME_PAGE.maxItems || !this.reading.ok) return frames.slice(from, to);
		// Read again from the start: a frame's fields depend on the frames before it.
		return decodeFrames(this.reading.bytes, {
			...this.options,
			fieldsOf: { from, to }
		}).frames.slice(from, to);
	}
}
