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

/** Server: socket(), bind(), listen() on 192.0.2.10:7000; the listening socket is descriptor 3. */
export function serverSetup(s: Script, backlog = 128) {
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
export function clientSocket(s: Script, id = 'client', owner = 'client', nonBlocking = false) {
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

export const connectArgs = ['3', sockaddr(SERVER_ADDRESS), '16'];

/**
 * The first half of a handshake: the client's SYN goes out and the server's kernel answers
 * with a SYN/ACK, filing the request in the SYN queue. Returns the segments.
 */
export function synAndSynAck(s: Script, conn: Connection, client: string, serverConn: string) {
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

/** Setup shared by the TCP scenarios: listen, connect (two steps), accept at once (fd 4). */
export function connectedPair(s: Script, conn: Connection) {
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
export function dataAndAck(conn: Connection, from: Side, data: string): Segment[] {
	return [
		conn.send(from, ['PSH', 'ACK'], NOTE.data(data.length), { data }),
		conn.send(other(from), ['ACK'], NOTE.dataAck(data.length))
	];
}

/** `from` sends a FIN; the other side's kernel acknowledges it. */
export function finAndAck(conn: Connection, from: Side): Segment[] {
	return [conn.send(from, ['FIN', 'ACK'], NOTE.fin), conn.send(other(from), ['ACK'], NOTE.finAck)];
}

export const isns = (i: 0 | 1 | 2) => ({ client: CLIENT_ISNS[i], server: SERVER_ISNS[i] });
export const quoted = (data: string) => JSON.stringify(data);
