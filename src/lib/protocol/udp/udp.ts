/**
 * The UDP header (RFC 768): ports, length, and the checksum over the IPv4 or IPv6 pseudo-header,
 * which is optional over IPv4 (0 = none) and mandatory over IPv6 (RFC 8200 §8.1; facts.md P7).
 *
 *    0      7 8     15 16    23 24    31
 *   +--------+--------+--------+--------+
 *   |     Source      |   Destination   |
 *   |      Port       |      Port       |
 *   +--------+--------+--------+--------+
 *   |     Length      |    Checksum     |
 *   +--------+--------+--------+--------+
 */
import type { DecodedUnit } from '../bytes/fields';
import { checkChecksum, pseudoHeader, skipReason } from '../packet/checksums';
import { field, hexNumber, u16, unit } from '../packet/field';
import { RFC_UDP } from '../packet/problems';
import { report, type Context, type IpPayload } from '../packet/types';
import { udpText } from './udp-text';

export interface UdpResult {
	unit: DecodedUnit;
	srcPort: number;
	dstPort: number;
	length: number;
	payloadStart?: number;
	payloadEnd: number;
}

/** Reads the UDP datagram that `ip` carries. */
export function decodeUdp(ctx: Context, ip: IpPayload): UdpResult {
	const { bytes } = ctx;
	const at = ip.offset;
	const srcPort = u16(bytes, at);
	const dstPort = u16(bytes, at + 2);
	const length = u16(bytes, at + 4);
	const stored = u16(bytes, at + 6);
	// The checksum covers the datagram as UDP's Length gives it (RFC 768).
	const coverable = length >= 8 && (ip.quoted || length <= ip.declaredLength);
	const checksum = checkChecksum(ctx, {
		layer: 'udp',
		key: 'udp.checksum',
		what: 'UDP',
		at: at + 6,
		start: at,
		length,
		pseudo: pseudoHeader(ip, 17, length),
		udp: ip.version === 4 ? 'ipv4' : 'ipv6',
		skip: skipReason(ctx, ip, at, coverable ? length : Infinity),
		incorrect: 'UDP_CHECKSUM_INCORRECT',
		source: ip.version === 4 ? RFC_UDP : 'RFC 8200 §8.1'
	});
	const fields = [
		field({
			key: 'udp.srcport',
			name: 'Source Port',
			offset: at,
			length: 2,
			value: srcPort,
			meaning: udpText.port(srcPort, 'source'),
			source: RFC_UDP,
			category: 'port'
		}),
		field({
			key: 'udp.dstport',
			name: 'Destination Port',
			offset: at + 2,
			length: 2,
			value: dstPort,
			meaning: udpText.port(dstPort, 'destination'),
			source: RFC_UDP,
			category: 'port'
		}),
		field({
			key: 'udp.length',
			name: 'Length',
			offset: at + 4,
			length: 2,
			value: length,
			meaning: udpText.length(length),
			source: RFC_UDP,
			category: 'length'
		}),
		field({
			key: 'udp.checksum',
			name: 'Checksum',
			offset: at + 6,
			length: 2,
			value: stored,
			display: hexNumber(stored, 4),
			meaning: checksum.meaning,
			source: ip.version === 4 ? RFC_UDP : 'RFC 8200 §8.1',
			category: 'checksum',
			verdict: checksum.fieldVerdict
		})
	];
	const end = ip.end;
	const made: UdpResult = {
		unit: unit(bytes, 'udp', at, Math.min(at + 8, end), fields),
		srcPort,
		dstPort,
		length,
		payloadEnd: end
	};
	if (end - at < 8) {
		if (!ip.quoted)
			report(ctx, 'UDP_TRUNCATED', udpText.truncated(Math.max(0, end - at)), 'udp', at);
		return made;
	}
	made.payloadStart = at + 8;
	if (ip.quoted) return made;
	if (length < 8) {
		report(ctx, 'UDP_LENGTH_TOO_SMALL', udpText.tooSmall(length), 'udp', at + 4, 2);
	} else if (length !== ip.declaredLength) {
		report(
			ctx,
			'UDP_LENGTH_MISMATCH',
			udpText.mismatch(length, ip.declaredLength),
			'udp',
			at + 4,
			2
		);
		if (length < ip.declaredLength) made.payloadEnd = Math.min(end, at + length);
	}
	return made;
}
