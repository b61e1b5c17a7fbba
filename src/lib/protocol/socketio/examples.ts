/**
 * The Socket.IO decoder's gallery: real Engine.IO v4 / Socket.IO v5 traffic as socket.io 4.8
 * sends it (the open packet with the reference server's defaults, facts.md N2–N3; the upgrade
 * as engine.io-client runs it, N6: the client sends 2probe), packets the official parser lets
 * through although the protocol forbids them, and broken ones. `galleries.test.ts` style: the
 * tests run each through `decodeText` and compare the verdict.
 */
import { VALID, type Example, type Verdict } from '../examples';
import type { KindChoice } from './index';
import type { SocketIoProblemCode } from './problems';

/** What an example gives the decoder. */
export interface SocketIoInput {
	text: string;
	kind: KindChoice;
}

/** The gallery's groups, in the order the tool lists them. */
export const SOCKETIO_GROUPS = [
	{ id: 'session', title: 'An Engine.IO session' },
	{ id: 'socketio', title: 'Socket.IO packets' },
	{ id: 'lenient', title: 'Accepted, against the protocol' },
	{ id: 'broken', title: 'Broken on purpose' }
] as const;

/** One entry of the gallery. */
export interface SocketIoExample extends Example<SocketIoInput> {
	group: (typeof SOCKETIO_GROUPS)[number]['id'];
}

const warns = (...warnings: SocketIoProblemCode[]): Verdict => ({ ok: true, warnings });
const fails = (...failing: SocketIoProblemCode[]): Verdict => ({ ok: false, failing });

const EIO_README = 'Engine.IO protocol v4';
const SIO_README = 'Socket.IO protocol v5, Packet encoding';

