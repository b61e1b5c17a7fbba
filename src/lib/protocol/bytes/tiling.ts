/**
 * The layout rule every decoder keeps (the "no leftover bytes" rule of The Illustrated TLS
 * Connection): units follow each other with no gap, and inside a unit the fields and child
 * units cover its bits exactly once, in order, with nothing outside it. A field's children
 * tile the field the same way.
 */
import { bitCount, startBit, type DecodedUnit, type Field } from './fields';

interface Piece {
	name: string;
	start: number;
	end: number;
}

/** Problems with a run of pieces that must cover the bits [start, end) in order. */
function checkRun(pieces: Piece[], start: number, end: number, where: string): string[] {
	const problems: string[] = [];
	let bit = start;
	for (const piece of pieces) {
		if (piece.end <= piece.start) {
			problems.push(
				`${where}: ${piece.name} is empty or negative (bits ${piece.start}–${piece.end})`
			);
		}
		if (piece.start > bit) {
			problems.push(`${where}: gap before ${piece.name}, bits ${bit}–${piece.start - 1} uncovered`);
		} else if (piece.start < bit) {
			problems.push(
				`${where}: ${piece.name} overlaps what comes before it (starts at bit ${piece.start}, expected ${bit})`
			);
		}
		if (piece.start < start || piece.end > end) {
			problems.push(
				`${where}: ${piece.name} (bits ${piece.start}–${piece.end - 1}) lies outside bits ${start}–${end - 1}`
			);
		}
		bit = Math.max(bit, piece.end);
	}
	if (bit < end) problems.push(`${where}: bits ${bit}–${end - 1} at the end are uncovered`);
	return problems;
}

function fieldProblems(field: Field, where: string): string[] {
	const problems: string[] = [];
	const name = `${where} field ${field.key}`;
	const bitOffset = field.bitOffset ?? 0;
	if (!Number.isInteger(bitOffset) || bitOffset < 0 || bitOffset > 7) {
		problems.push(`${name} has bitOffset ${bitOffset}`);
	}
	const spanned = Math.ceil((bitOffset + bitCount(field)) / 8);
	if (field.length !== spanned) {
		problems.push(`${name} has length ${field.length} but its bits span ${spanned} bytes`);
	}
	if (field.children?.length) {
		const start = startBit(field);
		problems.push(...checkRun(field.children.map(piece), start, start + bitCount(field), name));
		for (const child of field.children) problems.push(...fieldProblems(child, name));
	}
	return problems;
}

function piece(field: Field): Piece {
	const start = startBit(field);
	return { name: `field ${field.key}`, start, end: start + bitCount(field) };
}

function unitProblems(unit: DecodedUnit, where: string): string[] {
	const problems: string[] = [];
	const pieces: Piece[] = [
		...unit.fields.map(piece),
		...(unit.children ?? []).map((child) => ({
			name: `${child.protocol} unit at byte ${child.offset}`,
			start: child.offset * 8,
			end: (child.offset + child.length) * 8
		}))
	].sort((a, b) => a.start - b.start);
	// Fields must be listed in order: a view walks them as they come.
	unit.fields.forEach((field, i) => {
		const previous = unit.fields[i - 1];
		if (previous && startBit(field) < startBit(previous)) {
			problems.push(
				`${where}: field ${field.key} is listed after ${previous.key} but starts before it`
			);
		}
	});
	problems.push(...checkRun(pieces, unit.offset * 8, (unit.offset + unit.length) * 8, where));
	for (const field of unit.fields) problems.push(...fieldProblems(field, where));
	for (const child of unit.children ?? []) {
		problems.push(...unitProblems(child, `${where} → ${child.protocol} at byte ${child.offset}`));
	}
	return problems;
}

/**
 * Lists every way `units` break the layout rule for the byte range [start, end): they must
 * follow each other from `start` to `end`, and each must be tiled by its fields and children.
 * An empty list means the layout is sound.
 */
export function findTilingProblems(
	units: readonly DecodedUnit[],
	start: number,
	end: number
): string[] {
	const problems = checkRun(
		units.map((unit) => ({
			name: `${unit.protocol} unit at byte ${unit.offset}`,
			start: unit.offset * 8,
			end: (unit.offset + unit.length) * 8
		})),
		start * 8,
		end * 8,
		'input'
	);
	units.forEach((unit, i) => {
		problems.push(...unitProblems(unit, `${unit.protocol} unit ${i} (byte ${unit.offset})`));
	});
	return problems;
}
