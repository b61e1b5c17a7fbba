/** The packet decoder: `decodePacket` and its types, problems, gallery and helpers. */
export { decodePacket, LINKTYPE_OF } from './decode';
export type * from './types';
export {
	PACKET_PROBLEMS,
	PACKET_PROBLEM_CODES,
	type PacketProblemCode,
	type Severity
} from './problems';
export { packetVerdict } from './verdict';
export { PACKET_EXAMPLES, type PacketExampleInput } from './examples';
