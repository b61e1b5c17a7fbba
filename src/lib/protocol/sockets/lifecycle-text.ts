/**
 * Every sentence of the socket API stepper (lifecycle.ts), in English: scenario titles and
 * summaries, what each call waits for, why each segment is sent, and each step's explanation.
 * The steps hold the facts (descriptors, sequence numbers, states); these functions word them.
 *
 * Checked against man-pages 5.13 (socket.2, bind.2, listen.2, accept.2, connect.2, send.2,
 * recv.2, shutdown.2, close.2, poll.2, socket.7, tcp.7, udp.7), RFC 9293, and the Linux source
 * named in each `source`; ../shared/reference/facts.md C9–C21 and K hold the same facts.
 */
import type { Errno, ScenarioId } from './lifecycle';

/** Each scenario's title, summary and transport, as the picker shows them. */
export const SCENARIO_TEXT: Record<
	ScenarioId,
	{ title: string; summary: string; transport: 'tcp' | 'udp' }
> = {
	echo: {
		title: 'Echo exchange',
		summary:
			'A TCP server accepts one client, reads its message, sends it back, and both sides close.',
		transport: 'tcp'
	},
	refused: {
		title: 'Connect to a closed port',
		summary:
			'Nothing listens on the port: the server’s kernel answers the SYN with a RST and connect() fails with ECONNREFUSED.',
		transport: 'tcp'
	},
	'backlog-full': {
		title: 'Full accept queue',
		summary:
			'A busy server with listen(fd, 1): two connections fill its accept queue, the third client’s SYN is dropped until accept() makes room.',
		transport: 'tcp'
	},
	'half-close': {
		title: 'Half-close with shutdown()',
		summary:
			'The client sends a request and shutdown(SHUT_WR): the server reads to end-of-file, then still sends its reply.',
		transport: 'tcp'
	},
	'close-unread': {
		title: 'Close with unread data (RST)',
		summary:
			'The server closes a connection whose data it never read: Linux sends a RST, not a FIN, and the client gets ECONNRESET.',
		transport: 'tcp'
	},
	udp: {
		title: 'UDP: no connection',
		summary:
			'socket(), bind(), sendto() and recvfrom(): no listen, no accept, no handshake, one datagram each way.',
		transport: 'udp'
	},
	'nonblocking-connect': {
		title: 'Non-blocking connect (EINPROGRESS)',
		summary:
			'connect() on a non-blocking socket returns EINPROGRESS at once; poll() says when it is writable and SO_ERROR says how it ended.',
		transport: 'tcp'
	}
};

/** What each errno the scenarios meet means, in the words of the page that defines it. */
export const ERRNO_TEXT: Record<Errno, { meaning: string; source: string }> = {
	ECONNREFUSED: {
		meaning:
			'A connect() on a stream socket found no one listening on the remote address: a RST answered the SYN.',
		source: 'connect(2)'
	},
	EINPROGRESS: {
		meaning:
			'The socket is non-blocking and the connection cannot be completed immediately: poll for writable, then read SO_ERROR.',
		source: 'connect(2)'
	},
	ECONNRESET: {
		meaning: 'Connection reset by peer: a RST arrived on an established connection.',
		source: 'send(2); RFC 9293 §3.10.7.4'
	}
};

/** Why a call did or did not wait (Blocking.until). */
export const UNTIL = {
	never: 'Never waits: it only sets up state in the kernel.',
	bindListen: 'Never waits: bind() and listen() do not touch the network.',
	accept: 'Waits until a completed connection is in the accept queue.',
	acceptReady: 'A completed connection is already in the accept queue, so it returns at once.',
	connect: 'Waits until the handshake completes or fails.',
	connectRefused:
		'Waits until the handshake completes or fails: here a RST ends it after one round trip.',
	connectRetry:
		'Waits until the handshake completes or fails: the kernel resends an unanswered SYN until connect() gives up with ETIMEDOUT.',
	connectNonBlocking: 'A non-blocking socket never waits: connect() sends the SYN and returns.',
	recv: 'Waits until data arrives, the peer shuts down (then it returns 0), or an error occurs.',
	recvReady: 'What it returns is already in the receive buffer, so it returns at once.',
	send: 'Waits only while the send buffer is full; it has room, so it returns at once.',
	shutdown: 'Does not wait: the FIN is queued after any data still to be sent.',
	close: 'Returns at once: the kernel finishes the closing in the background (no SO_LINGER).',
	closeUdp: 'Returns at once: there is no connection to close.',
	recvfrom: 'Waits until a datagram arrives.',
	sendto: 'Waits only while the send buffer is full; a datagram goes out at once.',
	poll: 'Waits until the socket is writable, which is when the handshake has finished (or failed), or 5000 ms pass.',
	getsockopt: 'Never waits: it reads the result the kernel stored.'
} as const;

