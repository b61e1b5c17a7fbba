/**
 * The problem list both readers fill: located problems from the table in capture-text.ts, with
 * per-packet facts (snapshot-length cuts and the like) tallied into one problem each, and at most
 * `PROBLEM_LIMIT` problems of one code listed, so a damaged 100,000-packet file stays readable.
 */
import { CAPTURE_PROBLEMS, type CaptureProblemCode } from './capture-text';
import type { CaptureProblem } from './types';

/** Problems of one code listed at most; the rest are counted in one MORE_PROBLEMS line. */
export const PROBLEM_LIMIT = 20;

type Table = typeof CAPTURE_PROBLEMS;
type Args<C extends CaptureProblemCode> = Parameters<Table[C]['text']>;
type Rest<T extends unknown[]> = T extends [unknown, ...infer R] ? R : never;

/** Codes whose sentence starts with a count: one problem for every packet it concerns. */
export type TalliedCode =
	| 'CAPTURED_OVER_SNAPLEN'
	| 'CAPTURED_OVER_ORIGINAL'
	| 'SNAPLEN_CUT'
	| 'FRACTION_TOO_BIG'
	| 'OBSOLETE_PACKET_BLOCK'
	| 'NO_TIMESTAMP';

/** Where a problem is, and what it concerns. */
export interface ProblemPlace {
	offset: number;
	length?: number;
	packet?: number;
	/** Cites the block's own section instead of the table's default source. */
	source?: string;
}

interface Tally {
	count: number;
	place: ProblemPlace;
	args: unknown[];
}

const word = (code: CaptureProblemCode, args: unknown[]) =>
	(CAPTURE_PROBLEMS[code].text as (...a: unknown[]) => string)(...args);

/** Collects a reader's problems; `finish` returns them in file order. */
export class ProblemList {
	private readonly list: CaptureProblem[] = [];
	private readonly counts = new Map<CaptureProblemCode, number>();
	private readonly tallies = new Map<TalliedCode, Tally>();

	/** The problem, worded; listed unless PROBLEM_LIMIT of its code already are. */
	add<C extends CaptureProblemCode>(
		code: C,
		place: ProblemPlace,
		...args: Args<C>
	): CaptureProblem {
		const problem = make(code, place, word(code, args));
		const count = (this.counts.get(code) ?? 0) + 1;
		this.counts.set(code, count);
		if (count <= PROBLEM_LIMIT) this.list.push(problem);
		return problem;
	}

	/** Counts one more packet with a tallied fact; the first one's place and facts are worded. */
	tally<C extends TalliedCode>(code: C, place: ProblemPlace, ...args: Rest<Args<C>>): void {
		const tally = this.tallies.get(code);
		if (tally) tally.count++;
		else this.tallies.set(code, { count: 1, place, args });
	}

	/** Every problem, tallies worded, sorted by offset (stable: same offset keeps its order). */
	finish(): CaptureProblem[] {
		for (const [code, { count, place, args }] of this.tallies)
			this.list.push(make(code, place, word(code, [count, ...args])));
		for (const [code, count] of this.counts)
			if (count > PROBLEM_LIMIT) {
				const last = this.list.findLast((p) => p.code === code);
				this.list.push(
					make(
						'MORE_PROBLEMS',
						{ offset: last?.offset ?? 0, source: CAPTURE_PROBLEMS[code].source },
						word('MORE_PROBLEMS', [code, count - PROBLEM_LIMIT])
					)
				);
			}
		return this.list.sort((a, b) => a.offset - b.offset);
	}
}

function make(code: CaptureProblemCode, place: ProblemPlace, message: string): CaptureProblem {
	const problem: CaptureProblem = {
		code,
		message,
		offset: place.offset,
		severity: CAPTURE_PROBLEMS[code].severity,
		source: place.source ?? CAPTURE_PROBLEMS[code].source
	};
	if (place.length !== undefined) problem.length = place.length;
	if (place.packet !== undefined) problem.packet = place.packet;
	return problem;
}
