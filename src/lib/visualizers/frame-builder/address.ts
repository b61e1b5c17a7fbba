/**
 * The Frame Builder's form in the page address:
 * `?op=1&flags=1000&kind=text&text=Hello&mask=37fa213d&frags=1&deflate=1`. Only the payload the
 * form uses is written, and a random masking key is written as `random` (a link draws new keys).
 */
import { readChoice, readFlag, readInteger, type AddressCodec } from '$lib/address/codec';
import { OPCODE_CLOSE, OPCODE_TEXT } from '$lib/protocol/websocket';
import { MAX_BUILDER_PAYLOAD, MAX_FRAGMENTS } from '$lib/protocol/websocket/builder';

/** The payload as the form gives it; a Close frame (opcode 0x8) always has a code and reason. */
export type BuilderPayload =
	| { kind: 'text'; text: string }
	| { kind: 'hex'; hex: string }
	| { kind: 'size'; size: number }
	| { kind: 'close'; code: string; reason: string };

/** How frames are masked: not at all (a server), with fresh keys, or with one typed key. */
export type BuilderMask =
	| { kind: 'none' }
	| { kind: 'random' }
	/** `key`: 4 bytes as spaced hex, "37 fa 21 3d". */
	| { kind: 'fixed'; key: string };

/** What a link to the builder reproduces. */
export interface BuilderSettings {
	opcode: number;
	fin: boolean;
	rsv1: boolean;
	rsv2: boolean;
	rsv3: boolean;
	payload: BuilderPayload;
	mask: BuilderMask;
	fragments: number;
	compress: boolean;
}

/** The form as the page first shows it: a masked text frame saying Hello. */
export const DEFAULT_BUILDER: BuilderSettings = {
	opcode: OPCODE_TEXT,
	fin: true,
	rsv1: false,
	rsv2: false,
	rsv3: false,
	payload: { kind: 'text', text: 'Hello' },
	mask: { kind: 'random' },
	fragments: 1,
	compress: false
};

/** What the payload fields hold before the reader types anything, per kind. */
export const DEFAULT_PAYLOADS = {
	text: 'Hello',
	hex: 'de ad be ef',
	size: 300,
	code: '1000',
	reason: ''
} as const;

const KINDS = ['text', 'hex', 'size', 'close'] as const;

/** Every parameter the builder writes. */
const PARAMS = [
	'op',
	'flags',
	'kind',
	'text',
	'hex',
	'size',
	'code',
	'reason',
	'mask',
	'frags',
	'deflate'
];

/** A key as a link writes it ("37fa213d"), as the form shows it ("37 fa 21 3d"); '' when it
 * is not pairs of hex digits. */
function readKey(text: string): string {
	if (!/^(?:[0-9a-f]{2})*$/i.test(text)) return '';
	return (text.toLowerCase().match(/../g) ?? []).join(' ');
}

function readPayload(params: URLSearchParams, opcode: number): BuilderPayload {
	// The payload kind follows the opcode: a Close frame carries a code and reason, nothing else
	// does (RFC 6455 §5.5.1), so a link that says otherwise is read the way the form shows it.
	if (opcode === OPCODE_CLOSE) {
		return {
			kind: 'close',
			code: params.get('code') ?? DEFAULT_PAYLOADS.code,
			reason: params.get('reason') ?? DEFAULT_PAYLOADS.reason
		};
	}
	const kind = readChoice(params, 'kind', KINDS, 'text');
	if (kind === 'hex') return { kind, hex: params.get('hex') ?? DEFAULT_PAYLOADS.hex };
	if (kind === 'size') {
		return {
			kind,
			size: readInteger(params, 'size', 0, MAX_BUILDER_PAYLOAD, DEFAULT_PAYLOADS.size)
		};
	}
	return { kind: 'text', text: params.get('text') ?? DEFAULT_PAYLOADS.text };
}

function readMask(params: URLSearchParams): BuilderMask {
	const mask = params.get('mask');
	if (mask === null) return DEFAULT_BUILDER.mask;
	if (mask === '0') return { kind: 'none' };
	if (mask === 'random') return { kind: 'random' };
	return { kind: 'fixed', key: readKey(mask) };
}

/**
 * Reads and writes the builder's form. An address with none of its parameters describes
 * nothing; a parameter that does not parse takes its value from DEFAULT_BUILDER.
 */
export const builderAddress: AddressCodec<BuilderSettings> = {
	read(params) {
		if (!PARAMS.some((name) => params.has(name))) return null;
		const op = params.get('op') ?? '';
		const opcode = /^[0-9a-f]$/i.test(op) ? Number.parseInt(op, 16) : DEFAULT_BUILDER.opcode;
		const flags = params.get('flags') ?? '';
		const [fin, rsv1, rsv2, rsv3] = /^[01]{4}$/.test(flags)
			? [...flags].map((bit) => bit === '1')
			: [DEFAULT_BUILDER.fin, DEFAULT_BUILDER.rsv1, DEFAULT_BUILDER.rsv2, DEFAULT_BUILDER.rsv3];
		return {
			opcode,
			fin,
			rsv1,
			rsv2,
			rsv3,
			payload: readPayload(params, opcode),
			mask: readMask(params),
			fragments: readInteger(params, 'frags', 1, MAX_FRAGMENTS, DEFAULT_BUILDER.fragments),
			compress: readFlag(params, 'deflate')
		};
	},
	write(settings) {
		const params = new URLSearchParams();
		params.set('op', settings.opcode.toString(16));
		const { fin, rsv1, rsv2, rsv3 } = settings;
		params.set('flags', [fin, rsv1, rsv2, rsv3].map(Number).join(''));
		const { payload, mask } = settings;
		params.set('kind', payload.kind);
		if (payload.kind === 'text') params.set('text', payload.text);
		if (payload.kind === 'hex') params.set('hex', payload.hex);
		if (payload.kind === 'size') params.set('size', String(payload.size));
		if (payload.kind === 'close') {
			params.set('code', payload.code);
			params.set('reason', payload.reason);
		}
		params.set(
			'mask',
			mask.kind === 'none' ? '0' : mask.kind === 'random' ? 'random' : mask.key.replace(/\s+/g, '')
		);
		params.set('frags', String(settings.fragments));
		if (settings.compress) params.set('deflate', '1');
		return params;
	}
};
