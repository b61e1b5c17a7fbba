/**
 * The WebSocket opening handshake (RFC 6455 §4): the Sec-WebSocket-Accept calculation, a tolerant
 * parser for pasted HTTP/1.1 messages, and checks of a request and a response against RFC 6455
 * §4.1, §4.2.1 and §4.2.2, RFC 7692 §7 (permessage-deflate) and the browser rules of the WHATWG
 * WebSockets standard.
 *
 * Runs in browsers and in Node alike: SHA-1 comes from WebCrypto and base64 is done here, so
 * there is no Node API and no DOM. Nothing throws on user input except `generateKey`, whose
 * contract is a RangeError for a wrong length, and `computeAccept`/`acceptSteps`, which reject
 * only when WebCrypto itself is missing (an insecure browser context).
 */

import { toHex } from '../bytes/hex';
import { hasToken, headersNamed, joinValues, listItems } from '../http/fields';
import { describeChar } from '../http/http-text';
import type { HttpHeader, ParsedHttp } from '../http/message';
import { firstNonTchar, isTchar, isToken } from '../http/tokens';

export {
	parseHttpMessage,
	splitExchange,
	type HttpHeader,
	type HttpParseError,
	type LineEndings,
	type ParsedHttp,
	type ParseOptions
} from '../http/message';

/** The fixed GUID a server appends to the client's key before hashing (RFC 6455 §1.3, §4.2.2). */
export const GUID = '258EAFA5-E914-47DA-95CA-C5AB0DC85B11';

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

/** Every intermediate value of the Sec-WebSocket-Accept calculation, for the calculator UI. */
export interface AcceptSteps {
	/** The key with surrounding whitespace removed, as a server reads it (§4.2.2 step 5.4). */
	key: string;
	/** `key + GUID`, the string that is hashed. */
	concatenated: string;
	/** The 20-byte SHA-1 digest in lower-case hex. */
	sha1Hex: string;
	/** The 20-byte SHA-1 digest. */
	sha1Bytes: Uint8Array;
	/** base64 of the digest: the Sec-WebSocket-Accept value. */
	accept: string;
}

/** One entry of the handshake gallery. */
export interface HandshakeExample {
	id: string;
	title: string;
	description: string;
	request?: string;
	response?: string;
	/** Ids of the checks that do not pass for this example (empty for a correct handshake). */
	failing: string[];
}

// Base64 (RFC 4648 §4) -------------------------------------------------------------------------

const B64 = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/';

/** Standard base64 with padding; written here so the module needs neither Buffer nor btoa. */
function toBase64(bytes: Uint8Array): string {
	let out = '';
	for (let i = 0; i < bytes.length; i += 3) {
		const a = bytes[i] ?? 0;
		const b = bytes[i + 1] ?? 0;
		const c = bytes[i + 2] ?? 0;
		const n = (a << 16) | (b << 8) | c;
		out += B64.charAt((n >> 18) & 63) + B64.charAt((n >> 12) & 63);
		out += i + 1 < bytes.length ? B64.charAt((n >> 6) & 63) : '=';
		out += i + 2 < bytes.length ? B64.charAt(n & 63) : '=';
	}
	return out;
}

type Base64Result =
	{ ok: true; bytes: Uint8Array; canonical: boolean } | { ok: false; reason: string };

/** Strict RFC 4648 §4 decoding: standard alphabet, padding required, no whitespace inside. */
function decodeBase64(text: string): Base64Result {
	for (let i = 0; i < text.length; i++) {
		const ch = text.charAt(i);
		if (B64.includes(ch) || ch === '=') continue;
		if (ch === '-' || ch === '_') {
			return { ok: false, reason: `"${ch}" at position ${i + 1} is base64url, not base64` };
		}
		return {
			ok: false,
			reason: `${JSON.stringify(ch)} at position ${i + 1} is not a base64 character`
		};
	}
	const pad = text.indexOf('=');
	if (pad >= 0 && !/^={1,2}$/.test(text.slice(pad))) {
		return { ok: false, reason: `"=" padding may only end the value, at most twice` };
	}
	if (text.length % 4 !== 0) {
		const missing = 4 - (text.length % 4);
		const hint =
			pad < 0 && missing <= 2 ? ` (the "${'='.repeat(missing)}" padding is missing)` : '';
		return { ok: false, reason: `its length ${text.length} is not a multiple of 4${hint}` };
	}
	const data = pad < 0 ? text : text.slice(0, pad);
	const bytes = new Uint8Array(Math.floor((data.length * 3) / 4));
	let bits = 0;
	let acc = 0;
	let o = 0;
	for (let i = 0; i < data.length; i++) {
		acc = (acc << 6) | B64.indexOf(data.charAt(i));
		bits += 6;
		if (bits >= 8) {
			bits -= 8;
			bytes[o++] = (acc >> bits) & 0xff;
		}
	}
	// Leftover bits must be zero in the canonical encoding (RFC 4648 §3.5).
	const canonical = (acc & ((1 << bits) - 1)) === 0;
	return { ok: true, bytes, canonical };
}

// The accept calculation (RFC 6455 §4.2.2 step 5.4) --------------------------------------------

/** SHA-1 through WebCrypto, which browsers expose only in secure contexts (https, localhost). */
async function sha1(text: string): Promise<Uint8Array> {
	const subtle = globalThis.crypto?.subtle;
	if (!subtle) {
		throw new Error('WebCrypto (crypto.subtle) is unavailable: it needs a secure context');
	}
	return new Uint8Array(await subtle.digest('SHA-1', new TextEncoder().encode(text)));
}

async function sha1Bytes(bytes: Uint8Array): Promise<Uint8Array> {
	const subtle = globalThis.crypto?.subtle;
	if (!subtle) throw new Error('WebCrypto (crypto.subtle) is unavailable');
	return new Uint8Array(await subtle.digest('SHA-1', new Uint8Array(bytes)));
}

/** Whitespace a server strips from the key before hashing (§4.2.2 step 5.4); pastes add CR/LF. */
function trimKey(key: string): string {
	return key.replace(/^[ \t\r\n]+|[ \t\r\n]+$/g, '');
}

/** Each step of base64(SHA-1(key + GUID)), with the key trimmed of surrounding whitespace. */
export async function acceptSteps(key: string): Promise<AcceptSteps> {
	const trimmed = trimKey(String(key));
	const concatenated = trimmed + GUID;
	const digest = await sha1(concatenated);
	return {
		key: trimmed,
		concatenated,
		sha1Hex: toHex(digest, ''),
		sha1Bytes: digest,
		accept: toBase64(digest)
	};
}

/** The Sec-WebSocket-Accept value for a key: base64(SHA-1(key + GUID)) via WebCrypto. */
export async function computeAccept(key: string): Promise<string> {
	return (await acceptSteps(key)).accept;
}

