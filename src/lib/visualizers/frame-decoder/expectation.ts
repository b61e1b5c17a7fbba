/**
 * What a lesson says an embedded decoder must show (`expect="1002"`), set against what the bytes
 * on screen show now: a reader who edits the bytes sees at once that they no longer match.
 */
import type { DecodeResult } from '$lib/protocol/websocket';
import { expectationSentence, unknownExpectation } from '$lib/protocol/websocket/explain';
import { meetsExpectation, parseExpectation } from '$lib/protocol/websocket/verdict';

/** The line shown beside the verdict, and whether the verdict matches it. */
export interface ExpectationLine {
	/** `met`: the bytes show what was expected; `mismatch`: they do not; `unknown`: the
	 * expectation itself does not parse (a mistake in the lesson). */
	state: 'met' | 'mismatch' | 'unknown';
	sentence: string;
}

/**
 * The expectation line for `expect`, or null when nothing is expected. `result` is null while
 * there are no bytes to decode, which meets no expectation.
 */
export function expectationLine(
	expect: string | undefined,
	result: DecodeResult | null
): ExpectationLine | null {
	if (expect === undefined) return null;
	const expectation = parseExpectation(expect);
	if (expectation === null) return { state: 'unknown', sentence: unknownExpectation(expect) };
	const met = result !== null && meetsExpectation(result, expectation);
	return { state: met ? 'met' : 'mismatch', sentence: expectationSentence(expectation, met) };
}
