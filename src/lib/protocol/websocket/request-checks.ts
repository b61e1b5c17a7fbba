/**
 * Checks of a client's opening handshake (RFC 6455 §4.1, §4.2.1; RFC 7692 §7.1; the WHATWG
 * WebSockets standard for what browsers send and refuse). Each check computes the facts it
 * judges; every sentence comes from `handshake-text`.
 */

import { exactlyOne, headersNamed, joinValues, listItems } from '../http/fields';
import type { ParsedHttp } from '../http/message';
import { firstNonTchar } from '../http/tokens';
import { inspectKey } from './accept';
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

function checkMethod(req: ParsedHttp): Check {
	const c = checker('request.method', 'RFC 6455 §4.1 item 2');
	if (req.kind !== 'request' || req.method === undefined) {
		return c.fail(text.request.notRequest(req), req.startLine);
	}
	const method = req.method;
	if (method === 'GET') return c.pass(text.method.ok(), req.startLine);
	// Methods are case-sensitive (RFC 9110 §9.1): "get" is another method.
	if (method.toUpperCase() === 'GET') return c.fail(text.method.wrongCase(method), req.startLine);
	return c.fail(text.method.notGet(method), req.startLine);
}

/** What kind of request-target a request line has; `path` and `absolute` are the good ones. */
export type TargetKind = 'unencoded' | 'fragment' | 'path' | 'absolute' | 'ws-uri' | 'other';

/** What kind of request-target a request line has, as §3 and RFC 9112 §3.2 sort them. */
function targetKind(target: string): TargetKind {
	if (!/^[\x21-\x7e]+$/.test(target)) return 'unencoded';
	// §3: fragment identifiers are meaningless in WebSocket URIs and MUST NOT be used.
	if (target.includes('#')) return 'fragment';
	if (target.startsWith('/')) return 'path';
	// RFC 9112 §3.2.2 absolute-form, which servers MUST accept.
	if (/^https?:\/\/[^/?]+/i.test(target)) return 'absolute';
	if (/^wss?:/i.test(target)) return 'ws-uri';
	return 'other';
}

function checkTarget(req: ParsedHttp): Check {
	const c = checker('request.target', 'RFC 6455 §4.1 item 3, §3');
	if (req.kind !== 'request' || req.target === undefined) {
		return c.fail(text.target.noRequestLine(req), req.startLine);
	}
	const kind = targetKind(req.target);
	const sentence = text.target[kind](req.target);
	return kind === 'path' || kind === 'absolute'
		? c.pass(sentence, req.startLine)
		: c.fail(sentence, req.startLine);
}

function checkRequestVersion(req: ParsedHttp): Check {
	const c = checker('request.version', 'RFC 6455 §4.1 item 2');
	if (req.kind !== 'request') return c.fail(text.request.notRequest(req), req.startLine);
	const version = req.version;
	if (version === undefined) return c.fail(text.version.missing(), req.startLine);
	const match = /^HTTP\/(\d+)(?:\.(\d+))?$/.exec(version);
	if (!match) return c.fail(text.version.notVersion(version), req.startLine);
	const major = Number(match[1]);
	const minor = Number(match[2] ?? 0);
	if (major === 1 && minor >= 1) return c.pass(text.version.ok(version), req.startLine);
	// HTTP/2 has no Upgrade; WebSockets over it use extended CONNECT (RFC 8441).
	if (major >= 2) return c.warn(text.version.http2(version), req.startLine);
	return c.fail(text.version.old(version), req.startLine);
}

function checkHost(req: ParsedHttp): Check {
	const c = checker('request.host', 'RFC 6455 §4.1 item 4, §4.2.1 item 2');
	// A repeated Host is the duplicates check's business (RFC 9112 §3.2); this one judges the first.
	const h = headersNamed(req, 'Host')[0];
	if (!h) return c.fail(text.host.missing());
	if (h.value === '') return c.fail(text.host.empty(), h.line);
	if (/[ \t]/.test(h.value)) return c.fail(text.host.whitespace(h.value), h.line);
	return c.pass(text.host.ok(h.value), h.line);
}

