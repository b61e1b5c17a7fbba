import { describe, expect, it } from 'vitest';
import { fragmentSizes } from './delivery-datagram';

// RFC 791: the fragment offset counts 8-byte units, so every fragment but the last carries a
// multiple of 8 bytes of IP payload; the IP payload of a UDP datagram is its 8-byte header + data.
describe('fragmentSizes', () => {
	it('keeps a payload of up to MTU − 28 bytes in one packet', () => {
		expect(fragmentSizes(1472, 1500)).toEqual([1480]);
		expect(fragmentSizes(0, 68)).toEqual([8]);
		expect(fragmentSizes(40, 68)).toEqual([48]);
	});

	it('splits the 2,008-byte IP payload of a 2,000-byte UDP payload into 1,480 + 528 at MTU 1500', () => {
		expect(fragmentSizes(2000, 1500)).toEqual([1480, 528]);
	});

	it('rounds the fragment size down to a multiple of 8 when MTU − 20 is not one', () => {
		// MTU 1006: 986 bytes of room, 984 usable (123 × 8).
		expect(fragmentSizes(1000, 1006)).toEqual([984, 24]);
		// MTU 68 (RFC 791's minimum): 48 bytes per fragment.
		expect(fragmentSizes(41, 68)).toEqual([48, 1]);
	});
});
