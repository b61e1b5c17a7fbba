/**
 * pcapng (draft-ietf-opsawg-pcapng §3–§4; facts.md F6–F14): blocks of type, length, body and
 * length again, grouped into sections that each start with a Section Header Block and have their
 * own byte order and interfaces. Packets come from Enhanced, Simple and (obsolete) Packet Blocks;
 * every other block (Name Resolution, Interface Statistics, Decryption Secrets, Custom, local
 * use) is skipped by its length.
 */
import { interfaceText, isDecodable, PCAPNG_BLOCK_SOURCES as SOURCE } from './capture-text';
import { ProblemList } from './read-problems';
import type { CapturedPacket, CaptureInterface, CaptureReading } from './types';

/** "\n\r\r\n": the same in both byte orders. */
export const SHB_TYPE = 0x0a0d0d0a;
const IDB_TYPE = 1;
const PB_TYPE = 2;
const SPB_TYPE = 3;
const EPB_TYPE = 6;

/** Smallest length of each block with its fixed fields (the 12 bytes of framing included). */
const MINIMUM = { shb: 28, idb: 20, epb: 32, spb: 16, pb: 32 } as const;

const OPT_ENDOFOPT = 0;
const OPT_COMMENT = 1;
const IF_NAME = 2;
const IF_DESCRIPTION = 3;
const IF_TSRESOL = 9;
const IF_TSOFFSET = 14;

const MICRO = 1_000_000n;
const NANO = 1_000_000_000n;
const TWO_32 = 4294967296;

/** An interface as the reader uses it: how to turn its timestamps into nanoseconds. */
interface Interface {
	info: CaptureInterface;
	/** 1: microseconds, 2: nanoseconds, 0: any other resolution (the general formula). */
	fast: 0 | 1 | 2;
	/** if_tsoffset in nanoseconds; 0n when absent. */
	offsetNs: bigint;
	/** SnapLen, with 0 ("no limit") as Infinity. */
	snaplen: number;
}

const utf8 = new TextDecoder();

/** An option string: UTF-8 (repaired when invalid, §3.6.3), ended by a zero byte if any (§3.5). */
function optionString(bytes: Uint8Array, start: number, length: number): string {
	let stop = start;
	const end = start + length;
	while (stop < end && bytes[stop] !== 0) stop++;
	return utf8.decode(bytes.subarray(start, stop));
}

