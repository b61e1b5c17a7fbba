/**
 * Every sentence the handshake checks, the key inspector, the Accept calculator and the
 * inspector's summary say, in English. The checks compute facts (values, line numbers, codes)
 * and call these functions; nothing else words a handshake verdict. Another language would be
 * one more module of type `HandshakeText`.
 *
 * Sentences quote the values they judge (shortened, so a huge paste cannot flood the page) and
 * name the RFC section when the reader needs it to follow the rule.
 */

import type { Base64Error } from '../bytes/base64';
import { plural } from '../bytes/text';
import { describeChar } from '../http/text';
import type { HttpHeader, HttpParseError, ParsedHttp } from '../http/message';
import type { AcceptMistake } from './accept';
import type { DeflateProblem, ExtensionItem, ExtensionSyntaxProblem, FoundAt } from './extensions';
import type { ExtensionNote, ProtocolProblem, VersionProblem } from './request-checks';
import type { SelectedExtensionProblem } from './response-checks';

/** A value quoted for a sentence, shortened so a huge paste cannot flood the UI. */
function q(value: string, max = 80): string {
	return JSON.stringify(value.length > max ? `${value.slice(0, max - 1)}…` : value);
}

/** `a`, `a and b`, `a, b and c`. */
function and(items: readonly string[]): string {
	return items.length < 2
		? (items[0] ?? '')
		: `${items.slice(0, -1).join(', ')} and ${items[items.length - 1]}`;
}

function linesOf(hs: readonly HttpHeader[]): string {
	return hs.map((h) => h.line).join(', ');
}

function quotedList(names: readonly string[]): string {
	return names.map((n) => q(n)).join(', ');
}

/** `", so the client MUST fail the connection"` when the client must. */
function clientFails(must: boolean): string {
	return must ? ', so the client MUST fail the connection' : '';
}

/** An extension written back as `name; param; param=value`, values unquoted. */
function formatExtension(item: ExtensionItem): string {
	return [
		item.name,
		...item.params.map((p) => (p.value === undefined ? p.name : `${p.name}=${p.value}`))
	].join('; ');
}

/** A character where the grammar wanted something else: `";" (U+003B) at position 4`. */
function where(found: FoundAt | undefined): string {
	return found ? `${describeChar(found.char)} at position ${found.index + 1}` : 'the end';
}

/** What a status other than 101 means, for the common ones (RFC 9110 §15; RFC 6455 §4.4). */
const STATUS_MEANINGS: Readonly<Record<number, string>> = {
	200:
		'the server treated the request as plain HTTP: there is no WebSocket endpoint here, or ' +
		'a proxy dropped the Upgrade and Connection headers',
	400:
		'the server rejected the handshake, usually for a missing or malformed Upgrade, ' +
		'Connection, Sec-WebSocket-Key or Sec-WebSocket-Version',
	401: 'the endpoint needs authentication first',
	403: 'the server refused the connection, typically because it does not allow the Origin (§10.2)',
	404: 'there is no WebSocket endpoint at this path',
	426:
		'the server does not speak the requested Sec-WebSocket-Version; its ' +
		'Sec-WebSocket-Version header lists the ones it does (§4.4)',
	429: 'the server is rate-limiting connections',
	500: 'the server failed while handling the handshake',
	502: 'a proxy in front of the server could not reach it or did not pass the upgrade on',
	503: 'the server or a proxy is unavailable',
	504: 'a proxy timed out waiting for the server'
};

function statusMeaning(status: number, listedVersions?: string): string {
	const known = STATUS_MEANINGS[status];
	if (known !== undefined) {
		return listedVersions === undefined ? known : `${known}: ${q(listedVersions)}`;
	}
	if (status >= 300 && status < 400) {
		return 'a redirect, which browsers do not follow for WebSockets: they fail the connection (WHATWG)';
	}
	if (status >= 500) return 'a server error';
	return 'any status but 101 means the server did not switch protocols';
}

