import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
	LIMITS,
	MIN_MTU,
	SOCKET_TYPES,
	simulateDelivery,
	type DeliveryOptions,
	type DeliveryResult,
	type NetworkOptions,
	type SocketType
} from './delivery';

// Expected values come from the man pages (socket(2), recv(2), udp(7), tcp(7)), RFC 791 (IPv4
// fragments carry multiples of 8 bytes), RFC 6298 (1 s initial timeout, doubling), the issue text
// (MSS = MTU − 40) and facts.md C3/C9, computed here by hand, never by running the model.

const utf8 = (text: string) => new TextEncoder().encode(text);
const text = (bytes: Uint8Array) => new TextDecoder().decode(bytes);
const bytesOf = (message: Uint8Array | string) =>
	typeof message === 'string' ? utf8(message) : message;
const join = (chunks: readonly Uint8Array[]) => {
	const out = new Uint8Array(chunks.reduce((sum, chunk) => sum + chunk.length, 0));
	let offset = 0;
	for (const chunk of chunks) {
		out.set(chunk, offset);
		offset += chunk.length;
	}
	return out;
};

/** Byte equality that stays fast for large arrays; falls back to toEqual for a readable diff. */
function expectBytes(actual: Uint8Array, expected: Uint8Array) {
	if (!Buffer.from(actual).equals(Buffer.from(expected))) expect(actual).toEqual(expected);
}

const CLEAN: NetworkOptions = { loss: 0, reorder: 0, duplicate: 0, mtu: 1500 };

function run(options: Partial<DeliveryOptions> & { messages: DeliveryOptions['messages'] }) {
	const result = simulateDelivery({
		type: 'stream',
		readSize: 1024,
		network: CLEAN,
		seed: 1,
		...options
	});
	if (!result.ok) throw new Error(`unexpected error: ${result.error.message}`);
	return result;
}

type Ok = Extract<DeliveryResult, { ok: true }>;

const messagesArb = fc.array(
	fc.oneof(fc.string({ maxLength: 40 }), fc.uint8Array({ maxLength: 300 })),
	{ minLength: 1, maxLength: 8 }
);
const probability = fc.double({ min: 0, max: 1, noNaN: true });
const networkArb = fc.record({
	loss: fc.oneof(fc.constant(0), fc.double({ min: 0, max: 0.6, noNaN: true }), probability),
	reorder: fc.oneof(fc.constant(0), probability),
	duplicate: fc.oneof(fc.constant(0), probability),
	mtu: fc.oneof(fc.constant(MIN_MTU), fc.integer({ min: MIN_MTU, max: 1500 }))
});
const seedArb = fc.oneof(fc.integer(), fc.double({ noNaN: true, noDefaultInfinity: true }));
const optionsArb = (type: SocketType) =>
	fc.record({
		type: fc.constant(type),
		messages: messagesArb,
		readSize: fc.integer({ min: 1, max: 400 }),
		network: networkArb,
		seed: seedArb
	});

function simulate(options: DeliveryOptions): Ok {
	const result = simulateDelivery(options);
	expect(result.ok).toBe(true);
	return result as Ok;
}

/** RFC 791: every fragment but the last carries a multiple of 8 bytes of the IP payload. */
function expectedFragments(udpPayload: number, mtu: number): number[] {
	const ipPayload = udpPayload + 8; // UDP header (RFC 768)
	if (ipPayload + 20 <= mtu) return [ipPayload];
	const perFragment = mtu - 20 - ((mtu - 20) % 8);
	const sizes: number[] = [];
	for (let left = ipPayload; left > 0; left -= perFragment) sizes.push(Math.min(left, perFragment));
	return sizes;
}

