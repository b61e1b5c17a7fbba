/**
 * Small wording helpers every protocol's explanation module shares (English).
 */

/** "1 byte", "2,048 bytes": a count with its noun, pluralised with an s. */
export function plural(count: number, word: string): string {
	return `${count.toLocaleString('en')} ${word}${count === 1 ? '' : 's'}`;
}
