/** Helpers the Socket.IO decoder tests share. */
import { findTilingProblems } from '../bytes/tiling';
import type { SocketIoTextDecoding } from './index';

/** Every way a decoding's fields fail to tile its bytes (none expected). */
export function tilingProblems(decoding: SocketIoTextDecoding): string[] {
	return findTilingProblems(decoding.units, 0, decoding.bytes.length);
}

/** The error codes of a decoding. */
export const errorsOf = (decoding: SocketIoTextDecoding) =>
	decoding.problems.filter((p) => p.severity === 'error').map((p) => p.code);

/** The warning codes of a decoding. */
export const warningsOf = (decoding: SocketIoTextDecoding) =>
	decoding.problems.filter((p) => p.severity === 'warning').map((p) => p.code);
