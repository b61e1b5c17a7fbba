import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { captureAddress, MAX_NUMBER, type CaptureSelection } from './address';

/** Through the address bar and back: write, serialise, parse, read. */
const roundTrip = (selection: CaptureSelection) =>
	captureAddress.read(new URLSearchParams(captureAddress.write(selection).toString()));

const read = (query: string) => captureAddress.read(new URLSearchParams(query));

const number = fc.integer({ min: 0, max: MAX_NUMBER });

const selection: fc.Arbitrary<CaptureSelection> = fc.oneof(
	fc.record({
		conversation: fc.record({ kind: fc.constant('tcp' as const), id: number }),
		frame: fc.option(fc.integer({ min: 1, max: MAX_NUMBER }), { nil: null })
	}),
	fc.record({
		conversation: fc.record({ kind: fc.constant('udp' as const), id: number }),
		frame: fc.constant(null)
	})
);

describe('captureAddress', () => {
	it('gives back every selection it writes, through a serialised address', () => {
		fc.assert(
			fc.property(selection, (s) => {
				expect(roundTrip(s)).toEqual(s);
			})
		);
	});

	it('writes nothing when no conversation is chosen, and reads nothing back from that', () => {
		expect(captureAddress.write({ conversation: null, frame: null }).toString()).toBe('');
		expect(read('')).toBeNull();
	});

	it('writes the stream number and the frame as short parameters', () => {
		expect(
			captureAddress.write({ conversation: { kind: 'tcp', id: 0 }, frame: 7 }).toString()
		).toBe('tcp=0&frame=7');
		expect(
			captureAddress.write({ conversation: { kind: 'udp', id: 2 }, frame: null }).toString()
		).toBe('udp=2');
	});

	it('ignores what does not parse instead of throwing', () => {
		expect(read('tcp=abc')).toBeNull();
		expect(read('tcp=-1')).toBeNull();
		expect(read('tcp=1&frame=0')).toEqual({ conversation: { kind: 'tcp', id: 1 }, frame: null });
		expect(read('tcp=1&frame=x')).toEqual({ conversation: { kind: 'tcp', id: 1 }, frame: null });
		expect(read('udp=1&frame=3')).toEqual({ conversation: { kind: 'udp', id: 1 }, frame: null });
	});

	it('never throws on any address', () => {
		fc.assert(
			fc.property(fc.string(), (query) => {
				const result = read(query);
				expect(result === null || typeof result === 'object').toBe(true);
			})
		);
	});
});