function checkKey(req: ParsedHttp): Check {
	const c = checker('request.key', 'RFC 6455 §4.1 item 7, §4.2.1 item 5');
	return exactlyOne(req, 'Sec-WebSocket-Key', {
		missing: () => c.fail(text.key.missing()),
		// One nonce per request, or the server cannot know which to answer.
		repeated: (hs) => c.fail(text.key.repeated(hs), hs[1]!.line),
		one: (h) => {
			const verdict = inspectKey(h.value);
			if (verdict.ok) return c.pass(verdict.message, h.line);
			return verdict.severity === 'warning'
				? c.warn(verdict.message, h.line)
				: c.fail(verdict.message, h.line);
		}
	});
}

/** Why a Sec-WebSocket-Version other than 13 is wrong, as far as its value tells. */
export type VersionProblem =
	| { code: 'not-a-number' }
	| { code: 'leading-zero' }
	/** 9 to 12: reserved, never used (drafts -09 to -12 kept version 8). */
	| { code: 'reserved'; version: number }
	/** Below 13 otherwise: a draft that preceded RFC 6455. */
	| { code: 'draft'; version: number }
	| { code: 'undefined'; version: number };

function versionProblem(value: string): VersionProblem {
	if (!/^\d{1,3}$/.test(value)) return { code: 'not-a-number' };
	const version = Number(value);
	if (value.length > 1 && value.startsWith('0')) return { code: 'leading-zero' };
	if (version >= 9 && version <= 12) return { code: 'reserved', version };
	if (version < 13) return { code: 'draft', version };
	return { code: 'undefined', version };
}

function checkVersion13(req: ParsedHttp): Check {
	const c = checker('request.version13', 'RFC 6455 §4.1 item 9, §4.2.2, §4.4');
	return exactlyOne(req, 'Sec-WebSocket-Version', {
		missing: () => c.fail(text.version13.missing()),
		repeated: (hs) => c.fail(text.version13.repeated(hs), hs[1]!.line),
		one: (h) =>
			h.value === '13'
				? c.pass(text.version13.ok(), h.line)
				: c.fail(text.version13.wrong(h.value, versionProblem(h.value)), h.line)
	});
}

