/**
 * Every sentence of the delivery model (English). The simulators work out the facts; this module
 * words them. Numbering: send() calls, datagrams and records are counted from 1 in sentences
 * (datagram 2 and record 2 are what send() call 2 sent); stream bytes are counted from offset 0,
 * like SimPacket.streamOffset.
 */

import {
	IPV4_HEADER,
	LIMITS,
	LINUX_TCP_RETRIES2,
	MAX_RETRIES,
	MIN_MTU,
	UDP_HEADER
} from './delivery-constants';
import type { DeliveryError, PacketFate, SocketType } from './delivery';
import { groupDigits, plural } from '../bytes/text';

// ── Small pieces ─────────────────────────────────────────────────────────────

/** "50 ms", "1,050 ms". */
export function formatMs(ms: number): string {
	return `${groupDigits(ms)} ms`;
}

/** "1 s", "32 s": a timeout that is a whole number of seconds. */
function formatSeconds(ms: number): string {
	return `${groupDigits(ms / 1000)} s`;
}

/** "1, 2 and 3"; "1 and 3"; "2". */
function joinAnd(items: readonly string[]): string {
	if (items.length <= 1) return items.join('');
	return `${items.slice(0, -1).join(', ')} and ${items[items.length - 1]}`;
}

/** "send() call 2", "send() calls 1–3", "send() calls 1–3 and 5" (indexes are 0-based). */
export function sendsLabel(messages: readonly number[]): string {
	const runs: string[] = [];
	let i = 0;
	while (i < messages.length) {
		let j = i;
		while (j + 1 < messages.length && messages[j + 1] === messages[j] + 1) j++;
		if (j === i + 1) runs.push(`${messages[i] + 1}`, `${messages[j] + 1}`);
		else runs.push(j === i ? `${messages[i] + 1}` : `${messages[i] + 1}–${messages[j] + 1}`);
		i = j + 1;
	}
	const one = messages.length === 1;
	return `send() call${one ? '' : 's'} ${joinAnd(runs)}`;
}

/** "byte 4", "bytes 0–2". */
function byteRange(from: number, length: number): string {
	return length === 1
		? `byte ${groupDigits(from)}`
		: `bytes ${groupDigits(from)}–${groupDigits(from + length - 1)}`;
}

// ── Validation ───────────────────────────────────────────────────────────────

/** What was wrong with the options, before it is worded. */
export type ValidationProblem =
	| { field: 'type'; problem: 'no-options' }
	| { field: 'type'; problem: 'unknown-type'; value: unknown }
	| { field: 'messages'; problem: 'not-a-list' | 'empty' }
	| { field: 'messages'; problem: 'too-many'; count: number }
	| { field: 'messages'; problem: 'not-bytes'; index: number }
	| { field: 'messages'; problem: 'too-large'; index: number; size: number }
	| { field: 'readSize'; problem: 'read-size'; value: unknown }
	| { field: 'loss'; problem: 'no-network' }
	| { field: 'loss' | 'reorder' | 'duplicate'; problem: 'probability'; value: unknown }
	| { field: 'mtu'; problem: 'mtu'; value: unknown }
	| { field: 'seed'; problem: 'seed'; value: unknown };

/** A value as a sentence can quote it: numbers as written, anything else by its kind. */
function quote(value: unknown): string {
	if (typeof value === 'number') return Number.isNaN(value) ? 'NaN' : String(value);
	if (typeof value === 'string')
		return value.length > 20 ? `"${value.slice(0, 20)}…"` : `"${value}"`;
	if (value === null) return 'null';
	if (value === undefined) return 'nothing';
	return `a${Array.isArray(value) ? 'n array' : typeof value === 'object' ? 'n object' : ` ${typeof value}`}`;
}

