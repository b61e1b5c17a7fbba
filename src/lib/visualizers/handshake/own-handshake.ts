import { localEchoUrl } from '../echo-client/local-echo';
import { parseInspectReport } from '$lib/protocol/websocket/inspect-report';

/**
 * Opens a WebSocket to the project's /inspect endpoint and resolves with the upgrade request the
 * browser really sent and the response it got, as /inspect reports them. Rejects with a sentence
 * when there is no such endpoint or it does not answer in time.
 */
export async function captureOwnHandshake(
	location: Location,
	timeoutMs = 5000
): Promise<{ request: string; response: string }> {
	const echo = localEchoUrl(location);
	if (!echo) {
		throw new Error(
			'This copy of the site runs without Socket Explorer’s echo server, so there is no /inspect to ask. Run it with npm start.'
		);
	}
	return new Promise((resolve, reject) => {
		const socket = new WebSocket(echo.replace(/\/echo$/, '/inspect'));
		const timer = setTimeout(() => {
			socket.close();
			reject(new Error('/inspect did not send its handshake report in time.'));
		}, timeoutMs);
		socket.onmessage = (event) => {
			const report = typeof event.data === 'string' ? parseInspectReport(event.data) : null;
			if (report?.type !== 'handshake') return;
			clearTimeout(timer);
			socket.close(1000);
			resolve({ request: report.request, response: report.response });
		};
		socket.onclose = (event) => {
			clearTimeout(timer);
			reject(new Error(`The connection to /inspect closed first (code ${event.code}).`));
		};
	});
}
