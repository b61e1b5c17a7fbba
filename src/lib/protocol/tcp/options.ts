/**
 * TCP options (RFC 9293 §3.1–3.2; facts.md K21): EOL, NOP, MSS, Window Scale, SACK-Permitted,
 * SACK blocks, Timestamps, the TCP Fast Open cookie, experimental kinds, and any other kind shown
 * raw. Keys are Wireshark's (`tcp.options.mss_val`, `tcp.options.wscale.shift`…). After EOL,
 * every remaining byte is padding, listed as Wireshark lists it, one `tcp.options.eol` a byte.
 */
import type { Field } from '../bytes/fields';
import { colonHex, field, slice, u16, u32, u8 } from '../packet/field';
import { RFC_TCP, RFC_TCP_OPTIONS } from '../packet/problems';
import { report, type Context } from '../packet/types';
import { optionText, tcpProblems, TCP_OPTION_NAMES } from './header-text';

const SOURCES: Readonly<Record<string, string>> = {
	eol: RFC_TCP_OPTIONS,
	nop: RFC_TCP_OPTIONS,
	mss: 'RFC 9293 §3.7.1',
	wscale: 'RFC 7323 §2',
	sack_perm: 'RFC 2018 §2',
	sack: 'RFC 2018 §3',
	timestamp: 'RFC 7323 §3',
	tfo: 'RFC 7413 §4.1.1',
	experimental: 'RFC 6994 §3',
	unknown: RFC_TCP_OPTIONS
};

/** What the options say that other fields need (the window scale, a SYN's MSS). */
export interface OptionSummary {
	names: string[];
	mss?: number;
	windowScale?: number;
}