/** The sentence for a validation problem. */
export function validationMessage(problem: ValidationProblem): DeliveryError['message'] {
	switch (problem.problem) {
		case 'no-options':
			return 'The model needs its options: a socket type, the messages, a read size, the network and a seed.';
		case 'unknown-type':
			return `The socket type must be stream, datagram or seqpacket, not ${quote(problem.value)}.`;
		case 'not-a-list':
			return 'The messages must be a list of send() calls, each a string or bytes.';
		case 'empty':
			return 'There is nothing to send: add at least one message.';
		case 'too-many':
			return `The model takes at most ${plural(LIMITS.maxMessages, 'message')}; this run has ${groupDigits(problem.count)}.`;
		case 'not-bytes':
			return `Message ${problem.index + 1} must be a string or bytes (a Uint8Array).`;
		case 'too-large':
			return `Message ${problem.index + 1} is longer than ${plural(LIMITS.maxMessageBytes, 'byte')}, the largest UDP payload over IPv4 (65,535 − 20 − 8), which the model also uses as its limit for the other types.`;
		case 'read-size':
			return `The read size must be a whole number of bytes from 1 to ${groupDigits(LIMITS.maxReadSize)}, not ${quote(problem.value)}.`;
		case 'no-network':
			return 'The network options are missing: give loss, reorder, duplicate and MTU.';
		case 'probability':
			return `The ${problem.field} probability must be a number from 0 to 1, not ${quote(problem.value)}.`;
		case 'mtu':
			return `The MTU must be a whole number of bytes from ${MIN_MTU} (the smallest datagram every IPv4 module must forward unfragmented, RFC 791) to ${groupDigits(LIMITS.maxMtu)} (the largest IPv4 packet), not ${quote(problem.value)}.`;
		case 'seed':
			return `The seed must be a finite number, not ${quote(problem.value)}.`;
	}
}

// ── Packets of the reliable types (stream, seqpacket) ───────────────────────

/** What the receiver did with an arriving packet. */
export type Treatment =
	| { kind: 'in-order' }
	| { kind: 'held'; unit: number; releasedAt?: number | null }
	| { kind: 'discarded' };

/** What followed a lost transmission. */
export type LostNext =
	| { kind: 'retry'; at: number; rto: number }
	| { kind: 'gave-up'; at: number }
	| { kind: 'aborted' };

/** The facts about one stream segment or seqpacket record piece. */
export interface ReliablePacketFacts {
	type: 'stream' | 'seqpacket';
	fate: PacketFate;
	attempt: number;
	/** The timeout waited before this retransmission (attempt ≥ 1). */
	rto: number;
	/** Stream offset of the first byte. */
	from: number;
	length: number;
	messages: readonly number[];
	record?: { index: number; piece: number; count: number };
	treatment?: Treatment;
	lostNext?: LostNext;
}

function reliableLabel(facts: ReliablePacketFacts): string {
	if (facts.type === 'stream') {
		return `the segment with ${byteRange(facts.from, facts.length)} (from ${sendsLabel(facts.messages)})`;
	}
	const record = facts.record ?? { index: facts.messages[0] ?? 0, piece: 0, count: 1 };
	if (record.count === 1)
		return `the packet with record ${record.index + 1} (${plural(facts.length, 'byte')})`;
	return `piece ${record.piece + 1} of ${record.count} of record ${record.index + 1} (${plural(facts.length, 'byte')})`;
}

function capitalize(text: string): string {
	return text.charAt(0).toUpperCase() + text.slice(1);
}

/**
 * What happened to a stream segment or seqpacket packet and why, in one sentence; a stream
 * segment's first transmission that packs several send() calls says why in a second one.
 */
export function reliablePacketText(facts: ReliablePacketFacts): string {
	const sentence = reliablePacketSentence(facts);
	if (facts.type !== 'stream' || facts.messages.length < 2) return sentence;
	if (facts.attempt > 0 || facts.fate === 'duplicated') return sentence;
	return `${sentence} The model's sender makes all its send() calls before TCP transmits, so TCP packs their bytes into as few segments as fit (as TCP_CORK, or Nagle's algorithm, can): a stream has no boundaries to keep.`;
}

