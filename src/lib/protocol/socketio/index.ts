/**
 * Engine.IO v4 and Socket.IO v5, decoded: one entry point per kind of text, and `decodeText`
 * for the tools, which also guesses the kind. See engineio.ts and socketio.ts.
 */
import type { Verdict } from '../examples';
import {
	decodeEngineIoPacket,
	decodeEngineIoPayload,
	SEPARATOR,
	type EngineIoDecoding,
	type EngineIoPayloadDecoding
} from './engineio';
import { decodeSocketIoPacket, type SocketIoDecoding } from './socketio';

export * from './engineio';
export * from './problems';
export { decodeSocketIoPacket, MAX_ATTACHMENTS, readSocketIo } from './socketio';
export type { SocketIoDecoding, SocketIoPacket, SocketIoReading } from './socketio';
export { ENGINE_IO_TYPES, RESERVED_EVENTS, SOCKET_IO_TYPES } from './socketio-text';
export type { EngineIoType, SocketIoTypeName } from './socketio-text';
export { charSpan, type EncodedText } from './text-bytes';

/** What a text is read as. */
export type TextKind = 'engine.io-packet' | 'engine.io-payload' | 'socket.io-packet';
/** What the tools offer: a kind, or `auto` to guess. */
export type KindChoice = TextKind | 'auto';
export const KIND_CHOICES: readonly KindChoice[] = [
	'auto',
	'engine.io-packet',
	'engine.io-payload',
	'socket.io-packet'
];

/** Any of the three decodings. */
export type SocketIoTextDecoding = EngineIoDecoding | EngineIoPayloadDecoding | SocketIoDecoding;

/**
 * Decodes `text` as `kind`; Engine.IO messages are read as Socket.IO packets. `auto` reads text
 * with a record separator as a polling payload, and other text as an Engine.IO packet, unless
 * that finds problems and reading it as a bare Socket.IO packet finds none (`0/admin,{…}`,
 * `2["foo"]` copied from the protocol's tables).
 */
export function decodeText(text: string, kind: KindChoice): SocketIoTextDecoding {
	if (kind === 'engine.io-packet') return decodeEngineIoPacket(text, { socketIo: true });
	if (kind === 'engine.io-payload') return decodeEngineIoPayload(text, { socketIo: true });
	if (kind === 'socket.io-packet') return decodeSocketIoPacket(text);
	if (text.includes(SEPARATOR)) return decodeEngineIoPayload(text, { socketIo: true });
	const engine = decodeEngineIoPacket(text, { socketIo: true });
	if (engine.problems.length === 0) return engine;
	const socket = decodeSocketIoPacket(text);
	return socket.problems.length === 0 ? socket : engine;
}

/** The verdict a gallery states: the error codes, or the warning codes. */
export function socketIoVerdict(decoding: SocketIoTextDecoding): Verdict {
	const errors = decoding.problems.filter((p) => p.severity === 'error').map((p) => p.code);
	if (errors.length > 0) return { ok: false, failing: errors };
	return { ok: true, warnings: decoding.problems.map((p) => p.code) };
}

/** One line per packet of a decoding. */
export function summariesOf(decoding: SocketIoTextDecoding): string[] {
	return decoding.kind === 'engine.io-payload' ? decoding.summaries : [decoding.summary];
}
