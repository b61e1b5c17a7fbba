import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { LIMITS, MIN_MTU, SOCKET_TYPES } from '$lib/protocol/sockets/delivery';
import { DEFAULT_LAB, labAddress, MAX_SEED, type LabSettings } from './address';

/** Through the address bar and back: write, serialise, parse, read. */
const roundTrip = (settings: LabSettings) =>
	labAddress.read(new URLSearchParams(labAddress.write(settings).toString()));

const read = (query: string) => labAddress.read(new URLSearchParams(query));

/** A slider's value: hundredths from 0 to 1. */
const probability = fc.integer({ min: 0, max: 100 }).map((n) => n / 100);

/** Any settings the lab can show. */
const settings: fc.Arbitrary<LabSettings> = fc.record({
	messages: fc.array(fc.string({ unit: 'grapheme', maxLength: 40 }), {
		minLength: 1,
		maxLength: LIMITS.maxMessages
	}),
	type: fc.constantFrom(...SOCKET_TYPES),
	readSize: fc.integer({ min: 1, max: LIMITS.maxReadSize }),
	loss: probability,
	reorder: probability,
	duplicate: probability,
	mtu: fc.integer({ min: MIN_MTU, max: LIMITS.maxMtu }),
	seed: fc.integer({ min: 0, max: MAX_SEED }),
	compare: fc.boolean()
});

describe('labAddress', () => {
	it('gives back every state it writes, through a serialised address', () => {
		fc.assert(
			fc.property(settings, (s) => {
				expect(roundTrip(s)).toEqual(s);
			})
		);
	});

	it('keeps typed escapes, empty messages and their order', () => {
		const s = { ...DEFAULT_LAB, messages: ['LOGIN alice\\n', '', 'PASS secret\\n'] };
		expect(labAddress.write(s).getAll('m')).toEqual(['LOGIN alice\\n', '', 'PASS secret\\n']);
		expect(roundTrip(s)).toEqual(s);
	});

	it('reads a link written by hand', () => {
		expect(read('m=hello&m=world&type=datagram&read=3&loss=0.5&mtu=576&seed=42')).toEqual({
			...DEFAULT_LAB,
			messages: ['hello', 'world'],
			type: 'datagram',
			readSize: 3,
			loss: 0.5,
			mtu: 576,
			seed: 42
		});
		expect(read('compare=1')).toEqual({ ...DEFAULT_LAB, compare: true });
	});

	it('describes nothing when the address has none of its parameters', () => {
		expect(read('')).toBeNull();
		expect(read('q=tcp&hex=81')).toBeNull();
	});

	it('falls back to the default for each value that does not parse or is out of range', () => {
		const bad = 'type=raw&read=0&loss=1.5&reorder=-0.1&dup=x&mtu=12&seed=-1&compare=yes';
		expect(read(bad)).toEqual(DEFAULT_LAB);
		expect(read(`mtu=${MIN_MTU - 1}`)?.mtu).toBe(DEFAULT_LAB.mtu);
		expect(read(`read=${LIMITS.maxReadSize + 1}`)?.readSize).toBe(DEFAULT_LAB.readSize);
		expect(read(`seed=${MAX_SEED + 1}`)?.seed).toBe(DEFAULT_LAB.seed);
		for (const p of ['1e-1', 'NaN', '', '0.5.5', ' 0.5']) {
			expect(read(`loss=${encodeURIComponent(p)}`)?.loss).toBe(DEFAULT_LAB.loss);
		}
	});

	it('keeps no more messages than the model accepts', () => {
		const many = Array.from({ length: LIMITS.maxMessages + 3 }, (_, i) => `m=${i}`).join('&');
		expect(read(many)?.messages).toHaveLength(LIMITS.maxMessages);
	});
});
