import {
	checkUpgradeRequest,
	checkUpgradeResponse,
	parseHttpMessage,
	splitExchange,
	type Check,
	type ParsedHttp
} from '$lib/protocol/websocket/handshake';

/**
 * The handshake inspector's state: the request and response as typed (never rewritten), parsed,
 * and checked. Response checks are asynchronous (Sec-WebSocket-Accept needs SHA-1), so they are
 * computed in an effect that ignores results from text that has since changed.
 */
export class HandshakeState {
	request = $state('');
	response = $state('');
	responseChecks = $state<Check[]>([]);

	parsedRequest = $derived<ParsedHttp | null>(
		this.request.trim() ? parseHttpMessage(this.request) : null
	);
	parsedResponse = $derived<ParsedHttp | null>(
		this.response.trim() ? parseHttpMessage(this.response) : null
	);
	requestChecks = $derived<Check[]>(
		this.parsedRequest ? checkUpgradeRequest(this.parsedRequest) : []
	);

	/** A request box that also holds the response (a whole exchange pasted at once). */
	pastedExchange = $derived.by(() => {
		const parts = splitExchange(this.request);
		return parts.request !== undefined && parts.response !== undefined ? parts : null;
	});

	constructor(request = '', response = '') {
		this.request = request;
		this.response = response;
		$effect(() => {
			const res = this.parsedResponse;
			const req = this.parsedRequest ?? undefined;
			let current = true;
			if (!res) {
				this.responseChecks = [];
				return;
			}
			checkUpgradeResponse(res, req).then((checks) => {
				if (current) this.responseChecks = checks;
			});
			return () => {
				current = false;
			};
		});
	}

	/** Moves a response pasted into the request box into its own box. */
	splitPaste() {
		const parts = this.pastedExchange;
		if (!parts) return;
		this.request = parts.request ?? '';
		this.response = parts.response ?? '';
	}

	/** Every check, failing ones first, as { side, check }. */
	get summary() {
		const failing = [...this.requestChecks, ...this.responseChecks].filter(
			(c) => !c.ok && !c.skipped
		);
		return {
			errors: failing.filter((c) => c.severity === 'error').length,
			warnings: failing.filter((c) => c.severity === 'warning').length
		};
	}
}
