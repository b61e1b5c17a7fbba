/**
 * Where each HTTP/1.1 message of a byte stream begins and ends (RFC 9112 §6): a persistent
 * connection carries one message after another each way, and only the framing rules tell where
 * a body stops — Content-Length, the chunked coding (§7.1), no body at all (a HEAD answer, 1xx,
 * 204, 304), or the close of the connection. A 101 answer or a 2xx answer to CONNECT hands the
 * rest of the stream to another protocol.
 *
 * Reads bytes as they were captured, so it never throws: a message cut short is reported as
 * incomplete, and a length it cannot work out stops the reading with a located problem, since
 * nothing after that point can be placed (§6.3 items 4 and 5 call such a message unrecoverable).
 */
import { parseHttpMessage, type ParsedHttp } from './message';
import { framingText } from './framing-text';

/** How a message's body is delimited (RFC 9112 §6.3). */
export type BodyFraming = 'none' | 'content-length' | 'chunked' | 'until-close';

/** Why a stream could not be read further, or what is odd about a message. */
export type FramingProblem =
	| { code: 'no-head'; offset: number }
	| { code: 'head-too-long'; offset: number; limit: number }
	| { code: 'bad-content-length'; offset: number; value: string }
	| { code: 'te-and-cl'; offset: number }
	| { code: 'request-te-not-chunked'; offset: number; value: string }
	| { code: 'bad-chunk-size'; offset: number; line: string }
	| { code: 'bad-chunk-end'; offset: number }
	| { code: 'switched'; offset: number; status: number }
	| { code: 'too-many'; offset: number; limit: number };

/** One message found in the stream; offsets count bytes from the start of the stream. */
export interface HttpMessageSpan {
	/** 0-based position among the messages of this stream. */
	index: number;
	kind: 'request' | 'response';
	/** First byte of the start line (after any empty lines a request may be preceded by). */
	start: number;
	/** Just past the empty line that ends the head. */
	headEnd: number;
	/** Just past the last byte of the message (its body, chunks and trailers included). */
	end: number;
	head: ParsedHttp;
	framing: BodyFraming;
	/** The body's length once decoded: the sum of the chunk sizes for chunked bodies. */
	bodyLength: number;
	/** The chunk sizes, in order, for a chunked body (the final 0 left out). */
	chunks?: number[];
	/** False when the stream ends before the message does. */
	complete: boolean;
	/** The request this response answers (its index among the requests), if known. */
	answers?: number;
	/** Something about this message's framing a reader should know (it was still read). */
	note?: FramingProblem;
	/** The words for `note`. */
	noteText?: string;
}

export interface HttpStreamReading {
	messages: HttpMessageSpan[];
	/** Offset where reading stopped: the stream's length when every byte was placed. */
	stoppedAt: number;
	/** Why reading stopped early, if it did. */
	stop?: FramingProblem;
	stopText?: string;
}

export interface SplitOptions {
	/**
	 * The request methods of the other direction, in order, so that a response knows it answers
	 * a HEAD (no body) or a CONNECT (a 2xx starts a tunnel). Missing entries count as GET.
	 */
	methods?: readonly (string | undefined)[];
	/** The most messages read (default 10,000). */
	limit?: number;
}

/** The most bytes of a head (start line and fields) read before giving up on it. */
export const HEAD_LIMIT = 64 * 1024;
const MESSAGE_LIMIT = 10_000;

const latin1 = new TextDecoder('latin1');

/** Index just past the empty line ending a head that starts at `from`, or -1. */
function findHeadEnd(bytes: Uint8Array, from: number): number {
	const limit = Math.min(bytes.length, from + HEAD_LIMIT);
	for (let i = from; i < limit; i++) {
		if (bytes[i] !== 0x0a) continue;
		if (bytes[i + 1] === 0x0a) return i + 2;
		if (bytes[i + 1] === 0x0d && bytes[i + 2] === 0x0a) return i + 3;
	}
	return -1;
}

