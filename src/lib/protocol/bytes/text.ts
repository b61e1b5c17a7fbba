/**
 * Small wording helpers every protocol's explanation module shares (English).
 */

/**
 * "1,048,576" or "1,234.5": a number with the thousands of its whole part grouped by commas, as
 * en-US writes it. Written by hand because `toLocaleString` and `Intl.NumberFormat` cost
 * microseconds a call, and their first call in a page loads locale data for tens of milliseconds,
 * on the main thread, while the page starts.
 */
export function groupDigits(value: number): string {
	// Most numbers a decoder writes are small: nothing to group, and no pattern to run.
	if (Number.isInteger(value) && value > -1000 && value < 1000) return String(value);
	const digits = String(value);
	const match = /^(-?\d+)(\.\d+)?$/.exec(digits);
	if (!match) return digits;
	return match[1].replace(/\B(?=(\d{3})+$)/g, ',') + (match[2] ?? '');
}

/** "1 byte", "2,048 bytes": a count with its noun, pluralised with an s. */
export function plural(count: number, word: string): string {
	return `${groupDigits(count)} ${word}${count === 1 ? '' : 's'}`;
}
