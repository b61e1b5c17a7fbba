/** A stand-alone tool page under /tools/<slug>/, listed on the home and tools pages. */
export interface Tool {
	slug: string;
	title: string;
	description: string;
}

/** The tools in the order the home page shows them. */
export const TOOLS: Tool[] = [
	{
		slug: 'socket-types',
		title: 'Socket types lab',
		description:
			'Send the same messages through a stream, datagram or seqpacket socket over a lossy network, and see what each recv() returns and why.'
	},
	{
		slug: 'socket-api',
		title: 'Socket API Stepper',
		description:
			'Step through socket, bind, listen, accept and connect call by call, with the TCP segments, states and queues each call causes.'
	},
	{
		slug: 'tcp-handshake',
		title: 'TCP Handshake Stepper',
		description:
			'Step through opening and closing a TCP connection, with lost segments, timers, both state machines and the seq/ack arithmetic.'
	},
	{
		slug: 'packet-decoder',
		title: 'Packet Decoder',
		description:
			'Paste an Ethernet, IP, TCP or UDP packet and see every field under its Wireshark name, with checksums verified.'
	},
	{
		slug: 'capture',
		title: 'Capture Explorer',
		description:
			'Open a pcap or pcapng file and read each conversation: the TCP handshake, the WebSocket Upgrade checked, every frame decoded and the teardown.'
	},
	{
		slug: 'transports',
		title: 'Polling, SSE and WebSocket',
		description:
			'Race short polling, long polling, Server-Sent Events and WebSocket on the same events, and compare their latency, requests and bytes.'
	},
	{
		slug: 'frame-decoder',
		title: 'Frame Decoder',
		description:
			'Paste WebSocket bytes in any notation and see every field, the unmasking, the messages and the first rule they break.'
	},
	{
		slug: 'frame-builder',
		title: 'Frame Builder',
		description:
			'Choose flags, opcode, payload, mask, fragments and compression, and watch the frame bytes change as you go.'
	},
	{
		slug: 'handshake',
		title: 'Handshake inspector',
		description:
			'Paste an upgrade request and response and see every RFC 6455 handshake rule pass or fail, line by line.'
	},
	{
		slug: 'accept',
		title: 'Accept calculator',
		description:
			'Watch Sec-WebSocket-Key become Sec-WebSocket-Accept: key + GUID, SHA-1, base64, step by step.'
	},
	{
		slug: 'echo',
		title: 'Echo client',
		description:
			'Talk to a live WebSocket server and see every message’s frame bytes, close codes explained, and round-trip times.'
	},
	{
		slug: 'socketio',
		title: 'Socket.IO live client',
		description:
			'Connect the real socket.io-client and read every Engine.IO and Socket.IO packet: the polling handshake, the upgrade, pings, events and acknowledgements.'
	},
	{
		slug: 'socketio-decoder',
		title: 'Socket.IO Decoder',
		description:
			'Paste an Engine.IO packet, a polling payload or a Socket.IO packet and see every character explained, checked as socket.io’s own parsers check it.'
	}
];
