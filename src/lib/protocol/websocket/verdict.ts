/**
 * What a decoding comes to, as one verdict: valid, valid with warnings, cut short, or a violation
 * with the close code a strict receiver sends. Galleries and lessons state the verdict they
 * expect in this form, the views show it, and the tests assert it.
 */
import type { Verdict } from '../examples';
import type { DecodeResult } from './decode';

/** The verdict of one decoding: the error code and close code, or the warnings. */
export function frameVerdict(result: DecodeResult): Verdict {
	if (result.error) {
		return { ok: false, failing: [result.error.code], closeCode: result.error.closeCode };
	}
	return { ok: true, warnings: result.warnings.map((warning) => warning.code) };
}

/**
 * What a lesson says a decoder must show: `valid` (no error, no warning, nothing cut),
 * `warning` (no error, at least one warning), `incomplete` (the input ends inside a frame), or
 * the close code of the violation (`1002`).
 */
export type FrameExpectation =
	| { kind: 'valid' }
	| { kind: 'warning' }
	| { kind: 'incomplete' }
	| { kind: 'close'; closeCode: number };

/** Reads a lesson's `expect="…"` attribute; null when it is none of the forms above. */
export function parseExpectation(text: string): FrameExpectation | null {
	const value = text.trim();
	if (value === 'valid' || value === 'warning' || value === 'incomplete') return { kind: value };
	if (/^\d{4}$/.test(value)) return { kind: 'close', closeCode: Number(value) };
	return null;
}

/** True when `result` is what `expectation` says. */
export function meetsExpectation(result: DecodeResult, expectation: FrameExpectation): boolean {
	switch (expectation.kind) {
		case 'valid':
			return !result.error && !result.incomplete && result.warnings.length === 0;
		case 'warning':
			return !result.error && result.warnings.length > 0;
		case 'incomplete':
			return !result.error && !!result.incomplete;
		case 'close':
			return result.error?.closeCode === expectation.closeCode;
	}
}
