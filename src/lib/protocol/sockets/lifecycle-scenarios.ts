/**
 * The scripts behind lifecycle.ts: each scenario as the calls both sides make, in order, written
 * with the builder in lifecycle-builder.ts, which keeps the sockets, the listener's queues and
 * each connection's sequence numbers, so a script says what happens ("the client sends a FIN")
 * and the numbers follow.
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
	serverSetup,
	clientSocket,
	connectArgs,
	synAndSynAck,
	finalAck,
	takeFromQueue,
	acceptArgs,
	ACCEPT_C,
	ACCEPT_NODE,
	connectedPair,
	dataAndAck,
	finAndAck,
	isns,
	quoted
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
	s.step({
		side: 'client',
		call: call('connect', connectArgs, null),
		phase: 'waits',
		blocks: true,
		until: UNTIL.connect,
		segments: synAndSynAck(s, conn, 'client', 'server-conn'),
		c: 'connect(fd, (struct sockaddr *)&server, sizeof server);',
		node: `const socket = net.connect(${PORT}, '${SERVER_HOST}');`,
		explanation: EXPLAIN.connectWaits(conn.ports.client),
		source: 'connect(2); RFC 9293 §3.5'
	});
	s.step({
		side: 'client',
		call: call('connect', connectArgs, '0'),
		phase: 'returns',
		blocks: true,
		until: UNTIL.connect,
		segments: finalAck(s, conn, 'client', 'server-conn'),
		c: 'connect(fd, (struct sockaddr *)&server, sizeof server);',
		node: "socket.on('connect', () => { … });",
		explanation: EXPLAIN.connectReturns,
		source: 'connect(2); RFC 9293 §3.5'
	});
	const peer = takeFromQueue(s, 4);
	s.step({
		side: 'server',
		call: call('accept', acceptArgs, '4', { out: `peer = ${peer}` }),
		phase: 'returns',
		blocks: true,
		until: UNTIL.accept,
		c: ACCEPT_C,
		node: ACCEPT_NODE,
		explanation: EXPLAIN.acceptReturns(4, 3),
		source: 'accept(2)'
	});
	const recvArgs = (fd: number) => [String(fd), 'buf', '1024', '0'];
	s.step({
		side: 'server',
		call: call('recv', recvArgs(4), null),
		phase: 'waits',
		blocks: true,
		until: UNTIL.recv,
		c: 'ssize_t n = recv(conn, buf, sizeof buf, 0);',
		node: "socket.on('data', (chunk) => { … });",
		explanation: EXPLAIN.recvWaits,
		source: 'recv(2)'
	});
	const message = 'hello';
	const bytes = String(message.length);
	s.step({
		side: 'client',
		call: call('send', ['3', quoted(message), bytes, '0'], bytes),
		until: UNTIL.send,
		segments: dataAndAck(conn, 'client', message),
		c: `send(fd, "${message}", ${bytes}, 0);`,
		node: `socket.write('${message}');`,
		explanation: EXPLAIN.send(message.length),
		source: 'send(2)'
	});
	s.step({
		side: 'server',
		call: call('recv', recvArgs(4), bytes, { out: `buf = ${quoted(message)}` }),
		phase: 'returns',
		blocks: true,
		until: UNTIL.recv,
		c: 'ssize_t n = recv(conn, buf, sizeof buf, 0);',
		node: "socket.on('data', (chunk) => { … }); // chunk: <Buffer 68 65 6c 6c 6f>",
		explanation: EXPLAIN.recvData(message.length),
		source: 'recv(2)'
	});
	s.step({
		side: 'server',
		call: call('send', ['4', 'buf', bytes, '0'], bytes),
		until: UNTIL.send,
		segments: dataAndAck(conn, 'server', message),
		c: 'send(conn, buf, n, 0);',
		node: 'socket.write(chunk);',
		explanation: EXPLAIN.echoBack(message.length),
		source: 'send(2)'
	});
	s.step({
		side: 'client',
		call: call('recv', recvArgs(3), bytes, { out: `buf = ${quoted(message)}` }),
		until: UNTIL.recvReady,
		c: 'ssize_t n = recv(fd, buf, sizeof buf, 0);',
		node: "socket.on('data', (chunk) => { … });",
		explanation: EXPLAIN.recvData(message.length),
		source: 'recv(2)'
	});
	s.set('client', 'FIN-WAIT-1');
	const clientFin = finAndAck(conn, 'client');
	s.set('client', 'FIN-WAIT-2');
	s.set('server-conn', 'CLOSE-WAIT');
	s.patch('client', { fd: null });
	s.step({
		side: 'client',
		call: call('close', ['3'], '0'),
		until: UNTIL.close,
		segments: clientFin,
		c: 'close(fd);',
		node: 'socket.destroy(); // close(): the kernel still sends a FIN',
		explanation: EXPLAIN.closeFirst(3),
		source: 'close(2); socket(7); RFC 9293 §3.6'
	});
	s.step({
		side: 'server',
		call: call('recv', recvArgs(4), '0'),
		until: UNTIL.recvReady,
		c: 'ssize_t n = recv(conn, buf, sizeof buf, 0); // 0: end-of-file',
		node: "socket.on('end', () => { … });",
		explanation: EXPLAIN.recvEof,
		source: 'recv(2)'
	});
	s.set('server-conn', 'LAST-ACK');
	const serverFin = finAndAck(conn, 'server');
	s.set('server-conn', 'CLOSED');
	s.set('client', 'TIME-WAIT');
	s.patch('server-conn', { fd: null });
	s.step({
		side: 'server',
		call: call('close', ['4'], '0'),
		until: UNTIL.close,
		segments: serverFin,
		c: 'close(conn);',
		node: 'socket.destroy();',
		explanation: EXPLAIN.closeLast(4),
		source: 'RFC 9293 §3.6; include/net/tcp.h (TCP_TIMEWAIT_LEN)'
	});
	s.set('server-listen', 'CLOSED');
	s.patch('server-listen', { fd: null });
	s.queues = null;
	s.step({
		side: 'server',
		call: call('close', ['3'], '0'),
		until: UNTIL.close,
		c: 'close(lfd);',
		node: 'server.close();',
		explanation: EXPLAIN.closeListener(3),
		source: 'close(2); RFC 9293 §3.5.2'
	});
	return s.steps;
}

function refused(): LifecycleStep[] {
	const s = new Script();
	const conn = new Connection(CLIENT_PORTS[0], isns(0));
	clientSocket(s);
	s.patch('client', {
		local: clientAddress(conn.ports.client),
		remote: SERVER_ADDRESS,
		role: 'connection'
	});
	s.set('client', 'SYN-SENT');
	const syn = conn.send('client', ['SYN'], NOTE.syn(conn.ports.client));
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
	s.set('client', 'CLOSED');
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
	s.patch('client', { fd: null });
	s.step({
		side: 'client',
		call: call('close', ['3'], '0'),
		until: UNTIL.close,
		c: 'close(fd);',
		node: 'socket.destroy(); // Node has already closed it after the error',
		explanation: EXPLAIN.closeAfterFailure(3),
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
	const connectC = 'connect(fd, (struct sockaddr *)&server, sizeof server);';
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
			c: connectC,
			node: `net.connect(${PORT}, '${SERVER_HOST}');`,
			explanation: i === 0 ? EXPLAIN.connectRoomInQueue : EXPLAIN.connectFillsQueue,
			source:
				i === 0 ? 'connect(2); listen(2)' : 'listen(2); include/net/sock.h (sk_acceptq_is_full)'
		});
	}
	// Client C: the SYN arrives while the accept queue is full. tcp_conn_request() checks
	// sk_acceptq_is_full() before it allocates a request, so nothing is queued and nothing sent.
	clientSocket(s, ids[2], names[2]);
	s.patch(ids[2], {
		local: clientAddress(conns[2].ports.client),
		remote: SERVER_ADDRESS,
		role: 'connection'
	});
	s.set(ids[2], 'SYN-SENT');
	const firstSyn = conns[2].send('client', ['SYN'], NOTE.synDropped, { fate: 'dropped' });
	s.step({
		side: 'client',
		actor: names[2],
		call: call('connect', connectArgs, null),
		phase: 'waits',
		blocks: true,
		until: UNTIL.connectRetry,
		segments: [firstSyn],
		c: connectC,
		node: `net.connect(${PORT}, '${SERVER_HOST}');`,
		explanation: EXPLAIN.connectDropped,
		source: 'net/ipv4/tcp_input.c (tcp_conn_request); tcp(7) tcp_abort_on_overflow'
	});
	const peerA = takeFromQueue(s, 4);
	s.step({
		side: 'server',
		call: call('accept', acceptArgs, '4', { out: `peer = ${peerA}` }),
		until: UNTIL.acceptReady,
		c: ACCEPT_C,
		node: '// Node accepts as soon as its event loop is free; a busy loop leaves them queued',
		explanation: EXPLAIN.acceptMakesRoom(4),
		source: 'accept(2)'
	});
	const again = conns[2].resend(firstSyn, NOTE.synAgain);
	s.open({
		id: serverIds[2],
		side: 'server',
		owner: 'server',
		fd: null,
		transport: 'tcp',
		role: 'connection',
		local: SERVER_ADDRESS,
		remote: clientAddress(conns[2].ports.client),
		state: 'SYN-RECEIVED'
	});
	s.queues?.syn.push({ peer: clientAddress(conns[2].ports.client), socket: serverIds[2] });
	const synAck = conns[2].send('server', ['SYN', 'ACK'], NOTE.synAck);
	s.step({
		side: 'client',
		actor: names[2],
		call: call('connect', connectArgs, '0'),
		phase: 'returns',
		blocks: true,
		until: UNTIL.connectRetry,
		segments: [again, synAck, ...finalAck(s, conns[2], ids[2], serverIds[2])],
		c: connectC,
		node: "socket.on('connect', () => { … }); // about 1 s late",
		explanation: EXPLAIN.connectRetried,
		source: 'include/net/tcp.h (TCP_TIMEOUT_INIT); ip-sysctl.rst (tcp_syn_linear_timeouts)'
	});
	for (const [fd, name] of [
		[5, names[1]],
		[6, names[2]]
	] as const) {
		const peer = takeFromQueue(s, fd);
		s.step({
			side: 'server',
			call: call('accept', acceptArgs, String(fd), { out: `peer = ${peer}` }),
			until: UNTIL.acceptReady,
			c: ACCEPT_C,
			node: ACCEPT_NODE,
			explanation: EXPLAIN.acceptEach(fd, name),
			source: 'accept(2)'
		});
	}
	return s.steps;
}

function halfClose(): LifecycleStep[] {
	const s = new Script();
	const conn = new Connection(CLIENT_PORTS[0], isns(0));
	connectedPair(s, conn);
	const request = 'ping';
	const reply = 'pong';
	s.step({
		side: 'client',
		call: call('send', ['3', quoted(request), String(request.length), '0'], String(request.length)),
		until: UNTIL.send,
		segments: dataAndAck(conn, 'client', request),
		c: `send(fd, "${request}", ${request.length}, 0);`,
		node: `socket.end('${request}'); // write, then shutdown(SHUT_WR)`,
		explanation: EXPLAIN.sendRequest(request.length),
		source: 'send(2)'
	});
	s.set('client', 'FIN-WAIT-1');
	const fin = finAndAck(conn, 'client');
	s.set('client', 'FIN-WAIT-2');
	s.set('server-conn', 'CLOSE-WAIT');
	s.step({
		side: 'client',
		call: call('shutdown', ['3', 'SHUT_WR'], '0'),
		until: UNTIL.shutdown,
		segments: fin,
		c: 'shutdown(fd, SHUT_WR);',
		node: `socket.end('${request}'); // the same call: end() is shutdown(SHUT_WR)`,
		explanation: EXPLAIN.shutdownWrite,
		source: 'shutdown(2); RFC 9293 §3.6.1'
	});
	s.step({
		side: 'server',
		call: call('recv', ['4', 'buf', '1024', '0'], String(request.length), {
			out: `buf = ${quoted(request)}`
		}),
		until: UNTIL.recvReady,
		c: 'ssize_t n = recv(conn, buf, sizeof buf, 0);',
		node: "socket.on('data', (chunk) => { … });",
		explanation: EXPLAIN.recvData(request.length),
		source: 'recv(2)'
	});
	s.step({
		side: 'server',
		call: call('recv', ['4', 'buf', '1024', '0'], '0'),
		until: UNTIL.recvReady,
		c: 'ssize_t n = recv(conn, buf, sizeof buf, 0); // 0: end-of-file',
		node: "socket.on('end', () => { … }); // needs net.createServer({ allowHalfOpen: true })",
		explanation: EXPLAIN.recvEofHalf,
		source: 'recv(2); shutdown(2)'
	});
	s.step({
		side: 'server',
		call: call('send', ['4', quoted(reply), String(reply.length), '0'], String(reply.length)),
		until: UNTIL.send,
		segments: dataAndAck(conn, 'server', reply),
		c: `send(conn, "${reply}", ${reply.length}, 0);`,
		node: `socket.end('${reply}'); // allowed because allowHalfOpen is true`,
		explanation: EXPLAIN.replyAfterEof(reply.length),
		source: 'RFC 9293 §3.6.1'
	});
	s.step({
		side: 'client',
		call: call('recv', ['3', 'buf', '1024', '0'], String(reply.length), {
			out: `buf = ${quoted(reply)}`
		}),
		until: UNTIL.recvReady,
		c: 'ssize_t n = recv(fd, buf, sizeof buf, 0);',
		node: "socket.on('data', (chunk) => { … });",
		explanation: EXPLAIN.recvReply(reply.length),
		source: 'recv(2)'
	});
	s.set('server-conn', 'LAST-ACK');
	const serverFin = finAndAck(conn, 'server');
	s.set('server-conn', 'CLOSED');
	s.set('client', 'TIME-WAIT');
	s.patch('server-conn', { fd: null });
	s.step({
		side: 'server',
		call: call('close', ['4'], '0'),
		until: UNTIL.close,
		segments: serverFin,
		c: 'close(conn);',
		node: "// Node closes the descriptor once both sides have ended ('close' event)",
		explanation: EXPLAIN.closeAfterHalf(4),
		source: 'RFC 9293 §3.6'
	});
	s.step({
		side: 'client',
		call: call('recv', ['3', 'buf', '1024', '0'], '0'),
		until: UNTIL.recvReady,
		c: 'ssize_t n = recv(fd, buf, sizeof buf, 0); // 0: end-of-file',
		node: "socket.on('end', () => { … });",
		explanation: EXPLAIN.recvEofClient,
		source: 'recv(2)'
	});
	s.patch('client', { fd: null });
	s.step({
		side: 'client',
		call: call('close', ['3'], '0'),
		until: UNTIL.close,
		c: 'close(fd);',
		node: "socket.on('close', () => { … }); // Node has closed the descriptor",
		explanation: EXPLAIN.closeInTimeWait(3),
		source: 'close(2); include/net/tcp.h (TCP_TIMEWAIT_LEN)'
	});
	return s.steps;
}

function closeUnread(): LifecycleStep[] {
	const s = new Script();
	const conn = new Connection(CLIENT_PORTS[0], isns(0));
	connectedPair(s, conn);
	const message = 'hello world';
	const bytes = String(message.length);
	s.step({
		side: 'client',
		call: call('send', ['3', quoted(message), bytes, '0'], bytes),
		until: UNTIL.send,
		segments: dataAndAck(conn, 'client', message),
		c: `send(fd, "${message}", ${bytes}, 0);`,
		node: `socket.write('${message}');`,
		explanation: EXPLAIN.sendUnread(message.length),
		source: 'send(2)'
	});
	// net/ipv4/tcp.c tcp_close(): unread data in the receive queue means a RST, not a FIN, and
	// the socket goes to TCP_CLOSE (not TIME-WAIT).
	const reset = conn.send('server', ['RST', 'ACK'], NOTE.resetUnread);
	s.set('server-conn', 'CLOSED');
	s.set('client', 'CLOSED');
	s.patch('server-conn', { fd: null });
	s.step({
		side: 'server',
		call: call('close', ['4'], '0'),
		until: UNTIL.close,
		segments: [reset],
		c: 'close(conn); // without reading the 11 bytes',
		node: 'socket.destroy(); // server made with { pauseOnConnect: true }: nothing was read',
		explanation: EXPLAIN.closeUnread(4, message.length),
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
	s.patch('client', { fd: null });
	s.step({
		side: 'client',
		call: call('close', ['3'], '0'),
		until: UNTIL.close,
		c: 'close(fd);',
		node: "socket.on('close', () => { … }); // Node closes it after the error",
		explanation: EXPLAIN.closeAfterReset(3),
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
	const udpSocket = (id: string, side: Side) =>
		s.open({
			id,
			side,
			owner: side,
			fd: 3,
			transport: 'udp',
			role: 'datagram',
			local: null,
			remote: null,
			state: null
		});
	udpSocket('server', 'server');
	s.step({
		side: 'server',
		call: call('socket', ['AF_INET', 'SOCK_DGRAM', '0'], '3'),
		until: UNTIL.never,
		c: 'int fd = socket(AF_INET, SOCK_DGRAM, 0);',
		node: "const server = dgram.createSocket('udp4');",
		explanation: EXPLAIN.socketUdp(3),
		source: 'socket(2); udp(7)'
	});
	s.patch('server', { local: SERVER_ADDRESS });
	s.step({
		side: 'server',
		call: call('bind', ['3', sockaddr(SERVER_ADDRESS), '16'], '0'),
		until: UNTIL.bindListen,
		c: 'bind(fd, (struct sockaddr *)&addr, sizeof addr);',
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
	udpSocket('client', 'client');
	s.step({
		side: 'client',
		call: call('socket', ['AF_INET', 'SOCK_DGRAM', '0'], '3'),
		until: UNTIL.never,
		c: 'int fd = socket(AF_INET, SOCK_DGRAM, 0);',
		node: "const client = dgram.createSocket('udp4');",
		explanation: EXPLAIN.socketOtherProcess(3),
		source: 'socket(2)'
	});
	s.patch('client', { local: peer });
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
	s.patch('client', { fd: null });
	s.step({
		side: 'client',
		call: call('close', ['3'], '0'),
		until: UNTIL.closeUdp,
		c: 'close(fd);',
		node: 'client.close();',
		explanation: EXPLAIN.udpClose(3),
		source: 'udp(7)'
	});
	s.patch('server', { fd: null });
	s.step({
		side: 'server',
		call: call('close', ['3'], '0'),
		until: UNTIL.closeUdp,
		c: 'close(fd);',
		node: 'server.close();',
		explanation: EXPLAIN.udpClose(3),
		source: 'udp(7)'
	});
	return s.steps;
}

function nonBlockingConnect(): LifecycleStep[] {
	const s = new Script();
	const conn = new Connection(CLIENT_PORTS[0], isns(0));
	serverSetup(s);
	clientSocket(s, 'client', 'client', true);
	const libuv = `const socket = net.connect(${PORT}, '${SERVER_HOST}'); // libuv: same calls inside`;
	s.step({
		side: 'client',
		call: call('connect', connectArgs, '-1', { errno: 'EINPROGRESS' }),
		until: UNTIL.connectNonBlocking,
		segments: synAndSynAck(s, conn, 'client', 'server-conn'),
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
		segments: finalAck(s, conn, 'client', 'server-conn'),
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
	const peer = takeFromQueue(s, 4);
	s.step({
		side: 'server',
		call: call('accept', acceptArgs, '4', { out: `peer = ${peer}` }),
		until: UNTIL.acceptReady,
		c: ACCEPT_C,
		node: ACCEPT_NODE,
		explanation: EXPLAIN.acceptNotInherited(4),
		source: 'accept(2)'
	});
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
