/** Capture files: `readCapture` (pcap and pcapng), `followTcp`, Wireshark Follow-TCP-Stream dumps (`readStreamDump`), their types, problems and sentences. */
export type * from './types';
export { readCapture, captureFormat } from './read';
export {
	CAPTURE_PROBLEMS,
	CAPTURE_PROBLEM_CODES,
	DECODED_LINK_TYPES,
	LINKTYPE_NAMES,
	linkTypeName,
	type CaptureProblemCode
} from './capture-text';
export * from './follow';
export {
	readStreamDump,
	looksLikeStreamDump,
	type StreamDumpReading,
	type StreamDumpFormat,
	type StreamDumpChunk,
	type StreamDumpNote
} from './stream-dump';
