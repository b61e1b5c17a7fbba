/**
 * Every gallery example, of every protocol, run through its decoder or checker: the verdict must
 * be the one the example states (its badge, and what the tool shows when it is chosen). A new
 * gallery adds one call to checkGallery.
 */
import { describe, expect, it } from 'vitest';
import { parseHex } from './bytes/hex';
import { sameVerdict, type Example, type Verdict } from './examples';
import { handshakeVerdict } from './websocket/check';
import { decodeFrames } from './websocket/decode';
import { EXAMPLES as FRAME_EXAMPLES } from './websocket/examples';
import { checkHandshake } from './websocket/handshake';
import { HANDSHAKE_EXAMPLES } from './websocket/handshake-examples';
import { frameVerdict } from './websocket/verdict';
import { decodePacket, PACKET_EXAMPLES, packetVerdict } from './packet';
import { decodeText, socketIoVerdict } from './socketio';
import { SOCKETIO_EXAMPLES } from './socketio/examples';

/** Checks one gallery: unique ids, and every example's verdict. */
function checkGallery<Input>(
	name: string,
	examples: readonly Example<Input>[],
	verdictOf: (input: Input) => Verdict
) {
	describe(name, () => {
		it('has examples with unique ids', () => {
			const ids = examples.map((e) => e.id);
			expect(ids.length).toBeGreaterThan(0);
			expect(new Set(ids).size).toBe(ids.length);
		});

		for (const example of examples) {
			it(`reaches the stated verdict for "${example.title}" (${example.id})`, () => {
				const verdict = verdictOf(example.input);
				expect(sameVerdict(verdict, example.expect), JSON.stringify(verdict)).toBe(true);
			});
		}
	});
}

describe('every gallery', () => {
	checkGallery('WebSocket frames', FRAME_EXAMPLES, ({ hex, ...options }) =>
		frameVerdict(decodeFrames(parseHex(hex), options))
	);
	checkGallery('WebSocket handshakes', HANDSHAKE_EXAMPLES, (input) =>
		handshakeVerdict(checkHandshake(input))
	);
	checkGallery('Packets', PACKET_EXAMPLES, ({ hex, linkType }) =>
		packetVerdict(decodePacket(parseHex(hex), { linkType }))
	);
	checkGallery('Socket.IO', SOCKETIO_EXAMPLES, (input) =>
		socketIoVerdict(decodeText(input.text, input.kind))
	);
});
