/**
 * The builder behind lifecycle-scenarios.ts: the machines and ports, a connection's sequence
 * numbers, the sockets and the listener's queues as a script changes them, and the call sequences
 * several scenarios share (the server's socket/bind/listen, a client's socket and handshake).
 * Sequence numbers follow RFC 9293 §3.4: SYN and FIN take one number each, data its length.
 */
import type {
	CallName,
	CallPhase,
	Errno,
	LifecycleStep,
	ListenQueues,
	Segment,
	SegmentFlag,
	Side,
	SocketCall,
	SocketView,
	TcpState
} from './lifecycle';
import { EXPLAIN, NOTE, UNTIL } from './lifecycle-text';

/** Documentation addresses (RFC 5737): the server, and the machine every client runs on. */
export const SERVER_HOST = '192.0.2.10';
const CLIENT_HOST = '198.51.100.7';
export const PORT = 7000;
export const SERVER_ADDRESS = `${SERVER_HOST}:${PORT}`;
/** Ephemeral ports the clients' kernels pick (inside Linux's default 32768–60999). */
export const CLIENT_PORTS = [50412, 50414, 50416] as const;
/** Fixed initial sequence numbers, as random-looking as real ones (RFC 9293 §3.4.1). */
const CLIENT_ISNS = [2591733004, 1180465327, 3907156630] as const;
const SERVER_ISNS = [3174920516, 902117445, 2208854139] as const;

export const MOD = 2 ** 32;
export const other = (side: Side): Side => (side === 'server' ? 'client' : 'server');
export const clientAddress = (port: number) => `${CLIENT_HOST}:${port}`;

/** Sequence space a segment takes: its payload, plus one each for SYN and FIN (RFC 9293 §3.4). */
export function seqLength(flags: readonly SegmentFlag[], length: number): number {
	return length + (flags.includes('SYN') ? 1 : 0) + (flags.includes('FIN') ? 1 : 0);
}

