import { describe, expect, it } from 'vitest';
import { isLoopback, parseEchoArgs } from './cli-args.js';

describe('the echo CLI arguments', () => {
	it('reads every flag into createEchoServer options', () => {
		expect(
			parseEchoArgs([
				'--port',
				'9000',
				'--host',
				'0.0.0.0',
				'--origin',
				'https://a.example/path',
				'--origin',
				'http://localhost:5173',
				'--max-connections',
				'10',
				'--max-message',
				'65536',
				'--rate',
				'50',
				'--idle-timeout',
				'60',
				'--heartbeat',
				'0'
			])
		).toEqual({
			kind: 'run',
			options: {
				port: 9000,
				host: '0.0.0.0',
				origins: ['https://a.example', 'http://localhost:5173'],
				maxConnections: 10,
				maxMessageBytes: 65536,
				rateLimit: { messagesPerSecond: 50, burst: 50 },
				idleTimeoutMs: 60000,
				heartbeatMs: 0
			}
		});
	});

	it('leaves out what was not given, so the safe defaults apply', () => {
		expect(parseEchoArgs([])).toEqual({ kind: 'run', options: {} });
		expect(parseEchoArgs(['--rate', '0'])).toEqual({ kind: 'run', options: { rateLimit: false } });
	});

	it('explains a bad value or an unknown flag instead of starting', () => {
		expect(parseEchoArgs(['--port', '70000'])).toMatchObject({ kind: 'error', message: /--port/ });
		expect(parseEchoArgs(['--max-connections', '0'])).toMatchObject({ kind: 'error' });
		expect(parseEchoArgs(['--origin', 'not a url'])).toMatchObject({
			kind: 'error',
			message: /--origin/
		});
		expect(parseEchoArgs(['--verbose'])).toMatchObject({ kind: 'error' });
		expect(parseEchoArgs(['--help'])).toEqual({ kind: 'help' });
	});

	it('knows which hosts only this machine can reach', () => {
		expect(['127.0.0.1', '::1', 'localhost'].every(isLoopback)).toBe(true);
		expect(['0.0.0.0', '::', '192.168.1.2'].some(isLoopback)).toBe(false);
	});
});