/** A Sec-WebSocket-Key from 16 random bytes (§4.1 item 7); a RangeError for any other length. */
export function generateKey(random: Uint8Array): string {
	if (!(random instanceof Uint8Array) || random.length !== 16) {
		const got = random instanceof Uint8Array ? `${random.length} bytes` : typeof random;
		throw new RangeError(`Sec-WebSocket-Key needs exactly 16 random bytes, got ${got}`);
	}
	return toBase64(random);
}

// Helpers for the checks -----------------------------------------------------------------------

/** A value for a message, shortened so a huge paste cannot flood the UI. */
function q(value: string, max = 80): string {
	return JSON.stringify(value.length > max ? `${value.slice(0, max - 1)}…` : value);
}

function pass(id: string, message: string, rfc: string, line?: number): Check {
	const check: Check = { id, ok: true, severity: 'info', message, rfc };
	if (line !== undefined) check.line = line;
	return check;
}

function fail(
	id: string,
	severity: 'error' | 'warning',
	message: string,
	rfc: string,
	line?: number
): Check {
	const check: Check = { id, ok: false, severity, message, rfc };
	if (line !== undefined) check.line = line;
	return check;
}

function skip(id: string, message: string, rfc: string): Check {
	return { ...pass(id, message, rfc), skipped: true };
}

function linesOf(hs: HttpHeader[]): string {
	return hs.map((h) => h.line).join(', ');
}

function plural(n: number, word: string): string {
	return `${n} ${word}${n === 1 ? '' : 's'}`;
}

// Sec-WebSocket-Extensions (RFC 6455 §9.1) -----------------------------------------------------

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

// extension-param = token [ "=" ( token / quoted-string ) ]; a quoted value must unescape to a
// token (RFC 6455 §9.1).
/** Parses a Sec-WebSocket-Extensions list of `ext-name *( ";" param [ "=" value ] )`. */
export function parseExtensions(
	value: string,
	line = 1
): { items: ExtensionItem[]; errors: string[] } {
	const items: ExtensionItem[] = [];
	const errors: string[] = [];
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
	const where = () =>
		pos < src.length ? `${describeChar(src.charAt(pos))} at position ${pos + 1}` : 'the end';
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
				errors.push(`expected an extension name but found ${where()}`);
				recover();
			} else {
				errors.push('an empty list element (senders MUST NOT generate these, RFC 9110 §5.6.1)');
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
					errors.push(`expected a parameter name after ";" in ${q(name)} but found ${where()}`);
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
						errors.push(`the quoted value of ${q(param)} is not closed`);
						break;
					}
					if (!isToken(paramValue)) {
						// RFC 6455 §9.1: after unescaping, a quoted value MUST still be a token.
						errors.push(`the quoted value ${q(paramValue)} of ${q(param)} is not a token`);
					}
				} else {
					paramValue = token();
					if (paramValue === '') {
						errors.push(`${q(param)} has "=" but no value`);
					}
				}
				item.params.push({ name: param, value: paramValue });
				ows();
			}
			if (pos < src.length && src[pos] !== ',') {
				errors.push(`unexpected ${where()} after ${q(name)}`);
				recover();
			}
		}
		if (pos >= src.length) break;
		pos++; // the comma
	}
	return { items, errors };
}

const DEFLATE = 'permessage-deflate';
const WINDOW_BITS = /^(8|9|1[0-5])$/;

/** Why permessage-deflate parameters are invalid in an offer or a response (RFC 7692 §7.1). */
function deflateProblems(params: ExtensionParam[], role: 'offer' | 'response'): string[] {
	const problems: string[] = [];
	const seen = new Set<string>();
	for (const p of params) {
		if (seen.has(p.name)) {
			problems.push(`${q(p.name)} appears twice`);
			continue;
		}
		seen.add(p.name);
		const shown = p.value === undefined ? p.name : `${p.name}=${p.value}`;
		switch (p.name) {
			case 'server_no_context_takeover':
			case 'client_no_context_takeover':
				if (p.value !== undefined)
					problems.push(`${q(p.name)} takes no value, but has ${q(p.value)}`);
				break;
			case 'server_max_window_bits':
				if (p.value === undefined)
					problems.push(`"server_max_window_bits" needs a value from 8 to 15`);
				else if (!WINDOW_BITS.test(p.value)) problems.push(`${q(shown)} is not 8 to 15`);
				break;
			case 'client_max_window_bits':
				// §7.1.2.2: an offer may send it bare ("I can take any value"); a response must pick one.
				if (p.value === undefined) {
					if (role === 'response')
						problems.push(`"client_max_window_bits" needs a value from 8 to 15 in a response`);
				} else if (!WINDOW_BITS.test(p.value)) problems.push(`${q(shown)} is not 8 to 15`);
				break;
			default: {
				const known = [
					'server_no_context_takeover',
					'client_no_context_takeover',
					'server_max_window_bits',
					'client_max_window_bits'
				].find((k) => k === p.name.toLowerCase());
				const hint = known
					? ` (parameter names are matched exactly: did you mean ${q(known)}?)`
					: '';
				problems.push(`${q(p.name)} is not a permessage-deflate parameter${hint}`);
			}
		}
	}
	return problems;
}

function formatExtension(item: ExtensionItem): string {
	return [
		item.name,
		...item.params.map((p) => (p.value === undefined ? p.name : `${p.name}=${p.value}`))
	].join('; ');
}

function parseExtensionHeaders(hs: HttpHeader[]): {
	items: ExtensionItem[];
	errors: { message: string; line: number }[];
} {
	const items: ExtensionItem[] = [];
	const errors: { message: string; line: number }[] = [];
	for (const h of hs) {
		const parsed = parseExtensions(h.value, h.line);
		items.push(...parsed.items);
		for (const message of parsed.errors) errors.push({ message, line: h.line });
	}
	return { items, errors };
}

// Request checks (RFC 6455 §4.1, §4.2.1) -------------------------------------------------------

function noRequestLine(req: ParsedHttp): string {
	if (req.kind === 'response') {
		return (
			`This is a response (${q(`${req.version ?? ''} ${req.status ?? ''}`.trim())}), not ` +
			`a request`
		);
	}
	return 'There is no request line; it should look like "GET /chat HTTP/1.1"';
}

