/**
 * Turns a segment (from simulateConnection, or any with the same fields) into the bytes of a
 * real IPv4 packet: a 20-byte IPv4 header (RFC 791: version 4, IHL 5, TTL 64, DF, protocol 6,
 * header checksum) and the TCP header of RFC 9293 §3.1 with its options, padding and checksum
 * over the IPv4 pseudo-header, then the payload. The result is raw IP (pcap LINKTYPE_RAW, 101):
 * decodePacket(bytes, { linkType: 'raw' }) reads it, and tshark finds both checksums good.
 *
 * Linux is the model for what it does not get from the segment: TTL 64 (`ip_default_ttl`, P2),
 * DF set (path MTU discovery), DSCP/ECN 0; the IP Identification comes from the segment.
 */
import { internetChecksum, ipv4PseudoHeader } from '../bytes/checksum';
import { DEFAULT_ENDPOINTS, type SegmentOption, type SimulatedSegment } from './simulate';
import { ENCODE_ERRORS } from './tcp-text';

/** What the encoder reads from a segment. `ipId` defaults to 0, the ports to the endpoints. */
export type EncodableSegment = Pick<
	SimulatedSegment,
	'from' | 'flags' | 'seq' | 'ack' | 'window' | 'options' | 'length' | 'payload'
> &
	Partial<Pick<SimulatedSegment, 'sourcePort' | 'destinationPort' | 'ipId'>>;

/** Addresses, ports and payload to use instead of the segment's or the defaults. */
export interface EncodeOptions {
	/** Dotted quad; default 198.51.100.7. */
	clientAddress?: string;
	/** Dotted quad; default 192.0.2.10. */
	serverAddress?: string;
	clientPort?: number;
	serverPort?: number;
	/** The payload bytes; must be `segment.length` long. Default: the segment's payload text. */
	payload?: Uint8Array;
	/** Time to live; default 64, Linux's `ip_default_ttl`. */
	ttl?: number;
}

/** A refused input, named by the option or segment field it came from. */
export interface EncodeError {
	field: string;
	message: string;
}

/** Where each part lies in the encoded bytes. */
export interface EncodedLayout {
	ipHeader: { offset: number; length: number };
	tcpHeader: { offset: number; length: number };
	options: { offset: number; length: number };
	payload: { offset: number; length: number };
}

/** The bytes and their layout, or every reason they could not be made. */
export type EncodeResult =
	{ ok: true; bytes: Uint8Array; layout: EncodedLayout } | { ok: false; errors: EncodeError[] };

/** IPv4 header, no options: IHL 5. */
const IP_HEADER = 20;
const TCP_HEADER = 20;
const MAX_OPTIONS = 40;
const PROTOCOL_TCP = 6;
const DEFAULT_TTL = 64;
const DF = 0x4000;

const isInt = (value: unknown, max: number): value is number =>
	typeof value === 'number' && Number.isInteger(value) && value >= 0 && value <= max;

/** The four bytes of a dotted quad, or null. */
export function parseIPv4(text: unknown): Uint8Array | null {
	if (typeof text !== 'string') return null;
	const parts = text.split('.');
	if (parts.length !== 4) return null;
	const bytes = new Uint8Array(4);
	for (let i = 0; i < 4; i++) {
		if (!/^(0|[1-9]\d{0,2})$/.test(parts[i])) return null;
		const value = Number(parts[i]);
		if (value > 255) return null;
		bytes[i] = value;
	}
	return bytes;
}

/** One option's bytes (kinds and lengths: RFC 9293 §3.2, RFC 7323, RFC 2018; facts K21). */
function optionBytes(option: SegmentOption, errors: EncodeError[], at: number): number[] {
	const field = `options[${at}]`;
	if (!option || typeof option !== 'object') {
		errors.push({ field, message: ENCODE_ERRORS.optionValue('unknown', option) });
		return [];
	}
	switch (option.kind) {
		case 'eol':
			return [0];
		case 'nop':
			return [1];
		case 'mss':
			if (!isInt(option.value, 0xffff)) {
				errors.push({ field, message: ENCODE_ERRORS.optionValue('MSS', option.value) });
				return [];
			}
			return [2, 4, option.value >>> 8, option.value & 0xff];
		case 'wscale':
			if (!isInt(option.shift, 0xff)) {
				errors.push({ field, message: ENCODE_ERRORS.optionValue('window scale', option.shift) });
				return [];
			}
			return [3, 3, option.shift];
		case 'sackOK':
			return [4, 2];
		case 'timestamps': {
			const ok = isInt(option.tsval, 0xffffffff) && isInt(option.tsecr, 0xffffffff);
			if (!ok) {
				const value = [option.tsval, option.tsecr];
				errors.push({ field, message: ENCODE_ERRORS.optionValue('timestamps', value) });
				return [];
			}
			return [8, 10, ...u32(option.tsval), ...u32(option.tsecr)];
		}
		default:
			errors.push({
				field,
				message: ENCODE_ERRORS.optionValue('unknown', (option as { kind?: unknown }).kind)
			});
			return [];
	}
}

function u32(value: number): number[] {
	return [(value >>> 24) & 0xff, (value >>> 16) & 0xff, (value >>> 8) & 0xff, value & 0xff];
}

/**
 * Encodes the segment, or says why not. Never throws. Options are padded with zero bytes to a
 * multiple of 4 (RFC 9293 §3.1: "The padding is composed of zeros").
 */
