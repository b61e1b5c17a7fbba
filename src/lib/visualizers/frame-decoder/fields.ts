/**
 * Fields of a whole stream of frames, for one byte grid and one field table over all of it (the
 * Frame Builder's output). Offsets are already absolute; only the names change, so that a table
 * of several frames says which frame each field belongs to.
 */
import type { DecodedFrame, FrameField } from '$lib/protocol/websocket';
import { frameFieldName } from '$lib/protocol/websocket/explain';

/** Every field of `frames`, in order; names carry the frame number when there are several. */
export function streamFields(frames: readonly DecodedFrame[]): FrameField[] {
	if (frames.length <= 1) return frames.flatMap((frame) => frame.fields);
	return frames.flatMap((frame) =>
		frame.fields.map((field) => ({ ...field, name: frameFieldName(frame.index, field.name) }))
	);
}
