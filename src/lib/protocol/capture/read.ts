/**
 * `readCapture`: a pcap or pcapng file's packets, interfaces and located problems, told apart by
 * their first bytes (draft-ietf-opsawg-pcap §6 notes that a pcapng file's first bytes match no
 * pcap magic). Never throws; every packet's bytes are a view into the file, not a copy.
 */
import type { NotACapture } from './capture-text';
import { pcapMagic, readPcap } from './read-pcap';
import { readPcapng } from './read-pcapng';
import { ProblemList } from './read-problems';
import type { CaptureReading } from './types';

/** Which capture format the bytes start with, from the first four bytes alone. */
export function captureFormat(bytes: Uint8Array): 'pcap' | 'pcapng' | undefined {
	if (bytes.length < 4) return undefined;
	if (bytes[0] === 0x0a && bytes[1] === 0x0d && bytes[2] === 0x0d && bytes[3] === 0x0a)
		return 'pcapng';
	return pcapMagic(bytes) ? 'pcap' : undefined;
}

/** What a file that is not a capture looks like, for the sentence that says so. */
function looksLike(bytes: Uint8Array): NotACapture {
	if (bytes[0] === 0x1f && bytes[1] === 0x8b) return 'gzip';
	// A text-mode transfer rewrites the SHB's "\n\r\r\n": CRLF → LF leaves "\n\r\n", LF → CRLF
	// makes "\r\n\r\r\r\n" (pcapng §10.1 reserves 0x0A0D0AXX and 0x0D0D0AXX-style types to spot this).
	if (bytes[0] === 0x0a && bytes[1] === 0x0d && bytes[2] === 0x0a) return 'pcapng-text-mode';
	if (bytes[0] === 0x0d && bytes[1] === 0x0a && bytes[2] === 0x0d && bytes[3] === 0x0d)
		return 'pcapng-text-mode';
	const sample = bytes.subarray(0, 64);
	let printable = 0;
	for (const byte of sample)
		if ((byte >= 0x20 && byte < 0x7f) || byte === 0x09 || byte === 0x0a || byte === 0x0d)
			printable++;
	return sample.length > 0 && printable === sample.length ? 'text' : 'unknown';
}

/** Reads a pcap or pcapng capture file. Never throws: damage is a located problem. */
export function readCapture(bytes: Uint8Array): CaptureReading {
	const format = captureFormat(bytes);
	if (format === 'pcapng') return readPcapng(bytes);
	if (format === 'pcap') return readPcap(bytes);
	const problems = new ProblemList();
	const error =
		bytes.length === 0
			? problems.add('EMPTY', { offset: 0, length: 0 })
			: problems.add(
					'BAD_MAGIC',
					{ offset: 0, length: Math.min(4, bytes.length) },
					bytes.subarray(0, 4),
					looksLike(bytes)
				);
	return { ok: false, error, packets: [] };
}
