import { describe, expect, it } from 'vitest';
import {
	datagramOutcomeText,
	formatMs,
	recordReadText,
	reliableOutcomeText,
	sendsLabel,
	streamReadText,
	validationMessage
} from './delivery-text';

describe('sendsLabel', () => {
	it('counts send() calls from 1 and joins runs with an en dash', () => {
		expect(sendsLabel([1])).toBe('send() call 2');
		expect(sendsLabel([0, 1])).toBe('send() calls 1 and 2');
		expect(sendsLabel([0, 1, 2])).toBe('send() calls 1–3');
		expect(sendsLabel([0, 1, 2, 4])).toBe('send() calls 1–3 and 5');
		expect(sendsLabel([0, 2, 4])).toBe('send() calls 1, 3 and 5');
	});
});

describe('formatMs', () => {
	it('groups thousands', () => {
		expect(formatMs(50)).toBe('50 ms');
		expect(formatMs(63000)).toBe('63,000 ms');
	});
});

describe('streamReadText', () => {
	it('says one byte, got it, in the singular', () => {
		const sentence = streamReadText({
			asked: 1,
			got: 1,
			left: 1,
			messages: [0],
			whole: true,
			gapFilled: false
		});
		expect(sentence).toContain('asked for 1 byte and got it; 1 more byte is waiting');
	});

	it('names the send() calls a read merges and says the stream keeps no boundaries', () => {
		const sentence = streamReadText({
			asked: 100,
			got: 3,
			left: 0,
			messages: [0, 1, 2],
			whole: false,
			gapFilled: false
		});
		expect(sentence).toContain('returned the 3 bytes in the receive buffer');
		expect(sentence).toContain('send() calls 1–3: a stream keeps no boundaries');
	});
});

describe('recordReadText', () => {
	it('states how many bytes a truncated datagram lost and cites MSG_TRUNC', () => {
		const sentence = recordReadText({
			type: 'datagram',
			asked: 8,
			size: 12,
			message: 0,
			copy: false,
			outOfOrder: false,
			gapFilled: false
		});
		expect(sentence).toBe(
			'recv() asked for 8 bytes, so it returned the first 8 of the 12-byte datagram 1; the other 4 bytes were discarded (MSG_TRUNC, udp(7)), and the next recv() starts at the next datagram.'
		);
	});

	it('says an empty datagram is still a datagram', () => {
		const sentence = recordReadText({
			type: 'datagram',
			asked: 8,
			size: 0,
			message: 2,
			copy: false,
			outOfOrder: false,
			gapFilled: false
		});
		expect(sentence).toMatch(/^recv\(\) returned 0 bytes: datagram 3 was empty/);
	});
});

describe('outcome sentences', () => {
	it('words a clean datagram run, a lossy one and a single datagram', () => {
		const base = { copies: 0, outOfOrder: 0, truncated: 0 };
		expect(datagramOutcomeText({ ...base, messages: 3, delivered: 3 })).toBe(
			'All 3 datagrams arrived, in order, once.'
		);
		expect(datagramOutcomeText({ ...base, messages: 3, delivered: 2, copies: 1 })).toBe(
			'2 of 3 datagrams arrived; 1 was lost, and UDP does not resend it; 1 datagram arrived twice.'
		);
		expect(datagramOutcomeText({ ...base, messages: 1, delivered: 0 })).toBe(
			'The datagram was lost, and UDP does not resend it.'
		);
	});

	it('says when a stream timed out and how much reached the application', () => {
		const sentence = reliableOutcomeText({
			type: 'stream',
			timedOut: true,
			giveUpAt: 63000,
			messages: 3,
			bytes: 3,
			bytesRead: 0,
			recordsRead: 0,
			reads: 0,
			retransmissions: 5
		});
		expect(sentence).toBe(
			'One segment was lost 6 times, so after 5 retransmissions the sender gave up at 63,000 ms: the connection timed out (ETIMEDOUT, tcp(7)), and 0 of 3 bytes reached the application.'
		);
	});
});

describe('validationMessage', () => {
	it('quotes the value it could not use, whatever its kind', () => {
		expect(validationMessage({ field: 'readSize', problem: 'read-size', value: -1 })).toContain(
			'not -1.'
		);
		expect(validationMessage({ field: 'seed', problem: 'seed', value: NaN })).toContain('not NaN.');
		expect(validationMessage({ field: 'type', problem: 'unknown-type', value: {} })).toContain(
			'not an object.'
		);
		expect(validationMessage({ field: 'mtu', problem: 'mtu', value: undefined })).toContain(
			'not nothing.'
		);
	});
});
