/**
 * The IPv4 header (RFC 791 §3.1; facts.md P1), field by field with Wireshark's names, its
 * options, its header checksum, and what it hands to the next layer.
 *
 *    0                   1                   2                   3
 *    0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1
 *   +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 *   |Version|  IHL  |Type of Service|          Total Length         |
 *   |         Identification        |Flags|      Fragment Offset    |
 *   |  Time to Live |    Protocol   |         Header Checksum       |
 *   |                       Source Address                          |
 *   |                    Destination Address                        |
 *   |                    Options                    |    Padding    |
 */
import type { DecodedUnit, Field } from '../bytes/fields';
import { checkChecksum } from '../packet/checksums';
import { colonHex, field, hexNumber, slice, u16, u32, u8, unit } from '../packet/field';
import { RFC_IPV4 } from '../packet/problems';
import { report, type Context, type IpPayload } from '../packet/types';
import { formatIpv4 } from './address';
import { addressFields, unreadableOptions, versionField } from './fields';
import { IPV4_OPTIONS, ipProblems, ipText, protocolName } from './ip-text';

const ECN_SOURCE = 'RFC 3168 §5';
const DSCP_SOURCE = 'RFC 2474 §3';

export interface Ipv4Result {
	unit: DecodedUnit;
	/** The upper layer, when the header could be read. */
	payload?: IpPayload;
	/** Where the IP packet ends by its Total Length (clamped to the capture). */
	end: number;
}

/** The Pointer of the route and timestamp options of the option at `at`: where the next entry goes. */
function pointerField(at: number, pointer: number): Field {
	return field({
		key: 'ip.opt.ptr',
		name: 'Pointer',
		offset: at + 2,
		length: 1,
		value: pointer,
		meaning: ipText.pointer(pointer),
		source: RFC_IPV4,
		category: 'length'
	});
}

/** Record Route, Loose and Strict Source Route (RFC 791 §3.1): pointer, then addresses. */
function routeOption(bytes: Uint8Array, at: number, length: number): Field[] {
	const pointer = u8(bytes, at + 2);
	const fields = [pointerField(at, pointer)];
	for (let p = at + 3; p + 4 <= at + length; p += 4) {
		const address = formatIpv4(slice(bytes, p, p + 4));
		fields.push(
			field({
				key: 'ip.opt.addr',
				name: 'Address',
				offset: p,
				length: 4,
				value: address,
				meaning: ipText.routeAddress(address, p - at < pointer - 1),
				source: RFC_IPV4,
				category: 'address'
			})
		);
	}
	return fields;
}

/** Internet Timestamp (RFC 791 §3.1): pointer, overflow and flag, then timestamps (with addresses). */
function timestampOption(bytes: Uint8Array, at: number, length: number): Field[] {
	const pointer = u8(bytes, at + 2);
	const overflow = u8(bytes, at + 3) >> 4;
	const flag = u8(bytes, at + 3) & 15;
	const fields = [
		pointerField(at, pointer),
		field({
			key: 'ip.opt.overflow',
			name: 'Overflow',
			abbr: 'oflw',
			offset: at + 3,
			bitOffset: 0,
			bitLength: 4,
			value: overflow,
			meaning: ipText.overflow(overflow),
			source: RFC_IPV4,
			category: 'length'
		}),
		field({
			key: 'ip.opt.flag',
			name: 'Flag',
			offset: at + 3,
			bitOffset: 4,
			bitLength: 4,
			value: flag,
			meaning: ipText.tsFlag(flag),
			source: RFC_IPV4,
			category: 'flags'
		})
	];
	const pairs = flag === 1 || flag === 3;
	for (let p = at + 4, i = 0; p + 4 <= at + length; p += 4, i++) {
		if (pairs && i % 2 === 0) {
			const address = formatIpv4(slice(bytes, p, p + 4));
			fields.push(
				field({
					key: 'ip.opt.time_stamp_addr',
					name: 'Address',
					offset: p,
					length: 4,
					value: address,
					meaning: ipText.address(address, 'source'),
					source: RFC_IPV4,
					category: 'address'
				})
			);
		} else {
			fields.push(
				field({
					key: 'ip.opt.time_stamp',
					name: 'Timestamp',
					offset: p,
					length: 4,
					value: u32(bytes, p),
					meaning: ipText.timestamp(u32(bytes, p)),
					source: RFC_IPV4,
					category: 'sequence'
				})
			);
		}
	}
	return fields;
}

