import { readFileSync } from 'node:fs';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { followTcp } from '../capture/follow';
import { readCapture } from '../capture/read';
import { requestMethods, splitHttpMessages } from './framing';

const bytes = (text: string) => new TextEncoder().encode(text);

// A real capture of Node's HTTP server on loopback (fixtures/make.sh), and tshark's own
// reading of every message in it: the oracle for where each message starts and ends.
const fixture = (name: string) => new URL(`./fixtures/${name}`, import.meta.url);
const capture = readCapture(new Uint8Array(readFileSync(fixture('keepalive.pcap'))));
if (!capture.ok) throw new Error('keepalive.pcap did not read');
const connections = followTcp(capture.packets).tcp;

interface TsharkMessage {
	stream: number;
	fromClient: boolean;
	method?: string;
	status?: number;
	contentLength?: number;
	chunked: boolean;
	chunks: number[];
	body: number;
}

const unescape = (text: string) =>
	text.replace(/\\(n|r|t|\\)/g, (_, c: string) => ({ n: '\n', r: '\r', t: '\t', '\\': '\\' })[c]!);
const tshark: TsharkMessage[] = readFileSync(fixture('keepalive.tshark.tsv'), 'utf8')
	.trim()
	.split('\n')
	.slice(1)
	.flatMap((line) => {
		const [, stream, port, methods, status, length, coding, chunks, body] = line.split('\t');
		// Pipelined requests that arrive in one segment are one line, methods joined by "|".
		return (methods ? methods.split('|') : [undefined]).map((method) => ({
			stream: Number(stream),
			fromClient: port !== '50860',
			method,
			status: status ? Number(status) : undefined,
			contentLength: length ? Number(length) : undefined,
			chunked: coding === 'chunked',
			chunks: chunks ? chunks.split('|').map(Number).slice(0, -1) : [],
			body: new TextEncoder().encode(unescape(body ?? '')).length
		}));
	});

describe('splitHttpMessages on a real capture, against tshark', () => {
	for (const [n, connection] of connections.entries()) {
		it(`splits both directions of connection ${n} into the messages tshark found`, () => {
			const requests = splitHttpMessages(connection.streams[0].bytes, 'request');
			const responses = splitHttpMessages(connection.streams[1].bytes, 'response', {
				methods: requestMethods(requests)
			});
			expect(requests.stop).toBeUndefined();
			expect(responses.stop).toBeUndefined();
			const mine = (reading: typeof requests) =>
				reading.messages.map((m) => ({
					method: m.head.method,
					status: m.head.status,
					chunked: m.framing === 'chunked',
					chunks: m.chunks ?? [],
					body: m.bodyLength,
					complete: m.complete
				}));
			const theirs = (fromClient: boolean) =>
				tshark
					.filter((t) => t.stream === n && t.fromClient === fromClient)
					.map((t) => ({
						method: t.method,
						status: t.status,
						chunked: t.chunked,
						chunks: t.chunks,
						body: t.body,
						complete: true
					}));
			// tshark shows no body for a request with none; its pipelined line has no bodies.
			expect(mine(requests).map((m) => ({ ...m, body: m.body }))).toEqual(theirs(true));
			expect(mine(responses)).toEqual(theirs(false));
			// Every byte of both streams is placed in exactly one message, in order.
			for (const [reading, stream] of [
				[requests, connection.streams[0]],
				[responses, connection.streams[1]]
			] as const) {
				expect(reading.stoppedAt).toBe(stream.bytes.length);
				expect(reading.messages.at(-1)?.end).toBe(stream.bytes.length);
				reading.messages.forEach((m, i) => {
					if (i > 0) expect(m.start).toBe(reading.messages[i - 1].end);
				});
			}
		});
	}

	it('answers the HEAD request with a head only, though its answer names no length', () => {
		const requests = splitHttpMessages(connections[0].streams[0].bytes, 'request');
		const responses = splitHttpMessages(connections[0].streams[1].bytes, 'response', {
			methods: requestMethods(requests)
		});
		const head = responses.messages[1];
		expect(requests.messages[1].head.method).toBe('HEAD');
		expect([head.framing, head.bodyLength, head.end]).toEqual(['none', 0, head.headEnd]);
		// Without knowing the method, the same answer would run to the connection's close.
		const blind = splitHttpMessages(connections[0].streams[1].bytes, 'response');
		expect(blind.messages[1].framing).toBe('until-close');
	});
});

