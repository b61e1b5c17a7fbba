import { decodeFrames, type DecodeResult, type Sender } from '$lib/protocol/websocket';
import { HexParseError, parseHexDetailed, HEX_FORMAT_LABELS } from '$lib/protocol/bytes/hex';

/** What the decoder needs to know, as it is kept in a page's address. */
export interface DecoderSettings {
	input: string;
	from: Sender;
	permessageDeflate: boolean;
	noContextTakeover: boolean;
}

/** The input could not be read as bytes: where and why. */
export interface InputProblem {
	message: string;
	index: number;
	line: number;
	column: number;
}

/** Reads decoder settings from URL parameters (`hex`, `from`, `deflate`, `nct`). */
export function settingsFromParams(
	params: URLSearchParams,
	fallback: DecoderSettings
): DecoderSettings {
	const from = params.get('from');
	return {
		input: params.get('hex') ?? fallback.input,
		from: from === 'client' || from === 'server' ? from : fallback.from,
		permessageDeflate: params.has('deflate')
			? params.get('deflate') === '1'
			: fallback.permessageDeflate,
		noContextTakeover: params.has('nct') ? params.get('nct') === '1' : fallback.noContextTakeover
	};
}

/** Writes decoder settings as URL parameters; the input is kept as the user typed it. */
export function settingsToParams(settings: DecoderSettings): URLSearchParams {
	const params = new URLSearchParams();
	params.set('hex', settings.input);
	params.set('from', settings.from);
	if (settings.permessageDeflate) params.set('deflate', '1');
	if (settings.permessageDeflate && settings.noContextTakeover) params.set('nct', '1');
	return params;
}

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

	/** The input read as bytes, or where it could not be read. */
	parsed = $derived.by(
		(): { bytes: Uint8Array; format: string; problem?: undefined } | { problem: InputProblem } => {
			try {
				const { bytes, format } = parseHexDetailed(this.input);
				return { bytes, format: HEX_FORMAT_LABELS[format] };
			} catch (error) {
				if (!(error instanceof HexParseError)) throw error;
				return {
					problem: {
						message: error.message,
						index: error.index,
						line: error.line,
						column: error.column
					}
				};
			}
		}
	);

	/** The decoded frames and messages, or null while the input is not bytes. */
	result = $derived.by((): DecodeResult | null => {
		if (this.parsed.problem) return null;
		return decodeFrames(this.parsed.bytes, {
			from: this.from,
			permessageDeflate: this.permessageDeflate
				? { noContextTakeover: this.noContextTakeover }
				: false
		});
	});
}
