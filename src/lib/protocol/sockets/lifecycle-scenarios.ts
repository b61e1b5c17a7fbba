/**
 * The scripts behind lifecycle.ts: each scenario as the calls both sides make, in order, written
 * with the builder in lifecycle-builder.ts, which keeps the sockets, the listener's queues and
 * each connection's sequence numbers, so a script says what happens ("the client sends a FIN")
 * and the numbers follow. The openings and the calls several scenarios share (socket, bind,
 * listen, connect, accept, send, recv, close) are builder steps; a script states what differs.
 */
import type { LifecycleStep, ScenarioId, Segment, Side } from './lifecycle';
import { EXPLAIN, NOTE, UNTIL } from './lifecycle-text';
import {
	SERVER_HOST,
	PORT,
	SERVER_ADDRESS,
	CLIENT_PORTS,
	MOD,
	clientAddress,
	seqLength,
	Connection,
	Script,
	call,
	sockaddr,
	quoted,
	CLIENT,
	type Handle,
	LISTENER,
	SERVER_CONN,
	openSocket,
	bindStep,
	serverSetup,
	clientSocket,
	connectArgs,
	CONNECT_C,
	sendSyn,
	answerSyn,
	synAndSynAck,
	finalAck,
	blockingConnect,
	acceptArgs,
	ACCEPT_C,
	acceptStep,
	connectedPair,
	sendStep,
	recvStep,
	firstFin,
	secondFin,
	closeStep,
	isns
} from './lifecycle-builder';

function echo(): LifecycleStep[] {
	const s = new Script();
	const conn = new Connection(CLIENT_PORTS[0], isns(0));
	serverSetup(s);
	s.step({
		side: 'server',
		call: call('accept', acceptArgs, null),
		phase: 'waits',
		blocks: true,
		until: UNTIL.accept,
		c: ACCEPT_C,
		node: 'net.createServer((socket) => { … }); // Node never blocks in accept()',
		explanation: EXPLAIN.acceptWaits,
		source: 'accept(2)'
	});
	clientSocket(s);
	blockingConnect(s, conn);
	acceptStep(s, SERVER_CONN.fd, {
		waited: true,
		explanation: EXPLAIN.acceptReturns(SERVER_CONN.fd, LISTENER.fd)
	});
	recvStep(s, SERVER_CONN, { waits: true }, { explanation: EXPLAIN.recvWaits });
	const message = 'hello';
	sendStep(s, conn, CLIENT, message, {
		node: `socket.write('${message}');`,
		explanation: EXPLAIN.send(message.length)
	});
	recvStep(
		s,
		SERVER_CONN,
		{ data: message, waited: true },
		{
			node: "socket.on('data', (chunk) => { … }); // chunk: <Buffer 68 65 6c 6c 6f>",
			explanation: EXPLAIN.recvData(message.length)
		}
	);
	sendStep(s, conn, SERVER_CONN, message, {
		echo: true,
		node: 'socket.write(chunk);',
		explanation: EXPLAIN.echoBack(message.length)
	});
	recvStep(s, CLIENT, { data: message }, { explanation: EXPLAIN.recvData(message.length) });
	closeStep(s, CLIENT, {
		segments: firstFin(s, conn, CLIENT, SERVER_CONN),
		node: 'socket.destroy(); // close(): the kernel still sends a FIN',
		explanation: EXPLAIN.closeFirst(CLIENT.fd),
		source: 'close(2); socket(7); RFC 9293 §3.6'
	});
	recvStep(s, SERVER_CONN, { eof: true }, { explanation: EXPLAIN.recvEof });
	closeStep(s, SERVER_CONN, {
		segments: secondFin(s, conn, SERVER_CONN, CLIENT),
		node: 'socket.destroy();',
		explanation: EXPLAIN.closeLast(SERVER_CONN.fd),
		source: 'RFC 9293 §3.6; include/net/tcp.h (TCP_TIMEWAIT_LEN)'
	});
	s.set(LISTENER.id, 'CLOSED');
	s.queues = null;
	closeStep(s, LISTENER, {
		node: 'server.close();',
		explanation: EXPLAIN.closeListener(LISTENER.fd),
		source: 'close(2); RFC 9293 §3.5.2'
	});
	return s.steps;
}

