import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
	KERNEL_RUN_LIMITS,
	describeJsonSyntaxError,
	findJsonSyntaxError,
	kernelReadBytes,
	kernelRunErrorMessage,
	kernelRunNotes,
	parseKernelRunRequest,
	parseKernelRunResult,
	utf8Length,
	type KernelRunResult
} from './kernel-run';

// The oracles here are Node's own: TextEncoder for UTF-8 lengths, Buffer for base64, JSON.parse
// for what is JSON.
const utf8 = (text: string) => new TextEncoder().encode(text);
const base64 = (text: string) => Buffer.from(text, 'utf8').toString('base64');

const good = { type: 'stream', messages: ['LOGIN alice\n', 'PASS secret\n'], readSize: 5 };

/** The refusal for `json`, failing the test if it was accepted. */
function refusal(json: unknown) {
	const parsed = parseKernelRunRequest(json);
	if (parsed.ok) throw new Error(`accepted ${JSON.stringify(json)}`);
	return parsed;
}

describe('parseKernelRunRequest', () => {
	it('accepts a stream or datagram request and hands back a copy of its messages', () => {
		const parsed = parseKernelRunRequest(good);
		expect(parsed).toEqual({ ok: true, request: good });
		if (parsed.ok) expect(parsed.request.messages).not.toBe(good.messages);
		expect(parseKernelRunRequest({ ...good, type: 'datagram', messages: [''] }).ok).toBe(true);
	});

	it('accepts the limits exactly, counting message sizes in UTF-8 bytes', () => {
		const { maxMessages, maxMessageBytes, maxReadSize } = KERNEL_RUN_LIMITS;
		// 'é' is 2 bytes in UTF-8 (U+00E9: 0xC3 0xA9), '𝄞' is 4 (a surrogate pair in UTF-16).
		const twoByte = 'é'.repeat(maxMessageBytes / 2);
		const fourByte = '𝄞'.repeat(maxMessageBytes / 4);
		expect(utf8(twoByte).length).toBe(maxMessageBytes);
		expect(utf8(fourByte).length).toBe(maxMessageBytes);
		for (const message of [twoByte, fourByte]) {
			expect(parseKernelRunRequest({ ...good, messages: [message] }).ok).toBe(true);
		}
		const many = Array.from({ length: maxMessages }, () => 'x');
		expect(parseKernelRunRequest({ ...good, messages: many, readSize: maxReadSize }).ok).toBe(true);
		expect(parseKernelRunRequest({ ...good, readSize: 1 }).ok).toBe(true);
	});

	it('refuses seqpacket, saying Node cannot open SOCK_SEQPACKET', () => {
		const refused = refusal({ ...good, type: 'seqpacket' });
		expect(refused.field).toBe('type');
		expect(refused.error).toMatch(/Node cannot open SOCK_SEQPACKET/);
	});

	it('refuses a missing or unknown type, naming the two it takes', () => {
		for (const type of [undefined, 'raw', 'STREAM', 1, null]) {
			const refused = refusal({ ...good, type });
			expect(refused.field).toBe('type');
			expect(refused.error).toMatch(/'stream' or 'datagram'/);
		}
	});

	it('refuses a body that is not an object, or has a field it does not know', () => {
		for (const body of [null, [], 'stream', 3, true]) expect(refusal(body).field).toBe('body');
		const extra = refusal({ ...good, readsize: 4 });
		expect(extra.field).toBe('body');
		expect(extra.error).toContain('"readsize"');
	});

	it('refuses messages that are missing, empty, too many, or not strings, with the index', () => {
		expect(refusal({ ...good, messages: undefined }).field).toBe('messages');
		expect(refusal({ ...good, messages: 'AB' }).error).toMatch(/array of strings/);
		expect(refusal({ ...good, messages: [] }).error).toMatch(/at least one/);
		const tooMany = Array.from({ length: KERNEL_RUN_LIMITS.maxMessages + 1 }, () => 'x');
		expect(refusal({ ...good, messages: tooMany }).error).toContain(
			String(KERNEL_RUN_LIMITS.maxMessages + 1)
		);
		const notString = refusal({ ...good, messages: ['a', 'b', 7] });
		expect(notString).toMatchObject({ field: 'messages', index: 2 });
		expect(notString.error).toContain('messages[2]');
	});

	it('refuses a message over the byte limit though its UTF-16 length is under it', () => {
		const text = 'é'.repeat(KERNEL_RUN_LIMITS.maxMessageBytes / 2 + 1);
		expect(text.length).toBeLessThan(KERNEL_RUN_LIMITS.maxMessageBytes);
		const refused = refusal({ ...good, messages: ['ok', text] });
		expect(refused).toMatchObject({ field: 'messages', index: 1 });
		expect(refused.error).toContain(`${utf8(text).length} bytes`);
	});

	it('refuses messages whose total is over the limit, each under its own', () => {
		const { maxMessageBytes, maxTotalBytes } = KERNEL_RUN_LIMITS;
		const count = Math.floor(maxTotalBytes / maxMessageBytes) + 1;
		expect(count).toBeLessThanOrEqual(KERNEL_RUN_LIMITS.maxMessages);
		const messages = Array.from({ length: count }, () => 'x'.repeat(maxMessageBytes));
		const refused = refusal({ ...good, messages });
		expect(refused.field).toBe('messages');
		expect(refused.error).toContain(`${count * maxMessageBytes} bytes`);
	});

	it('refuses a lone surrogate, which has no UTF-8 encoding, at its position', () => {
		// JSON can carry "\ud800" (RFC 8259 §8.2 says so), but no UTF-8 byte sequence stands for it.
		const refused = refusal(JSON.parse('{"type":"stream","messages":["ab\\ud800c"],"readSize":4}'));
		expect(refused).toMatchObject({ field: 'messages', index: 0 });
		expect(refused.error).toMatch(/lone surrogate \(\\ud800\) at character 2/);
		expect(refusal({ ...good, messages: ['\udc00'] }).field).toBe('messages');
	});

	it('refuses a read size that is not a whole number from 1 to the limit', () => {
		for (const readSize of [0, -1, 1.5, '4', null, undefined, KERNEL_RUN_LIMITS.maxReadSize + 1]) {
			const refused = refusal({ ...good, readSize });
			expect(refused.field).toBe('readSize');
			expect(refused.error).toContain(`from 1 to ${KERNEL_RUN_LIMITS.maxReadSize}`);
		}
	});

	it('never throws, whatever it is given', () => {
		fc.assert(
			fc.property(fc.anything(), (value) => {
				const parsed = parseKernelRunRequest(value);
				if (!parsed.ok) expect(parsed.error.length).toBeGreaterThan(0);
			})
		);
		fc.assert(
			fc.property(
				fc.record({
					type: fc.constantFrom('stream', 'datagram', 'seqpacket', 'x'),
					messages: fc.array(fc.oneof(fc.string({ unit: 'binary' }), fc.integer()), {
						maxLength: 40
					}),
					readSize: fc.oneof(fc.integer(), fc.double())
				}),
				(value) => {
					const parsed = parseKernelRunRequest(value);
					expect(typeof parsed.ok).toBe('boolean');
				}
			),
			{ numRuns: 300 }
		);
	});
});