function checkMethod(req: ParsedHttp): Check {
	const id = 'request.method';
	const rfc = 'RFC 6455 §4.1 item 2';
	if (req.kind !== 'request' || req.method === undefined) {
		return fail(id, 'error', `${noRequestLine(req)}.`, rfc, req.startLine);
	}
	const method = req.method;
	if (method === 'GET') {
		return pass(id, 'The method is "GET", as the handshake requires.', rfc, req.startLine);
	}
	if (method.toUpperCase() === 'GET') {
		return fail(
			id,
			'error',
			`The method is ${q(method)}; methods are case-sensitive (RFC 9110 §9.1) and it ` +
				'MUST be "GET".',
			rfc,
			req.startLine
		);
	}
	return fail(
		id,
		'error',
		`The method is ${q(method)}; the opening handshake MUST be a "GET".`,
		rfc,
		req.startLine
	);
}

function checkTarget(req: ParsedHttp): Check {
	const id = 'request.target';
	const rfc = 'RFC 6455 §4.1 item 3, §3';
	if (req.kind !== 'request' || req.target === undefined) {
		return fail(
			id,
			'error',
			`${noRequestLine(req)}, so there is no resource name.`,
			rfc,
			req.startLine
		);
	}
	const target = req.target;
	if (!/^[\x21-\x7e]+$/.test(target)) {
		return fail(
			id,
			'error',
			`The target ${q(target)} has characters that must be percent-encoded (RFC 3986).`,
			rfc,
			req.startLine
		);
	}
	if (target.includes('#')) {
		return fail(
			id,
			'error',
			`The target ${q(target)} has a fragment; fragments MUST NOT be used in WebSocket URIs.`,
			rfc,
			req.startLine
		);
	}
	if (target.startsWith('/')) {
		return pass(id, `The resource name is ${q(target)}.`, rfc, req.startLine);
	}
	if (/^https?:\/\/[^/?]+/i.test(target)) {
		return pass(
			id,
			`The target ${q(target)} is an absolute http(s) URI, which is allowed; its host must ` +
				`match Host.`,
			rfc,
			req.startLine
		);
	}
	if (/^wss?:/i.test(target)) {
		return fail(
			id,
			'error',
			`The target ${q(target)} is a ws/wss URI; the request line carries only its path, ` +
				'e.g. "/chat".',
			rfc,
			req.startLine
		);
	}
	return fail(
		id,
		'error',
		`The target ${q(target)} is neither a path starting with "/" nor an absolute http(s) URI.`,
		rfc,
		req.startLine
	);
}

function checkRequestVersion(req: ParsedHttp): Check {
	const id = 'request.version';
	const rfc = 'RFC 6455 §4.1 item 2';
	if (req.kind !== 'request') {
		return fail(id, 'error', `${noRequestLine(req)}.`, rfc, req.startLine);
	}
	if (req.version === undefined) {
		return fail(
			id,
			'error',
			'The request line has no HTTP version; the handshake needs "HTTP/1.1".',
			rfc,
			req.startLine
		);
	}
	const match = /^HTTP\/(\d+)(?:\.(\d+))?$/.exec(req.version);
	if (!match) {
		return fail(
			id,
			'error',
			`${q(req.version)} is not an HTTP version; the handshake needs "HTTP/1.1".`,
			rfc,
			req.startLine
		);
	}
	const major = Number(match[1]);
	const minor = Number(match[2] ?? 0);
	if (major === 1 && minor >= 1) {
		return pass(
			id,
			`${q(req.version)}: the handshake needs HTTP/1.1 or later.`,
			rfc,
			req.startLine
		);
	}
	if (major >= 2) {
		return fail(
			id,
			'warning',
			`${q(req.version)} has no Upgrade mechanism; over HTTP/2 WebSockets use extended CONNECT ` +
				`(RFC 8441), over HTTP/1.1 this request line.`,
			rfc,
			req.startLine
		);
	}
	return fail(
		id,
		'error',
		`${q(req.version)} is older than HTTP/1.1, which the handshake MUST use.`,
		rfc,
		req.startLine
	);
}

function checkHost(req: ParsedHttp): Check {
	const id = 'request.host';
	const rfc = 'RFC 6455 §4.1 item 4, §4.2.1 item 2';
	const hs = headersNamed(req, 'Host');
	const h = hs[0];
	if (!h) {
		return fail(
			id,
			'error',
			"There is no Host header; the request MUST name the server's authority in one.",
			rfc
		);
	}
	if (h.value === '')
		return fail(
			id,
			'error',
			"Host is empty; it MUST name the server's host (and port, if not the default).",
			rfc,
			h.line
		);
	if (/[ \t]/.test(h.value)) {
		return fail(id, 'error', `Host ${q(h.value)} contains whitespace.`, rfc, h.line);
	}
	return pass(id, `Host is ${q(h.value)}.`, rfc, h.line);
}

/**
 * A header whose comma list MUST hold `token` (matched case-insensitively), as Upgrade and
 * Connection must in a request and Connection must in a response.
 */
function requireToken(
	msg: ParsedHttp,
	id: string,
	name: string,
	token: string,
	rfc: string,
	consequence = ''
): Check {
	const hs = headersNamed(msg, name);
	const h = hs[0];
	if (!h) {
		return fail(
			id,
			'error',
			`There is no ${name} header, which MUST hold the token "${token}"${consequence}.`,
			rfc
		);
	}
	if (hasToken(hs, token)) {
		return pass(
			id,
			`${name} is ${q(joinValues(hs))}, which includes the token "${token}" (matched ` +
				`case-insensitively).`,
			rfc,
			h.line
		);
	}
	return fail(
		id,
		'error',
		`${name} is ${q(joinValues(hs))}, which has no "${token}" token in its comma list${consequence}.`,
		rfc,
		h.line
	);
}

const CLIENT_FAILS = ', so the client MUST fail the connection';

function checkUpgradeHeader(msg: ParsedHttp, side: 'request' | 'response'): Check {
	if (side === 'request') {
		return requireToken(
			msg,
			'request.upgrade',
			'Upgrade',
			'websocket',
			'RFC 6455 §4.1 item 5, §4.2.1 item 3'
		);
	}
	// §4.1 client step 2: the response's value must BE "websocket", not merely list it.
	const id = 'response.upgrade';
	const rfc = 'RFC 6455 §4.1 (client step 2), §4.2.2';
	const hs = headersNamed(msg, 'Upgrade');
	const h = hs[0];
	if (!h) return fail(id, 'error', `There is no Upgrade header${CLIENT_FAILS}.`, rfc);
	const value = joinValues(hs);
	if (value.toLowerCase() === 'websocket') return pass(id, `Upgrade is ${q(value)}.`, rfc, h.line);
	return fail(
		id,
		'error',
		`Upgrade is ${q(value)}, not "websocket" (case-insensitive)${CLIENT_FAILS}.`,
		rfc,
		h.line
	);
}

