/**
 * The fields of a frame header as RFC 6455 §5.2 draws them: each key's name, its short form for
 * narrow diagram columns, and the category views colour it by.
 */
import type { FieldCategory } from '../bytes/fields';
import { displayNumber } from './explain';
import type { FieldKey, FrameField } from './frame-types';

/** Name, abbreviation and category of every frame field. */
export const FRAME_FIELDS: Readonly<
	Record<FieldKey, { name: string; abbr?: string; category: FieldCategory }>
> = {
	fin: { name: 'FIN', category: 'flags' },
	rsv1: { name: 'RSV1', abbr: 'R1', category: 'reserved' },
	rsv2: { name: 'RSV2', abbr: 'R2', category: 'reserved' },
	rsv3: { name: 'RSV3', abbr: 'R3', category: 'reserved' },
	opcode: { name: 'Opcode', abbr: 'opcode', category: 'type' },
	mask: { name: 'MASK', abbr: 'M', category: 'mask' },
	payloadLength: { name: 'Payload len', category: 'length' },
	extendedPayloadLength: { name: 'Extended payload length', category: 'length' },
	maskingKey: { name: 'Masking-key', category: 'key' },
	payload: { name: 'Payload data', category: 'payload' },
	closeCode: { name: 'Status code', category: 'code' },
	closeReason: { name: 'Close reason', category: 'text' }
};

/** What the decoder knows about a field when it reads it. */
export interface FieldSpec {
	key: FieldKey;
	offset: number;
	bitOffset: number;
	bitLength: number;
	value: number | string;
	/** How to show the value; a number's digits or the text itself when absent. */
	display?: string;
	meaning: string;
	source: string;
	partial?: boolean;
}

/**
 * A complete frame field: the spec plus its name, byte span, display and category. Built as one
 * literal of a fixed shape (no spreads), since the decoder makes several per frame.
 */
export function frameField(spec: FieldSpec): FrameField {
	const { name, abbr, category } = FRAME_FIELDS[spec.key];
	const { value } = spec;
	const field: FrameField = {
		key: spec.key,
		name,
		offset: spec.offset,
		length: Math.ceil((spec.bitOffset + spec.bitLength) / 8),
		bitOffset: spec.bitOffset,
		bitLength: spec.bitLength,
		value,
		display: spec.display ?? (typeof value === 'number' ? displayNumber(value) : value),
		meaning: spec.meaning,
		source: spec.source,
		category
	};
	if (abbr !== undefined) field.abbr = abbr;
	if (spec.partial) field.partial = true;
	return field;
}
