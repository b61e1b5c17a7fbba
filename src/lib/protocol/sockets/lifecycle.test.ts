import { describe, expect, it } from 'vitest';
import {
	callText,
	flagLetters,
	isScenarioId,
	lifecycleSteps,
	SCENARIO_IDS,
	SCENARIOS,
	TCP_STATES,
	type LifecycleStep,
	type ScenarioId,
	type Segment,
	type SocketView,
	type TcpState
} from './lifecycle';
import { ERRNO_TEXT } from './lifecycle-text';

/**
 * RFC 9293 §3.3.2 Figure 5, written out by hand (with the notes under it and the RST/ABORT
 * rules of §3.10), as the transitions a connection may make. Expected values in this file come
 * from the man pages, RFC 9293 and ../shared/reference/facts.md (C9–C21, K), never from
 * running lifecycle.ts.
 */
const TRANSITIONS: Record<TcpState, readonly TcpState[]> = {
	// passive OPEN; active OPEN (snd SYN)
	CLOSED: ['LISTEN', 'SYN-SENT'],
	// rcv SYN, snd SYN,ACK; SEND (snd SYN); CLOSE (delete TCB)
	LISTEN: ['SYN-RECEIVED', 'SYN-SENT', 'CLOSED'],
	// rcv SYN (simultaneous open); rcv SYN,ACK, snd ACK; CLOSE, or a RST (§3.10.7.3)
	'SYN-SENT': ['SYN-RECEIVED', 'ESTABLISHED', 'CLOSED'],
	// rcv ACK of SYN; CLOSE (snd FIN); RST back to LISTEN (note 1) or to CLOSED
	'SYN-RECEIVED': ['ESTABLISHED', 'FIN-WAIT-1', 'LISTEN', 'CLOSED'],
	// CLOSE (snd FIN); rcv FIN (snd ACK); a RST received or sent (§3.10.7.4, §3.10.5)
	ESTABLISHED: ['FIN-WAIT-1', 'CLOSE-WAIT', 'CLOSED'],
	// rcv ACK of FIN; rcv FIN (snd ACK); both at once (note 2); RST
	'FIN-WAIT-1': ['FIN-WAIT-2', 'CLOSING', 'TIME-WAIT', 'CLOSED'],
	// rcv FIN (snd ACK); RST
	'FIN-WAIT-2': ['TIME-WAIT', 'CLOSED'],
	// CLOSE (snd FIN); RST
	'CLOSE-WAIT': ['LAST-ACK', 'CLOSED'],
	// rcv ACK of FIN
	CLOSING: ['TIME-WAIT', 'CLOSED'],
	// rcv ACK of FIN
	'LAST-ACK': ['CLOSED'],
	// timeout = 2MSL
	'TIME-WAIT': ['CLOSED']
};

const all = SCENARIO_IDS.map((id) => [id, lifecycleSteps(id)] as const);
const steps = (id: ScenarioId) => [...lifecycleSteps(id)];
const socketAt = (step: LifecycleStep, id: string): SocketView => {
	const sock = step.sockets.find((s) => s.id === id);
	if (!sock) throw new Error(`no socket ${id} at step ${step.index}`);
	return sock;
};
const has = (segment: Segment, ...flags: string[]) =>
	flags.every((f) => (segment.flags as string[]).includes(f)) &&
	segment.flags.length === flags.length;
const segmentsOf = (list: readonly LifecycleStep[]) => list.flatMap((s) => s.segments);
const firstStep = (list: readonly LifecycleStep[], test: (s: LifecycleStep) => boolean) => {
	const found = list.find(test);
	if (!found) throw new Error('no such step');
	return found;
};