function checkConnectionHeader(msg: ParsedHttp, side: 'request' | 'response'): Check {
	return side === 'request'
		? requireToken(
				msg,
				'request.connection',
				'Connection',
				'Upgrade',
				'RFC 6455 §4.1 item 6, §4.2.1 item 4'
			)
		: requireToken(
				msg,
				'response.connection',
				'Connection',
				'Upgrade',
				'RFC 6455 §4.1 (client step 3), §4.2.2',
				CLIENT_FAILS
			);
}

/** The nonce RFC 6455 uses in its examples (§1.3, §4.2.2). */
const RFC_SAMPLE_KEY = 'dGhlIHNhbXBsZSBub25jZQ==';

function checkKey(req: ParsedHttp): Check {
	const id = 'request.key';
	const rfc = 'RFC 6455 §4.1 item 7, §4.2.1 item 5';
	const hs = headersNamed(req, 'Sec-WebSocket-Key');
	const h = hs[0];
	if (!h) {
		return fail(
			id,
			'error',
			'There is no Sec-WebSocket-Key; the request MUST carry a base64 nonce of 16 random bytes.',
			rfc
		);
	}
	if (hs.length > 1) {
		return fail(
			id,
			'error',
			`Sec-WebSocket-Key appears ${hs.length} times (lines ${linesOf(hs)}); it MUST appear ` +
				`once, or the server cannot know which nonce to answer.`,
			rfc,
			hs[1]!.line
		);
	}
	const verdict = inspectKey(h.value);
	return verdict.ok
		? pass(id, verdict.message, rfc, h.line)
		: fail(id, verdict.severity === 'warning' ? 'warning' : 'error', verdict.message, rfc, h.line);
}

/** A Sec-WebSocket-Key judged on its own (RFC 6455 §4.1 item 7): base64 of exactly 16 bytes. */
export function inspectKey(value: string): {
	ok: boolean;
	severity: Severity;
	message: string;
	/** The 16 (or however many) bytes the key decodes to, when it is base64. */
	bytes?: Uint8Array;
} {
	const decoded = decodeBase64(value);
	if (!decoded.ok) {
		return {
			ok: false,
			severity: 'error',
			message: `Sec-WebSocket-Key ${q(value)} is not valid base64: ${decoded.reason}.`
		};
	}
	if (decoded.bytes.length !== 16) {
		return {
			ok: false,
			severity: 'error',
			bytes: decoded.bytes,
			message:
				`Sec-WebSocket-Key ${q(value)} decodes to ${plural(decoded.bytes.length, 'byte')}; it ` +
				`MUST decode to 16 (24 characters ending in "==").`
		};
	}
	if (!decoded.canonical) {
		return {
			ok: false,
			severity: 'warning',
			bytes: decoded.bytes,
			message:
				`Sec-WebSocket-Key ${q(value)} decodes to 16 bytes, but its last character carries ` +
				`non-zero padding bits, which strict decoders reject (RFC 4648 §3.5).`
		};
	}
	if (value === RFC_SAMPLE_KEY) {
		return {
			ok: true,
			severity: 'info',
			bytes: decoded.bytes,
			message:
				`Sec-WebSocket-Key ${q(value)} is the sample nonce from RFC 6455; real clients pick 16 ` +
				`fresh random bytes for every connection.`
		};
	}
	return {
		ok: true,
		severity: 'info',
		bytes: decoded.bytes,
		message: `Sec-WebSocket-Key ${q(value)} is base64 of 16 bytes (${toHex(decoded.bytes, '')}).`
	};
}

function checkVersion13(req: ParsedHttp): Check {
	const id = 'request.version13';
	const rfc = 'RFC 6455 §4.1 item 9, §4.2.2, §4.4';
	const answer = 'a server answers 426 Upgrade Required with "Sec-WebSocket-Version: 13"';
	const hs = headersNamed(req, 'Sec-WebSocket-Version');
	const h = hs[0];
	if (!h) {
		return fail(
			id,
			'error',
			`There is no Sec-WebSocket-Version; it MUST be 13, and ${answer}.`,
			rfc
		);
	}
	if (hs.length > 1) {
		return fail(
			id,
			'error',
			`Sec-WebSocket-Version appears ${hs.length} times (lines ${linesOf(hs)}, ` +
				`${q(joinValues(hs))}); it MUST appear once, with 13.`,
			rfc,
			hs[1]!.line
		);
	}
	const value = h.value;
	if (value === '13') {
		return pass(id, 'Sec-WebSocket-Version is "13", the version of RFC 6455.', rfc, h.line);
	}
	let why = `${q(value)} is not a version number`;
	if (/^\d{1,3}$/.test(value)) {
		const n = Number(value);
		if (value.length > 1 && value.startsWith('0')) why = `${q(value)} has a leading zero`;
		else if (n >= 9 && n <= 12)
			why = `version ${n} was reserved but never used (drafts -09 to -12 kept version 8)`;
		else if (n < 13) why = `version ${n} belongs to a draft that preceded RFC 6455`;
		else why = `version ${n} is not defined; 13 is the only version in use`;
	}
	return fail(
		id,
		'error',
		`Sec-WebSocket-Version is ${q(value)}, but it MUST be "13": ${why}; ${answer} (§4.2.2, §4.4).`,
		rfc,
		h.line
	);
}

