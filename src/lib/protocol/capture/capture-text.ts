/**
 * Every problem the capture-file reader can report, in one table (its stable code, how serious it
 * is, the rule behind it and its sentence), and the names of common link types.
 *
 * - `error`: the file breaks a rule of its format, and what follows the problem could not be read
 *   (or, for a single block or record, that block was skipped);
 * - `warning`: the packets can be read, but something is off or incomplete (a snapshot length
 *   cut, a link type the packet decoder does not read).
 *
 * Packets are numbered from 1 in sentences, as Wireshark numbers its frames; byte offsets count
 * from 0, the first byte of the file.
 */
import { groupDigits, plural } from '../bytes/text';

/** The pcap format: draft-ietf-opsawg-pcap-08 (facts.md F1–F5). */
export const PCAP_DRAFT = 'pcap draft-ietf-opsawg-pcap';
/** The pcapng format: draft-ietf-opsawg-pcapng-06 (facts.md F6–F14). */
export const PCAPNG_DRAFT = 'pcapng draft-ietf-opsawg-pcapng';
/** The LINKTYPE registry: draft-ietf-opsawg-pcaplinktype-18. */
export const LINKTYPE_DRAFT = 'draft-ietf-opsawg-pcaplinktype';

const PCAP_HEADER = `${PCAP_DRAFT} §4`;
const PCAP_RECORD = `${PCAP_DRAFT} §5`;
const PCAPNG_BLOCK = `${PCAPNG_DRAFT} §3.1`;
const PCAPNG_OPTIONS = `${PCAPNG_DRAFT} §3.5`;
const PCAPNG_SHB = `${PCAPNG_DRAFT} §4.1`;
const PCAPNG_IDB = `${PCAPNG_DRAFT} §4.2`;
const PCAPNG_EPB = `${PCAPNG_DRAFT} §4.3`;
/** Where each pcapng block with packets or interfaces is defined. */
export const PCAPNG_BLOCK_SOURCES = {
	shb: PCAPNG_SHB,
	idb: PCAPNG_IDB,
	epb: PCAPNG_EPB,
	spb: `${PCAPNG_DRAFT} §4.4`,
	pb: `${PCAPNG_DRAFT} Appendix A`
} as const;

/** The pcapng blocks the reader reads, by name. */
export type PcapngBlockName = keyof typeof PCAPNG_BLOCK_SOURCES;

/** What each block is called in sentences. */
export const PCAPNG_BLOCK_NAMES: Readonly<Record<PcapngBlockName, string>> = {
	shb: 'Section Header Block',
	idb: 'Interface Description Block',
	epb: 'Enhanced Packet Block',
	spb: 'Simple Packet Block',
	pb: 'Packet Block (obsolete)'
};

/**
 * libpcap's MAXIMUM_SNAPLEN, also Wireshark's limit for a packet record: a pcap record claiming
 * more, beyond the file's own SnapLen, is taken as corruption (pcap has no other check).
 */
export const MAXIMUM_SNAPLEN = 262144;

/** "the 4 bytes d4 c3 b2 a1". */
function hexBytes(bytes: ArrayLike<number>): string {
	let out = '';
	for (let i = 0; i < bytes.length; i++)
		out += (i ? ' ' : '') + bytes[i].toString(16).padStart(2, '0');
	return out;
}

const hex32 = (value: number) => `0x${(value >>> 0).toString(16).toUpperCase().padStart(8, '0')}`;
const at = (offset: number) => `byte ${groupDigits(offset)}`;
const packetName = (index: number) => `packet ${groupDigits(index + 1)}`;
const bytesText = (n: number) => plural(n, 'byte');

/** What the first bytes of a file that is not a capture look like, if recognisable. */
export type NotACapture = 'gzip' | 'text' | 'pcapng-text-mode' | 'unknown';

/** Common LINKTYPE values and their registry names (draft-ietf-opsawg-pcaplinktype-18's table). */
export const LINKTYPE_NAMES: Readonly<Record<number, string>> = {
	0: 'LINKTYPE_NULL',
	1: 'LINKTYPE_ETHERNET',
	9: 'LINKTYPE_PPP',
	101: 'LINKTYPE_RAW',
	105: 'LINKTYPE_IEEE802_11',
	108: 'LINKTYPE_LOOP',
	113: 'LINKTYPE_LINUX_SLL',
	127: 'LINKTYPE_IEEE802_11_RADIOTAP',
	189: 'LINKTYPE_USB_LINUX',
	192: 'LINKTYPE_PPI',
	220: 'LINKTYPE_USB_LINUX_MMAPPED',
	228: 'LINKTYPE_IPV4',
	229: 'LINKTYPE_IPV6',
	239: 'LINKTYPE_NFLOG',
	249: 'LINKTYPE_USBPCAP',
	276: 'LINKTYPE_LINUX_SLL2'
};

