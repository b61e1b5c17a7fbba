/**
 * Checks of a server's answer to the opening handshake: what a client MUST verify before it
 * considers the connection open (RFC 6455 §4.1, the client's steps 1 to 6), what a server sends
 * (§4.2.2), RFC 7692 §7.1 for permessage-deflate, and what browsers add (WHATWG WebSockets).
 * With the request, the accept value, subprotocol and extensions are checked against it too.
 * Synchronous; every sentence comes from `handshake-text`.
 */

import { exactlyOne, headersNamed, joinValues } from '../http/fields';
import type { ParsedHttp } from '../http/message';
import { computeAccept, diagnoseAccept } from './accept';
import {
	checkDuplicates,
	checkLineEndings,
	checkSyntax,
	checker,
	requireToken,
	type Check
} from './check';
import { DEFLATE, deflateProblems, parseExtensionHeaders, type DeflateProblem } from './extensions';
import { handshakeText as text } from './handshake-text';
import { offeredProtocols } from './request-checks';

function checkStatus(res: ParsedHttp): Check {
	const c = checker('response.status', 'RFC 6455 §4.1 (client step 1), §4.2.2');
	if (res.kind !== 'response') return c.fail(text.status.notResponse(res), res.startLine);
	if (res.status === undefined) return c.fail(text.status.noCode(), res.startLine);
	if (res.status === 101) return c.pass(text.status.ok(res.status, res.reason), res.startLine);
	// Any other status means the server did not switch protocols, and the client handles the
	// answer as ordinary HTTP (§4.1 client step 1). A 426 lists the versions it speaks (§4.4).
	const versions = res.status === 426 ? headersNamed(res, 'Sec-WebSocket-Version') : [];
	const listed = versions.length > 0 ? joinValues(versions) : undefined;
	return c.fail(text.status.failed(res.status, res.reason, listed), res.startLine);
}

function checkUpgrade(res: ParsedHttp): Check {
	const c = checker('response.upgrade', 'RFC 6455 §4.1 (client step 2), §4.2.2');
	// §4.1 client step 2: the response's value must BE "websocket", not merely list it.
	const hs = headersNamed(res, 'Upgrade');
	const h = hs[0];
	if (!h) return c.fail(text.upgrade.missing());
	const value = joinValues(hs);
	if (value.toLowerCase() === 'websocket') return c.pass(text.upgrade.ok(value), h.line);
	return c.fail(text.upgrade.wrong(value), h.line);
}

function checkAccept(res: ParsedHttp, req?: ParsedHttp): Check {
	const c = checker('response.accept', 'RFC 6455 §4.1 (client step 4), §4.2.2 step 5.4');
	return exactlyOne(res, 'Sec-WebSocket-Accept', {
		missing: () => c.fail(text.accept.missing()),
		repeated: (hs) => c.fail(text.accept.repeated(hs), hs[1]!.line),
		one: (h) => {
			const value = h.value;
			if (!req) return c.pass(text.accept.noRequest(value), h.line);
			return exactlyOne(req, 'Sec-WebSocket-Key', {
				missing: () => c.pass(text.accept.unverifiable(value, 'missing'), h.line),
				repeated: () => c.pass(text.accept.unverifiable(value, 'repeated'), h.line),
				one: ({ value: key }) => {
					const expected = computeAccept(key);
					if (value === expected) return c.pass(text.accept.ok(value, key), h.line);
					const mistake = diagnoseAccept(value, key);
					return c.fail(text.accept.wrong(value, key, expected, mistake), h.line);
				}
			});
		}
	});
}

function checkProtocol(res: ParsedHttp, req?: ParsedHttp): Check {
	const c = checker(
		'response.protocol',
		'RFC 6455 §4.1 (client step 6), §4.2.2, §11.3.4; WHATWG WebSockets'
	);
	const hs = headersNamed(res, 'Sec-WebSocket-Protocol');
	const offered = req ? offeredProtocols(req).names : undefined;
	const h = hs[0];
	if (!h) {
		// RFC 6455 allows selecting none, but browsers fail the connection when they offered some.
		if (offered && offered.length > 0) return c.warn(text.protocol.noneSelected(offered));
		return c.pass(text.protocol.none());
	}
	const value = joinValues(hs);
	if (hs.length > 1 || value.includes(',')) {
		return c.fail(text.protocol.severalSelected(value), (hs[1] ?? h).line);
	}
	if (value === '') return c.fail(text.protocol.empty(), h.line);
	if (!offered) return c.pass(text.protocol.noRequest(value), h.line);
	if (offered.includes(value)) return c.pass(text.protocol.ok(value, offered), h.line);
	// Browsers compare subprotocol names exactly, so a case difference matters.
	const near = offered.find((n) => n.toLowerCase() === value.toLowerCase());
	return c.fail(text.protocol.notOffered(value, offered, near), h.line);
}

