import { parseHttpMessage, splitExchange, type ParsedHttp } from '$lib/protocol/http/message';
import type { Check } from '$lib/protocol/websocket/check';
import { checkUpgradeRequest } from '$lib/protocol/websocket/request-checks';
import { checkUpgradeResponse } from '$lib/protocol/websocket/response-checks';

/**
 * The handshake inspector's state: the request and response as typed (never rewritten), parsed,
 * and checked. Everything but the two texts is derived from them.
 */
export class HandshakeState {
	request = $state('');
	response = $state('');

	parsedRequest = $derived<ParsedHttp | null>(
		this.request.trim() ? parseHttpMessage(this.request) : null
	);
	parsedResponse = $derived<ParsedHttp | null>(
		this.response.trim() ? parseHttpMessage(this.response) : null
	);
	requestChecks = $derived<Check[]>(
		this.parsedRequest ? checkUpgradeRequest(this.parsedRequest) : []
	);
	responseChecks = $derived<Check[]>(
		this.parsedResponse
			? checkUpgradeResponse(this.parsedResponse, this.parsedRequest ?? undefined)
			: []
	);

	/** A request box that also holds the response (a whole exchange pasted at once). */
	pastedExchange = $derived.by(() => {
		const parts = splitExchange(this.request);
		return parts.request !== undefined && parts.response !== undefined ? parts : null;
	});

	/** How many checks fail with an error, and how many warn, over both sides. */
	summary = $derived.by(() => {
		const failing = [...this.requestChecks, ...this.responseChecks].filter(
			(c) => !c.ok && !c.skipped
		);
		return {
			errors: failing.filter((c) => c.severity === 'error').length,
			warnings: failing.filter((c) => c.severity === 'warning').length
		};
	});

	constructor(request = '', response = '') {
		this.request = request;
		this.response = response;
	}

	/** Moves a response pasted into the request box into its own box. */
	splitPaste() {
		const parts = this.pastedExchange;
		if (!parts) return;
		this.request = parts.request ?? '';
		this.response = parts.response ?? '';
	}
}
