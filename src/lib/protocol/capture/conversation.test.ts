import { describe, expect, it } from 'vitest';
import {
	decoderBytes,
	httpHeads,
	negotiatedDeflate,
	teardown,
	websocketConversation
} from './conversation';
import { nanoseconds, readFixture } from './fixtures/load';
import { followTcp } from './follow';
import { readCapture } from './read';

/**
 * tshark 4.0.17 on the same file, decoding port 50840 as HTTP so it follows the Upgrade:
 * `tshark -r echo.pcapng -d tcp.port==50840,http -Y websocket -T fields -E separator='|'
 * -e frame.number -e frame.time_epoch -e tcp.srcport -e websocket.opcode -e websocket.fin
 * -e websocket.rsv -e websocket.payload_length`, with the 7-bit length 126 replaced by
 * websocket.payload_length_ext_16 (128 in frames 12 and 14)
 * (frame number is 1-based; port 51870 is the client, 50840 the server).
 */
const TSHARK_FRAMES = `8|1796157783.641969320|51870|1|1|0x04|14
10|1796157783.809220318|50840|1|1|0x04|14
12|1796157783.880553838|51870|1|1|0x04|128
14|1796157783.882410760|50840|1|1|0x04|128
16|1796157783.975058566|51870|1|1|0x04|18
17|1796157783.983135532|50840|1|1|0x04|29
19|1796157784.039385819|51870|1|0|0x04|9
20|1796157784.077485390|51870|0|0|0x00|13
22|1796157784.090722923|51870|0|1|0x00|14
23|1796157784.110707857|50840|1|1|0x04|22
25|1796157784.162728212|51870|2|1|0x04|18
26|1796157784.164001479|50840|2|1|0x04|18
28|1796157784.215410318|51870|9|1|0x00|4
29|1796157784.216332247|50840|10|1|0x00|4
31|1796157784.271269982|51870|8|1|0x00|5
32|1796157784.272783090|50840|8|1|0x00|5`
	.split('\n')
	.map((line) => {
		const [number, time, port, opcode, fin, rsv, length] = line.split('|');
		return {
			packet: Number(number) - 1,
			time: nanoseconds(time),
			direction: port === '51870' ? 0 : 1,
			opcode: Number(opcode),
			fin: fin === '1',
			rsv1: rsv === '0x04',
			payloadLength: Number(length)
		};
	});

/**
 * The messages the fixture's traffic sent (fixtures/README.md, "The traffic"), each echoed:
 * `Hello, echo!`, a 1,300-byte text twice, `Hello, fragmented world` in three frames, 16 bytes
 * 00–0f, a ping `ping` and its pong, a close 1000 `bye` answered.
 */
function connection() {
	const reading = readCapture(readFixture('echo.pcapng'));
	if (!reading.ok) throw new Error('fixture unreadable');
	const conversations = followTcp(reading.packets);
	return conversations.tcp[0];
}

describe('websocketConversation', () => {
	const conversation = websocketConversation(connection());

	it('places every frame in the packet tshark shows it in, in time order', () => {
		expect(
			conversation.frames.map((f) => ({
				packet: f.packet,
				time: f.time,
				direction: f.direction,
				opcode: f.frame.opcode,
				fin: f.frame.fin,
				rsv1: f.frame.rsv1,
				payloadLength: f.frame.payloadLength
			}))
		).toEqual(TSHARK_FRAMES);
	});

	it('reads the permessage-deflate the server accepted, with context takeover both ways', () => {
		expect(conversation.deflate).toEqual({
			clientNoContextTakeover: false,
			serverNoContextTakeover: false
		});
	});

	it('inflates the messages the README lists, in both directions', () => {
		for (const direction of conversation.directions) {
			expect(direction.error).toBeUndefined();
			const texts = direction.messages.filter((m) => m.type === 'text').map((m) => m.text);
			expect(texts[0]).toBe('Hello, echo!');
			expect(texts[1]).toHaveLength(1300);
			expect(texts[2]).toBe(texts[1]);
			expect(texts[3]).toBe('Hello, fragmented world');
			const binary = direction.messages.find((m) => m.type === 'binary');
			expect([...(binary?.data ?? [])]).toEqual([...Array(16).keys()]);
			const close = direction.messages.find((m) => m.type === 'close');
			expect(close?.code).toBe(1000);
			expect(close?.reason).toBe('bye');
		}
		const ping = conversation.directions[0].messages.find((m) => m.type === 'ping');
		expect(new TextDecoder().decode(ping?.data)).toBe('ping');
		const pong = conversation.directions[1].messages.find((m) => m.type === 'pong');
		expect(new TextDecoder().decode(pong?.data)).toBe('ping');
	});

	it('runs the handshake checker on the Upgrade, which passes it', () => {
		expect(conversation.request?.method).toBe('GET');
		expect(conversation.response?.status).toBe(101);
		expect(conversation.checks.length).toBeGreaterThan(0);
		expect(conversation.checks.filter((c) => c.severity === 'error')).toEqual([]);
	});

	it('never throws on a connection whose streams hold no HTTP head', () => {
		const c = connection();
		const bare = { ...c, http: undefined };
		const read = websocketConversation(bare);
		expect(read.checks).toEqual([]);
		expect(read.directions[0].error).toBeDefined();
	});
});

describe('decoderBytes', () => {
	const conversation = websocketConversation(connection());
	// tshark -V on the same file: packet 8 carries "TCP payload (20 bytes)", the client's first
	// frame; packet 12 "TCP payload (136 bytes)", its second (compressed with the window the
	// first one left, since the client keeps its context).
	it('links a first message by its own bytes', () => {
		const link = decoderBytes(conversation, conversation.frames[0]);
		expect(link.bytes.length).toBe(20);
		expect(link.from).toBe('client');
		expect(link.withContext).toBe(false);
	});

	it('links a later compressed message with every frame before it, for the shared window', () => {
		const second = conversation.frames.find((f) => f.packet === 11)!;
		const link = decoderBytes(conversation, second);
		expect(link.withContext).toBe(true);
		expect(link.bytes.length).toBe(20 + 136);
	});
});

describe('teardown', () => {
	it('names the client as closing first, as tshark shows its FIN first (packets 34, 35)', () => {
		// tshark -r echo.pcapng -Y 'tcp.stream==0 && tcp.flags.fin==1': frames 34 (51870) and 35.
		expect(teardown(connection())).toEqual({
			fins: [
				{ direction: 0, packet: 33 },
				{ direction: 1, packet: 34 }
			],
			rst: undefined,
			first: 0
		});
	});
});

describe('negotiatedDeflate and httpHeads', () => {
	it('finds no extension in a response that is not 101', () => {
		expect(negotiatedDeflate(undefined)).toBe(false);
	});

	it('reads the plain GET and its 200 response of the HTTP connection', () => {
		const reading = readCapture(readFixture('echo.pcapng'));
		if (!reading.ok) throw new Error('fixture unreadable');
		const http = followTcp(reading.packets).tcp[1];
		const heads = httpHeads(http);
		// The README: "a plain GET / HTTP/1.1 with Connection: close".
		expect(heads.request?.method).toBe('GET');
		expect(heads.request?.target).toBe('/');
		expect(heads.response?.status).toBe(200);
	});
});