describe('simulateDelivery: stream (socket(2): a byte stream without record boundaries)', () => {
	it('returns "A", "B", "C" sent back to back in one read "ABC" when the read size is large', () => {
		const result = run({ messages: ['A', 'B', 'C'], readSize: 100 });
		expect(result.reads.map((read) => text(read.data))).toEqual(['ABC']);
		expect(result.reads[0].messages).toEqual([0, 1, 2]);
		expect(result.outcome.kind).toBe('complete');
	});

	it('returns "A", "B", "C" in three reads of one byte when the read size is 1', () => {
		const result = run({ messages: ['A', 'B', 'C'], readSize: 1 });
		expect(result.reads.map((read) => text(read.data))).toEqual(['A', 'B', 'C']);
		expect(result.reads.every((read) => !read.truncated && read.discarded === 0)).toBe(true);
	});

	it('merges "LOGIN alice\\n" and "PASS secret\\n" into one read, which is why a stream needs framing', () => {
		const result = run({ messages: ['LOGIN alice\n', 'PASS secret\n'], readSize: 100 });
		expect(result.reads.map((read) => text(read.data))).toEqual(['LOGIN alice\nPASS secret\n']);
	});

	it('splits one send() across reads: recv(2) returns at most the requested amount', () => {
		const result = run({ messages: ['hello world'], readSize: 5 });
		expect(result.reads.map((read) => text(read.data))).toEqual(['hello', ' worl', 'd']);
		expect(result.reads.every((read) => read.source === 'recv(2)')).toBe(true);
	});

	it('cuts segments of at most MSS = MTU − 40 bytes (28 at the 68-byte minimum MTU)', () => {
		const result = run({ messages: [new Uint8Array(100).fill(7)], network: { ...CLEAN, mtu: 68 } });
		expect(result.packets.map((packet) => packet.bytes.length)).toEqual([28, 28, 28, 16]);
		expect(result.packets.map((packet) => packet.streamOffset)).toEqual([0, 28, 56, 84]);
		expect(result.packets.every((packet) => packet.kind === 'segment')).toBe(true);
	});

	it('sends nothing for a 0-byte send()', () => {
		const empty = run({ messages: [''] });
		expect(empty.packets).toEqual([]);
		expect(empty.reads).toEqual([]);
		expect(empty.outcome.kind).toBe('complete');
		const mixed = run({ messages: ['', 'A', ''] });
		expect(mixed.packets.map((packet) => packet.messages)).toEqual([[1]]);
	});

	it('retransmits after 1 s, doubling, and times out after the retry limit when everything is lost', () => {
		// RFC 6298 §2.1 (1 s), §5.5 (doubling): sent at 0, 1, 3, 7, 15, 31 s; give up 32 s later.
		const result = run({ messages: ['A'], network: { ...CLEAN, loss: 1 } });
		expect(LIMITS.maxRetries).toBe(5);
		expect(result.packets.map((packet) => packet.sentAt)).toEqual([
			0, 1000, 3000, 7000, 15000, 31000
		]);
		expect(result.packets.map((packet) => packet.attempt)).toEqual([0, 1, 2, 3, 4, 5]);
		expect(result.packets.every((packet) => packet.fate === 'lost')).toBe(true);
		expect(result.outcome.kind).toBe('timed-out');
		expect(result.outcome.lost).toEqual([0]);
		expect(result.duration).toBe(63000);
		expect(result.reads).toEqual([]);
		expect(result.outcome.summary).toMatch(/timed out/);
	});

	it('gives the concatenated sends back as the concatenated reads whenever the run completes', () => {
		fc.assert(
			fc.property(optionsArb('stream'), (options) => {
				const result = simulate(options);
				const sent = join(options.messages.map(bytesOf));
				const read = join(result.reads.map((r) => r.data));
				// Always a prefix (in order, no duplicates); all of it when complete.
				expectBytes(read, sent.subarray(0, read.length));
				if (result.outcome.kind === 'complete') expectBytes(read, sent);
				else expect(result.outcome.kind).toBe('timed-out');
			}),
			{ numRuns: 300 }
		);
	});

	it('names in each read exactly the send() calls whose bytes it returned, each byte once', () => {
		fc.assert(
			fc.property(optionsArb('stream'), (options) => {
				const result = simulate(options);
				const lengths = options.messages.map((message) => bytesOf(message).length);
				const starts = lengths.map((_, i) => lengths.slice(0, i).reduce((a, b) => a + b, 0));
				const seen = lengths.map(() => 0);
				let position = 0;
				for (const read of result.reads) {
					expect(read.data.length).toBeGreaterThan(0);
					expect(read.data.length).toBeLessThanOrEqual(options.readSize);
					const end = position + read.data.length;
					const expected = lengths
						.map((length, i) => ({ i, from: starts[i], to: starts[i] + length }))
						.filter(({ from, to }) => to > from && from < end && to > position);
					expect(read.messages).toEqual(expected.map(({ i }) => i));
					for (const { i, from, to } of expected) {
						seen[i] += Math.min(to, end) - Math.max(from, position);
					}
					position = end;
				}
				if (result.outcome.kind === 'complete') expect(seen).toEqual(lengths);
				for (const i of result.outcome.delivered) expect(seen[i]).toBe(lengths[i]);
			}),
			{ numRuns: 200 }
		);
	});

	it('reads each byte as soon as it and every byte before it have arrived, up to the read size', () => {
		fc.assert(
			fc.property(optionsArb('stream'), (options) => {
				const { packets, reads } = simulate(options);
				const total = join(options.messages.map(bytesOf)).length;
				// firstArrival[p]: when a copy of byte p first reached the receiver.
				const firstArrival = new Array<number>(total).fill(Infinity);
				for (const packet of packets) {
					if (packet.arrivesAt === null) continue;
					const from = packet.streamOffset as number;
					for (let p = from; p < from + packet.bytes.length; p++) {
						firstArrival[p] = Math.min(firstArrival[p], packet.arrivesAt);
					}
				}
				// readableAt[p]: bytes 0..p have all arrived (a stream hands bytes over in order).
				const readableAt: number[] = [];
				firstArrival.forEach((t, p) => readableAt.push(Math.max(t, p > 0 ? readableAt[p - 1] : 0)));
				let position = 0;
				for (const read of reads) {
					expect(read.at).toBe(readableAt[position]);
					let end = position;
					while (end < total && readableAt[end] <= read.at) end++;
					expect(read.data.length).toBe(Math.min(options.readSize, end - position));
					position += read.data.length;
				}
				// Nothing readable is left unread.
				expect(position === total || readableAt[position] === Infinity).toBe(true);
			}),
			{ numRuns: 200 }
		);
	});

	it('keeps every segment within the MSS and retransmits the same bytes at the same offset', () => {
		fc.assert(
			fc.property(optionsArb('stream'), (options) => {
				const result = simulate(options);
				const sent = join(options.messages.map(bytesOf));
				for (const packet of result.packets) {
					const offset = packet.streamOffset as number;
					expect(packet.bytes.length).toBeLessThanOrEqual(options.network.mtu - 40);
					expectBytes(packet.bytes, sent.subarray(offset, offset + packet.bytes.length));
					if (packet.attempt > 0) {
						const earlier = result.packets.filter(
							(p) => p.streamOffset === offset && p.attempt === packet.attempt - 1
						);
						expect(earlier.some((p) => p.fate === 'lost')).toBe(true);
					}
				}
			}),
			{ numRuns: 150 }
		);
	});

	it('times out with the retry limit reached for every segment when the loss is 1', () => {
		fc.assert(
			fc.property(optionsArb('stream'), seedArb, (options, seed) => {
				fc.pre(options.messages.some((message) => bytesOf(message).length > 0));
				const result = simulate({ ...options, seed, network: { ...options.network, loss: 1 } });
				expect(result.outcome.kind).toBe('timed-out');
				expect(result.reads).toEqual([]);
				expect(result.packets.every((packet) => packet.fate === 'lost')).toBe(true);
				const offsets = new Set(result.packets.map((packet) => packet.streamOffset));
				for (const offset of offsets) {
					const attempts = result.packets
						.filter((p) => p.streamOffset === offset)
						.map((p) => p.attempt);
					expect(Math.max(...attempts)).toBe(LIMITS.maxRetries);
				}
			}),
			{ numRuns: 100 }
		);
	});
});

