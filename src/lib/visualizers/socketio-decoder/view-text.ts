/** Labels of the Socket.IO decoder's view (the decoding's own sentences come from the protocol). */
import type { KindChoice, TextKind } from '$lib/protocol/socketio';
import { plural } from '$lib/protocol/bytes/text';

export const KIND_LABELS: Record<KindChoice, string> = {
	auto: 'Guess',
	'engine.io-packet': 'Engine.IO packet',
	'engine.io-payload': 'Polling payload (packets split by 0x1E)',
	'socket.io-packet': 'Socket.IO packet (without the 4)'
};

export const VIEW_TEXT = {
	readAs: (kind: TextKind, guessed: boolean) =>
		`${guessed ? 'Read as' : 'Decoded as'}: ${KIND_LABELS[kind]}`,
	ok: 'The official parsers accept this.',
	errors: (n: number) => `The official parsers reject this: ${plural(n, 'error')}.`,
	warnings: (n: number) =>
		`The official parsers accept this, but ${n === 1 ? 'one thing breaks' : `${n} things break`} the protocol.`,
	severity: { error: 'Error', warning: 'Warning' } as const,
	byte: (offset: number) => `byte ${offset}`,
	textCaption: 'The text, each part coloured as its field',
	engineCard: (index: number | null) =>
		index === null ? 'Engine.IO packet' : `Engine.IO packet ${index + 1}`,
	socketCard: 'Socket.IO packet',
	place: (offset: number, length: number) =>
		`bytes ${offset}–${offset + length - 1} · ${plural(length, 'byte')}`,
	inside: (name: string, n: number) => `Inside ${name}: ${plural(n, 'part')}`,
	attachment: (index: number, length: number) => `Attachment ${index}: ${plural(length, 'byte')}`,
	attachmentMeaning:
		'A binary attachment: it travels as its own Engine.IO message after the packet, and replaces the placeholder with the same num.',
	empty: 'Nothing to decode yet.',
	separator: 'Write the record separator 0x1E between polling packets as \\x1e.'
};
