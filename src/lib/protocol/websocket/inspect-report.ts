/**
 * The JSON reports /inspect sends, and how to tell them from echoes.
 *
 * This module imports nothing from Node, so a browser page can import the types and
 * `parseInspectReport` without pulling in the server.
 */

/** The first report on an /inspect connection: the upgrade request and response, verbatim. */
export interface HandshakeReport {
	type: 'handshake';
	/** The request head as the server received it: header order and case kept, CRLF endings. */
	request: string;
	/** The response head exactly as the server wrote it, ending with the blank line. */
	response: string;
	/** The peer's IP address as the server's socket saw it, or null once the socket is gone. */
	remoteAddress: string | null;
	/** The negotiated subprotocol, or '' for none. */
	protocol: string;
	/** The Sec-WebSocket-Extensions response header with its parameters, or '' for none. */
	extensions: string;
}

/** One frame as it arrived from the client: its raw bytes, still masked, and its header bits. */
export interface FrameReport {
	type: 'frame';
	/** The frame's bytes as lower-case hex pairs separated by spaces ('81 85 …'). */
	hex: string;
	/** Bytes the frame takes on the wire, header included. */
	length: number;
	opcode: number;
	fin: boolean;
	masked: boolean;
	/** 0 for the first frame the client sent on this connection, then 1, 2… */
	index: number;
}

/** Any report /inspect sends. */
export type InspectReport = HandshakeReport | FrameReport;

/** Every handshake report's text starts with this, so a client can tell it from an echo. */
export const HANDSHAKE_REPORT_PREFIX = '{"type":"handshake"';

/** Every frame report's text starts with this, so a client can tell it from an echo. */
export const FRAME_REPORT_PREFIX = '{"type":"frame"';

/** Rebuilds a request head from Node's parsed request, which keeps raw header order and case. */
export function formatRequestHead(
	method: string,
	url: string,
	httpVersion: string,
	rawHeaders: readonly string[]
): string {
	let head = `${method} ${url} HTTP/${httpVersion}\r\n`;
	for (let i = 0; i + 1 < rawHeaders.length; i += 2)
		head += `${rawHeaders[i]}: ${rawHeaders[i + 1]}\r\n`;
	return head + '\r\n';
}

/** Joins response lines the way ws writes them: CRLF between lines, then a blank line. */
export function formatResponseHead(lines: readonly string[]): string {
	return lines.join('\r\n') + '\r\n\r\n';
}

/** The value of a header in response lines ('Name: value'), case-insensitively, or ''. */
export function headerValue(lines: readonly string[], name: string): string {
	const wanted = name.toLowerCase() + ':';
	for (const line of lines) {
		if (line.toLowerCase().startsWith(wanted)) return line.slice(wanted.length).trim();
	}
	return '';
}

function isRecord(value: unknown): value is Record<string, unknown> {
	return typeof value === 'object' && value !== null;
}

function isHandshakeReport(value: Record<string, unknown>): boolean {
	return (
		typeof value.request === 'string' &&
		typeof value.response === 'string' &&
		(typeof value.remoteAddress === 'string' || value.remoteAddress === null) &&
		typeof value.protocol === 'string' &&
		typeof value.extensions === 'string'
	);
}

function isFrameReport(value: Record<string, unknown>): boolean {
	return (
		typeof value.hex === 'string' &&
		Number.isInteger(value.length) &&
		Number.isInteger(value.opcode) &&
		typeof value.fin === 'boolean' &&
		typeof value.masked === 'boolean' &&
		Number.isInteger(value.index)
	);
}

/**
 * Reads a text message from /inspect as a report, or returns null for an echo. The whole shape
 * is checked, not just the prefix, so only an echo of report-shaped text could be mistaken.
 */
export function parseInspectReport(text: string): InspectReport | null {
	const handshake = text.startsWith(HANDSHAKE_REPORT_PREFIX);
	if (!handshake && !text.startsWith(FRAME_REPORT_PREFIX)) return null;
	let value: unknown;
	try {
		value = JSON.parse(text);
	} catch {
		return null;
	}
	if (!isRecord(value)) return null;
	if (handshake) return isHandshakeReport(value) ? (value as unknown as HandshakeReport) : null;
	return isFrameReport(value) ? (value as unknown as FrameReport) : null;
}
