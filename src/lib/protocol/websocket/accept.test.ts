import { createHash, randomBytes } from 'node:crypto';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
	GUID,
	acceptSteps,
	computeAccept,
	diagnoseAccept,
	generateKey,
	inspectKey,
	type AcceptMistake
} from './accept';
import { RFC_ACCEPT, RFC_KEY, nodeAccept, passed, requestCheck } from './handshake-testing';

const sha1 = (data: string | Buffer) => createHash('sha1').update(data).digest();

describe('GUID', () => {
	it('is the GUID of RFC 6455 §1.3', () => {
		expect(GUID).toBe('258EAFA5-E914-47DA-95CA-C5AB0DC85B11');
	});
});

describe('computeAccept', () => {
	it('turns the RFC 6455 sample key into the accept value the RFC gives (§1.3)', () => {
		expect(computeAccept(RFC_KEY)).toBe(RFC_ACCEPT);
	});

	it("turns the seeds' example key into HSmrc0sMlYUkAGmm5OPpG2HaGWk=", () => {
		expect(computeAccept('x3JJHMbDL1EzLkh9GBhXDw==')).toBe('HSmrc0sMlYUkAGmm5OPpG2HaGWk=');
	});

	it('ignores whitespace around the key, as a server does', () => {
		expect(computeAccept(` \t${RFC_KEY}\r\n`)).toBe(RFC_ACCEPT);
	});

	it('agrees with node:crypto on random keys and on arbitrary strings', () => {
		for (let i = 0; i < 20; i++) {
			const key = randomBytes(16).toString('base64');
			expect(computeAccept(key)).toBe(nodeAccept(key));
		}
		fc.assert(
			fc.property(fc.string({ unit: 'grapheme', maxLength: 40 }), (text) => {
				const key = text.trim();
				expect(computeAccept(key)).toBe(nodeAccept(key));
			}),
			{ numRuns: 100 }
		);
	});

	it('returns at once: no promise, no WebCrypto', () => {
		expect(typeof computeAccept(RFC_KEY)).toBe('string');
	});
});

describe('acceptSteps', () => {
	it('shows the key, the concatenation, the SHA-1 in hex and the accept value for the RFC key', () => {
		const steps = acceptSteps(RFC_KEY);
		expect(steps.key).toBe(RFC_KEY);
		expect(steps.concatenated).toBe(`${RFC_KEY}258EAFA5-E914-47DA-95CA-C5AB0DC85B11`);
		expect(steps.sha1Hex).toBe('b37a4f2cc0624f1690f64606cf385945b2bec4ea');
		expect(steps.accept).toBe(RFC_ACCEPT);
		expect([...steps.sha1Bytes]).toHaveLength(20);
		expect(steps.hashed).toEqual(new TextEncoder().encode(steps.concatenated));
		expect(steps.hashed).toHaveLength(60);
	});

	it('has the same SHA-1 as node:crypto computes', () => {
		const steps = acceptSteps(RFC_KEY);
		const hex = createHash('sha1').update(steps.concatenated).digest('hex');
		expect(hex).toBe('b37a4f2cc0624f1690f64606cf385945b2bec4ea');
		expect(steps.sha1Hex).toBe(hex);
		expect(Buffer.from(steps.sha1Bytes).toString('hex')).toBe(hex);
	});

	it('shows the trimmed key it hashed', () => {
		expect(acceptSteps(`  ${RFC_KEY}\n`).key).toBe(RFC_KEY);
	});
});

describe('generateKey', () => {
	it('encodes 16 bytes as 24 characters of base64', () => {
		const bytes = Uint8Array.from({ length: 16 }, (_, i) => i);
		expect(generateKey(bytes)).toBe('AAECAwQFBgcICQoLDA0ODw==');
	});

	it('matches Buffer base64 for any 16 bytes, and its keys pass the key check', () => {
		fc.assert(
			fc.property(fc.uint8Array({ minLength: 16, maxLength: 16 }), (bytes) => {
				const key = generateKey(bytes);
				expect(key).toBe(Buffer.from(bytes).toString('base64'));
				passed(requestCheck('request.key', { 'Sec-WebSocket-Key': key }));
			})
		);
	});

	it('throws a RangeError for any length but 16, saying what it got', () => {
		for (const length of [0, 15, 17, 32]) {
			expect(() => generateKey(new Uint8Array(length))).toThrow(RangeError);
		}
		expect(() => generateKey(new Uint8Array(15))).toThrow(/got 15 bytes/);
		expect(() => generateKey('x' as unknown as Uint8Array)).toThrow(/got string/);
	});
});