describe('SCENARIOS', () => {
	it('lists the seven scenarios of issue 9, each with a title and a summary', () => {
		expect(SCENARIOS.map((s) => s.id)).toEqual([
			'echo',
			'refused',
			'backlog-full',
			'half-close',
			'close-unread',
			'udp',
			'nonblocking-connect'
		]);
		for (const s of SCENARIOS) {
			expect(s.title.length).toBeGreaterThan(3);
			expect(s.summary).toMatch(/\.$/);
		}
	});

	it('recognises scenario ids and gives the echo steps for an unknown one', () => {
		expect(isScenarioId('udp')).toBe(true);
		expect(isScenarioId('UDP')).toBe(false);
		expect(lifecycleSteps('nope' as ScenarioId)).toBe(lifecycleSteps('echo'));
	});

	it('spells the TCP states as RFC 9293 §3.3.2 does in its text', () => {
		expect([...TCP_STATES].sort()).toEqual(Object.keys(TRANSITIONS).sort());
		expect(TCP_STATES).toContain('SYN-RECEIVED');
		expect(TCP_STATES).not.toContain('SYN RCVD');
	});
});

describe('echo exchange', () => {
	const list = steps('echo');

	it('accept blocks while the accept queue is empty, and starts no thread', () => {
		const waiting = firstStep(list, (s) => s.call.name === 'accept');
		expect(waiting.phase).toBe('waits');
		expect(waiting.call.returns).toBeNull();
		expect(waiting.blocking.blocks).toBe(true);
		expect(waiting.queues?.accept).toEqual([]);
		expect(waiting.explanation).toMatch(/no thread/);
	});

	it('accept returns a new descriptor, and the listening descriptor stays LISTEN', () => {
		const accepted = firstStep(list, (s) => s.call.name === 'accept' && s.call.returns !== null);
		expect(accepted.call.returns).toBe('4');
		expect(accepted.call.args[0]).toBe('3');
		expect(socketAt(accepted, 'server-conn').fd).toBe(4);
		expect(socketAt(accepted, 'server-listen')).toMatchObject({ fd: 3, state: 'LISTEN' });
	});

	it('connect blocks until the handshake completes, which happens in the kernel before accept returns', () => {
		const connect = list.filter((s) => s.call.name === 'connect');
		expect(connect.map((s) => s.phase)).toEqual(['waits', 'returns']);
		// While connect() waits, the request sits in the SYN queue (SYN-RECEIVED).
		expect(connect[0].queues?.syn).toHaveLength(1);
		expect(socketAt(connect[0], 'client').state).toBe('SYN-SENT');
		// When it returns 0, the connection is ESTABLISHED and waiting in the accept queue, while
		// the server's accept() has not returned yet.
		const done = connect[1];
		expect(done.call.returns).toBe('0');
		expect(done.queues?.accept).toHaveLength(1);
		expect(socketAt(done, 'server-conn')).toMatchObject({ fd: null, state: 'ESTABLISHED' });
		const acceptReturn = list.findIndex((s) => s.call.name === 'accept' && s.phase === 'returns');
		expect(acceptReturn).toBeGreaterThan(done.index);
	});

	it('connect sends SYN, the server kernel answers SYN/ACK, the client ACKs (RFC 9293 §3.5)', () => {
		const handshake = list
			.filter((s) => s.call.name === 'connect')
			.flatMap((s) => s.segments)
			.map((g) => `${g.from} ${flagLetters(g.flags)}`);
		expect(handshake).toEqual(['client [S]', 'server [S.]', 'client [.]']);
	});

	it('send returns the byte count at once, without waiting for delivery (send(2))', () => {
		const send = firstStep(list, (s) => s.call.name === 'send' && s.side === 'client');
		expect(send.call.returns).toBe('5');
		expect(send.blocking.blocks).toBe(false);
		expect(send.segments[0]).toMatchObject({ data: 'hello', length: 5 });
	});

	it('recv returns 0 after the peer’s FIN: end-of-file (recv(2))', () => {
		const fin = list.findIndex((s) =>
			s.segments.some((g) => g.from === 'client' && g.flags.includes('FIN'))
		);
		const eof = firstStep(
			list,
			(s) => s.index > fin && s.call.name === 'recv' && s.side === 'server'
		);
		expect(eof.call.returns).toBe('0');
		expect(eof.call.errno).toBeNull();
	});

	it('close returns at once, and the side that closed first ends in TIME-WAIT', () => {
		for (const close of list.filter((s) => s.call.name === 'close')) {
			expect(close.blocking.blocks).toBe(false);
			expect(close.call.returns).toBe('0');
		}
		const last = list[list.length - 1];
		expect(socketAt(last, 'client').state).toBe('TIME-WAIT');
		expect(socketAt(last, 'server-conn').state).toBe('CLOSED');
	});
});

