import { afterEach, describe, expect, it } from 'vitest';
import type { WebSocket } from 'ws';
import { createEchoServer, silentLogger, type EchoServer } from '../../../echo/server';
import { openClient, wsFrame as wsFrameBytes } from '../../../echo/testing';
import { parseInspectReport, type FrameReport } from '$lib/protocol/websocket/inspect-report';
import { InspectMatcher, hasRsv1, isInspectUrl } from './inspect-match';

/** A frame report as /inspect sends it, for the frame in `hex`. */
function report(hex: string, opcode: number, fin: boolean): FrameReport {
	return { type: 'frame', hex, length: hex.split(' ').length, opcode, fin, masked: true, index: 0 };
}

/** A client frame written by ws (the oracle), as /inspect's hex. */
function wsFrame(text: string, options: { opcode: number; fin: boolean; rsv1: boolean }): string {
	const key = new Uint8Array([1, 2, 3, 4]);
	return Buffer.from(wsFrameBytes(Buffer.from(text), { ...options, key }))
		.toString('hex')
		.replace(/(..)(?!$)/g, '$1 ');
}

// RFC 6455 §5.7: the unmasked examples; the matcher does not care about masking.
const HELLO = '81 05 48 65 6c 6c 6f';
const HEL = '01 03 48 65 6c';
const LO = '80 02 6c 6f';
const PING = '89 05 48 65 6c 6c 6f';
// RFC 7692 §7.2.3.1: "Hello" compressed, RSV1 set.
const HELLO_DEFLATED = 'c1 07 f2 48 cd c9 c9 07 00';

describe('hasRsv1', () => {
	it('reads RSV1 from the first byte of the frame', () => {
		expect(hasRsv1(HELLO_DEFLATED)).toBe(true);
		expect(hasRsv1(HELLO)).toBe(false);
		expect(hasRsv1(wsFrame('x', { opcode: 2, fin: true, rsv1: true }))).toBe(true);
		expect(hasRsv1(wsFrame('x', { opcode: 1, fin: true, rsv1: false }))).toBe(false);
	});
	it('is false when there are no bytes', () => {
		expect(hasRsv1('')).toBe(false);
	});
});

describe('isInspectUrl', () => {
	it('recognises /inspect under any host and base path, with a query', () => {
		expect(isInspectUrl('ws://127.0.0.1:5173/inspect')).toBe(true);
		expect(isInspectUrl('wss://example.org/socket-explorer/inspect?deflate=0')).toBe(true);
	});
	it('is false for other paths and for what is not a URL', () => {
		for (const url of [
			'ws://127.0.0.1:5173/echo',
			'ws://h/inspect/more',
			'ws://h/?x=/inspect',
			'',
			'inspect'
		]) {
			expect(isInspectUrl(url), url).toBe(false);
		}
	});
});

describe('InspectMatcher', () => {
	it('gives each sent message the frame reported for it, in order', () => {
		const matcher = new InspectMatcher();
		matcher.sent(1);
		matcher.sent(2);
		expect(matcher.report(report(HELLO_DEFLATED, 1, true))).toEqual({
			id: 1,
			wire: { hex: HELLO_DEFLATED, real: true, compressed: true }
		});
		expect(matcher.report(report(HELLO, 1, true))).toEqual({
			id: 2,
			wire: { hex: HELLO, real: true, compressed: false }
		});
		expect(matcher.waiting).toBe(0);
	});

	it('collects a fragmented message’s frames, one per line, until FIN', () => {
		const matcher = new InspectMatcher();
		matcher.sent(7);
		matcher.sent(8);
		expect(matcher.report(report(HEL, 1, false))?.wire.hex).toBe(HEL);
		expect(matcher.report(report(LO, 0, true))).toEqual({
			id: 7,
			wire: { hex: `${HEL}\n${LO}`, real: true, compressed: false }
		});
		expect(matcher.report(report(HELLO, 1, true))?.id).toBe(8);
	});

	it('keeps a compressed message compressed across its continuation frames (RSV1 is on the first)', () => {
		const matcher = new InspectMatcher();
		matcher.sent(1);
		const first = wsFrame('Hel', { opcode: 1, fin: false, rsv1: true });
		const last = wsFrame('lo', { opcode: 0, fin: true, rsv1: false });
		matcher.report(report(first, 1, false));
		expect(matcher.report(report(last, 0, true))?.wire.compressed).toBe(true);
	});

	it('skips control frames, which are not messages the page sent', () => {
		const matcher = new InspectMatcher();
		matcher.sent(1);
		expect(matcher.report(report(PING, 0x9, true))).toBeNull();
		expect(matcher.report(report('88 02 03 e8', 0x8, true))).toBeNull();
		expect(matcher.report(report(HELLO, 1, true))?.id).toBe(1);
	});

	it('lets unlogged messages (a burst) take their turn without matching them', () => {
		const matcher = new InspectMatcher();
		matcher.sent(null);
		matcher.sent(null);
		matcher.sent(3);
		expect(matcher.report(report(HELLO, 1, true))).toBeNull();
		expect(matcher.report(report(HELLO, 1, true))).toBeNull();
		expect(matcher.report(report(HELLO_DEFLATED, 1, true))?.id).toBe(3);
	});

	it('ignores a report nobody waits for', () => {
		const matcher = new InspectMatcher();
		expect(matcher.report(report(HELLO, 1, true))).toBeNull();
		matcher.sent(1);
		expect(matcher.report(report(HELLO, 1, true))?.id).toBe(1);
	});

	it('stays in step over many messages', () => {
		const matcher = new InspectMatcher();
		// Past the point where answered ids are dropped (1024), with a logged message now and then.
		const logged = (id: number) => (id % 40 === 0 ? id : null);
		for (let id = 0; id < 3000; id++) matcher.sent(logged(id));
		const ids = [];
		for (let i = 0; i < 3000; i++) ids.push(matcher.report(report(HELLO, 1, true))?.id ?? null);
		expect(ids).toEqual(Array.from({ length: 3000 }, (_, id) => logged(id)));
		expect(matcher.waiting).toBe(0);
	});
});

describe('InspectMatcher with the real /inspect and a ws client', () => {
	let server: EchoServer | undefined;
	let ws: WebSocket | undefined;
	afterEach(async () => {
		ws?.terminate();
		await server?.close();
	});

	it('matches compressed, uncompressed and fragmented messages around a ping', async () => {
		server = createEchoServer({ port: 0, host: '127.0.0.1', logger: silentLogger });
		const { inspect } = await server.listen();
		// Compress every message ws is allowed to, however small.
		const client = await openClient(inspect, [], { perMessageDeflate: { threshold: 0 } });
		ws = client.ws;
		const matcher = new InspectMatcher();
		ws.send('squeezed', { compress: true });
		matcher.sent(1);
		ws.ping('between');
		ws.send('plain', { compress: false });
		matcher.sent(2);
		ws.send('frag', { fin: false, compress: false });
		ws.send('mented', { fin: true, compress: false });
		matcher.sent(3);
		// The handshake report, four frame reports and the ping's, then three echoes.
		const messages = await client.received(1 + 5 + 3);
		const matches = messages
			.map((m) => (m.text === undefined ? null : parseInspectReport(m.text)))
			.filter((r) => r?.type === 'frame')
			.map((r) => matcher.report(r as FrameReport))
			.filter((m) => m !== null);
		expect(matches.map((m) => [m.id, m.wire.compressed, m.wire.hex.split('\n').length])).toEqual([
			[1, true, 1],
			[2, false, 1],
			[3, false, 1],
			[3, false, 2]
		]);
		expect(matcher.waiting).toBe(0);
	});
});
