/**
 * The TCP header (RFC 9293 §3.1 Figure 1; facts.md K18–K20), with Wireshark's field names and
 * values: `tcp.hdr_len` in bytes, `tcp.seq_raw` / `tcp.ack_raw` as sent (Wireshark's `tcp.seq`
 * is relative to the ISN, which one packet cannot know), the 12 flag bits as Wireshark 4 splits
 * them (3 reserved, AE, then CWR…FIN), and the checksum over the pseudo-header.
 *
 *    0                   1                   2                   3
 *    0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1
 *   +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 *   |          Source Port          |       Destination Port        |
 *   |                        Sequence Number                        |
 *   |                    Acknowledgment Number                      |
 *   |  Data |       |C|E|U|A|P|R|S|F|                               |
 *   | Offset| Rsrvd |W|C|R|C|S|S|Y|I|            Window             |
 *   |       |       |R|E|G|K|H|T|N|N|                               |
 *   |           Checksum            |         Urgent Pointer        |
 *   |                           [Options]                           |
 */
import type { DecodedUnit, Field } from '../bytes/fields';
import { checkChecksum, pseudoHeader, skipReason } from '../packet/checksums';
import { colonHex, field, hexNumber, slice, u16, u32, u8, unit } from '../packet/field';
import { RFC_TCP } from '../packet/problems';
import { report, type Context, type IpPayload } from '../packet/types';
import { tcpProblems, tcpText } from './header-text';
import { decodeTcpOptions, type OptionSummary } from './options';

/** The control bits, most significant first, with Wireshark's key suffixes. */
const FLAGS = [
	['CWR', 'cwr', 0x80],
	['ECE', 'ece', 0x40],
	['URG', 'urg', 0x20],
	['ACK', 'ack', 0x10],
	['PSH', 'push', 0x08],
	['RST', 'reset', 0x04],
	['SYN', 'syn', 0x02],
	['FIN', 'fin', 0x01]
] as const;

export type TcpFlagName = (typeof FLAGS)[number][0];

export interface TcpHeaderResult {
	unit: DecodedUnit;
	srcPort: number;
	dstPort: number;
	seq: number;
	ack: number;
	window: number;
	/** The flags that are set, lowest bit first as Wireshark lists them: ['SYN', 'ACK']. */
	flags: TcpFlagName[];
	options: OptionSummary;
	/** Where the payload starts and ends, when the header could be read. */
	payloadStart?: number;
	payloadEnd: number;
}

