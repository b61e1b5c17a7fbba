import { describe, expect, it } from 'vitest';
import { HexParseError, parseHex, parseHexDetailed, toHex } from './hex';

const HELLO = [0x81, 0x05, 0x48, 0x65, 0x6c, 0x6c, 0x6f];
/** "deadbeefcafe0123" as ASCII, then 81 05 "ab": an ASCII column that looks like hex. */
const TRICKY = [...new TextEncoder().encode('deadbeefcafe0123'), 0x81, 0x05, 0x61, 0x62];

function parsed(text: string): { bytes: number[]; format: string } {
	const result = parseHexDetailed(text);
	return { bytes: [...result.bytes], format: result.format };
}

/** Parses `text`, expecting a HexParseError; returns it. */
function failure(text: string): HexParseError {
	try {
		parseHex(text);
	} catch (error) {
		expect(error).toBeInstanceOf(HexParseError);
		return error as HexParseError;
	}
	throw new Error(`parseHex accepted ${JSON.stringify(text)}`);
}

describe('parseHex: plain hex', () => {
	it('reads bytes separated by spaces', () => {
		expect(parsed('81 05 48 65 6c 6c 6f')).toEqual({ bytes: HELLO, format: 'hex' });
	});

	it('reads a run of digits without spaces', () => {
		expect(parsed('810548656c6c6f')).toEqual({ bytes: HELLO, format: 'hex' });
	});

	it('reads upper case, tabs, CRLF line breaks and groups of several bytes', () => {
		expect(parsed('8105\t4865\r\n6C6C 6F\n')).toEqual({ bytes: HELLO, format: 'hex' });
	});

	it('reads "deadbeef" as hex, not base64', () => {
		expect(parsed('deadbeef')).toEqual({ bytes: [0xde, 0xad, 0xbe, 0xef], format: 'hex' });
	});

	it('returns no bytes for empty or blank input', () => {
		expect(parsed('')).toEqual({ bytes: [], format: 'empty' });
		expect(parsed('  \n\t ')).toEqual({ bytes: [], format: 'empty' });
	});
});

describe('parseHex: lists, arrays and strings', () => {
	it('reads a 0x list', () => {
		expect(parsed('0x81, 0x05, 0x48, 0x65, 0x6c, 0x6c, 0x6f')).toEqual({
			bytes: HELLO,
			format: 'c-array'
		});
		expect(parsed('0x81 0x05 0x48 0x65 0x6C 0x6c 0x6F').bytes).toEqual(HELLO);
	});

	it('reads a C array in braces, and a one-digit 0x5', () => {
		expect(parsed('{ 0x81, 0x5, 0x48, 0x65, 0x6c, 0x6c, 0x6f }').bytes).toEqual(HELLO);
	});

	it('reads xxd -i output, ignoring the declaration and the _len variable', () => {
		const text =
			'unsigned char h_bin[] = {\n  0x81, 0x05, 0x48, 0x65, 0x6c, 0x6c, 0x6f\n};\n' +
			'unsigned int h_bin_len = 7;\n';
		expect(parsed(text)).toEqual({ bytes: HELLO, format: 'c-array' });
	});

	it('reads a bracketed list and one long 0x number', () => {
		expect(parsed('[0x81, 0x05, 0x48, 0x65, 0x6c, 0x6c, 0x6f]').bytes).toEqual(HELLO);
		expect(parsed('0x810548656c6c6f').bytes).toEqual(HELLO);
	});

	it('reads \\x escapes, bare or quoted, with literal characters inside quotes', () => {
		expect(parsed('\\x81\\x05\\x48\\x65\\x6c\\x6c\\x6f')).toEqual({
			bytes: HELLO,
			format: 'escaped'
		});
		expect(parsed('"\\x81\\x05Hello"').bytes).toEqual(HELLO);
		expect(parsed("b'\\x81\\x05Hello'").bytes).toEqual(HELLO);
		expect(parsed('"\\x81\\x05" "Hel" \\\n "lo"').bytes).toEqual(HELLO);
	});

	it('reads colon- and dash-separated bytes', () => {
		expect(parsed('81:05:48:65:6c:6c:6f')).toEqual({ bytes: HELLO, format: 'separated' });
		expect(parsed('81-05-48-65-6c-6c-6f')).toEqual({ bytes: HELLO, format: 'separated' });
		expect(parsed('81:05:48:65\n6c:6c:6f').bytes).toEqual(HELLO);
	});
});