/** What is wrong with the extensions a server selected. */
export type SelectedExtensionProblem =
	| { code: 'selected-twice'; name: string }
	/** `near` is the offered name it differs from only in case. */
	| { code: 'not-offered'; name: string; near?: string }
	| { code: 'deflate'; problem: DeflateProblem }
	| { code: 'unasked-client-window-bits' };

function checkExtensions(res: ParsedHttp, req?: ParsedHttp): Check {
	const c = checker('response.extensions', 'RFC 6455 §4.1 (client step 5), §4.2.2; RFC 7692 §7.1');
	const hs = headersNamed(res, 'Sec-WebSocket-Extensions');
	const offers = req
		? parseExtensionHeaders(headersNamed(req, 'Sec-WebSocket-Extensions')).items
		: undefined;
	if (hs.length === 0) {
		const declinedDeflate = offers?.some((o) => o.name === DEFLATE) ?? false;
		return c.pass(text.extensions.noneSelected(declinedDeflate));
	}
	const { items, errors } = parseExtensionHeaders(hs);
	if (errors.length > 0) {
		return c.fail(text.extensions.malformed(joinValues(hs), errors), errors[0]!.line);
	}
	const problems: { problem: SelectedExtensionProblem; line: number }[] = [];
	const seen = new Set<string>();
	for (const item of items) {
		const line = item.line;
		if (seen.has(item.name))
			problems.push({ problem: { code: 'selected-twice', name: item.name }, line });
		seen.add(item.name);
		// §4.1 client step 5: an extension the client did not offer fails the connection.
		if (offers && !offers.some((o) => o.name === item.name)) {
			const near = offers.find((o) => o.name.toLowerCase() === item.name.toLowerCase())?.name;
			problems.push({ problem: { code: 'not-offered', name: item.name, near }, line });
			continue;
		}
		if (item.name !== DEFLATE) continue;
		for (const problem of deflateProblems(item.params, 'response')) {
			problems.push({ problem: { code: 'deflate', problem }, line });
		}
		const asked = offers?.some(
			(o) => o.name === DEFLATE && o.params.some((p) => p.name === 'client_max_window_bits')
		);
		if (offers && !asked && item.params.some((p) => p.name === 'client_max_window_bits')) {
			// RFC 7692 §7.1.2.2: a client that did not offer it may not support a smaller window.
			problems.push({ problem: { code: 'unasked-client-window-bits' }, line });
		}
	}
	if (problems.length > 0) {
		const sentence = text.extensions.badSelection(
			joinValues(hs),
			problems.map((p) => p.problem)
		);
		return c.fail(sentence, problems[0]!.line);
	}
	return c.pass(text.extensions.selected(items, offers !== undefined), hs[0]!.line);
}

/** Checks a server's response against RFC 6455 §4.1 (the client's checks) and §4.2.2. */
export function checkUpgradeResponse(res: ParsedHttp, req?: ParsedHttp): Check[] {
	const status = checkStatus(res);
	// Once the status is not 101 the client stops there (§4.1), so the header checks are moot.
	const moot = res.kind === 'response' && res.status !== undefined && res.status !== 101;
	const headerCheck = (id: string, check: () => Check) =>
		moot ? checker(id, 'RFC 6455 §4.1').skip(text.status.skipped(res.status!)) : check();
	return [
		status,
		headerCheck('response.upgrade', () => checkUpgrade(res)),
		headerCheck('response.connection', () =>
			requireToken(
				checker('response.connection', 'RFC 6455 §4.1 (client step 3), §4.2.2'),
				res,
				'Connection',
				'Upgrade',
				true
			)
		),
		headerCheck('response.accept', () => checkAccept(res, req)),
		headerCheck('response.protocol', () => checkProtocol(res, req)),
		headerCheck('response.extensions', () => checkExtensions(res, req)),
		checkDuplicates(res, 'response'),
		checkSyntax(res, 'response'),
		checkLineEndings(res, 'response')
	];
}