describe('connect to a closed port', () => {
	const list = steps('refused');

	it('connect to a closed port fails with ECONNREFUSED after a RST', () => {
		const connect = firstStep(list, (s) => s.call.name === 'connect');
		expect(connect.call).toMatchObject({ returns: '-1', errno: 'ECONNREFUSED' });
		const [syn, reset] = connect.segments;
		expect(has(syn, 'SYN')).toBe(true);
		// RFC 9293 §3.5.2: no TCB, segment without ACK → <SEQ=0><ACK=SEG.SEQ+SEG.LEN><CTL=RST,ACK>;
		// facts K9: Linux answered seq 603035226 with "[R.], seq 0, ack 603035227".
		expect(has(reset, 'RST', 'ACK')).toBe(true);
		expect(reset.seq).toBe(0);
		expect(reset.ack).toBe((syn.seq as number) + 1);
		expect(socketAt(connect, 'client')).toMatchObject({ via: ['SYN-SENT'], state: 'CLOSED' });
	});

	it('involves no server process: no server call at all', () => {
		expect(list.every((s) => s.side === 'client')).toBe(true);
		expect(list.every((s) => s.queues === null)).toBe(true);
	});

	it('words every errno a scenario ends with, citing its man page', () => {
		const used = new Set(all.flatMap(([, list]) => list.map((s) => s.call.errno)));
		used.delete(null);
		expect([...used].sort()).toEqual(Object.keys(ERRNO_TEXT).sort());
		expect(ERRNO_TEXT.EINPROGRESS.meaning).toMatch(/cannot be completed immediately/);
		expect(ERRNO_TEXT.ECONNRESET.meaning).toMatch(/Connection reset by peer/);
	});

	it('says what ECONNREFUSED means in connect(2)’s words', () => {
		expect(ERRNO_TEXT.ECONNREFUSED.meaning).toMatch(/no one listening on the remote address/);
		expect(ERRNO_TEXT.ECONNREFUSED.source).toBe('connect(2)');
	});
});

describe('full accept queue', () => {
	const list = steps('backlog-full');

	it('holds backlog + 1 completed connections on Linux (facts C15)', () => {
		const listen = firstStep(list, (s) => s.call.name === 'listen');
		expect(listen.call.args).toEqual(['3', '1']);
		expect(listen.queues?.acceptCapacity).toBe(2);
		const full = Math.max(...list.map((s) => s.queues?.accept.length ?? 0));
		expect(full).toBe(2);
	});

	it('drops a SYN that arrives at a full accept queue, without any answer', () => {
		const dropped = firstStep(list, (s) => s.segments.some((g) => g.fate === 'dropped'));
		expect(dropped.segments).toHaveLength(1);
		expect(has(dropped.segments[0], 'SYN')).toBe(true);
		expect(dropped.queues?.accept).toHaveLength(2);
		expect(dropped.queues?.syn).toEqual([]);
		expect(dropped.phase).toBe('waits');
		expect(socketAt(dropped, 'client-c').state).toBe('SYN-SENT');
	});

	it('retransmits the same SYN, which succeeds once accept() has made room', () => {
		const segments = segmentsOf(list).filter(
			(g) => g.sourcePort === 50416 || g.destinationPort === 50416
		);
		const [first, again] = segments.filter((g) => has(g, 'SYN'));
		expect(again.retransmission).toBe(true);
		expect(again.seq).toBe(first.seq);
		const retry = firstStep(list, (s) => s.segments.includes(again));
		const accept = firstStep(list, (s) => s.call.name === 'accept');
		expect(accept.index).toBeLessThan(retry.index);
		expect(retry.call).toMatchObject({ name: 'connect', returns: '0' });
		expect(retry.explanation).toMatch(/1 s/);
	});

	it('gives each accepted connection a new descriptor: 4, 5, 6', () => {
		const fds = list.filter((s) => s.call.name === 'accept').map((s) => s.call.returns);
		expect(fds).toEqual(['4', '5', '6']);
	});

	it('gives every client process its own descriptor 3', () => {
		const sockets = list.filter((s) => s.call.name === 'socket' && s.side === 'client');
		expect(sockets.map((s) => [s.actor, s.call.returns])).toEqual([
			['client A', '3'],
			['client B', '3'],
			['client C', '3']
		]);
	});
});

