/**
 * Addresses as text, the way Wireshark and the RFCs write them: IPv4 dotted quads, IPv6 in the
 * RFC 5952 §4 canonical form, and MAC addresses as colon-separated hex.
 */

/** "127.0.0.1" from 4 bytes. */
export function formatIpv4(bytes: Uint8Array): string {
	return Array.from(bytes.subarray(0, 4)).join('.');
}

/**
 * RFC 5952 §4: leading zeros suppressed (§4.1), the longest run of two or more zero groups
 * replaced by "::" (the first of equal runs, §4.2.1–4.2.3; never a single group), lower-case hex
 * (§4.3). An IPv4-mapped address keeps its dotted quad, ::ffff:192.0.2.128, as §5 recommends
 * and Wireshark writes it.
 */
export function formatIpv6(bytes: Uint8Array): string {
	const groups: number[] = [];
	for (let i = 0; i < 16; i += 2) groups.push(((bytes[i] ?? 0) << 8) | (bytes[i + 1] ?? 0));
	const mapped = groups.slice(0, 5).every((g) => g === 0) && groups[5] === 0xffff;
	if (mapped) return `::ffff:${formatIpv4(bytes.subarray(12, 16))}`;
	let bestStart = -1;
	let bestLength = 1; // a run must be at least 2 groups long (§4.2.2)
	for (let i = 0; i < 8;) {
		if (groups[i] !== 0) {
			i++;
			continue;
		}
		let j = i;
		while (j < 8 && groups[j] === 0) j++;
		if (j - i > bestLength) {
			bestStart = i;
			bestLength = j - i;
		}
		i = j;
	}
	const hex = (list: number[]) => list.map((g) => g.toString(16)).join(':');
	if (bestStart < 0) return hex(groups);
	return `${hex(groups.slice(0, bestStart))}::${hex(groups.slice(bestStart + bestLength))}`;
}

/** "00:1a:2b:3c:4d:5e". */
export function formatMac(bytes: Uint8Array): string {
	return Array.from(bytes, (b) => b.toString(16).padStart(2, '0')).join(':');
}
