import { describe, expect, it } from 'vitest';
import { bitCount, describePosition, fieldsAt, isBitField, startBit, type Field } from './fields';

// The first two bytes of an RFC 6455 §5.2 header: FIN (bit 0), opcode (bits 4–7), then a
// 2-byte extended length at bytes 2–3.
const FIN = { offset: 0, length: 1, bitOffset: 0, bitLength: 1 };
const OPCODE = { offset: 0, length: 1, bitOffset: 4, bitLength: 4 };
const EXTENDED: { offset: number; length: number; bitOffset?: number; bitLength?: number } = {
	offset: 2,
	length: 2
};

describe('field geometry', () => {
	it('counts bits from the start of the input, bit 0 being the most significant', () => {
		expect(startBit(OPCODE)).toBe(4);
		expect(startBit(EXTENDED)).toBe(16);
		expect(bitCount(OPCODE)).toBe(4);
		expect(bitCount(EXTENDED)).toBe(16);
	});

	it('tells bit fields from whole-byte fields', () => {
		expect(isBitField(FIN)).toBe(true);
		expect(isBitField(OPCODE)).toBe(true);
		expect(isBitField(EXTENDED)).toBe(false);
		expect(isBitField({ bitOffset: 0, bitLength: 16 })).toBe(false);
	});

	it('says where a field sits, for people', () => {
		expect(describePosition(FIN)).toBe('byte 0, bit 0');
		expect(describePosition(OPCODE)).toBe('byte 0, bits 4–7');
		expect(describePosition(EXTENDED)).toBe('bytes 2–3');
		expect(describePosition({ offset: 5, length: 1 })).toBe('byte 5');
		expect(describePosition({ offset: 1000, length: 2000 }, 0)).toBe('bytes 1,000–2,999');
		expect(describePosition(EXTENDED, 2)).toBe('bytes 0–1');
	});

	it('finds every field that covers a byte', () => {
		const field = (key: string, at: object) => ({ key, ...at }) as unknown as Field;
		const fields = [field('fin', FIN), field('opcode', OPCODE), field('ext', EXTENDED)];
		expect(fieldsAt(fields, 0).map((f) => f.key)).toEqual(['fin', 'opcode']);
		expect(fieldsAt(fields, 1)).toEqual([]);
		expect(fieldsAt(fields, 3).map((f) => f.key)).toEqual(['ext']);
	});
});