function reliablePacketSentence(facts: ReliablePacketFacts): string {
	const label = reliableLabel(facts);
	const again = facts.attempt > 0 ? ' again' : '';
	if (facts.fate === 'lost') {
		const next = facts.lostNext ?? { kind: 'aborted' };
		if (next.kind === 'retry') {
			return `The network dropped ${label}${again}; no acknowledgment came within the ${formatSeconds(next.rto)} retransmission timeout, so the sender sends it again at ${formatMs(next.at)}.`;
		}
		if (next.kind === 'gave-up') {
			const linux =
				facts.type === 'stream'
					? ` (ETIMEDOUT; Linux TCP would retry ${LINUX_TCP_RETRIES2} times, tcp_retries2 in tcp(7))`
					: '';
			return `The network dropped ${label}${again}; after ${plural(MAX_RETRIES, 'retransmission')} the sender gave up at ${formatMs(next.at)}, and the connection timed out${linux}.`;
		}
		return `The network dropped ${label}${again}; the connection timed out before this packet's retransmission was due.`;
	}
	let start: string;
	if (facts.fate === 'duplicated') start = `The network delivered a second copy of ${label}`;
	else if (facts.fate === 'retransmission') {
		const rule =
			facts.type === 'stream' ? ' (RFC 6298 §5.5)' : ' (the model applies the stream rule)';
		start = `Retransmission ${facts.attempt} of ${label} arrived, sent after a ${formatSeconds(facts.rto)} timeout that doubles each time${rule}`;
	} else if (facts.fate === 'reordered') {
		start = `${capitalize(label)} arrived after a packet that was sent later (the network reordered them)`;
	} else start = `${capitalize(label)} arrived`;
	const socket = facts.type === 'stream' ? 'a stream' : 'a seqpacket socket';
	const treatment = facts.treatment ?? { kind: 'in-order' };
	if (treatment.kind === 'discarded') {
		return `${start}; the receiver already had ${facts.type === 'stream' ? 'these bytes' : 'this piece'} and discarded the copy, because ${socket} never duplicates data (socket(2)).`;
	}
	if (treatment.kind === 'held') {
		const released = treatment.releasedAt;
		const until =
			released === null || released === undefined
				? 'but the gap was never filled'
				: `until the gap was filled at ${formatMs(released)}`;
		return `${start}; data sent before it was still missing, so the receiver held it, ${until}: ${socket} delivers in order (socket(2)).`;
	}
	return facts.type === 'stream'
		? `${start}; nothing before it was missing, so its bytes went into the receive buffer.`
		: `${start}; nothing before it was missing, so the receiver took it in.`;
}

// ── Packets of the datagram type ────────────────────────────────────────────

/** The facts about one UDP datagram or IP fragment. */
export interface DatagramPacketFacts {
	fate: PacketFate;
	/** The send() index. */
	message: number;
	/** Bytes in the whole datagram's payload. */
	length: number;
	/** Data bytes in this packet (a first fragment also carries the 8-byte UDP header). */
	dataBytes: number;
	fragment?: { datagram: number; index: number; count: number };
	/** Fragment indexes of this datagram that were lost. */
	missing: readonly number[];
	/** When the datagram was complete in the receive queue, or null. */
	completedAt: number | null;
}

/** One sentence for a UDP datagram or IP fragment: what happened and why. */
export function datagramPacketText(facts: DatagramPacketFacts): string {
	const datagram = `datagram ${facts.message + 1}`;
	const fragment = facts.fragment;
	if (!fragment) {
		const label = `${datagram} (${plural(facts.length, 'byte')})`;
		switch (facts.fate) {
			case 'lost':
				return `The network dropped ${label}; UDP does not retransmit, so it is gone.`;
			case 'duplicated':
				return `The network delivered a second copy of ${label}; UDP does not detect duplicates, so the application receives it twice (udp(7)).`;
			case 'reordered':
				return `${capitalize(label)} arrived after a datagram that was sent later; UDP does not put datagrams back in order (udp(7)).`;
			default:
				return `${capitalize(label)} arrived in one packet: its ${facts.length + UDP_HEADER + IPV4_HEADER}-byte IP packet fits the MTU.`;
		}
	}
	const header = fragment.index === 0 ? `the ${UDP_HEADER}-byte UDP header and ` : '';
	const label = `fragment ${fragment.index + 1} of ${fragment.count} of ${datagram} (${header}${plural(facts.dataBytes, 'data byte')})`;
	if (facts.fate === 'lost') {
		return `The network dropped ${label}, so the whole datagram is lost: IP cannot reassemble it without this piece, and UDP does not retransmit.`;
	}
	if (facts.fate === 'duplicated') {
		return `The network delivered a second copy of ${label}; IP reassembly drops it, so it makes no second datagram.`;
	}
	const start =
		facts.fate === 'reordered'
			? `${capitalize(label)} arrived after a packet that was sent later`
			: `${capitalize(label)} arrived`;
	if (facts.missing.length > 0) {
		const which = joinAnd(facts.missing.map((index) => String(index + 1)));
		return `${start}, but fragment${facts.missing.length === 1 ? '' : 's'} ${which} never did, so IP could not reassemble the datagram and eventually drops this piece.`;
	}
	const when = facts.completedAt === null ? '' : ` at ${formatMs(facts.completedAt)}`;
	return `${start}; IP put the datagram back together${when}, once all ${fragment.count} fragments were in (RFC 791).`;
}

// ── Reads ───────────────────────────────────────────────────────────────────

