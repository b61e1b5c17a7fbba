/**
 * A tolerant reader of pasted HTTP/1.1 messages (RFC 9112): the start line, the header fields
 * with their line numbers, the line endings and the body, plus a located entry for every line
 * that breaks the grammar. It never throws: explaining a broken message is its job.
 *
 * It knows nothing of what the message is for; the WebSocket handshake checks, and any other
 * protocol that starts with an HTTP exchange, read its result.
 */

import { httpProblemText, type HttpProblem, type HttpProblemCode } from './text';
import { firstControl, firstNonTchar, isToken } from './tokens';

/** One header field line, with the name in its original case and the value trimmed of OWS. */
export interface HttpHeader {
	name: string;
	value: string;
	/** 1-based line number. */
	line: number;
}

/** A malformed line found by `parseHttpMessage`. */
export interface HttpParseError {
	/** What is wrong, as a stable code (see `HttpProblem`). */
	code: HttpProblemCode;
	/** The sentence for it, from `text.ts`. */
	message: string;
	/** 1-based line number. */
	line: number;
	/** 1-based column of the offending character, when one character is to blame. */
	column?: number;
}

/** How the lines of a message's head end; a head without any line break counts as `crlf`. */
export type LineEndings = 'crlf' | 'lf' | 'mixed';

/** An HTTP/1.1 request or response head, as read from pasted text. */
export interface ParsedHttp {
	kind: 'request' | 'response' | 'unknown';
	method?: string;
	target?: string;
	/** The version exactly as written, e.g. `HTTP/1.1`. */
	version?: string;
	status?: number;
	reason?: string;
	/** 1-based line of the start line (after any blank leading lines). */
	startLine?: number;
	headers: HttpHeader[];
	/** Every value of the header `name`, matched case-insensitively, in order. */
	get(name: string): string[];
	lineEndings: LineEndings;
	/** The first line of the head that ends in a bare LF, if any. */
	bareLfLine?: number;
	/** How many line breaks the head has (start line through the empty line). */
	lineBreaks: number;
	errors: HttpParseError[];
	/** True when the head ended with an empty line, as HTTP requires. */
	complete: boolean;
	/** Whatever follows the empty line; absent when that is empty or only whitespace. */
	body?: string;
}

/** Options for `parseHttpMessage`. */
export interface ParseOptions {
	/** The line number the text starts at, so a part of a larger paste keeps its numbering. */
	firstLine?: number;
}

interface RawLine {
	text: string;
	ending: 'crlf' | 'lf' | 'none';
	/** Offset just past the line terminator. */
	end: number;
}

/** Splits on LF only: HTTP has no other line break, so a bare CR stays in its line (flagged). */
function splitLines(src: string): RawLine[] {
	const out: RawLine[] = [];
	let pos = 0;
	while (pos < src.length) {
		const nl = src.indexOf('\n', pos);
		if (nl < 0) {
			out.push({ text: src.slice(pos), ending: 'none', end: src.length });
			break;
		}
		const crlf = nl > pos && src.charCodeAt(nl - 1) === 13;
		out.push({
			text: src.slice(pos, crlf ? nl - 1 : nl),
			ending: crlf ? 'crlf' : 'lf',
			end: nl + 1
		});
		pos = nl + 1;
	}
	return out;
}

function isBlank(text: string): boolean {
	return /^[ \t\r]*$/.test(text);
}

function looksLikeHeader(text: string): boolean {
	const colon = text.indexOf(':');
	return colon > 0 && isToken(text.slice(0, colon));
}