function base64Reason(error: Base64Error): string {
	switch (error.code) {
		case 'other-alphabet':
			return `"${error.char}" at position ${error.index + 1} is base64url, not base64`;
		case 'character':
			return `${JSON.stringify(error.char)} at position ${error.index + 1} is not a base64 character`;
		case 'padding':
			return `"=" padding may only end the value, at most twice`;
		case 'length': {
			const hint =
				error.missingPadding === undefined
					? ''
					: ` (the "${'='.repeat(error.missingPadding)}" padding is missing)`;
			return `its length ${error.length} is not a multiple of 4${hint}`;
		}
	}
}

function deflateProblem(p: DeflateProblem): string {
	switch (p.code) {
		case 'twice':
			return `${q(p.param)} appears twice`;
		case 'takes-no-value':
			return `${q(p.param)} takes no value, but has ${q(p.value)}`;
		case 'needs-value':
			return `${q(p.param)} needs a value from 8 to 15${p.responseOnly ? ' in a response' : ''}`;
		case 'out-of-range':
			return `${q(`${p.param}=${p.value}`)} is not 8 to 15`;
		case 'unknown': {
			const hint = p.near
				? ` (parameter names are matched exactly: did you mean ${q(p.near)}?)`
				: '';
			return `${q(p.param)} is not a permessage-deflate parameter${hint}`;
		}
	}
}

function protocolProblem(p: ProtocolProblem): string {
	switch (p.code) {
		case 'empty':
			return 'an empty element';
		case 'not-token':
			return `${q(p.name)} is not a token (it contains ${describeChar(p.char)})`;
		case 'twice':
			return `${q(p.name)} is offered twice`;
	}
}

function selectedExtensionProblem(p: SelectedExtensionProblem): string {
	switch (p.code) {
		case 'selected-twice':
			return `${q(p.name)} is selected twice`;
		case 'not-offered':
			return `${q(p.name)} was not offered${p.near ? ` (the offer spells it ${q(p.near)})` : ''}`;
		case 'deflate':
			return deflateProblem(p.problem);
		case 'unasked-client-window-bits':
			return '"client_max_window_bits" is in the response, but the client did not offer it';
	}
}

function versionProblem(value: string, p: VersionProblem): string {
	switch (p.code) {
		case 'not-a-number':
			return `${q(value)} is not a version number`;
		case 'leading-zero':
			return `${q(value)} has a leading zero`;
		case 'reserved':
			return `version ${p.version} was reserved but never used (drafts -09 to -12 kept version 8)`;
		case 'draft':
			return `version ${p.version} belongs to a draft that preceded RFC 6455`;
		case 'undefined':
			return `version ${p.version} is not defined; 13 is the only version in use`;
	}
}

/** Why a message is not a request, when a request was wanted. */
function notRequest(req: ParsedHttp): string {
	if (req.kind === 'response') {
		return `This is a response (${q(`${req.version ?? ''} ${req.status ?? ''}`.trim())}), not a request`;
	}
	return 'There is no request line; it should look like "GET /chat HTTP/1.1"';
}

const SERVER_ANSWERS_426 = 'a server answers 426 Upgrade Required with "Sec-WebSocket-Version: 13"';

const ORIGIN_ADVICE =
	'servers SHOULD check it against an allow-list to prevent cross-site WebSocket hijacking ' +
	'(§10.2)';

const LINE_ENDINGS_COMMON =
	'pasted text often loses its CRs, and many servers accept bare LF, but a strict one rejects it';

/** What each usual server bug is called, after the verdict on a wrong accept value. */
const ACCEPT_MISTAKES: Readonly<Record<AcceptMistake, string>> = {
	'letter-case': 'The values differ only in letter case, and base64 is case-sensitive.',
	'hex-digest': 'The server sent the SHA-1 digest in hex; it must be base64 of the 20 raw bytes.',
	'base64-of-hex': 'The server base64-encoded the hex digest instead of the 20 raw bytes.',
	'no-guid': 'The server hashed the key without appending the GUID.',
	'lower-case-guid':
		'The server appended the GUID in lower case; it must be exactly ' +
		'"258EAFA5-E914-47DA-95CA-C5AB0DC85B11".',
	'decoded-key':
		'The server hashed the decoded key bytes; the key is used as the base64 string it was sent as.'
};