describe('inspectKey', () => {
	it('accepts base64 of 16 bytes and shows the bytes', () => {
		const verdict = inspectKey('x3JJHMbDL1EzLkh9GBhXDw==');
		expect(verdict).toMatchObject({ ok: true, severity: 'info' });
		expect(verdict.bytes).toEqual(
			new Uint8Array(Buffer.from('x3JJHMbDL1EzLkh9GBhXDw==', 'base64'))
		);
		expect(verdict.message).toContain(
			Buffer.from('x3JJHMbDL1EzLkh9GBhXDw==', 'base64').toString('hex')
		);
	});

	it('notes that the RFC sample key is not random', () => {
		expect(inspectKey('dGhlIHNhbXBsZSBub25jZQ==').message).toMatch(/sample nonce/);
	});

	it('refuses a key of the wrong length, saying how many bytes it has', () => {
		expect(inspectKey('AAAA')).toMatchObject({
			ok: false,
			severity: 'error',
			message: expect.stringMatching(/3 bytes/)
		});
	});

	it('refuses base64url and says so', () => {
		expect(inspectKey('x3JJHMbDL1EzLkh9GBhX-w==').message).toMatch(/base64url/);
	});

	it('locates a character that is not base64, counting from 1', () => {
		expect(inspectKey('dGhl IHNhbXBsZSBub25jZQ==').message).toMatch(
			/" " at position 5 is not a base64 character/
		);
		expect(inspectKey('x3JJHMbDL1EzLkh9GBhX-w==').message).toMatch(/"-" at position 21/);
	});

	it('warns about non-zero padding bits (RFC 4648 §3.5), which strict decoders reject', () => {
		const verdict = inspectKey('dGhlIHNhbXBsZSBub25jZR==');
		expect(verdict).toMatchObject({ ok: false, severity: 'warning' });
		expect(verdict.bytes).toHaveLength(16);
		expect(verdict.message).toMatch(/RFC 4648 §3\.5/);
	});

	it('refuses surrounding whitespace, which the header parser would already have removed', () => {
		expect(inspectKey(` ${RFC_KEY}`)).toMatchObject({ ok: false, severity: 'error' });
	});
});

describe('diagnoseAccept', () => {
	it('names the usual server bugs behind a wrong accept value', () => {
		const hex = sha1(RFC_KEY + GUID).toString('hex');
		const cases: [string, AcceptMistake][] = [
			[sha1(RFC_KEY).toString('base64'), 'no-guid'],
			[hex, 'hex-digest'],
			[hex.toUpperCase(), 'hex-digest'],
			[Buffer.from(hex).toString('base64'), 'base64-of-hex'],
			[sha1(RFC_KEY + GUID.toLowerCase()).toString('base64'), 'lower-case-guid'],
			[
				sha1(Buffer.concat([Buffer.from(RFC_KEY, 'base64'), Buffer.from(GUID)])).toString('base64'),
				'decoded-key'
			],
			[RFC_ACCEPT.toLowerCase(), 'letter-case']
		];
		for (const [value, mistake] of cases)
			expect(diagnoseAccept(value, RFC_KEY), value).toBe(mistake);
	});

	it('names nothing for a value that is simply wrong', () => {
		expect(diagnoseAccept('xxxxxxxxxxxxxxxxxxxxxxxxxxx=', RFC_KEY)).toBeUndefined();
		expect(diagnoseAccept(RFC_ACCEPT, 'not base64!')).toBeUndefined();
	});
});
