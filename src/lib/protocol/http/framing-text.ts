/**
 * The sentences of the HTTP/1.1 message splitter (`framing.ts`): it finds where a message ends
 * or why it cannot tell, and this module words it, citing RFC 9112.
 */
import type { BodyFraming, FramingProblem } from './framing';
import { groupDigits } from '../bytes/text';

const at = (offset: number) => `at byte ${groupDigits(offset)}`;

export function framingText(problem: FramingProblem): string {
	switch (problem.code) {
		case 'no-head':
			return `No HTTP/1.1 start line ${at(problem.offset)}: what follows is not the next message, so the stream is not read further (RFC 9112 §2.1).`;
		case 'head-too-long':
			return `The head starting ${at(problem.offset)} has no empty line within ${groupDigits(problem.limit)} bytes, so it is not read as HTTP.`;
		case 'bad-content-length':
			return `Content-Length "${problem.value}" ${at(problem.offset)} is not one decimal length, so the body's end is unknown: RFC 9112 §6.3 calls this an unrecoverable error.`;
		case 'te-and-cl':
			return `This message has both Transfer-Encoding and Content-Length: Transfer-Encoding wins, and the message may be an attempt at request smuggling (RFC 9112 §6.3 item 3).`;
		case 'request-te-not-chunked':
			return `A request's Transfer-Encoding "${problem.value}" does not end in chunked, so its length cannot be known: a server answers 400 and closes (RFC 9112 §6.3 item 4).`;
		case 'bad-chunk-size':
			return `"${problem.line}" ${at(problem.offset)} is not a chunk size (hex digits, then optional ;extensions), so the chunked body cannot be followed (RFC 9112 §7.1).`;
		case 'bad-chunk-end':
			return `The chunk before byte ${groupDigits(problem.offset)} is not followed by CRLF, so its size was wrong (RFC 9112 §7.1).`;
		case 'switched':
			return problem.status === 101
				? `After the 101 answer the connection speaks the protocol it switched to (RFC 9110 §15.2.2), so the bytes from ${at(problem.offset).slice(3)} on are not HTTP/1.1.`
				: `After a 2xx answer to CONNECT the connection is a tunnel (RFC 9110 §9.3.6), so the bytes from ${at(problem.offset).slice(3)} on are not HTTP/1.1.`;
		case 'too-many':
			return `Only the first ${groupDigits(problem.limit)} messages are read.`;
	}
}

/** How a body is delimited, in words. */
export const FRAMING_WORDS: Record<BodyFraming, string> = {
	none: 'no body',
	'content-length': 'Content-Length',
	chunked: 'chunked',
	'until-close': 'until the connection closes'
};