describe('half-close', () => {
	const list = steps('half-close');
	const shutdown = firstStep(list, (s) => s.call.name === 'shutdown');

	it('shutdown(SHUT_WR) sends a FIN and keeps the descriptor open', () => {
		expect(shutdown.call.args).toEqual(['3', 'SHUT_WR']);
		expect(has(shutdown.segments[0], 'FIN', 'ACK')).toBe(true);
		expect(socketAt(shutdown, 'client')).toMatchObject({ fd: 3, state: 'FIN-WAIT-2' });
		expect(socketAt(shutdown, 'server-conn').state).toBe('CLOSE-WAIT');
	});

	it('the peer’s recv() returns 0, and the peer can still send (facts C19)', () => {
		const after = list.filter((s) => s.index > shutdown.index);
		const eof = after.findIndex(
			(s) => s.side === 'server' && s.call.name === 'recv' && s.call.returns === '0'
		);
		expect(eof).toBeGreaterThanOrEqual(0);
		const reply = after.slice(eof + 1).find((s) => s.side === 'server' && s.call.name === 'send');
		expect(reply?.call.returns).toBe('4');
		expect(reply?.segments[0]).toMatchObject({ from: 'server', data: 'pong' });
		const got = after.find((s) => s.side === 'client' && s.call.name === 'recv');
		expect(got?.call).toMatchObject({ returns: '4', out: 'buf = "pong"' });
	});

	it('closing after shutdown sends nothing more, and leaves the connection in TIME-WAIT', () => {
		const close = list.filter((s) => s.side === 'client' && s.call.name === 'close');
		expect(close).toHaveLength(1);
		expect(close[0].segments).toEqual([]);
		expect(socketAt(close[0], 'client')).toMatchObject({ fd: null, state: 'TIME-WAIT' });
	});
});

describe('close with unread data', () => {
	const list = steps('close-unread');
	const close = firstStep(list, (s) => s.side === 'server' && s.call.name === 'close');

	it('sends a RST, not a FIN, with seq = SND.NXT and ack = RCV.NXT (facts C17)', () => {
		expect(list.some((s) => s.side === 'server' && s.call.name === 'recv')).toBe(false);
		expect(close.segments).toHaveLength(1);
		const reset = close.segments[0];
		expect(has(reset, 'RST', 'ACK')).toBe(true);
		expect(segmentsOf(list).some((g) => g.flags.includes('FIN'))).toBe(false);
		// SND.NXT: the server's ISN + 1 (its SYN); RCV.NXT: the client's ISN + 1 + 11 bytes.
		const syns = segmentsOf(list).filter((g) => g.flags.includes('SYN'));
		const clientIsn = syns.find((g) => g.from === 'client')?.seq as number;
		const serverIsn = syns.find((g) => g.from === 'server')?.seq as number;
		expect(reset.seq).toBe(serverIsn + 1);
		expect(reset.ack).toBe(clientIsn + 1 + 'hello world'.length);
	});

	it('the reset ends both sides in CLOSED (Linux skips TIME-WAIT after sending it, facts K5)', () => {
		expect(socketAt(close, 'server-conn')).toMatchObject({ state: 'CLOSED', fd: null });
		expect(socketAt(close, 'client').state).toBe('CLOSED');
	});

	it('the peer gets ECONNRESET from its next recv()', () => {
		const recv = firstStep(list, (s) => s.index > close.index && s.call.name === 'recv');
		expect(recv.call).toMatchObject({ returns: '-1', errno: 'ECONNRESET' });
	});
});

