/**
 * Checking a whole handshake: the request's checks, then the response's, which can only be
 * judged against the request they answer (RFC 6455 §4.1, §4.2.2).
 */
import { parseHttpMessage } from '../http/message';
import type { Check } from './check';
import { checkUpgradeRequest } from './request-checks';
import { checkUpgradeResponse } from './response-checks';

/** A handshake as text: the client's request, the server's response, or both. */
export interface HandshakeInput {
	request?: string;
	response?: string;
}

/** Every check the inspector runs on a handshake: the request's, then the response's. */
export function checkHandshake(input: HandshakeInput): Check[] {
	const request = input.request === undefined ? undefined : parseHttpMessage(input.request);
	return [
		...(request ? checkUpgradeRequest(request) : []),
		...(input.response === undefined
			? []
			: checkUpgradeResponse(parseHttpMessage(input.response), request))
	];
}
