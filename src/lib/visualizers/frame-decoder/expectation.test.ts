import { describe, expect, it } from 'vitest';
import { parseHex } from '$lib/protocol/bytes/hex';
import { decodeFrames, type Sender } from '$lib/protocol/websocket';
import { expectationLine } from './expectation';

const decode = (hex: string, from: Sender) => decodeFrames(parseHex(hex), { from });

// RFC 6455 §5.7: "A single-frame unmasked text message: 0x81 0x05 0x48 0x65 0x6c 0x6c 0x6f".
const UNMASKED_HELLO = '81 05 48 65 6c 6c 6f';

describe('expectationLine', () => {
	it('shows nothing when the lesson expects nothing', () => {
		expect(expectationLine(undefined, decode(UNMASKED_HELLO, 'server'))).toBeNull();
	});

	it('confirms a valid frame expected valid', () => {
		const line = expectationLine('valid', decode(UNMASKED_HELLO, 'server'));
		expect(line?.state).toBe('met');
		expect(line?.sentence).toMatch(/^Expected: valid — as shown\.$/);
	});

	it('flags a valid expectation the bytes no longer meet: a client must mask (§5.1)', () => {
		const line = expectationLine('valid', decode(UNMASKED_HELLO, 'client'));
		expect(line?.state).toBe('mismatch');
		expect(line?.sentence).toMatch(/^Expected: valid — but /);
	});

	it('confirms the close code a broken frame earns, and names it', () => {
		// RFC 6455 §7.4.1: 1002 indicates a protocol error.
		const line = expectationLine('1002', decode(UNMASKED_HELLO, 'client'));
		expect(line?.state).toBe('met');
		expect(line?.sentence).toMatch(/fails with 1002 Protocol Error — as shown/);
		expect(expectationLine('1007', decode(UNMASKED_HELLO, 'client'))?.state).toBe('mismatch');
	});

	it('confirms a cut input expected incomplete, and a non-minimal length expected warning', () => {
		expect(expectationLine('incomplete', decode('81 05 48 65', 'server'))?.state).toBe('met');
		expect(expectationLine('incomplete', decode(UNMASKED_HELLO, 'server'))?.state).toBe('mismatch');
		// A 5-byte payload announced with a 16-bit length: §5.2 asks for the minimal encoding.
		const nonMinimal = decode('82 7e 00 05 68 65 6c 6c 6f', 'server');
		expect(expectationLine('warning', nonMinimal)?.state).toBe('met');
		expect(expectationLine('valid', nonMinimal)?.state).toBe('mismatch');
	});

	it('meets no expectation while there is nothing to decode', () => {
		expect(expectationLine('valid', null)?.state).toBe('mismatch');
	});

	it('says so when the expectation itself is not understood', () => {
		const line = expectationLine('fails', decode(UNMASKED_HELLO, 'server'));
		expect(line?.state).toBe('unknown');
		expect(line?.sentence).toMatch(/“fails”/);
	});
});
