/**
 * What a TCP connection carries, from the start of its two streams: a WebSocket connection (an
 * HTTP/1.1 request with Upgrade: websocket answered by 101, RFC 6455 §4), HTTP/1.1 (RFC 9112),
 * TLS (a record header, RFC 8446 §5.1), or something else. The HTTP heads are read by the
 * project's HTTP parser and the TLS record by the packet decoder's payload recogniser.
 */
import { hasToken, headersNamed } from '../http/fields';
import { parseHttpMessage } from '../http/message';
import { recognisePayload } from '../packet/payload';
import type { StreamProtocol } from './follow-types';

/** The most of a stream read to find an HTTP head. */
const HEAD_LIMIT = 64 * 1024;

/** Index just past the empty line that ends an HTTP head (CRLF CRLF, or a bare LF LF). */
function headEnd(bytes: Uint8Array): number | undefined {
	const limit = Math.min(bytes.length, HEAD_LIMIT);
	for (let i = 0; i + 1 < limit; i++) {
		if (bytes[i] !== 0x0a) continue;
		if (bytes[i + 1] === 0x0a) return i + 2;
		if (bytes[i + 1] === 0x0d && bytes[i + 2] === 0x0a) return i + 3;
	}
	return undefined;
}

// HTTP heads are ASCII; other bytes only need to stay one character each.
const decoder = new TextDecoder('latin1');
const latin1 = (bytes: Uint8Array) => decoder.decode(bytes);

/** RFC 9112 §3 request-line and §4 status-line, as the first line of a stream. */
const START_LINE = {
	request: /^[!#$%&'*+.^_`|~0-9A-Za-z-]+ [!-~]+ HTTP\/\d\.\d\r?$/,
	response: /^HTTP\/\d\.\d \d{3}(?: [^\r\n]*)?\r?$/
};

/** The HTTP head at the start of a stream, when it starts with a request or status line. */
function head(bytes: Uint8Array, kind: 'request' | 'response') {
	const lineEnd = bytes.subarray(0, 8193).indexOf(0x0a);
	if (lineEnd < 0 || lineEnd > 8192) return undefined;
	if (!START_LINE[kind].test(latin1(bytes.subarray(0, lineEnd)))) return undefined;
	const end = headEnd(bytes);
	const message = parseHttpMessage(latin1(bytes.subarray(0, end ?? Math.min(bytes.length, 8192))));
	return message.kind === kind ? { message, end } : undefined;
}

/** The protocol of a connection and where its HTTP heads end. */
export function recogniseStreams(
	client: Uint8Array,
	server: Uint8Array
): {
	protocol: StreamProtocol;
	http?: { requestEnd?: number; responseEnd?: number; status?: number };
} {
	const request = head(client, 'request');
	const response = head(server, 'response');
	if (request || response) {
		const http: { requestEnd?: number; responseEnd?: number; status?: number } = {};
		if (request?.end !== undefined) http.requestEnd = request.end;
		if (response?.end !== undefined) http.responseEnd = response.end;
		if (response?.message.status !== undefined) http.status = response.message.status;
		const upgrade = request && hasToken(headersNamed(request.message, 'upgrade'), 'websocket');
		return { protocol: upgrade && http.status === 101 ? 'websocket' : 'http', http };
	}
	// A TLS record starts with a content type 20–24 and major version 3 (RFC 8446 §5.1); the
	// packet decoder's recogniser checks the rest of the header.
	const tls = (bytes: Uint8Array) =>
		bytes.length >= 5 &&
		bytes[0] >= 20 &&
		bytes[0] <= 24 &&
		bytes[1] === 3 &&
		recognisePayload(bytes.subarray(0, 5), true).kind === 'tls';
	if (tls(client) || tls(server)) return { protocol: 'tls' };
	return { protocol: 'other' };
}