describe('simulateDelivery: datagram (udp(7): boundaries kept, no retransmission)', () => {
	it('returns "LOGIN alice\\n" and "PASS secret\\n" as two separate reads', () => {
		const result = run({ type: 'datagram', messages: ['LOGIN alice\n', 'PASS secret\n'] });
		expect(result.reads.map((read) => text(read.data))).toEqual(['LOGIN alice\n', 'PASS secret\n']);
		expect(result.reads.map((read) => read.messages)).toEqual([[0], [1]]);
	});

	it('truncates each 12-byte datagram to an 8-byte read and discards the other 4 (MSG_TRUNC)', () => {
		const result = run({
			type: 'datagram',
			messages: ['LOGIN alice\n', 'PASS secret\n'],
			readSize: 8
		});
		expect(result.reads.map((read) => text(read.data))).toEqual(['LOGIN al', 'PASS sec']);
		expect(result.reads.map((read) => [read.truncated, read.discarded])).toEqual([
			[true, 4],
			[true, 4]
		]);
		expect(result.reads[0].explanation).toMatch(/MSG_TRUNC/);
	});

	it('delivers a 0-byte send() as a 0-length datagram', () => {
		const result = run({ type: 'datagram', messages: ['', 'A'] });
		expect(result.packets.map((packet) => packet.bytes.length)).toEqual([0, 1]);
		expect(result.reads.map((read) => read.data.length)).toEqual([0, 1]);
		expect(result.reads[0]).toMatchObject({ truncated: false, discarded: 0, messages: [0] });
	});

	it('fragments a 2,000-byte payload at MTU 1500 into IP payloads of 1,480 and 528 bytes', () => {
		// 2,000 + 8 (UDP header) = 2,008 bytes of IP payload; 1,480 = 1500 − 20 is a multiple of 8.
		const result = run({ type: 'datagram', messages: [new Uint8Array(2000)] });
		expect(result.packets.map((packet) => packet.kind)).toEqual(['fragment', 'fragment']);
		expect(result.packets.map((packet) => packet.bytes.length)).toEqual([1480 - 8, 528]);
		expect(result.packets.map((packet) => packet.fragment)).toEqual([
			{ datagram: 0, index: 0, count: 2 },
			{ datagram: 0, index: 1, count: 2 }
		]);
		expect(result.reads.map((read) => read.data.length)).toEqual([1024]);
	});

	it('fragments the textbook 3,980-byte IP payload at MTU 1500 into 1,480 + 1,480 + 1,020', () => {
		// Kurose & Ross's example: a 4,000-byte datagram (20-byte header) over a 1,500-byte link.
		const result = run({ type: 'datagram', messages: [new Uint8Array(3980 - 8)] });
		expect(result.packets.map((packet) => packet.bytes.length)).toEqual([1480 - 8, 1480, 1020]);
	});

	it('sends a payload of exactly MTU − 28 bytes in one packet, and one byte more as fragments', () => {
		expect(run({ type: 'datagram', messages: [new Uint8Array(1472)] }).packets).toHaveLength(1);
		expect(run({ type: 'datagram', messages: [new Uint8Array(1473)] }).packets).toHaveLength(2);
	});

	it('fragments by RFC 791: count and sizes follow the 8-byte rule for any size and MTU', () => {
		fc.assert(
			fc.property(
				fc.integer({ min: 0, max: 5000 }),
				fc.integer({ min: MIN_MTU, max: 2000 }),
				(size, mtu) => {
					const message = new Uint8Array(size).map((_, i) => i & 0xff);
					const result = run({ type: 'datagram', messages: [message], network: { ...CLEAN, mtu } });
					const sizes = expectedFragments(size, mtu);
					expect(result.packets).toHaveLength(sizes.length);
					const carried = result.packets.map(
						(packet, i) => packet.bytes.length + (i === 0 ? 8 : 0)
					);
					expect(carried).toEqual(sizes);
					for (const ipPayload of carried.slice(0, -1)) expect(ipPayload % 8).toBe(0);
					expectBytes(join(result.packets.map((packet) => packet.bytes)), message);
				}
			),
			{ numRuns: 300 }
		);
	});

	it('returns in every read a prefix of one sent message, never two merged, truncated iff longer', () => {
		fc.assert(
			fc.property(optionsArb('datagram'), (options) => {
				const result = simulate(options);
				const sent = options.messages.map(bytesOf);
				const times = sent.map(() => 0);
				for (const read of result.reads) {
					expect(read.messages).toHaveLength(1);
					const message = sent[read.messages[0]];
					const size = Math.min(message.length, options.readSize);
					expectBytes(read.data, message.subarray(0, size));
					expect(read.truncated).toBe(message.length > options.readSize);
					expect(read.discarded).toBe(message.length - size);
					expect(read.source).toBe('udp(7)');
					times[read.messages[0]]++;
				}
				// Each datagram at most twice (a duplicate), once without duplication, and every
				// datagram at least once on a lossless network.
				for (const count of times) expect(count).toBeLessThanOrEqual(2);
				if (options.network.duplicate === 0)
					for (const count of times) expect(count).toBeLessThanOrEqual(1);
				if (options.network.loss === 0) for (const count of times) expect(count).toBeGreaterThan(0);
				expect(result.outcome.delivered).toEqual(sent.map((_, i) => i).filter((i) => times[i] > 0));
				expect(result.outcome.kind).toBe(result.outcome.lost.length === 0 ? 'complete' : 'partial');
			}),
			{ numRuns: 300 }
		);
	});

	it('loses the whole datagram when any one of its fragments is lost', () => {
		fc.assert(
			fc.property(optionsArb('datagram'), (options) => {
				const result = simulate(options);
				options.messages.forEach((_, i) => {
					const lostFragment = result.packets.some(
						(packet) => packet.fragment?.datagram === i && packet.fate === 'lost'
					);
					const read = result.reads.some((r) => r.messages[0] === i);
					if (lostFragment) expect(read).toBe(false);
				});
			}),
			{ numRuns: 200 }
		);
	});

	it('never retransmits, and reads nothing when the loss is 1', () => {
		const result = run({
			type: 'datagram',
			messages: ['A', 'B'],
			network: { ...CLEAN, loss: 1 }
		});
		expect(result.packets.map((packet) => [packet.attempt, packet.fate])).toEqual([
			[0, 'lost'],
			[0, 'lost']
		]);
		expect(result.reads).toEqual([]);
		expect(result.outcome).toMatchObject({ kind: 'partial', delivered: [], lost: [0, 1] });
	});

	it('delivers a duplicated datagram twice', () => {
		const result = run({ type: 'datagram', messages: ['A'], network: { ...CLEAN, duplicate: 1 } });
		expect(result.packets.map((packet) => packet.fate)).toEqual(['delivered', 'duplicated']);
		expect(result.reads.map((read) => text(read.data))).toEqual(['A', 'A']);
	});
});

