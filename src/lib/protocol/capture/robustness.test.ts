/**
 * readCapture never throws, and every problem and packet it returns lies within the file: on the
 * fixtures cut at every length, with bytes flipped, and on random bytes behind each magic number.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { CAPTURES, readFixture } from './fixtures/load';
import { concat, idb, shb, writePcap } from './fixtures/write';
import { readCapture } from './read';
import type { CaptureReading } from './types';

/** What is wrong with a reading of `file`, as sentences; empty when all is well. */
function violations(file: Uint8Array, reading: CaptureReading): string[] {
	const out: string[] = [];
	const within = (what: string, offset: number, length = 0) => {
		if (!Number.isInteger(offset) || !Number.isInteger(length) || offset < 0 || length < 0)
			out.push(`${what}: offset ${offset}, length ${length} is not a position`);
		else if (offset + length > file.length)
			out.push(`${what}: ${offset}+${length} is past the end (${file.length})`);
	};
	const problems = reading.ok ? reading.problems : [reading.error];
	if (!reading.ok && reading.error.severity !== 'error') out.push('ok: false without an error');
	for (const p of problems) {
		within(p.code, p.offset, p.length);
		if (!p.message || !p.source) out.push(`${p.code}: no message or source`);
		if (p.packet !== undefined && (p.packet < 0 || p.packet > reading.packets.length))
			out.push(`${p.code}: packet ${p.packet} out of range`);
	}
	reading.packets.forEach((packet, i) => {
		if (packet.index !== i) out.push(`packet ${i} has index ${packet.index}`);
		if (typeof packet.time !== 'bigint') out.push(`packet ${i}: time is not a bigint`);
		within(`packet ${i}`, packet.offset);
		if (packet.bytes.length !== packet.capturedLength)
			out.push(
				`packet ${i}: ${packet.bytes.length} bytes for a captured length ${packet.capturedLength}`
			);
		if (packet.bytes.buffer !== file.buffer)
			out.push(`packet ${i}: bytes are not a view of the file`);
		else
			within(`packet ${i} bytes`, packet.bytes.byteOffset - file.byteOffset, packet.bytes.length);
	});
	return out;
}

const check = (file: Uint8Array) => violations(file, readCapture(file));

const FIXTURES = [
	CAPTURES.echo,
	CAPTURES.echoNg,
	CAPTURES.echo6,
	CAPTURES.multi,
	CAPTURES.bigEndianNs,
	CAPTURES.sections
];

describe('readCapture robustness', () => {
	it.each(FIXTURES)('%s cut at every length: no throw, everything located in the file', (name) => {
		const file = readFixture(name);
		const found: string[] = [];
		for (let length = 0; length <= file.length; length++) {
			const cut = file.subarray(0, length);
			found.push(...check(cut).map((v) => `at length ${length}: ${v}`));
		}
		expect(found).toEqual([]);
	});

	it('keeps the packets before a cut: a file cut inside a block yields the packets before it', () => {
		const file = readFixture(CAPTURES.echoNg);
		const whole = readCapture(file);
		if (!whole.ok) throw new Error(whole.error.message);
		for (const packet of whole.packets.slice(1)) {
			const reading = readCapture(file.subarray(0, packet.offset + 5));
			if (!reading.ok) throw new Error(reading.error.message);
			expect(reading.packets.length, `cut inside packet ${packet.index}`).toBe(packet.index);
			expect(reading.problems.at(-1)).toMatchObject({
				code: 'TRUNCATED_BLOCK',
				offset: packet.offset
			});
		}
	});

	it('survives flipped bytes in real captures', () => {
		const files = FIXTURES.map(readFixture);
		fc.assert(
			fc.property(
				fc.integer({ min: 0, max: files.length - 1 }),
				fc.array(fc.tuple(fc.nat(), fc.integer({ min: 0, max: 255 })), {
					minLength: 1,
					maxLength: 8
				}),
				(which, flips) => {
					const file = files[which].slice();
					for (const [at, value] of flips) file[at % file.length] = value;
					expect(check(file)).toEqual([]);
				}
			),
			{ numRuns: 500 }
		);
	});

	it('survives random bytes behind every magic number and a Section Header Block', () => {
		const heads = [
			writePcap({ little: true, nanosecond: false }, []),
			writePcap({ little: false, nanosecond: false }, []),
			writePcap({ little: true, nanosecond: true }, []),
			writePcap({ little: false, nanosecond: true }, []),
			shb(true),
			shb(false),
			concat(shb(true), idb(true, 1, 0)),
			concat(shb(false), idb(false, 1, 64)),
			new Uint8Array()
		];
		fc.assert(
			fc.property(
				fc.integer({ min: 0, max: heads.length - 1 }),
				fc.uint8Array({ maxLength: 400 }),
				(which, tail) => {
					expect(check(concat(heads[which], tail))).toEqual([]);
				}
			),
			{ numRuns: 1000 }
		);
	});

	it('reads a file that is a view into a larger buffer at its own offsets', () => {
		const file = readFixture(CAPTURES.echo);
		const padded = new Uint8Array(file.length + 10);
		padded.set(file, 7);
		const view = padded.subarray(7, 7 + file.length);
		const direct = readCapture(file);
		const viewed = readCapture(view);
		if (!direct.ok || !viewed.ok) throw new Error('not read');
		expect(viewed.packets.map((p) => [p.offset, p.time, [...p.bytes]])).toEqual(
			direct.packets.map((p) => [p.offset, p.time, [...p.bytes]])
		);
		expect(violations(view, viewed)).toEqual([]);
	});
});