/** Why each segment or datagram is sent (Segment.note). */
export const NOTE = {
	syn: (port: number) =>
		`SYN from the new ephemeral port ${port}, with the client’s initial sequence number.`,
	synAck: 'The server’s kernel answers with its own SYN and acknowledges the client’s.',
	handshakeAck: 'The client’s kernel acknowledges the SYN/ACK: the handshake is complete.',
	synDropped:
		'The accept queue is full: the server’s kernel drops this SYN and sends nothing back.',
	synAgain: 'Retransmission of the same SYN, same sequence number, 1 s after the first.',
	data: (bytes: number) => `${bytes} bytes of data; PSH asks the receiver to deliver them.`,
	dataAck: (bytes: number) =>
		`The receiver’s kernel acknowledges the ${bytes} bytes; its ACK number is the next byte it expects.`,
	fin: 'FIN: no more data from this side. It takes one sequence number.',
	finAck: 'The peer’s kernel acknowledges the FIN (its sequence number + 1).',
	resetClosedPort:
		'RST+ACK from a port with no socket: sequence 0, ACK = the SYN’s sequence + 1 (the SYN had no ACK).',
	resetUnread:
		'RST instead of FIN: unread data was thrown away. seq is the server’s next sequence number, ack the next byte it expected.',
	datagram: (bytes: number) =>
		`One UDP datagram with ${bytes} bytes: no sequence number, no acknowledgment, no retransmission.`
} as const;

