/**
 * A tool's state as it is kept in the page address. Every tool page describes its state with one
 * codec and hands it to `syncAddress` (`$lib/components/address.svelte`), so reading a shared
 * link and writing the address as the user works are the same two functions everywhere.
 *
 * Pure: no DOM, no runes. Each codec has a round-trip property test beside its tool.
 */
export interface AddressCodec<S> {
	/**
	 * The state a link describes, or null when the address holds nothing for this tool (the page
	 * then keeps what it starts with). Values that do not parse fall back to sensible defaults
	 * rather than throwing: an address is user input.
	 */
	read(params: URLSearchParams): S | null;
	/** The parameters that reproduce `state`; `read(write(s))` gives back `s`. */
	write(state: S): URLSearchParams;
}

/** One of `choices`, or `fallback` when the parameter is missing or names none of them. */
export function readChoice<T extends string>(
	params: URLSearchParams,
	name: string,
	choices: readonly T[],
	fallback: T
): T {
	const value = params.get(name);
	return (choices as readonly string[]).includes(value ?? '') ? (value as T) : fallback;
}

/** A flag written as `name=1`: true for `1`, false for anything else, `fallback` when absent. */
export function readFlag(params: URLSearchParams, name: string, fallback = false): boolean {
	return params.has(name) ? params.get(name) === '1' : fallback;
}

/**
 * A whole number within [min, max], or `fallback` when the parameter is missing, is not a
 * whole number, or lies outside the range.
 */
export function readInteger(
	params: URLSearchParams,
	name: string,
	min: number,
	max: number,
	fallback: number
): number {
	const text = params.get(name);
	if (text === null || !/^-?\d+$/.test(text)) return fallback;
	const value = Number(text);
	return value >= min && value <= max ? value : fallback;
}
