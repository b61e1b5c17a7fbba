import {
	closeCodeInfo,
	type DecodedFrame,
	type DecodedMessage,
	type FieldKey,
	type FrameField
} from '$lib/protocol/websocket';
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
		rfc: field.source
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

/** "1 byte", "2,048 bytes": a count with its noun. */
export const plural = (n: number, word: string) =>
	`${n.toLocaleString('en')} ${word}${n === 1 ? '' : 's'}`;

/** One line about a reassembled message, after its type: "· 1000 Normal Closure · reason …". */
export function describeMessage(message: DecodedMessage): string {
	const parts: string[] = [];
	if (message.type === 'close') {
		parts.push(
			message.code === undefined
				? 'no status code (the API reports 1005)'
				: `${message.code} ${closeCodeInfo(message.code).name}`
		);
		if (message.code !== undefined)
			parts.push(message.reason ? `reason “${message.reason}”` : 'no reason');
	} else {
		parts.push(plural(message.data.length, 'byte'));
	}
	parts.push(
		`from frame${message.frames.length === 1 ? '' : 's'} ${message.frames.map((f) => f + 1).join(', ')}`
	);
	if (message.compressed)
		parts.push(`inflated from ${plural(message.compressedLength ?? 0, 'compressed byte')}`);
	return parts.map((p) => ` · ${p}`).join('');
}
