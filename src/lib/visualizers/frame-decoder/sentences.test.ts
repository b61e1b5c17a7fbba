// The sentences the decoder's views place, checked against facts from RFC 6455 examples.
import { describe, expect, it } from 'vitest';
import { parseHex } from '$lib/protocol/bytes/hex';
import { decodeFrames, type Sender } from '$lib/protocol/websocket';
import * as explain from '$lib/protocol/websocket/explain';

const decode = (hex: string, from: Sender, permessageDeflate = false) =>
	decodeFrames(parseHex(hex), { from, permessageDeflate });

// RFC 6455 §5.7.
const UNMASKED_HELLO = '81 05 48 65 6c 6c 6f';
const FRAGMENTED_HELLO = '01 03 48 65 6c 80 02 6c 6f';

describe('decodeHeadline', () => {
	it('counts frames and messages of a valid stream', () => {
		expect(explain.decodeHeadline(decode(UNMASKED_HELLO, 'server'))).toMatch(
			/^Valid: 1 frame, 1 message\./
		);
		expect(explain.decodeHeadline(decode(FRAGMENTED_HELLO, 'server'))).toMatch(
			/^Valid: 2 frames, 1 message\./
		);
	});

	it('says how many bytes a cut frame still needs', () => {
		// 4 of the 7 bytes of the unmasked "Hello".
		expect(explain.decodeHeadline(decode('81 05 48 65', 'server'))).toBe(
			'The input ends inside frame 1: 3 more bytes needed (the frame is 7 bytes long).'
		);
		// Payload len 126 announces a 2-byte extended length, which is missing.
		expect(explain.decodeHeadline(decode('82 7e', 'server'))).toBe(
			'The input ends inside frame 1: at least 2 more bytes needed.'
		);
	});

	it('names the close code of a violation (§7.4.1: 1002, protocol error)', () => {
		expect(explain.decodeHeadline(decode(UNMASKED_HELLO, 'client'))).toBe(
			'A strict receiver closes the connection with 1002 Protocol Error.'
		);
	});
});

describe('trailingSentence', () => {
	it('counts the bytes after the frame where decoding stopped', () => {
		const twice = `${UNMASKED_HELLO} ${UNMASKED_HELLO}`;
		expect(explain.trailingSentence(decode(twice, 'client'))).toBe(
			'Decoding stops there: the 7 bytes after this frame are not read.'
		);
		expect(explain.trailingSentence(decode(twice, 'server'))).toBe('');
	});
});

describe('messageSummary', () => {
	it('gives a Close message its code, name and reason (§5.5.1, §7.4.1)', () => {
		const [close] = decode('88 05 03 e8 62 79 65', 'server').messages;
		expect(explain.messageSummary(close)).toEqual([
			'1000 Normal Closure',
			'reason “bye”',
			'from frame 1'
		]);
	});

	it('gives a reassembled message its size and frames', () => {
		const [hello] = decode(FRAGMENTED_HELLO, 'server').messages;
		expect(explain.messageSummary(hello)).toEqual(['5 bytes', 'from frames 1, 2']);
	});

	it('gives a compressed message the size it was inflated from (RFC 7692 §7.2.3.1)', () => {
		const [hello] = decode('c1 07 f2 48 cd c9 c9 07 00', 'server', true).messages;
		expect(explain.messageSummary(hello)).toEqual([
			'5 bytes',
			'from frame 1',
			'inflated from 7 compressed bytes'
		]);
	});
});

describe('frameSummary', () => {
	it('lists what the header says, in the order it says it', () => {
		// RFC 6455 §5.7: the masked "Hello" has a 6-byte header (2 + 4-byte key).
		const [frame] = decode('81 85 37 fa 21 3d 7f 9f 4d 51 58', 'client').frames;
		expect(explain.frameTitle(frame)).toBe('Frame 1: text');
		expect(explain.frameSummary(frame)).toEqual([
			'FIN',
			'masked',
			'bytes 0–10',
			'6-byte header',
			'5-byte payload'
		]);
	});
});
