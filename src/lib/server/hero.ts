import type { FieldCategory } from '$lib/protocol/bytes/fields';
import { parseHex, toHex } from '$lib/protocol/bytes/hex';
import { decodeFrames, type FrameField, type Sender } from '$lib/protocol/websocket';
import { fieldsBrief, frameFigureCaption } from '$lib/protocol/websocket/explain';

/** One labelled group of bytes in the home page's frame strip. */
export interface HeroGroup {
	hex: string;
	label: string;
	/** Colours the group: the category of the field covering most of its bits. */
	category: FieldCategory;
}

/** The home page's frame strip: byte groups and what the figure shows. */
export interface HeroStrip {
	groups: HeroGroup[];
	caption: string;
}

/** A frame to show: its bytes, who sent them, and where they are quoted from. */
export interface HeroSource {
	hex: string;
	from: Sender;
	source?: string;
}

/** The frame the home page shows: the masked "Hello" of RFC 6455 §5.7. */
const RFC_MASKED_HELLO: HeroSource = {
	hex: '81 85 37 fa 21 3d 7f 9f 4d 51 58',
	from: 'client',
	source: 'RFC 6455 §5.7'
};

/**
 * One frame's bytes grouped by the span of bytes its fields share (byte 0 holds FIN, RSV1–3 and
 * the opcode; the masking key is a group of its own), each group labelled from the decoder's
 * own reading of the bytes. Runs at build time; nothing here reaches the browser.
 */
export function heroFrame({ hex, from, source }: HeroSource = RFC_MASKED_HELLO): HeroStrip {
	const bytes = parseHex(hex);
	const [frame] = decodeFrames(bytes, { from }).frames;
	const spans = new Map<string, FrameField[]>();
	for (const field of frame.fields) {
		const span = `${field.offset}+${field.length}`;
		spans.set(span, [...(spans.get(span) ?? []), field]);
	}
	const groups = [...spans.values()].map((fields) => {
		const { offset, length } = fields[0];
		const widest = fields.reduce((a, b) => (b.bitLength > a.bitLength ? b : a));
		return {
			hex: toHex(bytes.subarray(offset, offset + length)),
			label: fieldsBrief(fields, frame),
			category: widest.category
		};
	});
	return { groups, caption: frameFigureCaption(frame, source) };
}
