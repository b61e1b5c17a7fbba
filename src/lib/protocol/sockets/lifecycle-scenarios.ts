/**
 * The scripts behind lifecycle.ts: each scenario as the calls both sides make, in order. A small
 * builder keeps the sockets, the listener's queues and each connection's sequence numbers, so a
 * script says what happens ("the client sends a FIN") and the numbers follow from RFC 9293 §3.4.
 */
import type {
	CallName,
	CallPhase,
	Errno,
	LifecycleStep,
	ListenQueues,
	ScenarioId,
	Segment,
	SegmentFlag,
	Side,
	SocketCall,
	SocketView,
	TcpState
} from './lifecycle';
import { EXPLAIN, NOTE, UNTIL } from './lifecycle-text';

/** Documentation addresses (RFC 5737): the server, and the machine every client runs on. */
const SERVER_HOST = '192.0.2.10';
const CLIENT_HOST = '198.51.100.7';
const PORT = 7000;
const SERVER_ADDRESS = `${SERVER_HOST}:${PORT}`;
/** Ephemeral ports the clients' kernels pick (inside Linux's default 32768–60999). */
const CLIENT_PORTS = [50412, 50414, 50416] as const;
/** Fixed initial sequence numbers, as random-looking as real ones (RFC 9293 §3.4.1). */
const CLIENT_ISNS = [2591733004, 1180465327, 3907156630] as const;
const SERVER_ISNS = [3174920516, 902117445, 2208854139] as const;

const MOD = 2 ** 32;
const other = (side: Side): Side => (side === 'server' ? 'client' : 'server');
const clientAddress = (port: number) => `${CLIENT_HOST}:${port}`;

/** Sequence space a segment takes: its payload, plus one each for SYN and FIN (RFC 9293 §3.4). */
function seqLength(flags: readonly SegmentFlag[], length: number): number {
	return length + (flags.includes('SYN') ? 1 : 0) + (flags.includes('FIN') ? 1 : 0);
}

/** One TCP connection's sequence numbers: what each side sends next and expects next. */
class Connection {
	private readonly next: Record<Side, number>;
	private readonly expected: Record<Side, number | null> = { server: null, client: null };
	readonly ports: Record<Side, number>;

	constructor(clientPort: number, isn: Record<Side, number>) {
		this.ports = { server: PORT, client: clientPort };
		this.next = { ...isn };
	}

	/** A segment `from` sends now: seq is its next number, ack the next one it expects. */
	send(
		from: Side,
		flags: SegmentFlag[],
		note: string,
		options: { data?: string; fate?: 'delivered' | 'dropped' } = {}
	): Segment {
		const data = options.data ?? null;
		const length = data?.length ?? 0;
		const seq = this.next[from];
		const ack = flags.includes('ACK') ? this.expected[from] : null;
		if (flags.includes('ACK') && ack === null) {
			throw new Error('An ACK before anything was received: the script is wrong.');
		}
		this.next[from] = (seq + seqLength(flags, length)) % MOD;
		const segment: Segment = {
			transport: 'tcp',
			from,
			sourcePort: this.ports[from],
			destinationPort: this.ports[other(from)],
			flags,
			seq,
			ack,
			length,
			data,
			fate: options.fate ?? 'delivered',
			retransmission: false,
			note
		};
		if (segment.fate === 'delivered') this.receive(segment);
		return segment;
	}

	/** The same segment sent again after a timeout; this copy arrives. */
	resend(segment: Segment, note: string): Segment {
		const copy: Segment = { ...segment, fate: 'delivered', retransmission: true, note };
		this.receive(copy);
		return copy;
	}

	private receive(segment: Segment) {
		if (segment.flags.includes('RST') || segment.seq === null) return;
		const end = (segment.seq + seqLength(segment.flags, segment.length)) % MOD;
		if (end !== segment.seq) this.expected[other(segment.from)] = end;
	}
}

interface Sock extends SocketView {
	/** States entered during the current step, in order. */
	trail: TcpState[];
}

interface StepInput {
	side: Side;
	actor?: string;
	call: SocketCall;
	phase?: CallPhase;
	blocks?: boolean;
	until: string;
	segments?: Segment[];
	c: string;
	node: string;
	explanation: string;
	source: string;
}

/** Builds one scenario's steps: change the world, then `step()` records it. */
class Script {
	readonly steps: LifecycleStep[] = [];
	private readonly sockets: Sock[] = [];
	queues: ListenQueues | null = null;

