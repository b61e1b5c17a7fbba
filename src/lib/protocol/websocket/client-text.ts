/**
 * Every sentence the browser-API rules (client-rules.ts) and the Frame Builder's form checks
 * (builder.ts) write, in English, in one place.
 */
import { groupDigits } from '../bytes/text';

/** What the browser API refuses or reports (WHATWG WebSockets Standard, "WS-API"). */
export const clientText = {
	endpointEmpty: () => 'Enter a ws:// or wss:// address.',
	endpointNotUrl: (text: string) =>
		`“${text}” is not an absolute URL: write it like ws://127.0.0.1:8080/echo.`,
	endpointMapped: (from: string, to: string) => `${from}// is read as ${to}//, as browsers do.`,
	endpointScheme: (scheme: string) =>
		`The scheme must be ws: or wss:, not ${scheme} (a browser throws a SyntaxError).`,
	endpointFragment: () =>
		'A WebSocket URL cannot have a fragment (#…): a browser throws a SyntaxError.',
	endpointMixedContent: () =>
		'This page is served over https:, so the browser blocks a ws:// connection as mixed content. Use wss://.',
	subprotocolNotToken: (name: string) =>
		`“${name}” is not a valid subprotocol name (letters, digits and !#$%&'*+-.^_\`|~ only).`,
	subprotocolTwice: (name: string) => `“${name}” is offered twice: a browser throws a SyntaxError.`,
	closeCodeNotAllowed: (typed: string) =>
		`A script may close with 1000 or 3000–4999 only; ${typed} makes the browser throw an InvalidAccessError.`,
	closeReasonTooLong: (bytes: number, max: number) =>
		`The reason is ${bytes} bytes of UTF-8; the limit is ${max} (a browser throws a SyntaxError).`,
	closeReasonWithoutCode: () => 'A reason needs a code: close(code, reason).',
	/** Explanations of the close codes a CloseEvent can carry. */
	closed1006: (opened: boolean) =>
		opened
			? 'The connection ended without a closing handshake: the server or the network dropped it. The browser reports 1006 and, on purpose, gives no details (WS-API §4).'
			: 'The connection never opened. The browser does not say why — a refused port, an unknown host, a TLS failure, a blocked mixed-content request or a handshake the server rejected all look the same to a script (WS-API §4). The browser’s developer console usually shows the reason.',
	closed1005: () =>
		'The closing frame carried no status code, so the API reports 1005 (RFC 6455 §7.4.1).',
	closed1015: () =>
		'1015 is reserved for APIs that report a failed TLS handshake (RFC 6455 §7.4.1), but browsers never use it: a TLS failure closes with 1006 (WS-API §4). Another kind of client reported this.',
	closedOther: (description: string, wasClean: boolean) =>
		`${description}${wasClean ? ' Both sides completed the closing handshake.' : ''}`
};

/** The Frame Builder's form checks (RFC 6455 §5.2, §5.5.1). */
export const builderText = {
	hexProblem: (line: number, column: number, message: string) =>
		`Line ${line}, column ${column}: ${message}`,
	sizeRange: (max: number) =>
		`The size must be a whole number of bytes from 0 to ${groupDigits(max)}.`,
	reasonWithoutCode: () => 'A close reason needs a status code before it (RFC 6455 §5.5.1).',
	codeRange: () => 'The status code is a number from 0 to 65535 (it is sent as 2 bytes).',
	fragmentsRange: (max: number) => `Fragments: a whole number from 1 to ${max}.`,
	maskingKeySize: () => 'A masking key is exactly 4 bytes, e.g. 37 fa 21 3d.'
};