function refused(): LifecycleStep[] {
	const s = new Script();
	const conn = new Connection(CLIENT_PORTS[0], isns(0));
	clientSocket(s);
	const syn = sendSyn(s, conn, CLIENT.id, NOTE.syn(conn.ports.client));
	// RFC 9293 §3.5.2 group 1: a segment without ACK to a port with no TCB gets
	// <SEQ=0><ACK=SEG.SEQ+SEG.LEN><CTL=RST,ACK>.
	const reset: Segment = {
		transport: 'tcp',
		from: 'server',
		sourcePort: PORT,
		destinationPort: conn.ports.client,
		flags: ['RST', 'ACK'],
		seq: 0,
		ack: ((syn.seq ?? 0) + seqLength(syn.flags, syn.length)) % MOD,
		length: 0,
		data: null,
		fate: 'delivered',
		retransmission: false,
		note: NOTE.resetClosedPort
	};
	s.set(CLIENT.id, 'CLOSED');
	s.step({
		side: 'client',
		call: call('connect', connectArgs, '-1', { errno: 'ECONNREFUSED' }),
		blocks: true,
		until: UNTIL.connectRefused,
		segments: [syn, reset],
		c: 'if (connect(fd, (struct sockaddr *)&server, sizeof server) == -1) perror("connect");',
		node: "socket.on('error', (err) => { … }); // err.code === 'ECONNREFUSED'",
		explanation: `${EXPLAIN.refused} ${EXPLAIN.refusedServer}`,
		source: 'connect(2); RFC 9293 §3.5.2, §3.10.7.3'
	});
	closeStep(s, CLIENT, {
		node: 'socket.destroy(); // Node has already closed it after the error',
		explanation: EXPLAIN.closeAfterFailure(CLIENT.fd),
		source: 'connect(2)'
	});
	return s.steps;
}

function backlogFull(): LifecycleStep[] {
	const s = new Script();
	serverSetup(s, 1);
	const names = ['client A', 'client B', 'client C'];
	const ids = ['client-a', 'client-b', 'client-c'];
	const serverIds = ['server-conn-a', 'server-conn-b', 'server-conn-c'];
	const conns = [0, 1, 2].map((i) => new Connection(CLIENT_PORTS[i], isns(i as 0 | 1 | 2)));
	for (const i of [0, 1]) {
		clientSocket(s, ids[i], names[i]);
		s.step({
			side: 'client',
			actor: names[i],
			call: call('connect', connectArgs, '0'),
			blocks: true,
			until: UNTIL.connect,
			segments: [
				...synAndSynAck(s, conns[i], ids[i], serverIds[i]),
				...finalAck(s, conns[i], ids[i], serverIds[i])
			],
			c: CONNECT_C,
			node: `net.connect(${PORT}, '${SERVER_HOST}');`,
			explanation: i === 0 ? EXPLAIN.connectRoomInQueue : EXPLAIN.connectFillsQueue,
			source:
				i === 0 ? 'connect(2); listen(2)' : 'listen(2); include/net/sock.h (sk_acceptq_is_full)'
		});
	}
	// Client C: the SYN arrives while the accept queue is full. tcp_conn_request() checks
	// sk_acceptq_is_full() before it allocates a request, so nothing is queued and nothing sent.
	clientSocket(s, ids[2], names[2]);
	const firstSyn = sendSyn(s, conns[2], ids[2], NOTE.synDropped, 'dropped');
	s.step({
		side: 'client',
		actor: names[2],
		call: call('connect', connectArgs, null),
		phase: 'waits',
		blocks: true,
		until: UNTIL.connectRetry,
		segments: [firstSyn],
		c: CONNECT_C,
		node: `net.connect(${PORT}, '${SERVER_HOST}');`,
		explanation: EXPLAIN.connectDropped,
		source: 'net/ipv4/tcp_input.c (tcp_conn_request); tcp(7) tcp_abort_on_overflow'
	});
	acceptStep(s, 4, {
		node: '// Node accepts as soon as its event loop is free; a busy loop leaves them queued',
		explanation: EXPLAIN.acceptMakesRoom(4)
	});
	const again = conns[2].resend(firstSyn, NOTE.synAgain);
	const synAck = answerSyn(s, conns[2], serverIds[2]);
	s.step({
		side: 'client',
		actor: names[2],
		call: call('connect', connectArgs, '0'),
		phase: 'returns',
		blocks: true,
		until: UNTIL.connectRetry,
		segments: [again, synAck, ...finalAck(s, conns[2], ids[2], serverIds[2])],
		c: CONNECT_C,
		node: "socket.on('connect', () => { … }); // about 1 s late",
		explanation: EXPLAIN.connectRetried,
		source: 'include/net/tcp.h (TCP_TIMEOUT_INIT); ip-sysctl.rst (tcp_syn_linear_timeouts)'
	});
	acceptStep(s, 5, { explanation: EXPLAIN.acceptEach(5, names[1]) });
	acceptStep(s, 6, { explanation: EXPLAIN.acceptEach(6, names[2]) });
	return s.steps;
}

