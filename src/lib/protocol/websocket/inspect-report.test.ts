import { describe, expect, it } from 'vitest';
import {
	formatRequestHead,
	formatResponseHead,
	headerValue,
	parseInspectReport,
	type FrameReport,
	type HandshakeReport
} from './inspect-report.js';

const handshake: HandshakeReport = {
	type: 'handshake',
	request: 'GET /inspect HTTP/1.1\r\nHost: x\r\n\r\n',
	response: 'HTTP/1.1 101 Switching Protocols\r\n\r\n',
	remoteAddress: '127.0.0.1',
	protocol: '',
	extensions: ''
};
const frame: FrameReport = {
	type: 'frame',
	hex: '81 80 00 00 00 00',
	length: 6,
	opcode: 1,
	fin: true,
	masked: true,
	index: 0
};

describe('inspect reports', () => {
	it('parses the reports the server sends, which start with their type', () => {
		expect(JSON.stringify(handshake).startsWith('{"type":"handshake"')).toBe(true);
		expect(JSON.stringify(frame).startsWith('{"type":"frame"')).toBe(true);
		expect(parseInspectReport(JSON.stringify(handshake))).toEqual(handshake);
		expect(parseInspectReport(JSON.stringify(frame))).toEqual(frame);
	});

	it('returns null for echoes, including JSON that only looks like a report at first', () => {
		expect(parseInspectReport('hello')).toBeNull();
		expect(parseInspectReport('{"type":"message"}')).toBeNull();
		expect(parseInspectReport(' {"type":"frame"}')).toBeNull();
		expect(parseInspectReport('{"type":"frame"')).toBeNull();
		expect(parseInspectReport('{"type":"frame","hex":1}')).toBeNull();
		expect(parseInspectReport('{"type":"handshake","request":"GET"}')).toBeNull();
	});

	it('rebuilds a request head with its headers in order and case, and CRLF line endings', () => {
		expect(
			formatRequestHead('GET', '/inspect?x=1', '1.1', [
				'Host',
				'a',
				'sec-websocket-key',
				'k',
				'X-Dup',
				'1',
				'X-Dup',
				'2'
			])
		).toBe(
			'GET /inspect?x=1 HTTP/1.1\r\nHost: a\r\nsec-websocket-key: k\r\nX-Dup: 1\r\nX-Dup: 2\r\n\r\n'
		);
	});

	it('joins response lines as ws writes them and finds a header in them', () => {
		const lines = [
			'HTTP/1.1 101 Switching Protocols',
			'Sec-WebSocket-Extensions: permessage-deflate; x=1'
		];
		expect(formatResponseHead(lines)).toBe(
			'HTTP/1.1 101 Switching Protocols\r\nSec-WebSocket-Extensions: permessage-deflate; x=1\r\n\r\n'
		);
		expect(headerValue(lines, 'sec-websocket-extensions')).toBe('permessage-deflate; x=1');
		expect(headerValue(lines, 'Sec-WebSocket-Protocol')).toBe('');
	});
});
