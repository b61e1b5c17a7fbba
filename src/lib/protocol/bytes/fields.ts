/**
 * The one shape every decoder returns: annotated fields that tile the bytes of a decoded unit
 * (a WebSocket frame, an IPv4 header, a TCP segment…), each with its value, the value in words,
 * and the rule behind it. Views draw byte grids, bit diagrams and field tables from this shape
 * alone, and map `category` to colours in one place.
 *
 * Positions are absolute: offsets count from the first byte of the input the decoder was given.
 * Bits are numbered as RFC diagrams number them: bit 0 is the most significant bit of a byte.
 */
import { groupDigits } from './text';

/**
 * What kind of thing a field is. Views colour fields by category, so two protocols' length
 * fields look alike; a decoder picks the closest category rather than inventing one.
 */
export const FIELD_CATEGORIES = [
	'flags',
	'reserved',
	'type',
	'mask',
	'length',
	'key',
	'address',
	'port',
	'sequence',
	'checksum',
	'options',
	'payload',
	'code',
	'text'
] as const;
export type FieldCategory = (typeof FIELD_CATEGORIES)[number];

/** The outcome of a rule a field's value is checked against (a checksum, a required value). */
export interface FieldVerdict {
	ok: boolean;
	/** What the value should have been, formatted like `display` (e.g. the correct checksum). */
	expected?: string;
}

/** One annotated field of a decoded unit. */
export interface Field<Key extends string = string> {
	/** Stable identifier within its unit, e.g. 'opcode'; packet decoders use Wireshark's names. */
	key: Key;
	/** The field's name as its specification writes it: 'FIN', 'Payload len', 'Masking-key'. */
	name: string;
	/** A shorter name for narrow diagram columns ('R1' for RSV1); `name` when absent. */
	abbr?: string;
	/** Absolute byte offset of the field's first bit. */
	offset: number;
	/** Bytes the field touches, counting partly used ones (a 1-bit flag has length 1). */
	length: number;
	/** First bit within the first byte, for fields that do not start on a byte; 0 when absent. */
	bitOffset?: number;
	/** Length in bits, for fields that are not whole bytes; `length * 8` when absent. */
	bitLength?: number;
	/** The raw value as read. */
	value: number | bigint | string;
	/** The value as a person reads it: '0x1', '1000 (0x03e8)', '5 bytes'. */
	display: string;
	/** The value in words, generated from the bytes. */
	meaning: string;
	/** Where the rule comes from: 'RFC 6455 §5.2', 'tcp(7)'. */
	source: string;
	category: FieldCategory;
	/** Set when the value is checked against a rule (checksums, required values). */
	verdict?: FieldVerdict;
	/** Sub-fields that tile this field (TCP options, extension parameters). */
	children?: Field[];
	/** The input ends inside this field; `length` and `bitLength` cover what is present. */
	partial?: boolean;
}

/** A decoded unit: a frame, a header, a packet. Its fields and child units tile its bytes. */
export interface DecodedUnit<F extends Field = Field> {
	/** Which decoder read it: 'websocket', 'ipv4', 'tcp'… */
	protocol: string;
	/** Absolute byte offset of the unit's first byte. */
	offset: number;
	/** Bytes of the unit present in the input. */
	length: number;
	fields: F[];
	/** Units carried inside this one (Ethernet → IPv4 → TCP → payload). */
	children?: DecodedUnit[];
}

/** The first bit of a field, counted from the start of the input. */
export function startBit(field: Pick<Field, 'offset' | 'bitOffset'>): number {
	return field.offset * 8 + (field.bitOffset ?? 0);
}

/** How many bits a field covers. */
export function bitCount(field: Pick<Field, 'length' | 'bitLength'>): number {
	return field.bitLength ?? field.length * 8;
}

/** True when a field does not start or end on a byte boundary (a flag, a 4-bit opcode). */
export function isBitField(field: Pick<Field, 'bitOffset' | 'bitLength'>): boolean {
	return (field.bitOffset ?? 0) !== 0 || (field.bitLength ?? 0) % 8 !== 0;
}

/** The fields that cover byte `index` (several for header bytes that pack flags). */
export function fieldsAt<F extends Field>(fields: readonly F[], index: number): F[] {
	return fields.filter((field) => index >= field.offset && index < field.offset + field.length);
}

/** "bit 4", "bits 4–7", "bytes 2–3": where a field sits, counted from `base`. */
export function describePosition(
	field: Pick<Field, 'offset' | 'length' | 'bitOffset' | 'bitLength'>,
	base = 0
): string {
	const at = (n: number) => groupDigits(n - base);
	if (isBitField(field)) {
		const first = field.bitOffset ?? 0;
		const last = first + bitCount(field) - 1;
		const bits = first === last ? `bit ${first}` : `bits ${first}–${last}`;
		return `byte ${at(field.offset)}, ${bits}`;
	}
	if (field.length === 1) return `byte ${at(field.offset)}`;
	return `bytes ${at(field.offset)}–${at(field.offset + field.length - 1)}`;
}