describe('splitHttpMessages, by the rules of RFC 9112 §6.3', () => {
	const split = (text: string, kind: 'request' | 'response', methods?: string[]) =>
		splitHttpMessages(bytes(text), kind, { methods });

	it('reads a response without Content-Length or chunked coding until the connection closes', () => {
		const reading = split('HTTP/1.1 200 OK\r\n\r\nall of this\r\nand this', 'response');
		expect(reading.messages[0]).toMatchObject({ framing: 'until-close', bodyLength: 21 });
	});

	it('gives a request without either no body at all, and reads the next request after it', () => {
		const reading = split('GET /a HTTP/1.1\r\n\r\nGET /b HTTP/1.1\r\n\r\n', 'request');
		expect(reading.messages.map((m) => [m.head.target, m.framing])).toEqual([
			['/a', 'none'],
			['/b', 'none']
		]);
	});

	it('skips the empty lines a client may send before a request line (§2.2)', () => {
		const reading = split('GET /a HTTP/1.1\r\n\r\n\r\n\r\nGET /b HTTP/1.1\r\n\r\n', 'request');
		expect(reading.messages[1]).toMatchObject({ start: 23 });
	});

	it('gives 1xx, 204 and 304 answers no body, and pairs a final answer after a 100 Continue', () => {
		const reading = split(
			'HTTP/1.1 100 Continue\r\n\r\nHTTP/1.1 204 No Content\r\n\r\nHTTP/1.1 304 Not Modified\r\nContent-Length: 99\r\n\r\nHTTP/1.1 200 OK\r\nContent-Length: 2\r\n\r\nok',
			'response'
		);
		expect(reading.messages.map((m) => [m.head.status, m.framing, m.answers])).toEqual([
			[100, 'none', 0],
			[204, 'none', 0],
			[304, 'none', 1],
			[200, 'content-length', 2]
		]);
		expect(reading.stop).toBeUndefined();
	});

	it('stops at a 101 answer: what follows is the protocol switched to', () => {
		const reading = split(
			'HTTP/1.1 101 Switching Protocols\r\nUpgrade: websocket\r\n\r\n\x81\x05Hello',
			'response'
		);
		expect(reading.stop).toMatchObject({ code: 'switched', status: 101, offset: 56 });
		expect(reading.stopText).toContain('RFC 9110 §15.2.2');
	});

	it('lets Transfer-Encoding win over Content-Length, and notes it as a smuggling risk', () => {
		const reading = split(
			'POST / HTTP/1.1\r\nContent-Length: 3\r\nTransfer-Encoding: chunked\r\n\r\n3\r\nabc\r\n0\r\n\r\n',
			'request'
		);
		expect(reading.messages[0]).toMatchObject({ framing: 'chunked', bodyLength: 3 });
		expect(reading.messages[0].note?.code).toBe('te-and-cl');
	});

	it('stops at a Content-Length that is not one number, and accepts a repeated same value', () => {
		const bad = split('HTTP/1.1 200 OK\r\nContent-Length: 4, 5\r\n\r\nabcd', 'response');
		expect(bad.stop).toMatchObject({ code: 'bad-content-length', offset: 0, value: '4, 5' });
		const same = split('HTTP/1.1 200 OK\r\nContent-Length: 4, 4\r\n\r\nabcd', 'response');
		expect(same.messages[0]).toMatchObject({ bodyLength: 4, complete: true });
	});

	it("stops at a request whose Transfer-Encoding does not end in chunked (a server's 400)", () => {
		const reading = split('POST / HTTP/1.1\r\nTransfer-Encoding: gzip\r\n\r\nxx', 'request');
		expect(reading.stop?.code).toBe('request-te-not-chunked');
	});

	it('reads a response whose coding does not end in chunked until the close', () => {
		const reading = split('HTTP/1.1 200 OK\r\nTransfer-Encoding: gzip\r\n\r\nxyz', 'response');
		expect(reading.messages[0]).toMatchObject({ framing: 'until-close', bodyLength: 3 });
	});

	it('reads chunk extensions, bare LF line ends and trailer fields', () => {
		const reading = split(
			'HTTP/1.1 200 OK\nTransfer-Encoding: chunked\n\n4;a=b\nWiki\n5\npedia\n0\nX-T: 1\n\nHTTP/1.1 204 No Content\n\n',
			'response'
		);
		expect(reading.messages.map((m) => [m.framing, m.chunks, m.bodyLength])).toEqual([
			['chunked', [4, 5], 9],
			['none', undefined, 0]
		]);
	});

	it('points at a chunk size that is not hex, and at a chunk longer than its size', () => {
		const notHex = split('HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\nzz\r\n', 'response');
		expect(notHex.stop).toMatchObject({ code: 'bad-chunk-size', offset: 47, line: 'zz' });
		const long = split(
			'HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n2\r\nabc\r\n0\r\n\r\n',
			'response'
		);
		expect(long.stop).toMatchObject({ code: 'bad-chunk-end', offset: 52 });
	});

	it('marks a message the capture cut short as incomplete, and reads no further', () => {
		const reading = split('HTTP/1.1 200 OK\r\nContent-Length: 10\r\n\r\nabc', 'response');
		expect(reading.messages[0]).toMatchObject({ complete: false, end: 42, bodyLength: 10 });
		const head = split('GET / HTTP/1.1\r\nHost: a', 'request');
		expect(head.messages[0]).toMatchObject({ complete: false });
	});

	it('stops where the bytes are not an HTTP message', () => {
		const reading = split('GET / HTTP/1.1\r\n\r\n\x16\x03\x01', 'request');
		expect(reading.messages).toHaveLength(1);
		expect(reading.stop).toMatchObject({ code: 'no-head', offset: 18 });
	});

	it('never throws, and its messages never overlap or run past the bytes (fast-check)', () => {
		const piece = fc.constantFrom(
			'GET / HTTP/1.1\r\n',
			'HTTP/1.1 200 OK\r\n',
			'HTTP/1.1 101 x\r\n',
			'Content-Length: 3\r\n',
			'Content-Length: x\r\n',
			'Transfer-Encoding: chunked\r\n',
			'\r\n',
			'\n',
			'3\r\nabc\r\n',
			'0\r\n\r\n',
			'ffffffffffffffffff\r\n'
		);
		fc.assert(
			fc.property(
				fc.array(fc.oneof(piece, fc.string()), { maxLength: 30 }),
				fc.constantFrom('request' as const, 'response' as const),
				(parts, kind) => {
					const input = bytes(parts.join(''));
					const reading = splitHttpMessages(input, kind, { methods: ['HEAD', 'CONNECT'] });
					let previous = 0;
					for (const m of reading.messages) {
						expect(m.start).toBeGreaterThanOrEqual(previous);
						expect(m.headEnd).toBeGreaterThanOrEqual(m.start);
						expect(m.end).toBeGreaterThanOrEqual(m.headEnd);
						expect(m.end).toBeLessThanOrEqual(input.length);
						previous = m.end;
					}
					expect(reading.stoppedAt).toBeLessThanOrEqual(input.length);
				}
			)
		);
	});
});
