/**
 * What the packet views work out from a decoding before drawing it: which fields the byte grid,
 * the bit diagram and the field tables show, which fields light up together, where each layer's
 * own bytes lie, and which layer a problem or checksum belongs to. Pure: tested beside it.
 */
import type { DecodedUnit, Field } from '$lib/protocol/bytes/fields';
import type { ChecksumCheck, PacketDecoding } from '$lib/protocol/packet';
import { fieldId } from '../shared/fields';

/** The fields with no sub-fields, in order: they tile the bytes as finely as the decoder read them. */
export function leaves(fields: readonly Field[]): Field[] {
	return fields.flatMap((field) => (field.children?.length ? leaves(field.children) : [field]));
}

/**
 * The fields a header diagram draws: small fields that pack bits (TCP flags, DS field, IPv4
 * flags, traffic class) are drawn bit by bit through their sub-fields, as the RFC figures draw
 * them; a header's options (TCP options, IPv6 extension headers) are drawn one box per option,
 * without their insides.
 */
export function diagramFields(fields: readonly Field[]): Field[] {
	return fields.flatMap((field) => {
		if (!field.children?.length) return [field];
		if (field.length <= 2) return diagramFields(field.children);
		return field.category === 'options' && field.key.endsWith('.options')
			? field.children
			: [field];
	});
}

/** The ids of every field of the tree with its ancestors' and descendants' ids. */
function family(
	fields: readonly Field[],
	ancestors: string[] = [],
	out = new Map<string, Set<string>>()
) {
	for (const field of fields) {
		const id = fieldId(field);
		const below = field.children ? allIds(field.children) : [];
		out.set(id, new Set([id, ...ancestors, ...below]));
		if (field.children) family(field.children, [...ancestors, id], out);
	}
	return out;
}

function allIds(fields: readonly Field[]): string[] {
	return fields.flatMap((f) => [fieldId(f), ...(f.children ? allIds(f.children) : [])]);
}

/**
 * The ids to highlight when `active` are: each with its ancestors and descendants, so a byte
 * lights up its flag and the flags field, and an option lights up its kind, length and value.
 */
export function relatives(fields: readonly Field[], active: readonly string[]): string[] {
	if (active.length === 0) return [];
	const tree = family(fields);
	const ids = new Set<string>();
	for (const id of active) for (const related of tree.get(id) ?? [id]) ids.add(related);
	return [...ids];
}

/** The bytes a unit's own fields cover (not its child units), as [start, end). */
export function ownSpan(unit: DecodedUnit): [number, number] {
	if (unit.fields.length === 0) return [unit.offset, unit.offset];
	const start = Math.min(...unit.fields.map((f) => f.offset));
	const end = Math.max(...unit.fields.map((f) => f.offset + f.length));
	return [start, end];
}

/** The bytes of a unit's header: its own fields except data it carries, at most `max` bytes. */
export function headerSpan(unit: DecodedUnit, max = 128): [number, number] {
	const header = unit.fields.filter((f) => f.category !== 'payload');
	if (header.length === 0) return [unit.offset, unit.offset];
	const start = Math.min(...header.map((f) => f.offset));
	const end = Math.max(...header.map((f) => f.offset + f.length));
	return [start, Math.min(end, start + max)];
}

/** The layers and the units inside them, depth first, each with its path of indices. */
export function allUnits(layers: readonly DecodedUnit[], path: number[] = []) {
	const out: { unit: DecodedUnit; path: number[] }[] = [];
	layers.forEach((unit, i) => {
		out.push({ unit, path: [...path, i] });
		if (unit.children) out.push(...allUnits(unit.children, [...path, i]));
	});
	return out;
}

/** The id suffix of a unit's section: "2" for the third layer, "3-1" for a quoted unit. */
export const unitKey = (path: readonly number[]) => path.join('-');

/**
 * The innermost unit whose own fields hold byte `offset` (the unit a problem points into), or
 * the innermost one that holds it at all; null past the end.
 */
export function unitAt(decoding: Pick<PacketDecoding, 'layers'>, offset: number, layer?: string) {
	const units = allUnits(decoding.layers);
	const holds = (u: DecodedUnit) => offset >= u.offset && offset < u.offset + Math.max(u.length, 1);
	const own = units.filter(({ unit }) => {
		const [s, e] = ownSpan(unit);
		return offset >= s && offset < e;
	});
	const preferred = own.filter(({ unit }) => unit.protocol === layer);
	const pick = preferred.at(-1) ?? own.at(-1) ?? units.filter(({ unit }) => holds(unit)).at(-1);
	return pick ?? null;
}

/** The checksums read in this unit's own fields. */
export function checksumsOf(
	unit: DecodedUnit,
	checksums: readonly ChecksumCheck[]
): ChecksumCheck[] {
	const [start, end] = ownSpan(unit);
	return checksums.filter((c) => c.layer === unit.protocol && c.offset >= start && c.offset < end);
}

/** Hex of one 16-bit checksum, as the decoder writes it: "0x4e31". */
export const hex16 = (value: number) => `0x${value.toString(16).padStart(4, '0')}`;