/** Every example, in gallery order. */
export const SOCKETIO_EXAMPLES: readonly SocketIoExample[] = [
	{
		id: 'open',
		group: 'session',
		title: 'Open (handshake)',
		description:
			'The server’s first response on GET /socket.io/?EIO=4&transport=polling: the session id, the upgrade on offer and the heartbeat timers, with socket.io 4.8’s defaults.',
		source: `${EIO_README}, Handshake`,
		input: {
			text: '0{"sid":"lv_VI97HAXpY6yYWAAAC","upgrades":["websocket"],"pingInterval":25000,"pingTimeout":20000,"maxPayload":1000000}',
			kind: 'engine.io-packet'
		},
		expect: VALID
	},
	{
		id: 'connect',
		group: 'session',
		title: '40: join /',
		description:
			'The client’s first Socket.IO packet: an Engine.IO message (4) holding a CONNECT (0) to the main namespace.',
		source: SIO_README,
		input: { text: '40', kind: 'engine.io-packet' },
		expect: VALID
	},
	{
		id: 'connect-reply',
		group: 'session',
		title: '40{"sid":…}: joined',
		description:
			'The server accepts: its CONNECT carries the Socket.IO sid of this namespace, which differs from the Engine.IO sid.',
		source: 'Socket.IO protocol v5, Connection to a namespace',
		input: { text: '40{"sid":"wZX3oN0bSVIhsaknAAAI"}', kind: 'engine.io-packet' },
		expect: VALID
	},
	{
		id: 'polling-payload',
		group: 'session',
		title: 'Polling payload',
		description:
			'One HTTP response body carrying three packets, separated by the record separator 0x1E.',
		source: `${EIO_README}, Packet encoding`,
		input: {
			text: '40{"sid":"wZX3oN0bSVIhsaknAAAI"}\x1e2\x1e42["tick",1]',
			kind: 'engine.io-payload'
		},
		expect: VALID
	},
	{
		id: 'probe',
		group: 'session',
		title: '2probe',
		description:
			'The client’s first packet on the new WebSocket: a ping with the data probe. In v4 the client sends it.',
		source: `${EIO_README}, Upgrade`,
		input: { text: '2probe', kind: 'engine.io-packet' },
		expect: VALID
	},
	{
		id: 'probe-reply',
		group: 'session',
		title: '3probe',
		description: 'The server’s answer on the WebSocket: the new transport works.',
		source: `${EIO_README}, Upgrade`,
		input: { text: '3probe', kind: 'engine.io-packet' },
		expect: VALID
	},
	{
		id: 'upgrade',
		group: 'session',
		title: '5 (upgrade)',
		description:
			'The client switches: from now on the WebSocket carries the session and polling stops.',
		source: `${EIO_README}, Upgrade`,
		input: { text: '5', kind: 'engine.io-packet' },
		expect: VALID
	},
	{
		id: 'noop',
		group: 'session',
		title: '6 (noop)',
		description:
			'The server releases the client’s pending GET during the upgrade with a packet that does nothing.',
		source: `${EIO_README}, Upgrade`,
		input: { text: '6', kind: 'engine.io-packet' },
		expect: VALID
	},
	{
		id: 'ping',
		group: 'session',
		title: '2 (ping)',
		description:
			'The server’s heartbeat, every pingInterval (25 s by default). In v3 the client pinged.',
		source: `${EIO_README}, Heartbeat`,
		input: { text: '2', kind: 'engine.io-packet' },
		expect: VALID
	},
	{
		id: 'pong',
		group: 'session',
		title: '3 (pong)',
		description: 'The client’s answer, due within pingTimeout (20 s by default).',
		source: `${EIO_README}, Heartbeat`,
		input: { text: '3', kind: 'engine.io-packet' },
		expect: VALID
	},
	{
		id: 'event',
		group: 'socketio',
		title: '42["echo",…]',
		description:
			'socket.emit("echo", "hello", { n: 1 }): an EVENT whose array starts with the event name.',
		source: 'Socket.IO protocol v5, Sending and receiving data',
		input: { text: '42["echo","hello",{"n":1}]', kind: 'engine.io-packet' },
		expect: VALID
	},
	{
		id: 'event-ack',
		group: 'socketio',
		title: '421["echo",…] (asks for an ack)',
		description:
			'The same emit with a callback: the ack id 1 sits between the type and the payload.',
		source: 'Socket.IO protocol v5, Acknowledgement',
		input: { text: '421["echo","hello"]', kind: 'engine.io-packet' },
		expect: VALID
	},
	{
		id: 'ack',
		group: 'socketio',
		title: '431[…] (the ack)',
		description: 'The answer to ack id 1: the values the server passed to the callback.',
		source: 'Socket.IO protocol v5, Acknowledgement',
		input: { text: '431["hello"]', kind: 'engine.io-packet' },
		expect: VALID
	},
	{
		id: 'binary-event',
		group: 'socketio',
		title: '451-[…] + attachment',
		description:
			'An emit with a Uint8Array, as polling sends it: the BINARY_EVENT with a placeholder, then the bytes as b + base64.',
		source: SIO_README,
		input: {
			text: '451-["echo",{"_placeholder":true,"num":0}]\x1ebAQIDBA==',
			kind: 'engine.io-payload'
		},
		expect: VALID
	},
	{
		id: 'namespace',
		group: 'socketio',
		title: '42/chat,[…]',
		description:
			'An EVENT on the /chat namespace: the namespace and a comma come before the payload.',
		source: SIO_README,
		input: { text: '42/chat,["message","hi"]', kind: 'engine.io-packet' },
		expect: VALID
	},
	{
		id: 'connect-error',
		group: 'socketio',
		title: '44{"message":…}',
		description: 'The server refuses the namespace (a middleware called next(new Error(…))).',
		source: 'Socket.IO protocol v5, Connection to a namespace',
		input: { text: '44{"message":"Not authorized"}', kind: 'engine.io-packet' },
		expect: VALID
	},
	{
		id: 'disconnect',
		group: 'socketio',
		title: '41 (leave)',
		description: 'socket.disconnect(): the client leaves the main namespace.',
		source: 'Socket.IO protocol v5, Disconnection from a namespace',
		input: { text: '41', kind: 'engine.io-packet' },
		expect: VALID
	},
	{
		id: 'namespace-no-comma',
		group: 'lenient',
		title: 'Namespace without a comma',
		description: 'socket.io-parser reads the namespace to the end of the packet, payload and all.',
		source: SIO_README,
		input: { text: '42/chat["message"]', kind: 'engine.io-packet' },
		expect: warns('SIO_NAMESPACE_WITHOUT_COMMA', 'SIO_NO_DATA')
	},
	{
		id: 'numeric-event',
		group: 'lenient',
		title: 'A number as event name',
		description: 'The protocol wants a string; the parser accepts a number too.',
		source: 'Socket.IO protocol v5, Sending and receiving data',
		input: { text: '42[1,"x"]', kind: 'engine.io-packet' },
		expect: warns('SIO_NUMERIC_EVENT_NAME')
	},
	{
		id: 'ack-without-data',
		group: 'lenient',
		title: 'ACK without payload',
		description: 'An ACK must carry an array, possibly empty; the parser accepts none at all.',
		source: 'Socket.IO protocol v5, Acknowledgement',
		input: { text: '431', kind: 'engine.io-packet' },
		expect: warns('SIO_NO_DATA')
	},
	{
		id: 'v3-payload',
		group: 'lenient',
		title: 'A v3 payload (6:4hello)',
		description:
			'Engine.IO v3 put a length before each packet. Read as v4, the 6 is a noop and the rest is data it should not have.',
		source: `${EIO_README}, Packet encoding`,
		input: { text: '6:4hello', kind: 'engine.io-payload' },
		expect: warns('EIO_UNEXPECTED_DATA')
	},
	{
		id: 'unknown-type',
		group: 'broken',
		title: 'Unknown Engine.IO type',
		description: 'Only 0 to 6 and b start a packet: the parser returns its error packet.',
		source: `${EIO_README}, Protocol`,
		input: { text: '7hello', kind: 'engine.io-packet' },
		expect: fails('EIO_UNKNOWN_TYPE')
	},
	{
		id: 'trailing-separator',
		group: 'broken',
		title: 'Trailing separator',
		description:
			'A separator after the last packet leaves an empty packet, which the parser rejects.',
		source: `${EIO_README}, Packet encoding`,
		input: { text: '42["hello"]\x1e', kind: 'engine.io-payload' },
		expect: fails('EIO_EMPTY')
	},
	{
		id: 'reserved-event',
		group: 'broken',
		title: 'Reserved event name',
		description: '"disconnect" means something to the library: an EVENT may not use it.',
		source: 'socket.io-parser 4.2',
		input: { text: '42["disconnect"]', kind: 'engine.io-packet' },
		expect: fails('SIO_RESERVED_EVENT')
	},
	{
		id: 'event-not-array',
		group: 'broken',
		title: 'EVENT payload not an array',
		description: 'An EVENT payload must be a non-empty array whose first element is the name.',
		source: 'Socket.IO protocol v5, Sending and receiving data',
		input: { text: '42{"echo":"hello"}', kind: 'engine.io-packet' },
		expect: fails('SIO_EVENT_PAYLOAD')
	},
	{
		id: 'bad-json',
		group: 'broken',
		title: 'Not JSON',
		description: 'A trailing comma: JSON.parse refuses it, and so does the parser.',
		source: SIO_README,
		input: { text: '42["echo","hello",]', kind: 'engine.io-packet' },
		expect: fails('SIO_INVALID_JSON')
	},
	{
		id: 'placeholder-out-of-range',
		group: 'broken',
		title: 'Placeholder past the attachments',
		description: 'One attachment announced, but the placeholder asks for number 1 (the second).',
		source: SIO_README,
		input: { text: '451-["echo",{"_placeholder":true,"num":1}]', kind: 'engine.io-packet' },
		expect: fails('SIO_PLACEHOLDER_INVALID')
	},
	{
		id: 'too-many-attachments',
		group: 'broken',
		title: '11 attachments',
		description: 'socket.io-parser refuses more than 10 attachments by default.',
		source: 'socket.io-parser 4.2',
		input: { text: '4511-["echo"]', kind: 'engine.io-packet' },
		expect: fails('SIO_TOO_MANY_ATTACHMENTS')
	}
];
