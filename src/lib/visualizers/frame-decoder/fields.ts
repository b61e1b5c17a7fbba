import type { DecodedFrame, FieldKey, FrameField } from '$lib/protocol/websocket';
import type { AnnotatedField, Tone } from '../shared/fields';

/** Colour family of each WebSocket frame field. */
const TONE: Record<FieldKey, Tone> = {
	fin: 'flags',
	rsv1: 'rsv',
	rsv2: 'rsv',
	rsv3: 'rsv',
	opcode: 'opcode',
	mask: 'mask',
	payloadLength: 'length',
	extendedPayloadLength: 'length',
	maskingKey: 'key',
	payload: 'payload',
	closeCode: 'code',
	closeReason: 'reason'
};

/** The shared grid/table shape of one frame field, with offsets relative to the frame. */
export function annotate(frame: DecodedFrame, field: FrameField): AnnotatedField {
	return {
		id: field.key,
		name: field.name,
		offset: field.offset - frame.offset,
		bitOffset: field.bitOffset,
		bitLength: field.bitLength,
		tone: TONE[field.key],
		value: formatValue(field),
		meaning: field.meaning,
		rfc: field.rfc
	};
}

function formatValue(field: FrameField): string {
	if (typeof field.value === 'string') return field.value;
	switch (field.key) {
		case 'payload':
		case 'closeReason':
			return `${field.value.toLocaleString('en')} ${field.value === 1 ? 'byte' : 'bytes'}`;
		case 'opcode':
			return `0x${field.value.toString(16)}`;
		case 'closeCode':
			return `${field.value} (0x${field.value.toString(16).padStart(4, '0')})`;
		default:
			return field.bitLength <= 1 ? String(field.value) : field.value.toLocaleString('en');
	}
}

/** All fields of several frames for one grid over the whole stream (offsets from its start). */
export function annotateStream(frames: DecodedFrame[]): AnnotatedField[] {
	return frames.flatMap((frame) =>
		frame.fields.map((field) => ({
			...annotate(frame, field),
			id: `${frame.index}:${field.key}`,
			name: frames.length > 1 ? `Frame ${frame.index + 1} ${field.name}` : field.name,
			offset: field.offset
		}))
	);
}
