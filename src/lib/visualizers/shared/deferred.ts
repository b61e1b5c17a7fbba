/**
 * Deferring the heavy part of an embedded visualizer until the reader scrolls near it.
 *
 * A lesson can hold twenty decoders, and hydrating every field table and bit diagram in one task
 * blocks the main thread for a second on a phone. So the server renders the parts (readers
 * without JavaScript, and the first paint, see them; a lesson limits how many, see
 * SERVER_BUDGET), and when the page hydrates, a deferred
 * part that lies far from the viewport is swapped for an empty box of exactly the height it had,
 * and rendered again when it comes near. Nothing moves: the box keeps the space the server's
 * rendering took, and the rendering that replaces it is the same markup.
 *
 * The swap relies on Svelte's handling of an `{#if}` whose branch differs between server and
 * client (it drops the server's nodes and renders the client's branch), the same mechanism as
 * `{#if browser}`. Positions are measured once per page, before any deferred part is removed,
 * so hydration forces a single layout.
 *
 * Only the parts on screen hydrate with the page. Those just below it render right after, each
 * in a task of its own, so that no single task blocks the main thread for long; those further
 * away render as the reader scrolls near. A link to an anchor inside a part that has not
 * rendered yet renders every waiting part first, so the anchor is there to scroll to.
 *
 * Parts nest: a frame card is one, and its bytes, unmasking and payload are parts inside it.
 * When the card renders on the client (after waiting, or for a new decoding), each inner part
 * renders in a task of its own right after it (`soon`), so no task renders a whole card; when
 * the card hydrates, its inner parts are measured and wait like any other.
 */
import { flushSync, getContext } from 'svelte';

/**
 * The context key that marks what renders inside a part that waited (or that the server did not
 * render): it renders on the client alone, with no server rendering to match.
 */
export const CLIENT_ONLY = 'socket-explorer:deferred-client-only';

/**
 * Whether the calling component renders inside a part that waited, on the client alone. Such a
 * part is off screen when it renders (it waited because it was), so it may draw itself a piece
 * per task (e.g. a frame list, a frame at a time) without moving anything the reader sees;
 * during hydration, a component must draw what the server drew. Call it while the component
 * initializes.
 */
export function insideWaitedPart(): boolean {
	return getContext<boolean | undefined>(CLIENT_ONLY) ?? false;
}

/**
 * The context key of a page's server budget (`serverBudget`): how many deferrable parts the
 * server renders in full, of those marked `early` (near the top of the page). A lesson can hold
 * twenty decoders, and their markup alone is hundreds of kilobytes that a phone must parse and
 * lay out before the first screen is ready; for the other parts the server writes only the empty
 * box, and the part renders on the client as the reader comes near (a `<noscript>` note says so
 * to readers without JavaScript). Pages without a budget (the tools) render everything on the
 * server.
 */
export const SERVER_BUDGET = 'socket-explorer:deferred-server-budget';

/** A count of full server renderings left; `take` says whether one more part gets one. */
export interface ServerBudget {
	take(): boolean;
}

/** A budget of `parts` server renderings, for one page render. */
export function serverBudget(parts: number): ServerBudget {
	let left = parts;
	return { take: () => left-- > 0 };
}

/** How far outside the viewport a part counts as near and renders, in CSS pixels. */
export const NEAR_MARGIN_PX = 1200;

/** How far outside the viewport a part still hydrates with the page, in CSS pixels. */
export const HYDRATE_MARGIN_PX = 0;

/** Marks the server-rendered element of a deferrable part; its value is the part's id. */
export const DEFERRABLE_ATTRIBUTE = 'data-deferrable';

/** Where a server-rendered part sits, relative to the viewport, when the page hydrates. */
export interface ServerBox {
	top: number;
	bottom: number;
	height: number;
}

/** The part of `document` and `window` this needs; tests pass a stand-in. */
export interface DeferEnvironment {
	/** Whether the server's element for this id is in the document. */
	has(id: string): boolean;
	/** Every server-rendered deferrable part's box, by id (one forced layout). */
	boxes(): Map<string, ServerBox>;
	viewportHeight: number;
}

let measured: Map<string, ServerBox> | null = null;

function browserEnvironment(): DeferEnvironment {
	return {
		has: (id) => document.querySelector(`[${DEFERRABLE_ATTRIBUTE}="${CSS.escape(id)}"]`) !== null,
		boxes() {
			const boxes = new Map<string, ServerBox>();
			for (const element of document.querySelectorAll(`[${DEFERRABLE_ATTRIBUTE}]`)) {
				const id = element.getAttribute(DEFERRABLE_ATTRIBUTE);
				const rect = element.getBoundingClientRect();
				if (id) boxes.set(id, { top: rect.top, bottom: rect.bottom, height: rect.height });
			}
			return boxes;
		},
		viewportHeight: window.innerHeight
	};
}

