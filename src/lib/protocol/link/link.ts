/**
 * The link layers a capture starts with: Ethernet II (with 802.1Q / 802.1ad tags), Linux cooked
 * captures v1 and v2 (`tcpdump -i any`), BSD loopback (LINKTYPE_NULL), and none (raw IP).
 * Layouts: facts.md P9–P12 and the tcpdump.org link-type pages.
 */
import type { DecodedUnit, Field } from '../bytes/fields';
import { colonHex, field, hexNumber, slice, u16, u8, unit } from '../packet/field';
import { report, type Context } from '../packet/types';
import { formatMac } from '../ip/address';
import {
	ethertypeMeaning,
	linkProblems,
	macMeaning,
	nullText,
	sllText,
	vlanText
} from './link-text';

const ETHERNET = 'IEEE 802.3 / Ethernet II (LINKTYPE_ETHERNET)';
const VLAN = 'IEEE 802.1Q §9.6';
const SLL = 'LINKTYPE_LINUX_SLL (tcpdump.org)';
const SLL2 = 'LINKTYPE_LINUX_SLL2 (tcpdump.org)';
const NULL = 'LINKTYPE_NULL (tcpdump.org)';

/** What follows the link layer. */
export interface LinkNext {
	/** 'ipv4', 'ipv6', or 'data' for anything else. */
	kind: 'ipv4' | 'ipv6' | 'data';
	offset: number;
	/** Why the rest is plain data, when it is. */
	why?: string;
}

export interface LinkResult {
	units: DecodedUnit[];
	next: LinkNext;
}

/** What follows a link header whose EtherType field is at `at`; a note when it is not IP. */
function nextFor(ctx: Context, layer: string, at: number, offset: number): LinkNext {
	const ethertype = u16(ctx.bytes, at);
	if (ethertype === 0x0800) return { kind: 'ipv4', offset };
	if (ethertype === 0x86dd) return { kind: 'ipv6', offset };
	const why = ethertypeMeaning(ethertype);
	report(ctx, 'ETHERTYPE_NOT_IP', linkProblems.notIp(ethertype), layer, at, 2);
	return { kind: 'data', offset, why };
}

function truncated(ctx: Context, layer: string, offset: number, size: number): boolean {
	if (ctx.bytes.length >= offset + size) return false;
	report(
		ctx,
		'LINK_TRUNCATED',
		linkProblems.truncated(layer, size, Math.max(0, ctx.bytes.length - offset)),
		layer,
		offset
	);
	return true;
}

function macField(
	bytes: Uint8Array,
	key: string,
	name: string,
	at: number,
	role: 'destination' | 'source'
): Field {
	const mac = slice(bytes, at, at + 6);
	const text = formatMac(mac);
	return field({
		key,
		name,
		offset: at,
		length: 6,
		value: text,
		meaning: macMeaning(text, role, mac),
		source: ETHERNET,
		category: 'address'
	});
}

function typeField(bytes: Uint8Array, key: string, at: number, source: string): Field {
	const type = u16(bytes, at);
	return field({
		key,
		name: 'Type',
		offset: at,
		length: 2,
		value: type,
		display: hexNumber(type, 4),
		meaning: ethertypeMeaning(type),
		source,
		category: 'type'
	});
}