describe('utf8Length', () => {
	it('counts the bytes TextEncoder writes, for any well-formed text', () => {
		fc.assert(
			fc.property(fc.string({ unit: 'binary' }), (text) => {
				expect(utf8Length(text)).toBe(utf8(text).length);
			})
		);
	});
});

describe('findJsonSyntaxError', () => {
	it('finds nothing in text JSON.parse accepts', () => {
		fc.assert(
			fc.property(fc.json(), (text) => {
				expect(findJsonSyntaxError(text)).toBeNull();
			})
		);
		expect(
			findJsonSyntaxError(' \t\r\n{ "a" : [ 1 , -2.5e+3 , "\\u00e9\\n" , true , null ] } ')
		).toBeNull();
	});

	it('finds an error in exactly the text JSON.parse rejects', () => {
		const isJson = (text: string) => {
			try {
				JSON.parse(text);
				return true;
			} catch {
				return false;
			}
		};
		const nearlyJson = fc
			.tuple(
				fc.json(),
				fc.nat(),
				fc.constantFrom('', ',', '}', ']', '"', ':', '\\', 'x', '01', '\n')
			)
			.map(([text, at, insert]) => {
				const i = at % (text.length + 1);
				return text.slice(0, i) + insert + text.slice(i);
			});
		fc.assert(
			fc.property(fc.oneof(nearlyJson, fc.string()), (text) => {
				expect(findJsonSyntaxError(text) === null).toBe(isJson(text));
			}),
			{ numRuns: 2000 }
		);
	});

	it('points at the offending character with its line and column', () => {
		const text = '{"type":"stream",}';
		const at = text.indexOf('}');
		expect(findJsonSyntaxError(text)).toEqual({
			index: at,
			line: 1,
			column: at + 1,
			expected: 'a property name in double quotes'
		});
		const lines = '{\n  "type": "stream"\n  "readSize": 4\n}';
		const quote = lines.indexOf('"readSize"');
		expect(findJsonSyntaxError(lines)).toMatchObject({
			index: quote,
			line: 3,
			column: quote - lines.lastIndexOf('\n', quote)
		});
		expect(findJsonSyntaxError('{"a":')).toMatchObject({ index: 5, expected: 'a value' });
		expect(findJsonSyntaxError('[1] 2')).toMatchObject({
			index: 4,
			expected: 'the end of the text'
		});
	});

	it('does not overflow the stack on deep nesting', () => {
		expect(findJsonSyntaxError('['.repeat(200_000))).toMatchObject({ index: 200_000 });
	});

	it('says where in a sentence', () => {
		expect(describeJsonSyntaxError(findJsonSyntaxError('{"a" 1}'))).toBe(
			"The body is not valid JSON: at line 1, column 6 (character 5) the parser expected ':'."
		);
		expect(describeJsonSyntaxError(null)).toBe('The body is not valid JSON.');
	});
});

