/**
 * Extension negotiation in the handshake: the Sec-WebSocket-Extensions grammar (RFC 6455 §9.1)
 * and the parameter rules of permessage-deflate (RFC 7692 §7.1), as facts the checks judge and
 * the explanation module words.
 */

import type { HttpHeader } from '../http/message';
import { isTchar, isToken } from '../http/tokens';
import { handshakeText as text } from './handshake-text';

/** The one extension this tool knows the parameters of (RFC 7692 §7). */
export const DEFLATE = 'permessage-deflate';

/** One extension parameter; `value` is unquoted, absent when the parameter has no `=`. */
export interface ExtensionParam {
	name: string;
	value?: string;
}

/** One element of a Sec-WebSocket-Extensions list. */
export interface ExtensionItem {
	name: string;
	params: ExtensionParam[];
	line: number;
}

/** A character where the grammar wanted something else, or the end of the value. */
export interface FoundAt {
	char: string;
	/** 0-based index into the value. */
	index: number;
}

/** What breaks the Sec-WebSocket-Extensions grammar (RFC 6455 §9.1). */
export type ExtensionSyntaxProblem =
	| { code: 'expected-name'; found?: FoundAt }
	| { code: 'empty-element' }
	| { code: 'expected-param'; extension: string; found?: FoundAt }
	| { code: 'unclosed-quote'; param: string }
	| { code: 'quoted-not-token'; param: string; value: string }
	| { code: 'no-value'; param: string }
	| { code: 'unexpected'; extension: string; found: FoundAt };

// extension-param = token [ "=" ( token / quoted-string ) ]; a quoted value must unescape to a
// token (RFC 6455 §9.1).
/** Parses a Sec-WebSocket-Extensions list of `ext-name *( ";" param [ "=" value ] )`. */
export function parseExtensions(
	value: string,
	line = 1
): { items: ExtensionItem[]; errors: string[] } {
	const items: ExtensionItem[] = [];
	const errors: string[] = [];
	const problem = (p: ExtensionSyntaxProblem) => errors.push(text.extensions.syntax(p));
	const src = String(value);
	let pos = 0;
	const ows = () => {
		while (pos < src.length && (src[pos] === ' ' || src[pos] === '\t')) pos++;
	};
	const token = () => {
		const start = pos;
		while (pos < src.length && isTchar(src.charAt(pos))) pos++;
		return src.slice(start, pos);
	};
	const found = (): FoundAt | undefined =>
		pos < src.length ? { char: src.charAt(pos), index: pos } : undefined;
	// Skip to the next comma so one bad element does not hide the rest.
	const recover = () => {
		let quoted = false;
		while (pos < src.length) {
			const ch = src[pos];
			if (quoted && ch === '\\') pos++;
			else if (ch === '"') quoted = !quoted;
			else if (!quoted && ch === ',') return;
			pos++;
		}
	};

	while (pos <= src.length) {
		ows();
		const name = token();
		if (name === '') {
			if (pos < src.length && src[pos] !== ',') {
				problem({ code: 'expected-name', found: found() });
				recover();
			} else {
				problem({ code: 'empty-element' });
			}
		} else {
			const item: ExtensionItem = { name, params: [], line };
			items.push(item);
			ows();
			while (pos < src.length && src[pos] === ';') {
				pos++;
				ows();
				const param = token();
				if (param === '') {
					problem({ code: 'expected-param', extension: name, found: found() });
					recover();
					break;
				}
				ows();
				if (src[pos] !== '=') {
					item.params.push({ name: param });
					continue;
				}
				pos++;
				ows();
				let paramValue: string;
				if (src[pos] === '"') {
					pos++;
					paramValue = '';
					let closed = false;
					while (pos < src.length) {
						const ch = src.charAt(pos++);
						if (ch === '"') {
							closed = true;
							break;
						}
						paramValue += ch === '\\' && pos < src.length ? src.charAt(pos++) : ch;
					}
					if (!closed) {
						problem({ code: 'unclosed-quote', param });
						break;
					}
					if (!isToken(paramValue)) {
						// RFC 6455 §9.1: after unescaping, a quoted value MUST still be a token.
						problem({ code: 'quoted-not-token', param, value: paramValue });
					}
				} else {
					paramValue = token();
					if (paramValue === '') problem({ code: 'no-value', param });
				}
				item.params.push({ name: param, value: paramValue });
				ows();
			}
			if (pos < src.length && src[pos] !== ',') {
				problem({ code: 'unexpected', extension: name, found: found()! });
				recover();
			}
		}
		if (pos >= src.length) break;
		pos++; // the comma
	}
	return { items, errors };
}

