import { describe, expect, it } from 'vitest';
import { decoderAddress } from '$lib/visualizers/frame-decoder/address';
import { handshakeAddress } from '$lib/visualizers/handshake/address';
import { parseHex } from '../bytes/hex';
import { decodePacket } from './decode';
import { readPcap } from './fixtures/read';
import { recognisePayload } from './payload';

const lo = readPcap('tcp4.lo').packets;
const ascii = (text: string) => new TextEncoder().encode(text);

/** The query of a site link, as the tool page reads it. */
const query = (tool: string) => new URLSearchParams(tool.slice(tool.indexOf('?') + 1));

describe('payload recognition', () => {
	it('opens a captured WebSocket upgrade request in the handshake checker, text intact', () => {
		const decoding = decodePacket(lo[3], { linkType: 'ethernet' });
		const payload = decoding.payload!;
		expect(payload).toMatchObject({ kind: 'http', offset: 66, length: 158 });
		expect(payload.tool?.startsWith('/tools/handshake/?')).toBe(true);
		expect(payload.tool).toBe(`${payload.link?.path}?${payload.link?.query}`);
		const state = handshakeAddress.read(query(payload.tool!));
		expect(state?.response).toBe('');
		expect(ascii(state!.request)).toEqual(lo[3].subarray(66));
	});

	it('opens the 101 response on the response side', () => {
		const payload = decodePacket(lo[5], { linkType: 'ethernet' }).payload!;
		const state = handshakeAddress.read(query(payload.tool!));
		expect(state?.request).toBe('');
		expect(state?.response.startsWith('HTTP/1.1 101 Switching Protocols\r\n')).toBe(true);
	});

	it('opens WebSocket frames in the frame decoder, with who sent them', () => {
		for (const [packet, from] of [
			[lo[7], 'client'],
			[lo[8], 'server']
		] as const) {
			const payload = decodePacket(packet, { linkType: 'ethernet' }).payload!;
			expect(payload.kind).toBe('websocket');
			expect(payload.tool?.startsWith('/tools/frame-decoder/?')).toBe(true);
			const settings = decoderAddress.read(query(payload.tool!));
			expect(settings?.from).toBe(from);
			expect(parseHex(settings!.input)).toEqual(packet.subarray(packet.length - payload.length));
		}
	});

	it('recognises plain HTTP without offering a tool', () => {
		const response = decodePacket(readPcap('tcp6.lo').packets[5], { linkType: 'ethernet' }).payload;
		expect(response).toMatchObject({ kind: 'http' });
		expect(response?.tool).toBeUndefined();
		expect(response?.description).toContain('HTTP/1.1 200 OK');
	});

	it('recognises a TLS record header', () => {
		const tls = decodePacket(readPcap('crafted-good').packets[3], { linkType: 'ethernet' }).payload;
		expect(tls).toMatchObject({ kind: 'tls' });
		expect(tls?.description).toContain('Handshake');
	});

	it('calls other bytes unknown, and never reads UDP as HTTP', () => {
		expect(recognisePayload(ascii('tfo'), true).kind).toBe('unknown');
		expect(recognisePayload(ascii('GET / HTTP/1.1\r\n\r\n'), false).kind).toBe('unknown');
		expect(recognisePayload(ascii('GET / HTTP/1.1\r\n\r\n'), true).kind).toBe('http');
		// A frame cut short is not recognised as frames.
		expect(recognisePayload(Uint8Array.of(0x81, 0x05, 0x48), true).kind).toBe('unknown');
	});

	it('keeps the payload as bytes in a layer of its own', () => {
		const decoding = decodePacket(lo[7], { linkType: 'ethernet' });
		const layer = decoding.layers.at(-1)!;
		expect(layer).toMatchObject({ protocol: 'payload', offset: 66, length: 11 });
		expect(layer.fields[0]).toMatchObject({
			key: 'tcp.payload',
			value: '81:85:37:fa:21:3d:7f:9f:4d:51:58'
		});
	});
});
