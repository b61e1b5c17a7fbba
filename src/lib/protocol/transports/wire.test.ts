import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
	TRANSPORT_ENDPOINTS,
	eventData,
	parseLastEventId,
	parsePollResponse,
	parseTransportQuery,
	parseWireMessage,
	sseEventText,
	sseGapText,
	sseRetryText,
	transportQueryString
} from './wire';
import { TRANSPORT_NAMES } from './types';

const query = (text: string, endpoint: 'poll' | 'long-poll' | 'sse' | 'ws' = 'poll') =>
	parseTransportQuery(endpoint, new URLSearchParams(text));

describe('parseTransportQuery', () => {
	it('reads a full long-poll query', () => {
		expect(query('stream=race-1&rate=2.5&size=64&since=7&timeout=1000', 'long-poll')).toEqual({
			ok: true,
			query: { stream: 'race-1', rate: 2.5, size: 64, since: 7, timeoutMs: 1000 }
		});
	});

	it('defaults to 16-byte events, "from now on" and a 25 s long poll', () => {
		expect(query('stream=a&rate=1', 'long-poll')).toEqual({
			ok: true,
			query: { stream: 'a', rate: 1, size: 16, since: null, timeoutMs: 25_000 }
		});
	});

	it('accepts a 60 s long poll and refuses 60.001 s', () => {
		expect(query('stream=a&rate=1&timeout=60000', 'long-poll').ok).toBe(true);
		expect(query('stream=a&rate=1&timeout=60001', 'long-poll')).toMatchObject({
			ok: false,
			field: 'timeout'
		});
	});

	it.each([
		['rate=1', 'stream'],
		['stream=&rate=1', 'stream'],
		['stream=a/b&rate=1', 'stream'],
		['stream=a', 'rate'],
		['stream=a&rate=0.05', 'rate'],
		['stream=a&rate=50.5', 'rate'],
		['stream=a&rate=-1', 'rate'],
		['stream=a&rate=Infinity', 'rate'],
		['stream=a&rate=1&size=5000', 'size'],
		['stream=a&rate=1&since=99999999999999999', 'since'],
		['stream=a&rate=1&since=', 'since']
	])('refuses %s, naming %s', (text, field) => {
		const result = query(text);
		expect(result).toMatchObject({ ok: false, field });
		if (!result.ok) expect(result.error.length).toBeGreaterThan(10);
	});

	it('takes a lower rate limit from the server', () => {
		expect(
			parseTransportQuery('poll', new URLSearchParams('stream=a&rate=20'), { maxRate: 10 })
		).toMatchObject({
			ok: false,
			field: 'rate'
		});
	});

	it('never throws, whatever the query', () => {
		fc.assert(
			fc.property(fc.string(), (text) => {
				const result = query(text, 'long-poll');
				expect(typeof result.ok).toBe('boolean');
			})
		);
	});

	it('reads back what transportQueryString writes', () => {
		fc.assert(
			fc.property(
				fc.stringMatching(/^[A-Za-z0-9_-]{1,64}$/),
				fc.integer({ min: 1, max: 50 }),
				fc.integer({ min: 1, max: 4096 }),
				fc.option(fc.nat()),
				fc.integer({ min: 0, max: 60_000 }),
				(stream, rate, size, since, timeoutMs) => {
					const text = transportQueryString({ stream, rate, size, since, timeoutMs });
					expect(query(text, 'long-poll')).toEqual({
						ok: true,
						query: { stream, rate, size, since, timeoutMs }
					});
				}
			)
		);
	});
});

describe('parseLastEventId', () => {
	it('reads an id, absent as null, and refuses anything else', () => {
		expect(parseLastEventId('42')).toEqual({ ok: true, since: 42 });
		expect(parseLastEventId(undefined)).toEqual({ ok: true, since: null });
		expect(parseLastEventId('4x')).toMatchObject({ ok: false, field: 'Last-Event-ID' });
	});
});

describe('the SSE text', () => {
	it('is the fields WHATWG HTML §9.2.6 reads: retry, id, data, event and a comment', () => {
		expect(sseRetryText(1000)).toBe('retry: 1000\n\n');
		expect(sseEventText({ id: 3, data: 'event 3', sentAt: 12.5 })).toBe(
			'id: 3\ndata: {"id":3,"data":"event 3","sentAt":12.5}\n\n'
		);
		expect(sseGapText({ since: 1, firstAvailable: 5, missed: 3 })).toBe(
			'event: gap\ndata: {"since":1,"firstAvailable":5,"missed":3}\n\n'
		);
	});
});

describe('eventData', () => {
	it('is size bytes of "event k" and dots', () => {
		expect(eventData(7, 10)).toBe('event 7...');
		expect(eventData(123, 4)).toBe('even');
		expect(eventData(1, 16)).toHaveLength(16);
	});
});

describe('reading what the server sends', () => {
	it('reads an event, a gap notice, and says what is wrong with anything else', () => {
		expect(parseWireMessage('{"id":1,"data":"x","sentAt":5}')).toEqual({
			id: 1,
			data: 'x',
			sentAt: 5
		});
		expect(parseWireMessage('{"gap":{"since":0,"firstAvailable":3,"missed":2}}')).toEqual({
			gap: { since: 0, firstAvailable: 3, missed: 2 }
		});
		expect(parseWireMessage('{"id":-1,"data":"x","sentAt":5}')).toHaveProperty('error');
		expect(parseWireMessage('nope')).toHaveProperty('error');
		expect(parseWireMessage('null')).toHaveProperty('error');
	});

	it('reads a poll answer', () => {
		expect(
			parsePollResponse('{"events":[{"id":2,"data":"d","sentAt":1}],"next":2,"serverTime":9}')
		).toEqual({
			events: [{ id: 2, data: 'd', sentAt: 1 }],
			next: 2,
			serverTime: 9
		});
		expect(parsePollResponse('{"events":[1],"next":2,"serverTime":9}')).toHaveProperty('error');
		expect(parsePollResponse('{"events":[],"next":2}')).toHaveProperty('error');
	});

	it('never throws on any text', () => {
		fc.assert(
			fc.property(fc.oneof(fc.string(), fc.json()), (text) => {
				expect(() => parseWireMessage(text)).not.toThrow();
				expect(() => parsePollResponse(text)).not.toThrow();
			})
		);
	});
});

describe('TRANSPORT_ENDPOINTS', () => {
	it('names one endpoint per transport', () => {
		expect(TRANSPORT_NAMES.map((name) => TRANSPORT_ENDPOINTS[name])).toEqual([
			'poll',
			'long-poll',
			'sse',
			'ws'
		]);
	});
});
