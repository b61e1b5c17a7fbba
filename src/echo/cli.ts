/**
 * The standalone echo server: `npm run echo -- --port 8080 --host 127.0.0.1`.
 * Prints the URLs, serves until Ctrl-C, then closes every connection with 1001.
 */
import { ECHO_USAGE, isLoopback, parseEchoArgs } from './cli-args.js';
import { createEchoServer } from './server.js';

const args = parseEchoArgs(process.argv.slice(2));
if (args.kind === 'help') {
	console.log(ECHO_USAGE);
	process.exit(0);
}
if (args.kind === 'error') {
	console.error(`${args.message}\n\n${ECHO_USAGE}`);
	process.exit(2);
}

const server = createEchoServer(args.options);
try {
	const address = await server.listen();
	console.log('Socket Explorer echo server');
	console.log(`  ${address.echo}     plain echo`);
	console.log(`  ${address.inspect}  echo with handshake and frame reports`);
	if (address.lab) console.log(`  POST ${address.lab}  the socket types lab on real sockets`);
	if (address.transports) {
		console.log(
			`  GET ${address.transports}{poll,long-poll,sse}, ws  the live transports (?stream=S&rate=R)`
		);
	}
	if (address.socketIo) {
		console.log(`  ${address.socketIo}  Socket.IO v4: echo and ticks events, byte records`);
	}
	console.log(`  ${address.url}  what the endpoints do`);
	if (!isLoopback(address.host)) {
		console.warn(`Listening on ${address.host}: anyone who can reach this machine can connect.`);
	}
	if (server.options.origins.length > 0) {
		console.log(`Browsers may connect only from: ${server.options.origins.join(', ')}`);
	}
} catch (error) {
	console.error(`Could not listen: ${(error as Error).message}`);
	process.exit(1);
}

let stopping = false;
const stop = () => {
	// A second Ctrl-C does not wait for the clients' close handshakes.
	if (stopping) process.exit(130);
	stopping = true;
	console.log('Closing connections…');
	server.close().then(
		() => process.exit(0),
		() => process.exit(1)
	);
};
process.on('SIGINT', stop);
process.on('SIGTERM', stop);
