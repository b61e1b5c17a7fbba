import { describe, expect, it } from 'vitest';
import { parseHttpMessage } from '../http/message';
import { APP_DELAY, buildScenario, HTTP_REQUEST, HTTP_RESPONSE, PING, PONG } from './scenarios';
import { DEFAULT_ENDPOINTS, SCENARIO_IDS, type ScenarioContext } from './simulate';

const context: ScenarioContext = {
	isn: { client: 1, server: 2 },
	endpoints: DEFAULT_ENDPOINTS,
	delay: 1,
	profile: 'linux-legacy',
	ipId: { client: 0, server: 0 },
	tsOffset: { client: 0, server: 0 }
};

describe('scenario scripts', () => {
	it('send an HTTP/1.1 request and response that the HTTP parser reads without errors (RFC 9112)', () => {
		const request = parseHttpMessage(HTTP_REQUEST);
		expect(request).toMatchObject({ kind: 'request', method: 'GET', target: '/', complete: true });
		expect(request.errors).toEqual([]);
		expect(request.get('Host')).toEqual([DEFAULT_ENDPOINTS.serverAddress]);
		const response = parseHttpMessage(HTTP_RESPONSE);
		expect(response).toMatchObject({ kind: 'response', status: 200, body: 'hello' });
		expect(response.get('Content-Length')).toEqual(['5']);
	});

	it('reuse the socket API stepper’s ping and pong for half-close and abort', () => {
		expect([PING, PONG]).toEqual(['ping', 'pong']);
	});

	it('build every scenario even with a 1 ms delay, keeping each step after the one before', () => {
		for (const id of SCENARIO_IDS) {
			const { segments, outcome } = buildScenario(id, context);
			expect(segments.length).toBeGreaterThan(1);
			for (let i = 1; i < segments.length; i++) {
				expect(segments[i].time).toBeGreaterThanOrEqual(segments[i - 1].time);
			}
			expect(outcome.calls.map((c) => c.at)).toEqual(
				[...outcome.calls.map((c) => c.at)].sort((a, b) => a - b)
			);
		}
	});

	it('let an application act a few milliseconds after what woke it', () => {
		expect(APP_DELAY).toBeGreaterThan(0);
		const { segments } = buildScenario('data', context);
		const [, synAck, , request] = segments;
		expect(request.time).toBe(
			Math.max((synAck.arrives ?? 0) + APP_DELAY, segments[2].arrives ?? 0)
		);
	});
});
