/**
 * The IPv6 header (RFC 8200 §3; facts.md P3) and its extension headers, walked in order:
 * Hop-by-Hop Options (0), Routing (43), Fragment (44) and Destination Options (60) (§4.3–4.6).
 * Addresses are written in RFC 5952 form. The final destination of a Routing header becomes the
 * destination of the upper-layer pseudo-header (§8.1).
 */
import type { DecodedUnit, Field } from '../bytes/fields';
import { colonHex, field, hexNumber, slice, u16, u32, u8, unit } from '../packet/field';
import {
	RFC_IPV6,
	RFC_IPV6_FRAGMENT,
	RFC_IPV6_OPTIONS,
	RFC_IPV6_ROUTING
} from '../packet/problems';
import { report, type Context, type IpPayload } from '../packet/types';
import { formatIpv6 } from './address';
import { addressFields, unreadableOptions, versionField } from './fields';
import { IPV6_OPTIONS, ipProblems, ipText, protocolName } from './ip-text';

export interface Ipv6Result {
	unit: DecodedUnit;
	payload?: IpPayload;
	end: number;
}

const EXTENSIONS: Readonly<Record<number, { key: string; name: string; source: string }>> = {
	0: { key: 'ipv6.hopopts', name: 'Hop-by-Hop Options header', source: 'RFC 8200 §4.3' },
	43: { key: 'ipv6.routing', name: 'Routing header', source: RFC_IPV6_ROUTING },
	44: { key: 'ipv6.fraghdr', name: 'Fragment header', source: RFC_IPV6_FRAGMENT },
	60: { key: 'ipv6.dstopts', name: 'Destination Options header', source: 'RFC 8200 §4.6' }
};

/** The TLV options of a Hop-by-Hop or Destination Options header (RFC 8200 §4.2). */
function options(ctx: Context, start: number, end: number): Field[] {
	const { bytes } = ctx;
	const out: Field[] = [];
	let at = start;
	while (at < end) {
		const type = u8(bytes, at);
		const name = IPV6_OPTIONS[type] ?? 'an unknown option';
		const typeField = field({
			key: 'ipv6.opt.type',
			name: 'Option Type',
			offset: at,
			length: 1,
			value: type,
			display: hexNumber(type, 2),
			meaning: ipText.optType(type, name),
			source: RFC_IPV6_OPTIONS,
			category: 'type',
			children: [
				field({
					key: 'ipv6.opt.type.action',
					name: 'Action',
					offset: at,
					bitOffset: 0,
					bitLength: 2,
					value: type >> 6,
					meaning: ipText.optAction(type >> 6),
					source: RFC_IPV6_OPTIONS,
					category: 'flags'
				}),
				field({
					key: 'ipv6.opt.type.change',
					name: 'May change',
					offset: at,
					bitOffset: 2,
					bitLength: 1,
					value: (type >> 5) & 1,
					meaning: ipText.optChange((type >> 5) & 1),
					source: RFC_IPV6_OPTIONS,
					category: 'flags'
				}),
				field({
					key: 'ipv6.opt.type.rest',
					name: 'Rest',
					offset: at,
					bitOffset: 3,
					bitLength: 5,
					value: type & 31,
					display: hexNumber(type & 31, 2),
					meaning: ipText.optRest(type & 31),
					source: RFC_IPV6_OPTIONS,
					category: 'type'
				})
			]
		});
		if (type === 0) {
			out.push(
				field({
					key: 'ipv6.opt',
					name: 'Pad1',
					offset: at,
					length: 1,
					value: '00',
					meaning: ipText.pad1(),
					source: RFC_IPV6_OPTIONS,
					category: 'options',
					children: [typeField]
				})
			);
			at += 1;
			continue;
		}
		const length = u8(bytes, at + 1);
		if (at + 2 + length > end) {
			report(ctx, 'IPV6_OPTION_OVERRUN', ipProblems.optionOverrun(at, end - at), 'ipv6', at + 1);
			out.push(unreadableOptions(6, bytes, at, end, RFC_IPV6_OPTIONS));
			break;
		}
		const children = [
			typeField,
			field({
				key: 'ipv6.opt.length',
				name: 'Length',
				offset: at + 1,
				length: 1,
				value: length,
				meaning: ipText.optLength(length),
				source: RFC_IPV6_OPTIONS,
				category: 'length'
			})
		];
		if (length > 0) {
			const data = slice(bytes, at + 2, at + 2 + length);
			const key =
				type === 1 ? 'ipv6.opt.padn' : type === 5 ? 'ipv6.opt.router_alert' : 'ipv6.opt.unknown';
			children.push(
				field({
					key,
					name: type === 1 ? 'Padding' : 'Data',
					offset: at + 2,
					length,
					value: colonHex(data),
					meaning: type === 1 ? ipText.padding(length) : ipText.optionData(length),
					source: RFC_IPV6_OPTIONS,
					category: type === 1 ? 'reserved' : 'options'
				})
			);
		}
		out.push(
			field({
				key: 'ipv6.opt',
				name,
				offset: at,
				length: 2 + length,
				value: colonHex(slice(bytes, at, at + 2 + length)),
				meaning: name,
				source: RFC_IPV6_OPTIONS,
				category: 'options',
				children
			})
		);
		at += 2 + length;
	}
	return out;
}

