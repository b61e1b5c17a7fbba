/**
 * The handshake gallery: real and broken upgrade exchanges, each with the verdict the checks
 * must reach (`../galleries.test.ts` runs every one). Valid exchanges come first, then one
 * broken rule each.
 */
import { VALID, type Example } from '../examples';
import type { HandshakeInput } from './handshake';

export type { HandshakeInput } from './handshake';

/** One entry of the handshake gallery. */
export type HandshakeExample = Example<HandshakeInput>;

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

/** A plain request from a non-browser client, for the broken examples; `extra` lines go last. */
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
		input: { request: BROWSER_REQUEST },
		expect: VALID
	},
	{
		id: 'browser-101',
		title: 'The server accepts: 101 Switching Protocols',
		description:
			'A correct answer to the browser: the accept value is base64(SHA-1(key + GUID)), and ' +
			'permessage-deflate is accepted with a 15-bit client window.',
		input: {
			request: BROWSER_REQUEST,
			response: http(
				'HTTP/1.1 101 Switching Protocols',
				'Upgrade: websocket',
				'Connection: Upgrade',
				'Sec-WebSocket-Accept: HSmrc0sMlYUkAGmm5OPpG2HaGWk=',
				'Sec-WebSocket-Extensions: permessage-deflate; client_max_window_bits=15'
			)
		},
		expect: VALID
	},
	{
		id: 'rfc-6455',
		title: 'The example of RFC 6455 §1.2 and §1.3',
		description:
			'The handshake of the RFC itself, with its sample nonce and the "chat" subprotocol.',
		source: 'RFC 6455 §1.2, §1.3',
		input: {
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
			)
		},
		expect: VALID
	},
	{
		id: 'wrong-accept',
		title: 'Broken: the wrong Sec-WebSocket-Accept',
		description:
			'The server hashed the key without appending the GUID, so the client fails the connection.',
		input: {
			request: clientRequest('j7N59byKeF6zSZI3W5jc0g==', ['Sec-WebSocket-Version: 13']),
			response: http(
				'HTTP/1.1 101 Switching Protocols',
				'Upgrade: websocket',
				'Connection: Upgrade',
				'Sec-WebSocket-Accept: 3bo8dn/yzLNfVY5M3w1B8Ir+EDc='
			)
		},
		expect: { ok: false, failing: ['response.accept'] }
	},
	{
		id: 'missing-connection',
		title: 'Broken: no Connection header in the 101',
		description:
			'A hand-written server forgot "Connection: Upgrade"; the client MUST fail the connection.',
		input: {
			request: clientRequest('BNAIOWneE0dbASEjL3GLPQ==', ['Sec-WebSocket-Version: 13']),
			response: http(
				'HTTP/1.1 101 Switching Protocols',
				'Upgrade: websocket',
				'Sec-WebSocket-Accept: +b2uqr1fvIeSDDNE/MJx+KFgjLw='
			)
		},
		expect: { ok: false, failing: ['response.connection'] }
	},
	{
		id: 'version-8',
		title: 'Broken: Sec-WebSocket-Version 8',
		description:
			'A client speaking a pre-RFC draft; the server answers 426 and lists the version it speaks.',
		input: {
			request: clientRequest('x8CVMStNFiYyoJQ8peBggQ==', ['Sec-WebSocket-Version: 8']),
			response: http(
				'HTTP/1.1 426 Upgrade Required',
				// A sender of Upgrade MUST also send the "upgrade" connection option (RFC 9110 §7.8).
				'Upgrade: websocket',
				'Connection: Upgrade',
				'Sec-WebSocket-Version: 13',
				'Content-Length: 0'
			)
		},
		expect: { ok: false, failing: ['request.version13', 'response.status'] }
	},
	{
		id: 'unoffered-subprotocol',
		title: 'Broken: a subprotocol the client never offered',
		description: 'The client offers "chat" and "superchat"; the server picks "graphql-ws" anyway.',
		input: {
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
			)
		},
		expect: { ok: false, failing: ['response.protocol'] }
	},
	{
		id: 'status-200',
		title: 'Broken: 200 OK instead of 101',
		description:
			'The server served a web page: the path has no WebSocket endpoint, or a proxy dropped the ' +
			'upgrade.',
		input: {
			request: clientRequest('c4liFvNwXif8p0FJOY4EMA==', ['Sec-WebSocket-Version: 13']),
			response:
				http('HTTP/1.1 200 OK', 'Content-Type: text/html; charset=utf-8', 'Content-Length: 46') +
				'<!doctype html><title>Chat</title><p>Hello</p>'
		},
		expect: { ok: false, failing: ['response.status'] }
	},
	{
		id: 'missing-host',
		title: 'Broken: no Host header',
		description: 'A hand-written client left out Host, which every HTTP/1.1 request MUST carry.',
		input: {
			request: clientRequest('dvMEgw4u0Ng7BJDJLB4vkQ==', ['Sec-WebSocket-Version: 13'], false)
		},
		expect: { ok: false, failing: ['request.host'] }
	}
];
