import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { formatIpv4, formatIpv6, formatMac } from './address';

const v6 = (text: string) => {
	// Parsed by the WHATWG URL parser (node's), an independent IPv6 reader.
	const host = new URL(`http://[${text}]/`).hostname.slice(1, -1);
	const groups = host.split('::');
	const head = groups[0] ? groups[0].split(':') : [];
	const tail = groups.length > 1 && groups[1] ? groups[1].split(':') : [];
	const all = [...head, ...Array(8 - head.length - tail.length).fill('0'), ...tail];
	return Uint8Array.from(all.flatMap((g) => [parseInt(g, 16) >> 8, parseInt(g, 16) & 0xff]));
};

describe('formatIpv6 (RFC 5952 §4)', () => {
	// The examples of RFC 5952 §4.
	it.each([
		['2001:0db8:0000:0000:0000:0000:0000:0001', '2001:db8::1'], // §4.1, §4.2.1
		['2001:db8:0:0:0:0:2:1', '2001:db8::2:1'], // §4.2.1
		['2001:db8:0:1:1:1:1:1', '2001:db8:0:1:1:1:1:1'], // §4.2.2: one 0 group is not shortened
		['2001:0:0:1:0:0:0:1', '2001:0:0:1::1'], // §4.2.3: the longest run
		['2001:db8:0:0:1:0:0:1', '2001:db8::1:0:0:1'], // §4.2.3: the first of equal runs
		['2001:DB8::AAAA', '2001:db8::aaaa'], // §4.3: lower case
		['::1', '::1'],
		['::', '::'],
		['fe80::', 'fe80::']
	])('writes %s as %s', (input, expected) => {
		expect(formatIpv6(v6(input))).toBe(expected);
	});

	it('writes an IPv4-mapped address with the dotted quad (RFC 5952 §5)', () => {
		expect(formatIpv6(v6('::ffff:192.0.2.128'))).toBe('::ffff:192.0.2.128');
	});

	it("agrees with the WHATWG URL serializer's compression on any address", () => {
		fc.assert(
			fc.property(fc.uint8Array({ minLength: 16, maxLength: 16 }), fc.nat(8), (bytes, zeros) => {
				// Zero a few groups so that runs of zeros are common.
				for (let g = 0; g < 8; g++) if ((zeros >> (g % 4)) & 1) bytes[2 * g] = bytes[2 * g + 1] = 0;
				const text = formatIpv6(bytes);
				fc.pre(!text.startsWith('::ffff:'));
				const groups = Array.from({ length: 8 }, (_, g) =>
					((bytes[2 * g] << 8) | bytes[2 * g + 1]).toString(16)
				);
				expect(text).toBe(new URL(`http://[${groups.join(':')}]/`).hostname.slice(1, -1));
			})
		);
	});
});

describe('formatIpv4 and formatMac', () => {
	it('writes dotted quads and colon-separated hex', () => {
		expect(formatIpv4(Uint8Array.of(127, 0, 0, 1))).toBe('127.0.0.1');
		expect(formatMac(Uint8Array.of(0x02, 0, 0, 0, 0xab, 0x01))).toBe('02:00:00:00:ab:01');
	});
});