describe('simulateDelivery: seqpacket (socket(2): reliable, ordered, records kept)', () => {
	it('returns the first 5 bytes of an 11-byte record and then the next record (facts C3)', () => {
		const result = run({ type: 'seqpacket', messages: ['hello world', 'next'], readSize: 5 });
		expect(result.reads.map((read) => text(read.data))).toEqual(['hello', 'next']);
		expect(result.reads.map((read) => [read.truncated, read.discarded])).toEqual([
			[true, 6],
			[false, 0]
		]);
		expect(result.reads[0].source).toBe('socket(2)');
	});

	it('keeps "LOGIN alice\\n" and "PASS secret\\n" as two records', () => {
		const result = run({ type: 'seqpacket', messages: ['LOGIN alice\n', 'PASS secret\n'] });
		expect(result.reads.map((read) => text(read.data))).toEqual(['LOGIN alice\n', 'PASS secret\n']);
	});

	it('returns exactly the messages, in order, each truncated to the read size', () => {
		fc.assert(
			fc.property(optionsArb('seqpacket'), (options) => {
				const result = simulate(options);
				const sent = options.messages.map(bytesOf);
				// In order and once: the reads are records 0, 1, 2, … (all of them when complete).
				expect(result.reads.map((read) => read.messages)).toEqual(result.reads.map((_, i) => [i]));
				if (result.outcome.kind === 'complete') expect(result.reads).toHaveLength(sent.length);
				else expect(result.outcome.kind).toBe('timed-out');
				for (const read of result.reads) {
					const message = sent[read.messages[0]];
					const size = Math.min(message.length, options.readSize);
					expectBytes(read.data, message.subarray(0, size));
					expect(read.truncated).toBe(message.length > options.readSize);
					expect(read.discarded).toBe(message.length - size);
				}
			}),
			{ numRuns: 300 }
		);
	});

	it('reads each record as soon as all of its pieces and all earlier records have arrived', () => {
		fc.assert(
			fc.property(optionsArb('seqpacket'), (options) => {
				const { packets, reads } = simulate(options);
				// A piece is named by its record and where its bytes start in that record.
				const pieces = new Map<string, { record: number; at: number }>();
				for (const packet of packets) {
					const key = `${packet.messages[0]}:${packet.bytes.byteOffset}`;
					const at = packet.arrivesAt ?? Infinity;
					const known = pieces.get(key);
					pieces.set(key, { record: packet.messages[0], at: Math.min(known?.at ?? Infinity, at) });
				}
				let readable = 0;
				options.messages.forEach((_, record) => {
					for (const piece of pieces.values()) {
						if (piece.record === record) readable = Math.max(readable, piece.at);
					}
					const read = reads.find((r) => r.messages[0] === record);
					if (readable === Infinity) expect(read).toBeUndefined();
					else expect(read?.at).toBe(readable);
				});
			}),
			{ numRuns: 200 }
		);
	});

	it('times out after the retry limit when the loss is 1', () => {
		const result = run({ type: 'seqpacket', messages: ['A', ''], network: { ...CLEAN, loss: 1 } });
		expect(result.outcome.kind).toBe('timed-out');
		expect(Math.max(...result.packets.map((packet) => packet.attempt))).toBe(LIMITS.maxRetries);
		expect(result.reads).toEqual([]);
	});
});