describe('UDP with no connection', () => {
	const list = steps('udp');

	it('uses socket, bind, sendto and recvfrom: no listen, accept, connect or shutdown', () => {
		const names = new Set(list.map((s) => s.call.name));
		expect([...names].sort()).toEqual(['bind', 'close', 'recvfrom', 'sendto', 'socket']);
	});

	it('puts one datagram on the wire per sendto, and no TCP segment at all', () => {
		const segments = segmentsOf(list);
		expect(
			segments.every((g) => g.transport === 'udp' && g.seq === null && g.flags.length === 0)
		).toBe(true);
		for (const step of list) {
			expect(step.segments).toHaveLength(step.call.name === 'sendto' ? 1 : 0);
		}
	});

	it('has no connection state, and recvfrom returns one datagram with its sender (udp(7))', () => {
		expect(
			list.flatMap((s) => s.sockets).every((s) => s.state === null && s.transport === 'udp')
		).toBe(true);
		const got = firstStep(list, (s) => s.call.name === 'recvfrom' && s.call.returns !== null);
		expect(got.call.returns).toBe('5');
		expect(got.call.out).toMatch(/from = 198\.51\.100\.7:\d+/);
	});

	it('closing sends nothing', () => {
		for (const close of list.filter((s) => s.call.name === 'close'))
			expect(close.segments).toEqual([]);
	});
});

describe('non-blocking connect', () => {
	const list = steps('nonblocking-connect');

	it('connect returns -1 with EINPROGRESS at once, with the SYN sent (connect(2))', () => {
		const connect = firstStep(list, (s) => s.call.name === 'connect');
		expect(connect.call).toMatchObject({ returns: '-1', errno: 'EINPROGRESS' });
		expect(connect.blocking.blocks).toBe(false);
		expect(has(connect.segments[0], 'SYN')).toBe(true);
		expect(socketAt(connect, 'client').state).toBe('SYN-SENT');
	});

	it('poll reports writable once the handshake is done, then SO_ERROR is 0 (facts C16)', () => {
		const names = list.map((s) => s.call.name);
		const poll = list[names.indexOf('poll')];
		const getsockopt = list[names.indexOf('getsockopt')];
		expect(poll.call.args[0]).toMatch(/POLLOUT/);
		expect(poll.call.returns).toBe('1');
		expect(socketAt(poll, 'client').state).toBe('ESTABLISHED');
		expect(getsockopt.index).toBeGreaterThan(poll.index);
		expect(getsockopt.call.args).toContain('SO_ERROR');
		expect(getsockopt.call.out).toBe('err = 0');
	});

	it('the server side is unchanged: accept returns a new descriptor', () => {
		const accept = firstStep(list, (s) => s.call.name === 'accept');
		expect(accept.call.returns).toBe('4');
	});
});

