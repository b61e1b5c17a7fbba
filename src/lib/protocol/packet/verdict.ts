/** A packet decoding as a gallery verdict: errors fail it, warnings are listed, notes are not. */
import type { Verdict } from '../examples';
import type { PacketDecoding } from './types';

export function packetVerdict(decoding: PacketDecoding): Verdict {
	const errors = decoding.problems.filter((p) => p.severity === 'error').map((p) => p.code);
	if (errors.length) return { ok: false, failing: [...new Set(errors)] };
	const warnings = decoding.problems.filter((p) => p.severity === 'warning').map((p) => p.code);
	return { ok: true, warnings: [...new Set(warnings)] };
}