function halfClose(): LifecycleStep[] {
	const s = new Script();
	const conn = new Connection(CLIENT_PORTS[0], isns(0));
	connectedPair(s, conn);
	const request = 'ping';
	const reply = 'pong';
	sendStep(s, conn, CLIENT, request, {
		node: `socket.end('${request}'); // write, then shutdown(SHUT_WR)`,
		explanation: EXPLAIN.sendRequest(request.length)
	});
	s.step({
		side: 'client',
		call: call('shutdown', ['3', 'SHUT_WR'], '0'),
		until: UNTIL.shutdown,
		segments: firstFin(s, conn, CLIENT, SERVER_CONN),
		c: 'shutdown(fd, SHUT_WR);',
		node: `socket.end('${request}'); // the same call: end() is shutdown(SHUT_WR)`,
		explanation: EXPLAIN.shutdownWrite,
		source: 'shutdown(2); RFC 9293 §3.6.1'
	});
	recvStep(s, SERVER_CONN, { data: request }, { explanation: EXPLAIN.recvData(request.length) });
	recvStep(
		s,
		SERVER_CONN,
		{ eof: true },
		{
			node: "socket.on('end', () => { … }); // needs net.createServer({ allowHalfOpen: true })",
			explanation: EXPLAIN.recvEofHalf,
			source: 'recv(2); shutdown(2)'
		}
	);
	sendStep(s, conn, SERVER_CONN, reply, {
		node: `socket.end('${reply}'); // allowed because allowHalfOpen is true`,
		explanation: EXPLAIN.replyAfterEof(reply.length),
		source: 'RFC 9293 §3.6.1'
	});
	recvStep(s, CLIENT, { data: reply }, { explanation: EXPLAIN.recvReply(reply.length) });
	closeStep(s, SERVER_CONN, {
		segments: secondFin(s, conn, SERVER_CONN, CLIENT),
		node: "// Node closes the descriptor once both sides have ended ('close' event)",
		explanation: EXPLAIN.closeAfterHalf(SERVER_CONN.fd),
		source: 'RFC 9293 §3.6'
	});
	recvStep(s, CLIENT, { eof: true }, { explanation: EXPLAIN.recvEofClient });
	closeStep(s, CLIENT, {
		node: "socket.on('close', () => { … }); // Node has closed the descriptor",
		explanation: EXPLAIN.closeInTimeWait(CLIENT.fd),
		source: 'close(2); include/net/tcp.h (TCP_TIMEWAIT_LEN)'
	});
	return s.steps;
}