interface Extension {
	field: Field;
	next: number;
	size: number;
	/** A Routing header's final destination, when segments remain. */
	finalDestination?: Uint8Array;
	fragment?: { offset: number; more: boolean };
}

function extension(ctx: Context, type: number, at: number, end: number): Extension | undefined {
	const { bytes } = ctx;
	const info = EXTENSIONS[type];
	const next = u8(bytes, at);
	const lengthByte = u8(bytes, at + 1);
	const size = type === 44 ? 8 : (lengthByte + 1) * 8;
	if (at + size > end) {
		report(
			ctx,
			'IPV6_EXTENSION_OVERRUN',
			ipProblems.extensionOverrun(info.name, at, size, end - at),
			'ipv6',
			at,
			2
		);
		return undefined;
	}
	const nxt = field({
		key: `${info.key}.nxt`,
		name: 'Next Header',
		offset: at,
		length: 1,
		value: next,
		meaning: ipText.nextHeader(next),
		source: info.source,
		category: 'type'
	});
	const children: Field[] = [nxt];
	const result: Extension = { field: nxt, next, size };
	if (type === 44) {
		const word = u16(bytes, at + 2);
		const ident = u32(bytes, at + 4);
		result.fragment = { offset: word >> 3, more: (word & 1) === 1 };
		children.push(
			field({
				key: 'ipv6.fraghdr.reserved_octet',
				name: 'Reserved',
				offset: at + 1,
				length: 1,
				value: lengthByte,
				display: hexNumber(lengthByte, 2),
				meaning: ipText.reserved(),
				source: info.source,
				category: 'reserved'
			}),
			field({
				key: 'ipv6.fraghdr.offset',
				name: 'Fragment Offset',
				offset: at + 2,
				bitOffset: 0,
				bitLength: 13,
				value: word >> 3,
				meaning: ipText.fragOffset6(word >> 3),
				source: info.source,
				category: 'sequence'
			}),
			field({
				key: 'ipv6.fraghdr.reserved_bits',
				name: 'Res',
				offset: at + 3,
				bitOffset: 5,
				bitLength: 2,
				value: (word >> 1) & 3,
				meaning: ipText.reserved(),
				source: info.source,
				category: 'reserved'
			}),
			field({
				key: 'ipv6.fraghdr.more',
				name: 'M',
				offset: at + 3,
				bitOffset: 7,
				bitLength: 1,
				value: word & 1,
				meaning: ipText.more((word & 1) === 1),
				source: info.source,
				category: 'flags'
			}),
			field({
				key: 'ipv6.fraghdr.ident',
				name: 'Identification',
				offset: at + 4,
				length: 4,
				value: ident,
				display: hexNumber(ident, 8),
				meaning: ipText.ident(ident),
				source: info.source,
				category: 'sequence'
			})
		);
	} else {
		children.push(
			field({
				key: `${info.key}.len`,
				name: 'Hdr Ext Len',
				offset: at + 1,
				length: 1,
				value: lengthByte,
				meaning: ipText.extLength(lengthByte),
				source: info.source,
				category: 'length'
			})
		);
		if (type === 43) {
			const routingType = u8(bytes, at + 2);
			const segleft = u8(bytes, at + 3);
			children.push(
				field({
					key: 'ipv6.routing.type',
					name: 'Routing Type',
					offset: at + 2,
					length: 1,
					value: routingType,
					meaning: ipText.routingType(routingType),
					source: RFC_IPV6_ROUTING,
					category: 'type'
				}),
				field({
					key: 'ipv6.routing.segleft',
					name: 'Segments Left',
					offset: at + 3,
					length: 1,
					value: segleft,
					meaning: ipText.segmentsLeft(segleft),
					source: RFC_IPV6_ROUTING,
					category: 'length'
				})
			);
			if (routingType === 2 && size === 24) {
				const home = slice(bytes, at + 8, at + 24);
				children.push(
					field({
						key: 'ipv6.routing.mipv6.reserved',
						name: 'Reserved',
						offset: at + 4,
						length: 4,
						value: colonHex(slice(bytes, at + 4, at + 8)),
						meaning: ipText.reserved(),
						source: 'RFC 6275 §6.4',
						category: 'reserved'
					}),
					field({
						key: 'ipv6.routing.mipv6.home_address',
						name: 'Home Address',
						offset: at + 8,
						length: 16,
						value: formatIpv6(home),
						meaning: ipText.homeAddress(formatIpv6(home)),
						source: 'RFC 6275 §6.4',
						category: 'address'
					})
				);
				if (segleft > 0) result.finalDestination = home;
			} else if (routingType === 4 && size >= 8) {
				// Segment Routing Header (RFC 8754 §2): Last Entry, Flags, Tag, then the segment list.
				const lastEntry = u8(bytes, at + 4);
				children.push(
					field({
						key: 'ipv6.routing.srh.last_entry',
						name: 'Last Entry',
						offset: at + 4,
						length: 1,
						value: lastEntry,
						meaning: ipText.lastEntry(lastEntry),
						source: 'RFC 8754 §2',
						category: 'length'
					}),
					field({
						key: 'ipv6.routing.srh.flags',
						name: 'Flags',
						offset: at + 5,
						length: 1,
						value: u8(bytes, at + 5),
						meaning: ipText.srhFlags(u8(bytes, at + 5)),
						source: 'RFC 8754 §2',
						category: 'flags'
					}),
					field({
						key: 'ipv6.routing.srh.tag',
						name: 'Tag',
						offset: at + 6,
						length: 2,
						value: u16(bytes, at + 6),
						meaning: ipText.srhTag(u16(bytes, at + 6)),
						source: 'RFC 8754 §2',
						category: 'code'
					})
				);
				let i = 0;
				for (let p = at + 8; p + 16 <= at + size; p += 16, i++) {
					const address = slice(bytes, p, p + 16);
					children.push(
						field({
							key: 'ipv6.routing.srh.addr',
							name: `Segment ${i}`,
							offset: p,
							length: 16,
							value: formatIpv6(address),
							meaning: ipText.segment(formatIpv6(address), i),
							source: 'RFC 8754 §2',
							category: 'address'
						})
					);
					if (i === 0 && segleft > 0) result.finalDestination = address;
				}
				const used = 8 + i * 16;
				if (used < size) {
					children.push(
						field({
							key: 'ipv6.routing.unknown_data',
							name: 'Data',
							offset: at + used,
							length: size - used,
							value: colonHex(slice(bytes, at + used, at + size)),
							meaning: ipText.optionData(size - used),
							source: RFC_IPV6_ROUTING,
							category: 'options'
						})
					);
				}
			} else if (routingType === 0 && size >= 24 && (size - 8) % 16 === 0) {
				// Type 0 (RFC 2460 §4.4, deprecated by RFC 5095): 4 reserved bytes, then addresses.
				children.push(
					field({
						key: 'ipv6.routing.src.reserved',
						name: 'Reserved',
						offset: at + 4,
						length: 4,
						value: colonHex(slice(bytes, at + 4, at + 8)),
						meaning: ipText.reserved(),
						source: 'RFC 5095 §3',
						category: 'reserved'
					})
				);
				for (let p = at + 8; p + 16 <= at + size; p += 16) {
					const address = formatIpv6(slice(bytes, p, p + 16));
					children.push(
						field({
							key: 'ipv6.routing.src.addr',
							name: 'Address',
							offset: p,
							length: 16,
							value: address,
							meaning: ipText.hop(address),
							source: 'RFC 5095 §3',
							category: 'address'
						})
					);
				}
				if (segleft > 0) result.finalDestination = slice(bytes, at + size - 16, at + size);
			} else if (size > 4) {
				children.push(
					field({
						key: 'ipv6.routing.unknown_data',
						name: 'Type-specific data',
						offset: at + 4,
						length: size - 4,
						value: colonHex(slice(bytes, at + 4, at + size)),
						meaning: ipText.optionData(size - 4),
						source: RFC_IPV6_ROUTING,
						category: 'options'
					})
				);
			}
		} else {
			children.push(...options(ctx, at + 2, at + size));
		}
	}
	result.field = field({
		key: info.key,
		name: info.name,
		offset: at,
		length: size,
		value: colonHex(slice(bytes, at, at + size)),
		meaning: ipText.extension(info.name, size),
		source: info.source,
		category: 'options',
		children
	});
	return result;
}