/** IPv4 options (RFC 791 §3.1): type, length, data; EOL and NOP are one byte. */
function decodeOptions(ctx: Context, start: number, end: number): Field[] {
	const { bytes } = ctx;
	const options: Field[] = [];
	let at = start;
	while (at < end) {
		const type = u8(bytes, at);
		const known = IPV4_OPTIONS[type];
		const name = known?.name ?? `option ${type}`;
		const typeField = field({
			key: 'ip.opt.type',
			name: 'Type',
			offset: at,
			length: 1,
			value: type,
			meaning: ipText.optionType(type, name),
			source: RFC_IPV4,
			category: 'type',
			children: [
				field({
					key: 'ip.opt.type.copy',
					name: 'Copied',
					offset: at,
					bitOffset: 0,
					bitLength: 1,
					value: type >> 7,
					meaning: ipText.copied(type >> 7),
					source: RFC_IPV4,
					category: 'flags'
				}),
				field({
					key: 'ip.opt.type.class',
					name: 'Class',
					offset: at,
					bitOffset: 1,
					bitLength: 2,
					value: (type >> 5) & 3,
					meaning: ipText.optionClass((type >> 5) & 3),
					source: RFC_IPV4,
					category: 'type'
				}),
				field({
					key: 'ip.opt.type.number',
					name: 'Number',
					offset: at,
					bitOffset: 3,
					bitLength: 5,
					value: type & 31,
					meaning: ipText.optionNumber(type & 31),
					source: RFC_IPV4,
					category: 'type'
				})
			]
		});
		if (type === 0 || type === 1) {
			options.push(
				field({
					key: `ip.options.${known.key}`,
					name,
					offset: at,
					length: 1,
					value: colonHex(slice(bytes, at, at + 1)),
					meaning: name,
					source: RFC_IPV4,
					category: 'options',
					children: [typeField]
				})
			);
			at += 1;
			continue;
		}
		const length = u8(bytes, at + 1);
		if (length < 2 || at + length > end) {
			report(
				ctx,
				'IPV4_OPTION_LENGTH',
				ipProblems.optionLength(at, type, length, end - at),
				'ipv4',
				at + 1
			);
			options.push(unreadableOptions(4, bytes, at, end, RFC_IPV4));
			break;
		}
		const children = [
			typeField,
			field({
				key: 'ip.opt.len',
				name: 'Length',
				offset: at + 1,
				length: 1,
				value: length,
				meaning: ipText.optionLength(length),
				source: RFC_IPV4,
				category: 'length'
			})
		];
		if (type === 148 && length === 4) {
			const value = u16(bytes, at + 2);
			children.push(
				field({
					key: 'ip.opt.ra',
					name: 'Router Alert',
					offset: at + 2,
					length: 2,
					value,
					meaning: ipText.routerAlert(value),
					source: 'RFC 2113 §2.1',
					category: 'options'
				})
			);
		} else if (
			(type === 7 || type === 131 || type === 137) &&
			length >= 3 &&
			(length - 3) % 4 === 0
		) {
			children.push(...routeOption(bytes, at, length));
		} else if (type === 68 && length >= 4 && (length - 4) % 4 === 0) {
			children.push(...timestampOption(bytes, at, length));
		} else if (length > 2) {
			children.push(
				field({
					key: 'ip.opt.data',
					name: 'Data',
					offset: at + 2,
					length: length - 2,
					value: colonHex(slice(bytes, at + 2, at + length)),
					meaning: ipText.optionData(length - 2),
					source: RFC_IPV4,
					category: 'options'
				})
			);
		}
		options.push(
			field({
				key: `ip.options.${known?.key ?? 'unknown'}`,
				name,
				offset: at,
				length,
				value: colonHex(slice(bytes, at, at + length)),
				meaning: name,
				source: RFC_IPV4,
				category: 'options',
				children
			})
		);
		at += length;
	}
	return options;
}

/**
 * Reads an IPv4 header at `offset`. `limit` is where the enclosing layer ends (the capture's end,
 * or the end of the quoting ICMP message). `quoted`: the header is quoted in an ICMP error, so
 * its Total Length may exceed the bytes present and nothing is checked.
 */