describe('sequence numbers', () => {
	/**
	 * Replays every TCP segment with the rule of RFC 9293 §3.4, written independently of the
	 * builder: a new segment's seq is where the sender left off (its ISN on the SYN), SYN and FIN
	 * count one, data its length; an ACK acknowledges everything delivered from the other side.
	 */
	function checkArithmetic(list: readonly LifecycleStep[]) {
		const flows = new Map<string, { next: number | null; delivered: number | null }>();
		const key = (g: Segment, reverse = false) =>
			reverse ? `${g.destinationPort}>${g.sourcePort}` : `${g.sourcePort}>${g.destinationPort}`;
		const flow = (k: string) => {
			if (!flows.has(k)) flows.set(k, { next: null, delivered: null });
			return flows.get(k)!;
		};
		let checked = 0;
		for (const g of segmentsOf(list)) {
			if (g.transport !== 'tcp') continue;
			const mine = flow(key(g));
			const theirs = flow(key(g, true));
			const seq = g.seq as number;
			expect(Number.isInteger(seq) && seq >= 0 && seq < 2 ** 32).toBe(true);
			// A RST answering a SYN on a port with no socket (RFC 9293 §3.5.2).
			if (g.flags.includes('RST') && mine.next === null) {
				expect(seq).toBe(0);
			} else if (g.flags.includes('SYN') && mine.next === null) {
				mine.next = seq;
			} else if (g.retransmission) {
				expect(seq).toBeLessThan(mine.next as number);
			} else {
				expect(seq, `seq of ${flagLetters(g.flags)} ${key(g)}`).toBe(mine.next);
			}
			if (!g.retransmission && mine.next !== null && !g.flags.includes('RST')) {
				let taken = g.length;
				if (g.flags.includes('SYN')) taken += 1;
				if (g.flags.includes('FIN')) taken += 1;
				mine.next = (seq + taken) % 2 ** 32;
			}
			if (g.flags.includes('ACK')) {
				expect(g.ack, `ack of ${flagLetters(g.flags)} ${key(g)}`).toBe(theirs.delivered);
			} else {
				expect(g.ack).toBeNull();
			}
			if (g.fate === 'delivered' && !g.flags.includes('RST')) {
				let end = seq + g.length;
				if (g.flags.includes('SYN')) end += 1;
				if (g.flags.includes('FIN')) end += 1;
				if (end !== seq) mine.delivered = end % 2 ** 32;
			}
			checked += 1;
		}
		return checked;
	}

	for (const [id, list] of all) {
		it(`${id}: every seq and ack follows from the ISNs, SYN and FIN taking one number each`, () => {
			const checked = checkArithmetic(list);
			if (id === 'udp') expect(checked).toBe(0);
			else expect(checked).toBeGreaterThan(0);
		});
	}

	it('echo: the data starts at ISN + 1, the FIN after 5 bytes takes ISN + 6 and is acked with ISN + 7', () => {
		const list = segmentsOf(lifecycleSteps('echo')).filter((g) => g.from === 'client');
		const isn = list[0].seq as number;
		const data = list.find((g) => g.data === 'hello');
		const fin = list.find((g) => g.flags.includes('FIN'));
		expect(data?.seq).toBe(isn + 1);
		expect(fin?.seq).toBe(isn + 6);
		const finAck = segmentsOf(lifecycleSteps('echo')).find(
			(g) => g.from === 'server' && g.flags.length === 1 && g.ack === isn + 7
		);
		expect(finAck).toBeDefined();
	});
});