describe('parseHex: dumps', () => {
	it('reads xxd output, whose groups hold 2 bytes', () => {
		const text = '00000000: 8105 4865 6c6c 6f                        ..Hello\n';
		expect(parsed(text)).toEqual({ bytes: HELLO, format: 'xxd' });
	});

	it('reads xxd -g1 output', () => {
		const text = '00000000: 81 05 48 65 6c 6c 6f                             ..Hello';
		expect(parsed(text)).toEqual({ bytes: HELLO, format: 'xxd' });
	});

	it('ignores an xxd ASCII column that looks like hex', () => {
		const text =
			'00000000: 6465 6164 6265 6566 6361 6665 3031 3233  deadbeefcafe0123\n' +
			'00000010: 8105 6162                                ..ab\n';
		expect(parsed(text)).toEqual({ bytes: TRICKY, format: 'xxd' });
	});

	it('expands the * of xxd -a into the repeated lines', () => {
		const text =
			'00000000: 0000 0000 0000 0000  ........\n*\n00000018: 0000 0000 0000 0000  ........\n';
		expect(parsed(text).bytes).toEqual(new Array(32).fill(0));
	});

	it('reads hexdump -C output and its closing length line', () => {
		const text =
			'00000000  81 05 48 65 6c 6c 6f                              |..Hello|\n00000007\n';
		expect(parsed(text)).toEqual({ bytes: HELLO, format: 'hexdump' });
	});

	it('ignores a hexdump -C ASCII column that looks like hex', () => {
		const text =
			'00000000  64 65 61 64 62 65 65 66  63 61 66 65 30 31 32 33  |deadbeefcafe0123|\n' +
			'00000010  81 05 61 62                                       |..ab|\n' +
			'00000014\n';
		expect(parsed(text)).toEqual({ bytes: TRICKY, format: 'hexdump' });
	});

	it('expands the * of hexdump -C into the repeated lines', () => {
		const text =
			'00000000  41 41 41 41 41 41 41 41  41 41 41 41 41 41 41 41  |AAAAAAAAAAAAAAAA|\n' +
			'*\n' +
			'00000020  41 41 41 41 41 41 41 41  81 05                    |AAAAAAAA..|\n' +
			'0000002a\n';
		expect(parsed(text).bytes).toEqual([...new Array(40).fill(0x41), 0x81, 0x05]);
	});

	it('reads a Wireshark hex dump', () => {
		const text = '0000   81 05 48 65 6c 6c 6f                              ..Hello';
		expect(parsed(text)).toEqual({ bytes: HELLO, format: 'wireshark' });
	});

	it('ignores a Wireshark ASCII column that looks like hex, in both layouts', () => {
		const modern =
			'0000   64 65 61 64 62 65 65 66 63 61 66 65 30 31 32 33   deadbeefcafe0123\n' +
			'0010   81 05 61 62                                       ..ab\n';
		const classic =
			'0000  64 65 61 64 62 65 65 66  63 61 66 65 30 31 32 33   deadbeefcafe0123\n' +
			'0010  81 05 61 62                                        ..ab\n';
		expect(parsed(modern)).toEqual({ bytes: TRICKY, format: 'wireshark' });
		expect(parsed(classic)).toEqual({ bytes: TRICKY, format: 'wireshark' });
	});
});

describe('parseHex: tcpdump output', () => {
	// Printed by tcpdump 4.99.3 (-nr on packet/fixtures/tcp4.lo.pcap); the bytes are tshark's
	// frame_raw of the same packet (packet/fixtures/tcp4.lo.json).
	const FRAME =
		'00000000000000000000000008004500003cbabf4000400681fa7f0000017f0000019a7cc670eddfc8cc00000000a002ffd7fe3000000204ffd70402080a8e765bbd000000000103030a';
	const frame = () => [...Buffer.from(FRAME, 'hex')];
	const SUMMARY =
		'17:08:14.789620 IP 127.0.0.1.39548 > 127.0.0.1.50800: Flags [S], seq 3990866124, win 65495, options [mss 65495,sackOK,TS val 2390121405 ecr 0,nop,wscale 10], length 0';

	it('reads tcpdump -XX (link header, ASCII column), skipping the summary line', () => {
		const text = [
			SUMMARY,
			'\t0x0000:  0000 0000 0000 0000 0000 0000 0800 4500  ..............E.',
			'\t0x0010:  003c babf 4000 4006 81fa 7f00 0001 7f00  .<..@.@.........',
			'\t0x0020:  0001 9a7c c670 eddf c8cc 0000 0000 a002  ...|.p..........',
			'\t0x0030:  ffd7 fe30 0000 0204 ffd7 0402 080a 8e76  ...0...........v',
			'\t0x0040:  5bbd 0000 0000 0103 030a                 [.........'
		].join('\n');
		expect(parsed(text)).toEqual({ bytes: frame(), format: 'tcpdump' });
	});

	it('reads tcpdump -xx without the summary line', () => {
		const text = [
			'\t0x0000:  0000 0000 0000 0000 0000 0000 0800 4500',
			'\t0x0010:  003c babf 4000 4006 81fa 7f00 0001 7f00',
			'\t0x0020:  0001 9a7c c670 eddf c8cc 0000 0000 a002',
			'\t0x0030:  ffd7 fe30 0000 0204 ffd7 0402 080a 8e76',
			'\t0x0040:  5bbd 0000 0000 0103 030a'
		].join('\n');
		expect(parsed(text)).toEqual({ bytes: frame(), format: 'tcpdump' });
	});

	it('reads tcpdump -x, which starts at the IP header, and an odd last byte', () => {
		const text = [
			SUMMARY,
			'\t0x0000:  4500 003c babf 4000 4006 81fa 7f00 0001',
			'\t0x0010:  7f00 00'
		].join('\n');
		expect(parsed(text)).toEqual({ bytes: frame().slice(14, 33), format: 'tcpdump' });
	});

	it('refuses a second packet, pointing at its first line', () => {
		const text = [SUMMARY, '\t0x0000:  4500 003c', SUMMARY, '\t0x0000:  4500 003c'].join('\n');
		const error = failure(text);
		expect(error.line).toBe(4);
		expect(error.message).toContain('second packet');
	});
});

