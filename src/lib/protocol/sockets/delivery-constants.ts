/**
 * The fixed numbers of the delivery model, each with its source. `delivery.ts` re-exports the
 * ones in its API (MIN_MTU, LIMITS); the rest document the model's clock and header sizes.
 */

/**
 * The smallest MTU the model accepts: 68 bytes, the datagram size RFC 791 says every internet
 * module must be able to forward without further fragmentation (a 60-byte maximum IPv4 header
 * plus an 8-byte minimum fragment).
 */
export const MIN_MTU = 68;

/**
 * The retry limit: how many times the model retransmits one segment (or record piece) before it
 * gives up. Linux's tcp_retries2 is 15 (tcp(7): about 13 to 30 minutes); 5 keeps the give-up
 * inside about a minute of simulated time, with the same doubling (1, 2, 4, 8, 16 s, then a
 * last 32 s wait: 63 s).
 */
export const MAX_RETRIES = 5;

/** Linux's default tcp_retries2 (tcp(7)), stated beside the model's smaller limit. */
export const LINUX_TCP_RETRIES2 = 15;

/** Bounds on the input, so that every run stays small and finite. */
export const LIMITS = {
	/** send() calls per run: plenty for a lesson, and it keeps the worst run (32 × 65,507 bytes at MTU 68, about 75,000 packets) near a second. */
	maxMessages: 32,
	/** 65,507 = 65,535 (IPv4 Total Length) − 20 (IPv4 header) − 8 (UDP header): the largest UDP payload over IPv4; a larger datagram send() fails with EMSGSIZE (send(2)). */
	maxMessageBytes: 65507,
	/** Bytes one recv() may ask for. */
	maxReadSize: 65536,
	/** IPv4's Total Length field is 16 bits, so no IPv4 packet, and no useful MTU, exceeds 65,535. */
	maxMtu: 65535,
	/** See MAX_RETRIES. */
	maxRetries: MAX_RETRIES
} as const;

/** IPv4 header without options (RFC 791 §3.1). */
export const IPV4_HEADER = 20;
/** TCP header without options (RFC 9293 §3.1): MSS = MTU − 40. */
export const TCP_HEADER = 20;
/** UDP header (RFC 768): a datagram fits one packet when its payload is at most MTU − 28. */
export const UDP_HEADER = 8;
/** SCTP common header (12) + DATA chunk header (16) (RFC 9260 §3): a record piece is at most MTU − 48. */
export const SCTP_OVERHEAD = 28;

/** RFC 6298 §2.1: before any round-trip measurement the retransmission timeout is 1 s. */
export const INITIAL_RTO_MS = 1000;
/** Simulated time between two packets leaving the sender, one after another. */
export const PACKET_GAP_MS = 1;
/** One-way delay of every packet across the simulated network. */
export const ONE_WAY_DELAY_MS = 50;
/** Extra queueing delay, drawn from 0 to this (seeded); it never reorders packets by itself. */
export const JITTER_MS = 10;
/** Extra delay of a packet the network reorders: later packets overtake it. */
export const REORDER_DELAY_MS = 40;
/** A duplicate copy arrives 1 ms plus a jitter draw after the original. */
export const DUPLICATE_DELAY_MS = 1;
