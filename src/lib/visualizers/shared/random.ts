/**
 * Randomness for the views. The protocol modules take random bytes as a parameter (they stay
 * pure and testable); the views draw them here, from the platform's CSPRNG.
 */

/** `count` bytes from crypto.getRandomValues. */
export function randomBytes(count: number): Uint8Array {
	return crypto.getRandomValues(new Uint8Array(count));
}

/** Four random bytes for a masking key (RFC 6455 §5.3: fresh and unpredictable per frame). */
export const randomMaskingKey = () => randomBytes(4);
