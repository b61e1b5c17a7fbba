/**
 * ICMP (RFC 792) and ICMPv6 (RFC 4443): type and code named, the checksum checked (over the
 * message for ICMP; with the IPv6 pseudo-header for ICMPv6), echo identifiers and sequence
 * numbers, and the packet an error message quotes, decoded as child units.
 */
import type { DecodedUnit, Field } from '../bytes/fields';
import { formatIpv4 } from '../ip/address';
import { decodeIpv4 } from '../ip/ipv4';
import { decodeIpv6 } from '../ip/ipv6';
import { checkChecksum, pseudoHeader, skipReason } from '../packet/checksums';
import { colonHex, field, hexNumber, slice, u16, u8, unit } from '../packet/field';
import { RFC_ICMP, RFC_ICMPV6 } from '../packet/problems';
import { report, type Context, type IpPayload } from '../packet/types';
import { decodeTcpHeader } from '../tcp/header';
import { decodeUdp } from '../udp/udp';
import { icmpCodeMeaning, icmpText, icmpTypeMeaning, ICMP_TYPES, ICMPV6_TYPES } from './icmp-text';

export interface IcmpResult {
	unit: DecodedUnit;
	type: number;
	code: number;
	/** One line: "Echo Request, id 4660, seq 1". */
	summary: string;
}

/** Decodes the packet an ICMP error quotes, as child units of the ICMP unit. */
function quoted(ctx: Context, at: number, end: number): DecodedUnit[] {
	const version = u8(ctx.bytes, at) >> 4;
	if (end - at < 1 || (version !== 4 && version !== 6)) return [];
	// Problems inside the quoted packet are not this packet's: keep them out of the list.
	const inner: Context = { bytes: ctx.bytes.subarray(0, end), problems: [], checksums: [] };
	const ip = version === 4 ? decodeIpv4(inner, at, end, true) : decodeIpv6(inner, at, end, true);
	const units = [ip.unit];
	const payload = ip.payload;
	let next = ip.unit.offset + ip.unit.length;
	if (payload && payload.offset < end && !payload.fragment) {
		const transport =
			payload.protocol === 6
				? decodeTcpHeader(inner, payload)
				: payload.protocol === 17
					? decodeUdp(inner, payload)
					: undefined;
		if (transport) {
			units.push(transport.unit);
			next = transport.unit.offset + transport.unit.length;
		}
	}
	if (next < end) {
		const rest = slice(ctx.bytes, next, end);
		units.push(
			unit(ctx.bytes, 'data', next, end, [
				field({
					key: 'data.data',
					name: 'Quoted data',
					offset: next,
					length: end - next,
					value: colonHex(rest),
					meaning: icmpText.quoted(),
					source: RFC_ICMP,
					category: 'payload'
				})
			])
		);
	}
	return units;
}