	open(view: Omit<SocketView, 'via'>) {
		this.sockets.push({ ...view, via: [], trail: view.state ? [view.state] : [] });
	}

	private find(id: string): Sock {
		const sock = this.sockets.find((s) => s.id === id);
		if (!sock) throw new Error(`No socket ${id} in this script.`);
		return sock;
	}

	/** Moves a socket to `state` (recording the states it passes through within the step). */
	set(id: string, ...states: TcpState[]) {
		const sock = this.find(id);
		for (const state of states) {
			sock.trail.push(state);
			sock.state = state;
		}
	}

	patch(id: string, fields: Partial<Pick<SocketView, 'fd' | 'local' | 'remote' | 'role'>>) {
		Object.assign(this.find(id), fields);
	}

	step(input: StepInput) {
		const sockets = this.sockets
			.map(({ trail, ...view }) => ({ ...view, via: trail.slice(0, -1) }))
			.sort((a, b) => (a.side === b.side ? 0 : a.side === 'server' ? -1 : 1));
		this.steps.push({
			index: this.steps.length,
			side: input.side,
			actor: input.actor ?? input.side,
			call: input.call,
			phase: input.phase ?? 'whole',
			blocking: { blocks: input.blocks ?? false, until: input.until },
			segments: input.segments ?? [],
			sockets,
			queues: this.queues
				? { ...this.queues, syn: [...this.queues.syn], accept: [...this.queues.accept] }
				: null,
			code: { c: input.c, node: input.node },
			explanation: input.explanation,
			source: input.source
		});
		for (const sock of this.sockets) sock.trail = [];
	}
}

function call(
	name: CallName,
	args: string[],
	returns: string | null,
	extra: { errno?: Errno; out?: string } = {}
): SocketCall {
	return { name, args, returns, errno: extra.errno ?? null, out: extra.out ?? null };
}

const sockaddr = (address: string) => `{${address}}`;

/** Server: socket(), bind(), listen() on 192.0.2.10:7000; the listening socket is descriptor 3. */
function serverSetup(s: Script, backlog = 128) {
	s.open({
		id: 'server-listen',
		side: 'server',
		owner: 'server',
		fd: 3,
		transport: 'tcp',
		role: 'unconnected',
		local: null,
		remote: null,
		state: 'CLOSED'
	});
	s.step({
		side: 'server',
		call: call('socket', ['AF_INET', 'SOCK_STREAM', '0'], '3'),
		until: UNTIL.never,
		c: 'int lfd = socket(AF_INET, SOCK_STREAM, 0);',
		node: `const server = net.createServer(onConnection); // no socket until listen()`,
		explanation: EXPLAIN.socketTcp(3),
		source: 'socket(2)'
	});
	s.patch('server-listen', { local: SERVER_ADDRESS });
	s.step({
		side: 'server',
		call: call('bind', ['3', sockaddr(SERVER_ADDRESS), '16'], '0'),
		until: UNTIL.bindListen,
		c: 'bind(lfd, (struct sockaddr *)&addr, sizeof addr);',
		node: `server.listen(${PORT}, '${SERVER_HOST}'); // socket(), bind() and listen() in one`,
		explanation: EXPLAIN.bind(SERVER_ADDRESS),
		source: 'bind(2)'
	});
	s.set('server-listen', 'LISTEN');
	s.patch('server-listen', { role: 'listening' });
	s.queues = {
		listener: 'server-listen',
		backlog,
		acceptCapacity: backlog + 1,
		syn: [],
		accept: []
	};
	s.step({
		side: 'server',
		call: call('listen', ['3', String(backlog)], '0'),
		until: UNTIL.bindListen,
		c: `listen(lfd, ${backlog});`,
		node:
			backlog === 128
				? `server.listen(${PORT}, '${SERVER_HOST}'); // Node's backlog is 511`
				: `server.listen(${PORT}, '${SERVER_HOST}', ${backlog}); // backlog ${backlog}`,
		explanation: backlog === 128 ? EXPLAIN.listen(backlog) : EXPLAIN.listenSmall,
		source:
			backlog === 128
				? 'listen(2); RFC 9293 §3.3.2'
				: 'listen(2); include/net/sock.h (sk_acceptq_is_full)'
	});
}

