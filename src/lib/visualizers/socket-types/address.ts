/**
 * The socket types lab in the page address:
 * `?m=LOGIN+alice%5Cn&m=PASS+secret%5Cn&type=stream&read=8&loss=0.2&reorder=0&dup=0&mtu=1500&seed=7`.
 * Messages are written as typed (escapes included), one `m` per send(), so a link keeps exactly
 * what the reader typed; `compare=1` shows all three types side by side.
 */
import { readChoice, readFlag, readInteger, type AddressCodec } from '$lib/address/codec';
import { LIMITS, MIN_MTU, SOCKET_TYPES, type SocketType } from '$lib/protocol/sockets/delivery';

/** What a link to the lab reproduces. */
export interface LabSettings {
	/** The send() calls, as typed (with escapes such as `\n`); at least one. */
	messages: string[];
	type: SocketType;
	readSize: number;
	/** Probabilities, 0..1. */
	loss: number;
	reorder: number;
	duplicate: number;
	mtu: number;
	/** A whole number, 0..MAX_SEED. */
	seed: number;
	compare: boolean;
}

/** Seeds are unsigned 32-bit numbers, so every one fits the address and the seed box. */
export const MAX_SEED = 0xffff_ffff;

/**
 * The lab as a page first shows it: three short sends over a lossy network, with a seed whose
 * run loses a packet on every type (a retransmission on stream and seqpacket, a lost datagram).
 */
export const DEFAULT_LAB: LabSettings = {
	messages: ['A', 'B', 'C'],
	type: 'stream',
	readSize: 1024,
	loss: 0.2,
	reorder: 0.2,
	duplicate: 0.1,
	mtu: 1500,
	seed: 12,
	compare: false
};

/** Every parameter the lab writes. */
const PARAMS = ['m', 'type', 'read', 'loss', 'reorder', 'dup', 'mtu', 'seed', 'compare'];

/** A probability in 0..1 written as a plain decimal, or `fallback`. */
function readProbability(params: URLSearchParams, name: string, fallback: number): number {
	const text = params.get(name);
	if (text === null || !/^(?:0|1)(?:\.\d+)?$|^\.\d+$/.test(text)) return fallback;
	const value = Number(text);
	return value >= 0 && value <= 1 ? value : fallback;
}

/**
 * Reads and writes the lab's settings. An address with none of its parameters describes
 * nothing; a value that does not parse, or lies outside what the model accepts, takes its value
 * from DEFAULT_LAB.
 */
export const labAddress: AddressCodec<LabSettings> = {
	read(params) {
		if (!PARAMS.some((name) => params.has(name))) return null;
		const messages = params.getAll('m').slice(0, LIMITS.maxMessages);
		return {
			messages: messages.length > 0 ? messages : [...DEFAULT_LAB.messages],
			type: readChoice(params, 'type', SOCKET_TYPES, DEFAULT_LAB.type),
			readSize: readInteger(params, 'read', 1, LIMITS.maxReadSize, DEFAULT_LAB.readSize),
			loss: readProbability(params, 'loss', DEFAULT_LAB.loss),
			reorder: readProbability(params, 'reorder', DEFAULT_LAB.reorder),
			duplicate: readProbability(params, 'dup', DEFAULT_LAB.duplicate),
			mtu: readInteger(params, 'mtu', MIN_MTU, LIMITS.maxMtu, DEFAULT_LAB.mtu),
			seed: readInteger(params, 'seed', 0, MAX_SEED, DEFAULT_LAB.seed),
			compare: readFlag(params, 'compare')
		};
	},
	write(settings) {
		const params = new URLSearchParams();
		for (const message of settings.messages) params.append('m', message);
		params.set('type', settings.type);
		params.set('read', String(settings.readSize));
		params.set('loss', String(settings.loss));
		params.set('reorder', String(settings.reorder));
		params.set('dup', String(settings.duplicate));
		params.set('mtu', String(settings.mtu));
		params.set('seed', String(settings.seed));
		if (settings.compare) params.set('compare', '1');
		return params;
	}
};
