import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { MAX_BUILDER_PAYLOAD, MAX_FRAGMENTS } from '$lib/protocol/websocket/builder';
import { builderAddress, DEFAULT_BUILDER, type BuilderSettings } from './address';

/** Through the address bar and back: write, serialise, parse, read. */
const roundTrip = (settings: BuilderSettings) =>
	builderAddress.read(new URLSearchParams(builderAddress.write(settings).toString()));

const read = (query: string) => builderAddress.read(new URLSearchParams(query));

const hexByte = fc.integer({ min: 0, max: 255 }).map((b) => b.toString(16).padStart(2, '0'));
const text = fc.string({ unit: 'grapheme', maxLength: 60 });

/** Any form the builder can show: a Close frame (opcode 0x8) carries a code and a reason. */
const settings: fc.Arbitrary<BuilderSettings> = fc
	.record({
		opcode: fc.integer({ min: 0, max: 15 }),
		fin: fc.boolean(),
		rsv1: fc.boolean(),
		rsv2: fc.boolean(),
		rsv3: fc.boolean(),
		data: fc.oneof(
			fc.record({ kind: fc.constant('text' as const), text }),
			fc.record({ kind: fc.constant('hex' as const), hex: text }),
			fc.record({
				kind: fc.constant('size' as const),
				size: fc.integer({ min: 0, max: MAX_BUILDER_PAYLOAD })
			})
		),
		close: fc.record({ kind: fc.constant('close' as const), code: text, reason: text }),
		mask: fc.oneof(
			fc.constant({ kind: 'none' as const }),
			fc.constant({ kind: 'random' as const }),
			fc
				.array(hexByte, { minLength: 4, maxLength: 4 })
				.map((key) => ({ kind: 'fixed' as const, key: key.join(' ') }))
		),
		fragments: fc.integer({ min: 1, max: MAX_FRAGMENTS }),
		compress: fc.boolean()
	})
	.map(({ data, close, ...s }) => ({ ...s, payload: s.opcode === 0x8 ? close : data }));

describe('builderAddress', () => {
	it('gives back every form it writes, through a serialised address', () => {
		fc.assert(
			fc.property(settings, (s) => {
				expect(roundTrip(s)).toEqual(s);
			})
		);
	});

	it('reads the links the builder has always written', () => {
		expect(read('op=8&flags=1000&kind=close&code=4000&reason=done&mask=0&frags=1')).toEqual({
			...DEFAULT_BUILDER,
			opcode: 0x8,
			payload: { kind: 'close', code: '4000', reason: 'done' },
			mask: { kind: 'none' }
		});
		// The masking key of RFC 6455 §5.7, written without spaces.
		expect(read('op=1&flags=0000&kind=text&text=Hel&mask=37fa213d&frags=2&deflate=1')).toEqual({
			...DEFAULT_BUILDER,
			fin: false,
			payload: { kind: 'text', text: 'Hel' },
			mask: { kind: 'fixed', key: '37 fa 21 3d' },
			fragments: 2,
			compress: true
		});
	});

	it('writes only the payload the form uses, and a fixed key without spaces', () => {
		const params = builderAddress.write({
			...DEFAULT_BUILDER,
			opcode: 0xa,
			payload: { kind: 'hex', hex: 'de ad' },
			mask: { kind: 'fixed', key: '37 fa 21 3d' }
		});
		expect(params.toString()).toBe('op=a&flags=1000&kind=hex&hex=de+ad&mask=37fa213d&frags=1');
	});

	it('describes nothing when the address has none of its parameters', () => {
		expect(read('')).toBeNull();
		expect(read('q=masking&hex_=1')).toBeNull();
	});

	it('falls back to the default for each value that does not parse', () => {
		const bad = 'op=zz&flags=10&kind=binary&size=12&mask=&frags=0&deflate=yes';
		expect(read(bad)).toEqual({ ...DEFAULT_BUILDER, mask: { kind: 'fixed', key: '' } });
		expect(read('op=10')).toEqual(DEFAULT_BUILDER);
		expect(read('mask=zz')).toEqual({ ...DEFAULT_BUILDER, mask: { kind: 'fixed', key: '' } });
		for (const frags of ['0', '65', '1.5', 'two']) {
			expect(read(`frags=${frags}`)?.fragments).toBe(DEFAULT_BUILDER.fragments);
		}
		for (const size of ['-1', String(MAX_BUILDER_PAYLOAD + 1), '3e2', 'big']) {
			expect(read(`kind=size&size=${size}`)?.payload).toEqual({ kind: 'size', size: 300 });
		}
	});

	it('reads the payload the opcode allows: a Close frame has a code, a text frame none', () => {
		expect(read('op=8&kind=text&text=hi')?.payload).toEqual({
			kind: 'close',
			code: '1000',
			reason: ''
		});
		expect(read('op=1&kind=close&code=1000')?.payload).toEqual({ kind: 'text', text: 'Hello' });
	});
});
