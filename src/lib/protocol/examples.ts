/**
 * The one shape of a gallery example, whatever the protocol: what it is called, what goes into
 * the decoder or checker, and the verdict that must come out. Every gallery uses it, the
 * galleries' badges are drawn from the verdict, and `galleries.test.ts` runs every example
 * through its decoder or checker and asserts that verdict.
 */

/**
 * The outcome of decoding or checking something. `failing` holds stable codes: a decoder's
 * error code (`RESERVED_OPCODE`) or the ids of the checks that fail (`accept`, `upgrade`).
 */
export type Verdict =
	| { ok: true; warnings: readonly string[] }
	| { ok: false; failing: readonly string[]; closeCode?: number };

/** One entry of a gallery. */
export interface Example<Input> {
	/** Stable and unique within its gallery; links and tests name examples by it. */
	id: string;
	title: string;
	/** One or two sentences: what the example shows. */
	description: string;
	/** The gallery group it is listed under. */
	group?: string;
	/** Where the bytes come from, when they are quoted (e.g. 'RFC 6455 §5.7'). */
	source?: string;
	/** What the decoder or checker is given. */
	input: Input;
	/** What it must answer. */
	expect: Verdict;
}

/** A verdict with nothing wrong. */
export const VALID: Verdict = { ok: true, warnings: [] };

/** The short badge a gallery shows beside an example: its close code, or how many checks fail. */
export function verdictBadge(verdict: Verdict): string | undefined {
	if (verdict.ok) return verdict.warnings.length ? 'warning' : undefined;
	if (verdict.closeCode !== undefined) return String(verdict.closeCode);
	return `${verdict.failing.length} failing`;
}

/** Two verdicts say the same thing (codes compared as sets). */
export function sameVerdict(a: Verdict, b: Verdict): boolean {
	const same = (x: readonly string[], y: readonly string[]) =>
		x.length === y.length && x.every((code) => y.includes(code));
	if (a.ok && b.ok) return same(a.warnings, b.warnings);
	if (!a.ok && !b.ok) return a.closeCode === b.closeCode && same(a.failing, b.failing);
	return false;
}
