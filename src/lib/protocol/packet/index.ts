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
export {
	PACKET_EXAMPLES,
	PACKET_GROUPS,
	type PacketExample,
	type PacketExampleInput
} from './examples';
export { recognisePayload } from './payload';
