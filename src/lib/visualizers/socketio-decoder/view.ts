/**
 * What the Socket.IO decoder's view draws, worked out from a decoding: the text in coloured
 * pieces (one per field, so a field's characters can be highlighted), and one card per packet.
 */
import type { DecodedUnit, Field, FieldCategory } from '$lib/protocol/bytes/fields';
import { charSpan, type SocketIoTextDecoding } from '$lib/protocol/socketio';
import { fieldId } from '../shared/fields';

/** Fields without children, in order: what the byte grid and the text colour. */
export function leaves(fields: readonly Field[]): Field[] {
	return fields.flatMap((field) => (field.children?.length ? leaves(field.children) : [field]));
}

/** Every unit and the units inside it, in order. */
export function allUnits(units: readonly DecodedUnit[]): DecodedUnit[] {
	return units.flatMap((unit) => [unit, ...allUnits(unit.children ?? [])]);
}

/** A run of the text that one field covers. */
export interface TextPiece {
	text: string;
	/** The field's id (`fieldId`), for highlighting; '' for text no field covers. */
	id: string;
	name: string;
	category: FieldCategory | null;
}

/** Control characters written as \xNN (0x1E as \x1e), so every character shows in any font. */
export function visible(text: string): string {
	let out = '';
	for (const c of text) {
		const code = c.charCodeAt(0);
		out += code < 0x20 || code === 0x7f ? `\\x${code.toString(16).padStart(2, '0')}` : c;
	}
	return out;
}

/** The decoding's text cut into one piece per leaf field. */
export function textPieces(decoding: SocketIoTextDecoding): TextPiece[] {
	const encoded = decoding.encoded;
	if (!encoded) return [];
	const fields = allUnits(decoding.units)
		.flatMap((unit) => leaves(unit.fields))
		.sort((a, b) => a.offset - b.offset);
	const pieces: TextPiece[] = [];
	let at = 0;
	for (const field of fields) {
		const { start, end } = charSpan(encoded, field.offset, field.length);
		if (start > at)
			pieces.push({ text: encoded.text.slice(at, start), id: '', name: '', category: null });
		if (end > start) {
			pieces.push({
				text: encoded.text.slice(start, end),
				id: fieldId(field),
				name: field.name,
				category: field.category
			});
		}
		at = Math.max(at, end);
	}
	if (at < encoded.text.length)
		pieces.push({ text: encoded.text.slice(at), id: '', name: '', category: null });
	return pieces;
}

/** One card of the view: an Engine.IO packet, or the Socket.IO packet inside one. */
export interface Card {
	key: string;
	kind: 'engine.io' | 'socket.io';
	/** The packet's index in a payload; null for a single packet. */
	index: number | null;
	unit: DecodedUnit;
	summary: string;
}

/** The cards of a decoding, each Socket.IO packet right after the Engine.IO packet holding it. */
export function cardsOf(decoding: SocketIoTextDecoding): Card[] {
	const cards: Card[] = [];
	const payload = decoding.kind === 'engine.io-payload';
	decoding.units.forEach((unit, i) => {
		if (decoding.kind === 'socket.io-packet') {
			cards.push({ key: `${i}`, kind: 'socket.io', index: null, unit, summary: decoding.summary });
			return;
		}
		const packet = payload ? decoding.packets[i] : decoding.packet;
		const summary = payload ? (decoding.summaries[i] ?? '') : decoding.summary;
		cards.push({ key: `${i}`, kind: 'engine.io', index: payload ? i : null, unit, summary });
		(unit.children ?? []).forEach((child, c) =>
			cards.push({
				key: `${i}-${c}`,
				kind: 'socket.io',
				index: payload ? i : null,
				unit: child,
				summary: packet?.socketIo?.summary ?? ''
			})
		);
	});
	return cards;
}

/** The key of the innermost card holding byte `offset` (the last card for the end of input). */
export function cardAt(cards: readonly Card[], offset: number): string {
	const holding = cards.filter(
		(c) => offset >= c.unit.offset && offset < c.unit.offset + c.unit.length
	);
	return (holding.at(-1) ?? cards.at(-1))?.key ?? '';
}