function checkOrigin(req: ParsedHttp): Check {
	const id = 'request.origin';
	const rfc = 'RFC 6455 §4.1 item 8, §10.2; WHATWG WebSockets';
	const hs = headersNamed(req, 'Origin');
	const h = hs[0];
	if (!h) {
		const legacy = headersNamed(req, 'Sec-WebSocket-Origin')[0];
		const note = legacy
			? ` (Sec-WebSocket-Origin on line ${legacy.line} is the pre-RFC draft header)`
			: '';
		return fail(
			id,
			'warning',
			`There is no Origin header${note}: browsers always send one, so this request is not from ` +
				`a browser. Other clients MAY omit it.`,
			rfc,
			legacy?.line
		);
	}
	if (hs.length > 1) {
		return fail(
			id,
			'warning',
			`Origin appears ${hs.length} times (lines ${linesOf(hs)}); a user agent sends exactly one ` +
				`(RFC 6454 §7).`,
			rfc,
			hs[1]!.line
		);
	}
	const advice =
		'servers SHOULD check it against an allow-list to prevent cross-site WebSocket hijacking ' +
		'(§10.2)';
	if (h.value === 'null') {
		return pass(
			id,
			`Origin is "null", an opaque origin (a sandboxed frame or a file: page); ${advice}.`,
			rfc,
			h.line
		);
	}
	if (!/^[A-Za-z][A-Za-z0-9+.-]*:\/\/[^/?#\s]+$/.test(h.value)) {
		return fail(
			id,
			'warning',
			`Origin ${q(h.value)} is not a serialized origin like "https://example.com" (RFC 6454 ` +
				`§6.2): no path, query or trailing slash.`,
			rfc,
			h.line
		);
	}
	return pass(id, `Origin is ${q(h.value)}; ${advice}.`, rfc, h.line);
}

/** Subprotocol names offered in a request, in order, with problems that break §4.1 item 10. */
function protocolOffer(req: ParsedHttp): {
	names: string[];
	problems: { message: string; line: number }[];
} {
	const names: string[] = [];
	const problems: { message: string; line: number }[] = [];
	for (const item of listItems(headersNamed(req, 'Sec-WebSocket-Protocol'))) {
		if (item.value === '') {
			problems.push({ message: 'an empty element', line: item.line });
			continue;
		}
		const bad = firstNonTchar(item.value);
		if (bad >= 0) {
			problems.push({
				message:
					`${q(item.value)} is not a token (it contains ` +
					`${describeChar(item.value.charAt(bad))})`,
				line: item.line
			});
		} else if (names.includes(item.value)) {
			problems.push({ message: `${q(item.value)} is offered twice`, line: item.line });
		}
		names.push(item.value);
	}
	return { names, problems };
}

function checkProtocolOffer(req: ParsedHttp): Check {
	const id = 'request.protocols';
	const rfc = 'RFC 6455 §4.1 item 10; WHATWG WebSockets';
	const hs = headersNamed(req, 'Sec-WebSocket-Protocol');
	if (hs.length === 0) {
		return pass(
			id,
			'No Sec-WebSocket-Protocol: the client offers no subprotocol (it is optional).',
			rfc
		);
	}
	const { names, problems } = protocolOffer(req);
	if (problems.length > 0) {
		return fail(
			id,
			'error',
			`Sec-WebSocket-Protocol ${q(joinValues(hs))} is malformed: ` +
				`${problems.map((p) => p.message).join('; ')}. Elements MUST be unique tokens (browsers ` +
				`throw a SyntaxError).`,
			rfc,
			problems[0]!.line
		);
	}
	return pass(
		id,
		`The client offers ${plural(names.length, 'subprotocol')}: ` +
			`${names.map((n) => q(n)).join(', ')}; the server may select one.`,
		rfc,
		hs[0]!.line
	);
}

/** The check that fails because Sec-WebSocket-Extensions does not parse. */
function malformedExtensions(
	id: string,
	rfc: string,
	hs: HttpHeader[],
	errors: { message: string; line: number }[]
): Check {
	return fail(
		id,
		'error',
		`Sec-WebSocket-Extensions ${q(joinValues(hs))} is malformed: ` +
			`${errors.map((e) => e.message).join('; ')}.`,
		rfc,
		errors[0]!.line
	);
}

function checkExtensionOffer(req: ParsedHttp): Check {
	const id = 'request.extensions';
	const rfc = 'RFC 6455 §4.1 item 11, §9.1; RFC 7692 §7.1';
	const hs = headersNamed(req, 'Sec-WebSocket-Extensions');
	if (hs.length === 0) {
		return pass(id, 'No Sec-WebSocket-Extensions: the client offers no extensions.', rfc);
	}
	const { items, errors } = parseExtensionHeaders(hs);
	if (errors.length > 0) {
		return malformedExtensions(id, rfc, hs, errors);
	}
	const warnings: { message: string; line: number }[] = [];
	const notes: string[] = [];
	for (const item of items) {
		if (item.name === DEFLATE) {
			const problems = deflateProblems(item.params, 'offer');
			if (problems.length > 0) {
				warnings.push({
					message: `In the offer ${q(formatExtension(item))}, ${problems.join(', ')}`,
					line: item.line
				});
			}
		} else if (/deflate-frame$/.test(item.name)) {
			notes.push(`${q(item.name)} is a pre-standard compression draft that current servers ignore`);
		} else {
			notes.push(
				`${q(item.name)} is not an extension this tool knows; a server that does not ` +
					'either ignores it'
			);
		}
	}
	const offered = items.map((i) => q(formatExtension(i))).join(', ');
	if (warnings.length > 0) {
		return fail(
			id,
			'warning',
			`${warnings.map((w) => w.message).join('. ')}. A server MUST decline such an offer (RFC ` +
				`7692 §7.1), so the connection will not be compressed with it.`,
			rfc,
			warnings[0]!.line
		);
	}
	const tail = notes.length > 0 ? ` Note: ${notes.join('; ')}.` : '';
	return pass(id, `The client offers ${offered}.${tail}`, rfc, hs[0]!.line);
}

function checkDuplicates(msg: ParsedHttp, side: 'request' | 'response'): Check {
	const id = `${side}.duplicates`;
	const names =
		side === 'request'
			? ['Host', 'Sec-WebSocket-Key', 'Sec-WebSocket-Version']
			: ['Sec-WebSocket-Accept'];
	const rfc = side === 'request' ? 'RFC 6455 §11.3.1, §11.3.5; RFC 9112 §3.2' : 'RFC 6455 §11.3.3';
	const repeated = names
		.map((name) => ({ name, hs: headersNamed(msg, name) }))
		.filter((entry) => entry.hs.length > 1);
	const first = repeated[0];
	if (!first) {
		const list =
			names.length === 1
				? names[0]
				: `${names.slice(0, -1).join(', ')} and ${names[names.length - 1]}`;
		const verdict =
			names.length === 1 ? `${list} is not repeated.` : `None of ${list} is repeated.`;
		return pass(id, verdict, rfc);
	}
	const parts = repeated.map(
		(r) => `${r.name} appears ${r.hs.length} times (lines ${linesOf(r.hs)})`
	);
	return fail(
		id,
		'error',
		`${parts.join('; ')}; each MUST appear at most once.`,
		rfc,
		first.hs[1]!.line
	);
}

function checkSyntax(msg: ParsedHttp, side: 'request' | 'response'): Check {
	const id = `${side}.syntax`;
	const rfc = 'RFC 9112 §2.2, §3, §4, §5.1, §5.2';
	const errors = msg.errors;
	const first = errors[0];
	if (!first) {
		return pass(
			id,
			`The start line and all ${plural(msg.headers.length, 'header line')} are well-formed.`,
			rfc,
			msg.startLine
		);
	}
	const shown = errors.slice(0, 5).map((e) => `line ${e.line}: ${e.message}`);
	const more = errors.length > 5 ? ` (and ${errors.length - 5} more)` : '';
	return fail(
		id,
		'error',
		`${plural(errors.length, 'malformed line')}: ${shown.join(' ')}${more}`,
		rfc,
		first.line
	);
}

function checkLineEndings(msg: ParsedHttp, side: 'request' | 'response'): Check {
	const id = `${side}.line-endings`;
	const rfc = 'RFC 9112 §2.2';
	if (msg.lineBreaks === 0) return pass(id, 'There are no line breaks to check.', rfc);
	if (msg.lineEndings === 'crlf') return pass(id, 'Lines end in CRLF, as HTTP/1.1 requires.', rfc);
	const common =
		'pasted text often loses its CRs, and many servers accept bare LF, but a strict one rejects it';
	if (msg.lineEndings === 'lf') {
		return fail(
			id,
			'warning',
			`Lines end in a bare LF, but HTTP/1.1 requires CRLF; ${common}.`,
			rfc,
			msg.bareLfLine
		);
	}
	return fail(
		id,
		'warning',
		`Line endings mix CRLF and bare LF (first bare LF on line ${msg.bareLfLine}); HTTP/1.1 ` +
			`requires CRLF throughout.`,
		rfc,
		msg.bareLfLine
	);
}

/** Checks a client's opening handshake against RFC 6455 §4.1 and §4.2.1, one check per id. */
export function checkUpgradeRequest(req: ParsedHttp): Check[] {
	return [
		checkMethod(req),
		checkTarget(req),
		checkRequestVersion(req),
		checkHost(req),
		checkUpgradeHeader(req, 'request'),
		checkConnectionHeader(req, 'request'),
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

// Response checks (RFC 6455 §4.1 client steps, §4.2.2) -----------------------------------------

const STATUS_MEANINGS: Record<number, string> = {
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

function checkStatus(res: ParsedHttp): Check {
	const id = 'response.status';
	const rfc = 'RFC 6455 §4.1 (client step 1), §4.2.2';
	if (res.kind !== 'response') {
		const line = `${res.method ?? ''} ${res.target ?? ''}`.trim();
		const what =
			res.kind === 'request'
				? `This is a request (${q(line)}), not a response`
				: 'There is no status line; it should look like "HTTP/1.1 101 Switching Protocols"';
		return fail(id, 'error', `${what}.`, rfc, res.startLine);
	}
	if (res.status === undefined) {
		return fail(
			id,
			'error',
			'The status line has no three-digit status code; the handshake needs "101".',
			rfc,
			res.startLine
		);
	}
	const shown = q(`${res.status} ${res.reason ?? ''}`.trim());
	if (res.status === 101) {
		return pass(id, `The status is ${shown}: the server accepts the upgrade.`, rfc, res.startLine);
	}
	let meaning = STATUS_MEANINGS[res.status];
	if (res.status === 426) {
		const versions = headersNamed(res, 'Sec-WebSocket-Version');
		if (versions.length > 0) meaning += `: ${q(joinValues(versions))}`;
	}
	if (meaning === undefined) {
		if (res.status >= 300 && res.status < 400) {
			meaning =
				'a redirect, which browsers do not follow for WebSockets: they fail the ' +
				'connection (WHATWG)';
		} else if (res.status >= 500) meaning = 'a server error';
		else meaning = 'any status but 101 means the server did not switch protocols';
	}
	return fail(
		id,
		'error',
		`The status is ${shown}, not 101, so the handshake failed and the client handles it as an ` +
			`ordinary HTTP response. ${res.status} means ${meaning}.`,
		rfc,
		res.startLine
	);
}

async function checkAccept(res: ParsedHttp, req?: ParsedHttp): Promise<Check> {
	const id = 'response.accept';
	const rfc = 'RFC 6455 §4.1 (client step 4), §4.2.2 step 5.4';
	const hs = headersNamed(res, 'Sec-WebSocket-Accept');
	const h = hs[0];
	if (!h) {
		return fail(
			id,
			'error',
			'There is no Sec-WebSocket-Accept; the client MUST fail the connection.',
			rfc
		);
	}
	if (hs.length > 1) {
		return fail(
			id,
			'error',
			`Sec-WebSocket-Accept appears ${hs.length} times (lines ${linesOf(hs)}); the client sees ` +
				`${q(joinValues(hs))} and MUST fail the connection.`,
			rfc,
			hs[1]!.line
		);
	}
	const value = h.value;
	if (!req) {
		return pass(
			id,
			`Sec-WebSocket-Accept is ${q(value)}; paste the request too, to check it against the key.`,
			rfc,
			h.line
		);
	}
	const keys = headersNamed(req, 'Sec-WebSocket-Key');
	if (keys.length !== 1) {
		const why =
			keys.length === 0 ? 'has no Sec-WebSocket-Key' : 'has more than one Sec-WebSocket-Key';
		return pass(
			id,
			`Sec-WebSocket-Accept is ${q(value)}, but it cannot be verified: the request ${why}.`,
			rfc,
			h.line
		);
	}
	const key = keys[0]!.value;
	let expected: string;
	try {
		expected = await computeAccept(key);
	} catch {
		return pass(
			id,
			`Sec-WebSocket-Accept is ${q(value)}; it cannot be verified here because WebCrypto is ` +
				`unavailable (it needs https or localhost).`,
			rfc,
			h.line
		);
	}
	if (value === expected) {
		return pass(
			id,
			`Sec-WebSocket-Accept ${q(value)} is base64(SHA-1(key + GUID)) for the key ${q(key)}.`,
			rfc,
			h.line
		);
	}
	const diagnosis = await diagnoseAccept(value, key, expected);
	return fail(
		id,
		'error',
		`Sec-WebSocket-Accept is ${q(value)}, but the key ${q(key)} gives ${q(expected)}, so the ` +
			`client MUST fail the connection.${diagnosis}`,
		rfc,
		h.line
	);
}

/** Names the usual server bug behind a wrong accept value, when it is one of them. */
async function diagnoseAccept(value: string, key: string, expected: string): Promise<string> {
	try {
		if (value.toLowerCase() === expected.toLowerCase()) {
			return ' The values differ only in letter case, and base64 is case-sensitive.';
		}
		const digest = await sha1(key + GUID);
		if (value.toLowerCase() === toHex(digest, '')) {
			return ' The server sent the SHA-1 digest in hex; it must be base64 of the 20 raw bytes.';
		}
		if (value === toBase64(new TextEncoder().encode(toHex(digest, ''))))
			return ' The server base64-encoded the hex digest instead of the 20 raw bytes.';
		if (value === toBase64(await sha1(key))) {
			return ' The server hashed the key without appending the GUID.';
		}
		if (value === toBase64(await sha1(key + GUID.toLowerCase()))) {
			return (
				' The server appended the GUID in lower case; it must be exactly ' +
				'"258EAFA5-E914-47DA-95CA-C5AB0DC85B11".'
			);
		}
		const decoded = decodeBase64(key);
		if (decoded.ok) {
			const guid = new TextEncoder().encode(GUID);
			const joinedBytes = new Uint8Array(decoded.bytes.length + guid.length);
			joinedBytes.set(decoded.bytes);
			joinedBytes.set(guid, decoded.bytes.length);
			if (value === toBase64(await sha1Bytes(joinedBytes))) {
				return (
					' The server hashed the decoded key bytes; the key is used as the base64 string ' +
					'it was sent as.'
				);
			}
		}
	} catch {
		// Diagnosis is a bonus; without WebCrypto the main verdict already stands.
	}
	return '';
}

function checkResponseProtocol(res: ParsedHttp, req?: ParsedHttp): Check {
	const id = 'response.protocol';
	const rfc = 'RFC 6455 §4.1 (client step 6), §4.2.2, §11.3.4; WHATWG WebSockets';
	const hs = headersNamed(res, 'Sec-WebSocket-Protocol');
	const offered = req ? protocolOffer(req).names : undefined;
	const offeredText = offered && offered.length > 0 ? offered.map((n) => q(n)).join(', ') : 'none';
	const h = hs[0];
	if (!h) {
		if (offered && offered.length > 0) {
			return fail(
				id,
				'warning',
				`The client offered ${offeredText} but the server selected none. RFC 6455 allows that, ` +
					`but browsers fail the connection when they offered subprotocols and none was selected ` +
					`(WHATWG).`,
				rfc
			);
		}
		return pass(id, 'No Sec-WebSocket-Protocol: no subprotocol is in use.', rfc);
	}
	const value = joinValues(hs);
	if (hs.length > 1 || value.includes(',')) {
		return fail(
			id,
			'error',
			`Sec-WebSocket-Protocol is ${q(value)}; the server MUST select a single subprotocol, in ` +
				`one header.`,
			rfc,
			(hs[1] ?? h).line
		);
	}
	if (value === '') {
		return fail(
			id,
			'error',
			'Sec-WebSocket-Protocol is empty; omit it to select no subprotocol.',
			rfc,
			h.line
		);
	}
	if (!offered)
		return pass(
			id,
			`The server selects ${q(value)}; paste the request too, to check that it was offered.`,
			rfc,
			h.line
		);
	if (offered.includes(value)) {
		return pass(
			id,
			`The server selects ${q(value)}, which the client offered (${offeredText}).`,
			rfc,
			h.line
		);
	}
	const near = offered.find((n) => n.toLowerCase() === value.toLowerCase());
	const hint = near
		? ` It differs from the offered ${q(near)} only in case, and browsers compare exactly.`
		: '';
	return fail(
		id,
		'error',
		`The server selects ${q(value)}, which the client did not offer (offered: ${offeredText}); ` +
			`the client MUST fail the connection.${hint}`,
		rfc,
		h.line
	);
}

function checkResponseExtensions(res: ParsedHttp, req?: ParsedHttp): Check {
	const id = 'response.extensions';
	const rfc = 'RFC 6455 §4.1 (client step 5), §4.2.2; RFC 7692 §7.1';
	const hs = headersNamed(res, 'Sec-WebSocket-Extensions');
	const offers = req
		? parseExtensionHeaders(headersNamed(req, 'Sec-WebSocket-Extensions')).items
		: undefined;
	if (hs.length === 0) {
		const declined = offers?.some((o) => o.name === DEFLATE)
			? ' The server declined permessage-deflate, so messages go uncompressed.'
			: '';
		return pass(id, `No Sec-WebSocket-Extensions: no extension is in use.${declined}`, rfc);
	}
	const { items, errors } = parseExtensionHeaders(hs);
	if (errors.length > 0) {
		return malformedExtensions(id, rfc, hs, errors);
	}
	const problems: { message: string; line: number }[] = [];
	const seen = new Set<string>();
	for (const item of items) {
		if (seen.has(item.name))
			problems.push({ message: `${q(item.name)} is selected twice`, line: item.line });
		seen.add(item.name);
		if (offers && !offers.some((o) => o.name === item.name)) {
			const near = offers.find((o) => o.name.toLowerCase() === item.name.toLowerCase());
			const hint = near ? ` (the offer spells it ${q(near.name)})` : '';
			problems.push({ message: `${q(item.name)} was not offered${hint}`, line: item.line });
			continue;
		}
		if (item.name !== DEFLATE) continue;
		for (const p of deflateProblems(item.params, 'response'))
			problems.push({ message: p, line: item.line });
		const deflateOffers = offers?.filter((o) => o.name === DEFLATE) ?? [];
		const asked = deflateOffers.some((o) =>
			o.params.some((p) => p.name === 'client_max_window_bits')
		);
		if (offers && !asked && item.params.some((p) => p.name === 'client_max_window_bits')) {
			// §7.1.2.2: a client that did not offer it may not support a smaller window.
			problems.push({
				message: '"client_max_window_bits" is in the response, but the client did not offer it',
				line: item.line
			});
		}
	}
	if (problems.length > 0) {
		return fail(
			id,
			'error',
			`Sec-WebSocket-Extensions ${q(joinValues(hs))}: ${problems.map((p) => p.message).join('; ')}; ` +
				`the client MUST fail the connection.`,
			rfc,
			problems[0]!.line
		);
	}
	const used = items.map((i) => q(formatExtension(i))).join(', ');
	const tail = offers
		? ', which the client offered'
		: '; paste the request too, to check that it was offered';
	return pass(id, `The server selects ${used}${tail}.`, rfc, hs[0]!.line);
}

// With the request, the accept value, subprotocol and extensions are checked against it too.
/** Checks a server's response against RFC 6455 §4.1 (the client's checks) and §4.2.2. */
export async function checkUpgradeResponse(res: ParsedHttp, req?: ParsedHttp): Promise<Check[]> {
	const status = checkStatus(res);
	// Once the status is not 101 the client stops there (§4.1), so the header checks are moot.
	const moot = res.kind === 'response' && res.status !== undefined && res.status !== 101;
	const skipped = (id: string, rfc: string) =>
		skip(
			id,
			`Not checked: the status is ${res.status}, not 101, so the handshake already failed.`,
			rfc
		);
	return [
		status,
		moot ? skipped('response.upgrade', 'RFC 6455 §4.1') : checkUpgradeHeader(res, 'response'),
		moot ? skipped('response.connection', 'RFC 6455 §4.1') : checkConnectionHeader(res, 'response'),
		moot ? skipped('response.accept', 'RFC 6455 §4.1') : await checkAccept(res, req),
		moot ? skipped('response.protocol', 'RFC 6455 §4.1') : checkResponseProtocol(res, req),
		moot ? skipped('response.extensions', 'RFC 6455 §4.1') : checkResponseExtensions(res, req),
		checkDuplicates(res, 'response'),
		checkSyntax(res, 'response'),
		checkLineEndings(res, 'response')
	];
}

// The gallery ----------------------------------------------------------------------------------

/** An HTTP head from its lines: CRLF after each line and the empty line that ends it. */
function http(...lines: string[]): string {
	return `${lines.join('\r\n')}\r\n\r\n`;
}

const CHROME_UA =
	'Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/126.0.0.0 ' +
	'Safari/537.36';

const BROWSER_REQUEST = http(
	'GET /chat HTTP/1.1',
	'Host: example.com',
	'Connection: Upgrade',
	'Pragma: no-cache',
	'Cache-Control: no-cache',
	`User-Agent: ${CHROME_UA}`,
	'Upgrade: websocket',
	'Origin: https://example.com',
	'Sec-WebSocket-Version: 13',
	'Accept-Encoding: gzip, deflate, br, zstd',
	'Accept-Language: en-US,en;q=0.9',
	'Sec-WebSocket-Key: x3JJHMbDL1EzLkh9GBhXDw==',
	'Sec-WebSocket-Extensions: permessage-deflate; client_max_window_bits'
);

/** A plain request from a non-browser client offering two subprotocols, for the broken examples. */
function clientRequest(key: string, extra: string[] = [], host = true): string {
	return http(
		'GET /chat HTTP/1.1',
		...(host ? ['Host: server.example.com'] : []),
		'Upgrade: websocket',
		'Connection: Upgrade',
		`Sec-WebSocket-Key: ${key}`,
		'Origin: https://example.com',
		...extra
	);
}

/** Examples for the handshake gallery: valid exchanges first, then one broken rule each. */
export const HANDSHAKE_EXAMPLES: readonly HandshakeExample[] = [
	{
		id: 'browser-request',
		title: 'A browser opens a WebSocket',
		description:
			'What Chrome sends for new WebSocket("wss://example.com/chat"): Origin, a fresh key, and ' +
			'an offer of permessage-deflate.',
		request: BROWSER_REQUEST,
		failing: []
	},
	{
		id: 'browser-101',
		title: 'The server accepts: 101 Switching Protocols',
		description:
			'A correct answer to the browser: the accept value is base64(SHA-1(key + GUID)), and ' +
			'permessage-deflate is accepted with a 15-bit client window.',
		request: BROWSER_REQUEST,
		response: http(
			'HTTP/1.1 101 Switching Protocols',
			'Upgrade: websocket',
			'Connection: Upgrade',
			'Sec-WebSocket-Accept: HSmrc0sMlYUkAGmm5OPpG2HaGWk=',
			'Sec-WebSocket-Extensions: permessage-deflate; client_max_window_bits=15'
		),
		failing: []
	},
	{
		id: 'rfc-6455',
		title: 'The example of RFC 6455 §1.2 and §1.3',
		description:
			'The handshake of the RFC itself, with its sample nonce and the "chat" subprotocol.',
		request: http(
			'GET /chat HTTP/1.1',
			'Host: server.example.com',
			'Upgrade: websocket',
			'Connection: Upgrade',
			'Sec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==',
			'Origin: http://example.com',
			'Sec-WebSocket-Protocol: chat, superchat',
			'Sec-WebSocket-Version: 13'
		),
		response: http(
			'HTTP/1.1 101 Switching Protocols',
			'Upgrade: websocket',
			'Connection: Upgrade',
			'Sec-WebSocket-Accept: s3pPLMBiTxaQ9kYGzzhZRbK+xOo=',
			'Sec-WebSocket-Protocol: chat'
		),
		failing: []
	},
	{
		id: 'wrong-accept',
		title: 'Broken: the wrong Sec-WebSocket-Accept',
		description:
			'The server hashed the key without appending the GUID, so the client fails the connection.',
		request: clientRequest('j7N59byKeF6zSZI3W5jc0g==', ['Sec-WebSocket-Version: 13']),
		response: http(
			'HTTP/1.1 101 Switching Protocols',
			'Upgrade: websocket',
			'Connection: Upgrade',
			'Sec-WebSocket-Accept: 3bo8dn/yzLNfVY5M3w1B8Ir+EDc='
		),
		failing: ['response.accept']
	},
	{
		id: 'missing-connection',
		title: 'Broken: no Connection header in the 101',
		description:
			'A hand-written server forgot "Connection: Upgrade"; the client MUST fail the connection.',
		request: clientRequest('BNAIOWneE0dbASEjL3GLPQ==', ['Sec-WebSocket-Version: 13']),
		response: http(
			'HTTP/1.1 101 Switching Protocols',
			'Upgrade: websocket',
			'Sec-WebSocket-Accept: +b2uqr1fvIeSDDNE/MJx+KFgjLw='
		),
		failing: ['response.connection']
	},
	{
		id: 'version-8',
		title: 'Broken: Sec-WebSocket-Version 8',
		description:
			'A client speaking a pre-RFC draft; the server answers 426 and lists the version it speaks.',
		request: clientRequest('x8CVMStNFiYyoJQ8peBggQ==', ['Sec-WebSocket-Version: 8']),
		response: http(
			'HTTP/1.1 426 Upgrade Required',
			'Upgrade: websocket',
			'Sec-WebSocket-Version: 13',
			'Content-Length: 0'
		),
		failing: ['request.version13', 'response.status']
	},
	{
		id: 'unoffered-subprotocol',
		title: 'Broken: a subprotocol the client never offered',
		description: 'The client offers "chat" and "superchat"; the server picks "graphql-ws" anyway.',
		request: clientRequest('l14G1b7SN7YadoTElOoO+g==', [
			'Sec-WebSocket-Protocol: chat, superchat',
			'Sec-WebSocket-Version: 13'
		]),
		response: http(
			'HTTP/1.1 101 Switching Protocols',
			'Upgrade: websocket',
			'Connection: Upgrade',
			'Sec-WebSocket-Accept: yEcbX5pHgmO52TQjziRuzcPGbtg=',
			'Sec-WebSocket-Protocol: graphql-ws'
		),
		failing: ['response.protocol']
	},
	{
		id: 'status-200',
		title: 'Broken: 200 OK instead of 101',
		description:
			'The server served a web page: the path has no WebSocket endpoint, or a proxy dropped the ' +
			'upgrade.',
		request: clientRequest('c4liFvNwXif8p0FJOY4EMA==', ['Sec-WebSocket-Version: 13']),
		response:
			http('HTTP/1.1 200 OK', 'Content-Type: text/html; charset=utf-8', 'Content-Length: 46') +
			'<!doctype html><title>Chat</title><p>Hello</p>',
		failing: ['response.status']
	},
	{
		id: 'missing-host',
		title: 'Broken: no Host header',
		description: 'A hand-written client left out Host, which every HTTP/1.1 request MUST carry.',
		request: clientRequest('dvMEgw4u0Ng7BJDJLB4vkQ==', ['Sec-WebSocket-Version: 13'], false),
		failing: ['request.host']
	}
];
