import { describe, expect, it } from 'vitest';
import { SCENARIO_IDS } from './simulate';
import {
	ENCODE_ERRORS,
	ENCODED_TEXT,
	FIELD_TEXT,
	NOT_ALLOWED,
	NUMBER_TEXT,
	NUMBERING_TEXT,
	RESENT_WITHOUT_TIMER,
	TIME_WAIT_TEXT,
	OPTION_ERRORS,
	OUTCOME_TEXT,
	SCENARIO_TEXT,
	SEGMENT_TEXT,
	transitionLabel,
	type SegmentText
} from './tcp-text';
import { flagsOf, type SegmentDraft } from './wire';

const draft: SegmentDraft = {
	from: 'client',
	seq: 4294967295,
	ack: 301,
	length: 5,
	flags: flagsOf(['PSH', 'ACK']),
	time: 20,
	window: 63,
	retransmissionTimeout: 1000
};

describe('tcp-text', () => {
	it('titles and summarises every scenario, and words every outcome with a source', () => {
		for (const id of SCENARIO_IDS) {
			expect(SCENARIO_TEXT[id].title.length).toBeGreaterThan(3);
			expect(SCENARIO_TEXT[id].summary).toMatch(/\.$/);
			const facts = {
				connectAt: 20,
				acceptAt: 30,
				failsAt: 131000,
				synsSent: 11,
				profile: 'linux-6.5+'
			};
			expect(OUTCOME_TEXT[id].summary(facts)).toMatch(/\.$/);
			expect(OUTCOME_TEXT[id].source).toMatch(/RFC|ip-sysctl|tcp\.c/);
		}
	});

	it('says 131 s and 11 SYNs for current kernels, 127 s and 7 SYNs for older ones (K16)', () => {
		const text = OUTCOME_TEXT['syn-timeout'].summary;
		expect(
			text({ connectAt: 0, acceptAt: null, failsAt: 131000, synsSent: 11, profile: 'linux-6.5+' })
		).toMatch(/11 SYNs.*131 s/);
		expect(
			text({ connectAt: 0, acceptAt: null, failsAt: 127000, synsSent: 7, profile: 'linux-legacy' })
		).toMatch(/7 SYNs.*127 s/);
	});

	it('words every segment as sentences that quote its numbers, with a cited source', () => {
		const entries = Object.entries(SEGMENT_TEXT).map(([key, value]) => [
			key,
			typeof value === 'function' ? value(2, 11) : value
		]) as [string, SegmentText][];
		expect(entries.length).toBeGreaterThan(25);
		for (const [key, entry] of entries) {
			const sentence = entry.explain(draft);
			expect(sentence, key).toMatch(/^[A-Z(a-z].*\.$/s);
			expect(sentence, key).not.toMatch(/undefined|NaN|\[object/);
			expect(entry.source, key).toMatch(/RFC \d+|\.c|\.h|\.rst|\(\d\)/);
		}
		// Arithmetic in words wraps modulo 2^32 like the numbers do.
		expect(SEGMENT_TEXT.request.explain(draft)).toMatch(/4294967295 \+ 5 = 4\b/);
	});

	it('words the seq/ack arithmetic in the numbers it is given, absolute or relative', () => {
		const syn = { syn: true, bytes: 0, fin: false, total: 1 };
		const data = { syn: false, bytes: 9, fin: false, total: 9 };
		const fin = { syn: false, bytes: 0, fin: true, total: 1 };
		// Absolute: ISN 4294967290; 4294967290 + 9 = 4294967299, which is 3 modulo 2^32.
		expect(NUMBER_TEXT.isn(4294967290)).toBe(
			'4294967290: the initial sequence number, which the SYN takes'
		);
		expect(NUMBER_TEXT.sum(4294967291, 4294967290, syn, 1)).toBe(
			'4294967291 = 4294967290 + 1 for the SYN of segment 1'
		);
		expect(NUMBER_TEXT.sum(3, 4294967290, data, 4)).toBe(
			'3 = 4294967290 + 9 bytes of segment 4, modulo 2^32'
		);
		// The same segments relative to that ISN: 0, then 1, then 1 + 9 = 10; nothing wraps.
		expect(NUMBER_TEXT.isn(0, true)).toBe(
			'0: the initial sequence number, which the SYN takes; relative numbers count from it'
		);
		expect(NUMBER_TEXT.sum(1, 0, syn, 1)).toBe('1 = 0 + 1 for the SYN of segment 1');
		expect(NUMBER_TEXT.sum(10, 1, data, 4)).toBe('10 = 1 + 9 bytes of segment 4');
		expect(NUMBER_TEXT.sum(11, 10, fin, 6)).toBe('11 = 10 + 1 for the FIN of segment 6');
		expect(NUMBER_TEXT.copy(0, 1)).toBe('0: the same as segment 1, sent again');
		expect(NUMBER_TEXT.resetZero).toMatch(/^0: /);
		expect(NUMBER_TEXT.resetRelative(1)).toMatch(/^1: .*sequence number 0.*shows it as 1$/);
	});

	it('words the field facts a view quotes beside a segment’s values', () => {
		// RFC 7323 §2.2: the window field shifted left by the scale; 63 × 1024 = 64,512.
		expect(FIELD_TEXT.windowScaled(63, 10)).toBe('63 × 2^10 = 64,512 bytes');
		// ... but never on a SYN or SYN-ACK (RFC 7323 §2.2).
		expect(FIELD_TEXT.windowUnscaled(64240)).toMatch(
			/^64240 bytes \(not scaled.*RFC 7323 §2\.2\)$/
		);
		expect(FIELD_TEXT.noAck).toMatch(/ACK flag/);
		expect(NUMBERING_TEXT.relative).toMatch(/initial sequence number.*Wireshark/);
		expect(NUMBERING_TEXT.absolute).toMatch(/32-bit/);
		// facts.md K11, K12: Linux 60 s; RFC 9293 2 × MSL with MSL = 2 minutes.
		expect(TIME_WAIT_TEXT.lasts('60 s', '4 min')).toBe(
			'TIME-WAIT 60 s on Linux (RFC 9293: 2 × MSL = 4 min)'
		);
		expect(TIME_WAIT_TEXT.nobody).toMatch(/\.$/);
		expect(RESENT_WITHOUT_TIMER('1,010 ms')).toBe(
			'no timer: resent at 1,010 ms for the repeated SYN'
		);
		// 20 bytes of IPv4 header + 40 of TCP header with SYN options.
		expect(ENCODED_TEXT(60)).toBe('60 bytes of IPv4 + TCP, checksums included');
	});

	it('labels a transition the way Figure 5 writes it', () => {
		expect(transitionLabel('SYN-SENT', 'rcv SYN,ACK', 'snd ACK', 'ESTABLISHED')).toBe(
			'SYN-SENT → ESTABLISHED on rcv SYN,ACK / snd ACK'
		);
		expect(transitionLabel('CLOSING', 'rcv ACK of FIN', 'none', 'TIME-WAIT')).toBe(
			'CLOSING → TIME-WAIT on rcv ACK of FIN'
		);
	});

	it('ends every refusal with a full stop', () => {
		const messages = [
			NOT_ALLOWED.unknownState('ESTAB'),
			NOT_ALLOWED.unknownEvent('x'),
			NOT_ALLOWED.noArrow('CLOSE-WAIT', 'rcv SYN'),
			NOT_ALLOWED.noArrow('LISTEN', 'rcv RST'),
			NOT_ALLOWED.needsOpenedBy,
			OPTION_ERRORS.scenario('x', SCENARIO_IDS),
			OPTION_ERRORS.isn('isnClient', -1),
			OPTION_ERRORS.seed(NaN),
			OPTION_ERRORS.profile('x', ['a', 'b']),
			OPTION_ERRORS.delay(0, 400),
			ENCODE_ERRORS.segment,
			ENCODE_ERRORS.address('clientAddress', 'x'),
			ENCODE_ERRORS.port('clientPort', -1),
			ENCODE_ERRORS.ttl(300),
			ENCODE_ERRORS.field('seq', -1, 1),
			ENCODE_ERRORS.payloadLength(1, 2),
			ENCODE_ERRORS.optionValue('MSS', 1e6),
			ENCODE_ERRORS.optionsTooLong(44),
			ENCODE_ERRORS.tooLong(70000)
		];
		for (const message of messages) expect(message).toMatch(/\.$/);
	});
});