function closeUnread(): LifecycleStep[] {
	const s = new Script();
	const conn = new Connection(CLIENT_PORTS[0], isns(0));
	connectedPair(s, conn);
	const message = 'hello world';
	sendStep(s, conn, CLIENT, message, {
		node: `socket.write('${message}');`,
		explanation: EXPLAIN.sendUnread(message.length)
	});
	// net/ipv4/tcp.c tcp_close(): unread data in the receive queue means a RST, not a FIN, and
	// the socket goes to TCP_CLOSE (not TIME-WAIT).
	const reset = conn.send('server', ['RST', 'ACK'], NOTE.resetUnread);
	s.set(SERVER_CONN.id, 'CLOSED');
	s.set(CLIENT.id, 'CLOSED');
	closeStep(s, SERVER_CONN, {
		segments: [reset],
		c: `close(conn); // without reading the ${message.length} bytes`,
		node: 'socket.destroy(); // server made with { pauseOnConnect: true }: nothing was read',
		explanation: EXPLAIN.closeUnread(SERVER_CONN.fd, message.length),
		source: 'net/ipv4/tcp.c (tcp_close); RFC 9293 §3.6.1'
	});
	s.step({
		side: 'client',
		call: call('recv', ['3', 'buf', '1024', '0'], '-1', { errno: 'ECONNRESET' }),
		until: UNTIL.recvReady,
		c: 'if (recv(fd, buf, sizeof buf, 0) == -1) perror("recv");',
		node: "socket.on('error', (err) => { … }); // err.code === 'ECONNRESET'",
		explanation: EXPLAIN.recvReset,
		source: 'send(2) (ECONNRESET); RFC 9293 §3.10.7.4'
	});
	closeStep(s, CLIENT, {
		node: "socket.on('close', () => { … }); // Node closes it after the error",
		explanation: EXPLAIN.closeAfterReset(CLIENT.fd),
		source: 'close(2)'
	});
	return s.steps;
}

function udp(): LifecycleStep[] {
	const s = new Script();
	const clientPort = CLIENT_PORTS[0];
	const peer = clientAddress(clientPort);
	const message = 'hello';
	const bytes = String(message.length);
	const datagram = (from: Side): Segment => ({
		transport: 'udp',
		from,
		sourcePort: from === 'client' ? clientPort : PORT,
		destinationPort: from === 'client' ? PORT : clientPort,
		flags: [],
		seq: null,
		ack: null,
		length: message.length,
		data: message,
		fate: 'delivered',
		retransmission: false,
		note: NOTE.datagram(message.length)
	});
	// Both processes' UDP sockets are descriptor 3, each in its own process.
	const server: Handle = { id: 'server', side: 'server', fd: 3, c: 'fd' };
	openSocket(s, server, 'SOCK_DGRAM', {
		node: "const server = dgram.createSocket('udp4');",
		explanation: EXPLAIN.socketUdp(server.fd),
		source: 'socket(2); udp(7)'
	});
	bindStep(s, server, {
		node: `server.bind(${PORT}, '${SERVER_HOST}');`,
		explanation: EXPLAIN.bind(SERVER_ADDRESS),
		source: 'bind(2); udp(7)'
	});
	const recvfromArgs = ['3', 'buf', '1024', '0', '&from', '&len'];
	const recvfromC = 'ssize_t n = recvfrom(fd, buf, sizeof buf, 0, (struct sockaddr *)&from, &len);';
	s.step({
		side: 'server',
		call: call('recvfrom', recvfromArgs, null),
		phase: 'waits',
		blocks: true,
		until: UNTIL.recvfrom,
		c: recvfromC,
		node: "server.on('message', (msg, rinfo) => { … });",
		explanation: EXPLAIN.udpWaits,
		source: 'udp(7); recv(2)'
	});
	openSocket(s, CLIENT, 'SOCK_DGRAM', {
		node: "const client = dgram.createSocket('udp4');",
		explanation: EXPLAIN.socketOtherProcess(CLIENT.fd),
		source: 'socket(2)'
	});
	s.patch(CLIENT.id, { local: peer });
	s.step({
		side: 'client',
		call: call('sendto', ['3', quoted(message), bytes, '0', sockaddr(SERVER_ADDRESS), '16'], bytes),
		until: UNTIL.sendto,
		segments: [datagram('client')],
		c: `sendto(fd, "${message}", ${bytes}, 0, (struct sockaddr *)&server, sizeof server);`,
		node: `client.send('${message}', ${PORT}, '${SERVER_HOST}');`,
		explanation: EXPLAIN.udpSend(clientPort),
		source: 'udp(7)'
	});
	s.step({
		side: 'server',
		call: call('recvfrom', recvfromArgs, bytes, {
			out: `buf = ${quoted(message)}, from = ${peer}`
		}),
		phase: 'returns',
		blocks: true,
		until: UNTIL.recvfrom,
		c: recvfromC,
		node: `server.on('message', (msg, rinfo) => { … }); // rinfo: ${peer}`,
		explanation: EXPLAIN.udpReceive,
		source: 'udp(7); recv(2)'
	});
	s.step({
		side: 'server',
		call: call('sendto', ['3', 'buf', bytes, '0', '&from', 'len'], bytes),
		until: UNTIL.sendto,
		segments: [datagram('server')],
		c: 'sendto(fd, buf, n, 0, (struct sockaddr *)&from, len);',
		node: 'server.send(msg, rinfo.port, rinfo.address);',
		explanation: EXPLAIN.udpReply,
		source: 'udp(7)'
	});
	s.step({
		side: 'client',
		call: call('recvfrom', recvfromArgs, bytes, {
			out: `buf = ${quoted(message)}, from = ${SERVER_ADDRESS}`
		}),
		until: UNTIL.recvReady,
		c: recvfromC,
		node: "client.on('message', (msg, rinfo) => { … });",
		explanation: EXPLAIN.udpReceiveReply(message.length),
		source: 'udp(7); recv(2)'
	});
	for (const [h, node] of [
		[CLIENT, 'client.close();'],
		[server, 'server.close();']
	] as const) {
		closeStep(s, h, {
			until: UNTIL.closeUdp,
			node,
			explanation: EXPLAIN.udpClose(h.fd),
			source: 'udp(7)'
		});
	}
	return s.steps;
}

