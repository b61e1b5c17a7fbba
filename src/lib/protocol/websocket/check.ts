/**
 * The verdicts the handshake checks return, the small makers every check builds them with, the
 * checks a request and a response share (syntax, line endings, repeated fields), and the
 * gallery verdict of a list of checks.
 */

import type { Verdict } from '../examples';
import { hasToken, headersNamed, joinValues } from '../http/fields';
import type { HttpHeader, ParsedHttp } from '../http/message';
import { handshakeText as text } from './handshake-text';

/** How bad a check is: `error` breaks a MUST, `warning` a SHOULD or interop, `info` passes. */
export type Severity = 'error' | 'warning' | 'info';

/** One verdict about a handshake; `ok` is true exactly when `severity` is `info`. */
export interface Check {
	/** Stable identifier such as `request.key`; unique within one result list. */
	id: string;
	ok: boolean;
	severity: Severity;
	/** A sentence that quotes the values it judges. */
	message: string;
	/** Where the rule comes from, e.g. `RFC 6455 §4.1`. */
	rfc: string;
	/** The 1-based line the check concerns; absent when the header it wants is missing. */
	line?: number;
	/** True when the check was not run because an earlier failure makes it moot. */
	skipped?: boolean;
}

/** The verdict makers of one check: each takes the sentence and, when known, the line. */
export interface Checker {
	pass(message: string, line?: number): Check;
	/** A broken MUST. */
	fail(message: string, line?: number): Check;
	/** A broken SHOULD, or something that will not interoperate. */
	warn(message: string, line?: number): Check;
	/** Not run: an earlier failure makes it moot. */
	skip(message: string): Check;
}

/** The pass/fail/warn/skip makers for the check `id`, whose rule is in `rfc`. */
export function checker(id: string, rfc: string): Checker {
	const make = (severity: Severity, message: string, line?: number): Check => {
		const check: Check = { id, ok: severity === 'info', severity, message, rfc };
		if (line !== undefined) check.line = line;
		return check;
	};
	return {
		pass: (message, line) => make('info', message, line),
		fail: (message, line) => make('error', message, line),
		warn: (message, line) => make('warning', message, line),
		skip: (message) => ({ ...make('info', message), skipped: true })
	};
}

/**
 * The verdict of a handshake for the gallery: valid when no check fails with an error (its
 * warnings listed), else the id of every check that does not pass, warnings included, so the
 * verdict pins down the whole outcome.
 */
export function handshakeVerdict(checks: readonly Check[]): Verdict {
	const notPassing = checks.filter((c) => !c.ok);
	if (notPassing.some((c) => c.severity === 'error')) {
		return { ok: false, failing: notPassing.map((c) => c.id) };
	}
	return { ok: true, warnings: notPassing.map((c) => c.id) };
}

/** Which side of the exchange a message is, for the checks both sides share. */
export type Side = 'request' | 'response';

/**
 * A header whose comma list MUST hold `token` (matched case-insensitively), as Upgrade and
 * Connection must in a request and Connection must in a response (RFC 6455 §4.1, §4.2.2).
 * `clientFails` adds that the client MUST then fail the connection.
 */
export function requireToken(
	c: Checker,
	message: ParsedHttp,
	name: string,
	token: string,
	clientFails = false
): Check {
	const hs = headersNamed(message, name);
	const h = hs[0];
	if (!h) return c.fail(text.token.missing(name, token, clientFails));
	if (hasToken(hs, token)) return c.pass(text.token.present(name, joinValues(hs), token), h.line);
	return c.fail(text.token.absent(name, joinValues(hs), token, clientFails), h.line);
}

/** Header fields that may appear at most once on each side (RFC 6455 §11.3, RFC 9112 §3.2). */
const ONCE: Readonly<Record<Side, readonly string[]>> = {
	request: ['Host', 'Sec-WebSocket-Key', 'Sec-WebSocket-Version'],
	response: ['Sec-WebSocket-Accept']
};

/** Fails when a field that may appear only once appears more often, pointing at the repeat. */
export function checkDuplicates(message: ParsedHttp, side: Side): Check {
	const c = checker(
		`${side}.duplicates`,
		side === 'request' ? 'RFC 6455 §11.3.1, §11.3.5; RFC 9112 §3.2' : 'RFC 6455 §11.3.3'
	);
	const names = ONCE[side];
	const repeated: { name: string; headers: HttpHeader[] }[] = [];
	for (const name of names) {
		const headers = headersNamed(message, name);
		if (headers.length > 1) repeated.push({ name, headers });
	}
	const first = repeated[0];
	if (!first) return c.pass(text.duplicates.none(names));
	return c.fail(text.duplicates.repeated(repeated), first.headers[1]!.line);
}

/** Passes on the parser's malformed lines (RFC 9112), pointing at the first. */
export function checkSyntax(message: ParsedHttp, side: Side): Check {
	const c = checker(`${side}.syntax`, 'RFC 9112 §2.2, §3, §4, §5.1, §5.2');
	const first = message.errors[0];
	if (!first) return c.pass(text.syntax.ok(message.headers.length), message.startLine);
	return c.fail(text.syntax.malformed(message.errors), first.line);
}

/** Warns when lines end in a bare LF instead of CRLF (RFC 9112 §2.2). */
export function checkLineEndings(message: ParsedHttp, side: Side): Check {
	const c = checker(`${side}.line-endings`, 'RFC 9112 §2.2');
	if (message.lineBreaks === 0) return c.pass(text.lineEndings.none());
	if (message.lineEndings === 'crlf') return c.pass(text.lineEndings.crlf());
	if (message.lineEndings === 'lf') return c.warn(text.lineEndings.lf(), message.bareLfLine);
	return c.warn(text.lineEndings.mixed(message.bareLfLine), message.bareLfLine);
}
