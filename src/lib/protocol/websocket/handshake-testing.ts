/**
 * Fixtures the handshake tests share: the RFC 6455 §1.3 request and response as numbered lines,
 * a way to edit one header and know its line, and node:crypto as the independent oracle for
 * Sec-WebSocket-Accept. Imported by tests only.
 */

import { createHash } from 'node:crypto';
import fc from 'fast-check';
import { expect } from 'vitest';
import { parseHttpMessage } from '../http/message';
import { GUID } from './accept';
import type { Check } from './check';
import { checkUpgradeRequest } from './request-checks';
import { checkUpgradeResponse } from './response-checks';

/** The sample key of RFC 6455 §1.3. */
export const RFC_KEY = 'dGhlIHNhbXBsZSBub25jZQ==';
/** The accept value RFC 6455 §1.3 gives for that key, verbatim. */
export const RFC_ACCEPT = 's3pPLMBiTxaQ9kYGzzhZRbK+xOo=';

/** base64(SHA-1(key + GUID)) by node:crypto, an implementation independent of the module's. */
export function nodeAccept(key: string): string {
	return createHash('sha1')
		.update(key + GUID)
		.digest('base64');
}

/** A head from its lines, CRLF-terminated, with the empty line that ends it. */
export function head(lines: string[]): string {
	return `${lines.join('\r\n')}\r\n\r\n`;
}

/**
 * Replaces, removes (null) or appends header lines, keeping every other line where it was, so a
 * test can name the line a check must point at.
 */
export function edit(lines: string[], changes: Record<string, string | null>): string[] {
	const out = [...lines];
	for (const [name, value] of Object.entries(changes)) {
		const index = out.findIndex((l) => l.toLowerCase().startsWith(`${name.toLowerCase()}:`));
		if (value === null) {
			if (index >= 0) out.splice(index, 1);
		} else if (index >= 0) out[index] = `${name}: ${value}`;
		else out.push(`${name}: ${value}`);
	}
	return out;
}

/** Line 1 the request line, then Host (2), Upgrade (3), Connection (4), Key (5), Origin (6), Version (7). */
export const REQUEST = [
	'GET /chat HTTP/1.1',
	'Host: server.example.com',
	'Upgrade: websocket',
	'Connection: Upgrade',
	`Sec-WebSocket-Key: ${RFC_KEY}`,
	'Origin: https://example.com',
	'Sec-WebSocket-Version: 13'
];

/** Line 1 the status line, then Upgrade (2), Connection (3), Accept (4). */
export const RESPONSE = [
	'HTTP/1.1 101 Switching Protocols',
	'Upgrade: websocket',
	'Connection: Upgrade',
	`Sec-WebSocket-Accept: ${RFC_ACCEPT}`
];

/** The check `id` in `checks`; throws, naming the ids there are, when it is missing. */
export function find(checks: Check[], id: string): Check {
	const check = checks.find((c) => c.id === id);
	if (!check) throw new Error(`no check ${id} in ${checks.map((c) => c.id).join(', ')}`);
	return check;
}

/** The check `id` for the base request with `changes`, and optionally another start line. */
export function requestCheck(
	id: string,
	changes: Record<string, string | null> = {},
	start?: string
): Check {
	const lines = edit(REQUEST, changes);
	if (start !== undefined) lines[0] = start;
	return find(checkUpgradeRequest(parseHttpMessage(head(lines))), id);
}

/** The check `id` for the base response with `changes`, against the base request (or `request`). */
export function responseCheck(
	id: string,
	changes: Record<string, string | null> = {},
	options: { start?: string; request?: string[] | null } = {}
): Check {
	const lines = edit(RESPONSE, changes);
	if (options.start !== undefined) lines[0] = options.start;
	const req =
		options.request === null ? undefined : parseHttpMessage(head(options.request ?? REQUEST));
	return find(checkUpgradeResponse(parseHttpMessage(head(lines)), req), id);
}

/** Asserts that a check does not pass, with the given severity. */
export function failed(check: Check, severity: 'error' | 'warning' = 'error'): void {
	expect(check.ok, check.message).toBe(false);
	expect(check.severity).toBe(severity);
}

/** Asserts that a check passes. */
export function passed(check: Check): void {
	expect(check.ok, check.message).toBe(true);
	expect(check.severity).toBe('info');
}

/** Every check list has unique ids, and ok exactly when the severity is info. */
export function wellFormed(checks: Check[]): void {
	expect(new Set(checks.map((c) => c.id)).size).toBe(checks.length);
	for (const c of checks) {
		expect(c.ok).toBe(c.severity === 'info');
		expect(typeof c.message).toBe('string');
		expect(c.message.length).toBeGreaterThan(0);
		if (c.line !== undefined) expect(c.line).toBeGreaterThanOrEqual(1);
	}
}

/** Fragments that steer random text into the parser's and checks' deeper branches. */
const fragment = fc.constantFrom(
	'GET /chat HTTP/1.1',
	'HTTP/1.1 101 Switching Protocols',
	'HTTP/1.1 426 x',
	'HTTP/',
	'Host: h',
	'Upgrade: websocket',
	'Connection: Upgrade',
	`Sec-WebSocket-Key: ${RFC_KEY}`,
	`Sec-WebSocket-Accept: ${RFC_ACCEPT}`,
	'Sec-WebSocket-Version: ',
	'Sec-WebSocket-Protocol: ',
	'Sec-WebSocket-Extensions: ',
	'permessage-deflate',
	'client_max_window_bits',
	'server_max_window_bits',
	'Origin: ',
	';',
	'=',
	'"',
	'\\',
	',',
	':',
	' ',
	'\t',
	'\r',
	'\n',
	'\r\n',
	'\u0000',
	'\ud800'
);

/** Any string, but mostly ones that look like a handshake and break it somewhere. */
export const anyText: fc.Arbitrary<string> = fc.oneof(
	fc.string({ unit: 'binary', maxLength: 200 }),
	fc
		.array(fc.oneof(fragment, fc.string({ maxLength: 6 })), { maxLength: 40 })
		.map((parts) => parts.join(''))
);