describe('simulateDelivery: every type', () => {
	it('delivers everything once, in order, on a network without loss, reordering or duplication', () => {
		fc.assert(
			fc.property(
				fc.constantFrom(...SOCKET_TYPES),
				messagesArb,
				fc.integer({ min: 1, max: 400 }),
				fc.integer({ min: MIN_MTU, max: 1500 }),
				seedArb,
				(type, messages, readSize, mtu, seed) => {
					const network = { ...CLEAN, mtu };
					const result = simulate({ type, messages, readSize, network, seed });
					expect(result.outcome.kind).toBe('complete');
					expect(result.outcome.lost).toEqual([]);
					expect(result.packets.every((p) => p.fate === 'delivered' && p.attempt === 0)).toBe(true);
					const sent = messages.map(bytesOf);
					if (type === 'stream') {
						expectBytes(join(result.reads.map((read) => read.data)), join(sent));
					} else {
						expect(result.reads.map((read) => read.messages[0])).toEqual(sent.map((_, i) => i));
					}
				}
			),
			{ numRuns: 200 }
		);
	});

	it('gives the same result for the same seed', () => {
		fc.assert(
			fc.property(fc.constantFrom(...SOCKET_TYPES).chain(optionsArb), (options) => {
				expect(simulateDelivery(options)).toEqual(simulateDelivery(structuredClone(options)));
			}),
			{ numRuns: 150 }
		);
	});

	it('changes the packet fates with the seed on a lossy network', () => {
		const fates = new Set(
			Array.from({ length: 20 }, (_, seed) =>
				JSON.stringify(
					run({
						type: 'datagram',
						messages: ['a', 'b', 'c', 'd', 'e', 'f'],
						network: { ...CLEAN, loss: 0.5 },
						seed
					}).packets.map((packet) => packet.fate)
				)
			)
		);
		expect(fates.size).toBeGreaterThan(1);
	});

	it('lists packets in send order, with fates that match their timing, and every message delivered or lost', () => {
		fc.assert(
			fc.property(fc.constantFrom(...SOCKET_TYPES).chain(optionsArb), (options) => {
				const { packets, reads, outcome } = simulate(options);
				packets.forEach((packet, i) => {
					expect(packet.id).toBe(i);
					if (i > 0) expect(packet.sentAt).toBeGreaterThanOrEqual(packets[i - 1].sentAt);
					expect(packet.arrivesAt === null).toBe(packet.fate === 'lost');
					if (packet.arrivesAt !== null) expect(packet.arrivesAt).toBeGreaterThan(packet.sentAt);
					if (packet.fate === 'retransmission') expect(packet.attempt).toBeGreaterThan(0);
					// 'reordered': it arrived after a packet sent later; a first, single copy that did
					// so is always called reordered.
					const overtaken = packets
						.slice(i + 1)
						.some(
							(later) =>
								later.arrivesAt !== null &&
								packet.arrivesAt !== null &&
								later.arrivesAt < packet.arrivesAt
						);
					if (packet.fate === 'reordered') expect(overtaken).toBe(true);
					if (packet.fate === 'delivered') expect(overtaken).toBe(false);
				});
				if (options.network.reorder === 0) {
					expect(packets.some((packet) => packet.fate === 'reordered')).toBe(false);
				}
				if (options.network.duplicate === 0) {
					expect(packets.some((packet) => packet.fate === 'duplicated')).toBe(false);
				}
				const { delivered, lost } = outcome;
				expect([...delivered, ...lost].sort((a, b) => a - b)).toEqual(
					options.messages.map((_, i) => i)
				);
				reads.forEach((read, i) => {
					expect(read.index).toBe(i);
					if (i > 0) expect(read.at).toBeGreaterThanOrEqual(reads[i - 1].at);
				});
			}),
			{ numRuns: 200 }
		);
	});

	it('explains every packet, read and outcome in finished sentences', () => {
		fc.assert(
			fc.property(fc.constantFrom(...SOCKET_TYPES).chain(optionsArb), (options) => {
				const result = simulate(options);
				const sentences = [
					...result.packets.map((packet) => packet.explanation),
					...result.reads.map((read) => read.explanation),
					result.outcome.summary
				];
				for (const sentence of sentences) {
					expect(sentence).toMatch(/^[A-Z0-9r].*[.)]$/s);
					expect(sentence).not.toMatch(/undefined|NaN|\[object|Infinity/);
				}
			}),
			{ numRuns: 150 }
		);
	});
});

