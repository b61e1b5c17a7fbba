/**
 * Checksum verdicts: the IPv4 header checksum, and the TCP, UDP and ICMPv6 checksums over their
 * pseudo-header (RFC 9293 §3.1, RFC 768, RFC 8200 §8.1), and ICMP's over its message (RFC 792).
 * Each check is recorded in the decoding's `checksums` list and, when wrong, as a problem.
 */
import type { FieldVerdict } from '../bytes/fields';
import {
	internetChecksum,
	ipv4PseudoHeader,
	ipv6PseudoHeader,
	onesComplementSum
} from '../bytes/checksum';
import { slice, u16 } from './field';
import { RFC_CHECKSUM, type PacketProblemCode } from './problems';
import { checksumText, hex16 } from './text';
import {
	report,
	type ChecksumCheck,
	type ChecksumVerdict,
	type Context,
	type IpPayload
} from './types';

export interface ChecksumOutcome {
	verdict: ChecksumVerdict;
	meaning: string;
	fieldVerdict?: FieldVerdict;
}

interface CheckSpec {
	layer: string;
	key: string;
	/** What the problem sentence calls it: 'IPv4 header', 'TCP'. */
	what: string;
	/** Offset of the 2-byte checksum field. */
	at: number;
	/** The bytes covered: [start, start + length). */
	start: number;
	length: number;
	/** Prepended bytes (a pseudo-header), or none. */
	pseudo?: Uint8Array;
	/** UDP: 0 means "no checksum" over IPv4 and "missing" over IPv6; a computed 0 is sent as 0xffff. */
	udp?: 'ipv4' | 'ipv6';
	/** Why it cannot be checked, when it cannot. */
	skip?: 'truncated' | 'fragment' | 'quoted';
	incorrect: PacketProblemCode;
	source: string;
}

function record(
	ctx: Context,
	spec: CheckSpec,
	stored: number,
	outcome: ChecksumOutcome,
	correct?: number
): ChecksumOutcome {
	const check: ChecksumCheck = {
		layer: spec.layer,
		key: spec.key,
		offset: spec.at,
		stored,
		verdict: outcome.verdict,
		explanation: outcome.meaning,
		source: spec.pseudo ? spec.source : RFC_CHECKSUM
	};
	if (correct !== undefined) check.correct = correct;
	ctx.checksums.push(check);
	return outcome;
}

/** Checks one checksum field and records the verdict. */
export function checkChecksum(ctx: Context, spec: CheckSpec): ChecksumOutcome {
	const { bytes } = ctx;
	const stored = u16(bytes, spec.at);
	const end = spec.start + spec.length;
	const skip =
		spec.skip ?? (end > bytes.length || spec.at + 2 > bytes.length ? 'truncated' : undefined);
	if (spec.at + 2 > bytes.length) {
		// The field itself is not in the capture: nothing to check or to list.
		return { verdict: 'unchecked', meaning: checksumText.unchecked(stored, 'truncated') };
	}
	if (skip) {
		if (skip === 'truncated') {
			report(ctx, 'CHECKSUM_UNCHECKED', checksumText.notChecked(spec.what), spec.layer, spec.at, 2);
		}
		return record(ctx, spec, stored, {
			verdict: 'unchecked',
			meaning: checksumText.unchecked(stored, skip)
		});
	}
	if (spec.udp === 'ipv4' && stored === 0) {
		return record(ctx, spec, stored, { verdict: 'none', meaning: checksumText.none() });
	}
	const covered = slice(bytes, spec.start, end);
	const before = covered.subarray(0, spec.at - spec.start);
	const after = covered.subarray(spec.at - spec.start + 2);
	const pseudo = spec.pseudo ?? new Uint8Array(0);
	let correct = internetChecksum(pseudo, before, new Uint8Array(2), after);
	if (spec.udp && correct === 0) correct = 0xffff;
	if (spec.udp === 'ipv6' && stored === 0) {
		report(
			ctx,
			'UDP_ZERO_CHECKSUM_IPV6',
			checksumText.zeroOverIpv6(correct),
			spec.layer,
			spec.at,
			2
		);
		return record(
			ctx,
			spec,
			stored,
			{
				verdict: 'incorrect',
				meaning: checksumText.zeroOverIpv6(correct),
				fieldVerdict: { ok: false, expected: hex16(correct) }
			},
			correct
		);
	}
	if (onesComplementSum(pseudo, covered) === 0xffff) {
		return record(
			ctx,
			spec,
			stored,
			{
				verdict: 'correct',
				meaning: checksumText.correct(stored, spec.what, spec.length, spec.pseudo !== undefined),
				fieldVerdict: { ok: true }
			},
			correct
		);
	}
	if (spec.pseudo && stored === onesComplementSum(spec.pseudo)) {
		return record(
			ctx,
			spec,
			stored,
			{
				verdict: 'partial',
				meaning: checksumText.partial(stored, correct),
				fieldVerdict: { ok: true, expected: hex16(correct) }
			},
			correct
		);
	}
	report(
		ctx,
		spec.incorrect,
		checksumText.problem(spec.what, stored, correct),
		spec.layer,
		spec.at,
		2
	);
	return record(
		ctx,
		spec,
		stored,
		{
			verdict: 'incorrect',
			meaning: checksumText.incorrect(stored, correct),
			fieldVerdict: { ok: false, expected: hex16(correct) }
		},
		correct
	);
}

/** The pseudo-header of an upper-layer checksum carried by `ip`. */
export function pseudoHeader(ip: IpPayload, protocol: number, length: number): Uint8Array {
	return ip.version === 4
		? ipv4PseudoHeader(ip.src, ip.dst, protocol, length)
		: ipv6PseudoHeader(ip.src, ip.dst, protocol, length);
}

/** Why an upper-layer checksum cannot be checked, if it cannot. */
export function skipReason(
	ctx: Context,
	ip: IpPayload,
	start: number,
	length: number
): CheckSpec['skip'] {
	if (ip.quoted) return 'quoted';
	if (ip.fragment) return 'fragment';
	if (start + length > Math.min(ctx.bytes.length, ip.end)) return 'truncated';
	return undefined;
}