// RFC 6454 §6.2: scheme "://" host [ ":" port ], or "null" for an opaque origin.
const SERIALIZED_ORIGIN = /^[A-Za-z][A-Za-z0-9+.-]*:\/\/[^/?#\s]+$/;

function checkOrigin(req: ParsedHttp): Check {
	const c = checker('request.origin', 'RFC 6455 §4.1 item 8, §10.2; WHATWG WebSockets');
	return exactlyOne(req, 'Origin', {
		missing: () => {
			// Drafts before the RFC named it Sec-WebSocket-Origin.
			const legacy = headersNamed(req, 'Sec-WebSocket-Origin')[0];
			return c.warn(text.origin.missing(legacy?.line), legacy?.line);
		},
		// A user agent sends exactly one (RFC 6454 §7).
		repeated: (hs) => c.warn(text.origin.repeated(hs), hs[1]!.line),
		one: (h) => {
			if (h.value === 'null') return c.pass(text.origin.opaque(), h.line);
			if (!SERIALIZED_ORIGIN.test(h.value))
				return c.warn(text.origin.notSerialized(h.value), h.line);
			return c.pass(text.origin.ok(h.value), h.line);
		}
	});
}

/** What breaks a subprotocol offer: an empty element, a name that is no token, a repeat. */
export type ProtocolProblem =
	| { code: 'empty' }
	| { code: 'not-token'; name: string; char: string }
	| { code: 'twice'; name: string };

/** Subprotocol names a request offers, in order, with the problems that break §4.1 item 10. */
export function offeredProtocols(req: ParsedHttp): {
	names: string[];
	problems: { problem: ProtocolProblem; line: number }[];
} {
	const names: string[] = [];
	const problems: { problem: ProtocolProblem; line: number }[] = [];
	for (const item of listItems(headersNamed(req, 'Sec-WebSocket-Protocol'))) {
		if (item.value === '') {
			problems.push({ problem: { code: 'empty' }, line: item.line });
			continue;
		}
		const bad = firstNonTchar(item.value);
		if (bad >= 0) {
			const problem = {
				code: 'not-token' as const,
				name: item.value,
				char: item.value.charAt(bad)
			};
			problems.push({ problem, line: item.line });
		} else if (names.includes(item.value)) {
			problems.push({ problem: { code: 'twice', name: item.value }, line: item.line });
		}
		names.push(item.value);
	}
	return { names, problems };
}

function checkProtocolOffer(req: ParsedHttp): Check {
	const c = checker('request.protocols', 'RFC 6455 §4.1 item 10; WHATWG WebSockets');
	const hs = headersNamed(req, 'Sec-WebSocket-Protocol');
	if (hs.length === 0) return c.pass(text.protocols.none());
	const { names, problems } = offeredProtocols(req);
	if (problems.length > 0) {
		const sentence = text.protocols.malformed(
			joinValues(hs),
			problems.map((p) => p.problem)
		);
		return c.fail(sentence, problems[0]!.line);
	}
	return c.pass(text.protocols.offered(names), hs[0]!.line);
}

/** An offered extension other than permessage-deflate: a pre-standard draft, or unknown here. */
export interface ExtensionNote {
	name: string;
	kind: 'pre-standard' | 'unknown';
}

function checkExtensionOffer(req: ParsedHttp): Check {
	const c = checker('request.extensions', 'RFC 6455 §4.1 item 11, §9.1; RFC 7692 §7.1');
	const hs = headersNamed(req, 'Sec-WebSocket-Extensions');
	if (hs.length === 0) return c.pass(text.extensions.noOffer());
	const { items, errors } = parseExtensionHeaders(hs);
	if (errors.length > 0) {
		return c.fail(text.extensions.malformed(joinValues(hs), errors), errors[0]!.line);
	}
	const declined: { offer: (typeof items)[number]; problems: DeflateProblem[] }[] = [];
	for (const item of items) {
		if (item.name !== DEFLATE) continue;
		const problems = deflateProblems(item.params, 'offer');
		if (problems.length > 0) declined.push({ offer: item, problems });
	}
	// RFC 7692 §7.1: a server MUST decline an offer with invalid parameters.
	if (declined.length > 0) {
		return c.warn(text.extensions.declinedOffers(declined), declined[0]!.offer.line);
	}
	// Other extensions are not wrong, only unknown here; say what they probably are.
	const notes: ExtensionNote[] = items
		.filter((item) => item.name !== DEFLATE)
		.map((item) => ({
			name: item.name,
			// x-webkit-deflate-frame and deflate-frame: drafts before RFC 7692.
			kind: /deflate-frame$/.test(item.name) ? 'pre-standard' : 'unknown'
		}));
	return c.pass(text.extensions.offered(items, notes), hs[0]!.line);
}

/** Checks a client's opening handshake against RFC 6455 §4.1 and §4.2.1, one check per id. */
export function checkUpgradeRequest(req: ParsedHttp): Check[] {
	return [
		checkMethod(req),
		checkTarget(req),
		checkRequestVersion(req),
		checkHost(req),
		requireToken(
			checker('request.upgrade', 'RFC 6455 §4.1 item 5, §4.2.1 item 3'),
			req,
			'Upgrade',
			'websocket'
		),
		requireToken(
			checker('request.connection', 'RFC 6455 §4.1 item 6, §4.2.1 item 4'),
			req,
			'Connection',
			'Upgrade'
		),
		checkKey(req),
		checkVersion13(req),
		checkOrigin(req),
		checkProtocolOffer(req),
		checkExtensionOffer(req),
		checkDuplicates(req, 'request'),
		checkSyntax(req, 'request'),
		checkLineEndings(req, 'request')
	];
}