export function tryEncodeSegment(
	segment: EncodableSegment,
	options: EncodeOptions = {}
): EncodeResult {
	const errors: EncodeError[] = [];
	if (!segment || typeof segment !== 'object') {
		return { ok: false, errors: [{ field: 'segment', message: ENCODE_ERRORS.segment }] };
	}
	const opts = options && typeof options === 'object' ? options : {};
	const fromClient = segment.from !== 'server';
	const address = (field: 'clientAddress' | 'serverAddress') => {
		const value = opts[field] ?? DEFAULT_ENDPOINTS[field];
		const bytes = parseIPv4(value);
		if (!bytes) errors.push({ field, message: ENCODE_ERRORS.address(field, value) });
		return bytes ?? new Uint8Array(4);
	};
	const client = address('clientAddress');
	const server = address('serverAddress');
	const port = (field: 'clientPort' | 'serverPort', own: number | undefined) => {
		const value = opts[field] ?? own ?? DEFAULT_ENDPOINTS[field];
		if (!isInt(value, 0xffff)) {
			errors.push({ field, message: ENCODE_ERRORS.port(field, value) });
			return 0;
		}
		return value;
	};
	const clientPort = port('clientPort', fromClient ? segment.sourcePort : segment.destinationPort);
	const serverPort = port('serverPort', fromClient ? segment.destinationPort : segment.sourcePort);
	const checkField = (field: string, value: unknown, max: number) => {
		if (!isInt(value, max)) errors.push({ field, message: ENCODE_ERRORS.field(field, value, max) });
	};
	checkField('seq', segment.seq, 0xffffffff);
	checkField('ack', segment.ack, 0xffffffff);
	checkField('window', segment.window, 0xffff);
	checkField('ipId', segment.ipId ?? 0, 0xffff);
	checkField('length', segment.length, 0xffff);
	const ttl = opts.ttl ?? DEFAULT_TTL;
	if (!isInt(ttl, 0xff)) errors.push({ field: 'ttl', message: ENCODE_ERRORS.ttl(ttl) });

	const payload =
		opts.payload instanceof Uint8Array
			? opts.payload
			: new TextEncoder().encode(typeof segment.payload === 'string' ? segment.payload : '');
	if (payload.length !== segment.length) {
		errors.push({
			field: 'payload',
			message: ENCODE_ERRORS.payloadLength(payload.length, segment.length)
		});
	}

	const optionList = Array.isArray(segment.options) ? segment.options : [];
	const raw: number[] = [];
	optionList.forEach((option, i) => raw.push(...optionBytes(option, errors, i)));
	const optionsLength = Math.ceil(raw.length / 4) * 4;
	if (optionsLength > MAX_OPTIONS) {
		errors.push({ field: 'options', message: ENCODE_ERRORS.optionsTooLong(raw.length) });
	}
	const tcpLength = TCP_HEADER + optionsLength + payload.length;
	const total = IP_HEADER + tcpLength;
	if (total > 0xffff) errors.push({ field: 'length', message: ENCODE_ERRORS.tooLong(total) });
	if (errors.length > 0) return { ok: false, errors };

	const bytes = new Uint8Array(total);
	const view = new DataView(bytes.buffer);
	// IPv4 header (RFC 791 §3.1): 0100 0101 = version 4, IHL 5 words.
	bytes[0] = 0x45;
	bytes[1] = 0; // DSCP 0, ECN Not-ECT
	view.setUint16(2, total);
	view.setUint16(4, segment.ipId ?? 0);
	view.setUint16(6, DF); // flags 010 (DF), fragment offset 0
	bytes[8] = ttl;
	bytes[9] = PROTOCOL_TCP;
	const [source, destination] = fromClient ? [client, server] : [server, client];
	bytes.set(source, 12);
	bytes.set(destination, 16);
	view.setUint16(10, internetChecksum(bytes.subarray(0, IP_HEADER)));

	// TCP header (RFC 9293 §3.1 Figure 1).
	const t = IP_HEADER;
	view.setUint16(t, fromClient ? clientPort : serverPort);
	view.setUint16(t + 2, fromClient ? serverPort : clientPort);
	view.setUint32(t + 4, segment.seq);
	view.setUint32(t + 8, segment.ack);
	bytes[t + 12] = ((TCP_HEADER + optionsLength) / 4) << 4; // Data Offset, Rsrvd 0
	const f = segment.flags ?? {};
	bytes[t + 13] =
		(f.CWR ? 0x80 : 0) |
		(f.ECE ? 0x40 : 0) |
		(f.URG ? 0x20 : 0) |
		(f.ACK ? 0x10 : 0) |
		(f.PSH ? 0x08 : 0) |
		(f.RST ? 0x04 : 0) |
		(f.SYN ? 0x02 : 0) |
		(f.FIN ? 0x01 : 0);
	view.setUint16(t + 14, segment.window);
	// Checksum (t + 16) stays 0 while it is computed; urgent pointer (t + 18) is 0.
	bytes.set(raw, t + TCP_HEADER);
	const payloadOffset = t + TCP_HEADER + optionsLength;
	bytes.set(payload, payloadOffset);
	const pseudo = ipv4PseudoHeader(source, destination, PROTOCOL_TCP, tcpLength);
	view.setUint16(t + 16, internetChecksum(pseudo, bytes.subarray(t)));

	return {
		ok: true,
		bytes,
		layout: {
			ipHeader: { offset: 0, length: IP_HEADER },
			tcpHeader: { offset: t, length: TCP_HEADER + optionsLength },
			options: { offset: t + TCP_HEADER, length: optionsLength },
			payload: { offset: payloadOffset, length: payload.length }
		}
	};
}

/**
 * The segment as raw IPv4 bytes with correct checksums. Never throws: for input tryEncodeSegment
 * refuses it returns an empty array (use tryEncodeSegment for the reasons).
 */
export function encodeSegment(segment: EncodableSegment, options: EncodeOptions = {}): Uint8Array {
	const result = tryEncodeSegment(segment, options);
	return result.ok ? result.bytes : new Uint8Array(0);
}
