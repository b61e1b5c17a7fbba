/**
 * What the bytes above TCP are: an HTTP/1.x message (a WebSocket upgrade opens in the handshake
 * checker), WebSocket frames (open in the frame decoder), or a TLS record. The payload itself is
 * kept as bytes; this only names it and builds the link.
 */
import { toHex } from '../bytes/hex';
import { frameStructure } from '../websocket/frame-structure';
import { payloadText } from './text';
import type { PacketPayload } from './types';

/** Longest input the tools keep in their address (frame-decoder MAX_LINK_INPUT). */
const MAX_LINK_INPUT = 16_000;

const REQUEST_LINE = /^(GET|HEAD|POST|PUT|DELETE|CONNECT|OPTIONS|TRACE|PATCH) \S+ HTTP\/\d\.\d$/;
const STATUS_LINE = /^HTTP\/\d\.\d \d{3}(?: .*)?$/;

const TLS_CONTENT_TYPES: Readonly<Record<number, string>> = {
	20: 'ChangeCipherSpec',
	21: 'Alert',
	22: 'Handshake',
	23: 'Application Data',
	24: 'Heartbeat'
};
const TLS_VERSIONS: Readonly<Record<number, string>> = {
	0: 'SSL 3.0',
	1: 'TLS 1.0',
	2: 'TLS 1.1',
	3: 'TLS 1.2 (TLS 1.3 records say so too)',
	4: 'TLS 1.3'
};

function http(bytes: Uint8Array): Omit<PacketPayload, 'offset' | 'length'> | undefined {
	const head = new TextDecoder().decode(bytes.subarray(0, 200));
	const lineEnd = head.indexOf('\r\n');
	const firstLine = lineEnd >= 0 ? head.slice(0, lineEnd) : head;
	const request = REQUEST_LINE.test(firstLine);
	if (!request && !STATUS_LINE.test(firstLine)) return undefined;
	const text = new TextDecoder().decode(bytes);
	const upgrade = /^upgrade:[ \t]*websocket[ \t]*$/im.test(text.split('\r\n\r\n')[0]);
	const made: Omit<PacketPayload, 'offset' | 'length'> = {
		kind: 'http',
		description: payloadText.http(firstLine, upgrade)
	};
	if (upgrade && text.length <= MAX_LINK_INPUT) {
		const params = new URLSearchParams({
			request: request ? text : '',
			response: request ? '' : text
		});
		made.link = { path: '/tools/handshake/', query: params.toString() };
		made.tool = `${made.link.path}?${made.link.query}`;
	}
	return made;
}

function tls(bytes: Uint8Array): Omit<PacketPayload, 'offset' | 'length'> | undefined {
	if (bytes.length < 5) return undefined;
	const type = TLS_CONTENT_TYPES[bytes[0]];
	const length = (bytes[3] << 8) | bytes[4];
	if (!type || bytes[1] !== 3 || bytes[2] > 4 || length > 16384 + 2048) return undefined;
	return { kind: 'tls', description: payloadText.tls(type, TLS_VERSIONS[bytes[2]]) };
}

function websocket(bytes: Uint8Array): Omit<PacketPayload, 'offset' | 'length'> | undefined {
	// Headers only: the Frame Decoder the link opens reads the payloads and every other rule.
	const found = frameStructure(bytes);
	if (!found) return undefined;
	const from = found.masked ? 'client' : 'server';
	const made: Omit<PacketPayload, 'offset' | 'length'> = {
		kind: 'websocket',
		description: payloadText.websocket(found.frames, from)
	};
	const hex = toHex(bytes);
	if (hex.length <= MAX_LINK_INPUT) {
		made.link = {
			path: '/tools/frame-decoder/',
			query: new URLSearchParams({ hex, from }).toString()
		};
		made.tool = `${made.link.path}?${made.link.query}`;
	}
	return made;
}

/** Names the application bytes a TCP segment carries (`overTcp`), or calls them unknown. */
export function recognisePayload(
	bytes: Uint8Array,
	overTcp: boolean
): Omit<PacketPayload, 'offset' | 'length'> {
	const found = overTcp ? (http(bytes) ?? tls(bytes) ?? websocket(bytes)) : undefined;
	return found ?? { kind: 'unknown', description: payloadText.unknown(bytes.length) };
}
