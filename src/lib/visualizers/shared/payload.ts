/** Ways to read a payload, worked out once from its bytes. */
export interface PayloadViews {
	/** The payload as UTF-8 text, when it is valid UTF-8. */
	text: string | null;
	/** Pretty-printed JSON, when the text parses as a JSON object or array. */
	json: string | null;
}

const utf8 = new TextDecoder('utf-8', { fatal: true });

/** Largest payload for which JSON is tried (a bigger one is still shown as text and hex). */
export const MAX_JSON_BYTES = 1 << 20;

/** Reads a payload as text and, when it parses, as JSON. */
export function payloadViews(data: Uint8Array): PayloadViews {
	let text: string;
	try {
		text = utf8.decode(data);
	} catch {
		return { text: null, json: null };
	}
	let json: string | null = null;
	const trimmed = text.trim();
	if (data.length <= MAX_JSON_BYTES && /^[[{]/.test(trimmed)) {
		try {
			json = JSON.stringify(JSON.parse(trimmed), null, 2);
		} catch {
			json = null;
		}
	}
	return { text, json };
}