describe('parseHex: base64', () => {
	it('reads standard base64 with padding', () => {
		expect(parsed('gQVIZWxsbw==')).toEqual({ bytes: HELLO, format: 'base64' });
	});

	it('reads base64 without padding, and the URL-safe alphabet', () => {
		expect(parsed('gQVIZWxsbw').bytes).toEqual(HELLO);
		expect(parsed('-_8=').bytes).toEqual([0xfb, 0xff]);
		expect(parsed('+/8=').bytes).toEqual([0xfb, 0xff]);
	});

	it('reads base64 wrapped over lines', () => {
		const bytes = Uint8Array.from({ length: 90 }, (_, i) => i * 3);
		const base64 = btoa(String.fromCharCode(...bytes));
		const wrapped = base64.slice(0, 76) + '\n' + base64.slice(76);
		expect(parsed(wrapped)).toEqual({ bytes: [...bytes], format: 'base64' });
	});

	it('does not read hex with a typo as base64', () => {
		expect(failure('810548656c6c6g').message).toBe("'g' at line 1, column 14 is not a hex digit");
		expect(failure('81 05 4g').message).toBe("'g' at line 1, column 8 is not a hex digit");
	});
});

describe('parseHex: errors', () => {
	it('names a non-hex character by line and column, with its index', () => {
		const error = failure('81 05\n48 6g 6c');
		expect(error.message).toBe("'g' at line 2, column 5 is not a hex digit");
		expect(error.index).toBe(10);
		expect(error.line).toBe(2);
		expect(error.column).toBe(5);
	});

	it('rejects an odd number of hex digits, at the digit left over', () => {
		const error = failure('81 05 486');
		expect(error.message).toMatch(/^'6' at line 1, column 9 is left over/);
		expect(error.message).toContain('odd number of hex digits (3)');
		expect(error.index).toBe(8);
		expect(failure('810').index).toBe(2);
	});

	it('rejects a one-digit group between separators', () => {
		const error = failure('81:5:48');
		expect(error.index).toBe(3);
		expect(error.message).toContain('two hex digits');
	});

	it('rejects a 0x list with a stray token', () => {
		const error = failure('0x81, 0x05, zz');
		expect(error.index).toBe(12);
		expect(error.message).toBe("'z' at line 1, column 13 is not part of a 0x… byte");
	});

	it('rejects a bad \\x escape at the bad digit', () => {
		const error = failure('\\x81\\x0g');
		expect(error.index).toBe(7);
		expect(error.message).toBe("'g' at line 1, column 8 is not a hex digit");
	});

	it('rejects a bad digit inside a dump line, at its position', () => {
		const error = failure('00000000: 8105 48z5 6c6c 6f                        ..Hello');
		expect(error.index).toBe(17);
	});

	it('is an Error with the name HexParseError', () => {
		const error = failure('xyz!');
		expect(error).toBeInstanceOf(Error);
		expect(error.name).toBe('HexParseError');
		expect(error.index).toBe(0);
	});
});

describe('toHex', () => {
	it('formats bytes as lower-case pairs with a separator', () => {
		expect(toHex(Uint8Array.of(0x81, 0x05, 0xff))).toBe('81 05 ff');
		expect(toHex(Uint8Array.of(0x81, 0x05), '')).toBe('8105');
		expect(toHex(new Uint8Array(0))).toBe('');
	});
});