/** Reads an IPv6 header and its extension headers at `offset` (see decodeIpv4 for `limit`). */
export function decodeIpv6(
	ctx: Context,
	offset: number,
	limit: number,
	quoted = false
): Ipv6Result {
	const { bytes } = ctx;
	const first = u32(bytes, offset);
	const version = first >>> 28;
	const tclass = (first >>> 20) & 0xff;
	const flow = first & 0xfffff;
	const plen = u16(bytes, offset + 4);
	const nxt = u8(bytes, offset + 6);
	const hlim = u8(bytes, offset + 7);
	const src = slice(bytes, offset + 8, offset + 24);
	const dst = slice(bytes, offset + 24, offset + 40);
	const fields: Field[] = [
		versionField(6, offset, version, RFC_IPV6),
		field({
			key: 'ipv6.tclass',
			name: 'Traffic Class',
			offset,
			bitOffset: 4,
			bitLength: 8,
			value: tclass,
			display: hexNumber(tclass, 2),
			meaning: ipText.tclass(tclass),
			source: RFC_IPV6,
			category: 'flags',
			children: [
				field({
					key: 'ipv6.tclass.dscp',
					name: 'DSCP',
					offset,
					bitOffset: 4,
					bitLength: 6,
					value: tclass >> 2,
					meaning: ipText.dscp(tclass >> 2),
					source: 'RFC 2474 §3',
					category: 'flags'
				}),
				field({
					key: 'ipv6.tclass.ecn',
					name: 'ECN',
					offset: offset + 1,
					bitOffset: 2,
					bitLength: 2,
					value: tclass & 3,
					meaning: ipText.ecn(tclass & 3),
					source: 'RFC 3168 §5',
					category: 'flags'
				})
			]
		}),
		field({
			key: 'ipv6.flow',
			name: 'Flow Label',
			offset: offset + 1,
			bitOffset: 4,
			bitLength: 20,
			value: flow,
			display: hexNumber(flow, 5),
			meaning: ipText.flow(flow),
			source: RFC_IPV6,
			category: 'code'
		}),
		field({
			key: 'ipv6.plen',
			name: 'Payload Length',
			offset: offset + 4,
			length: 2,
			value: plen,
			meaning: ipText.payloadLength(plen),
			source: RFC_IPV6,
			category: 'length'
		}),
		field({
			key: 'ipv6.nxt',
			name: 'Next Header',
			offset: offset + 6,
			length: 1,
			value: nxt,
			display: `${nxt} (${protocolName(nxt)})`,
			meaning: ipText.nextHeader(nxt),
			source: RFC_IPV6,
			category: 'type'
		}),
		field({
			key: 'ipv6.hlim',
			name: 'Hop Limit',
			offset: offset + 7,
			length: 1,
			value: hlim,
			meaning: ipText.hopLimit(hlim),
			source: RFC_IPV6,
			category: 'code'
		}),
		...addressFields(6, offset + 8, { src, dst }, 'RFC 8200 §3; RFC 5952')
	];
	const capture = Math.min(limit, bytes.length);
	const present = capture - offset;
	if (present < 40) {
		report(
			ctx,
			'IPV6_TRUNCATED',
			ipProblems.truncated(6, Math.max(0, present), 40),
			'ipv6',
			offset
		);
		return { unit: unit(bytes, 'ipv6', offset, offset + 40, fields), end: capture };
	}
	let end = offset + 40 + plen;
	if (!quoted && plen > present - 40) {
		report(
			ctx,
			'IPV6_PAYLOAD_LENGTH_EXCEEDS_CAPTURE',
			ipProblems.payloadExceeds(plen, present - 40),
			'ipv6',
			offset + 4,
			2
		);
	}
	end = Math.min(end, capture);
	// Walk the extension headers, inside the payload the header declares.
	let next = nxt;
	let at = offset + 40;
	let finalDestination = dst;
	let fragment: { offset: number; more: boolean } | undefined;
	let headerEnd = at;
	let stopped = false;
	while (EXTENSIONS[next] && !fragment?.offset) {
		const ext = extension(ctx, next, at, end);
		if (!ext) {
			stopped = true;
			break;
		}
		fields.push(ext.field);
		if (ext.finalDestination) finalDestination = ext.finalDestination;
		if (ext.fragment) fragment = ext.fragment;
		next = ext.next;
		at += ext.size;
		headerEnd = at;
		if (fragment && (fragment.offset > 0 || fragment.more)) break;
	}
	const made = unit(bytes, 'ipv6', offset, headerEnd, fields);
	const isFragment = fragment !== undefined && (fragment.offset > 0 || fragment.more);
	if (isFragment && !quoted) {
		report(
			ctx,
			'IPV6_FRAGMENT',
			ipProblems.fragment(6, (fragment?.offset ?? 0) * 8, fragment?.more ?? false),
			'ipv6',
			headerEnd - 6,
			2
		);
	}
	if (stopped) return { unit: made, end };
	return {
		unit: made,
		end,
		payload: {
			version: 6,
			protocol: next,
			offset: headerEnd,
			end,
			declaredLength: Math.max(0, offset + 40 + plen - headerEnd),
			src,
			dst: finalDestination,
			fragment: isFragment,
			quoted
		}
	};
}
