/**
 * A followed TCP connection read as a conversation: the HTTP heads that open it (and, for a
 * WebSocket connection, the handshake checks and the permessage-deflate settings the response
 * negotiated), then every WebSocket frame of both directions decoded with those settings and
 * placed in time order by the packet that completed it (as Wireshark shows a frame in the
 * packet where its last byte arrives).
 *
 * Pure: the stream bytes come from `followTcp`; nothing here reads the clock or the DOM.
 */
import { parseHttpMessage, type ParsedHttp } from '../http/message';
import { decodeFrames, type DecodedFrame, type DecodeResult, type Sender } from '../websocket';
import type { Check } from '../websocket/check';
import { DEFLATE, parseExtensionHeaders } from '../websocket/extensions';
import { checkHandshake } from '../websocket/handshake';
import type { ByteStream, StreamChunk, TcpConnection } from './follow-types';

/** 0: client → server, 1: server → client. */
export type Direction = 0 | 1;

export const SENDERS: readonly [Sender, Sender] = ['client', 'server'];

/** The permessage-deflate settings a response negotiated (RFC 7692 §7.1), or false. */
export type NegotiatedDeflate =
	| false
	| {
			/** client_no_context_takeover: the client resets its window after each message. */
			clientNoContextTakeover: boolean;
			/** server_no_context_takeover. */
			serverNoContextTakeover: boolean;
	  };

/** One frame of the conversation, where it sits in its stream and which packet completed it. */
export interface ConversationFrame {
	direction: Direction;
	/** The frame as decoded; its `index` and `offset` count within its own direction. */
	frame: DecodedFrame;
	/** The frame's bytes on the wire. */
	bytes: Uint8Array;
	/** Index of the packet that carried its last byte, and that packet's time (ns). */
	packet: number;
	time: bigint;
}

/** A WebSocket connection read end to end. */
export interface WebSocketConversation {
	request?: ParsedHttp;
	response?: ParsedHttp;
	/** The request and response heads as text (for the checker and for showing them). */
	requestText?: string;
	responseText?: string;
	/** Every check of the handshake checker, request then response. */
	checks: Check[];
	deflate: NegotiatedDeflate;
	/** The decoder's result for each direction: [client → server, server → client]. */
	directions: [DecodeResult, DecodeResult];
	/** The bytes each direction's frames were decoded from (frame offsets count in these). */
	inputs: [Uint8Array, Uint8Array];
	/** Both directions' frames in time order (ties: the earlier packet, then the client). */
	frames: ConversationFrame[];
	/**
	 * Bytes not decoded because the capture misses some before them: for each direction, where
	 * the first gap is in `ByteStream.bytes` (frames after a gap cannot be told apart).
	 */
	stoppedAtGap: [number | undefined, number | undefined];
}

// HTTP heads are ASCII; any other byte stays one character.
const decoder = new TextDecoder('latin1');
export const latin1 = (bytes: Uint8Array) => decoder.decode(bytes);

/** The chunk holding byte `offset` of a stream's `bytes` (binary search), if any. */
export function chunkAt(stream: ByteStream, offset: number): StreamChunk | undefined {
	const chunks = stream.chunks;
	let low = 0;
	let high = chunks.length - 1;
	while (low <= high) {
		const mid = (low + high) >> 1;
		const chunk = chunks[mid];
		if (offset < chunk.offset) high = mid - 1;
		else if (offset >= chunk.offset + chunk.length) low = mid + 1;
		else return chunk;
	}
	return undefined;
}

/** What the response's Sec-WebSocket-Extensions accepted of permessage-deflate. */
export function negotiatedDeflate(response: ParsedHttp | undefined): NegotiatedDeflate {
	if (!response || response.status !== 101) return false;
	const headers = response.headers.filter(
		(h) => h.name.toLowerCase() === 'sec-websocket-extensions'
	);
	const item = parseExtensionHeaders(headers).items.find((i) => i.name === DEFLATE);
	if (!item) return false;
	const has = (name: string) => item.params.some((p) => p.name === name);
	return {
		clientNoContextTakeover: has('client_no_context_takeover'),
		serverNoContextTakeover: has('server_no_context_takeover')
	};
}

/** The bytes of one direction after its HTTP head, up to the first gap. */
function framesPart(stream: ByteStream, start: number): { bytes: Uint8Array; gap?: number } {
	const gap = stream.gaps.find((g) => g.offset >= start)?.offset;
	return { bytes: stream.bytes.subarray(start, gap ?? stream.bytes.length), gap };
}

/**
 * Reads a WebSocket connection: heads, checks, negotiated deflate, and the frames of both
 * directions in time order. Never throws; a connection without heads decodes from byte 0.
 */