/** One TCP connection's sequence numbers: what each side sends next and expects next. */
export class Connection {
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
export class Script {
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

export function call(
	name: CallName,
	args: string[],
	returns: string | null,
	extra: { errno?: Errno; out?: string } = {}
): SocketCall {
	return { name, args, returns, errno: extra.errno ?? null, out: extra.out ?? null };
}

export const sockaddr = (address: string) => `{${address}}`;
export const quoted = (data: string) => JSON.stringify(data);

/** A socket as the scripts use it: its SocketView id, its side, its descriptor and its C name. */
export interface Handle {
	id: string;
	side: Side;
	fd: number;
	/** The variable that holds the descriptor in the C column: `fd`, `conn`, `lfd`. */
	c: string;
}

/** The client's socket: descriptor 3 in its own process. */
export const CLIENT: Handle = { id: 'client', side: 'client', fd: 3, c: 'fd' };
/** The server's listening socket, descriptor 3. */
export const LISTENER: Handle = { id: 'server-listen', side: 'server', fd: 3, c: 'lfd' };
/** The server's connection once accept() has returned it as descriptor 4. */
export const SERVER_CONN: Handle = { id: 'server-conn', side: 'server', fd: 4, c: 'conn' };

/** What a socket() step says besides the call: its Node line, explanation and source. */
interface Say {
	node: string;
	explanation: string;
	source: string;
}

/**
 * socket(): a new socket with no address yet (a TCP one is CLOSED, a UDP one has no state),
 * as descriptor `h.fd` of its owner's process.
 */
export function openSocket(
	s: Script,
	h: Handle,
	type: 'SOCK_STREAM' | 'SOCK_STREAM | SOCK_NONBLOCK' | 'SOCK_DGRAM',
	say: Say & { owner?: string }
) {
	const owner = say.owner ?? h.side;
	const tcp = type !== 'SOCK_DGRAM';
	s.open({
		id: h.id,
		side: h.side,
		owner,
		fd: h.fd,
		transport: tcp ? 'tcp' : 'udp',
		role: tcp ? 'unconnected' : 'datagram',
		local: null,
		remote: null,
		state: tcp ? 'CLOSED' : null
	});
	s.step({
		side: h.side,
		actor: owner,
		call: call('socket', ['AF_INET', type, '0'], String(h.fd)),
		until: UNTIL.never,
		c: `int ${h.c} = socket(AF_INET, ${type}, 0);`,
		node: say.node,
		explanation: say.explanation,
		source: say.source
	});
}

/** bind() to the server's address, 192.0.2.10:7000. */
export function bindStep(s: Script, h: Handle, say: Say) {
	s.patch(h.id, { local: SERVER_ADDRESS });
	s.step({
		side: h.side,
		call: call('bind', [String(h.fd), sockaddr(SERVER_ADDRESS), '16'], '0'),
		until: UNTIL.bindListen,
		c: `bind(${h.c}, (struct sockaddr *)&addr, sizeof addr);`,
		node: say.node,
		explanation: say.explanation,
		source: say.source
	});
}

/** Server: socket(), bind(), listen() on 192.0.2.10:7000; the listening socket is descriptor 3. */
export function serverSetup(s: Script, backlog = 128) {
	openSocket(s, LISTENER, 'SOCK_STREAM', {
		node: `const server = net.createServer(onConnection); // no socket until listen()`,
		explanation: EXPLAIN.socketTcp(LISTENER.fd),
		source: 'socket(2)'
	});
	bindStep(s, LISTENER, {
		node: `server.listen(${PORT}, '${SERVER_HOST}'); // socket(), bind() and listen() in one`,
		explanation: EXPLAIN.bind(SERVER_ADDRESS),
		source: 'bind(2)'
	});
	s.set(LISTENER.id, 'LISTEN');
	s.patch(LISTENER.id, { role: 'listening' });
	s.queues = {
		listener: LISTENER.id,
		backlog,
		acceptCapacity: backlog + 1,
		syn: [],
		accept: []
	};
	s.step({
		side: 'server',
		call: call('listen', [String(LISTENER.fd), String(backlog)], '0'),
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

/** A client process's TCP socket(): descriptor 3 in its own process. */
export function clientSocket(s: Script, id = CLIENT.id, owner = 'client', nonBlocking = false) {
	openSocket(s, { ...CLIENT, id }, nonBlocking ? 'SOCK_STREAM | SOCK_NONBLOCK' : 'SOCK_STREAM', {
		owner,
		node: `const socket = net.connect(${PORT}, '${SERVER_HOST}'); // socket() and a non-blocking connect()`,
		explanation: nonBlocking
			? EXPLAIN.socketNonBlocking(CLIENT.fd)
			: EXPLAIN.socketOtherProcess(CLIENT.fd),
		source: 'socket(2)'
	});
}

export const connectArgs = ['3', sockaddr(SERVER_ADDRESS), '16'];
export const CONNECT_C = 'connect(fd, (struct sockaddr *)&server, sizeof server);';

/** The client sends its SYN: the socket gets its address and enters SYN-SENT. */
export function sendSyn(
	s: Script,
	conn: Connection,
	client: string,
	note: string,
	fate: 'delivered' | 'dropped' = 'delivered'
): Segment {
	s.patch(client, {
		local: clientAddress(conn.ports.client),
		remote: SERVER_ADDRESS,
		role: 'connection'
	});
	s.set(client, 'SYN-SENT');
	return conn.send('client', ['SYN'], note, { fate });
}

/** The listener's kernel answers a SYN: a request in SYN-RECEIVED, filed in the SYN queue. */
export function answerSyn(s: Script, conn: Connection, serverConn: string): Segment {
	const peer = clientAddress(conn.ports.client);
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
	return conn.send('server', ['SYN', 'ACK'], NOTE.synAck);
}

/**
 * The first half of a handshake: the client's SYN goes out and the server's kernel answers
 * with a SYN/ACK, filing the request in the SYN queue. Returns the segments.
 */
export function synAndSynAck(s: Script, conn: Connection, client: string, serverConn: string) {
	return [sendSyn(s, conn, client, NOTE.syn(conn.ports.client)), answerSyn(s, conn, serverConn)];
}

/** The second half: the client's ACK; both ends ESTABLISHED, the request moves to the accept queue. */
export function finalAck(s: Script, conn: Connection, client: string, serverConn: string) {
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

/** A blocking connect(): it waits through SYN and SYN/ACK and returns as its ACK goes out. */
export function blockingConnect(s: Script, conn: Connection) {
	const both = {
		side: 'client',
		blocks: true,
		until: UNTIL.connect,
		c: CONNECT_C,
		source: 'connect(2); RFC 9293 §3.5'
	} as const;
	s.step({
		...both,
		call: call('connect', connectArgs, null),
		phase: 'waits',
		segments: synAndSynAck(s, conn, CLIENT.id, SERVER_CONN.id),
		node: `const socket = net.connect(${PORT}, '${SERVER_HOST}');`,
		explanation: EXPLAIN.connectWaits(conn.ports.client)
	});
	s.step({
		...both,
		call: call('connect', connectArgs, '0'),
		phase: 'returns',
		segments: finalAck(s, conn, CLIENT.id, SERVER_CONN.id),
		node: "socket.on('connect', () => { … });",
		explanation: EXPLAIN.connectReturns
	});
}

/** The server takes the oldest connection off the accept queue as descriptor `fd`. */
export function takeFromQueue(s: Script, fd: number): string {
	const entry = s.queues?.accept.shift();
	if (!entry) throw new Error('accept() with an empty accept queue: the script is wrong.');
	s.patch(entry.socket, { fd });
	return entry.peer;
}

export const acceptArgs = ['3', '&peer', '&len'];
export const ACCEPT_C = 'int conn = accept(lfd, (struct sockaddr *)&peer, &len);';
export const ACCEPT_NODE =
	'net.createServer((socket) => { … }); // called with each accepted connection';

/**
 * accept() returns the oldest completed connection as descriptor `fd`: at once, or (`waited`)
 * at the end of a wait that began in an earlier step.
 */
export function acceptStep(
	s: Script,
	fd: number,
	say: { explanation: string; node?: string; waited?: boolean }
) {
	const peer = takeFromQueue(s, fd);
	s.step({
		side: 'server',
		call: call('accept', acceptArgs, String(fd), { out: `peer = ${peer}` }),
		phase: say.waited ? 'returns' : 'whole',
		blocks: say.waited ?? false,
		until: say.waited ? UNTIL.accept : UNTIL.acceptReady,
		c: ACCEPT_C,
		node: say.node ?? ACCEPT_NODE,
		explanation: say.explanation,
		source: 'accept(2)'
	});
}

/** Setup shared by the TCP scenarios: listen, connect (two steps), accept at once (fd 4). */
export function connectedPair(s: Script, conn: Connection) {
	serverSetup(s);
	clientSocket(s);
	blockingConnect(s, conn);
	acceptStep(s, SERVER_CONN.fd, { explanation: EXPLAIN.acceptAtOnce(SERVER_CONN.fd) });
}

/** `from` sends `data`; the other side's kernel acknowledges it. */
export function dataAndAck(conn: Connection, from: Side, data: string): Segment[] {
	return [
		conn.send(from, ['PSH', 'ACK'], NOTE.data(data.length), { data }),
		conn.send(other(from), ['ACK'], NOTE.dataAck(data.length))
	];
}

/**
 * send() of `data` on a connected socket; the peer's kernel acknowledges it. `echo`: the server
 * sends back the buffer it just read, so the C line passes `buf` and `n`.
 */
export function sendStep(
	s: Script,
	conn: Connection,
	h: Handle,
	data: string,
	say: { node: string; explanation: string; source?: string; echo?: boolean }
) {
	const bytes = String(data.length);
	s.step({
		side: h.side,
		call: call('send', [String(h.fd), say.echo ? 'buf' : quoted(data), bytes, '0'], bytes),
		until: UNTIL.send,
		segments: dataAndAck(conn, h.side, data),
		c: say.echo ? `send(${h.c}, buf, n, 0);` : `send(${h.c}, "${data}", ${bytes}, 0);`,
		node: say.node,
		explanation: say.explanation,
		source: say.source ?? 'send(2)'
	});
}

/** What a recv() step shows: a wait that begins, data (maybe after that wait), or end-of-file. */
export type Received = { waits: true } | { data: string; waited?: boolean } | { eof: true };

/** recv() on a connected socket into a 1024-byte buffer. */
export function recvStep(
	s: Script,
	h: Handle,
	got: Received,
	say: { explanation: string; node?: string; source?: string }
) {
	const waits = 'waits' in got;
	const blocked = waits || ('data' in got && got.waited === true);
	const c = `ssize_t n = recv(${h.c}, buf, sizeof buf, 0);`;
	s.step({
		side: h.side,
		call:
			'data' in got
				? call('recv', [String(h.fd), 'buf', '1024', '0'], String(got.data.length), {
						out: `buf = ${quoted(got.data)}`
					})
				: call('recv', [String(h.fd), 'buf', '1024', '0'], waits ? null : '0'),
		phase: waits ? 'waits' : blocked ? 'returns' : 'whole',
		blocks: blocked,
		until: blocked ? UNTIL.recv : UNTIL.recvReady,
		c: 'eof' in got ? `${c} // 0: end-of-file` : c,
		node:
			say.node ??
			('eof' in got ? "socket.on('end', () => { … });" : "socket.on('data', (chunk) => { … });"),
		explanation: say.explanation,
		source: say.source ?? 'recv(2)'
	});
}

/** `from` sends a FIN; the other side's kernel acknowledges it. */
export function finAndAck(conn: Connection, from: Side): Segment[] {
	return [conn.send(from, ['FIN', 'ACK'], NOTE.fin), conn.send(other(from), ['ACK'], NOTE.finAck)];
}

/** The first FIN and its ACK: `h` goes FIN-WAIT-1 → FIN-WAIT-2, `peer` to CLOSE-WAIT. */
export function firstFin(s: Script, conn: Connection, h: Handle, peer: Handle): Segment[] {
	s.set(h.id, 'FIN-WAIT-1');
	const segments = finAndAck(conn, h.side);
	s.set(h.id, 'FIN-WAIT-2');
	s.set(peer.id, 'CLOSE-WAIT');
	return segments;
}

/** The second FIN and its ACK: `h` goes LAST-ACK → CLOSED, `peer` (closed first) to TIME-WAIT. */
export function secondFin(s: Script, conn: Connection, h: Handle, peer: Handle): Segment[] {
	s.set(h.id, 'LAST-ACK');
	const segments = finAndAck(conn, h.side);
	s.set(h.id, 'CLOSED');
	s.set(peer.id, 'TIME-WAIT');
	return segments;
}

/** close(): the descriptor goes; the segments it causes are worked out by the caller. */
export function closeStep(
	s: Script,
	h: Handle,
	say: {
		node: string;
		explanation: string;
		source: string;
		segments?: Segment[];
		c?: string;
		until?: string;
	}
) {
	s.patch(h.id, { fd: null });
	s.step({
		side: h.side,
		call: call('close', [String(h.fd)], '0'),
		until: say.until ?? UNTIL.close,
		segments: say.segments,
		c: say.c ?? `close(${h.c});`,
		node: say.node,
		explanation: say.explanation,
		source: say.source
	});
}

export const isns = (i: 0 | 1 | 2) => ({ client: CLIENT_ISNS[i], server: SERVER_ISNS[i] });
