/**
 * What a browser's WebSocket API allows and reports (WHATWG WebSockets Standard), as pure
 * functions the echo client uses before it calls the API and after the API reports back.
 */
import { isToken } from '../http/tokens';
import { clientText as say } from './client-text';
import { closeCodeInfo } from './close-codes';

const ENCODER = new TextEncoder();

/** Longest close reason a script may pass to close(): 123 bytes of UTF-8 (WS-API §3.1). */
export const MAX_CLOSE_REASON_BYTES = 123;

/** The outcome of checking an endpoint URL before connecting. */
export type EndpointCheck =
	{ ok: true; url: string; warnings: string[] } | { ok: false; error: string; warnings: string[] };

/**
 * Checks an endpoint the way `new WebSocket(url)` would (WS-API §3.1): an absolute ws: or wss:
 * URL (http: and https: are mapped as the standard does), no fragment. Also warns about what
 * the browser will refuse for other reasons, e.g. ws: from an https: page (mixed content).
 */
export function checkEndpoint(text: string, pageProtocol = 'http:'): EndpointCheck {
	const warnings: string[] = [];
	const trimmed = text.trim();
	if (trimmed === '') return { ok: false, error: say.endpointEmpty(), warnings };
	let url: URL;
	try {
		url = new URL(trimmed);
	} catch {
		return {
			ok: false,
			error: say.endpointNotUrl(trimmed),
			warnings
		};
	}
	if (url.protocol === 'http:' || url.protocol === 'https:') {
		const mapped = url.protocol === 'http:' ? 'ws:' : 'wss:';
		warnings.push(say.endpointMapped(url.protocol, mapped));
		url = new URL(mapped + trimmed.slice(url.protocol.length));
	}
	if (url.protocol !== 'ws:' && url.protocol !== 'wss:') {
		return {
			ok: false,
			error: say.endpointScheme(url.protocol),
			warnings
		};
	}
	if (url.hash !== '' || trimmed.includes('#')) {
		return {
			ok: false,
			error: say.endpointFragment(),
			warnings
		};
	}
	// Loopback is "potentially trustworthy" (Secure Contexts §3.2), so browsers exempt it.
	const loopback = /^(localhost|127(\.\d{1,3}){3}|\[::1\])$/.test(url.hostname);
	if (url.protocol === 'ws:' && pageProtocol === 'https:' && !loopback) {
		warnings.push(say.endpointMixedContent());
	}
	return { ok: true, url: url.href, warnings };
}

/** Checks `Sec-WebSocket-Protocol` values a user typed (comma-separated) as the API would. */
export function checkSubprotocols(
	text: string
): { ok: true; protocols: string[] } | { ok: false; error: string } {
	const protocols = text
		.split(',')
		.map((p) => p.trim())
		.filter((p) => p !== '');
	// Subprotocol names are tokens (RFC 6455 §4.1 item 10, RFC 9110 §5.6.2).
	const bad = protocols.find((p) => !isToken(p));
	if (bad !== undefined) {
		return {
			ok: false,
			error: say.subprotocolNotToken(bad)
		};
	}
	const seen = new Set<string>();
	for (const p of protocols) {
		if (seen.has(p)) return { ok: false, error: say.subprotocolTwice(p) };
		seen.add(p);
	}
	return { ok: true, protocols };
}

/** Checks a close() call before making it: code 1000 or 3000–4999, reason ≤ 123 UTF-8 bytes. */
export function checkCloseRequest(
	codeText: string,
	reason: string
):
	| { ok: true; code?: number; reason: string }
	| { ok: false; field: 'code' | 'reason'; error: string } {
	const typed = codeText.trim();
	let code: number | undefined;
	if (typed !== '') {
		code = Number(typed);
		if (!/^\d+$/.test(typed) || !(code === 1000 || (code >= 3000 && code <= 4999))) {
			return {
				ok: false,
				field: 'code',
				error: say.closeCodeNotAllowed(typed)
			};
		}
	}
	const bytes = ENCODER.encode(reason).length;
	if (bytes > MAX_CLOSE_REASON_BYTES) {
		return {
			ok: false,
			field: 'reason',
			error: say.closeReasonTooLong(bytes, MAX_CLOSE_REASON_BYTES)
		};
	}
	if (code === undefined && reason !== '') {
		return { ok: false, field: 'code', error: say.closeReasonWithoutCode() };
	}
	return { ok: true, code, reason };
}

/** What a CloseEvent means, in words: its code's name and an explanation. */
export function explainClose(
	event: { code: number; reason: string; wasClean: boolean },
	opened: boolean
) {
	const info = closeCodeInfo(event.code);
	const explanation =
		event.code === 1006
			? say.closed1006(opened)
			: event.code === 1005
				? say.closed1005()
				: event.code === 1015
					? say.closed1015()
					: say.closedOther(info.description, event.wasClean);
	return { name: info.name, explanation };
}

/** Round-trip statistics of a burst: min, median and 99th percentile, in milliseconds. */
export function roundTripStats(samples: readonly number[]) {
	if (samples.length === 0) return null;
	const sorted = [...samples].sort((a, b) => a - b);
	// Nearest-rank percentile: the smallest sample with at least p% of samples at or below it.
	const rank = (p: number) =>
		sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)];
	const middle = sorted.length >> 1;
	const median = sorted.length % 2 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
	return {
		count: sorted.length,
		min: sorted[0],
		median,
		p99: rank(99),
		max: sorted[sorted.length - 1]
	};
}

/** The names of readyState values (WS-API §3.1). */
export const READY_STATES = ['CONNECTING', 'OPEN', 'CLOSING', 'CLOSED'] as const;
