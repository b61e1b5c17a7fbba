/**
 * Short labels the lab's views put on packets and reads. Not sentences: every explanation comes
 * from the model (`explanation` on each packet and read, the outcome's summary).
 */
import type { PacketFate, SimPacket, SocketType } from '$lib/protocol/sockets/delivery';
import { formatMs, sendsLabel, SOCKET_TYPE_CONSTANTS } from '$lib/protocol/sockets/delivery-text';
import { plural } from '$lib/protocol/bytes/text';
import { showBytes } from './escapes';

export { sendsLabel };

/** Simulated time: "52 ms", "1,052 ms". */
export const ms = (t: number) => formatMs(Math.round(t));

/** Each fate as a glyph and a word, so it never rests on colour alone. */
export const FATE_LABELS: Readonly<Record<PacketFate, { glyph: string; text: string }>> = {
	delivered: { glyph: '✓', text: 'arrived' },
	lost: { glyph: '✗', text: 'lost' },
	duplicated: { glyph: '⇉', text: 'duplicate copy' },
	reordered: { glyph: '⇅', text: 'arrived late' },
	retransmission: { glyph: '↻', text: 'retransmission arrived' }
};

/** Each type as the controls and columns name it, with the C constant it stands for. */
export const TYPE_LABELS: Readonly<Record<SocketType, { name: string; constant: string }>> = {
	stream: { name: 'stream', constant: SOCKET_TYPE_CONSTANTS.stream },
	datagram: { name: 'datagram', constant: SOCKET_TYPE_CONSTANTS.datagram },
	seqpacket: { name: 'seqpacket', constant: SOCKET_TYPE_CONSTANTS.seqpacket }
};

/** What a packet is: "segment, bytes 0–4", "fragment 2 of 3", "record", with its attempt. */
export function packetLabel(packet: SimPacket): string {
	let label: string = packet.kind;
	if (packet.kind === 'segment' && packet.streamOffset !== undefined) {
		const last = packet.streamOffset + packet.bytes.length - 1;
		label +=
			packet.bytes.length === 0
				? ''
				: last === packet.streamOffset
					? `, byte ${packet.streamOffset}`
					: `, bytes ${packet.streamOffset}–${last}`;
	}
	if (packet.fragment) label += ` ${packet.fragment.index + 1} of ${packet.fragment.count}`;
	if (packet.attempt > 0) label += ` (try ${packet.attempt + 1})`;
	return label;
}

/** Bytes as escaped text cut to `max` characters, with an ellipsis when cut. */
export function bytesPreview(bytes: Uint8Array, max = 24): string {
	const text = showBytes(bytes.subarray(0, max * 4));
	return text.length > max ? text.slice(0, max - 1) + '…' : text;
}

/** "1 byte", "12 bytes". */
export const byteCount = (n: number): string => plural(n, 'byte');
