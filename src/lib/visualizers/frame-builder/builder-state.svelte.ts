import { buildFrames, type BuilderForm } from '$lib/protocol/websocket/builder';
import { decodeFrames } from '$lib/protocol/websocket';
import { parseHex, toHex } from '$lib/protocol/bytes/hex';

/** Four random bytes for a masking key (RFC 6455 §5.3: fresh and unpredictable per frame). */
export function randomKey(): Uint8Array {
	return crypto.getRandomValues(new Uint8Array(4));
}

/**
 * The Frame Builder's state: the form fields as typed, and the frames they make. Masking keys are
 * random by default (one per frame, drawn again on request) or a fixed key the reader types.
 */
export class FrameBuilderState {
	opcode = $state(0x1);
	fin = $state(true);
	rsv1 = $state(false);
	rsv2 = $state(false);
	rsv3 = $state(false);
	payloadKind = $state<BuilderForm['payloadKind']>('text');
	text = $state('Hello');
	hex = $state('de ad be ef');
	size = $state(300);
	closeCode = $state('1000');
	closeReason = $state('');
	mask = $state(true);
	keyMode = $state<'random' | 'fixed'>('random');
	fixedKey = $state('37 fa 21 3d');
	fragments = $state(1);
	compress = $state(false);
	/** Drawn keys; the page replaces them when the reader asks for new ones. */
	randomKeys = $state<Uint8Array[]>([]);

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
		this.randomKeys = Array.from({ length: Math.max(1, this.fragments) }, randomKey);
	}

	/** The form as URL parameters (random keys are not kept: a link draws new ones). */
	toParams(): URLSearchParams {
		const p = new URLSearchParams();
		p.set('op', this.opcode.toString(16));
		p.set('flags', [this.fin, this.rsv1, this.rsv2, this.rsv3].map(Number).join(''));
		p.set('kind', this.payloadKind);
		if (this.payloadKind === 'text') p.set('text', this.text);
		if (this.payloadKind === 'hex') p.set('hex', this.hex);
		if (this.payloadKind === 'size') p.set('size', String(this.size));
		if (this.payloadKind === 'close') {
			p.set('code', this.closeCode);
			p.set('reason', this.closeReason);
		}
		p.set(
			'mask',
			this.mask ? (this.keyMode === 'fixed' ? this.fixedKey.replace(/\s+/g, '') : 'random') : '0'
		);
		p.set('frags', String(this.fragments));
		if (this.compress) p.set('deflate', '1');
		return p;
	}

	/** Restores the form from URL parameters, ignoring what does not make sense. */
	fromParams(p: URLSearchParams) {
		const op = Number.parseInt(p.get('op') ?? '', 16);
		if (op >= 0 && op <= 15) this.opcode = op;
		const flags = p.get('flags');
		if (flags && /^[01]{4}$/.test(flags)) {
			[this.fin, this.rsv1, this.rsv2, this.rsv3] = [...flags].map((c) => c === '1');
		}
		const kind = p.get('kind');
		if (kind === 'text' || kind === 'hex' || kind === 'size' || kind === 'close')
			this.payloadKind = kind;
		this.text = p.get('text') ?? this.text;
		this.hex = p.get('hex') ?? this.hex;
		const size = Number(p.get('size'));
		if (p.has('size') && Number.isFinite(size)) this.size = size;
		this.closeCode = p.get('code') ?? this.closeCode;
		this.closeReason = p.get('reason') ?? this.closeReason;
		const mask = p.get('mask');
		if (mask === '0') this.mask = false;
		else if (mask === 'random') [this.mask, this.keyMode] = [true, 'random'];
		else if (mask) [this.mask, this.keyMode, this.fixedKey] = [true, 'fixed', toHex(safeHex(mask))];
		const frags = Number(p.get('frags'));
		if (Number.isInteger(frags) && frags >= 1) this.fragments = frags;
		this.compress = p.get('deflate') === '1';
	}
}

function safeHex(text: string): Uint8Array {
	try {
		return parseHex(text);
	} catch {
		return new Uint8Array();
	}
}