/** What a deferrable part should do as it starts on the client. */
export type DeferDecision =
	/** Render now: it is near the viewport, or there is no server rendering to keep. */
	| { render: true }
	/** Keep an empty box of `height` pixels, and render when the box comes near. */
	| { render: false; height: number };

/** Whether the server rendered the part `id`: its element is in the document, to hydrate. */
export function serverRendered(id: string, env?: DeferEnvironment): boolean {
	return (env ?? browserEnvironment()).has(id);
}

/**
 * Decides, as the part with `id` starts on the client, whether to render it now. During
 * hydration the server's element for `id` is in the document and is measured (with every other
 * deferrable part, once); a part rendered on the client alone (after a client-side navigation)
 * has no server box and waits for `whenNear`, with no reserved height.
 */
export function deferDecision(id: string, env?: DeferEnvironment): DeferDecision {
	const environment = env ?? browserEnvironment();
	if (!measured?.has(id)) {
		if (!environment.has(id)) return { render: false, height: 0 };
		measured = environment.boxes();
	}
	const box = measured.get(id);
	if (!box) return { render: false, height: 0 };
	measured.delete(id);
	const near =
		box.bottom >= -HYDRATE_MARGIN_PX && box.top <= environment.viewportHeight + HYDRATE_MARGIN_PX;
	return near ? { render: true } : { render: false, height: box.height };
}

/** Renders of parts that have come near, waiting for their own task, in the order they came. */
const queue: (() => void)[] = [];
/** Every part still waiting, near or not, with the function that renders it. */
const waiting = new Set<() => void>();

function runNext() {
	const render = queue.shift();
	if (queue.length > 0) setTimeout(runNext, 0);
	if (render && waiting.delete(render)) render();
}

function enqueue(render: () => void) {
	queue.push(render);
	if (queue.length === 1) setTimeout(runNext, 0);
}

/** Renders every waiting part now, synchronously, e.g. before the page scrolls to an anchor. */
export function renderAllWaiting() {
	// A part that renders may hold parts of its own, which start waiting as it renders.
	for (let round = 0; round < 32 && waiting.size > 0; round++) {
		for (const render of [...waiting]) {
			waiting.delete(render);
			render();
		}
		queue.length = 0;
		flushSync();
	}
}

let anchorsWatched = false;

/** Before a same-page link is followed, renders waiting parts if its target is not there yet. */
function watchAnchors() {
	if (anchorsWatched) return;
	anchorsWatched = true;
	document.addEventListener(
		'click',
		(event) => {
			if (waiting.size === 0 || !(event.target instanceof Element)) return;
			const link = event.target.closest('a[href]');
			if (!(link instanceof HTMLAnchorElement) || !link.hash) return;
			if (link.pathname !== location.pathname || link.search !== location.search) return;
			const target = decodeURIComponent(link.hash.slice(1));
			if (document.getElementById(target) === null) renderAllWaiting();
		},
		{ capture: true }
	);
}

/**
 * An attachment that calls `callback` once, in a task of its own, after the renders queued
 * before it (or at once when a link needs every waiting part): for a part inside one that has
 * just rendered, which is near already.
 */
export function soon(callback: () => void) {
	return () => {
		let done = false;
		const render = () => {
			done = true;
			callback();
		};
		waiting.add(render);
		watchAnchors();
		enqueue(render);
		return () => {
			if (!done) waiting.delete(render);
		};
	};
}

/**
 * An attachment that calls `callback` once, in a task of its own, when `node` comes within
 * NEAR_MARGIN_PX of the viewport (soon after it is attached if it already is), or at once when a
 * link needs every waiting part (`renderAllWaiting`).
 */
export function whenNear(callback: () => void) {
	return (node: Element) => {
		if (typeof IntersectionObserver === 'undefined') {
			callback();
			return;
		}
		let done = false;
		const render = () => {
			done = true;
			observer.disconnect();
			callback();
		};
		const observer = new IntersectionObserver(
			(entries) => {
				if (entries.some((entry) => entry.isIntersecting)) {
					observer.disconnect();
					enqueue(render);
				}
			},
			{ rootMargin: `${NEAR_MARGIN_PX}px 0px` }
		);
		waiting.add(render);
		watchAnchors();
		observer.observe(node);
		return () => {
			observer.disconnect();
			if (!done) waiting.delete(render);
		};
	};
}
