/**
 * What the shared byte grid and field table need to know about a decoded field. Every decoder
 * (WebSocket frames today, TCP headers later) maps its own fields onto this shape.
 */
export interface AnnotatedField {
	/** Unique within one grid, e.g. 'opcode'. */
	id: string;
	name: string;
	/** First byte, relative to the bytes the grid shows. */
	offset: number;
	/** First bit within that byte, 0 = most significant, as RFC diagrams number them. */
	bitOffset: number;
	bitLength: number;
	/** Colour family: one of TONES. */
	tone: Tone;
	/** Raw value as the decoder read it, already formatted. */
	value: string;
	/** What the value means, in words generated from the bytes. */
	meaning: string;
	/** Where the rule comes from, e.g. 'RFC 6455 §5.2'. */
	rfc: string;
}

/** Colour families, each a pair of CSS variables in visualizers.css. */
export const TONES = [
	'flags',
	'rsv',
	'opcode',
	'mask',
	'length',
	'key',
	'payload',
	'code',
	'reason'
] as const;
export type Tone = (typeof TONES)[number];

/** The byte range [start, end) a field covers. */
export function byteSpan(field: Pick<AnnotatedField, 'offset' | 'bitOffset' | 'bitLength'>) {
	const start = field.offset;
	const end = field.offset + Math.ceil((field.bitOffset + field.bitLength) / 8);
	return { start, end };
}

/** The fields that cover byte `index` (several for header bytes that pack flags). */
export function fieldsAt<F extends AnnotatedField>(fields: readonly F[], index: number): F[] {
	return fields.filter((field) => {
		const { start, end } = byteSpan(field);
		return index >= start && index < end;
	});
}

/** "bit 4", "bits 4–7", "bytes 2–3" or "bytes 14–1,048,589": where a field sits, for people. */
export function describePosition(
	field: Pick<AnnotatedField, 'offset' | 'bitOffset' | 'bitLength'>,
	base = 0
) {
	const { start, end } = byteSpan(field);
	if (field.bitLength % 8 !== 0 || field.bitOffset !== 0) {
		const first = field.bitOffset;
		const last = field.bitOffset + field.bitLength - 1;
		const bits = first === last ? `bit ${first}` : `bits ${first}–${last}`;
		return `byte ${(start + base).toLocaleString('en')}, ${bits}`;
	}
	if (end - start === 1) return `byte ${(start + base).toLocaleString('en')}`;
	return `bytes ${(start + base).toLocaleString('en')}–${(end - 1 + base).toLocaleString('en')}`;
}

/** Two-digit lower-case hex for one byte. */
export const hex2 = (byte: number) => byte.toString(16).padStart(2, '0');

/** Eight-character binary for one byte. */
export const bin8 = (byte: number) => byte.toString(2).padStart(8, '0');