/** Reads the ICMP or ICMPv6 message `ip` carries. */
export function decodeIcmp(ctx: Context, ip: IpPayload): IcmpResult {
	const { bytes } = ctx;
	const v6 = ip.version === 6;
	const prefix = v6 ? 'icmpv6' : 'icmp';
	const source = v6 ? RFC_ICMPV6 : RFC_ICMP;
	const at = ip.offset;
	const end = ip.end;
	const type = u8(bytes, at);
	const code = u8(bytes, at + 1);
	const stored = u16(bytes, at + 2);
	const length = ip.declaredLength;
	const checksum = checkChecksum(ctx, {
		layer: prefix,
		key: `${prefix}.checksum`,
		what: v6 ? 'ICMPv6' : 'ICMP',
		at: at + 2,
		start: at,
		length,
		pseudo: v6 ? pseudoHeader(ip, 58, length) : undefined,
		skip: skipReason(ctx, ip, at, length),
		incorrect: v6 ? 'ICMPV6_CHECKSUM_INCORRECT' : 'ICMP_CHECKSUM_INCORRECT',
		source
	});
	const typeName = (v6 ? ICMPV6_TYPES : ICMP_TYPES)[type] ?? `type ${type}`;
	const fields: Field[] = [
		field({
			key: `${prefix}.type`,
			name: 'Type',
			offset: at,
			length: 1,
			value: type,
			display: `${type} (${typeName})`,
			meaning: icmpTypeMeaning(v6, type),
			source,
			category: 'type'
		}),
		field({
			key: `${prefix}.code`,
			name: 'Code',
			offset: at + 1,
			length: 1,
			value: code,
			meaning: icmpCodeMeaning(v6, type, code),
			source,
			category: 'code'
		}),
		field({
			key: `${prefix}.checksum`,
			name: 'Checksum',
			offset: at + 2,
			length: 2,
			value: stored,
			display: hexNumber(stored, 4),
			meaning: checksum.meaning,
			source,
			category: 'checksum',
			verdict: checksum.fieldVerdict
		})
	];
	let summary = typeName;
	let children: DecodedUnit[] | undefined;
	const echo = v6 ? type === 128 || type === 129 : type === 0 || type === 8;
	const error = v6 ? type >= 1 && type <= 4 : [3, 4, 5, 11, 12].includes(type);
	let bodyStart = at + 4;
	if (echo) {
		const id = u16(bytes, at + 4);
		const seq = u16(bytes, at + 6);
		fields.push(
			field({
				key: v6 ? 'icmpv6.echo.identifier' : 'icmp.ident',
				name: 'Identifier',
				offset: at + 4,
				length: 2,
				value: id,
				display: `${id} (${hexNumber(id, 4)})`,
				meaning: icmpText.identifier(id),
				source,
				category: 'code'
			}),
			field({
				key: v6 ? 'icmpv6.echo.sequence_number' : 'icmp.seq',
				name: 'Sequence Number',
				offset: at + 6,
				length: 2,
				value: seq,
				meaning: icmpText.sequence(seq),
				source,
				category: 'sequence'
			})
		);
		summary += `, id ${id}, seq ${seq}`;
		bodyStart = at + 8;
	} else if (error) {
		if (!v6 && type === 5) {
			const gateway = formatIpv4(slice(bytes, at + 4, at + 8));
			fields.push(
				field({
					key: 'icmp.redir_gw',
					name: 'Gateway',
					offset: at + 4,
					length: 4,
					value: gateway,
					meaning: icmpText.gateway(gateway),
					source,
					category: 'address'
				})
			);
		} else if (!v6 && type === 3 && code === 4) {
			fields.push(
				field({
					key: 'icmp.unused',
					name: 'Unused',
					offset: at + 4,
					length: 2,
					value: colonHex(slice(bytes, at + 4, at + 6)),
					meaning: icmpText.unused(2),
					source,
					category: 'reserved'
				}),
				field({
					key: 'icmp.mtu',
					name: 'Next-Hop MTU',
					offset: at + 6,
					length: 2,
					value: u16(bytes, at + 6),
					meaning: icmpText.mtu(u16(bytes, at + 6)),
					source: 'RFC 1191 §4',
					category: 'length'
				})
			);
		} else if (v6 && type === 2) {
			const mtu = u16(bytes, at + 4) * 0x10000 + u16(bytes, at + 6);
			fields.push(
				field({
					key: 'icmpv6.mtu',
					name: 'MTU',
					offset: at + 4,
					length: 4,
					value: mtu,
					meaning: icmpText.mtu(mtu),
					source,
					category: 'length'
				})
			);
		} else if (type === (v6 ? 4 : 12)) {
			const pointer = v6 ? u16(bytes, at + 4) * 0x10000 + u16(bytes, at + 6) : u8(bytes, at + 4);
			fields.push(
				field({
					key: v6 ? 'icmpv6.pointer' : 'icmp.pointer',
					name: 'Pointer',
					offset: at + 4,
					length: v6 ? 4 : 1,
					value: pointer,
					meaning: icmpText.pointer(pointer),
					source,
					category: 'code'
				})
			);
			if (!v6)
				fields.push(
					field({
						key: 'icmp.unused',
						name: 'Unused',
						offset: at + 5,
						length: 3,
						value: colonHex(slice(bytes, at + 5, at + 8)),
						meaning: icmpText.unused(3),
						source,
						category: 'reserved'
					})
				);
		} else {
			fields.push(
				field({
					key: v6 ? 'icmpv6.reserved' : 'icmp.unused',
					name: 'Unused',
					offset: at + 4,
					length: 4,
					value: colonHex(slice(bytes, at + 4, at + 8)),
					meaning: icmpText.unused(4),
					source,
					category: 'reserved'
				})
			);
		}
		bodyStart = at + 8;
		if (bodyStart < end) {
			const units = quoted(ctx, bodyStart, end);
			if (units.length) children = units;
		}
	}
	if (!children && bodyStart < end) {
		fields.push(
			field({
				key: 'data.data',
				name: 'Data',
				offset: bodyStart,
				length: end - bodyStart,
				value: colonHex(slice(bytes, bodyStart, end)),
				meaning: icmpText.data(end - bodyStart),
				source,
				category: 'payload'
			})
		);
	}
	if (end - at < 4 && !ip.quoted) {
		report(ctx, 'ICMP_TRUNCATED', icmpText.truncated(v6, Math.max(0, end - at)), prefix, at);
	}
	return { unit: unit(bytes, prefix, at, end, fields, children), type, code, summary };
}
