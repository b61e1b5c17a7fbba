/** Sentences for the UDP header (RFC 768). */
import { groupDigits, plural } from '../bytes/text';

/** Where the UDP header is drawn 32 bits a row: the figure a header diagram follows. */
export const UDP_HEADER_FIGURE = 'RFC 768';

export const udpText = {
	port: (port: number, role: 'source' | 'destination') =>
		`${port} — ${role} port${role === 'source' && port === 0 ? ' (0: no reply expected)' : ''}`,
	length: (n: number) => `${groupDigits(n)} — header (8) and data, in bytes`,
	truncated: (present: number) =>
		`The UDP header needs 8 bytes; only ${present} are in the packet.`,
	tooSmall: (n: number) => `Length is ${n}, less than the 8-byte header it includes.`,
	mismatch: (n: number, ipLength: number) =>
		`Length says ${plural(n, 'byte')}, but the IP header leaves ${plural(ipLength, 'byte')} for UDP.`
};