export function websocketConversation(connection: TcpConnection): WebSocketConversation {
	const [up, down] = connection.streams;
	const requestEnd = connection.http?.requestEnd;
	const responseEnd = connection.http?.responseEnd;
	const requestText =
		requestEnd === undefined ? undefined : latin1(up.bytes.subarray(0, requestEnd));
	const responseText =
		responseEnd === undefined ? undefined : latin1(down.bytes.subarray(0, responseEnd));
	const request = requestText === undefined ? undefined : parseHttpMessage(requestText);
	const response = responseText === undefined ? undefined : parseHttpMessage(responseText);
	const checks =
		requestText === undefined && responseText === undefined
			? []
			: checkHandshake({ request: requestText, response: responseText });
	const deflate = negotiatedDeflate(response);

	const starts = [requestEnd ?? 0, responseEnd ?? 0] as const;
	const stoppedAtGap: [number | undefined, number | undefined] = [undefined, undefined];
	const inputs: [Uint8Array, Uint8Array] = [new Uint8Array(), new Uint8Array()];
	const frames: ConversationFrame[] = [];
	const directions = ([0, 1] as const).map((direction) => {
		const stream = connection.streams[direction];
		const start = starts[direction];
		const part = framesPart(stream, start);
		stoppedAtGap[direction] = part.gap;
		inputs[direction] = part.bytes;
		const noContextTakeover = deflate
			? direction === 0
				? deflate.clientNoContextTakeover
				: deflate.serverNoContextTakeover
			: false;
		const result = decodeFrames(part.bytes, {
			from: SENDERS[direction],
			permessageDeflate: deflate ? { noContextTakeover } : false
		});
		for (const frame of result.frames) {
			const last = start + frame.offset + Math.max(frame.length, 1) - 1;
			const chunk = chunkAt(stream, last) ?? stream.chunks[stream.chunks.length - 1];
			frames.push({
				direction,
				frame,
				bytes: part.bytes.subarray(frame.offset, frame.offset + frame.length),
				packet: chunk?.packet ?? -1,
				time: chunk?.time ?? connection.start
			});
		}
		return result;
	}) as [DecodeResult, DecodeResult];

	frames.sort(
		(a, b) =>
			(a.time < b.time ? -1 : a.time > b.time ? 1 : 0) ||
			a.packet - b.packet ||
			a.direction - b.direction ||
			a.frame.index - b.frame.index
	);
	return {
		request,
		response,
		requestText,
		responseText,
		checks,
		deflate,
		directions,
		inputs,
		frames,
		stoppedAtGap
	};
}

/** How a connection ended, for the teardown: each side's FIN, the RST, and who closed first. */
export interface Teardown {
	fins: { direction: Direction; packet: number }[];
	rst?: { direction: Direction; packet: number };
	/** The side whose FIN or RST came first, if any did. */
	first?: Direction;
}

export function teardown(connection: TcpConnection): Teardown {
	const fins = ([0, 1] as const)
		.filter((d) => connection.streams[d].fin !== undefined)
		.map((d) => ({ direction: d, packet: connection.streams[d].fin!.packet }))
		.sort((a, b) => a.packet - b.packet);
	const rst = connection.rst
		? { direction: connection.rst.from, packet: connection.rst.packet }
		: undefined;
	const candidates = [...fins, ...(rst ? [rst] : [])].sort((a, b) => a.packet - b.packet);
	return { fins, rst, first: candidates[0]?.direction };
}

/** The HTTP heads at the start of a non-WebSocket connection's two streams, if recognised. */
export function httpHeads(connection: TcpConnection): {
	request?: ParsedHttp;
	response?: ParsedHttp;
} {
	const [up, down] = connection.streams;
	const requestEnd = connection.http?.requestEnd;
	const responseEnd = connection.http?.responseEnd;
	return {
		request:
			requestEnd === undefined
				? undefined
				: parseHttpMessage(latin1(up.bytes.subarray(0, requestEnd))),
		response:
			responseEnd === undefined
				? undefined
				: parseHttpMessage(latin1(down.bytes.subarray(0, responseEnd)))
	};
}

/** Bytes shown as text when every one is printable ASCII or a tab or line break; else as hex. */
export function streamPreview(
	bytes: Uint8Array,
	limit: number
): { kind: 'text' | 'hex'; text: string; shown: number } {
	const shown = Math.min(bytes.length, limit);
	const part = bytes.subarray(0, shown);
	const printable = part.every(
		(b) => (b >= 0x20 && b < 0x7f) || b === 0x09 || b === 0x0a || b === 0x0d
	);
	if (printable) return { kind: 'text', text: latin1(part), shown };
	const lines: string[] = [];
	for (let i = 0; i < part.length; i += 16) {
		lines.push(
			Array.from(part.subarray(i, i + 16), (b) => b.toString(16).padStart(2, '0')).join(' ')
		);
	}
	return { kind: 'hex', text: lines.join('\n'), shown };
}

/**
 * The bytes a Frame Decoder link needs to decode `item` alone: the frame itself, or, when its
 * direction keeps its compression context and the frame belongs to a compressed message, every
 * frame of that direction up to it (the inflater needs the messages before it, RFC 7692 §7.2.3).
 */
export function decoderBytes(
	conversation: WebSocketConversation,
	item: ConversationFrame
): { bytes: Uint8Array; from: Sender; withContext: boolean } {
	const { deflate } = conversation;
	const from = SENDERS[item.direction];
	const keepsContext =
		deflate !== false &&
		!(item.direction === 0 ? deflate.clientNoContextTakeover : deflate.serverNoContextTakeover);
	const result = conversation.directions[item.direction];
	const message =
		item.frame.message === undefined ? undefined : result.messages[item.frame.message];
	const compressedBefore = result.messages
		.slice(0, item.frame.message ?? 0)
		.some((m) => m.compressed);
	if (keepsContext && message?.compressed && compressedBefore) {
		const input = conversation.inputs[item.direction];
		return {
			bytes: input.subarray(0, item.frame.offset + item.frame.length),
			from,
			withContext: true
		};
	}
	if (message && message.frames.length > 1) {
		// A fragment decodes as part of its message: every frame of the message up to this one.
		const first = result.frames[message.frames[0]];
		const input = conversation.inputs[item.direction];
		return {
			bytes: input.subarray(first.offset, item.frame.offset + item.frame.length),
			from,
			withContext: false
		};
	}
	return { bytes: item.bytes, from, withContext: false };
}
