import { decodeFrames } from '$lib/protocol/websocket';
import { parseHex, toHex } from '$lib/protocol/bytes/hex';

/** One labelled group of bytes in the home page's frame strip. */
export interface HeroGroup {
	hex: string;
	label: string;
	tone: string;
}

const TONES: Record<string, string> = {
	fin: 'flags',
	opcode: 'opcode',
	mask: 'mask',
	payloadLength: 'length',
	maskingKey: 'key',
	payload: 'payload'
};

/**
 * The masked "Hello" of RFC 6455 §5.7, grouped by the bytes its fields share, each label made
 * from the decoder's own reading of the bytes (run at build time; nothing here reaches the browser).
 */
export function heroFrame(hex = '81 85 37 fa 21 3d 7f 9f 4d 51 58'): HeroGroup[] {
	const bytes = parseHex(hex);
	const [frame] = decodeFrames(bytes, { from: 'client' }).frames;
	const groups = new Map<string, { start: number; end: number; keys: string[] }>();
	for (const field of frame.fields) {
		const start = field.offset;
		const end = field.offset + Math.ceil((field.bitOffset + field.bitLength) / 8);
		const id = `${start}-${end}`;
		const group = groups.get(id) ?? { start, end, keys: [] };
		group.keys.push(field.key);
		groups.set(id, group);
	}
	const text = new TextDecoder().decode(frame.payload);
	return [...groups.values()].map(({ start, end, keys }) => {
		const label = keys.includes('opcode')
			? `FIN=${frame.fin ? 1 : 0} · opcode 0x${frame.opcode.toString(16)} (text)`
			: keys.includes('mask')
				? `MASK=${frame.masked ? 1 : 0} · length ${frame.payloadLength}`
				: keys.includes('maskingKey')
					? 'masking key'
					: `payload ⊕ key = “${text}”`;
		return {
			hex: toHex(bytes.subarray(start, end)),
			label,
			tone: TONES[keys.find((k) => k in TONES && k !== 'fin') ?? keys[0]] ?? 'payload'
		};
	});
}