/** Ethernet II, then any 802.1Q (0x8100) or 802.1ad (0x88a8) tags. */
export function decodeEthernet(ctx: Context, offset: number): LinkResult {
	const { bytes } = ctx;
	const units: DecodedUnit[] = [];
	units.push(
		unit(bytes, 'eth', offset, offset + 14, [
			macField(bytes, 'eth.dst', 'Destination', offset, 'destination'),
			macField(bytes, 'eth.src', 'Source', offset + 6, 'source'),
			typeField(bytes, 'eth.type', offset + 12, ETHERNET)
		])
	);
	if (truncated(ctx, 'eth', offset, 14))
		return { units, next: { kind: 'data', offset: bytes.length } };
	let type = u16(bytes, offset + 12);
	let at = offset + 14;
	while (type === 0x8100 || type === 0x88a8) {
		const tci = u16(bytes, at);
		units.push(
			unit(bytes, 'vlan', at, at + 4, [
				field({
					key: 'vlan.priority',
					name: 'PCP',
					offset: at,
					bitOffset: 0,
					bitLength: 3,
					value: tci >> 13,
					meaning: vlanText.priority(tci >> 13),
					source: VLAN,
					category: 'flags'
				}),
				field({
					key: 'vlan.dei',
					name: 'DEI',
					offset: at,
					bitOffset: 3,
					bitLength: 1,
					value: (tci >> 12) & 1,
					meaning: vlanText.dei((tci >> 12) & 1),
					source: VLAN,
					category: 'flags'
				}),
				field({
					key: 'vlan.id',
					name: 'VID',
					offset: at,
					bitOffset: 4,
					bitLength: 12,
					value: tci & 0xfff,
					meaning: vlanText.id(tci & 0xfff),
					source: VLAN,
					category: 'address'
				}),
				typeField(bytes, 'vlan.etype', at + 2, VLAN)
			])
		);
		if (truncated(ctx, 'vlan', at, 4))
			return { units, next: { kind: 'data', offset: bytes.length } };
		type = u16(bytes, at + 2);
		at += 4;
	}
	return { units, next: nextFor(ctx, units.length > 1 ? 'vlan' : 'eth', at - 2, at) };
}

/** The 8-byte address field of SLL and SLL2: the address, then padding. */
function sllAddress(bytes: Uint8Array, at: number, halen: number, source: string): Field[] {
	const used = Math.min(Math.max(halen, 0), 8);
	const fields: Field[] = [];
	if (used > 0) {
		const address = slice(bytes, at, at + used);
		const text = used === 6 ? formatMac(address) : colonHex(address);
		fields.push(
			field({
				key: used === 6 ? 'sll.src.eth' : 'sll.src.other',
				name: 'Source address',
				offset: at,
				length: used,
				value: text,
				meaning: sllText.address(text),
				source,
				category: 'address'
			})
		);
	}
	if (used < 8) {
		const rest = slice(bytes, at + used, at + 8);
		fields.push(
			field({
				key: 'sll.unused',
				name: 'Unused',
				offset: at + used,
				length: 8 - used,
				value: colonHex(rest),
				meaning: sllText.unused(8 - used),
				source,
				category: 'reserved'
			})
		);
	}
	return fields;
}

/** Linux cooked capture v1: 16 bytes (facts.md P11). */
export function decodeSll(ctx: Context, offset: number): LinkResult {
	const { bytes } = ctx;
	const pkttype = u16(bytes, offset);
	const hatype = u16(bytes, offset + 2);
	const halen = u16(bytes, offset + 4);
	const fields = [
		field({
			key: 'sll.pkttype',
			name: 'Packet type',
			offset,
			length: 2,
			value: pkttype,
			meaning: sllText.packetType(pkttype),
			source: SLL,
			category: 'type'
		}),
		field({
			key: 'sll.hatype',
			name: 'ARPHRD type',
			offset: offset + 2,
			length: 2,
			value: hatype,
			meaning: sllText.hatype(hatype),
			source: SLL,
			category: 'type'
		}),
		field({
			key: 'sll.halen',
			name: 'Address length',
			offset: offset + 4,
			length: 2,
			value: halen,
			meaning: sllText.halen(halen),
			source: SLL,
			category: 'length'
		}),
		...sllAddress(bytes, offset + 6, halen, SLL),
		typeField(bytes, 'sll.etype', offset + 14, SLL)
	];
	const units = [unit(bytes, 'sll', offset, offset + 16, fields)];
	if (truncated(ctx, 'sll', offset, 16))
		return { units, next: { kind: 'data', offset: bytes.length } };
	return { units, next: nextFor(ctx, 'sll', offset + 14, offset + 16) };
}

