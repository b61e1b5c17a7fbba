/**
 * Small wording helpers every protocol's explanation module shares (English).
 */

/**
 * "1,048,576": a whole number with its thousands grouped by commas. Written by hand because
 * `toLocaleString` costs microseconds a call, and decoders write numbers for every field.
 */
export function groupDigits(value: number): string {
	// Most numbers a decoder writes are small: nothing to group, and no pattern to run.
	if (Number.isInteger(value) && value > -1000 && value < 1000) return String(value);
	const digits = String(value);
	if (!/^-?\d+$/.test(digits)) return digits;
	return digits.replace(/\B(?=(\d{3})+$)/g, ',');
}

/** "1 byte", "2,048 bytes": a count with its noun, pluralised with an s. */
export function plural(count: number, word: string): string {
	return `${groupDigits(count)} ${word}${count === 1 ? '' : 's'}`;
}
