/**
 * An HTTP/1.1 connection of a capture, message by message: each direction's bytes split by the
 * framing rules (`http/framing.ts`), responses paired with the requests they answer, everything
 * in time order with the packet that carried each message's first byte. A direction is read up
 * to its first gap only: after bytes that were not captured nothing can be placed.
 */
import {
	requestMethods,
	splitHttpMessages,
	type HttpMessageSpan,
	type HttpStreamReading
} from '../http/framing';
import { chunkAt, latin1, type Direction } from './conversation';
import type { TcpConnection } from './follow-types';

export interface HttpConversationMessage {
	direction: Direction;
	span: HttpMessageSpan;
	/** The head as text (start line, fields and the empty line). */
	headText: string;
	/** The body bytes as sent (chunk framing included for a chunked body). */
	body: Uint8Array;
	/** The packet carrying the message's first byte, and its time. */
	packet: number;
	time: bigint;
}

export interface HttpConversation {
	messages: HttpConversationMessage[];
	readings: [HttpStreamReading, HttpStreamReading];
	/** Where each direction stopped at a gap of uncaptured bytes, if it did. */
	stoppedAtGap: [number | undefined, number | undefined];
	/** The bytes after each direction's last placed message (after a 101, a stop or a gap). */
	rest: [Uint8Array, Uint8Array];
}

/** Splits both directions of an HTTP/1.1 connection into messages, in time order. */
export function httpConversation(connection: TcpConnection): HttpConversation {
	const parts = connection.streams.map((stream) => {
		const gap = stream.gaps[0]?.offset;
		return { bytes: stream.bytes.subarray(0, gap ?? stream.bytes.length), gap };
	});
	const requests = splitHttpMessages(parts[0].bytes, 'request');
	const responses = splitHttpMessages(parts[1].bytes, 'response', {
		methods: requestMethods(requests)
	});
	const readings: [HttpStreamReading, HttpStreamReading] = [requests, responses];
	const messages: HttpConversationMessage[] = [];
	for (const direction of [0, 1] as const) {
		const stream = connection.streams[direction];
		for (const span of readings[direction].messages) {
			const chunk = chunkAt(stream, span.start);
			messages.push({
				direction,
				span,
				headText: latin1(stream.bytes.subarray(span.start, span.headEnd)),
				body: stream.bytes.subarray(span.headEnd, span.end),
				packet: chunk?.packet ?? -1,
				time: chunk?.time ?? connection.start
			});
		}
	}
	messages.sort(
		(a, b) =>
			(a.time < b.time ? -1 : a.time > b.time ? 1 : 0) ||
			a.packet - b.packet ||
			a.direction - b.direction ||
			a.span.index - b.span.index
	);
	const rest = ([0, 1] as const).map((d) => {
		const reading = readings[d];
		const last = reading.messages.at(-1);
		const from = reading.stop ? reading.stoppedAt : (last?.end ?? 0);
		return parts[d].bytes.subarray(Math.min(from, parts[d].bytes.length));
	}) as [Uint8Array, Uint8Array];
	return { messages, readings, stoppedAtGap: [parts[0].gap, parts[1].gap], rest };
}
