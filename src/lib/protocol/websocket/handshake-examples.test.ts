import { describe, expect, it } from 'vitest';
import { parseHttpMessage } from '../http/message';
import { checkHandshake } from './handshake';
import { HANDSHAKE_EXAMPLES } from './handshake-examples';
import { nodeAccept, wellFormed } from './handshake-testing';

// That every example reaches its verdict is asserted for all galleries in ../galleries.test.ts.
describe('the handshake gallery', () => {
	it('has unique ids and holds the examples the gallery and the lesson need', () => {
		const ids = HANDSHAKE_EXAMPLES.map((e) => e.id);
		expect(new Set(ids).size).toBe(ids.length);
		for (const id of [
			'browser-request',
			'browser-101',
			'wrong-accept',
			'missing-connection',
			'version-8',
			'unoffered-subprotocol',
			'status-200',
			'missing-host'
		]) {
			expect(ids).toContain(id);
		}
	});

	it('gives every example something to check, and every broken one a failing check', () => {
		for (const example of HANDSHAKE_EXAMPLES) {
			expect(example.input.request ?? example.input.response, example.id).toBeDefined();
			if (!example.expect.ok) expect(example.expect.failing.length, example.id).toBeGreaterThan(0);
		}
	});

	it('keeps every check list well-formed', () => {
		for (const example of HANDSHAKE_EXAMPLES) wellFormed(checkHandshake(example.input));
	});

	it('has 101 responses whose accept values node:crypto agrees with, unless broken on purpose', () => {
		for (const example of HANDSHAKE_EXAMPLES) {
			const { request, response } = example.input;
			if (!request || !response || example.id === 'wrong-accept') continue;
			const key = parseHttpMessage(request).get('Sec-WebSocket-Key')[0]!;
			const accept = parseHttpMessage(response).get('Sec-WebSocket-Accept');
			if (accept.length > 0) expect(accept, example.id).toEqual([nodeAccept(key)]);
		}
	});

	it('has a status-200 example whose Content-Length matches its body', () => {
		const example = HANDSHAKE_EXAMPLES.find((e) => e.id === 'status-200')!;
		const res = parseHttpMessage(example.input.response!);
		expect(res.get('Content-Length')).toEqual([String(res.body!.length)]);
	});

	it('sends "Connection: Upgrade" wherever a response names Upgrade (RFC 9110 §7.8)', () => {
		for (const example of HANDSHAKE_EXAMPLES) {
			if (!example.input.response || example.id === 'missing-connection') continue;
			const res = parseHttpMessage(example.input.response);
			if (res.get('Upgrade').length > 0) {
				expect(res.get('Connection'), example.id).toEqual(['Upgrade']);
			}
		}
	});
});
