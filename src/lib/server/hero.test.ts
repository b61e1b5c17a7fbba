import { describe, expect, it } from 'vitest';
import { heroFrame } from './hero';

describe('heroFrame', () => {
	it('groups the masked "Hello" of RFC 6455 §5.7 by the bytes its fields share', () => {
		// RFC 6455 §5.7: "A single-frame masked text message ... 0x81 0x85 0x37 0xfa 0x21 0x3d
		// 0x7f 0x9f 0x4d 0x51 0x58 (contains "Hello")".
		const { groups, caption } = heroFrame();
		expect(groups.map((group) => group.hex)).toEqual(['81', '85', '37 fa 21 3d', '7f 9f 4d 51 58']);
		// Byte 0: FIN=1 and opcode %x1, a text frame (§5.2).
		expect(groups[0].label).toMatch(/FIN=1/);
		expect(groups[0].label).toMatch(/opcode 0x1 \(text\)/);
		expect(groups[0].label).not.toMatch(/RSV/);
		// Byte 1: MASK=1 and a 7-bit payload length of 5.
		expect(groups[1].label).toMatch(/MASK=1/);
		expect(groups[1].label).toMatch(/length 5\b/);
		expect(groups[2].label).toMatch(/masking key/);
		// The payload unmasks to "Hello".
		expect(groups[3].label).toMatch(/⊕ key = “Hello”/);
		expect(groups.map((group) => group.category)).toEqual(['type', 'length', 'key', 'payload']);
		expect(caption).toMatch(/^The 11 bytes of a masked WebSocket text frame \(RFC 6455 §5\.7\)/);
	});

	it('labels an unmasked binary frame as binary, with its 16-bit length', () => {
		// RFC 6455 §5.7: "256 bytes binary message in a single unmasked frame:
		// 0x82 0x7E 0x0100 [256 bytes of binary data]".
		const data = Array.from({ length: 256 }, (_, i) => i.toString(16).padStart(2, '0'));
		const { groups, caption } = heroFrame({ hex: `82 7e 01 00 ${data.join(' ')}`, from: 'server' });
		expect(groups.map((group) => group.hex)).toEqual(['82', '7e', '01 00', data.join(' ')]);
		expect(groups[0].label).toMatch(/FIN=1/);
		expect(groups[0].label).toMatch(/opcode 0x2 \(binary\)/);
		expect(groups[0].label).not.toMatch(/text/);
		// Payload len 126: the length is in the next 2 bytes, which hold 256.
		expect(groups[1].label).toMatch(/MASK=0/);
		expect(groups[1].label).toMatch(/next 2 bytes/);
		expect(groups[2].label).toMatch(/length 256\b/);
		expect(groups[3].label).not.toMatch(/⊕|key/);
		expect(groups[3].label).toMatch(/256 bytes/);
		expect(groups.map((group) => group.category)).toEqual(['type', 'length', 'length', 'payload']);
		expect(caption).toMatch(/^The 260 bytes of an unmasked WebSocket binary frame, /);
	});
});
