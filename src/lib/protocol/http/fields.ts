/**
 * Reading header fields by name (RFC 9110 §5): every line of a field, the one line a field that
 * may appear only once must have, and the elements of comma-separated lists (§5.6.1).
 */

import type { HttpHeader } from './message';

/** Every header line named `name`, matched case-insensitively (RFC 9110 §5.1), in order. */
export function headersNamed(
	message: { readonly headers: readonly HttpHeader[] },
	name: string
): HttpHeader[] {
	const lower = name.toLowerCase();
	return message.headers.filter((h) => h.name.toLowerCase() === lower);
}

/**
 * The values of several lines of one field as the single comma list a recipient may combine
 * them into (RFC 9110 §5.3).
 */
export function joinValues(headers: readonly HttpHeader[]): string {
	return headers.map((h) => h.value).join(', ');
}

/** One element of a comma-separated list, trimmed, with the line it came from. */
export interface ListItem {
	value: string;
	line: number;
}

/**
 * The elements of the comma lists in `headers` (RFC 9110 §5.6.1), trimmed of OWS, empty ones
 * included so a caller can flag them. Commas inside quoted strings are not special-cased: the
 * fields read this way (Connection, Upgrade, protocol names) hold tokens only.
 */
export function listItems(headers: readonly HttpHeader[]): ListItem[] {
	const out: ListItem[] = [];
	for (const h of headers) {
		for (const part of h.value.split(',')) {
			out.push({ value: part.replace(/^[ \t]+|[ \t]+$/g, ''), line: h.line });
		}
	}
	return out;
}

/**
 * True when the comma lists in `headers` hold `token`, compared ASCII case-insensitively as
 * Connection options and Upgrade protocols are (RFC 9110 §7.6.1, §7.8).
 */
export function hasToken(headers: readonly HttpHeader[], token: string): boolean {
	const lower = token.toLowerCase();
	return listItems(headers).some((item) => item.value.toLowerCase() === lower);
}

/** What to make of a field that must appear exactly once, in each of the three cases. */
export interface ExactlyOneCases<R> {
	/** No line has the name. */
	missing(): R;
	/** Two or more lines have it; `headers` holds them all, in order. */
	repeated(headers: HttpHeader[]): R;
	/** Exactly one line has it. */
	one(header: HttpHeader): R;
}

/**
 * Looks up a field that may appear only once and hands the outcome to the matching case: none,
 * several (a recipient cannot tell which one counts, RFC 9110 §5.3), or the one line.
 */
export function exactlyOne<R>(
	message: { readonly headers: readonly HttpHeader[] },
	name: string,
	cases: ExactlyOneCases<R>
): R {
	const found = headersNamed(message, name);
	if (found.length === 0) return cases.missing();
	if (found.length > 1) return cases.repeated(found);
	return cases.one(found[0]!);
}