/** The line starting at `from` (without its CRLF or LF) and the offset after it, or null. */
function readLine(bytes: Uint8Array, from: number): { text: string; next: number } | null {
	const nl = bytes.indexOf(0x0a, from);
	if (nl < 0) return null;
	const end = nl > from && bytes[nl - 1] === 0x0d ? nl - 1 : nl;
	return { text: latin1.decode(bytes.subarray(from, end)), next: nl + 1 };
}

type Chunked =
	| { ok: true; end: number; chunks: number[]; complete: boolean }
	| { ok: false; problem: FramingProblem };

/** Reads a chunked body (RFC 9112 §7.1) starting at `from`. */
function readChunked(bytes: Uint8Array, from: number): Chunked {
	const chunks: number[] = [];
	let at = from;
	for (;;) {
		const line = readLine(bytes, at);
		if (!line) return { ok: true, end: bytes.length, chunks, complete: false };
		const size = /^([0-9A-Fa-f]{1,16})[ \t]*(?:;.*)?$/.exec(line.text);
		if (!size)
			return { ok: false, problem: { code: 'bad-chunk-size', offset: at, line: line.text } };
		const length = parseInt(size[1], 16);
		if (!Number.isSafeInteger(length)) {
			return { ok: false, problem: { code: 'bad-chunk-size', offset: at, line: line.text } };
		}
		at = line.next;
		if (length === 0) {
			// Trailer fields, then the empty line that ends the message.
			for (;;) {
				const trailer = readLine(bytes, at);
				if (!trailer) return { ok: true, end: bytes.length, chunks, complete: false };
				at = trailer.next;
				if (trailer.text === '') return { ok: true, end: at, chunks, complete: true };
			}
		}
		chunks.push(length);
		if (at + length > bytes.length) return { ok: true, end: bytes.length, chunks, complete: false };
		at += length;
		if (at >= bytes.length) return { ok: true, end: bytes.length, chunks, complete: false };
		if (bytes[at] === 0x0d && bytes[at + 1] === 0x0a) at += 2;
		else if (bytes[at] === 0x0a) at += 1;
		else if (bytes[at] === 0x0d && at + 1 >= bytes.length) {
			return { ok: true, end: bytes.length, chunks, complete: false };
		} else return { ok: false, problem: { code: 'bad-chunk-end', offset: at } };
	}
}

/** The Content-Length of a head: one valid value (repeats of the same value are allowed, §8.6). */
function contentLength(head: ParsedHttp): { value?: number; bad?: string } {
	const values = head.get('content-length');
	if (values.length === 0) return {};
	const items = values.flatMap((v) => v.split(',')).map((v) => v.trim());
	const first = items[0];
	if (!/^\d+$/.test(first) || items.some((v) => v !== first)) return { bad: values.join(', ') };
	const value = Number(first);
	return Number.isSafeInteger(value) ? { value } : { bad: values.join(', ') };
}

/** The last transfer coding named, lower-cased, or undefined without Transfer-Encoding. */
function finalCoding(head: ParsedHttp): { value: string; last: string } | undefined {
	const values = head.get('transfer-encoding');
	if (values.length === 0) return undefined;
	const codings = values
		.flatMap((v) => v.split(','))
		.map((v) => v.trim().split(';')[0].trim().toLowerCase())
		.filter((v) => v !== '');
	return { value: values.join(', '), last: codings[codings.length - 1] ?? '' };
}

function stopWith(reading: HttpStreamReading, problem: FramingProblem): HttpStreamReading {
	reading.stop = problem;
	reading.stopText = framingText(problem);
	reading.stoppedAt = problem.offset;
	return reading;
}

/**
 * Splits one direction of an HTTP/1.1 connection into its messages. `kind` says which side the
 * stream is: the client's requests or the server's responses. Never throws.
 */
