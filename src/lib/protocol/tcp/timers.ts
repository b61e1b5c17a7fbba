/**
 * The timers the scenarios run on, as Linux sets them (facts K11–K17).
 *
 * - The first retransmission timeout is 1 s and doubles on each expiry (RFC 6298 §2.1, §5.5;
 *   Linux `TCP_TIMEOUT_INIT`).
 * - SYN retries: `tcp_syn_retries` = 6. Since Linux 6.5 the first `tcp_syn_linear_timeouts` = 4
 *   retries wait 1 s each before the doubling starts, so connect() gives up after 11 SYNs at
 *   131 s; before, after 7 SYNs at 127 s (K16).
 * - SYN-ACK retries: `tcp_synack_retries` = 5, at 1, 3, 7, 15 and 31 s, dropped at 63 s; the
 *   linear timeouts do not apply to them (K17).
 * - TIME-WAIT: RFC 9293 asks for 2 × MSL = 4 minutes (K11); Linux keeps a fixed 60 s (K12).
 */

/** Which Linux defaults the SYN retries follow (facts K16). */
export type SynProfile = 'linux-6.5+' | 'linux-legacy';

/** Both profiles; the first is the default. */
export const SYN_PROFILES: readonly SynProfile[] = ['linux-6.5+', 'linux-legacy'];

/** The profile simulateConnection uses when none is given: current kernels. */
export const DEFAULT_PROFILE: SynProfile = 'linux-6.5+';

/** The initial retransmission timeout, ms (RFC 6298 §2.1; Linux TCP_TIMEOUT_INIT). */
export const INITIAL_RTO_MS = 1000;

/** The largest RTO Linux uses, ms (TCP_RTO_MAX, 120 s, K14). */
export const MAX_RTO_MS = 120_000;

/** `net.ipv4.tcp_syn_retries`, default 6 (K15). */
export const TCP_SYN_RETRIES = 6;

/** `net.ipv4.tcp_synack_retries`, default 5 (K15). */
export const TCP_SYNACK_RETRIES = 5;

/** `net.ipv4.tcp_syn_linear_timeouts`, default 4 since Linux 6.5 (K16). */
export const TCP_SYN_LINEAR_TIMEOUTS = 4;

/** MSL as RFC 9293 §3.4.2 takes it, ms: 2 minutes (K11). */
export const MSL_MS = 120_000;

/** RFC 9293's TIME-WAIT, 2 × MSL = 4 minutes (MUST-13, K11). */
export const RFC_TIME_WAIT_MS = 2 * MSL_MS;

/** Linux's TIME-WAIT, TCP_TIMEWAIT_LEN = 60 s, fixed (K12). */
export const LINUX_TIME_WAIT_MS = 60_000;

/** When SYNs go out and when connect() gives up, in ms from the first SYN. */
export interface SynSchedule {
	profile: SynProfile;
	/** Send times of every SYN, the first at 0. */
	sends: number[];
	/** The timeout that ended before each retransmission (sends[i + 1] − sends[i]), then the last wait. */
	timeouts: number[];
	/** When connect() fails with ETIMEDOUT. */
	failsAt: number;
}

/**
 * The SYN retransmission schedule of a profile. Since 6.5 Linux allows syn_retries +
 * linear_timeouts retransmissions, the first linear_timeouts of them (plus the first SYN's
 * timer) at a constant 1 s, then doubling (commit ccce324dabfe, K16).
 */
export function synSchedule(profile: SynProfile = DEFAULT_PROFILE): SynSchedule {
	const linear = profile === 'linux-6.5+' ? TCP_SYN_LINEAR_TIMEOUTS : 0;
	const retries = TCP_SYN_RETRIES + linear;
	const timeouts: number[] = [];
	for (let i = 0; i <= retries; i++) {
		const doublings = Math.max(0, i - linear);
		timeouts.push(Math.min(INITIAL_RTO_MS * 2 ** doublings, MAX_RTO_MS));
	}
	const sends = [0];
	for (const timeout of timeouts.slice(0, -1)) sends.push(sends[sends.length - 1] + timeout);
	const failsAt = sends[sends.length - 1] + timeouts[timeouts.length - 1];
	return { profile, sends, timeouts, failsAt };
}

/** When a listener resends its SYN-ACK and when it drops the request, ms from the first SYN-ACK. */
export interface SynAckSchedule {
	/** Retransmission times, ms after the first SYN-ACK: 1, 3, 7, 15, 31 s. */
	resends: number[];
	/** When the request is dropped: 63 s. */
	dropsAt: number;
}

/** The SYN-ACK retransmission schedule (K17): doubling from 1 s, no linear phase. */
export function synAckSchedule(): SynAckSchedule {
	const resends: number[] = [];
	let time = 0;
	for (let i = 0; i < TCP_SYNACK_RETRIES; i++) {
		time += INITIAL_RTO_MS * 2 ** i;
		resends.push(time);
	}
	return { resends, dropsAt: time + INITIAL_RTO_MS * 2 ** TCP_SYNACK_RETRIES };
}