/** Linux cooked capture v2: 20 bytes, another field order (facts.md P12). */
export function decodeSll2(ctx: Context, offset: number): LinkResult {
	const { bytes } = ctx;
	const ifindex = u16(bytes, offset + 4) * 0x10000 + u16(bytes, offset + 6);
	const hatype = u16(bytes, offset + 8);
	const pkttype = u8(bytes, offset + 10);
	const halen = u8(bytes, offset + 11);
	const fields = [
		typeField(bytes, 'sll.etype', offset, SLL2),
		field({
			key: 'sll.reserved',
			name: 'Reserved',
			offset: offset + 2,
			length: 2,
			value: u16(bytes, offset + 2),
			display: hexNumber(u16(bytes, offset + 2), 4),
			meaning: sllText.reserved(),
			source: SLL2,
			category: 'reserved'
		}),
		field({
			key: 'sll.ifindex',
			name: 'Interface index',
			offset: offset + 4,
			length: 4,
			value: ifindex,
			meaning: sllText.ifindex(ifindex),
			source: SLL2,
			category: 'address'
		}),
		field({
			key: 'sll.hatype',
			name: 'ARPHRD type',
			offset: offset + 8,
			length: 2,
			value: hatype,
			meaning: sllText.hatype(hatype),
			source: SLL2,
			category: 'type'
		}),
		field({
			key: 'sll.pkttype',
			name: 'Packet type',
			offset: offset + 10,
			length: 1,
			value: pkttype,
			meaning: sllText.packetType(pkttype),
			source: SLL2,
			category: 'type'
		}),
		field({
			key: 'sll.halen',
			name: 'Address length',
			offset: offset + 11,
			length: 1,
			value: halen,
			meaning: sllText.halen(halen),
			source: SLL2,
			category: 'length'
		}),
		...sllAddress(bytes, offset + 12, halen, SLL2)
	];
	const units = [unit(bytes, 'sll', offset, offset + 20, fields)];
	if (truncated(ctx, 'sll', offset, 20))
		return { units, next: { kind: 'data', offset: bytes.length } };
	return { units, next: nextFor(ctx, 'sll', offset, offset + 20) };
}

/** BSD loopback: a 4-byte address family in the capturing host's byte order (facts.md P10). */
export function decodeNull(ctx: Context, offset: number): LinkResult {
	const { bytes } = ctx;
	const b = slice(bytes, offset, offset + 4);
	const big = (((b[0] ?? 0) << 24) >>> 0) + ((b[1] ?? 0) << 16) + ((b[2] ?? 0) << 8) + (b[3] ?? 0);
	const little =
		(((b[3] ?? 0) << 24) >>> 0) + ((b[2] ?? 0) << 16) + ((b[1] ?? 0) << 8) + (b[0] ?? 0);
	// The family is small, so whichever reading is small is the host's byte order.
	const littleEndian = little < 0x10000 || big >= 0x10000;
	const family = littleEndian ? little : big;
	const fields = [
		field({
			key: 'null.family',
			name: 'Family',
			offset,
			length: 4,
			value: family,
			meaning: nullText.family(family, littleEndian),
			source: NULL,
			category: 'type'
		})
	];
	const units = [unit(bytes, 'null', offset, offset + 4, fields)];
	if (truncated(ctx, 'null', offset, 4))
		return { units, next: { kind: 'data', offset: bytes.length } };
	if (family === 2) return { units, next: { kind: 'ipv4', offset: offset + 4 } };
	if (family === 24 || family === 28 || family === 30)
		return { units, next: { kind: 'ipv6', offset: offset + 4 } };
	report(ctx, 'NULL_FAMILY_UNKNOWN', linkProblems.family(family), 'null', offset, 4);
	return {
		units,
		next: { kind: 'data', offset: offset + 4, why: nullText.family(family, littleEndian) }
	};
}
