/** The live Socket.IO client's sentences and labels, kept out of the components. */
import type { LogDirection, LogSource } from './live-log';
import type { TransportChoice } from './address';

export const LIVE_TEXT = {
	serverLabel: 'Socket.IO server',
	serverHint:
		'Its Engine.IO path, e.g. https://example.com/socket.io/ (any Socket.IO v3 or v4 server; the path defaults to /socket.io/).',
	transportsLabel: 'Transports',
	transports: {
		both: 'Polling, then WebSocket',
		polling: 'HTTP long-polling only',
		websocket: 'WebSocket only'
	} satisfies Record<TransportChoice, string>,
	upgradeLabel: 'Upgrade to WebSocket when offered',
	connect: 'Connect',
	disconnect: 'Disconnect',
	loading: 'Loading socket.io-client…',
	messageLabel: 'Echo text',
	ackLabel: 'Ask for an acknowledgement',
	binaryLabel: 'Attach 4 binary bytes (01 02 03 04)',
	send: 'Send echo',
	ticksLabel: 'Ticks',
	ticks: 'Start ticks',
	viewLabel: 'Show',
	views: {
		server: 'Exact bytes, reported by the server',
		browser: 'Reconstructed in the browser'
	},
	sources: {
		server: 'exact, reported by the server',
		browser: 'reconstructed',
		http: 'HTTP request'
	} satisfies Record<LogSource, string>,
	directions: {
		'to-server': 'client → server',
		'to-client': 'server → client'
	} satisfies Record<LogDirection, string>,
	sourceNotes: {
		server:
			'Exact: the project’s server recorded each POST body and GET response body (polling) and each WebSocket message as its transports received and sent them. HTTP heads and WebSocket frame headers are not included.',
		browser:
			'Reconstructed: the text socket.io-client handed the browser to send and got back from it. A page cannot see the browser’s HTTP heads or WebSocket frames, and this server does not report its own record.',
		browserLocal:
			'Reconstructed: the text socket.io-client handed the browser to send and got back from it; the server’s exact record is one choice away.'
	},
	noServer:
		'This page is not served by Socket Explorer’s own server, so there is no default: name any Socket.IO v4 server (run npm start for the local one).',
	localServer:
		'This page is served by Socket Explorer’s own server, so its Socket.IO server is the default.',
	empty: 'Nothing yet: connect, and the handshake appears here.',
	pingNote:
		'Heartbeat: in Engine.IO v4 the server sends a ping (2) every pingInterval named in the open packet (25 s on Socket Explorer’s server) and the client answers with a pong (3). Stay connected to see them.',
	logLabel: 'Packets',
	decoderHeading: 'Decoded',
	decoderHint: 'Each packet opens in the decoder below: choose one in the log.',
	binaryNote:
		'A binary WebSocket message is an attachment as it is: no Engine.IO type character, no base64. Its placeholder in the packet before it says where it goes.',
	truncatedNote: 'Only the start was kept: the server keeps 64 KiB of each entry.',
	status: {
		idle: 'Not connected.',
		loading: 'Loading socket.io-client…',
		connecting: 'Connecting…',
		connected: 'Connected',
		closed: 'Disconnected',
		error: 'Could not connect'
	},
	httpSummary: (method: string, status: number, sent: number, received: number, ms: number) =>
		`${method} → ${status || 'failed'}, ${sent} bytes sent, ${received} bytes received, open ${Math.round(ms)} ms`,
	transfer: (bytes: number) => `${bytes} bytes over the network with headers`,
	bytes: (count: number) => `${count} byte${count === 1 ? '' : 's'}`,
	connectedOver: (transport: string, sid: string) => `over ${transport}, Engine.IO sid ${sid}`
} as const;