/** Reads the TCP segment that `ip` carries. */
export function decodeTcpHeader(ctx: Context, ip: IpPayload): TcpHeaderResult {
	const { bytes } = ctx;
	const at = ip.offset;
	const end = ip.end;
	const srcPort = u16(bytes, at);
	const dstPort = u16(bytes, at + 2);
	const seq = u32(bytes, at + 4);
	const ack = u32(bytes, at + 8);
	const words = u8(bytes, at + 12) >> 4;
	const headerLength = Math.max(words, 5) * 4;
	const flagWord = u16(bytes, at + 12) & 0x0fff;
	const window = u16(bytes, at + 14);
	const stored = u16(bytes, at + 16);
	const urgent = u16(bytes, at + 18);
	// Listed as Wireshark's Info column lists them, lowest bit first: [SYN, ACK], [FIN, PSH, ACK].
	const set = FLAGS.filter(([, , bit]) => (flagWord & bit) !== 0)
		.map(([name]) => name)
		.reverse();
	const has = (name: TcpFlagName) => set.includes(name);
	const segmentLength = ip.quoted ? Math.max(0, ip.end - at) : ip.declaredLength;

	const checksum = checkChecksum(ctx, {
		layer: 'tcp',
		key: 'tcp.checksum',
		what: 'TCP',
		at: at + 16,
		start: at,
		length: segmentLength,
		pseudo: pseudoHeader(ip, 6, segmentLength),
		skip:
			skipReason(ctx, ip, at, segmentLength) ??
			(words < 5 || segmentLength < 20 ? 'truncated' : undefined),
		incorrect: 'TCP_CHECKSUM_INCORRECT',
		source: 'RFC 9293 §3.1'
	});

	const flagFields: Field[] = [
		field({
			key: 'tcp.flags.res',
			name: 'Reserved',
			abbr: 'Rsv',
			offset: at + 12,
			bitOffset: 4,
			bitLength: 3,
			value: (flagWord >> 9) & 7,
			meaning: tcpText.reserved((flagWord >> 9) & 7),
			source: RFC_TCP,
			category: 'reserved'
		}),
		field({
			key: 'tcp.flags.ae',
			name: 'AE',
			offset: at + 12,
			bitOffset: 7,
			bitLength: 1,
			value: (flagWord >> 8) & 1,
			meaning: tcpText.ae(((flagWord >> 8) & 1) === 1),
			source: 'RFC 9768; RFC 9293 §3.1',
			category: 'flags'
		}),
		...FLAGS.map(([name, key, bit], i) =>
			field({
				key: `tcp.flags.${key}`,
				name,
				offset: at + 13,
				bitOffset: i,
				bitLength: 1,
				value: flagWord & bit ? 1 : 0,
				meaning: tcpText.flag(name, (flagWord & bit) !== 0),
				source: name === 'CWR' || name === 'ECE' ? 'RFC 3168 §6.1' : RFC_TCP,
				category: 'flags'
			})
		)
	];
	const fields: Field[] = [
		field({
			key: 'tcp.srcport',
			name: 'Source Port',
			offset: at,
			length: 2,
			value: srcPort,
			meaning: tcpText.port(srcPort, 'source'),
			source: RFC_TCP,
			category: 'port'
		}),
		field({
			key: 'tcp.dstport',
			name: 'Destination Port',
			offset: at + 2,
			length: 2,
			value: dstPort,
			meaning: tcpText.port(dstPort, 'destination'),
			source: RFC_TCP,
			category: 'port'
		}),
		field({
			key: 'tcp.seq_raw',
			name: 'Sequence Number',
			offset: at + 4,
			length: 4,
			value: seq,
			meaning: tcpText.seq(seq, has('SYN')),
			source: RFC_TCP,
			category: 'sequence'
		}),
		field({
			key: 'tcp.ack_raw',
			name: 'Acknowledgment Number',
			offset: at + 8,
			length: 4,
			value: ack,
			meaning: tcpText.ack(ack, has('ACK')),
			source: RFC_TCP,
			category: 'sequence'
		}),
		field({
			key: 'tcp.hdr_len',
			name: 'Data Offset',
			abbr: 'Off',
			offset: at + 12,
			bitOffset: 0,
			bitLength: 4,
			value: words * 4,
			display: `${words * 4} bytes (${words})`,
			meaning: tcpText.dataOffset(words),
			source: RFC_TCP,
			category: 'length'
		}),
		field({
			key: 'tcp.flags',
			name: 'Flags',
			offset: at + 12,
			bitOffset: 4,
			bitLength: 12,
			value: flagWord,
			display: `${hexNumber(flagWord, 3)} (${set.join(', ') || 'none'})`,
			meaning: tcpText.flags(set),
			source: RFC_TCP,
			category: 'flags',
			children: flagFields
		}),
		field({
			key: 'tcp.window_size_value',
			name: 'Window',
			offset: at + 14,
			length: 2,
			value: window,
			meaning: tcpText.window(window, has('SYN')),
			source: RFC_TCP,
			category: 'length'
		}),
		field({
			key: 'tcp.checksum',
			name: 'Checksum',
			offset: at + 16,
			length: 2,
			value: stored,
			display: hexNumber(stored, 4),
			meaning: checksum.meaning,
			source: RFC_TCP,
			category: 'checksum',
			verdict: checksum.fieldVerdict
		}),
		field({
			key: 'tcp.urgent_pointer',
			name: 'Urgent Pointer',
			offset: at + 18,
			length: 2,
			value: urgent,
			meaning: tcpText.urgent(urgent, has('URG')),
			source: RFC_TCP,
			category: 'sequence'
		})
	];
	const result: TcpHeaderResult = {
		unit: unit(bytes, 'tcp', at, Math.min(at + 20, end), fields),
		srcPort,
		dstPort,
		seq,
		ack,
		window,
		flags: set,
		options: { names: [] },
		payloadEnd: end
	};
	const present = end - at;
	if (present < 20) {
		if (!ip.quoted)
			report(ctx, 'TCP_TRUNCATED', tcpProblems.truncated(Math.max(0, present), 20), 'tcp', at);
		return result;
	}
	if (words < 5) {
		report(
			ctx,
			'TCP_DATA_OFFSET_TOO_SMALL',
			tcpProblems.offsetTooSmall(words),
			'tcp',
			at + 12,
			1,
			0
		);
		return result;
	}
	let optionsEnd = at + headerLength;
	if (optionsEnd > end) {
		// Past what the IP header declares: the header is wrong. Past the capture only: cut short.
		const declaredEnd = at + segmentLength;
		if (optionsEnd > declaredEnd && !ip.quoted) {
			report(
				ctx,
				'TCP_DATA_OFFSET_PAST_END',
				tcpProblems.offsetPastEnd(headerLength, segmentLength),
				'tcp',
				at + 12,
				1,
				0
			);
			optionsEnd = Math.max(at + 20, declaredEnd);
		} else if (!ip.quoted) {
			report(
				ctx,
				'TCP_TRUNCATED',
				tcpProblems.truncated(present, headerLength),
				'tcp',
				at + 12,
				1,
				0
			);
		}
	}
	if (optionsEnd > at + 20) {
		const options = decodeTcpOptions(
			ctx,
			at + 20,
			optionsEnd,
			has('ACK'),
			Math.min(end, optionsEnd)
		);
		result.options = options.summary;
		fields.push(
			field({
				key: 'tcp.options',
				name: 'Options',
				offset: at + 20,
				length: optionsEnd - at - 20,
				value: colonHex(slice(bytes, at + 20, optionsEnd)),
				meaning: tcpText.options(optionsEnd - at - 20),
				source: RFC_TCP,
				category: 'options',
				children: options.fields
			})
		);
	}
	result.unit = unit(bytes, 'tcp', at, Math.min(optionsEnd, end), fields);
	result.payloadStart = Math.min(optionsEnd, end);
	return result;
}
