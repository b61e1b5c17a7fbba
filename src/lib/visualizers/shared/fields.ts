/**
 * What the shared views (byte grid, field table, bit diagram) need beyond the core `Field`: a
 * stable id to link a field's bytes, bits and table row, and its colours. Fields keep their
 * absolute offsets; a view showing part of the input is told where that part starts.
 */
import { startBit, type Field, type FieldCategory } from '$lib/protocol/bytes/fields';

/**
 * A field's id within the views of one input: its first bit and key. Fields tile their bytes,
 * so no two share a first bit, even across the frames of a stream; a child field shares its
 * parent's first bit but not its key.
 */
export function fieldId(field: Pick<Field, 'offset' | 'bitOffset' | 'key'>): string {
	return `${startBit(field)}:${field.key}`;
}

/**
 * The class that colours an element as a field of `category`: it sets `--tone` (borders,
 * swatches) and `--tone-bg` (tints behind text) from the category's pair in visualizers.css.
 * A class rather than an inline style keeps a large decoding's markup small and its styles
 * shared.
 */
export function toneClass(category: FieldCategory): string {
	return `tone-${category}`;
}

/** Two-digit lower-case hex for one byte. */
export const hex2 = (byte: number) => byte.toString(16).padStart(2, '0');
