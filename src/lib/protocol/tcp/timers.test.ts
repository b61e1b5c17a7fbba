import { describe, expect, it } from 'vitest';
import {
	DEFAULT_PROFILE,
	INITIAL_RTO_MS,
	LINUX_TIME_WAIT_MS,
	MSL_MS,
	RFC_TIME_WAIT_MS,
	SYN_PROFILES,
	synAckSchedule,
	synSchedule
} from './timers';

/** Expected values from facts.md K11–K17 (ip-sysctl.rst, include/net/tcp.h, RFC 6298, RFC 9293). */
const s = (...seconds: number[]) => seconds.map((x) => x * 1000);

describe('SYN retransmission schedule', () => {
	it('sends 11 SYNs since Linux 6.5, the last at 67 s, and fails at 131 s (K16)', () => {
		const schedule = synSchedule('linux-6.5+');
		expect(schedule.sends).toEqual(s(0, 1, 2, 3, 4, 5, 7, 11, 19, 35, 67));
		expect(schedule.timeouts).toEqual(s(1, 1, 1, 1, 1, 2, 4, 8, 16, 32, 64));
		expect(schedule.failsAt).toBe(131_000);
	});

	it('sent 7 SYNs before Linux 6.5, the last at 63 s, and failed at 127 s (K16, tcp(7))', () => {
		const schedule = synSchedule('linux-legacy');
		expect(schedule.sends).toEqual(s(0, 1, 3, 7, 15, 31, 63));
		expect(schedule.timeouts).toEqual(s(1, 2, 4, 8, 16, 32, 64));
		expect(schedule.failsAt).toBe(127_000);
	});

	it('models the current kernel unless told otherwise, and offers both profiles', () => {
		expect(DEFAULT_PROFILE).toBe('linux-6.5+');
		expect(synSchedule()).toEqual(synSchedule('linux-6.5+'));
		expect(SYN_PROFILES).toEqual(['linux-6.5+', 'linux-legacy']);
	});

	it('starts at the RFC 6298 initial RTO of 1 s and doubles it after the linear phase (§2.1, §5.5)', () => {
		expect(INITIAL_RTO_MS).toBe(1000);
		const { timeouts } = synSchedule('linux-legacy');
		for (let i = 1; i < timeouts.length; i++) expect(timeouts[i]).toBe(2 * timeouts[i - 1]);
	});
});

describe('SYN-ACK retransmission schedule', () => {
	it('resends at 1, 3, 7, 15 and 31 s and drops the request at 63 s (K17)', () => {
		expect(synAckSchedule()).toEqual({ resends: s(1, 3, 7, 15, 31), dropsAt: 63_000 });
	});
});

describe('TIME-WAIT', () => {
	it('lasts 2 × MSL = 4 minutes in RFC 9293 (K11) and a fixed 60 s on Linux (K12)', () => {
		expect(MSL_MS).toBe(120_000);
		expect(RFC_TIME_WAIT_MS).toBe(240_000);
		expect(LINUX_TIME_WAIT_MS).toBe(60_000);
	});
});
