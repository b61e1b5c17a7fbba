import { describe, expect, it } from 'vitest';
import { randomBytes, randomMaskingKey } from './random';

describe('randomBytes', () => {
	it('gives the number of bytes asked for', () => {
		expect(randomBytes(16)).toHaveLength(16);
		expect(randomMaskingKey()).toHaveLength(4);
	});

	it('draws fresh bytes each time', () => {
		// 2^-128 chance of a false failure.
		expect(randomBytes(16)).not.toEqual(randomBytes(16));
	});
});
