import type { Handle } from '@sveltejs/kit';
import { paintFirst } from '$lib/server/paint-first';

/** Every page paints what the server rendered before it fetches and starts the app. */
export const handle: Handle = ({ event, resolve }) =>
	resolve(event, {
		transformPageChunk: ({ html, done }) => (done ? paintFirst(html).html : html)
	});
