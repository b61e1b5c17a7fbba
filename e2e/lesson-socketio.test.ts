import { expect, test } from '@playwright/test';
import {
	describeRenderedLesson,
	open,
	recordProblems,
	revealDeferred,
	scrollsHorizontally
} from './helpers';

const PATH = '/learn/socketio/';

test.describe('lesson: Socket.IO and Engine.IO', () => {
	test('comes after the echo server lesson, in part Socket.IO', async ({ page }) => {
		await open(page, PATH);
		await expect(page.getByRole('heading', { level: 1 })).toHaveText('Socket.IO and Engine.IO');
		await expect(page.locator('.lesson-header .eyebrow')).toContainText('Part: Socket.IO');
		const pager = page.getByRole('navigation', { name: 'Previous and next lesson' });
		await expect(pager.locator('a.previous')).toContainText('Talking to an echo server');
	});

	test('covers what Socket.IO adds, why it is not WebSocket, the session, the API and the choice', async ({
		page
	}) => {
		await open(page, PATH);
		for (const id of [
			'what-socketio-adds',
			'two-protocols-two-layers',
			'why-it-is-not-websocket',
			'a-session-packet-by-packet',
			'the-open-over-long-polling',
			'the-upgrade-to-websocket',
			'the-heartbeat',
			'events-and-acknowledgements',
			'binary-attachments',
			'todays-api',
			'when-to-choose-it'
		]) {
			await expect(page.locator(`article.lesson #${id}`)).toHaveCount(1);
		}
	});

	test('states the v4 directions: the client probes, the server pings', async ({ page }) => {
		await open(page, PATH);
		const upgrade = page.locator('article.lesson pre', { hasText: '2probe' }).first();
		await expect(upgrade).toContainText(/C→S\s+2probe/);
		await expect(upgrade).toContainText(/S→C\s+3probe/);
		const heartbeat = page.locator('article.lesson pre', { hasText: 'text frame, 3 bytes' });
		await expect(heartbeat).toContainText(/S→C\s+2\s/);
		await expect(heartbeat).toContainText(/C→S\s+3\s/);
	});

	test('opens every embedded packet in the decoder, and the official parsers accept each', async ({
		page
	}) => {
		await open(page, PATH);
		await revealDeferred(page);
		for (const name of [
			'Decoder: the Engine.IO open packet',
			'Decoder: a polling response holding two packets',
			'Decoder: a BINARY_EVENT with one attachment'
		]) {
			const decoder = page.getByRole('region', { name });
			await expect(decoder).toHaveCount(1);
			await expect(decoder).toContainText('The official parsers accept this.');
		}
		await expect(
			page.getByRole('region', { name: 'Decoder: a polling response holding two packets' })
		).toContainText('Engine.IO packet 2');
	});

	test('loads with no console message, error, failed request or Socket.IO connection', async ({
		page
	}) => {
		const problems = recordProblems(page);
		const socketIoRequests: string[] = [];
		page.on('request', (request) => {
			if (request.url().includes('/socket.io/')) socketIoRequests.push(request.url());
		});
		await open(page, PATH);
		await revealDeferred(page);
		expect(await scrollsHorizontally(page)).toBe(false);
		expect(problems).toEqual([]);
		expect(socketIoRequests).toEqual([]);
	});

	test('the embedded live client shows the open packet, the upgrade and an acknowledged echo', async ({
		page
	}) => {
		const problems = recordProblems(page);
		await open(page, PATH);
		await revealDeferred(page);
		const live = page.getByRole('region', {
			name: 'Live Socket.IO client for the Socket.IO lesson'
		});
		await live.getByRole('button', { name: 'Connect' }).click();
		await expect(live.getByRole('status').first()).toContainText('Connected', { timeout: 15_000 });
		const log = live.getByRole('list', { name: 'Packets' });
		await expect(log).toContainText('"pingInterval":25000');
		await expect(log).toContainText('2probe');
		await expect(log).toContainText('3probe');
		await live.getByRole('button', { name: 'Send echo' }).click();
		await expect(log.locator('code', { hasText: /^430\["Hello, Socket\.IO!"\]$/ })).toHaveCount(1);
		await live.getByRole('button', { name: 'Disconnect' }).click();
		expect(problems).toEqual([]);
	});

	describeRenderedLesson(PATH);
});
