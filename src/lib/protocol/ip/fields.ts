/**
 * The fields IPv4 (RFC 791 §3.1) and IPv6 (RFC 8200 §3) lay out alike: the 4-bit Version that
 * opens both headers, the source and destination addresses side by side, and the rest of an
 * options area that cannot be read as options after a located problem.
 */
import type { Field } from '../bytes/fields';
import { colonHex, field, slice } from '../packet/field';
import { formatIpv4, formatIpv6 } from './address';
import { ipText } from './ip-text';

/** The Wireshark key prefix of each version: `ip.src`, `ipv6.src`. */
const PREFIX = { 4: 'ip', 6: 'ipv6' } as const;

/** The Version field, the first four bits of the header at `offset`. */
export function versionField(ip: 4 | 6, offset: number, version: number, source: string): Field {
	return field({
		key: `${PREFIX[ip]}.version`,
		name: 'Version',
		offset,
		bitOffset: 0,
		bitLength: 4,
		value: version,
		meaning: ipText.version(version, ip),
		source,
		category: 'type'
	});
}

/**
 * Source Address at `offset`, Destination Address right after it: 4 bytes each for IPv4, 16 for
 * IPv6 (written in RFC 5952 form).
 */
export function addressFields(
	ip: 4 | 6,
	offset: number,
	addresses: { src: Uint8Array; dst: Uint8Array },
	source: string
): Field[] {
	const size = ip === 4 ? 4 : 16;
	const format = ip === 4 ? formatIpv4 : formatIpv6;
	return (['source', 'destination'] as const).map((role, i) => {
		const text = format(i === 0 ? addresses.src : addresses.dst);
		return field({
			key: `${PREFIX[ip]}.${i === 0 ? 'src' : 'dst'}`,
			name: i === 0 ? 'Source Address' : 'Destination Address',
			offset: offset + i * size,
			length: size,
			value: text,
			meaning: ipText.address(text, role),
			source,
			category: 'address'
		});
	});
}

/** Bytes `at` to `end` of an options area, as one field, once an option could not be read. */
export function unreadableOptions(
	ip: 4 | 6,
	bytes: Uint8Array,
	at: number,
	end: number,
	source: string
): Field {
	return field({
		key: `${PREFIX[ip]}.${ip === 4 ? 'options' : 'opt'}.unparsed`,
		name: 'Unreadable options',
		offset: at,
		length: end - at,
		value: colonHex(slice(bytes, at, end)),
		meaning: ipText.unparsed(end - at),
		source,
		category: 'options'
	});
}