describe('kernelRunNotes', () => {
	const stream = { type: 'stream' as const, readSize: 4, messages: 3, emptyMessages: 0 };
	const datagram = { ...stream, type: 'datagram' as const, arrived: 3, truncated: 0 };

	it('says plainly that loopback loses nothing and that Node has no SOCK_SEQPACKET', () => {
		for (const notes of [kernelRunNotes(stream), kernelRunNotes(datagram)]) {
			expect(notes.join(' ')).toMatch(/Loopback loses, reorders and duplicates nothing/);
			expect(notes.join(' ')).toMatch(/Node cannot open SOCK_SEQPACKET/);
		}
	});

	it('says the stream sender had Nagle off and one write() per message, and reads vary', () => {
		const text = kernelRunNotes(stream).join(' ');
		expect(text).toMatch(/Nagle\u2019s algorithm was off/);
		expect(text).toMatch(/its own write\(\)/);
		expect(text).toMatch(/4-byte buffer/);
		expect(text).toMatch(/depends on timing/);
		expect(kernelRunNotes({ ...stream, emptyMessages: 2 }).join(' ')).toMatch(
			/2 messages were empty: a write\(\) of 0 bytes sends nothing/
		);
	});

	it('says the server, not the kernel, cut datagrams to the read size', () => {
		const text = kernelRunNotes({ ...datagram, truncated: 1 }).join(' ');
		expect(text).toMatch(/cannot ask the kernel for a 4-byte recv\(\)/);
		expect(text).toMatch(
			/1 datagram was longer than 4 bytes and cut by the server, not by the kernel/
		);
		expect(kernelRunNotes({ ...datagram, emptyMessages: 1 }).join(' ')).toMatch(
			/1 message was empty and went out as a 0-byte datagram/
		);
		expect(kernelRunNotes({ ...datagram, arrived: 2, quietMs: 250 }).join(' ')).toMatch(
			/Only 2 of 3 datagrams arrived/
		);
	});
});

describe('parseKernelRunResult', () => {
	const result: KernelRunResult = {
		type: 'datagram',
		readSize: 3,
		reads: [
			{ data: base64('hel'), length: 3, truncated: true, discarded: 2 },
			{ data: '', length: 0, truncated: false, discarded: 0 }
		],
		notes: ['a note'],
		elapsedMs: 1.5
	};

	it('accepts what the server sends and decodes each read', () => {
		const parsed = parseKernelRunResult(JSON.parse(JSON.stringify(result)));
		expect(parsed).toEqual({ ok: true, result });
		if (!parsed.ok) return;
		expect(new TextDecoder().decode(kernelReadBytes(parsed.result.reads[0]))).toBe('hel');
		// `discarded` may be left out when nothing was.
		const plain = {
			...result,
			type: 'stream',
			reads: [{ data: base64('ab'), length: 2, truncated: false }]
		};
		expect(parseKernelRunResult(plain).ok).toBe(true);
	});

	it('refuses results that contradict themselves', () => {
		const bad = (change: Record<string, unknown>) =>
			parseKernelRunResult({ ...result, ...change }).ok;
		const read = (change: Record<string, unknown>) => ({
			reads: [{ ...result.reads[0], ...change }]
		});
		expect(bad({ type: 'seqpacket' })).toBe(false);
		expect(bad({ readSize: 0 })).toBe(false);
		expect(bad({ reads: 'x' })).toBe(false);
		expect(bad(read({ length: 4 }))).toBe(false);
		expect(bad(read({ data: 'not base64!' }))).toBe(false);
		expect(bad(read({ discarded: 0 }))).toBe(false);
		expect(bad(read({ truncated: 'yes' }))).toBe(false);
		expect(bad({ readSize: 2 })).toBe(false);
		expect(bad({ type: 'stream' })).toBe(false);
		expect(bad({ notes: [1] })).toBe(false);
		expect(bad({ elapsedMs: -1 })).toBe(false);
		expect(bad({ elapsedMs: undefined })).toBe(false);
	});

	it('never throws', () => {
		fc.assert(
			fc.property(fc.anything(), (value) => {
				expect(typeof parseKernelRunResult(value).ok).toBe('boolean');
			})
		);
	});
});

describe('kernelRunErrorMessage', () => {
	it('reads the reason of an error response, and nothing else', () => {
		expect(kernelRunErrorMessage({ error: 'readSize must be…', field: 'readSize' })).toBe(
			'readSize must be…'
		);
		for (const body of [null, 'x', {}, { error: '' }, { error: 3 }]) {
			expect(kernelRunErrorMessage(body)).toBeNull();
		}
	});
});