/** The facts about one recv() on a stream. */
export interface StreamReadFacts {
	asked: number;
	got: number;
	/** Bytes still readable after this call. */
	left: number;
	messages: readonly number[];
	/** This read holds exactly one whole send(). */
	whole: boolean;
	/** A missing segment just arrived and released the bytes held behind it. */
	gapFilled: boolean;
}

/** One or two sentences for a recv() on a stream socket. */
export function streamReadText(facts: StreamReadFacts): string {
	const parts: string[] = [];
	if (facts.gapFilled)
		parts.push('The missing segment arrived, so the bytes held behind it became readable at once.');
	if (facts.left > 0) {
		parts.push(
			`recv() asked for ${plural(facts.asked, 'byte')} and got ${facts.asked === 1 ? 'it' : 'them'}; ${plural(facts.left, 'more byte')} ${facts.left === 1 ? 'is' : 'are'} waiting, so the application calls recv() again.`
		);
	} else if (facts.got === facts.asked) {
		parts.push(
			`recv() asked for ${plural(facts.asked, 'byte')} and got ${facts.asked === 1 ? 'it' : 'them'}, all that was in the receive buffer.`
		);
	} else {
		parts.push(
			`recv() asked for up to ${plural(facts.asked, 'byte')} and returned the ${plural(facts.got, 'byte')} in the receive buffer: it does not wait for more (recv(2)).`
		);
	}
	if (facts.messages.length > 1) {
		parts.push(
			`They come from ${sendsLabel(facts.messages)}: a stream keeps no boundaries between send() calls (socket(2)).`
		);
	} else if (!facts.whole) {
		parts.push(
			`That is part of ${sendsLabel(facts.messages)}: a stream keeps no boundaries, so one send() can take several reads.`
		);
	} else {
		parts.push(
			`That happens to be exactly ${sendsLabel(facts.messages)}, but the stream does not mark where send() calls begin or end.`
		);
	}
	return parts.join(' ');
}

/** The facts about one recv() on a datagram or seqpacket socket. */
export interface RecordReadFacts {
	type: 'datagram' | 'seqpacket';
	asked: number;
	/** Bytes in the whole datagram or record. */
	size: number;
	message: number;
	/** The network's second copy of a datagram. */
	copy: boolean;
	/** A datagram that arrived after one sent later. */
	outOfOrder: boolean;
	/** Seqpacket: this record waited for a packet of an earlier record. */
	gapFilled: boolean;
}

/** One or two sentences for a recv() on a datagram or seqpacket socket. */
export function recordReadText(facts: RecordReadFacts): string {
	const unit = facts.type === 'datagram' ? 'datagram' : 'record';
	const name = `${unit} ${facts.message + 1}`;
	const parts: string[] = [];
	if (facts.size === 0) {
		parts.push(
			facts.type === 'datagram'
				? `recv() returned 0 bytes: ${name} was empty, and an empty datagram is still a datagram (recv(2); on a stream socket, 0 would mean the peer had closed).`
				: `recv() returned 0 bytes: ${name} was empty. 0 is also how recv() reports that the peer has closed (recv(2)), so an empty record is easy to mistake for the end.`
		);
	} else if (facts.size > facts.asked) {
		const rule = facts.type === 'datagram' ? 'MSG_TRUNC, udp(7)' : 'socket(2)';
		parts.push(
			`recv() asked for ${plural(facts.asked, 'byte')}, so it returned the first ${groupDigits(facts.asked)} of the ${facts.size}-byte ${name}; the other ${plural(facts.size - facts.asked, 'byte')} ${facts.size - facts.asked === 1 ? 'was' : 'were'} discarded (${rule}), and the next recv() starts at the next ${unit}.`
		);
	} else {
		parts.push(
			`recv() returned one whole ${unit}, ${name} (${plural(facts.size, 'byte')}): a ${facts.type === 'datagram' ? 'datagram' : 'seqpacket'} socket keeps message boundaries, one ${unit} per call.`
		);
	}
	if (facts.copy) parts.push(`This is the network's second copy: UDP does not detect duplicates.`);
	else if (facts.outOfOrder)
		parts.push(`It arrived after a datagram that was sent later: UDP keeps no order.`);
	else if (facts.gapFilled)
		parts.push(
			`It had waited for a packet of an earlier record (lost or delayed) to arrive: records come in order.`
		);
	return parts.join(' ');
}

// ── Outcomes ────────────────────────────────────────────────────────────────

