import { describe, expect, it } from 'vitest';
import { websocketConversation } from './conversation';
import { connectionFromDump, nodeEndpoint } from './conversation-dump';
import { readText } from './fixtures/load';
import { readStreamDump } from './stream-dump';

const dump = (name: string) => {
	const reading = readStreamDump(readText(`follow/dumps/${name}`));
	if (!reading.ok) throw new Error(reading.error.message);
	return reading;
};

describe('connectionFromDump', () => {
	it("takes the endpoints from tshark's Node lines", () => {
		// websocket.tshark-hex.txt: "Node 0: 127.0.0.1:39548", "Node 1: 127.0.0.1:50800".
		const connection = connectionFromDump(dump('websocket.tshark-hex.txt'));
		expect(connection.client).toEqual({ address: '127.0.0.1', port: 39548 });
		expect(connection.server).toEqual({ address: '127.0.0.1', port: 50800 });
		expect(connection.protocol).toBe('websocket');
	});

	it('reads the WebSocket dump as the Upgrade and one masked Hello answered by Hello', () => {
		// The dump's last two chunks: 81 85 37 fa 21 3d 7f 9f 4d 51 58 (client, masked "Hello")
		// and 81 05 48 65 6c 6c 6f (server, "Hello"), in that order.
		for (const name of [
			'websocket.tshark-hex.txt',
			'websocket.hexdump.txt',
			'websocket.c-arrays.txt'
		]) {
			const conversation = websocketConversation(connectionFromDump(dump(name)));
			expect(conversation.request?.method, name).toBe('GET');
			expect(conversation.response?.status, name).toBe(101);
			expect(conversation.frames.map((f) => [f.direction, f.frame.opcode, f.frame.masked])).toEqual(
				[
					[0, 1, true],
					[1, 1, false]
				]
			);
			expect(conversation.directions[0].messages[0].text).toBe('Hello');
			expect(conversation.directions[1].messages[0].text).toBe('Hello');
		}
	});

	it('reads IPv6 nodes in brackets, and names the nodes when a dump has no Node lines', () => {
		expect(nodeEndpoint('[::1]:80', 1)).toEqual({ address: '::1', port: 80 });
		expect(nodeEndpoint(undefined, 0)).toEqual({ address: 'node 0', port: 0 });
		expect(connectionFromDump(dump('http6.tshark-hex.txt')).family).toBe(6);
	});
});
