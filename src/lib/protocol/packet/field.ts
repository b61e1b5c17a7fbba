/**
 * What every layer decoder of the packet decoder shares: safe big-endian reads that never run
 * past the input, a builder for `Field`s, and `clipField`, which cuts a field laid out as if the
 * whole header were present down to the bytes that are. Decoders lay out a header in full and let
 * the clipping mark what a truncated capture lacks, so truncation is handled in one place.
 */
import type { DecodedUnit, Field, FieldCategory, FieldVerdict } from '../bytes/fields';
import { partialMeaning } from './text';

/** Byte `at`, or 0 past the end. */
export function u8(bytes: Uint8Array, at: number): number {
	return at >= 0 && at < bytes.length ? bytes[at] : 0;
}

/** Big-endian 16 bits at `at`; missing bytes read as 0. */
export function u16(bytes: Uint8Array, at: number): number {
	return (u8(bytes, at) << 8) | u8(bytes, at + 1);
}

/** Big-endian 32 bits at `at`, unsigned; missing bytes read as 0. */
export function u32(bytes: Uint8Array, at: number): number {
	return u16(bytes, at) * 0x10000 + u16(bytes, at + 2);
}

/** Bytes [start, end) clamped to the input. */
export function slice(bytes: Uint8Array, start: number, end: number): Uint8Array {
	const from = Math.max(0, Math.min(start, bytes.length));
	return bytes.subarray(from, Math.max(from, Math.min(end, bytes.length)));
}

/** Bytes as Wireshark shows a byte string: "02:04:ff:d7". */
export function colonHex(bytes: Uint8Array): string {
	let out = '';
	for (let i = 0; i < bytes.length; i++) {
		if (i > 0) out += ':';
		out += bytes[i].toString(16).padStart(2, '0');
	}
	return out;
}

/** "0x0800", padded to `digits` hex digits. */
export function hexNumber(value: number, digits: number): string {
	return `0x${value.toString(16).padStart(digits, '0')}`;
}

/** What a decoder states about one field; `length` defaults to the bytes the bits span. */
export interface FieldSpec {
	key: string;
	name: string;
	abbr?: string;
	offset: number;
	/** Whole bytes, for fields that are not bit fields. */
	length?: number;
	bitOffset?: number;
	bitLength?: number;
	value: number | bigint | string;
	display?: string;
	meaning: string;
	source: string;
	category: FieldCategory;
	verdict?: FieldVerdict;
	children?: Field[];
}

/** A field from its spec: byte length derived from the bits, display defaulting to the value. */
export function field(spec: FieldSpec): Field {
	const bitOffset = spec.bitOffset ?? 0;
	const made: Field = {
		key: spec.key,
		name: spec.name,
		offset: spec.offset,
		length:
			spec.bitLength !== undefined
				? Math.ceil((bitOffset + spec.bitLength) / 8)
				: Math.max(0, spec.length ?? 1),
		value: spec.value,
		display: spec.display ?? String(spec.value),
		meaning: spec.meaning,
		source: spec.source,
		category: spec.category
	};
	if (spec.abbr !== undefined) made.abbr = spec.abbr;
	if (spec.bitLength !== undefined) {
		made.bitOffset = bitOffset;
		made.bitLength = spec.bitLength;
	}
	if (spec.verdict) made.verdict = spec.verdict;
	if (spec.children?.length) made.children = spec.children;
	return made;
}

/**
 * The part of `f` that lies before byte `limit`: the field itself when it ends in time, nothing
 * when it starts at or after `limit`, otherwise a `partial` field holding the bytes present (its
 * value becomes their hex, and its children are cut the same way).
 */
export function clipField(bytes: Uint8Array, f: Field, limit: number): Field | undefined {
	const start = f.offset * 8 + (f.bitOffset ?? 0);
	const bits = f.bitLength ?? f.length * 8;
	const stop = limit * 8;
	if (bits <= 0 || start >= stop) return undefined;
	if (start + bits <= stop) return f;
	const present = stop - start;
	const bitField = f.bitLength !== undefined;
	const cut: Field = {
		...f,
		length: Math.ceil(((f.bitOffset ?? 0) + present) / 8),
		partial: true
	};
	const hex = colonHex(slice(bytes, f.offset, limit));
	cut.value = hex;
	cut.display = hex || '—';
	cut.meaning = partialMeaning(limit - f.offset, Math.ceil(bits / 8), f.meaning);
	if (bitField) cut.bitLength = present;
	delete cut.verdict;
	const children = (f.children ?? [])
		.map((child) => clipField(bytes, child, limit))
		.filter((child): child is Field => child !== undefined);
	if (children.length) cut.children = children;
	else delete cut.children;
	return cut;
}

/** A decoded unit whose fields are clipped to `limit` and which covers [offset, end). */
export function unit(
	bytes: Uint8Array,
	protocol: string,
	offset: number,
	end: number,
	fields: Field[],
	children?: DecodedUnit[]
): DecodedUnit {
	const stop = Math.min(end, bytes.length);
	const made: DecodedUnit = {
		protocol,
		offset,
		length: Math.max(0, stop - offset),
		fields: fields.map((f) => clipField(bytes, f, stop)).filter((f): f is Field => f !== undefined)
	};
	if (children?.length) made.children = children;
	return made;
}
