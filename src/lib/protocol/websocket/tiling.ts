/**
 * The layout invariant of `decodeFrames`, as a checker tests (and a UI in development) can
 * call: frames follow each other from byte 0, and each frame's fields cover its bits exactly
 * once, in order, from its first bit to the end of its last byte present.
 */
import type { DecodeResult } from './decode';

/** Lists every way `result` breaks the layout invariant for an input of `inputLength` bytes. */
export function findTilingProblems(result: DecodeResult, inputLength: number): string[] {
	const problems: string[] = [];
	let expectedOffset = 0;
	for (const frame of result.frames) {
		const name = `frame ${frame.index} (byte ${frame.offset})`;
		if (frame.offset !== expectedOffset) {
			problems.push(`${name} starts at byte ${frame.offset}, expected ${expectedOffset}`);
		}
		if (frame.length < 1) problems.push(`${name} has length ${frame.length}`);
		let bit = frame.offset * 8;
		for (const field of frame.fields) {
			const start = field.offset * 8 + field.bitOffset;
			if (field.bitOffset < 0 || field.bitOffset > 7) {
				problems.push(`${name}: field ${field.key} has bitOffset ${field.bitOffset}`);
			}
			if (start !== bit) {
				problems.push(`${name}: field ${field.key} starts at bit ${start}, expected ${bit}`);
			}
			if (field.bitLength <= 0) {
				problems.push(`${name}: field ${field.key} has bitLength ${field.bitLength}`);
			}
			bit = start + field.bitLength;
		}
		const end = (frame.offset + frame.length) * 8;
		if (bit !== end) problems.push(`${name}: fields end at bit ${bit}, the frame at bit ${end}`);
		expectedOffset = frame.offset + frame.length;
	}
	if (expectedOffset !== inputLength - result.trailing) {
		problems.push(
			`frames cover ${expectedOffset} bytes, but ${inputLength} - ${result.trailing} trailing ` +
				`= ${inputLength - result.trailing}`
		);
	}
	return problems;
}
