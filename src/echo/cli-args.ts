/**
 * Reading the standalone echo server's command line into `createEchoServer` options.
 * Kept apart from cli.ts, which starts the server on import, so it can be tested.
 */
import { parseArgs } from 'node:util';
import { ECHO_DEFAULTS, type EchoServerOptions } from './server.js';

const defaults = {
	...ECHO_DEFAULTS,
	rate: ECHO_DEFAULTS.rateLimit ? ECHO_DEFAULTS.rateLimit.messagesPerSecond : 0,
	idle: ECHO_DEFAULTS.idleTimeoutMs / 1000,
	heartbeat: ECHO_DEFAULTS.heartbeatMs / 1000
};

/** The help text `--help` prints. */
export const ECHO_USAGE = `Usage: npm run echo -- [options]

Serves ws://HOST:PORT/echo and ws://HOST:PORT/inspect, POST http://HOST:PORT/socket-lab
(the socket types lab on real sockets), the live transports under http://HOST:PORT/transports/
(poll, long-poll, sse, ws), and a page about them at /.

Options:
  --port N             port to listen on (default ${defaults.port}; 0 picks a free one)
  --host H             interface to bind (default ${defaults.host}: this machine only)
  --origin URL         allow only this browser Origin (repeatable; default: any Origin)
  --max-connections N  open connections at most (default ${defaults.maxConnections})
  --max-message BYTES  largest message (default ${defaults.maxMessageBytes}); larger: 1009
  --rate N             messages per second per connection, 0 for no limit (default ${defaults.rate})
  --idle-timeout S     close after S seconds without a message, 0 never (default ${defaults.idle})
  --heartbeat S        ping every S seconds, 0 never (default ${defaults.heartbeat})
  --help               show this text`;

/** What the command line asked for. */
export type EchoCliArgs =
	| { kind: 'run'; options: EchoServerOptions }
	| { kind: 'help' }
	| { kind: 'error'; message: string };

function wholeNumber(value: string, flag: string, min: number, max: number): number {
	if (!/^\d+$/.test(value) || Number(value) < min || Number(value) > max) {
		throw new Error(`${flag} must be a whole number from ${min} to ${max}, not "${value}"`);
	}
	return Number(value);
}

/** Parses `argv` (without node and the script); never throws, never exits. */
export function parseEchoArgs(argv: readonly string[]): EchoCliArgs {
	try {
		const { values } = parseArgs({
			args: [...argv],
			strict: true,
			allowPositionals: false,
			options: {
				port: { type: 'string' },
				host: { type: 'string' },
				origin: { type: 'string', multiple: true },
				'max-connections': { type: 'string' },
				'max-message': { type: 'string' },
				rate: { type: 'string' },
				'idle-timeout': { type: 'string' },
				heartbeat: { type: 'string' },
				help: { type: 'boolean', short: 'h' }
			}
		});
		if (values.help) return { kind: 'help' };
		const options: EchoServerOptions = {};
		if (values.port !== undefined) options.port = wholeNumber(values.port, '--port', 0, 65535);
		if (values.host !== undefined) {
			if (values.host === '') throw new Error('--host must not be empty');
			options.host = values.host;
		}
		if (values.origin) {
			options.origins = values.origin.map((origin) => {
				try {
					const url = new URL(origin);
					if (url.origin === 'null') throw new Error();
					return url.origin;
				} catch {
					throw new Error(
						`--origin must be an origin such as https://example.com, not "${origin}"`
					);
				}
			});
		}
		const max = values['max-connections'];
		if (max !== undefined) options.maxConnections = wholeNumber(max, '--max-connections', 1, 1e6);
		const message = values['max-message'];
		if (message !== undefined) {
			options.maxMessageBytes = wholeNumber(message, '--max-message', 1, 256 * 1024 * 1024);
		}
		if (values.rate !== undefined) {
			const rate = wholeNumber(values.rate, '--rate', 0, 1e6);
			options.rateLimit = rate === 0 ? false : { messagesPerSecond: rate, burst: rate };
		}
		const idle = values['idle-timeout'];
		if (idle !== undefined)
			options.idleTimeoutMs = wholeNumber(idle, '--idle-timeout', 0, 86400) * 1000;
		const beat = values.heartbeat;
		if (beat !== undefined) options.heartbeatMs = wholeNumber(beat, '--heartbeat', 0, 86400) * 1000;
		return { kind: 'run', options };
	} catch (error) {
		return { kind: 'error', message: (error as Error).message };
	}
}

/** True for addresses only this machine can reach. */
export function isLoopback(host: string): boolean {
	return (
		host === 'localhost' || host === '::1' || host === '[::1]' || /^127(\.\d{1,3}){3}$/.test(host)
	);
}