// Tolerates blank leading lines, LF-only endings and a response pasted after the request; every
// malformed line becomes a located entry of `errors` (RFC 9112 §2.2, §3, §4, §5).
/** Parses the first HTTP/1.1 message in `text`: request, response or bare headers; never throws. */
export function parseHttpMessage(text: string, options: ParseOptions = {}): ParsedHttp {
	const src = typeof text === 'string' ? text : '';
	const requested = options?.firstLine;
	const base = typeof requested === 'number' && Number.isSafeInteger(requested) && requested > 0;
	const first = base ? (requested as number) : 1;
	const lines = splitLines(src);
	const headers: HttpHeader[] = [];
	const errors: HttpParseError[] = [];
	const message: ParsedHttp = {
		kind: 'unknown',
		headers,
		get: (name: string) => {
			const lower = String(name).toLowerCase();
			return headers.filter((h) => h.name.toLowerCase() === lower).map((h) => h.value);
		},
		lineEndings: 'crlf',
		lineBreaks: 0,
		errors,
		complete: false
	};
	const lineNo = (index: number) => first + index;
	const report = (problem: HttpProblem, line: number, column?: number) => {
		const error: HttpParseError = { code: problem.code, message: httpProblemText(problem), line };
		if (column !== undefined) error.column = column;
		errors.push(error);
	};

	// RFC 9112 §2.2: a server SHOULD ignore empty lines before the request line.
	let i = 0;
	while (i < lines.length && isBlank(lines[i]!.text)) i++;
	if (i >= lines.length) return message;
	message.startLine = lineNo(i);

	let headerStart = i + 1;
	const startText = lines[i]!.text;
	const startError = (problem: HttpProblem, column?: number) => report(problem, lineNo(i), column);
	const control = firstControl(startText);
	if (control >= 0) {
		startError({ code: 'start-line-control', char: startText.charAt(control) }, control + 1);
	}
	if (/^[ \t]/.test(startText)) startError({ code: 'start-line-whitespace' }, 1);
	const parts = startText.trim().split(/[ \t]+/);

	if (/^HTTP\//i.test(startText.trimStart())) {
		// status-line = HTTP-version SP status-code SP [ reason-phrase ] (RFC 9112 §4)
		message.kind = 'response';
		const trimmed = startText.trim();
		const match = /^(\S+)[ \t]+(\S+)(?:[ \t]+(.*))?$/.exec(trimmed);
		message.version = match ? match[1] : trimmed;
		if (!/^HTTP\/\d\.\d$/.test(message.version ?? '')) {
			startError({ code: 'bad-version', version: message.version ?? '' }, 1);
		}
		if (match && /^\d{3}$/.test(match[2]!)) {
			message.status = Number(match[2]);
			message.reason = match[3] ?? '';
		} else {
			startError(match ? { code: 'no-status-code', found: match[2] } : { code: 'no-status-code' });
		}
	} else if (parts.length === 3 && /^HTTP\//i.test(parts[2]!)) {
		// request-line = method SP request-target SP HTTP-version (RFC 9112 §3)
		message.kind = 'request';
		[message.method, message.target, message.version] = parts as [string, string, string];
		const bad = firstNonTchar(parts[0]!);
		if (bad >= 0) {
			startError({ code: 'bad-method', method: parts[0]!, char: parts[0]!.charAt(bad) });
		}
		if (!/^HTTP\/\d\.\d$/.test(parts[2]!)) {
			startError({ code: 'bad-version', version: parts[2]! });
		}
	} else if (parts.length === 2 && isToken(parts[0]!) && parts[1]!.startsWith('/')) {
		message.kind = 'request';
		[message.method, message.target] = parts as [string, string];
		startError({ code: 'no-version' });
	} else if (looksLikeHeader(startText)) {
		// Headers pasted without their start line: say so, and read this line as a header.
		startError({ code: 'no-start-line' });
		headerStart = i;
	} else {
		startError({ code: 'bad-start-line', line: startText });
	}

	let j = headerStart;
	for (; j < lines.length; j++) {
		const line = lines[j]!.text;
		const n = lineNo(j);
		if (isBlank(line)) {
			message.complete = true;
			break;
		}
		if (message.kind === 'request' && line.startsWith('HTTP/')) {
			// A response pasted straight after the request: the request ends here.
			j--;
			break;
		}
		if (line.startsWith(' ') || line.startsWith('\t')) {
			const last = headers[headers.length - 1];
			if (last && j > headerStart) {
				report({ code: 'obs-fold' }, n, 1);
				// Unfold as a recipient that replaces the fold with SP would, so later checks see it.
				last.value = `${last.value} ${line.replace(/^[ \t]+|[ \t]+$/g, '')}`.trim();
			} else {
				report({ code: 'whitespace-before-headers' }, n, 1);
			}
			continue;
		}
		const colon = line.indexOf(':');
		if (colon < 0) {
			report({ code: 'no-colon', line }, n);
			continue;
		}
		if (colon === 0) {
			report({ code: 'empty-name' }, n, 1);
			continue;
		}
		const rawName = line.slice(0, colon);
		const name = rawName.replace(/[ \t]+$/, '');
		if (name !== rawName) {
			report({ code: 'whitespace-before-colon', name }, n, name.length + 1);
		}
		const bad = firstNonTchar(name);
		if (bad >= 0) {
			report({ code: 'bad-name', name, char: name.charAt(bad) }, n, bad + 1);
		}
		const rawValue = line.slice(colon + 1);
		const value = rawValue.replace(/^[ \t]+|[ \t]+$/g, '');
		const ctl = firstControl(rawValue);
		if (ctl >= 0) {
			report({ code: 'control-in-value', name, char: rawValue.charAt(ctl) }, n, colon + 2 + ctl);
		}
		headers.push({ name, value, line: n });
	}
	const end = Math.min(j, lines.length - 1); // index of the last line that belongs to the head

	// Line endings of the head, start line through the empty line (RFC 9112 §2.2).
	let crlf = 0;
	let lf = 0;
	for (let k = i; k <= end; k++) {
		const ending = lines[k]!.ending;
		if (ending === 'crlf') crlf++;
		if (ending === 'lf') {
			lf++;
			message.bareLfLine ??= lineNo(k);
		}
	}
	message.lineEndings = lf === 0 ? 'crlf' : crlf === 0 ? 'lf' : 'mixed';
	message.lineBreaks = crlf + lf;

	if (message.complete && end + 1 < lines.length) {
		let rest = src.slice(lines[end]!.end);
		if (message.kind === 'request') {
			// Only the first message: a response pasted after the request is not its body.
			const next = /(^|\n)HTTP\//.exec(rest);
			if (next) rest = rest.slice(0, next.index + next[1]!.length);
		}
		if (!/^\s*$/.test(rest)) message.body = rest;
	}
	return message;
}

/** Splits a paste of a request followed by a response at the first line beginning with `HTTP/`. */
export function splitExchange(text: string): {
	request?: string;
	response?: string;
	/** 1-based line of the paste where the response starts. */
	responseLine?: number;
} {
	const src = typeof text === 'string' ? text : '';
	let pos = 0;
	let line = 1;
	while (pos < src.length) {
		if (src.startsWith('HTTP/', pos)) {
			const request = src.slice(0, pos);
			const out: { request?: string; response?: string; responseLine?: number } = {};
			if (!/^\s*$/.test(request)) out.request = request;
			out.response = src.slice(pos);
			out.responseLine = line;
			return out;
		}
		const nl = src.indexOf('\n', pos);
		if (nl < 0) break;
		pos = nl + 1;
		line++;
	}
	return /^\s*$/.test(src) ? {} : { request: src };
}
