import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { httpConversation } from './conversation-http';
import { followTcp } from './follow';
import { readCapture } from './read';

// The keep-alive capture of ../http/fixtures (see its README): eight requests on one connection.
const file = new URL('../http/fixtures/keepalive.pcap', import.meta.url);
const capture = readCapture(new Uint8Array(readFileSync(file)));
if (!capture.ok) throw new Error('keepalive.pcap did not read');
const [keepAlive, pipelined] = followTcp(capture.packets).tcp;

describe('httpConversation', () => {
	it('lists every request and response of a persistent connection in time order', () => {
		const conversation = httpConversation(keepAlive);
		const lines = conversation.messages.map(
			(m) => m.headText.split('\r\n')[0] + (m.direction === 0 ? ' →' : ' ←')
		);
		// The requests traffic.mjs wrote, each answered before the next was sent.
		expect(lines).toEqual([
			'GET /fixed HTTP/1.1 →',
			'HTTP/1.1 200 OK ←',
			'HEAD / HTTP/1.1 →',
			'HTTP/1.1 200 OK ←',
			'GET /chunked HTTP/1.1 →',
			'HTTP/1.1 200 OK ←',
			'POST /echo-length HTTP/1.1 →',
			'HTTP/1.1 200 OK ←',
			'GET /empty HTTP/1.1 →',
			'HTTP/1.1 204 No Content ←',
			'POST /echo-length HTTP/1.1 →',
			'HTTP/1.1 200 OK ←',
			'GET /trailer HTTP/1.1 →',
			'HTTP/1.1 200 OK ←',
			'GET /fixed HTTP/1.1 →',
			'HTTP/1.1 200 OK ←'
		]);
		expect(conversation.rest.map((r) => r.length)).toEqual([0, 0]);
	});

	it('gives each message the packet (tshark frame, 1-based) its first byte came in', () => {
		// keepalive.tshark.tsv: the first GET in frame 4, its answer in frame 6.
		const [get, answer] = httpConversation(keepAlive).messages;
		expect([get.packet + 1, answer.packet + 1]).toEqual([4, 6]);
		expect(new TextDecoder().decode(answer.body)).toBe('hello, fixed length\n');
	});

	it('pairs pipelined answers with the requests sent together in one segment', () => {
		const conversation = httpConversation(pipelined);
		const answers = conversation.messages.filter((m) => m.direction === 1);
		expect(answers.map((m) => m.span.answers)).toEqual([0, 1, 2]);
		expect(conversation.messages.filter((m) => m.direction === 0).map((m) => m.packet)).toEqual([
			27, 27, 27
		]);
	});

	it('reads a direction only up to its first gap', () => {
		const [up, down] = keepAlive.streams;
		const cut = down.chunks[2].offset;
		const gapped = {
			...keepAlive,
			streams: [up, { ...down, gaps: [{ offset: cut, length: 10 }] }]
		} as unknown as typeof keepAlive;
		const conversation = httpConversation(gapped);
		expect(conversation.stoppedAtGap).toEqual([undefined, cut]);
		const last = conversation.readings[1].messages.at(-1)!;
		expect(last.end).toBeLessThanOrEqual(cut);
	});
});