/** Each step's explanation, by scenario and step. */
export const EXPLAIN = {
	socketTcp: (fd: number) =>
		`socket() creates a TCP socket and returns descriptor ${fd}, the lowest one free in this process (0, 1 and 2 are stdin, stdout and stderr). It has no address and no connection yet: its state is CLOSED.`,
	socketUdp: (fd: number) =>
		`socket() creates a UDP socket and returns descriptor ${fd}. UDP has no connection, so the socket has no TCP state at all.`,
	socketOtherProcess: (fd: number) =>
		`In its own process the client’s first socket is descriptor ${fd} too: descriptor numbers belong to a process, not to the machine.`,
	socketNonBlocking: (fd: number) =>
		`socket() with SOCK_NONBLOCK returns descriptor ${fd} already non-blocking: no call on it will wait.`,
	bind: (address: string) =>
		`bind() gives the socket its local address, ${address}. Nothing is sent.`,
	listen: (backlog: number) =>
		`listen() makes the socket passive (LISTEN): from now on the kernel itself answers SYNs to this port. The backlog, ${backlog}, limits the queue of completed connections waiting for accept() (Linux holds backlog + 1), and is silently capped at net.core.somaxconn (4096 since Linux 5.4).`,
	listenSmall:
		'With a backlog of 1, Linux’s accept queue holds 2 connections (backlog + 1: it counts as full only above the backlog), and the same limit caps the SYN queue. This server is busy elsewhere and does not call accept() for now.',
	acceptWaits:
		'The accept queue is empty, so accept() blocks. It does not take part in the handshake and starts no thread: the kernel completes handshakes by itself, and accept() only takes a finished connection off the queue.',
	connectWaits: (port: number) =>
		`connect() binds the socket to an ephemeral port (${port}), sends a SYN and blocks. The server’s kernel, not the server process, answers: it files the request in the SYN queue (SYN-RECEIVED) and sends a SYN/ACK.`,
	connectReturns:
		'The SYN/ACK arrives: the client’s kernel sends the final ACK, the socket is ESTABLISHED and connect() returns 0. That ACK completes the handshake in the server’s kernel, which moves the connection from the SYN queue to the accept queue, before any accept() has returned.',
	acceptReturns: (fd: number, listener: number) =>
		`accept() takes the connection off the accept queue and returns a new descriptor, ${fd}, for it. The listening socket, descriptor ${listener}, is unchanged and still LISTEN for the next client. No thread is started: one process now holds both descriptors.`,
	acceptAtOnce: (fd: number) =>
		`The handshake finished before accept() was called, so accept() returns at once with a new descriptor, ${fd}, for the connection.`,
	recvWaits: 'Nothing has arrived on this connection yet, so recv() blocks.',
	send: (bytes: number) =>
		`send() copies the ${bytes} bytes into the socket’s send buffer and returns ${bytes}. It does not wait for them to arrive or to be acknowledged: a successful send() says nothing about delivery.`,
	recvData: (bytes: number) =>
		`The bytes are in the receive buffer, so recv() returns ${bytes}. A stream read returns whatever has arrived, up to the size asked for: it does not know where the sender’s send() calls began or ended.`,
	echoBack: (bytes: number) =>
		`The server writes the ${bytes} bytes back on descriptor 4; the connection carries data both ways.`,
	closeFirst: (fd: number) =>
		`close() releases descriptor ${fd} and returns at once. Everything received was read, so the kernel sends a FIN (FIN-WAIT-1), and the server’s ACK of it brings FIN-WAIT-2. The server’s side is now CLOSE-WAIT: the client will send nothing more, but the server may still send.`,
	recvEof:
		'The peer’s FIN came after all its data, so recv() returns 0: end-of-file. A 0 is neither an error nor an empty message; the peer has finished sending.',
	closeLast: (fd: number) =>
		`close(${fd}) sends the server’s FIN (LAST-ACK); the client’s ACK ends the connection on this side (CLOSED). The client, which closed first, stays in TIME-WAIT: 60 s on Linux, where RFC 9293 asks for 2 × MSL (4 minutes).`,
	closeListener: (fd: number) =>
		`Closing descriptor ${fd}, the listening socket, stops accepting: a SYN to this port is now answered with a RST. Connections already accepted are not affected.`,

	refused:
		'Nothing listens on port 7000, so the server’s kernel answers the SYN with a RST. A RST that acknowledges the SYN ends SYN-SENT: connect() returns -1 with errno ECONNREFUSED, “no one listening on the remote address”.',
	refusedServer:
		'No process is involved on the server: its kernel has no socket on port 7000 and answers for itself.',
	closeAfterFailure: (fd: number) =>
		`After a failed connect() the socket’s state is unspecified: portable code closes descriptor ${fd} and makes a new socket to try again. Nothing is sent.`,

	connectRoomInQueue:
		'The accept queue has room: the kernels complete the handshake and the connection waits in the queue. connect() returns 0 although the server has not called accept(): the connection exists as soon as the handshake is done.',
	connectFillsQueue:
		'A second connection completes the same way. The queue now holds 2, more than the backlog of 1: it is full.',
	connectDropped:
		'With the accept queue full, Linux drops the SYN without any answer (no SYN/ACK, no RST), so the client stays in SYN-SENT and connect() keeps waiting. Had the SYN found room and the queue filled before the final ACK, Linux would instead ignore that ACK and resend its SYN/ACK (tcp_abort_on_overflow is off by default).',
	acceptMakesRoom: (fd: number) =>
		`The server finally calls accept(): a new descriptor, ${fd}, for the oldest connection (client A). The queue has room again.`,
	connectRetried:
		'The client’s kernel sends the same SYN again 1 s after the first (Linux’s initial retransmission timeout). This time there is room: SYN/ACK, ACK, and connect() returns 0, a second late. Had the queue stayed full, the SYN would be retried until connect() failed with ETIMEDOUT (after about 131 s on Linux 6.5 and later).',
	acceptEach: (fd: number, client: string) =>
		`accept() returns ${fd} for ${client}. Each connection gets its own descriptor; all of them share port 7000 with the one listening socket.`,

	sendRequest: (bytes: number) =>
		`The client sends its ${bytes}-byte request; send() returns once the bytes are in the send buffer.`,
	shutdownWrite:
		'shutdown(SHUT_WR) means “I will send nothing more”: the kernel sends a FIN after the data. Unlike close(), the descriptor stays open and the client can still receive (FIN-WAIT-2).',
	recvEofHalf:
		'The FIN follows the 4 bytes, so the next recv() returns 0: the client has finished sending. Only that direction is closed; the server can still send.',
	replyAfterEof: (bytes: number) =>
		`In CLOSE-WAIT the server may still send: ${bytes} bytes go to the client, which receives them in FIN-WAIT-2. This is the half-close.`,
	recvReply: (bytes: number) =>
		`The reply is in the receive buffer: recv() returns ${bytes} even though the client shut down its sending side.`,
	closeAfterHalf: (fd: number) =>
		`The server is done: close(${fd}) sends its FIN (LAST-ACK) and the client’s ACK ends it (CLOSED). The client, which sent the first FIN, goes to TIME-WAIT.`,
	recvEofClient:
		'The server’s FIN has arrived, so recv() returns 0: both directions are now finished.',
	closeInTimeWait: (fd: number) =>
		`close(${fd}) releases the descriptor and sends nothing (the FIN went at shutdown()). The kernel keeps the connection in TIME-WAIT for 60 s without any descriptor.`,

	sendUnread: (bytes: number) =>
		`The client sends ${bytes} bytes; they are acknowledged and sit in the server’s receive buffer.`,
	closeUnread: (fd: number, bytes: number) =>
		`The server closes descriptor ${fd} without reading the ${bytes} bytes in its receive buffer. Linux then sends a RST instead of a FIN, because data was lost (RFC 9293 §3.6.1: a host closing with data pending SHOULD send a RST), and the connection goes straight to CLOSED, not to the TIME-WAIT RFC 9293 suggests after sending a reset.`,
	recvReset:
		'The RST closed the client’s connection (CLOSED), so its next recv() fails with ECONNRESET, “connection reset by peer”. The server never sees the 11 bytes.',
	closeAfterReset: (fd: number) =>
		`close(${fd}) only releases the descriptor: the connection is already gone, so nothing is sent.`,

	udpWaits:
		'No listen() and no accept(): a bound UDP socket receives datagrams from anyone. recvfrom() blocks until one arrives.',
	udpSend: (port: number) =>
		`No handshake: the first sendto() binds the socket to a free ephemeral port (${port}) and one datagram leaves at once. Nothing acknowledges it; had it been lost, neither side would know.`,
	udpReceive:
		'recvfrom() returns exactly one datagram, and the address it came from, which is where the server will reply.',
	udpReply: 'The server replies to the address recvfrom() gave it: one more datagram.',
	udpReceiveReply: (bytes: number) =>
		`The reply is waiting, so recvfrom() returns its ${bytes} bytes at once: one datagram per call.`,
	udpClose: (fd: number) =>
		`close(${fd}) sends nothing: there is no connection to end, and the peer is never told.`,

	connectInProgress:
		'The handshake cannot finish at once, so connect() returns -1 with errno EINPROGRESS: not a failure, the SYN is on its way and the kernel carries on.',
	pollWritable:
		'poll() waits for the socket to become writable. The SYN/ACK arrives, the kernel sends the final ACK, the socket is ESTABLISHED and poll() returns 1 with POLLOUT.',
	soError:
		'Writable only says the attempt is over, not how it ended: SO_ERROR holds the result. 0 means connected; a refused port would show ECONNREFUSED here, since even that refusal comes through SO_ERROR.',
	acceptNotInherited: (fd: number) =>
		`Nothing differs on the server: accept() returns a new descriptor, ${fd}. On Linux it does not inherit O_NONBLOCK from the listening socket (on BSD it does).`
} as const;

/** Short labels and sentences the stepper view shows around the steps. */
export const VIEW_TEXT = {
	laneEmpty: 'Nothing on the wire: this call stays inside the kernel.',
	dropped: 'dropped',
	retransmission: 'retransmission',
	noDescriptor: 'no descriptor',
	noProcess: 'No server process: the server’s kernel answers for itself.',
	udpState: 'no TCP state (UDP)',
	emptyQueue: 'empty',
	blocks: 'Blocks.',
	noBlock: 'Does not block.'
} as const;
