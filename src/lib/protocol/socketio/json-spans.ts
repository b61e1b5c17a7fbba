/**
 * Where the parts of a JSON text sit: the members of an object, the elements of an array. The
 * decoders use it to give each argument of an EVENT, each field of a handshake, its own range
 * of characters. Only called on text JSON.parse accepted, so it scans rather than validates.
 */

/** One element of an array or member of an object, as UTF-16 indices into the text. */
export interface JsonItem {
	/** First character of the element (of the member's key, for an object). */
	start: number;
	/** Where the next item starts, or where the closing bracket's whitespace starts. */
	end: number;
	/** The member's key, for an object. */
	key?: string;
	/** The value's text (without the key, for an object). */
	valueText: string;
}

/** An array or object split into its opening, its items and its closing. */
export interface JsonSpans {
	kind: 'array' | 'object';
	/** End of the opening bracket (and the whitespace before it and after it). */
	openEnd: number;
	items: JsonItem[];
	/** Start of the closing bracket (and the whitespace before it). */
	closeStart: number;
}

const isSpace = (c: string) => c === ' ' || c === '\t' || c === '\n' || c === '\r';

/** Index just after the JSON value that starts at `i` (no leading whitespace). */
function skipValue(text: string, i: number): number {
	let depth = 0;
	for (; i < text.length; i++) {
		const c = text[i];
		if (c === '"') {
			for (i++; i < text.length && text[i] !== '"'; i++) if (text[i] === '\\') i++;
			if (depth === 0) return i + 1;
		} else if (c === '[' || c === '{') depth++;
		else if (c === ']' || c === '}') {
			if (depth === 0) return i;
			depth--;
			if (depth === 0) return i + 1;
		} else if (depth === 0 && (c === ',' || isSpace(c))) return i;
	}
	return i;
}

function skipSpace(text: string, i: number, end = text.length): number {
	while (i < end && isSpace(text[i])) i++;
	return i;
}

/**
 * The items of the array or object that `text[from, to)` holds (valid JSON), or null when it
 * holds another kind of value.
 */
export function jsonSpans(text: string, from = 0, to = text.length): JsonSpans | null {
	let i = skipSpace(text, from, to);
	const open = text[i];
	if (open !== '[' && open !== '{') return null;
	const kind = open === '[' ? 'array' : 'object';
	let closeStart = to;
	while (closeStart > i && text[closeStart - 1] !== (kind === 'array' ? ']' : '}')) closeStart--;
	closeStart--;
	i = skipSpace(text, i + 1, closeStart);
	const openEnd = i;
	const items: JsonItem[] = [];
	while (i < closeStart) {
		const start = i;
		let key: string | undefined;
		let valueStart = i;
		if (kind === 'object') {
			const keyEnd = skipValue(text, i);
			key = JSON.parse(text.slice(i, keyEnd)) as string;
			valueStart = skipSpace(text, skipSpace(text, keyEnd) + 1);
		}
		const valueEnd = skipValue(text, valueStart);
		let next = skipSpace(text, valueEnd, closeStart);
		if (text[next] === ',') next = skipSpace(text, next + 1, closeStart);
		items.push({ start, end: next, key, valueText: text.slice(valueStart, valueEnd) });
		i = next;
	}
	// Whitespace before the closing bracket belongs to the last item, or to the opening.
	if (items.length > 0) items[items.length - 1].end = closeStart;
	return { kind, openEnd: items.length > 0 ? openEnd : closeStart, items, closeStart };
}