export function decodeIpv4(
	ctx: Context,
	offset: number,
	limit: number,
	quoted = false
): Ipv4Result {
	const { bytes } = ctx;
	const b0 = u8(bytes, offset);
	const version = b0 >> 4;
	const ihl = b0 & 15;
	const headerLength = Math.max(ihl, 5) * 4;
	const tos = u8(bytes, offset + 1);
	const total = u16(bytes, offset + 2);
	const id = u16(bytes, offset + 4);
	const flagsFrag = u16(bytes, offset + 6);
	const rb = (flagsFrag & 0x8000) !== 0;
	const df = (flagsFrag & 0x4000) !== 0;
	const mf = (flagsFrag & 0x2000) !== 0;
	const fragOffset = flagsFrag & 0x1fff;
	const ttl = u8(bytes, offset + 8);
	const protocol = u8(bytes, offset + 9);
	const src = slice(bytes, offset + 12, offset + 16);
	const dst = slice(bytes, offset + 16, offset + 20);
	const present = Math.min(limit, bytes.length) - offset;

	const checksumOutcome =
		ihl >= 5
			? checkChecksum(ctx, {
					layer: 'ipv4',
					key: 'ip.checksum',
					what: 'IPv4 header',
					at: offset + 10,
					start: offset,
					length: headerLength,
					skip: quoted ? 'quoted' : present < headerLength ? 'truncated' : undefined,
					incorrect: 'IPV4_CHECKSUM_INCORRECT',
					source: RFC_IPV4
				})
			: undefined;
	const checksum = checksumOutcome?.meaning ?? ipText.checksumNotChecked(u16(bytes, offset + 10));

	const fields: Field[] = [
		versionField(4, offset, version, RFC_IPV4),
		field({
			key: 'ip.hdr_len',
			name: 'IHL',
			offset,
			bitOffset: 4,
			bitLength: 4,
			value: ihl * 4,
			display: `${ihl * 4} bytes (${ihl})`,
			meaning: ipText.ihl(ihl),
			source: RFC_IPV4,
			category: 'length'
		}),
		field({
			key: 'ip.dsfield',
			name: 'Differentiated Services',
			abbr: 'DS',
			offset: offset + 1,
			length: 1,
			value: tos,
			display: hexNumber(tos, 2),
			meaning: ipText.dsfield(tos),
			source: DSCP_SOURCE,
			category: 'flags',
			children: [
				field({
					key: 'ip.dsfield.dscp',
					name: 'DSCP',
					offset: offset + 1,
					bitOffset: 0,
					bitLength: 6,
					value: tos >> 2,
					meaning: ipText.dscp(tos >> 2),
					source: DSCP_SOURCE,
					category: 'flags'
				}),
				field({
					key: 'ip.dsfield.ecn',
					name: 'ECN',
					offset: offset + 1,
					bitOffset: 6,
					bitLength: 2,
					value: tos & 3,
					meaning: ipText.ecn(tos & 3),
					source: ECN_SOURCE,
					category: 'flags'
				})
			]
		}),
		field({
			key: 'ip.len',
			name: 'Total Length',
			offset: offset + 2,
			length: 2,
			value: total,
			meaning: ipText.totalLength(total),
			source: RFC_IPV4,
			category: 'length'
		}),
		field({
			key: 'ip.id',
			name: 'Identification',
			offset: offset + 4,
			length: 2,
			value: id,
			display: `${hexNumber(id, 4)} (${id})`,
			meaning: ipText.id(id),
			source: RFC_IPV4,
			category: 'sequence'
		}),
		field({
			key: 'ip.flags',
			name: 'Flags',
			offset: offset + 6,
			bitOffset: 0,
			bitLength: 3,
			value: flagsFrag >> 13,
			display: hexNumber(flagsFrag >> 13, 2),
			meaning: ipText.flags(rb, df, mf),
			source: RFC_IPV4,
			category: 'flags',
			children: [
				field({
					key: 'ip.flags.rb',
					name: 'Reserved',
					abbr: '0',
					offset: offset + 6,
					bitOffset: 0,
					bitLength: 1,
					value: rb ? 1 : 0,
					meaning: ipText.rb(rb),
					source: RFC_IPV4,
					category: 'reserved'
				}),
				field({
					key: 'ip.flags.df',
					name: "Don't Fragment",
					abbr: 'DF',
					offset: offset + 6,
					bitOffset: 1,
					bitLength: 1,
					value: df ? 1 : 0,
					meaning: ipText.df(df),
					source: RFC_IPV4,
					category: 'flags'
				}),
				field({
					key: 'ip.flags.mf',
					name: 'More Fragments',
					abbr: 'MF',
					offset: offset + 6,
					bitOffset: 2,
					bitLength: 1,
					value: mf ? 1 : 0,
					meaning: ipText.mf(mf),
					source: RFC_IPV4,
					category: 'flags'
				})
			]
		}),
		field({
			key: 'ip.frag_offset',
			name: 'Fragment Offset',
			offset: offset + 6,
			bitOffset: 3,
			bitLength: 13,
			value: fragOffset,
			meaning: ipText.fragOffset(fragOffset),
			source: RFC_IPV4,
			category: 'sequence'
		}),
		field({
			key: 'ip.ttl',
			name: 'Time to Live',
			abbr: 'TTL',
			offset: offset + 8,
			length: 1,
			value: ttl,
			meaning: ipText.ttl(ttl),
			source: RFC_IPV4,
			category: 'code'
		}),
		field({
			key: 'ip.proto',
			name: 'Protocol',
			offset: offset + 9,
			length: 1,
			value: protocol,
			display: `${protocol} (${protocolName(protocol)})`,
			meaning: ipText.protocol(protocol),
			source: 'RFC 791 §3.1; IANA protocol numbers',
			category: 'type'
		}),
		field({
			key: 'ip.checksum',
			name: 'Header Checksum',
			offset: offset + 10,
			length: 2,
			value: u16(bytes, offset + 10),
			display: hexNumber(u16(bytes, offset + 10), 4),
			meaning: checksum,
			source: RFC_IPV4,
			category: 'checksum',
			verdict: checksumOutcome?.fieldVerdict
		}),
		...addressFields(4, offset + 12, { src, dst }, RFC_IPV4)
	];
	if (headerLength > 20) {
		const optionsEnd = offset + headerLength;
		const options = decodeOptions(ctx, offset + 20, optionsEnd);
		fields.push(
			field({
				key: 'ip.options',
				name: 'Options',
				offset: offset + 20,
				length: headerLength - 20,
				value: colonHex(slice(bytes, offset + 20, optionsEnd)),
				meaning: ipText.options(headerLength - 20),
				source: RFC_IPV4,
				category: 'options',
				children: options
			})
		);
	}

	if (present < 20 || present < headerLength) {
		report(
			ctx,
			'IPV4_TRUNCATED',
			ipProblems.truncated(4, Math.max(0, present), Math.max(20, headerLength)),
			'ipv4',
			offset
		);
		return {
			unit: unit(bytes, 'ipv4', offset, offset + headerLength, fields),
			end: Math.min(limit, bytes.length)
		};
	}
	const made = unit(bytes, 'ipv4', offset, offset + headerLength, fields);
	if (ihl < 5) {
		report(ctx, 'IPV4_IHL_TOO_SMALL', ipProblems.ihl(ihl), 'ipv4', offset, 1, 4);
		return {
			unit: made,
			end: Math.min(offset + Math.max(total, headerLength), limit, bytes.length)
		};
	}
	// Where the packet ends: by Total Length, clamped to what the capture holds.
	let end = offset + total;
	if (!quoted) {
		if (total < headerLength) {
			report(
				ctx,
				'IPV4_TOTAL_LENGTH_TOO_SMALL',
				ipProblems.totalTooSmall(total, headerLength),
				'ipv4',
				offset + 2,
				2
			);
			end = offset + headerLength;
		} else if (total > present) {
			report(
				ctx,
				'IPV4_TOTAL_LENGTH_EXCEEDS_CAPTURE',
				ipProblems.totalExceeds(total, present),
				'ipv4',
				offset + 2,
				2
			);
		}
	} else if (total < headerLength) {
		end = offset + headerLength;
	}
	end = Math.min(end, limit, bytes.length);
	const fragment = mf || fragOffset > 0;
	if (fragment && !quoted) {
		report(ctx, 'IPV4_FRAGMENT', ipProblems.fragment(4, fragOffset * 8, mf), 'ipv4', offset + 6, 2);
	}
	return {
		unit: made,
		end,
		payload: {
			version: 4,
			protocol,
			offset: offset + headerLength,
			end,
			declaredLength: Math.max(0, total - headerLength),
			src,
			dst,
			fragment,
			quoted
		}
	};
}
