/** A stand-alone tool page under /tools/<slug>/, listed on the home and tools pages. */
export interface Tool {
	slug: string;
	title: string;
	description: string;
}

/** The tools in the order the home page shows them. */
export const TOOLS: Tool[] = [
	{
		slug: 'frame-decoder',
		title: 'Frame Decoder',
		description:
			'Paste WebSocket bytes in any notation and see every field, the unmasking, the messages and the first rule they break.'
	},
	{
		slug: 'frame-builder',
		title: 'Frame Builder',
		description:
			'Choose flags, opcode, payload, mask, fragments and compression, and watch the frame bytes change as you go.'
	},
	{
		slug: 'echo',
		title: 'Echo client',
		description:
			'Talk to a live WebSocket server and see every message’s frame bytes, close codes explained, and round-trip times.'
	}
];
