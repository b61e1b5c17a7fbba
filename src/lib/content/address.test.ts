import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { searchAddress } from './address';

describe('searchAddress', () => {
	it('gives back any search with something in it, exactly as typed', () => {
		fc.assert(
			fc.property(
				fc.string().filter((q) => q.trim() !== ''),
				(query) => {
					expect(searchAddress.read(searchAddress.write(query))).toBe(query);
				}
			)
		);
	});

	it('writes nothing for an empty or blank search, and reads nothing from a clean address', () => {
		expect(searchAddress.write('').toString()).toBe('');
		expect(searchAddress.write('  ').toString()).toBe('');
		expect(searchAddress.read(new URLSearchParams())).toBeNull();
	});

	it('reads the search of a shared link', () => {
		expect(searchAddress.read(new URLSearchParams('q=Sec-WebSocket-Accept'))).toBe(
			'Sec-WebSocket-Accept'
		);
	});
});
