/**
 * Helpers for the echo server's tests: clients that record what they receive, and a raw TCP
 * client for what the ws client refuses to send (unmasked frames, frames in the handshake's
 * packet, silence to pings).
 */
import { connect as tcpConnect, type Socket } from 'node:net';
import * as ws from 'ws';
import { WebSocket, type ClientOptions, type RawData } from 'ws';

/** A message as a client received it. */
export interface Received {
	data: Buffer;
	isBinary: boolean;
	/** The message as text, for text messages. */
	text?: string;
}

/** A ws client that records messages and its close, with ways to wait for them. */
export interface TestClient {
	ws: WebSocket;
	messages: Received[];
	/** Resolves when the connection closes, with the code and reason the client saw. */
	closed: Promise<{ code: number; reason: string }>;
	/** Waits until at least `count` messages have arrived (rejects after `ms`). */
	received(count: number, ms?: number): Promise<Received[]>;
}

function toBuffer(data: RawData): Buffer {
	if (Buffer.isBuffer(data)) return data;
	if (Array.isArray(data)) return Buffer.concat(data);
	return Buffer.from(data);
}

/** Opens a client and waits for 'open'; rejects with the HTTP status on a refused upgrade. */
export function openClient(
	url: string,
	protocols: string[] = [],
	options: ClientOptions = {}
): Promise<TestClient> {
	const ws = new WebSocket(url, protocols, options);
	const messages: Received[] = [];
	const wakers = new Set<() => void>();
	ws.on('message', (data, isBinary) => {
		const buffer = toBuffer(data);
		messages.push({ data: buffer, isBinary, text: isBinary ? undefined : buffer.toString('utf8') });
		for (const wake of wakers) wake();
	});
	const closed = new Promise<{ code: number; reason: string }>((resolve) => {
		ws.on('close', (code, reason) => {
			resolve({ code, reason: reason.toString() });
			for (const wake of wakers) wake();
		});
	});
	const received = (count: number, ms = 3000) =>
		new Promise<Received[]>((resolve, reject) => {
			const check = () => {
				if (messages.length >= count) {
					clearTimeout(timer);
					wakers.delete(check);
					resolve(messages);
				}
			};
			const timer = setTimeout(() => {
				wakers.delete(check);
				reject(new Error(`Expected ${count} messages, got ${messages.length}`));
			}, ms);
			wakers.add(check);
			check();
		});
	return new Promise((resolve, reject) => {
		ws.once('open', () => resolve({ ws, messages, closed, received }));
		ws.once('unexpected-response', (_req, res) => {
			let body = '';
			res.on('data', (chunk: Buffer) => (body += chunk.toString()));
			res.on('end', () => {
				ws.terminate();
				reject(
					Object.assign(new Error(`HTTP ${res.statusCode}: ${body.trim()}`), {
						status: res.statusCode
					})
				);
			});
		});
		ws.once('error', reject);
	});
}

/** A raw TCP connection that did the WebSocket handshake by hand. */
export interface RawClient {
	socket: Socket;
	/** The response head, up to and including the blank line. */
	response: string;
	/** Bytes received after the response head. */
	bytes(): Buffer;
	/** Waits until at least `count` bytes have arrived after the head (rejects after `ms`). */
	receive(count: number, ms?: number): Promise<Buffer>;
	/** Resolves when the server closes or destroys the connection. */
	ended: Promise<void>;
}

/** A request head for `path` with a fixed key, so tests can compare what the server saw. */
export function upgradeRequest(port: number, path: string, extraHeaders: string[] = []): string {
	return [
		`GET ${path} HTTP/1.1`,
		`Host: 127.0.0.1:${port}`,
		'Upgrade: websocket',
		'Connection: Upgrade',
		'Sec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==',
		'Sec-WebSocket-Version: 13',
		...extraHeaders,
		'',
		''
	].join('\r\n');
}

/** Connects, writes `request` (and `after`, in the same write), and reads the response head. */
export function rawConnect(port: number, request: string, after?: Uint8Array): Promise<RawClient> {
	const socket = tcpConnect(port, '127.0.0.1');
	let buffered = Buffer.alloc(0);
	let headEnd = -1;
	const wakers = new Set<() => void>();
	const ended = new Promise<void>((resolve) => socket.once('close', () => resolve()));
	socket.on('error', () => {});
	socket.on('data', (chunk: Buffer) => {
		buffered = Buffer.concat([buffered, chunk]);
		for (const wake of wakers) wake();
	});
	socket.write(after ? Buffer.concat([Buffer.from(request, 'latin1'), after]) : request);
	const bytes = () => buffered.subarray(headEnd + 4);
	const receive = (count: number, ms = 3000) =>
		new Promise<Buffer>((resolve, reject) => {
			const check = () => {
				if (bytes().length >= count) {
					clearTimeout(timer);
					wakers.delete(check);
					resolve(bytes());
				}
			};
			const timer = setTimeout(() => {
				wakers.delete(check);
				reject(new Error(`Expected ${count} bytes, got ${bytes().length}`));
			}, ms);
			wakers.add(check);
			check();
		});
	return new Promise((resolve, reject) => {
		const check = () => {
			headEnd = buffered.indexOf('\r\n\r\n');
			if (headEnd < 0) return;
			wakers.delete(check);
			resolve({
				socket,
				response: buffered.subarray(0, headEnd + 4).toString('latin1'),
				bytes,
				receive,
				ended
			});
		};
		wakers.add(check);
		socket.once('close', () => reject(new Error('Closed before a response head arrived')));
	});
}

/** What ws's frame writer takes; @types/ws does not declare it. */
interface WsFrameOptions {
	fin: boolean;
	opcode: number;
	rsv1: boolean;
	mask: boolean;
	readOnly: boolean;
	maskBuffer?: Buffer;
	generateMask?: (mask: Buffer) => void;
}
const { Sender } = ws as unknown as {
	Sender: { frame(data: Buffer, options: WsFrameOptions): Buffer[] };
};

/**
 * The bytes ws itself writes for one frame, as an oracle for frame encoders: masked with `key`
 * when given (a client's frame), unmasked otherwise (a server's).
 */
export function wsFrame(
	payload: Uint8Array,
	options: { opcode: number; fin?: boolean; rsv1?: boolean; key?: Uint8Array }
): Uint8Array {
	const { opcode, fin = true, rsv1 = false, key } = options;
	return Buffer.concat(
		Sender.frame(Buffer.from(payload), {
			fin,
			opcode,
			rsv1,
			readOnly: false,
			mask: key !== undefined,
			maskBuffer: key ? Buffer.from(key) : undefined,
			// Keep the key given instead of drawing a random one (masking is skipped without a key).
			generateMask: () => {}
		})
	);
}