/** Reads the options in [start, end); `ack` tells whether TSecr is meaningful. */
export function decodeTcpOptions(
	ctx: Context,
	start: number,
	end: number,
	ack: boolean,
	present = end
): { fields: Field[]; summary: OptionSummary } {
	const { bytes } = ctx;
	const fields: Field[] = [];
	const summary: OptionSummary = { names: [] };
	let at = start;
	let ended = false;
	/** The options from `at` to the end, as one field, once no more can be read. */
	const rest = (name: string) =>
		field({
			key: 'tcp.options.unparsed',
			name,
			offset: at,
			length: end - at,
			value: colonHex(slice(bytes, at, end)),
			meaning: optionText.unparsed(end - at),
			source: RFC_TCP_OPTIONS,
			category: 'options'
		});
	// Options the capture cuts off are laid out as declared and clipped later; none is read
	// beyond the last byte present.
	while (at < Math.max(present, start) && at < end) {
		const kind = u8(bytes, at);
		if (ended || kind === 0) {
			fields.push(
				field({
					key: 'tcp.options.eol',
					name: ended ? 'Padding' : 'End of Option List',
					abbr: 'EOL',
					offset: at,
					length: 1,
					value: colonHex(slice(bytes, at, at + 1)),
					meaning: optionText.eol(!ended),
					source: RFC_TCP_OPTIONS,
					category: ended ? 'reserved' : 'options',
					children: [kindField(at, kind, 'End of Option List')]
				})
			);
			if (!ended) summary.names.push('eol');
			ended = true;
			at += 1;
			continue;
		}
		if (kind === 1) {
			fields.push(
				field({
					key: 'tcp.options.nop',
					name: 'No-Operation',
					abbr: 'NOP',
					offset: at,
					length: 1,
					value: '01',
					meaning: optionText.nop(),
					source: RFC_TCP_OPTIONS,
					category: 'options',
					children: [kindField(at, 1, 'No-Operation')]
				})
			);
			summary.names.push('nop');
			at += 1;
			continue;
		}
		const known = TCP_OPTION_NAMES[kind];
		const name = known?.name ?? `Kind ${kind}`;
		if (at + 1 >= present && present < end) {
			// The capture ends before this option's length byte: nothing more can be read.
			fields.push(rest('Cut option'));
			break;
		}
		const length = u8(bytes, at + 1);
		if (at + 1 >= end || length < 2 || at + length > end) {
			if (at + 1 >= end || length < 2) {
				report(
					ctx,
					'TCP_OPTION_LENGTH_INVALID',
					tcpProblems.optionLength(at, kind, at + 1 >= end ? 0 : length),
					'tcp',
					Math.min(at + 1, end - 1)
				);
			} else {
				report(
					ctx,
					'TCP_OPTION_OVERRUN',
					tcpProblems.optionOverrun(at, kind, length, end - at),
					'tcp',
					at + 1
				);
			}
			fields.push(rest('Unreadable options'));
			break;
		}
		const key = known?.key ?? 'unknown';
		const source = SOURCES[key];
		const children: Field[] = [
			kindField(at, kind, name),
			field({
				key: 'tcp.option_len',
				name: 'Length',
				offset: at + 1,
				length: 1,
				value: length,
				meaning: optionText.length(length),
				source,
				category: 'length'
			})
		];
		const body = at + 2;
		const bodyLength = length - 2;
		const expected = known?.length;
		const wrong =
			(expected !== undefined && length !== expected) ||
			(kind === 5 && (bodyLength % 8 !== 0 || bodyLength === 0)) ||
			(kind === 34 && length !== 2 && (bodyLength < 4 || bodyLength > 16));
		if (wrong) {
			const rule = kind === 5 ? '2 + 8n' : kind === 34 ? '2, or 6 to 18' : String(expected);
			report(
				ctx,
				'TCP_OPTION_LENGTH_WRONG',
				tcpProblems.optionLengthWrong(at, name, length, rule),
				'tcp',
				at + 1
			);
		}
		if (!wrong && kind === 2) {
			const mss = u16(bytes, body);
			summary.mss = mss;
			children.push(
				field({
					key: 'tcp.options.mss_val',
					name: 'MSS',
					offset: body,
					length: 2,
					value: mss,
					meaning: optionText.mss(mss),
					source,
					category: 'length'
				})
			);
		} else if (!wrong && kind === 3) {
			const shift = u8(bytes, body);
			summary.windowScale = Math.min(shift, 14);
			children.push(
				field({
					key: 'tcp.options.wscale.shift',
					name: 'Shift count',
					offset: body,
					length: 1,
					value: shift,
					meaning: optionText.shift(shift),
					source,
					category: 'length'
				})
			);
		} else if (!wrong && kind === 5) {
			for (let p = body; p < at + length; p += 8) {
				children.push(
					field({
						key: 'tcp.options.sack_le',
						name: 'Left Edge',
						offset: p,
						length: 4,
						value: u32(bytes, p),
						meaning: optionText.sackLeft(u32(bytes, p)),
						source,
						category: 'sequence'
					}),
					field({
						key: 'tcp.options.sack_re',
						name: 'Right Edge',
						offset: p + 4,
						length: 4,
						value: u32(bytes, p + 4),
						meaning: optionText.sackRight(u32(bytes, p + 4)),
						source,
						category: 'sequence'
					})
				);
			}
		} else if (!wrong && kind === 8) {
			children.push(
				field({
					key: 'tcp.options.timestamp.tsval',
					name: 'TSval',
					offset: body,
					length: 4,
					value: u32(bytes, body),
					meaning: optionText.tsval(u32(bytes, body)),
					source,
					category: 'sequence'
				}),
				field({
					key: 'tcp.options.timestamp.tsecr',
					name: 'TSecr',
					offset: body + 4,
					length: 4,
					value: u32(bytes, body + 4),
					meaning: optionText.tsecr(u32(bytes, body + 4), ack),
					source,
					category: 'sequence'
				})
			);
		} else if (!wrong && kind === 34 && bodyLength > 0) {
			const cookie = colonHex(slice(bytes, body, at + length));
			children.push(
				field({
					key: 'tcp.options.tfo.cookie',
					name: 'Cookie',
					offset: body,
					length: bodyLength,
					value: cookie,
					meaning: optionText.tfoCookie(cookie),
					source,
					category: 'key'
				})
			);
		} else if ((kind === 253 || kind === 254) && bodyLength >= 2) {
			children.push(
				field({
					key: 'tcp.options.experimental.exid',
					name: 'ExID',
					offset: body,
					length: 2,
					value: u16(bytes, body),
					meaning: optionText.exid(u16(bytes, body)),
					source,
					category: 'code'
				})
			);
			if (bodyLength > 2) {
				children.push(
					field({
						key: 'tcp.options.experimental.data',
						name: 'Data',
						offset: body + 2,
						length: bodyLength - 2,
						value: colonHex(slice(bytes, body + 2, at + length)),
						meaning: optionText.data(bodyLength - 2),
						source,
						category: 'options'
					})
				);
			}
		} else if (bodyLength > 0) {
			children.push(
				field({
					key: known ? `tcp.options.${key}.data` : 'tcp.options.unknown.payload',
					name: 'Data',
					offset: body,
					length: bodyLength,
					value: colonHex(slice(bytes, body, at + length)),
					meaning: optionText.data(bodyLength),
					source,
					category: 'options'
				})
			);
		}
		summary.names.push(key === 'tfo' && bodyLength === 0 ? 'tfo-request' : key);
		fields.push(
			field({
				key: `tcp.options.${key}`,
				name,
				offset: at,
				length,
				value: colonHex(slice(bytes, at, at + length)),
				meaning:
					kind === 34 && bodyLength === 0
						? optionText.tfoRequest()
						: known
							? name
							: optionText.unknown(kind),
				source,
				category: 'options',
				children
			})
		);
		at += length;
	}
	return { fields, summary };
}

function kindField(at: number, kind: number, name: string): Field {
	return field({
		key: 'tcp.option_kind',
		name: 'Kind',
		offset: at,
		length: 1,
		value: kind,
		meaning: optionText.kind(kind, name),
		source: RFC_TCP,
		category: 'type'
	});
}
