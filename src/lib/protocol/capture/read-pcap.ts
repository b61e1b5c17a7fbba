/**
 * Classic pcap (draft-ietf-opsawg-pcap §4–§5; facts.md F1–F5): a 24-byte file header, then
 * packet records of a 16-byte header and unpadded packet data, all in the writer's byte order.
 */
import { interfaceText, isDecodable, MAXIMUM_SNAPLEN } from './capture-text';
import { ProblemList } from './read-problems';
import type { CapturedPacket, CaptureReading } from './types';

const HEADER = 24;
const RECORD = 16;

/** The four magic numbers as the first four bytes read little-endian. */
export const PCAP_MAGIC_LE = {
	/** d4 c3 b2 a1: little-endian, microseconds. */
	microLittle: 0xa1b2c3d4,
	/** a1 b2 c3 d4: big-endian, microseconds. */
	microBig: 0xd4c3b2a1,
	/** 4d 3c b2 a1: little-endian, nanoseconds. */
	nanoLittle: 0xa1b23c4d,
	/** a1 b2 3c 4d: big-endian, nanoseconds. */
	nanoBig: 0x4d3cb2a1
} as const;

/** The byte order and time unit a pcap magic stands for, or undefined. */
export function pcapMagic(bytes: Uint8Array): { little: boolean; nanosecond: boolean } | undefined {
	if (bytes.length < 4) return undefined;
	const first = (bytes[0] | (bytes[1] << 8) | (bytes[2] << 16) | (bytes[3] << 24)) >>> 0;
	switch (first) {
		case PCAP_MAGIC_LE.microLittle:
			return { little: true, nanosecond: false };
		case PCAP_MAGIC_LE.microBig:
			return { little: false, nanosecond: false };
		case PCAP_MAGIC_LE.nanoLittle:
			return { little: true, nanosecond: true };
		case PCAP_MAGIC_LE.nanoBig:
			return { little: false, nanosecond: true };
	}
	return undefined;
}

/** Reads a file whose first four bytes are a pcap magic number (see `pcapMagic`). */
export function readPcap(bytes: Uint8Array): CaptureReading {
	const magic = pcapMagic(bytes);
	const little = magic?.little ?? true;
	const nanosecond = magic?.nanosecond ?? false;
	const problems = new ProblemList();
	if (bytes.length < HEADER) {
		const error = problems.add(
			'TRUNCATED_HEADER',
			{ offset: 0, length: bytes.length },
			bytes.length
		);
		return { ok: false, error, packets: [] };
	}
	const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
	const major = view.getUint16(4, little);
	const minor = view.getUint16(6, little);
	if (major !== 2 || minor !== 4)
		problems.add('BAD_VERSION', { offset: 4, length: 4 }, major, minor);
	const snaplenField = view.getUint32(16, little);
	if (snaplenField === 0) problems.add('ZERO_SNAPLEN', { offset: 16, length: 4 });
	const snaplen = snaplenField === 0 ? Infinity : snaplenField;
	// LinkType and additional information, bit 0 the most significant (§4, facts.md F4):
	// FCS len (4 bits) | R (1) | P (1) | Reserved3 (10) | LinkType (16).
	const field = view.getUint32(20, little);
	const linkType = field & 0xffff;
	const fcsWords = field >>> 28;
	const r = (field >>> 27) & 1;
	const p = (field >>> 26) & 1;
	const reserved3 = (field >>> 16) & 0x3ff;
	if (r || reserved3) problems.add('LINKTYPE_RESERVED_BITS', { offset: 20, length: 4 }, field);
	if (p && fcsWords) problems.add('FCS_PRESENT', { offset: 20, length: 4 }, fcsWords * 2);
	if (!isDecodable(linkType))
		problems.add('UNKNOWN_LINK_TYPE', { offset: 20, length: 4 }, linkType, interfaceText.pcap());

	const packets: CapturedPacket[] = [];
	const limit = nanosecond ? 1_000_000_000 : 1_000_000;
	const longest = Math.max(snaplenField, MAXIMUM_SNAPLEN);
	const end = bytes.length;
	let offset = HEADER;
	while (offset < end) {
		const index = packets.length;
		if (end - offset < RECORD) {
			problems.add(
				'TRUNCATED_RECORD',
				{ offset, length: end - offset, packet: index },
				index,
				offset,
				RECORD,
				end - offset
			);
			break;
		}
		const seconds = view.getUint32(offset, little);
		const fraction = view.getUint32(offset + 4, little);
		const captured = view.getUint32(offset + 8, little);
		const original = view.getUint32(offset + 12, little);
		if (captured > longest) {
			problems.add(
				'RECORD_TOO_LONG',
				{ offset, length: RECORD, packet: index },
				index,
				offset,
				captured,
				snaplenField
			);
			break;
		}
		const data = offset + RECORD;
		if (captured > end - data) {
			problems.add(
				'TRUNCATED_RECORD',
				{ offset, length: end - offset, packet: index },
				index,
				offset,
				RECORD + captured,
				end - offset
			);
			break;
		}
		if (captured > snaplen)
			problems.tally('CAPTURED_OVER_SNAPLEN', { offset, packet: index }, index, captured, snaplen);
		if (captured > original)
			problems.tally(
				'CAPTURED_OVER_ORIGINAL',
				{ offset, packet: index },
				index,
				captured,
				original
			);
		else if (captured < original)
			problems.tally('SNAPLEN_CUT', { offset, packet: index }, index, captured, original);
		if (fraction >= limit)
			problems.tally(
				'FRACTION_TOO_BIG',
				{ offset: offset + 4, length: 4, packet: index },
				index,
				fraction,
				nanosecond ? 'nanoseconds' : 'microseconds'
			);
		// Seconds × 10⁶ + µs stays below 2⁵³, so one BigInt per packet; nanoseconds need two.
		const time = nanosecond
			? BigInt(seconds) * 1_000_000_000n + BigInt(fraction)
			: BigInt(seconds * 1_000_000 + fraction) * 1000n;
		packets.push({
			index,
			time,
			interface: 0,
			linkType,
			capturedLength: captured,
			originalLength: original,
			bytes: bytes.subarray(data, data + captured),
			offset
		});
		offset = data + captured;
	}
	return {
		ok: true,
		format: 'pcap',
		byteOrder: little ? 'little' : 'big',
		nanosecond,
		interfaces: [
			{
				section: 0,
				index: 0,
				linkType,
				snaplen: snaplenField,
				resolution: nanosecond ? 1_000_000_000n : 1_000_000n,
				offsetSeconds: 0n
			}
		],
		packets,
		problems: problems.finish()
	};
}