/** Parses every Sec-WebSocket-Extensions line, keeping each item's and each error's line. */
export function parseExtensionHeaders(headers: readonly HttpHeader[]): {
	items: ExtensionItem[];
	errors: { message: string; line: number }[];
} {
	const items: ExtensionItem[] = [];
	const errors: { message: string; line: number }[] = [];
	for (const h of headers) {
		const parsed = parseExtensions(h.value, h.line);
		items.push(...parsed.items);
		for (const message of parsed.errors) errors.push({ message, line: h.line });
	}
	return { items, errors };
}

/** The parameters of permessage-deflate (RFC 7692 §7.1); names are matched exactly. */
const DEFLATE_PARAMS = [
	'server_no_context_takeover',
	'client_no_context_takeover',
	'server_max_window_bits',
	'client_max_window_bits'
] as const;

/** What is wrong with one permessage-deflate parameter in an offer or a response. */
export type DeflateProblem =
	| { code: 'twice'; param: string }
	| { code: 'takes-no-value'; param: string; value: string }
	/** `responseOnly`: the parameter may be bare in an offer, but a response must give a value. */
	| { code: 'needs-value'; param: string; responseOnly?: boolean }
	| { code: 'out-of-range'; param: string; value: string }
	/** `near` is the parameter it would be if names were matched case-insensitively. */
	| { code: 'unknown'; param: string; near?: string };

// §7.1.2: a window size is a decimal 8 to 15, without leading zeros.
const WINDOW_BITS = /^(8|9|1[0-5])$/;

/** Why permessage-deflate parameters are invalid in an offer or a response (RFC 7692 §7.1). */
export function deflateProblems(
	params: readonly ExtensionParam[],
	role: 'offer' | 'response'
): DeflateProblem[] {
	const problems: DeflateProblem[] = [];
	const seen = new Set<string>();
	for (const p of params) {
		// §7.1: a parameter MUST NOT appear twice in one offer or response.
		if (seen.has(p.name)) {
			problems.push({ code: 'twice', param: p.name });
			continue;
		}
		seen.add(p.name);
		switch (p.name) {
			case 'server_no_context_takeover':
			case 'client_no_context_takeover':
				// §7.1.1.1, §7.1.1.2: these have no value.
				if (p.value !== undefined) {
					problems.push({ code: 'takes-no-value', param: p.name, value: p.value });
				}
				break;
			case 'server_max_window_bits':
				if (p.value === undefined) {
					problems.push({ code: 'needs-value', param: p.name });
				} else if (!WINDOW_BITS.test(p.value)) {
					problems.push({ code: 'out-of-range', param: p.name, value: p.value });
				}
				break;
			case 'client_max_window_bits':
				// §7.1.2.2: an offer may send it bare ("I can take any value"); a response must pick one.
				if (p.value === undefined) {
					if (role === 'response') {
						problems.push({ code: 'needs-value', param: p.name, responseOnly: true });
					}
				} else if (!WINDOW_BITS.test(p.value)) {
					problems.push({ code: 'out-of-range', param: p.name, value: p.value });
				}
				break;
			default: {
				const near = DEFLATE_PARAMS.find((k) => k === p.name.toLowerCase());
				problems.push(
					near ? { code: 'unknown', param: p.name, near } : { code: 'unknown', param: p.name }
				);
			}
		}
	}
	return problems;
}
