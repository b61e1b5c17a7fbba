import { describe, expect, it } from 'vitest';
import { localSocketIoUrl, socketIoServerTiming } from '../echo-client/local-echo';
import {
	attachmentsOf,
	decoderKind,
	describeEntry,
	describePacket,
	describeSocketIo,
	fromBase64,
	fromServerEntries,
	inspectUrl,
	parseServerUrl,
	utf8Length,
	type LogEntry
} from './live-log';

describe('describePacket', () => {
	it('names the Engine.IO v4 packet types 0–6 (facts N1) and the probe (N6)', () => {
		expect(describePacket('0{"sid":"a"}')).toBe('open');
		expect(describePacket('1')).toBe('close');
		expect(describePacket('2')).toBe('ping');
		expect(describePacket('3')).toBe('pong');
		expect(describePacket('2probe')).toBe('ping probe');
		expect(describePacket('3probe')).toBe('pong probe');
		expect(describePacket('5')).toBe('upgrade');
		expect(describePacket('6')).toBe('noop');
		expect(describePacket('bAQID')).toBe('binary attachment (b + base64)');
		expect(describePacket('9')).toBe('not an Engine.IO packet');
		expect(describePacket('')).toBe('not an Engine.IO packet');
	});

	it('names the Socket.IO packet inside a message, with the examples of the protocol (N9)', () => {
		expect(describePacket('40')).toBe('message · CONNECT');
		expect(describePacket('42["foo"]')).toBe('message · EVENT "foo"');
		expect(describeSocketIo('212["foo"]')).toBe('EVENT "foo" #12');
		expect(describeSocketIo('3/admin,13["bar"]')).toBe('ACK /admin #13');
		expect(describeSocketIo('51-["baz",{"_placeholder":true,"num":0}]')).toBe(
			'BINARY_EVENT 1 attachment "baz"'
		);
		expect(describeSocketIo('1/admin,')).toBe('DISCONNECT /admin');
		expect(describeSocketIo('0/admin,{"sid":"x"}')).toBe('CONNECT /admin');
		expect(describeSocketIo('x')).toBe('data (not a Socket.IO packet)');
	});

	it('names every packet of a polling body, split at the record separator (N5)', () => {
		expect(
			describeEntry({
				transport: 'polling',
				text: '451-0["echo",{"_placeholder":true,"num":0}]\x1ebAQID'
			})
		).toBe('message · BINARY_EVENT 1 attachment "echo" #0 + binary attachment (b + base64)');
		expect(describeEntry({ transport: 'websocket', text: '', binary: new Uint8Array([1]) })).toBe(
			'binary attachment'
		);
		expect(decoderKind({ transport: 'polling' })).toBe('engine.io-payload');
		expect(decoderKind({ transport: 'websocket' })).toBe('engine.io-packet');
	});
});

describe('parseServerUrl', () => {
	it('takes the default Engine.IO path /socket.io/ (N11) when the URL has none', () => {
		expect(parseServerUrl('https://example.com')).toEqual({
			origin: 'https://example.com',
			path: '/socket.io/'
		});
		expect(parseServerUrl(' ws://127.0.0.1:8080/x/socket.io ')).toEqual({
			origin: 'http://127.0.0.1:8080',
			path: '/x/socket.io/'
		});
		expect(parseServerUrl('wss://h/socket.io/')).toEqual({
			origin: 'https://h',
			path: '/socket.io/'
		});
	});

	it('refuses what Socket.IO cannot connect to, saying why', () => {
		expect(parseServerUrl('')).toHaveProperty('error');
		expect(parseServerUrl('example.com')).toHaveProperty('error');
		expect(parseServerUrl('ftp://h/')).toEqual({
			error: 'ftp: is not a scheme Socket.IO connects with'
		});
		expect(parseServerUrl('http://h/socket.io/?EIO=4')).toEqual({
			error: 'Leave out the query and fragment'
		});
	});

	it('puts the inspect endpoint beside the Socket.IO path', () => {
		expect(inspectUrl({ origin: 'http://h:1', path: '/x/socket.io/' }, 'a+b', 3)).toBe(
			'http://h:1/x/socket.io-inspect?sid=a%2Bb&after=3'
		);
	});
});

describe('bytes', () => {
	it('decodes base64 like Node does', () => {
		for (const bytes of [[], [1], [1, 2], [1, 2, 3], [255, 254, 253, 0, 7]]) {
			const text = Buffer.from(bytes).toString('base64');
			expect([...fromBase64(text)]).toEqual(bytes);
		}
	});

	it('counts UTF-8 bytes like Node does', () => {
		for (const text of ['', 'a', 'é', '€', '😀', 'a😀é\ud800']) {
			expect(utf8Length(text)).toBe(Buffer.byteLength(text));
		}
	});
});

describe('the server record in the log', () => {
	it('turns received into to-server, decodes binary, and times from the first record', () => {
		const entries = fromServerEntries(
			[
				{
					seq: 0,
					at: 1000,
					direction: 'sent',
					transport: 'polling',
					http: 'GET',
					bytes: 2,
					binary: false,
					text: '40'
				},
				{
					seq: 1,
					at: 1012,
					direction: 'received',
					transport: 'websocket',
					bytes: 3,
					binary: true,
					base64: 'AQID'
				}
			],
			7,
			1000
		);
		expect(entries[0]).toMatchObject({
			id: 7,
			source: 'server',
			direction: 'to-client',
			ms: 0,
			text: '40'
		});
		expect(entries[1]).toMatchObject({ id: 8, direction: 'to-server', ms: 12, text: '' });
		expect([...entries[1].binary!]).toEqual([1, 2, 3]);
	});

	it('finds a binary event’s attachments in the messages after it', () => {
		const entry = (id: number, text: string, binary?: number[]): LogEntry => ({
			id,
			source: 'server',
			direction: 'to-server',
			transport: 'websocket',
			ms: 0,
			text,
			bytes: 0,
			...(binary ? { binary: new Uint8Array(binary) } : {})
		});
		const log = [
			entry(1, '452-0["echo",{"_placeholder":true,"num":0},{"_placeholder":true,"num":1}]'),
			entry(2, '', [1]),
			entry(3, '', [2]),
			entry(4, '', [3])
		];
		expect(attachmentsOf(log, log[0]).map((b) => [...b])).toEqual([[1], [2]]);
		expect(attachmentsOf(log, log[1])).toEqual([]);
	});
});

describe("finding the project's Socket.IO server", () => {
	const timing = (serverTiming: { name: string; description: string }[]) => ({
		getEntriesByType: () => [{ serverTiming } as unknown as PerformanceEntry]
	});

	it('reads the path from the Server-Timing metric the server sends', () => {
		const header = socketIoServerTiming('/x/socket.io/');
		expect(header).toBe('socket-explorer-socketio;desc="/x/socket.io/"');
		expect(
			localSocketIoUrl(
				{ protocol: 'http:', host: '127.0.0.1:4173' },
				timing([{ name: 'socket-explorer-socketio', description: '/x/socket.io/' }])
			)
		).toBe('http://127.0.0.1:4173/x/socket.io/');
	});

	it('finds nothing on a static host, or for a description that is not a path here', () => {
		const location = { protocol: 'https:', host: 'h' };
		expect(localSocketIoUrl(location, timing([]))).toBeNull();
		expect(
			localSocketIoUrl(
				location,
				timing([{ name: 'socket-explorer-socketio', description: '//evil/socket.io/' }])
			)
		).toBeNull();
	});
});
