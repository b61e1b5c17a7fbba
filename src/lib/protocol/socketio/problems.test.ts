import { describe, expect, it } from 'vitest';
import { decodeText, type KindChoice } from './index';
import { SOCKETIO_PROBLEM_CODES, SOCKETIO_PROBLEMS, type SocketIoProblemCode } from './problems';
import { PROBLEM_TEXT } from './socketio-text';

/** An input that raises each problem, so no code in the table is dead. */
const SAMPLES: Record<SocketIoProblemCode, [string, KindChoice]> = {
	EIO_EMPTY: ['', 'engine.io-packet'],
	EIO_UNKNOWN_TYPE: ['9', 'engine.io-packet'],
	EIO_BASE64_LOOSE: ['bAQ', 'engine.io-packet'],
	EIO_HANDSHAKE_NOT_JSON: ['0', 'engine.io-packet'],
	EIO_HANDSHAKE_FIELD: ['0{}', 'engine.io-packet'],
	EIO_UNEXPECTED_DATA: ['5x', 'engine.io-packet'],
	SIO_UNKNOWN_TYPE: ['7', 'socket.io-packet'],
	SIO_ILLEGAL_ATTACHMENTS: ['5-[]', 'socket.io-packet'],
	SIO_TOO_MANY_ATTACHMENTS: ['699-[]', 'socket.io-packet'],
	SIO_INVALID_JSON: ['2[', 'socket.io-packet'],
	SIO_CONNECT_PAYLOAD: ['0"x"', 'socket.io-packet'],
	SIO_DISCONNECT_PAYLOAD: ['1[]', 'socket.io-packet'],
	SIO_EVENT_PAYLOAD: ['2[]', 'socket.io-packet'],
	SIO_RESERVED_EVENT: ['2["connect"]', 'socket.io-packet'],
	SIO_ACK_PAYLOAD: ['3"x"', 'socket.io-packet'],
	SIO_CONNECT_ERROR_PAYLOAD: ['4[]', 'socket.io-packet'],
	SIO_PLACEHOLDER_INVALID: ['61-[{"_placeholder":true,"num":-1}]', 'socket.io-packet'],
	SIO_EMPTY: ['', 'socket.io-packet'],
	SIO_TYPE_WHITESPACE: ['\t', 'socket.io-packet'],
	SIO_LOOSE_ATTACHMENTS: ['601-[{"_placeholder":true,"num":0}]', 'socket.io-packet'],
	SIO_NAMESPACE_WITHOUT_COMMA: ['1/a', 'socket.io-packet'],
	SIO_ID_NOT_DIGITS: ['3 1[]', 'socket.io-packet'],
	SIO_ID_UNSAFE: ['318014398509481985[]', 'socket.io-packet'],
	SIO_NO_DATA: ['2', 'socket.io-packet'],
	SIO_NUMERIC_EVENT_NAME: ['2[0]', 'socket.io-packet'],
	SIO_CONNECT_ERROR_STRING: ['4"no"', 'socket.io-packet'],
	SIO_ATTACHMENT_UNUSED: ['61-[]', 'socket.io-packet']
};

describe('the problem table', () => {
	it('cites an Engine.IO or Socket.IO source for every problem', () => {
		for (const code of SOCKETIO_PROBLEM_CODES) {
			expect(SOCKETIO_PROBLEMS[code].source).toMatch(
				/^(Engine\.IO protocol v4|Socket\.IO protocol v5|socket\.io-parser|engine\.io-parser)/
			);
		}
	});

	for (const code of SOCKETIO_PROBLEM_CODES) {
		it(`raises ${code} with its sentence and severity`, () => {
			const [text, kind] = SAMPLES[code];
			const problem = decodeText(text, kind).problems.find((p) => p.code === code);
			expect(problem, `${JSON.stringify(text)} raises ${code}`).toBeDefined();
			expect(problem!.severity).toBe(SOCKETIO_PROBLEMS[code].severity);
			expect(problem!.message.length).toBeGreaterThan(0);
			expect(PROBLEM_TEXT[code]).toBeTypeOf('function');
		});
	}
});
