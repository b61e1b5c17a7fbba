/**
 * Close status codes (RFC 6455 §7.4, IANA "WebSocket Close Code Number Registry").
 *
 *      0 –  999  not used
 *   1000 – 2999  reserved for this protocol and its extensions (IANA registry)
 *   3000 – 3999  registered with IANA by libraries, frameworks and applications
 *   4000 – 4999  private use, by agreement between the endpoints
 *   5000 –       outside the range the protocol defines
 */

/** Which part of the close-code space a code falls in (RFC 6455 §7.4.2). */
export type CloseCodeRange = 'protocol' | 'registered' | 'private' | 'invalid';

/** Everything a UI needs to explain a close code. */
export interface CloseCodeInfo {
	code: number;
	name: string;
	range: CloseCodeRange;
	/** Whether an endpoint may put this code in a Close frame (RFC 6455 §7.4.1, §7.4.2). */
	mayBeSent: boolean;
	description: string;
}

interface KnownCode {
	name: string;
	mayBeSent: boolean;
	description: string;
}

/** Codes 1000–1015 as named by the IANA registry (RFC 6455 §7.4.1, §11.7). */
const KNOWN_CODES: ReadonlyMap<number, KnownCode> = new Map([
	[
		1000,
		{
			name: 'Normal Closure',
			mayBeSent: true,
			description: 'The purpose for which the connection was established has been fulfilled.'
		}
	],
	[
		1001,
		{
			name: 'Going Away',
			mayBeSent: true,
			description:
				'An endpoint is going away, such as a server going down or a browser navigating away from a page.'
		}
	],
	[
		1002,
		{
			name: 'Protocol Error',
			mayBeSent: true,
			description: 'The endpoint is terminating the connection due to a protocol error.'
		}
	],
	[
		1003,
		{
			name: 'Unsupported Data',
			mayBeSent: true,
			description:
				'The endpoint received a type of data it cannot accept (e.g. binary data when it only understands text).'
		}
	],
	[
		1004,
		{
			name: 'Reserved',
			mayBeSent: false,
			description: 'Reserved; the meaning might be defined in the future. Must not be sent.'
		}
	],
	[
		1005,
		{
			name: 'No Status Rcvd',
			mayBeSent: false,
			description:
				'Reported to the application when a Close frame had no status code. Must not be sent in a Close frame.'
		}
	],
	[
		1006,
		{
			name: 'Abnormal Closure',
			mayBeSent: false,
			description:
				'Reported to the application when the connection closed without a Close frame. Must not be sent in a Close frame.'
		}
	],
	[
		1007,
		{
			name: 'Invalid frame payload data',
			mayBeSent: true,
			description:
				'The endpoint received data inconsistent with the type of the message (e.g. non-UTF-8 data within a text message).'
		}
	],
	[
		1008,
		{
			name: 'Policy Violation',
			mayBeSent: true,
			description:
				'The endpoint received a message that violates its policy; a generic code when no better one fits.'
		}
	],
	[
		1009,
		{
			name: 'Message Too Big',
			mayBeSent: true,
			description: 'The endpoint received a message that is too big for it to process.'
		}
	],
	[
		1010,
		{
			name: 'Mandatory Ext.',
			mayBeSent: true,
			description:
				'The client expected the server to negotiate one or more extensions, and it did not.'
		}
	],
	[
		1011,
		{
			name: 'Internal Error',
			mayBeSent: true,
			description:
				'The server encountered an unexpected condition that prevented it from fulfilling the request.'
		}
	],
	[
		1012,
		{
			name: 'Service Restart',
			mayBeSent: true,
			description: 'The service is restarting; the client may reconnect after a short delay.'
		}
	],
	[
		1013,
		{
			name: 'Try Again Later',
			mayBeSent: true,
			description:
				'The service is overloaded; the client may connect to another server or try again later.'
		}
	],
	[
		1014,
		{
			name: 'Bad Gateway',
			mayBeSent: true,
			description: 'A gateway or proxy received an invalid response from the upstream server.'
		}
	],
	[
		1015,
		{
			name: 'TLS handshake',
			mayBeSent: false,
			description:
				'Reported to the application when the TLS handshake failed. Must not be sent in a Close frame.'
		}
	]
]);

/** Names, range and sendability of a close code, e.g. 1000 → 'Normal Closure'. */
export function closeCodeInfo(code: number): CloseCodeInfo {
	const known = KNOWN_CODES.get(code);
	if (known) return { code, range: 'protocol', ...known };
	if (!Number.isInteger(code) || code < 1000) {
		return {
			code,
			name: 'Not used',
			range: 'invalid',
			mayBeSent: false,
			description: 'Status codes below 1000 are not used by the protocol.'
		};
	}
	if (code <= 2999) {
		return {
			code,
			name: 'Unassigned',
			range: 'protocol',
			mayBeSent: false,
			description:
				'Reserved for future revisions of the protocol and its extensions; not assigned yet.'
		};
	}
	if (code <= 3999) {
		return {
			code,
			name: 'Registered',
			range: 'registered',
			mayBeSent: true,
			description: 'Registered with IANA for use by libraries, frameworks and applications.'
		};
	}
	if (code <= 4999) {
		return {
			code,
			name: 'Private use',
			range: 'private',
			mayBeSent: true,
			description: 'Reserved for private use; the meaning is agreed between the two endpoints.'
		};
	}
	return {
		code,
		name: 'Out of range',
		range: 'invalid',
		mayBeSent: false,
		description: 'Status codes from 5000 up are outside the range the protocol defines.'
	};
}

/** True if a Close frame may carry this code: 1000–1003, 1007–1014 and 3000–4999. */
export function isSendableCloseCode(code: number): boolean {
	return closeCodeInfo(code).mayBeSent;
}