/** A client process's socket(): descriptor 3 in its own process. */
function clientSocket(s: Script, id = 'client', owner = 'client', nonBlocking = false) {
	s.open({
		id,
		side: 'client',
		owner,
		fd: 3,
		transport: 'tcp',
		role: 'unconnected',
		local: null,
		remote: null,
		state: 'CLOSED'
	});
	s.step({
		side: 'client',
		actor: owner,
		call: call(
			'socket',
			['AF_INET', nonBlocking ? 'SOCK_STREAM | SOCK_NONBLOCK' : 'SOCK_STREAM', '0'],
			'3'
		),
		until: UNTIL.never,
		c: nonBlocking
			? 'int fd = socket(AF_INET, SOCK_STREAM | SOCK_NONBLOCK, 0);'
			: 'int fd = socket(AF_INET, SOCK_STREAM, 0);',
		node: `const socket = net.connect(${PORT}, '${SERVER_HOST}'); // socket() and a non-blocking connect()`,
		explanation: nonBlocking ? EXPLAIN.socketNonBlocking(3) : EXPLAIN.socketOtherProcess(3),
		source: 'socket(2)'
	});
}

const connectArgs = ['3', sockaddr(SERVER_ADDRESS), '16'];

/**
 * The first half of a handshake: the client's SYN goes out and the server's kernel answers
 * with a SYN/ACK, filing the request in the SYN queue. Returns the segments.
 */
function synAndSynAck(s: Script, conn: Connection, client: string, serverConn: string) {
	const peer = clientAddress(conn.ports.client);
	s.patch(client, { local: peer, remote: SERVER_ADDRESS, role: 'connection' });
	s.set(client, 'SYN-SENT');
	const syn = conn.send('client', ['SYN'], NOTE.syn(conn.ports.client));
	s.open({
		id: serverConn,
		side: 'server',
		owner: 'server',
		fd: null,
		transport: 'tcp',
		role: 'connection',
		local: SERVER_ADDRESS,
		remote: peer,
		state: 'SYN-RECEIVED'
	});
	s.queues?.syn.push({ peer, socket: serverConn });
	const synAck = conn.send('server', ['SYN', 'ACK'], NOTE.synAck);
	return [syn, synAck];
}

/** The second half: the client's ACK; both ends ESTABLISHED, the request moves to the accept queue. */
function finalAck(s: Script, conn: Connection, client: string, serverConn: string) {
	const ack = conn.send('client', ['ACK'], NOTE.handshakeAck);
	s.set(client, 'ESTABLISHED');
	s.set(serverConn, 'ESTABLISHED');
	if (s.queues) {
		const entry = s.queues.syn.find((e) => e.socket === serverConn);
		s.queues.syn = s.queues.syn.filter((e) => e.socket !== serverConn);
		if (entry) s.queues.accept.push(entry);
	}
	return [ack];
}

/** The server takes the oldest connection off the accept queue as descriptor `fd`. */
function takeFromQueue(s: Script, fd: number): string {
	const entry = s.queues?.accept.shift();
	if (!entry) throw new Error('accept() with an empty accept queue: the script is wrong.');
	s.patch(entry.socket, { fd });
	return entry.peer;
}

const acceptArgs = ['3', '&peer', '&len'];
const ACCEPT_C = 'int conn = accept(lfd, (struct sockaddr *)&peer, &len);';
const ACCEPT_NODE = 'net.createServer((socket) => { … }); // called with each accepted connection';

/** Setup shared by the TCP scenarios: listen, connect (two steps), accept at once (fd 4). */
function connectedPair(s: Script, conn: Connection) {
	serverSetup(s);
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
		until: UNTIL.acceptReady,
		c: ACCEPT_C,
		node: ACCEPT_NODE,
		explanation: EXPLAIN.acceptAtOnce(4),
		source: 'accept(2)'
	});
}

/** `from` sends `data`; the other side's kernel acknowledges it. */
function dataAndAck(conn: Connection, from: Side, data: string): Segment[] {
	return [
		conn.send(from, ['PSH', 'ACK'], NOTE.data(data.length), { data }),
		conn.send(other(from), ['ACK'], NOTE.dataAck(data.length))
	];
}

/** `from` sends a FIN; the other side's kernel acknowledges it. */
function finAndAck(conn: Connection, from: Side): Segment[] {
	return [conn.send(from, ['FIN', 'ACK'], NOTE.fin), conn.send(other(from), ['ACK'], NOTE.finAck)];
}

const isns = (i: 0 | 1 | 2) => ({ client: CLIENT_ISNS[i], server: SERVER_ISNS[i] });
const quoted = (data: string) => JSON.stringify(data);

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
