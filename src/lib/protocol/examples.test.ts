import { describe, expect, it } from 'vitest';
import { VALID, sameVerdict, verdictBadge } from './examples';

describe('verdictBadge', () => {
	it('shows nothing for a clean verdict and "warning" for warnings', () => {
		expect(verdictBadge(VALID)).toBeUndefined();
		expect(verdictBadge({ ok: true, warnings: ['NON_MINIMAL_LENGTH'] })).toBe('warning');
	});
	it('shows the close code when there is one, else how many checks fail', () => {
		expect(verdictBadge({ ok: false, failing: ['RESERVED_OPCODE'], closeCode: 1002 })).toBe('1002');
		expect(verdictBadge({ ok: false, failing: ['accept', 'upgrade'] })).toBe('2 failing');
	});
});

describe('sameVerdict', () => {
	it('compares codes as sets', () => {
		expect(
			sameVerdict({ ok: false, failing: ['a', 'b'] }, { ok: false, failing: ['b', 'a'] })
		).toBe(true);
		expect(sameVerdict({ ok: false, failing: ['a'] }, { ok: false, failing: ['a', 'b'] })).toBe(
			false
		);
	});
	it('tells valid from invalid and compares close codes and warnings', () => {
		expect(sameVerdict(VALID, { ok: false, failing: [] })).toBe(false);
		expect(
			sameVerdict(
				{ ok: false, failing: ['x'], closeCode: 1002 },
				{ ok: false, failing: ['x'], closeCode: 1007 }
			)
		).toBe(false);
		expect(sameVerdict(VALID, { ok: true, warnings: ['W'] })).toBe(false);
	});
});