/** The English sentences of the handshake checks and tools. */
export const handshakeText = {
	request: {
		/** The request.method and request.version checks, given something that is not a request. */
		notRequest: (req: ParsedHttp) => `${notRequest(req)}.`
	},
	method: {
		ok: () => 'The method is "GET", as the handshake requires.',
		wrongCase: (method: string) =>
			`The method is ${q(method)}; methods are case-sensitive (RFC 9110 §9.1) and it ` +
			'MUST be "GET".',
		notGet: (method: string) => `The method is ${q(method)}; the opening handshake MUST be a "GET".`
	},
	target: {
		noRequestLine: (req: ParsedHttp) => `${notRequest(req)}, so there is no resource name.`,
		unencoded: (target: string) =>
			`The target ${q(target)} has characters that must be percent-encoded (RFC 3986).`,
		fragment: (target: string) =>
			`The target ${q(target)} has a fragment; fragments MUST NOT be used in WebSocket URIs.`,
		path: (target: string) => `The resource name is ${q(target)}.`,
		absolute: (target: string) =>
			`The target ${q(target)} is an absolute http(s) URI, which is allowed; its host must ` +
			`match Host.`,
		'ws-uri': (target: string) =>
			`The target ${q(target)} is a ws/wss URI; the request line carries only its path, ` +
			'e.g. "/chat".',
		other: (target: string) =>
			`The target ${q(target)} is neither a path starting with "/" nor an absolute http(s) URI.`
	},
	version: {
		missing: () => 'The request line has no HTTP version; the handshake needs "HTTP/1.1".',
		notVersion: (version: string) =>
			`${q(version)} is not an HTTP version; the handshake needs "HTTP/1.1".`,
		ok: (version: string) => `${q(version)}: the handshake needs HTTP/1.1 or later.`,
		http2: (version: string) =>
			`${q(version)} has no Upgrade mechanism; over HTTP/2 WebSockets use extended CONNECT ` +
			`(RFC 8441), over HTTP/1.1 this request line.`,
		old: (version: string) => `${q(version)} is older than HTTP/1.1, which the handshake MUST use.`
	},
	host: {
		missing: () => "There is no Host header; the request MUST name the server's authority in one.",
		empty: () => "Host is empty; it MUST name the server's host (and port, if not the default).",
		whitespace: (value: string) => `Host ${q(value)} contains whitespace.`,
		ok: (value: string) => `Host is ${q(value)}.`
	},
	/** Upgrade and Connection in a request, Connection in a response: a list holding a token. */
	token: {
		missing: (name: string, token: string, mustFail: boolean) =>
			`There is no ${name} header, which MUST hold the token "${token}"${clientFails(mustFail)}.`,
		present: (name: string, value: string, token: string) =>
			`${name} is ${q(value)}, which includes the token "${token}" (matched ` +
			`case-insensitively).`,
		absent: (name: string, value: string, token: string, mustFail: boolean) =>
			`${name} is ${q(value)}, which has no "${token}" token in its comma list` +
			`${clientFails(mustFail)}.`
	},
	upgrade: {
		missing: () => `There is no Upgrade header${clientFails(true)}.`,
		ok: (value: string) => `Upgrade is ${q(value)}.`,
		wrong: (value: string) =>
			`Upgrade is ${q(value)}, not "websocket" (case-insensitive)${clientFails(true)}.`
	},
	key: {
		missing: () =>
			'There is no Sec-WebSocket-Key; the request MUST carry a base64 nonce of 16 random bytes.',
		repeated: (hs: readonly HttpHeader[]) =>
			`Sec-WebSocket-Key appears ${hs.length} times (lines ${linesOf(hs)}); it MUST appear ` +
			`once, or the server cannot know which nonce to answer.`,
		notBase64: (value: string, error: Base64Error) =>
			`Sec-WebSocket-Key ${q(value)} is not valid base64: ${base64Reason(error)}.`,
		length: (value: string, bytes: number) =>
			`Sec-WebSocket-Key ${q(value)} decodes to ${plural(bytes, 'byte')}; it MUST decode to ` +
			`16 (24 characters ending in "==").`,
		nonCanonical: (value: string) =>
			`Sec-WebSocket-Key ${q(value)} decodes to 16 bytes, but its last character carries ` +
			`non-zero padding bits, which strict decoders reject (RFC 4648 §3.5).`,
		sample: (value: string) =>
			`Sec-WebSocket-Key ${q(value)} is the sample nonce from RFC 6455; real clients pick 16 ` +
			`fresh random bytes for every connection.`,
		ok: (value: string, hex: string) =>
			`Sec-WebSocket-Key ${q(value)} is base64 of 16 bytes (${hex}).`,
		/** The RangeError of `generateKey`: `got` is a byte count or the type it was given. */
		generateLength: (got: number | string) =>
			`Sec-WebSocket-Key needs exactly 16 random bytes, got ${
				typeof got === 'number' ? `${got} bytes` : got
			}`
	},
	version13: {
		missing: () => `There is no Sec-WebSocket-Version; it MUST be 13, and ${SERVER_ANSWERS_426}.`,
		repeated: (hs: readonly HttpHeader[]) =>
			`Sec-WebSocket-Version appears ${hs.length} times (lines ${linesOf(hs)}, ` +
			`${q(hs.map((h) => h.value).join(', '))}); it MUST appear once, with 13.`,
		ok: () => 'Sec-WebSocket-Version is "13", the version of RFC 6455.',
		wrong: (value: string, problem: VersionProblem) =>
			`Sec-WebSocket-Version is ${q(value)}, but it MUST be "13": ` +
			`${versionProblem(value, problem)}; ${SERVER_ANSWERS_426} (§4.2.2, §4.4).`
	},
	origin: {
		missing: (legacyLine?: number) => {
			const note =
				legacyLine === undefined
					? ''
					: ` (Sec-WebSocket-Origin on line ${legacyLine} is the pre-RFC draft header)`;
			return (
				`There is no Origin header${note}: browsers always send one, so this request is not ` +
				`from a browser. Other clients MAY omit it.`
			);
		},
		repeated: (hs: readonly HttpHeader[]) =>
			`Origin appears ${hs.length} times (lines ${linesOf(hs)}); a user agent sends exactly one ` +
			`(RFC 6454 §7).`,
		opaque: () =>
			`Origin is "null", an opaque origin (a sandboxed frame or a file: page); ${ORIGIN_ADVICE}.`,
		notSerialized: (value: string) =>
			`Origin ${q(value)} is not a serialized origin like "https://example.com" (RFC 6454 ` +
			`§6.2): no path, query or trailing slash.`,
		ok: (value: string) => `Origin is ${q(value)}; ${ORIGIN_ADVICE}.`
	},
	protocols: {
		none: () => 'No Sec-WebSocket-Protocol: the client offers no subprotocol (it is optional).',
		malformed: (value: string, problems: readonly ProtocolProblem[]) =>
			`Sec-WebSocket-Protocol ${q(value)} is malformed: ` +
			`${problems.map(protocolProblem).join('; ')}. Elements MUST be unique tokens (browsers ` +
			`throw a SyntaxError).`,
		offered: (names: readonly string[]) =>
			`The client offers ${plural(names.length, 'subprotocol')}: ${quotedList(names)}; the ` +
			`server may select one.`
	},
	extensions: {
		/** One grammar error of a Sec-WebSocket-Extensions value (RFC 6455 §9.1). */
		syntax: (p: ExtensionSyntaxProblem): string => {
			switch (p.code) {
				case 'expected-name':
					return `expected an extension name but found ${where(p.found)}`;
				case 'empty-element':
					return 'an empty list element (senders MUST NOT generate these, RFC 9110 §5.6.1)';
				case 'expected-param':
					return `expected a parameter name after ";" in ${q(p.extension)} but found ${where(p.found)}`;
				case 'unclosed-quote':
					return `the quoted value of ${q(p.param)} is not closed`;
				case 'quoted-not-token':
					return `the quoted value ${q(p.value)} of ${q(p.param)} is not a token`;
				case 'no-value':
					return `${q(p.param)} has "=" but no value`;
				case 'unexpected':
					return `unexpected ${where(p.found)} after ${q(p.extension)}`;
			}
		},
		malformed: (value: string, errors: readonly { message: string }[]) =>
			`Sec-WebSocket-Extensions ${q(value)} is malformed: ` +
			`${errors.map((e) => e.message).join('; ')}.`,
		noOffer: () => 'No Sec-WebSocket-Extensions: the client offers no extensions.',
		declinedOffers: (
			declined: readonly { offer: ExtensionItem; problems: readonly DeflateProblem[] }[]
		) =>
			`${declined
				.map(
					(d) =>
						`In the offer ${q(formatExtension(d.offer))}, ${d.problems.map(deflateProblem).join(', ')}`
				)
				.join('. ')}. A server MUST decline such an offer (RFC 7692 §7.1), so the connection ` +
			`will not be compressed with it.`,
		offered: (items: readonly ExtensionItem[], notes: readonly ExtensionNote[]) => {
			const offered = items.map((i) => q(formatExtension(i))).join(', ');
			const said = notes.map((n) =>
				n.kind === 'pre-standard'
					? `${q(n.name)} is a pre-standard compression draft that current servers ignore`
					: `${q(n.name)} is not an extension this tool knows; a server that does not either ignores it`
			);
			return `The client offers ${offered}.${said.length > 0 ? ` Note: ${said.join('; ')}.` : ''}`;
		},
		noneSelected: (declinedDeflate: boolean) =>
			`No Sec-WebSocket-Extensions: no extension is in use.${
				declinedDeflate
					? ' The server declined permessage-deflate, so messages go uncompressed.'
					: ''
			}`,
		badSelection: (value: string, problems: readonly SelectedExtensionProblem[]) =>
			`Sec-WebSocket-Extensions ${q(value)}: ${problems.map(selectedExtensionProblem).join('; ')}; ` +
			`the client MUST fail the connection.`,
		selected: (items: readonly ExtensionItem[], haveRequest: boolean) =>
			`The server selects ${items.map((i) => q(formatExtension(i))).join(', ')}${
				haveRequest
					? ', which the client offered'
					: '; paste the request too, to check that it was offered'
			}.`
	},
	duplicates: {
		none: (names: readonly string[]) =>
			names.length === 1 ? `${names[0]} is not repeated.` : `None of ${and(names)} is repeated.`,
		repeated: (repeated: readonly { name: string; headers: readonly HttpHeader[] }[]) =>
			`${repeated
				.map((r) => `${r.name} appears ${r.headers.length} times (lines ${linesOf(r.headers)})`)
				.join('; ')}; each MUST appear at most once.`
	},
	syntax: {
		ok: (headerLines: number) =>
			`The start line and all ${plural(headerLines, 'header line')} are well-formed.`,
		malformed: (errors: readonly HttpParseError[]) => {
			const shown = errors.slice(0, 5).map((e) => `line ${e.line}: ${e.message}`);
			const more = errors.length > 5 ? ` (and ${errors.length - 5} more)` : '';
			return `${plural(errors.length, 'malformed line')}: ${shown.join(' ')}${more}`;
		}
	},
	lineEndings: {
		none: () => 'There are no line breaks to check.',
		crlf: () => 'Lines end in CRLF, as HTTP/1.1 requires.',
		lf: () => `Lines end in a bare LF, but HTTP/1.1 requires CRLF; ${LINE_ENDINGS_COMMON}.`,
		mixed: (firstBareLf?: number) =>
			`Line endings mix CRLF and bare LF (first bare LF on line ${firstBareLf}); HTTP/1.1 ` +
			`requires CRLF throughout.`
	},
	status: {
		notResponse: (res: ParsedHttp) =>
			res.kind === 'request'
				? `This is a request (${q(`${res.method ?? ''} ${res.target ?? ''}`.trim())}), not a response.`
				: 'There is no status line; it should look like "HTTP/1.1 101 Switching Protocols".',
		noCode: () => 'The status line has no three-digit status code; the handshake needs "101".',
		ok: (status: number, reason = '') =>
			`The status is ${q(`${status} ${reason}`.trim())}: the server accepts the upgrade.`,
		failed: (status: number, reason = '', listedVersions?: string) =>
			`The status is ${q(`${status} ${reason}`.trim())}, not 101, so the handshake failed and ` +
			`the client handles it as an ordinary HTTP response. ${status} means ` +
			`${statusMeaning(status, listedVersions)}.`,
		/** The header checks after a status other than 101. */
		skipped: (status: number) =>
			`Not checked: the status is ${status}, not 101, so the handshake already failed.`
	},
	accept: {
		missing: () => 'There is no Sec-WebSocket-Accept; the client MUST fail the connection.',
		repeated: (hs: readonly HttpHeader[]) =>
			`Sec-WebSocket-Accept appears ${hs.length} times (lines ${linesOf(hs)}); the client sees ` +
			`${q(hs.map((h) => h.value).join(', '))} and MUST fail the connection.`,
		noRequest: (value: string) =>
			`Sec-WebSocket-Accept is ${q(value)}; paste the request too, to check it against the key.`,
		unverifiable: (value: string, key: 'missing' | 'repeated') =>
			`Sec-WebSocket-Accept is ${q(value)}, but it cannot be verified: the request ${
				key === 'missing' ? 'has no Sec-WebSocket-Key' : 'has more than one Sec-WebSocket-Key'
			}.`,
		ok: (value: string, key: string) =>
			`Sec-WebSocket-Accept ${q(value)} is base64(SHA-1(key + GUID)) for the key ${q(key)}.`,
		wrong: (value: string, key: string, expected: string, mistake?: AcceptMistake) =>
			`Sec-WebSocket-Accept is ${q(value)}, but the key ${q(key)} gives ${q(expected)}, so the ` +
			`client MUST fail the connection.${mistake ? ` ${ACCEPT_MISTAKES[mistake]}` : ''}`
	},
	protocol: {
		noneSelected: (offered: readonly string[]) =>
			`The client offered ${quotedList(offered)} but the server selected none. RFC 6455 allows ` +
			`that, but browsers fail the connection when they offered subprotocols and none was ` +
			`selected (WHATWG).`,
		none: () => 'No Sec-WebSocket-Protocol: no subprotocol is in use.',
		severalSelected: (value: string) =>
			`Sec-WebSocket-Protocol is ${q(value)}; the server MUST select a single subprotocol, in ` +
			`one header.`,
		empty: () => 'Sec-WebSocket-Protocol is empty; omit it to select no subprotocol.',
		noRequest: (value: string) =>
			`The server selects ${q(value)}; paste the request too, to check that it was offered.`,
		ok: (value: string, offered: readonly string[]) =>
			`The server selects ${q(value)}, which the client offered (${quotedList(offered)}).`,
		notOffered: (value: string, offered: readonly string[], near?: string) =>
			`The server selects ${q(value)}, which the client did not offer (offered: ` +
			`${offered.length > 0 ? quotedList(offered) : 'none'}); the client MUST fail the ` +
			`connection.${
				near
					? ` It differs from the offered ${q(near)} only in case, and browsers compare exactly.`
					: ''
			}`
	},
	/** The inspector's one-line verdict over both sides' checks. */
	summary: (errors: number, warnings: number) => {
		const warned = plural(warnings, 'warning');
		if (errors > 0) {
			return (
				`✗ ${errors} ${errors === 1 ? 'check fails' : 'checks fail'}` +
				`${warnings ? `, ${warned}` : ''}: this handshake would not open a WebSocket.`
			);
		}
		if (warnings > 0) return `! No check fails; ${warned}.`;
		return '✓ Every check passes.';
	},
	/** What the inspector's empty boxes show: the start of a request and of a response. */
	placeholder: {
		request: 'GET /chat HTTP/1.1\nHost: example.com\nUpgrade: websocket\n…',
		response: 'HTTP/1.1 101 Switching Protocols\nUpgrade: websocket\n…'
	},
	/** The Accept calculator's steps (RFC 6455 §4.2.2 step 5.4) and its closing note. */
	acceptSteps: {
		key: (trimmed: boolean) =>
			`The key, as the client sent it${trimmed ? ' (surrounding spaces removed)' : ''}`,
		concatenate: () => 'Append the GUID from RFC 6455 §1.3',
		hash: (bytes: number) => `SHA-1 of those ${bytes} bytes: 20 bytes`,
		encode: () => 'base64 of the 20 bytes: the Sec-WebSocket-Accept value',
		note: () =>
			'The server proves it read this handshake as WebSocket by returning the value; it is not ' +
			'authentication and not a secret (RFC 6455 §1.3, §10).'
	}
};

/** The shape of the handshake's explanation module; another language implements it. */
export type HandshakeText = typeof handshakeText;
