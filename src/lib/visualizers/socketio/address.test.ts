import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { TRANSPORT_CHOICES, socketIoAddress, type SocketIoAddress } from './address';

function throughUrl(state: SocketIoAddress) {
	const url = new URL('http://127.0.0.1:4173/tools/socketio/');
	url.search = socketIoAddress.write(state).toString();
	return socketIoAddress.read(new URL(url.href).searchParams);
}

describe('socketIoAddress', () => {
	it('round-trips every state that differs from the defaults, whatever the URL holds', () => {
		const state = fc
			.record({
				url: fc.string({ unit: 'grapheme', maxLength: 80 }),
				transports: fc.constantFrom(...TRANSPORT_CHOICES),
				upgrade: fc.boolean()
			})
			.filter((s) => s.url !== '' || s.transports !== 'both' || !s.upgrade);
		fc.assert(
			fc.property(state, (s) => {
				expect(socketIoAddress.read(socketIoAddress.write(s))).toEqual(s);
				expect(throughUrl(s)).toEqual(s);
			})
		);
	});

	it('reads an empty address as nothing, and writes the defaults as an empty address', () => {
		expect(socketIoAddress.read(new URLSearchParams(''))).toBeNull();
		expect(socketIoAddress.write({ url: '', transports: 'both', upgrade: true }).toString()).toBe(
			''
		);
	});

	it('falls back to the defaults for values it does not know', () => {
		expect(socketIoAddress.read(new URLSearchParams('transports=sse&upgrade=maybe'))).toEqual({
			url: '',
			transports: 'both',
			upgrade: false
		});
	});
});