describe('simulateDelivery: options it cannot use', () => {
	const good: DeliveryOptions = {
		type: 'stream',
		messages: ['A'],
		readSize: 8,
		network: CLEAN,
		seed: 1
	};
	const cases: [string, unknown, string][] = [
		['no options at all', null, 'type'],
		['a socket type it does not know', { ...good, type: 'raw' }, 'type'],
		['messages that are not a list', { ...good, messages: 'A' }, 'messages'],
		['an empty list of messages', { ...good, messages: [] }, 'messages'],
		[
			'too many messages',
			{ ...good, messages: Array(LIMITS.maxMessages + 1).fill('A') },
			'messages'
		],
		['a message that is neither a string nor bytes', { ...good, messages: [42] }, 'messages'],
		[
			'a string message over the size limit',
			{ ...good, messages: ['x'.repeat(65508)] },
			'messages'
		],
		[
			'a 2-byte character that pushes a message over',
			{ ...good, messages: ['é'.repeat(32754)] },
			'messages'
		],
		[
			'a byte message over the size limit',
			{ ...good, messages: [new Uint8Array(65508)] },
			'messages'
		],
		['a read size of 0', { ...good, readSize: 0 }, 'readSize'],
		['a negative read size', { ...good, readSize: -1 }, 'readSize'],
		['a fractional read size', { ...good, readSize: 1.5 }, 'readSize'],
		['a read size over the limit', { ...good, readSize: LIMITS.maxReadSize + 1 }, 'readSize'],
		['a read size given as text', { ...good, readSize: '8' }, 'readSize'],
		['no network', { ...good, network: undefined }, 'loss'],
		['a loss below 0', { ...good, network: { ...CLEAN, loss: -0.1 } }, 'loss'],
		['a loss above 1', { ...good, network: { ...CLEAN, loss: 1.1 } }, 'loss'],
		['a NaN loss', { ...good, network: { ...CLEAN, loss: NaN } }, 'loss'],
		['a NaN reorder probability', { ...good, network: { ...CLEAN, reorder: NaN } }, 'reorder'],
		[
			'a duplicate probability above 1',
			{ ...good, network: { ...CLEAN, duplicate: 2 } },
			'duplicate'
		],
		['an MTU below 68', { ...good, network: { ...CLEAN, mtu: 67 } }, 'mtu'],
		['an MTU above 65,535', { ...good, network: { ...CLEAN, mtu: 65536 } }, 'mtu'],
		['a fractional MTU', { ...good, network: { ...CLEAN, mtu: 1500.5 } }, 'mtu'],
		['a NaN seed', { ...good, seed: NaN }, 'seed'],
		['an infinite seed', { ...good, seed: Infinity }, 'seed'],
		['a seed given as text', { ...good, seed: '1' }, 'seed']
	];

	it('says which send() a message error is about, so the form can place it', () => {
		const big = simulateDelivery({
			...good,
			messages: ['ok', 'x'.repeat(65508)]
		} as DeliveryOptions);
		expect(big.ok || big.error).toMatchObject({ field: 'messages', index: 1 });
		const odd = simulateDelivery({
			...good,
			messages: ['ok', 'fine', 42]
		} as unknown as DeliveryOptions);
		expect(odd.ok || odd.error).toMatchObject({ field: 'messages', index: 2 });
		const many = simulateDelivery({
			...good,
			messages: Array(LIMITS.maxMessages + 1).fill('A')
		} as DeliveryOptions);
		expect(many.ok || 'index' in many.error).toBe(false);
	});

	it.each(cases)('rejects %s with a sentence that names the field', (_, options, field) => {
		const result = simulateDelivery(options as DeliveryOptions);
		expect(result.ok).toBe(false);
		if (result.ok) return;
		expect(result.error.field).toBe(field);
		expect(result.error.message).toMatch(/^[A-Z].*\.$/);
		expect(result.error.message).not.toMatch(/undefined|\[object/);
	});

	it('accepts the edges: MTU 68 and 65,535, read size 1, probabilities 0 and 1, a 65,507-byte datagram', () => {
		for (const mtu of [MIN_MTU, LIMITS.maxMtu])
			expect(run({ messages: ['A'], network: { ...CLEAN, mtu } }).ok).toBe(true);
		expect(
			run({
				messages: ['A'],
				readSize: 1,
				network: { loss: 1, reorder: 1, duplicate: 1, mtu: 1500 }
			}).ok
		).toBe(true);
		const big = run({ type: 'datagram', messages: [new Uint8Array(LIMITS.maxMessageBytes)] });
		expect(big.reads[0].discarded).toBe(LIMITS.maxMessageBytes - 1024);
	});

	it('never throws, whatever it is given', () => {
		const garbage = fc.record(
			{
				type: fc.oneof(fc.constantFrom(...SOCKET_TYPES), fc.anything()),
				messages: fc.oneof(messagesArb, fc.anything(), fc.array(fc.anything(), { maxLength: 4 })),
				readSize: fc.oneof(fc.integer({ min: -5, max: 500 }), fc.double(), fc.anything()),
				network: fc.oneof(
					networkArb,
					fc.anything(),
					fc.record({
						loss: fc.oneof(fc.double(), fc.anything()),
						reorder: fc.oneof(fc.double(), fc.anything()),
						duplicate: fc.oneof(fc.double(), fc.anything()),
						mtu: fc.oneof(fc.integer({ min: 0, max: 70000 }), fc.double(), fc.anything())
					})
				),
				seed: fc.oneof(seedArb, fc.double(), fc.anything())
			},
			{ requiredKeys: [] }
		);
		fc.assert(
			fc.property(fc.oneof(garbage, fc.anything()), (options) => {
				const result = simulateDelivery(options as DeliveryOptions);
				expect(typeof result.ok).toBe('boolean');
			}),
			{ numRuns: 1000 }
		);
	});
});
