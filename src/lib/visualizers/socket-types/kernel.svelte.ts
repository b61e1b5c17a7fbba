/**
 * Live mode: sends the lab's messages to the project's own server (`POST <base>/socket-lab`),
 * which pushes them through real sockets on its loopback interface and returns what the
 * receiver's reads got. The request is checked here first with the endpoint's own rules, so a
 * message that is too long is named before anything is sent.
 */
import {
	kernelRunErrorMessage,
	parseKernelRunRequest,
	parseKernelRunResult,
	type KernelRunRequest,
	type KernelRunResult
} from '$lib/protocol/sockets/kernel-run';
import type { SocketType } from '$lib/protocol/sockets/delivery';
import { isUtf8 } from './escapes';

/** Where a live run stands. */
export type KernelStatus =
	| { state: 'idle' }
	| { state: 'running' }
	| { state: 'done'; result: KernelRunResult }
	/** `index`: the message at fault, when the refusal is about one. */
	| { state: 'error'; message: string; index?: number };

/** The request a live run would send, or why there can be none. */
export type KernelPlan =
	| { ok: true; request: KernelRunRequest; key: string }
	| { ok: false; message: string; index?: number };

const decoder = new TextDecoder();

/** The request for these settings, checked against the endpoint's limits. */
export function planKernelRun(
	type: SocketType,
	messages: readonly Uint8Array[],
	readSize: number
): KernelPlan {
	const texts: string[] = [];
	for (const [index, bytes] of messages.entries()) {
		if (!isUtf8(bytes)) {
			return {
				ok: false,
				index,
				message: `Message ${index + 1} has bytes that are not UTF-8 text; the live run sends text only.`
			};
		}
		texts.push(decoder.decode(bytes));
	}
	const checked = parseKernelRunRequest({ type, messages: texts, readSize });
	if (!checked.ok) return { ok: false, message: checked.error, index: checked.index };
	return { ok: true, request: checked.request, key: JSON.stringify(checked.request) };
}

/** One live run at a time, and its answer. */
export class KernelRunner {
	status = $state<KernelStatus>({ state: 'idle' });
	/** The request the status answers (its JSON), so a view can tell when the input has moved on. */
	key = $state('');
	#controller: AbortController | null = null;

	/** Posts `plan` to `url`; every failure ends as an error status, never an exception. */
	async run(url: string, plan: Extract<KernelPlan, { ok: true }>) {
		this.#controller?.abort();
		const controller = new AbortController();
		this.#controller = controller;
		this.key = plan.key;
		this.status = { state: 'running' };
		let status: KernelStatus;
		try {
			const response = await fetch(url, {
				method: 'POST',
				headers: { 'content-type': 'application/json' },
				body: JSON.stringify(plan.request),
				signal: controller.signal
			});
			const json: unknown = await response.json().catch(() => null);
			if (response.ok) {
				const parsed = parseKernelRunResult(json);
				status = parsed.ok
					? { state: 'done', result: parsed.result }
					: { state: 'error', message: parsed.error };
			} else {
				status = { state: 'error', message: refusal(response, json) };
			}
		} catch (error) {
			if (controller.signal.aborted) return;
			status = {
				state: 'error',
				message:
					'Could not reach the project’s server' +
					(error instanceof Error && error.message ? ` (${error.message})` : '') +
					': is npm start or npm run preview still running?'
			};
		}
		if (this.#controller === controller) this.status = status;
	}

	/** Forgets the last answer. */
	reset() {
		this.#controller?.abort();
		this.#controller = null;
		this.status = { state: 'idle' };
		this.key = '';
	}
}

/** What the page says for a response other than 200. */
function refusal(response: Response, json: unknown): string {
	const reason = kernelRunErrorMessage(json);
	if (response.status === 429 || response.status === 503) {
		const after = response.headers.get('retry-after');
		return (
			'The server is busy with other live runs' +
			(after ? `: try again in ${after} s.` : ': try again in a moment.') +
			(reason ? ` (${reason})` : '')
		);
	}
	if (response.status === 400 || response.status === 413) {
		return `The server refused the run (${response.status}): ${reason ?? response.statusText}`;
	}
	return `The server answered ${response.status}${reason ? `: ${reason}` : '.'}`;
}
