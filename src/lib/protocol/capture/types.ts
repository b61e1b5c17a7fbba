/**
 * The shape of a read capture file (pcap or pcapng): its interfaces, its packet records and the
 * located problems met on the way. `readCapture` (read.ts) returns a `CaptureReading`.
 */

/** One packet record of a capture file. */
export interface CapturedPacket {
	/** 0-based position in the file, over all sections and interfaces. */
	index: number;
	/** Capture time in nanoseconds since the Unix epoch, exact (pcapng's if_tsresol/if_tsoffset applied). */
	time: bigint;
	/** Interface number within its section (pcapng IDB index; 0 for pcap). */
	interface: number;
	/** LINKTYPE number of the interface, e.g. 1 Ethernet, 113 Linux SLL, 276 SLL2, 101 raw, 0 null. */
	linkType: number;
	/** Bytes of the packet present in the file (pcap incl_len, pcapng Captured Packet Length). */
	capturedLength: number;
	/** Length of the packet on the wire (pcap orig_len, pcapng Original Packet Length). */
	originalLength: number;
	/** The captured bytes (a view into the file is fine). */
	bytes: Uint8Array;
	/** Byte offset of this record (pcap record header / pcapng block) in the file, for located messages. */
	offset: number;
	/** pcapng opt_comment values, if any. */
	comments?: string[];
}

/** One capture interface: the pcap file header, or one pcapng Interface Description Block. */
export interface CaptureInterface {
	/** 0-based pcapng section (Section Header Block) it belongs to; 0 for pcap. */
	section: number;
	/** Interface ID within its section, in IDB order from 0; 0 for pcap. */
	index: number;
	/** LINKTYPE number, e.g. 1 Ethernet. */
	linkType: number;
	/** Largest captured length; 0 in pcapng means no limit. */
	snaplen: number;
	/** pcapng if_name. */
	name?: string;
	/** pcapng if_description. */
	description?: string;
	/** ticks per second */
	resolution: bigint;
	/** pcapng if_tsoffset: seconds added to every timestamp (0n when absent). */
	offsetSeconds: bigint;
}

/** A located problem in a capture file. */
export interface CaptureProblem {
	/** Stable code, e.g. 'TRUNCATED_RECORD', 'BAD_MAGIC', 'BLOCK_LENGTH_MISMATCH', 'UNKNOWN_LINK_TYPE', 'SNAPLEN_CUT'. */
	code: string;
	/** The sentence, from capture-text.ts. */
	message: string;
	/** Byte offset in the file. */
	offset: number;
	/** Number of bytes concerned, from `offset`. */
	length?: number;
	severity: 'error' | 'warning';
	/** Index of the packet concerned, if any. */
	packet?: number;
	/** The rule broken, e.g. 'pcapng draft-ietf-opsawg-pcapng §4.3', 'pcap draft-ietf-opsawg-pcap §5'. */
	source: string;
}

/**
 * What `readCapture` returns: the packets and problems, or (when nothing usable could be read,
 * e.g. a bad magic or an empty file) the error and whatever was read before it.
 */
export type CaptureReading =
	| {
			ok: true;
			format: 'pcap' | 'pcapng';
			/** Byte order of the file (of its first section for pcapng). */
			byteOrder: 'little' | 'big';
			/** pcap only: true for the nanosecond magic 0xA1B23C4D. */
			nanosecond?: boolean;
			interfaces: CaptureInterface[];
			packets: CapturedPacket[];
			problems: CaptureProblem[];
	  }
	| {
			ok: false;
			error: CaptureProblem;
			/** what could be read before the error */
			packets: CapturedPacket[];
	  };