/** The link types `decodePacket` reads (packet/decode.ts LINKTYPE_NUMBERS; a test keeps them equal). */
export const DECODED_LINK_TYPES: readonly number[] = [0, 1, 101, 113, 228, 229, 276];

/** Whether the packet decoder reads this link type. */
export const isDecodable = (linkType: number) => DECODED_LINK_TYPES.includes(linkType);

/** "LINKTYPE_ETHERNET (1)", or "147" for a number without a name here. */
export function linkTypeName(linkType: number): string {
	const name = LINKTYPE_NAMES[linkType];
	return name ? `${name} (${linkType})` : String(linkType);
}

type Severity = 'error' | 'warning';

/**
 * The problem table. `text` words the problem from the facts the reader found; `source` is the
 * rule's default citation (a reader may cite the block's own section instead).
 */
export const CAPTURE_PROBLEMS = {
	EMPTY: {
		severity: 'error',
		source: PCAP_HEADER,
		text: () =>
			'The file is empty: a capture file starts with a pcap file header or a pcapng block.'
	},
	BAD_MAGIC: {
		severity: 'error',
		source: PCAP_HEADER,
		text: (first: ArrayLike<number>, looksLike: NotACapture) =>
			`The file starts with ${hexBytes(first)}, which is neither a pcap magic number ` +
			'(d4 c3 b2 a1 or a1 b2 c3 d4 for microseconds, 4d 3c b2 a1 or a1 b2 3c 4d for nanoseconds) ' +
			'nor a pcapng Section Header Block (0a 0d 0d 0a).' +
			(looksLike === 'gzip'
				? ' It is gzip-compressed (1f 8b): decompress it first.'
				: looksLike === 'text'
					? ' It looks like text, not a binary capture file.'
					: looksLike === 'pcapng-text-mode'
						? ' It looks like a pcapng file damaged by a text-mode transfer, which changed its line ' +
							'endings: the Section Header Block type 0x0A0D0D0A ("\\n\\r\\r\\n") is chosen to reveal ' +
							'exactly that.'
						: '')
	},
	TRUNCATED_HEADER: {
		severity: 'error',
		source: PCAP_HEADER,
		text: (present: number) =>
			`The pcap file header is 24 bytes long, but the file holds only ${bytesText(present)}.`
	},
	BAD_VERSION: {
		severity: 'warning',
		source: PCAP_HEADER,
		text: (major: number, minor: number) =>
			`The file says format version ${major}.${minor}; the pcap format is version 2.4. ` +
			'The records are read as version 2.4 records.'
	},
	LINKTYPE_RESERVED_BITS: {
		severity: 'error',
		source: PCAP_HEADER,
		text: (field: number) =>
			`The LinkType field is ${hex32(field)}: its R bit or its 10 reserved bits are set. Writers ` +
			'must leave them zero, and readers should treat them as an error; the link type was read ' +
			'from the low 16 bits.'
	},
	FCS_PRESENT: {
		severity: 'warning',
		source: PCAP_HEADER,
		text: (fcsBytes: number) =>
			`The header's P bit is set with an FCS length of ${fcsBytes / 2} (16-bit words): every packet ends with a ` +
			`${fcsBytes}-byte frame check sequence after the link-layer frame.`
	},
	ZERO_SNAPLEN: {
		severity: 'warning',
		source: PCAP_HEADER,
		text: () =>
			'The SnapLen is 0, which pcap forbids (pcapng uses 0 for "no limit"); it is read as no limit.'
	},
	TRUNCATED_RECORD: {
		severity: 'error',
		source: PCAP_RECORD,
		text: (index: number, offset: number, needed: number, present: number) =>
			`The file ends inside ${packetName(index)}: its record at ${at(offset)} needs ` +
			`${bytesText(needed)}, but only ${bytesText(present)} remain. The capture was cut short, ` +
			'perhaps while it was still being written.'
	},
	RECORD_TOO_LONG: {
		severity: 'error',
		source: PCAP_RECORD,
		text: (index: number, offset: number, captured: number, snaplen: number) =>
			`The record of ${packetName(index)} at ${at(offset)} says ${bytesText(captured)} were ` +
			`captured, more than the file's SnapLen (${groupDigits(snaplen)}) and than any capture ` +
			`writes (${groupDigits(MAXIMUM_SNAPLEN)}): the file is corrupt here, and nothing after it ` +
			'can be trusted.'
	},
	CAPTURED_OVER_SNAPLEN: {
		severity: 'warning',
		source: PCAP_RECORD,
		text: (count: number, index: number, captured: number, snaplen: number) =>
			`${plural(count, 'packet')} hold more bytes than the snapshot length allows: ` +
			`${packetName(index)} has ${bytesText(captured)} for a SnapLen of ${groupDigits(snaplen)}` +
			`${count > 1 ? ' (the first of them)' : ''}. The captured length is the smaller of the ` +
			'original length and the SnapLen.'
	},
	CAPTURED_OVER_ORIGINAL: {
		severity: 'warning',
		source: PCAP_RECORD,
		text: (count: number, index: number, captured: number, original: number) =>
			`${plural(count, 'packet')} claim more captured bytes than the packet had: ` +
			`${packetName(index)} has ${bytesText(captured)} captured of an original ` +
			`${groupDigits(original)}${count > 1 ? ' (the first of them)' : ''}.`
	},
	SNAPLEN_CUT: {
		severity: 'warning',
		source: PCAP_RECORD,
		text: (count: number, index: number, captured: number, original: number) =>
			`${plural(count, 'packet')} ${count === 1 ? 'was' : 'were'} cut short by the snapshot ` +
			`length: ${packetName(index)} keeps ${groupDigits(captured)} of its ` +
			`${bytesText(original)}${count > 1 ? ' (the first of them)' : ''}. The bytes after the cut ` +
			'were never saved.'
	},
	FRACTION_TOO_BIG: {
		severity: 'warning',
		source: PCAP_RECORD,
		text: (count: number, index: number, fraction: number, unit: 'microseconds' | 'nanoseconds') =>
			`${plural(count, 'packet')} have a sub-second part worth a whole second or more: ` +
			`${packetName(index)} says ${groupDigits(fraction)} ${unit}` +
			`${count > 1 ? ' (the first of them)' : ''}. It is added to the seconds as it is.`
	},
	UNKNOWN_LINK_TYPE: {
		severity: 'warning',
		source: LINKTYPE_DRAFT,
		text: (linkType: number, interfaceName: string) =>
			`${interfaceName} records link type ${linkTypeName(linkType)}, which the packet decoder ` +
			`does not read (it reads ${DECODED_LINK_TYPES.map((n) => LINKTYPE_NAMES[n]).join(', ')}). ` +
			'Its packets are listed with their bytes only.'
	},
	TRUNCATED_BLOCK: {
		severity: 'error',
		source: PCAPNG_BLOCK,
		text: (offset: number, needed: number, present: number) =>
			`The file ends inside the block at ${at(offset)}: it needs ${bytesText(needed)}, but only ` +
			`${bytesText(present)} remain. The capture was cut short, perhaps while it was still being ` +
			'written.'
	},
	BLOCK_LENGTH_TOO_SMALL: {
		severity: 'error',
		source: PCAPNG_BLOCK,
		text: (offset: number, length: number) =>
			`The block at ${at(offset)} says its Block Total Length is ${groupDigits(length)}, less ` +
			'than the 12 bytes of type and two lengths every block has: the file is corrupt here.'
	},
	BLOCK_LENGTH_NOT_MULTIPLE_OF_4: {
		severity: 'error',
		source: PCAPNG_BLOCK,
		text: (offset: number, length: number) =>
			`The block at ${at(offset)} says its Block Total Length is ${groupDigits(length)}, which ` +
			'is not a multiple of 4 as every block length must be: the file is corrupt here.'
	},
	BLOCK_LENGTH_MISMATCH: {
		severity: 'error',
		source: PCAPNG_BLOCK,
		text: (offset: number, length: number, trailer: number) =>
			`The block at ${at(offset)} starts with a Block Total Length of ${groupDigits(length)} ` +
			`but ends with ${groupDigits(trailer)}; the two copies must be equal. The file is corrupt ` +
			'here.'
	},
	BLOCK_TOO_SHORT: {
		severity: 'error',
		source: PCAPNG_BLOCK,
		text: (block: PcapngBlockName, offset: number, length: number, minimum: number) =>
			`The ${PCAPNG_BLOCK_NAMES[block]} at ${at(offset)} is ${bytesText(length)} long, too short ` +
			`for its fixed fields (${groupDigits(minimum)} bytes at least). It was skipped.`
	},
	BAD_BYTE_ORDER_MAGIC: {
		severity: 'error',
		source: PCAPNG_SHB,
		text: (offset: number, found: ArrayLike<number>) =>
			`The Section Header Block at ${at(offset)} has the Byte-Order Magic ${hexBytes(found)}, ` +
			'not 1a 2b 3c 4d (big-endian) or 4d 3c 2b 1a (little-endian), so its byte order is unknown.'
	},
	UNSUPPORTED_VERSION: {
		severity: 'error',
		source: PCAPNG_SHB,
		text: (offset: number, major: number, minor: number) =>
			`The section at ${at(offset)} is pcapng version ${major}.${minor}; only major version 1 ` +
			'exists. A reader must skip such a section up to the next Section Header Block, and its ' +
			'blocks were skipped.'
	},
	MINOR_VERSION: {
		severity: 'warning',
		source: PCAPNG_SHB,
		text: (offset: number, minor: number) =>
			`The section at ${at(offset)} is pcapng version 1.${minor}; writers must write 1.0 (and ` +
			'readers treat 1.2 as 1.0). It was read as 1.0.'
	},
	SECTION_LENGTH_MISMATCH: {
		severity: 'warning',
		source: PCAPNG_SHB,
		text: (offset: number, declared: bigint, actual: number) =>
			`The Section Header Block at ${at(offset)} gives a Section Length of ` +
			`${groupDigits(Number(declared))} bytes, but its section holds ${bytesText(actual)} after ` +
			'the header.'
	},
	UNDEFINED_INTERFACE: {
		severity: 'error',
		source: PCAPNG_EPB,
		text: (block: PcapngBlockName, offset: number, id: number, defined: number) =>
			`The ${PCAPNG_BLOCK_NAMES[block]} at ${at(offset)} refers to interface ${groupDigits(id)}, ` +
			(defined === 0
				? 'but no Interface Description Block comes before it in its section'
				: `but its section describes only ${plural(defined, 'interface')} before it (0` +
					`${defined > 1 ? `–${defined - 1}` : ''})`) +
			'. Without one, its link type and time unit are unknown, so the packet was skipped.'
	},
	PACKET_PAST_BLOCK: {
		severity: 'error',
		source: PCAPNG_EPB,
		text: (block: PcapngBlockName, offset: number, captured: number, room: number) =>
			`The ${PCAPNG_BLOCK_NAMES[block]} at ${at(offset)} holds ${bytesText(captured)} of packet ` +
			`data by its lengths, but the block has room for ${groupDigits(room)}. It was skipped.`
	},
	OPTION_OVERRUN: {
		severity: 'warning',
		source: PCAPNG_OPTIONS,
		text: (offset: number, code: number, length: number, room: number) =>
			`The option at ${at(offset)} (code ${code}) says its value is ${bytesText(length)} long, ` +
			`but only ${bytesText(room)} of the block remain. The block's remaining options were ignored.`
	},
	OPTION_LENGTH_INVALID: {
		severity: 'warning',
		source: `${PCAPNG_IDB}`,
		text: (offset: number, name: string, length: number, expected: number) =>
			`The ${name} option at ${at(offset)} is ${bytesText(length)} long; it must be ` +
			`${groupDigits(expected)}. It was ignored.`
	},
	OBSOLETE_PACKET_BLOCK: {
		severity: 'warning',
		source: PCAPNG_BLOCK_SOURCES.pb,
		text: (count: number, index: number) =>
			`${plural(count, 'packet')} ${count === 1 ? 'is' : 'are'} stored in Packet Blocks ` +
			`(type 2, the first: ${packetName(index)}), which are obsolete and must not be written in ` +
			'new files. They were read all the same.'
	},
	NO_TIMESTAMP: {
		severity: 'warning',
		source: PCAPNG_BLOCK_SOURCES.spb,
		text: (count: number, index: number) =>
			`${plural(count, 'packet')} ${count === 1 ? 'is' : 'are'} stored in Simple Packet Blocks ` +
			`(the first: ${packetName(index)}), which carry no timestamp (Wireshark shows none); ` +
			'their time here is 0, the Unix epoch (1970-01-01 00:00:00 UTC).'
	},
	MORE_PROBLEMS: {
		severity: 'warning',
		source: PCAPNG_BLOCK,
		text: (code: string, count: number) =>
			`${plural(count, 'more problem')} like the ones above (${code}) ${count === 1 ? 'was' : 'were'} not listed.`
	}
} as const satisfies Record<
	string,
	{ severity: Severity; source: string; text: (...args: never[]) => string }
>;

/** Stable identifiers of the capture reader's problems. */
export type CaptureProblemCode = keyof typeof CAPTURE_PROBLEMS;

/** Every problem code, in table order. */
export const CAPTURE_PROBLEM_CODES = Object.keys(CAPTURE_PROBLEMS) as CaptureProblemCode[];

/** Names of interfaces in sentences: "The pcap file" or "Interface 1 (eth0) of section 2". */
export const interfaceText = {
	pcap: () => 'The file',
	pcapng: (section: number, index: number, name?: string) =>
		`Interface ${index}${name ? ` (${name})` : ''}${section > 0 ? ` of section ${section + 1}` : ''}`
};