export function splitHttpMessages(
	bytes: Uint8Array,
	kind: 'request' | 'response',
	options: SplitOptions = {}
): HttpStreamReading {
	const methods = options.methods ?? [];
	const limit = options.limit ?? MESSAGE_LIMIT;
	const reading: HttpStreamReading = { messages: [], stoppedAt: bytes.length };
	let at = 0;
	let request = 0;
	while (at < bytes.length) {
		// A server ought to ignore empty lines before a request-line (RFC 9112 §2.2).
		if (kind === 'request') {
			while (bytes[at] === 0x0d || bytes[at] === 0x0a) at++;
			if (at >= bytes.length) break;
		}
		if (reading.messages.length >= limit) {
			return stopWith(reading, { code: 'too-many', offset: at, limit });
		}
		const headEnd = findHeadEnd(bytes, at);
		const headText = latin1.decode(
			bytes.subarray(at, headEnd < 0 ? Math.min(bytes.length, at + HEAD_LIMIT) : headEnd)
		);
		const head = parseHttpMessage(headText);
		if (head.kind !== kind || head.startLine !== 1) {
			return stopWith(reading, { code: 'no-head', offset: at });
		}
		if (headEnd < 0) {
			if (bytes.length - at >= HEAD_LIMIT) {
				return stopWith(reading, { code: 'head-too-long', offset: at, limit: HEAD_LIMIT });
			}
			reading.messages.push({
				index: reading.messages.length,
				kind,
				start: at,
				headEnd: bytes.length,
				end: bytes.length,
				head,
				framing: 'none',
				bodyLength: 0,
				complete: false,
				...(kind === 'response' ? { answers: request } : {})
			});
			break;
		}
		const span: HttpMessageSpan = {
			index: reading.messages.length,
			kind,
			start: at,
			headEnd,
			end: headEnd,
			head,
			framing: 'none',
			bodyLength: 0,
			complete: true
		};
		const status = head.status ?? 0;
		const method = (methods[request] ?? 'GET').toUpperCase();
		if (kind === 'response') span.answers = request;
		const coding = finalCoding(head);
		const length = contentLength(head);
		const noBody =
			kind === 'response' &&
			(method === 'HEAD' || (status >= 100 && status < 200) || status === 204 || status === 304);
		const tunnel = kind === 'response' && method === 'CONNECT' && status >= 200 && status < 300;
		reading.messages.push(span);
		if (noBody || tunnel) {
			if (status === 101 || tunnel) {
				at = headEnd;
				if (at < bytes.length) return stopWith(reading, { code: 'switched', offset: at, status });
				break;
			}
			// An interim 1xx answer is followed by the final answer to the same request.
			if (!(status >= 100 && status < 200)) request++;
			at = headEnd;
			continue;
		}
		if (coding) {
			if (length.value !== undefined || length.bad !== undefined) {
				span.note = { code: 'te-and-cl', offset: at };
				span.noteText = framingText(span.note);
			}
			if (coding.last === 'chunked') {
				const chunked = readChunked(bytes, headEnd);
				if (!chunked.ok) {
					span.framing = 'chunked';
					span.complete = false;
					span.end = chunked.problem.offset;
					return stopWith(reading, chunked.problem);
				}
				span.framing = 'chunked';
				span.chunks = chunked.chunks;
				span.bodyLength = chunked.chunks.reduce((sum, n) => sum + n, 0);
				span.end = chunked.end;
				span.complete = chunked.complete;
			} else if (kind === 'request') {
				return stopWith(reading, {
					code: 'request-te-not-chunked',
					offset: at,
					value: coding.value
				});
			} else {
				span.framing = 'until-close';
				span.end = bytes.length;
				span.bodyLength = bytes.length - headEnd;
			}
		} else if (length.bad !== undefined) {
			return stopWith(reading, { code: 'bad-content-length', offset: at, value: length.bad });
		} else if (length.value !== undefined) {
			span.framing = 'content-length';
			span.bodyLength = length.value;
			span.end = headEnd + length.value;
			if (span.end > bytes.length) {
				span.end = bytes.length;
				span.complete = false;
			}
		} else if (kind === 'response') {
			span.framing = 'until-close';
			span.end = bytes.length;
			span.bodyLength = bytes.length - headEnd;
		}
		if (kind === 'request' || !(status >= 100 && status < 200)) request++;
		if (!span.complete) break;
		at = span.end;
	}
	return reading;
}

/** The methods of a request stream's messages, in order, for splitting the responses. */
export function requestMethods(requests: HttpStreamReading): (string | undefined)[] {
	return requests.messages.map((m) => m.head.method);
}