/** The facts about how a stream or seqpacket run ended. */
export interface ReliableOutcomeFacts {
	type: 'stream' | 'seqpacket';
	timedOut: boolean;
	giveUpAt: number;
	messages: number;
	bytes: number;
	bytesRead: number;
	recordsRead: number;
	reads: number;
	retransmissions: number;
}

/** One sentence: how a stream or seqpacket run ended. */
export function reliableOutcomeText(facts: ReliableOutcomeFacts): string {
	if (facts.timedOut) {
		const progress =
			facts.type === 'stream'
				? `${groupDigits(facts.bytesRead)} of ${plural(facts.bytes, 'byte')} reached the application`
				: `${groupDigits(facts.recordsRead)} of ${plural(facts.messages, 'record')} reached the application`;
		const packet = facts.type === 'stream' ? 'segment' : 'packet';
		return `One ${packet} was lost ${MAX_RETRIES + 1} times, so after ${plural(MAX_RETRIES, 'retransmission')} the sender gave up at ${formatMs(facts.giveUpAt)}: the connection timed out${facts.type === 'stream' ? ' (ETIMEDOUT, tcp(7))' : ''}, and ${progress}.`;
	}
	const after =
		facts.retransmissions > 0 ? `, after ${plural(facts.retransmissions, 'retransmission')}` : '';
	if (facts.type === 'stream') {
		if (facts.bytes === 0)
			return 'Nothing crossed the network: on a stream, a 0-byte send() sends no data.';
		const sends =
			facts.messages === 1 ? 'the send() call' : `the ${plural(facts.messages, 'send() call')}`;
		return `All ${plural(facts.bytes, 'byte')} of ${sends} arrived, in order, once${after}, and came back in ${plural(facts.reads, 'recv() call')}.`;
	}
	const records = facts.messages === 1 ? 'The record' : `All ${plural(facts.messages, 'record')}`;
	return `${records} arrived, in order, once${after}, one per recv() call.`;
}

/** The facts about how a datagram run ended. */
export interface DatagramOutcomeFacts {
	messages: number;
	delivered: number;
	copies: number;
	outOfOrder: number;
	truncated: number;
}

/** One sentence (two at most): how a datagram run ended. */
export function datagramOutcomeText(facts: DatagramOutcomeFacts): string {
	const lost = facts.messages - facts.delivered;
	const notes: string[] = [];
	if (facts.copies > 0) notes.push(`${plural(facts.copies, 'datagram')} arrived twice`);
	if (facts.outOfOrder > 0)
		notes.push(`${plural(facts.outOfOrder, 'datagram')} arrived out of order`);
	if (facts.truncated > 0)
		notes.push(
			`${plural(facts.truncated, 'read')} ${facts.truncated === 1 ? 'was' : 'were'} truncated`
		);
	const all = facts.messages === 1 ? 'The datagram' : `All ${plural(facts.messages, 'datagram')}`;
	let first: string;
	if (lost === 0) {
		first =
			facts.copies === 0 && facts.outOfOrder === 0
				? `${all} arrived, in order, once`
				: `${all} arrived`;
	} else if (facts.messages === 1) {
		first = 'The datagram was lost, and UDP does not resend it';
	} else if (facts.delivered === 0) {
		first = `None of the ${plural(facts.messages, 'datagram')} arrived, and UDP does not resend them`;
	} else {
		first = `${groupDigits(facts.delivered)} of ${plural(facts.messages, 'datagram')} arrived; ${groupDigits(lost)} ${lost === 1 ? 'was' : 'were'} lost, and UDP does not resend ${lost === 1 ? 'it' : 'them'}`;
	}
	return notes.length === 0 ? `${first}.` : `${first}; ${joinAnd(notes)}.`;
}

/** The C constant socket(2) takes for each type. */
export const SOCKET_TYPE_CONSTANTS: Readonly<Record<SocketType, string>> = {
	stream: 'SOCK_STREAM',
	datagram: 'SOCK_DGRAM',
	seqpacket: 'SOCK_SEQPACKET'
};

/** What each socket type promises, in one sentence (for a legend beside the lab). */
export const TYPE_PROMISES: Record<SocketType, string> = {
	stream:
		'A stream (TCP) delivers the bytes in order, once, or reports that the connection died; it keeps no boundaries between send() calls (socket(2)).',
	datagram:
		'A datagram socket (UDP) keeps each send() as one datagram, but a datagram can be lost, duplicated or reordered, and nothing resends it (udp(7)).',
	seqpacket:
		'A seqpacket socket delivers records reliably and in order, keeping their boundaries; each recv() reads one record and discards what does not fit (socket(2)).'
};