/** Reads a file that starts with a Section Header Block's type, 0a 0d 0d 0a. */
export function readPcapng(bytes: Uint8Array): CaptureReading {
	const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
	const problems = new ProblemList();
	const packets: CapturedPacket[] = [];
	const interfaces: CaptureInterface[] = [];
	const end = bytes.length;

	let section = -1;
	let little = true;
	let firstLittle = true;
	let sectionInterfaces: Interface[] = [];
	/** A section of an unknown major version: its blocks are skipped (§3.4). */
	let skipping = false;
	let shbOffset = 0;
	let sectionBody = 0;
	let sectionLength = -1n;
	let stopped = false;

	/** Walks an options list from `start` to `stop`, calling `each` for every option but the end. */
	const readOptions = (
		start: number,
		stop: number,
		each: (code: number, value: number, length: number, at: number) => void
	) => {
		let at = start;
		while (stop - at >= 4) {
			const code = view.getUint16(at, little);
			const length = view.getUint16(at + 2, little);
			if (code === OPT_ENDOFOPT) return;
			const value = at + 4;
			if (length > stop - value) {
				problems.add(
					'OPTION_OVERRUN',
					{ offset: at, length: stop - at },
					at,
					code,
					length,
					stop - value
				);
				return;
			}
			each(code, value, length, at);
			at = value + ((length + 3) & ~3);
		}
	};

	const comments = (start: number, stop: number): string[] | undefined => {
		let found: string[] | undefined;
		if (stop - start >= 4)
			readOptions(start, stop, (code, value, length) => {
				if (code === OPT_COMMENT) (found ??= []).push(optionString(bytes, value, length));
			});
		return found;
	};

	const endSection = (at: number) => {
		if (section < 0 || sectionLength < 0n) return;
		const actual = at - sectionBody;
		if (BigInt(actual) !== sectionLength)
			problems.add(
				'SECTION_LENGTH_MISMATCH',
				{ offset: shbOffset + 16, length: 8 },
				shbOffset,
				sectionLength,
				actual
			);
	};

	const readShb = (offset: number, length: number) => {
		const major = view.getUint16(offset + 12, little);
		const minor = view.getUint16(offset + 14, little);
		section++;
		if (section === 0) firstLittle = little;
		sectionInterfaces = [];
		shbOffset = offset;
		sectionBody = offset + length;
		sectionLength = view.getBigInt64(offset + 16, little);
		skipping = major !== 1;
		if (skipping)
			problems.add(
				'UNSUPPORTED_VERSION',
				{ offset: offset + 12, length: 4, source: SOURCE.shb },
				offset,
				major,
				minor
			);
		else if (minor !== 0 && minor !== 2)
			problems.add('MINOR_VERSION', { offset: offset + 14, length: 2 }, offset, minor);
	};

	const readIdb = (offset: number, length: number) => {
		const index = sectionInterfaces.length;
		const info: CaptureInterface = {
			section,
			index,
			linkType: view.getUint16(offset + 8, little),
			snaplen: view.getUint32(offset + 12, little),
			resolution: MICRO,
			offsetSeconds: 0n
		};
		readOptions(offset + 16, offset + length - 4, (code, value, size, at) => {
			switch (code) {
				case IF_NAME:
					info.name = optionString(bytes, value, size);
					break;
				case IF_DESCRIPTION:
					info.description = optionString(bytes, value, size);
					break;
				case IF_TSRESOL: {
					if (size !== 1) {
						problems.add(
							'OPTION_LENGTH_INVALID',
							{ offset: at, length: 4 + size },
							at,
							'if_tsresol',
							size,
							1
						);
						break;
					}
					// Most significant bit 0: a negative power of 10; 1: a negative power of 2 (§4.2).
					const resol = bytes[value];
					info.resolution = resol & 0x80 ? 2n ** BigInt(resol & 0x7f) : 10n ** BigInt(resol);
					break;
				}
				case IF_TSOFFSET:
					if (size !== 8) {
						problems.add(
							'OPTION_LENGTH_INVALID',
							{ offset: at, length: 4 + size },
							at,
							'if_tsoffset',
							size,
							8
						);
						break;
					}
					info.offsetSeconds = view.getBigInt64(value, little);
					break;
			}
		});
		const iface: Interface = {
			info,
			fast: info.resolution === MICRO ? 1 : info.resolution === NANO ? 2 : 0,
			offsetNs: info.offsetSeconds * NANO,
			snaplen: info.snaplen === 0 ? Infinity : info.snaplen
		};
		sectionInterfaces.push(iface);
		interfaces.push(info);
		if (!isDecodable(info.linkType))
			problems.add(
				'UNKNOWN_LINK_TYPE',
				{ offset: offset + 8, length: 2, source: SOURCE.idb },
				info.linkType,
				interfaceText.pcapng(section, index, info.name)
			);
	};

	/** The time of a timestamp in `iface`'s units, in nanoseconds since the epoch (§4.3). */
	const timeOf = (iface: Interface, high: number, low: number): bigint => {
		let time: bigint;
		// Below 2²¹ upper bits the tick count is exact as a number: one BigInt for microseconds.
		if (iface.fast === 1 && high < 0x200000) time = BigInt(high * TWO_32 + low) * 1000n;
		else {
			const ticks = (BigInt(high) << 32n) | BigInt(low);
			if (iface.fast === 2) time = ticks;
			else if (iface.fast === 1) time = ticks * 1000n;
			else {
				// Whole seconds, then the fraction rounded down to the nanosecond, as Wireshark does.
				const r = iface.info.resolution;
				time = (ticks / r) * NANO + ((ticks % r) * NANO) / r;
			}
		}
		return iface.offsetNs === 0n ? time : time + iface.offsetNs;
	};

	/** Checks a packet's lengths against its interface and records it. */
	const addPacket = (
		iface: Interface,
		id: number,
		time: bigint,
		offset: number,
		data: number,
		captured: number,
		original: number,
		comment: string[] | undefined,
		source: string
	) => {
		const index = packets.length;
		if (captured > iface.snaplen)
			problems.tally(
				'CAPTURED_OVER_SNAPLEN',
				{ offset, packet: index, source },
				index,
				captured,
				iface.snaplen
			);
		if (captured > original)
			problems.tally(
				'CAPTURED_OVER_ORIGINAL',
				{ offset, packet: index, source },
				index,
				captured,
				original
			);
		else if (captured < original)
			problems.tally('SNAPLEN_CUT', { offset, packet: index, source }, index, captured, original);
		const packet: CapturedPacket = {
			index,
			time,
			interface: id,
			linkType: iface.info.linkType,
			capturedLength: captured,
			originalLength: original,
			bytes: bytes.subarray(data, data + captured),
			offset
		};
		if (comment) packet.comments = comment;
		packets.push(packet);
	};

	/** An Enhanced Packet Block (6) or an obsolete Packet Block (2), which differ in the ID. */
	const readEpb = (offset: number, length: number, obsolete: boolean) => {
		const block = obsolete ? 'pb' : 'epb';
		const id = obsolete ? view.getUint16(offset + 8, little) : view.getUint32(offset + 8, little);
		const captured = view.getUint32(offset + 20, little);
		const room = length - MINIMUM.epb;
		if (captured > room) {
			problems.add(
				'PACKET_PAST_BLOCK',
				{ offset, length, packet: packets.length, source: SOURCE[block] },
				block,
				offset,
				captured,
				room
			);
			return;
		}
		const iface = sectionInterfaces[id];
		if (!iface) {
			problems.add(
				'UNDEFINED_INTERFACE',
				{ offset: offset + 8, length: obsolete ? 2 : 4, source: SOURCE[block] },
				block,
				offset,
				id,
				sectionInterfaces.length
			);
			return;
		}
		const data = offset + 28;
		const time = timeOf(
			iface,
			view.getUint32(offset + 12, little),
			view.getUint32(offset + 16, little)
		);
		if (obsolete)
			problems.tally('OBSOLETE_PACKET_BLOCK', { offset, packet: packets.length }, packets.length);
		addPacket(
			iface,
			id,
			time,
			offset,
			data,
			captured,
			view.getUint32(offset + 24, little),
			comments(data + ((captured + 3) & ~3), offset + length - 4),
			SOURCE[block]
		);
	};

	const readSpb = (offset: number, length: number) => {
		const iface = sectionInterfaces[0];
		if (!iface) {
			problems.add(
				'UNDEFINED_INTERFACE',
				{ offset, length: 4, source: SOURCE.spb },
				'spb',
				offset,
				0,
				0
			);
			return;
		}
		// Captured = min(Original, SnapLen): the SPB has no captured length of its own (§4.4).
		const original = view.getUint32(offset + 8, little);
		const captured = Math.min(original, iface.snaplen);
		const room = length - MINIMUM.spb;
		if (captured > room) {
			problems.add(
				'PACKET_PAST_BLOCK',
				{ offset, length, packet: packets.length, source: SOURCE.spb },
				'spb',
				offset,
				captured,
				room
			);
			return;
		}
		problems.tally('NO_TIMESTAMP', { offset, packet: packets.length }, packets.length);
		addPacket(iface, 0, 0n, offset, offset + 12, captured, original, undefined, SOURCE.spb);
	};

	/** Stops reading: `error` is the last word on the file. */
	const stop = () => {
		stopped = true;
	};

	let offset = 0;
	while (offset < end && !stopped) {
		const remaining = end - offset;
		if (remaining < 12) {
			problems.add('TRUNCATED_BLOCK', { offset, length: remaining }, offset, 12, remaining);
			stop();
			break;
		}
		const isShb =
			bytes[offset] === 0x0a &&
			bytes[offset + 1] === 0x0d &&
			bytes[offset + 2] === 0x0d &&
			bytes[offset + 3] === 0x0a;
		if (!isShb && section < 0) {
			// A file must begin with a Section Header Block (§3.4).
			problems.add(
				'BAD_MAGIC',
				{ offset: 0, length: 4, source: SOURCE.shb },
				bytes.subarray(0, 4),
				'unknown'
			);
			stop();
			break;
		}
		if (isShb) {
			// The byte order is the Byte-Order Magic's, 8 bytes after the (palindromic) type.
			const magic = view.getUint32(offset + 8, false);
			if (magic === 0x1a2b3c4d) little = false;
			else if (magic === 0x4d3c2b1a) little = true;
			else {
				problems.add(
					'BAD_BYTE_ORDER_MAGIC',
					{ offset: offset + 8, length: 4, source: SOURCE.shb },
					offset,
					bytes.subarray(offset + 8, offset + 12)
				);
				stop();
				break;
			}
		}
		const length = view.getUint32(offset + 4, little);
		if (length < 12) {
			problems.add('BLOCK_LENGTH_TOO_SMALL', { offset: offset + 4, length: 4 }, offset, length);
			stop();
			break;
		}
		if (length % 4 !== 0) {
			problems.add(
				'BLOCK_LENGTH_NOT_MULTIPLE_OF_4',
				{ offset: offset + 4, length: 4 },
				offset,
				length
			);
			stop();
			break;
		}
		if (length > remaining) {
			problems.add('TRUNCATED_BLOCK', { offset, length: remaining }, offset, length, remaining);
			stop();
			break;
		}
		const trailer = view.getUint32(offset + length - 4, little);
		if (trailer !== length) {
			problems.add(
				'BLOCK_LENGTH_MISMATCH',
				{ offset: offset + length - 4, length: 4 },
				offset,
				length,
				trailer
			);
			stop();
			break;
		}
		if (isShb) {
			if (length < MINIMUM.shb) {
				problems.add(
					'BLOCK_TOO_SHORT',
					{ offset, length, source: SOURCE.shb },
					'shb',
					offset,
					length,
					MINIMUM.shb
				);
				stop();
				break;
			}
			endSection(offset);
			readShb(offset, length);
		} else if (!skipping) {
			const type = view.getUint32(offset, little);
			const block =
				type === EPB_TYPE
					? 'epb'
					: type === IDB_TYPE
						? 'idb'
						: type === SPB_TYPE
							? 'spb'
							: type === PB_TYPE
								? 'pb'
								: undefined;
			if (block && length < MINIMUM[block])
				problems.add(
					'BLOCK_TOO_SHORT',
					{ offset, length, source: SOURCE[block] },
					block,
					offset,
					length,
					MINIMUM[block]
				);
			else if (block === 'epb') readEpb(offset, length, false);
			else if (block === 'idb') readIdb(offset, length);
			else if (block === 'spb') readSpb(offset, length);
			else if (block === 'pb') readEpb(offset, length, true);
		}
		offset += length;
	}
	if (!stopped) endSection(offset);

	const list = problems.finish();
	if (section < 0) {
		const error =
			list.find((p) => p.severity === 'error') ??
			problems.add('TRUNCATED_BLOCK', { offset: 0, length: end }, 0, 12, end);
		return { ok: false, error, packets };
	}
	return {
		ok: true,
		format: 'pcapng',
		byteOrder: firstLittle ? 'little' : 'big',
		interfaces,
		packets,
		problems: list
	};
}