function nonBlockingConnect(): LifecycleStep[] {
	const s = new Script();
	const conn = new Connection(CLIENT_PORTS[0], isns(0));
	serverSetup(s);
	clientSocket(s, CLIENT.id, 'client', true);
	const libuv = `const socket = net.connect(${PORT}, '${SERVER_HOST}'); // libuv: same calls inside`;
	s.step({
		side: 'client',
		call: call('connect', connectArgs, '-1', { errno: 'EINPROGRESS' }),
		until: UNTIL.connectNonBlocking,
		segments: synAndSynAck(s, conn, CLIENT.id, SERVER_CONN.id),
		c: 'if (connect(fd, (struct sockaddr *)&server, sizeof server) == -1 && errno == EINPROGRESS)',
		node: libuv,
		explanation: EXPLAIN.connectInProgress,
		source: 'connect(2)'
	});
	s.step({
		side: 'client',
		call: call('poll', ['{fd=3, events=POLLOUT}', '1', '5000'], '1', { out: 'revents = POLLOUT' }),
		blocks: true,
		until: UNTIL.poll,
		segments: finalAck(s, conn, CLIENT.id, SERVER_CONN.id),
		c: 'poll(&(struct pollfd){ .fd = fd, .events = POLLOUT }, 1, 5000);',
		node: '// libuv’s event loop waits for writable (epoll), like poll()',
		explanation: EXPLAIN.pollWritable,
		source: 'connect(2); poll(2)'
	});
	s.step({
		side: 'client',
		call: call('getsockopt', ['3', 'SOL_SOCKET', 'SO_ERROR', '&err', '&len'], '0', {
			out: 'err = 0'
		}),
		until: UNTIL.getsockopt,
		c: 'getsockopt(fd, SOL_SOCKET, SO_ERROR, &err, &len); // err == 0: connected',
		node: "socket.on('connect', () => { … }); // libuv read SO_ERROR = 0",
		explanation: EXPLAIN.soError,
		source: 'connect(2)'
	});
	acceptStep(s, SERVER_CONN.fd, { explanation: EXPLAIN.acceptNotInherited(SERVER_CONN.fd) });
	return s.steps;
}

const BUILDERS: Record<ScenarioId, () => LifecycleStep[]> = {
	echo,
	refused,
	'backlog-full': backlogFull,
	'half-close': halfClose,
	'close-unread': closeUnread,
	udp,
	'nonblocking-connect': nonBlockingConnect
};

/** The steps of one scenario, built fresh. */
export function buildScenario(id: ScenarioId): LifecycleStep[] {
	return BUILDERS[id]();
}
