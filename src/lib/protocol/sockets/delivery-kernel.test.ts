import dgram from 'node:dgram';
import net from 'node:net';
import { once } from 'node:events';
import { describe, expect, it } from 'vitest';
import { simulateDelivery } from './delivery';

// The real kernel, over loopback, as the oracle for what a lossless network does. Loopback loses
// and reorders nothing, so the model runs with every probability at 0. Only what the kernel
// guarantees is compared: datagram boundaries, and the byte stream (read-size independent when a
// read can hold a single byte). No assertion depends on timing.

const CLEAN = { loss: 0, reorder: 0, duplicate: 0, mtu: 1500 };
const decode = (bytes: Uint8Array) => Buffer.from(bytes).toString('utf8');

function modelReads(type: 'stream' | 'datagram', messages: string[], readSize: number): string[] {
	const result = simulateDelivery({ type, messages, readSize, network: CLEAN, seed: 1 });
	if (!result.ok) throw new Error(result.error.message);
	return result.reads.map((read) => decode(read.data));
}

/** Resolves when `check` is true, re-checking on every event loop turn (no time limit of its own). */
async function until(check: () => boolean): Promise<void> {
	while (!check()) await new Promise((resolve) => setImmediate(resolve));
}

describe('the delivery model against the Linux kernel over loopback', () => {
	it('keeps the datagram boundaries node:dgram receives, an empty datagram included', async () => {
		const messages = ['LOGIN alice\n', 'PASS secret\n', '', 'A'];
		const receiver = dgram.createSocket('udp4');
		const sender = dgram.createSocket('udp4');
		const received: string[] = [];
		receiver.on('message', (message) => received.push(message.toString('utf8')));
		receiver.bind(0, '127.0.0.1');
		await once(receiver, 'listening');
		const { port } = receiver.address();
		try {
			for (const message of messages) {
				await new Promise<void>((resolve, reject) =>
					sender.send(Buffer.from(message), port, '127.0.0.1', (error) =>
						error ? reject(error) : resolve()
					)
				);
			}
			await until(() => received.length === messages.length);
		} finally {
			sender.close();
			receiver.close();
		}
		// udp(7) promises no order (loopback keeps it, but that is not a guarantee): compare as sets
		// of datagrams. Each one arrives whole and alone, the empty one as an empty datagram.
		const sorted = (list: string[]) => [...list].sort();
		expect(sorted(received)).toEqual(sorted(messages));
		expect(sorted(modelReads('datagram', messages, 65536))).toEqual(sorted(received));
	});

	it('returns a stream one byte per read when each read holds one byte, as node:net does', async () => {
		const messages = ['LOGIN alice\n', 'PASS secret\n'];
		const reads: string[] = [];
		const server = net.createServer((socket) => {
			for (const message of messages) socket.write(message);
			socket.end();
		});
		server.listen(0, '127.0.0.1');
		await once(server, 'listening');
		const { port } = server.address() as net.AddressInfo;
		const client = net.connect({
			port,
			host: '127.0.0.1',
			// Each read(2) gets a 1-byte buffer: the kernel can return at most one byte per call.
			onread: {
				buffer: Buffer.alloc(1),
				callback: (size, buffer) => {
					reads.push(Buffer.from(buffer.subarray(0, size)).toString('latin1'));
					return true;
				}
			}
		});
		try {
			await once(client, 'end');
		} finally {
			client.destroy();
			server.close();
		}
		expect(reads.join('')).toBe(messages.join(''));
		expect(reads.every((read) => read.length === 1)).toBe(true);
		expect(modelReads('stream', messages, 1)).toEqual(reads);
	});
});