describe('every scenario', () => {
	for (const [id, list] of all) {
		describe(id, () => {
			it('numbers its steps from 0 and words every step with a source', () => {
				expect(list.map((s) => s.index)).toEqual(list.map((_, i) => i));
				for (const step of list) {
					expect(step.explanation.length).toBeGreaterThan(20);
					expect(step.source).toMatch(/\(\d\)|RFC \d+|\.c\b|\.h\b|\.rst\b/);
					expect(step.code.c).not.toBe('');
					expect(step.code.node).not.toBe('');
					expect(step.blocking.until).toMatch(/\.$/);
				}
			});

			it('waits only in blocking calls, and every waiting call later returns on the same side', () => {
				for (const step of list) {
					if (step.phase === 'waits') {
						expect(step.call.returns).toBeNull();
						expect(step.blocking.blocks).toBe(true);
						const later = list.slice(step.index + 1).find((s) => s.actor === step.actor);
						expect(later?.call.name).toBe(step.call.name);
						expect(later?.phase).toBe('returns');
					} else {
						expect(step.call.returns).not.toBeNull();
					}
					if (step.phase === 'returns') expect(step.blocking.blocks).toBe(true);
					expect(step.call.errno !== null).toBe(step.call.returns === '-1');
					expect(callText(step.call)).toMatch(new RegExp(`^${step.call.name}\\(`));
				}
			});

			it('moves every socket only along RFC 9293 §3.3.2 transitions', () => {
				const last = new Map<string, TcpState | null>();
				for (const step of list) {
					for (const sock of step.sockets) {
						const path = [...sock.via, sock.state];
						if (sock.transport === 'udp') {
							expect(path).toEqual([null]);
							continue;
						}
						let from = last.get(sock.id);
						if (from === undefined) {
							// Born from socket() (CLOSED) or, on the server, from a SYN to a listener.
							const born = path[0];
							expect(
								born === 'CLOSED' || (sock.side === 'server' && born === 'SYN-RECEIVED'),
								`${id} step ${step.index}: ${sock.id} born ${born}`
							).toBe(true);
							from = born;
							path.shift();
						}
						for (const to of path) {
							if (to === from) continue;
							expect(
								TRANSITIONS[from as TcpState],
								`${id} step ${step.index}: ${sock.id} ${from} → ${to}`
							).toContain(to);
							from = to;
						}
						last.set(sock.id, sock.state);
					}
					// A socket never disappears: closed ones stay, CLOSED or in TIME-WAIT.
					for (const id of last.keys()) expect(step.sockets.some((s) => s.id === id)).toBe(true);
				}
			});

			it('hands out descriptors as a process does: the lowest free one from 3', () => {
				const open = new Map<string, Set<number>>();
				for (const step of list) {
					const inUse = open.get(step.actor) ?? new Set<number>();
					if (step.call.name === 'socket' || (step.call.name === 'accept' && step.call.returns)) {
						let lowest = 3;
						while (inUse.has(lowest)) lowest += 1;
						expect(step.call.returns).toBe(String(lowest));
					}
					const now = new Set(
						step.sockets
							.filter((s) => s.owner === step.actor && s.fd !== null)
							.map((s) => s.fd as number)
					);
					open.set(step.actor, now);
					// No two open sockets of one process share a descriptor.
					for (const owner of new Set(step.sockets.map((s) => s.owner))) {
						const fds = step.sockets
							.filter((s) => s.owner === owner && s.fd !== null)
							.map((s) => s.fd);
						expect(new Set(fds).size).toBe(fds.length);
					}
				}
			});

			it('keeps the listener’s queues consistent with its sockets', () => {
				// Queues exist only from listen() on (until the listener is closed).
				const listens = list.some((s) => s.call.name === 'listen');
				expect(list.some((s) => s.queues !== null)).toBe(listens);
				for (const step of list) {
					const q = step.queues;
					if (!q) continue;
					expect(socketAt(step, q.listener).state).toBe('LISTEN');
					expect(q.accept.length).toBeLessThanOrEqual(q.acceptCapacity);
					expect(q.acceptCapacity).toBe(q.backlog + 1);
					for (const e of q.syn) {
						expect(socketAt(step, e.socket)).toMatchObject({ state: 'SYN-RECEIVED', fd: null });
					}
					for (const e of q.accept) {
						expect(socketAt(step, e.socket)).toMatchObject({ state: 'ESTABLISHED', fd: null });
					}
				}
			});

			it('sends segments only between ports that sockets have', () => {
				for (const step of list) {
					const ports = new Set(
						step.sockets
							.flatMap((s) => [s.local, s.remote])
							.filter(Boolean)
							.map((a) => Number(a?.split(':')[1]))
					);
					for (const g of step.segments) {
						expect(ports.has(g.sourcePort) || ports.has(g.destinationPort)).toBe(true);
						expect(g.length).toBe(g.data?.length ?? 0);
						expect(g.note).toMatch(/\.$/);
					}
				}
			});
		});
	}
});
