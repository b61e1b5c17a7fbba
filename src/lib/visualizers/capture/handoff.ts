/**
 * Handing pasted text to the Capture Explorer from another tool (the Frame Decoder offers it for
 * a Follow TCP Stream dump): the text waits in sessionStorage, never in the address (it can be
 * large and private), and the Capture Explorer, opened at `?paste=1`, takes it once.
 */

const KEY = 'socket-explorer:capture-paste';

/** The query that tells the Capture Explorer to take the text handed to it. */
export const HANDOFF_QUERY = 'paste=1';

/** Leaves `text` for the Capture Explorer; false when the browser would not store it. */
export function handOffPaste(text: string): boolean {
	try {
		sessionStorage.setItem(KEY, text);
		return true;
	} catch {
		return false;
	}
}

/** The text handed over, removed as it is taken; null when the address did not ask for it. */
export function takeHandedOffPaste(search: URLSearchParams): string | null {
	if (search.get('paste') !== '1') return null;
	try {
		const text = sessionStorage.getItem(KEY);
		sessionStorage.removeItem(KEY);
		return text;
	} catch {
		return null;
	}
}
