import { buildFrames, type BuilderForm } from '$lib/protocol/websocket/builder';
import { decodeFrames, OPCODE_CLOSE } from '$lib/protocol/websocket';
import { parseHex } from '$lib/protocol/bytes/hex';
import { randomMaskingKey } from '../shared/random';
import { DEFAULT_BUILDER, DEFAULT_PAYLOADS, type BuilderSettings } from './address';

/** The payload kinds a data or non-Close control frame can be given in. */
type DataKind = Exclude<BuilderForm['payloadKind'], 'close'>;

/**
 * The Frame Builder's state: the form fields as typed, and the frames they make. Masking keys are
 * random by default (one per frame, drawn again on request) or a fixed key the reader types.
 * Every payload field keeps its text while another kind is shown, so switching back loses nothing.
 */
export class FrameBuilderState {
	opcode = $state(DEFAULT_BUILDER.opcode);
	fin = $state(DEFAULT_BUILDER.fin);
	rsv1 = $state(DEFAULT_BUILDER.rsv1);
	rsv2 = $state(DEFAULT_BUILDER.rsv2);
	rsv3 = $state(DEFAULT_BUILDER.rsv3);
	/** The payload kind chosen for frames other than Close. */
	dataKind = $state<DataKind>('text');
	text = $state<string>(DEFAULT_PAYLOADS.text);
	hex = $state<string>(DEFAULT_PAYLOADS.hex);
	size = $state<number>(DEFAULT_PAYLOADS.size);
	closeCode = $state<string>(DEFAULT_PAYLOADS.code);
	closeReason = $state<string>(DEFAULT_PAYLOADS.reason);
	mask = $state(true);
	keyMode = $state<'random' | 'fixed'>('random');
	fixedKey = $state('37 fa 21 3d');
	fragments = $state(DEFAULT_BUILDER.fragments);
	compress = $state(DEFAULT_BUILDER.compress);
	/** Drawn keys; the page replaces them when the reader asks for new ones. */
	randomKeys = $state<Uint8Array[]>([]);

	/**
	 * The payload the form shows: a Close frame's status code and reason for opcode 0x8, else the
	 * kind chosen. Derived, so changing the opcode never has to rewrite another field.
	 */
	get payloadKind(): BuilderForm['payloadKind'] {
		return this.opcode === OPCODE_CLOSE ? 'close' : this.dataKind;
	}
	set payloadKind(kind: BuilderForm['payloadKind']) {
		if (kind !== 'close') this.dataKind = kind;
	}

	/** The form as a link reproduces it. */
	get settings(): BuilderSettings {
		const kind = this.payloadKind;
		return {
			opcode: this.opcode,
			fin: this.fin,
			rsv1: this.rsv1,
			rsv2: this.rsv2,
			rsv3: this.rsv3,
			payload:
				kind === 'close'
					? { kind, code: this.closeCode, reason: this.closeReason }
					: kind === 'hex'
						? { kind, hex: this.hex }
						: kind === 'size'
							? { kind, size: this.size }
							: { kind, text: this.text },
			mask: !this.mask
				? { kind: 'none' }
				: this.keyMode === 'random'
					? { kind: 'random' }
					: { kind: 'fixed', key: this.fixedKey },
			fragments: this.fragments,
			compress: this.compress
		};
	}

	/** Replaces the form with `settings` (a link); payload fields of other kinds are kept. */
	set(settings: BuilderSettings) {
		this.opcode = settings.opcode;
		this.fin = settings.fin;
		this.rsv1 = settings.rsv1;
		this.rsv2 = settings.rsv2;
		this.rsv3 = settings.rsv3;
		const { payload, mask } = settings;
		if (payload.kind === 'close') {
			this.closeCode = payload.code;
			this.closeReason = payload.reason;
		} else {
			this.dataKind = payload.kind;
			if (payload.kind === 'text') this.text = payload.text;
			if (payload.kind === 'hex') this.hex = payload.hex;
			if (payload.kind === 'size') this.size = payload.size;
		}
		this.mask = mask.kind !== 'none';
		if (mask.kind !== 'none') this.keyMode = mask.kind;
		if (mask.kind === 'fixed') this.fixedKey = mask.key;
		this.fragments = settings.fragments;
		this.compress = settings.compress;
	}

	/** The fixed key as bytes, or null when it is not 4 bytes of hex. */
	fixedKeyBytes = $derived.by(() => {
		try {
			const bytes = parseHex(this.fixedKey);
			return bytes.length === 4 ? bytes : null;
		} catch {
			return null;
		}
	});

	outcome = $derived(
		buildFrames({
			opcode: this.opcode,
			fin: this.fin,
			rsv1: this.rsv1,
			rsv2: this.rsv2,
			rsv3: this.rsv3,
			payloadKind: this.payloadKind,
			text: this.text,
			hex: this.hex,
			size: this.size,
			closeCode: this.closeCode,
			closeReason: this.closeReason,
			mask: this.mask,
			maskingKeys:
				this.keyMode === 'fixed'
					? this.fixedKeyBytes
						? [this.fixedKeyBytes]
						: []
					: this.randomKeys.length
						? this.randomKeys
						: [new Uint8Array(4)],
			fragments: this.fragments,
			compress: this.compress
		})
	);

	/** The built bytes read back by the decoder, for the verdict. */
	decoded = $derived(
		this.outcome.ok
			? decodeFrames(this.outcome.bytes, {
					from: this.mask ? 'client' : 'server',
					permessageDeflate: this.compress
				})
			: null
	);

	/** Draws a fresh key for each frame. */
	redraw() {
		this.randomKeys = Array.from({ length: Math.max(1, this.fragments) }, randomMaskingKey);
	}
}
