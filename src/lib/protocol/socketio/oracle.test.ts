/**
 * The official parsers as the oracle: engine.io-parser 5.2 and socket.io-parser 4.2, the code
 * every Socket.IO v4 server and client runs. On a generated corpus (valid packets from the
 * official encoder, mutations of them, random text over the characters that matter, and
 * hand-picked edge cases) the decoder must accept what they accept, with the same type,
 * namespace, id, data and attachment count, and report an error on everything they reject.
 *
 * Where the parser accepts what the protocol text forbids, the decoder takes the parser's side
 * and warns (see problems.ts and the README's socketio section):
 * - an empty packet, or whitespace as the type, is CONNECT (Number('') and Number(' ') are 0);
 * - whitespace counts as a digit of the ack id, and the id is Number() of the run, NaN included;
 * - an attachment count may be any text Number() reads as a whole number ≥ 1 (' 1', '0x1');
 * - a namespace without a comma runs to the end of the packet;
 * - EVENT, ACK and CONNECT_ERROR without a payload, a number as event name, and a string as
 *   CONNECT_ERROR payload are accepted;
 * - engine.io-parser reads any text after `b` as base64 the way Node's Buffer does.
 */
import fc from 'fast-check';
import { decodePacket, decodePayload, type Packet as EioPacket } from 'engine.io-parser';
import { Decoder, Encoder } from 'socket.io-parser';
import { describe, expect, it } from 'vitest';
import { decodeEngineIoPacket, decodeEngineIoPayload } from './engineio';
import { decodeSocketIoPacket } from './socketio';
import { errorsOf, tilingProblems } from './testing';

/** socket.io-parser's verdict on a text, with `attachments` buffers fed after a binary packet. */
function officialSocketIo(text: string): { ok: true; packet: object } | { ok: false } {
	let packet: { attachments?: number };
	try {
		// decodeString is the Decoder's reading of one text packet (add() without the emitter).
		packet = (
			new Decoder() as unknown as { decodeString(s: string): { attachments?: number } }
		).decodeString(text);
	} catch {
		return { ok: false };
	}
	if (packet.attachments) {
		// The placeholders are only checked when the attachments arrive: feed them.
		const decoder = new Decoder();
		try {
			decoder.add(text);
			for (let k = 0; k < packet.attachments; k++) decoder.add(Buffer.from([k]));
		} catch {
			return { ok: false };
		}
	}
	return { ok: true, packet };
}

/** Our packet in socket.io-parser's shape. */
function ourSocketIo(text: string) {
	const decoding = decodeSocketIoPacket(text);
	expect(tilingProblems(decoding), JSON.stringify(text)).toEqual([]);
	const errors = errorsOf(decoding);
	if (errors.length > 0 || !decoding.packet) {
		expect(decoding.packet).toBeNull();
		expect(errors.length, JSON.stringify(text)).toBeGreaterThan(0);
		return { ok: false as const };
	}
	const { typeName: _name, ...packet } = decoding.packet;
	return { ok: true as const, packet };
}

function agreesOnSocketIo(text: string) {
	const official = officialSocketIo(text);
	const ours = ourSocketIo(text);
	expect(
		ours.ok,
		`${JSON.stringify(text)}: socket.io-parser ${official.ok ? 'accepts' : 'rejects'} it`
	).toBe(official.ok);
	if (official.ok && ours.ok) expect(ours.packet, JSON.stringify(text)).toEqual(official.packet);
}

/** engine.io-parser's packet, with binary data as a plain array. */
function plainEio(packet: EioPacket) {
	const data = packet.data as unknown;
	return {
		type: packet.type,
		...(data === undefined
			? {}
			: { data: typeof data === 'string' ? data : [...(data as Uint8Array)] })
	};
}

function agreesOnEngineIo(text: string) {
	const official = decodePacket(text, 'nodebuffer');
	const decoding = decodeEngineIoPacket(text);
	expect(tilingProblems(decoding), JSON.stringify(text)).toEqual([]);
	if (official.type === 'error') {
		expect(errorsOf(decoding).length, `${JSON.stringify(text)} is rejected`).toBeGreaterThan(0);
		expect(decoding.packet).toBeNull();
		return;
	}
	expect(errorsOf(decoding), JSON.stringify(text)).toEqual([]);
	const packet = decoding.packet!;
	expect(
		plainEio({ type: packet.type, data: packet.data } as EioPacket),
		JSON.stringify(text)
	).toEqual(plainEio(official));
}

function agreesOnPayload(text: string) {
	const official = decodePayload(text, 'nodebuffer');
	const decoding = decodeEngineIoPayload(text);
	expect(tilingProblems(decoding), JSON.stringify(text)).toEqual([]);
	const broken = official[official.length - 1]?.type === 'error';
	const read = broken ? official.slice(0, -1) : official;
	expect(
		decoding.packets.map((p) => plainEio({ type: p.type, data: p.data } as EioPacket))
	).toEqual(read.map(plainEio));
	expect(errorsOf(decoding).length > 0, JSON.stringify(text)).toBe(broken);
}

/** Texts socket.io-parser's own Encoder writes, for packets of every type. */
const encoded = fc
	.record({
		type: fc.constantFrom(0, 1, 2, 3, 4),
		nsp: fc.oneof(
			fc.constant('/'),
			fc.string({ maxLength: 8 }).map((s) => `/${s.replace(/,/g, '')}`)
		),
		id: fc.option(fc.nat({ max: 2 ** 53 }), { nil: undefined }),
		data: fc.option(
			fc.oneof(
				fc.array(fc.jsonValue(), { maxLength: 4 }),
				fc.dictionary(fc.string({ maxLength: 5 }), fc.jsonValue(), { maxKeys: 3 }),
				fc.string({ maxLength: 6 })
			),
			{ nil: undefined }
		)
	})
	.map((packet) => new Encoder().encode(packet as never)[0] as string);

/** Binary packets: a count, placeholders (some out of range), as the Encoder lays them out. */
const binary = fc
	.record({
		type: fc.constantFrom('5', '6'),
		count: fc.constantFrom('1', '2', '0', '11', '10', ' 1', '1.0', '0x2', '', 'a'),
		dash: fc.constantFrom('-', '-', ''),
		nsp: fc.constantFrom('', '/chat,', '/x'),
		id: fc.constantFrom('', '7', ' '),
		nums: fc.array(fc.oneof(fc.constantFrom(0, 1, 2, -1, 0.5), fc.constant('0')), { maxLength: 3 }),
		name: fc.constantFrom('"file"', '1', 'null', '"connect"')
	})
	.map(
		({ type, count, dash, nsp, id, nums, name }) =>
			`${type}${count}${dash}${nsp}${id}[${[name, ...nums.map((num) => JSON.stringify({ _placeholder: true, num }))].join(',')}]`
	);

/** Random text over the characters the format gives a meaning to. */
const soup = fc
	.array(
		fc.constantFrom(
			...'0123456789-/,[]{}":_ ab\t\u00a0\u2028éü😀'.split(''),
			'"x"',
			'null',
			'"disconnect"',
			'{"sid":"a"}',
			'["e",1]'
		),
		{ maxLength: 14 }
	)
	.map((parts) => parts.join(''));

/** A valid packet with one character changed, inserted or removed. */
const mutated = fc
	.tuple(
		encoded,
		fc.nat(),
		fc.constantFrom(...'0123456789-/, ["]{}x'.split('')),
		fc.constantFrom('replace', 'insert', 'delete')
	)
	.map(([text, at, c, how]) => {
		const i = text.length ? at % text.length : 0;
		if (how === 'insert') return text.slice(0, i) + c + text.slice(i);
		if (how === 'delete') return text.slice(0, i) + text.slice(i + 1);
		return text.slice(0, i) + c + text.slice(i + 1);
	});

/** Hand-picked edge cases. */
const SOCKET_IO_EDGES = [
	'',
	' ',
	'\t',
	'\u00a0',
	'\ufeff',
	'7',
	'9',
	'x',
	'-',
	'😀',
	'é',
	'0',
	'0/',
	'0/,',
	'0/admin',
	'0/admin,',
	'0/admin,{}',
	'0/admin,{"a":1}',
	'0[]',
	'0null',
	'0"x"',
	'0{',
	'0{}x',
	'1',
	'1/a,',
	'1{}',
	'1/a,1',
	'1 ',
	'2',
	'2[]',
	'2["a"]',
	'2[1]',
	'2[1.5]',
	'2[null]',
	'2[true]',
	'2[["a"]]',
	'2{}',
	'2"a"',
	'2["connect"]',
	'2["connect_error"]',
	'2["disconnect"]',
	'2["disconnecting"]',
	'2["newListener"]',
	'2["removeListener"]',
	'2["Connect"]',
	'2["message"]',
	'212["a"]',
	'2 ["a"]',
	'21 2["a"]',
	'2\t["a"]',
	'2/a,1 ["a"]',
	'2007["a"]',
	'299999999999999999999["a"]',
	'29007199254740993["a"]',
	'2/admin',
	'2/admin["a"]',
	'2/,["a"]',
	'2/a,b["a"]',
	'2/é,5["ü"]',
	'2/😀,["😀"]',
	'2/a,,["a"]',
	'2a["a"]',
	'2-["a"]',
	'3',
	'3[]',
	'312[]',
	'3{}',
	'3"x"',
	'3/a,1[]',
	'3 []',
	'4',
	'4{}',
	'4{"message":"Not authorized"}',
	'4"Not authorized"',
	'4[]',
	'4null',
	'41',
	'5',
	'5-',
	'51-',
	'51-[]',
	'51-["a"]',
	'50-["a"]',
	'5-1-["a"]',
	'511-["a"]',
	'510-["a"]',
	'5 1-["a"]',
	'51 -["a"]',
	'5+1-["a"]',
	'51e0-["a"]',
	'50x1-["a"]',
	'51.5-["a"]',
	'5Infinity-["a"]',
	'51-["a",{"_placeholder":true,"num":0}]',
	'51-["a",{"_placeholder":true,"num":1}]',
	'51-["a",{"_placeholder":true,"num":-1}]',
	'51-["a",{"_placeholder":true,"num":"0"}]',
	'51-["a",{"_placeholder":true}]',
	'51-["a",{"_placeholder":"true","num":5}]',
	'51-["a",{"x":[{"_placeholder":true,"num":3}]}]',
	'52-/admin,["baz",{"_placeholder":true,"num":0},{"_placeholder":true,"num":1}]',
	'51-14["foo",{"_placeholder":true,"num":0}]',
	'61-15["bar",{"_placeholder":true,"num":0}]',
	'61-[]',
	'61-{}',
	'6',
	'61-["disconnect"]',
	'51-["disconnect"]',
	'2[' + '['.repeat(3000) + ']'.repeat(3000) + ']'
];

const ENGINE_IO_EDGES = [
	'',
	'0',
	'1',
	'2',
	'3',
	'4',
	'5',
	'6',
	'7',
	'x',
	'b',
	' ',
	'😀',
	'é4',
	'2probe',
	'3probe',
	'5',
	'6',
	'4hello',
	'4',
	'40',
	'42["echo",1]',
	'1x',
	'5x',
	'6x',
	'0{"sid":"lv_VI97HAXpY6yYWAAAC","upgrades":["websocket"],"pingInterval":25000,"pingTimeout":20000,"maxPayload":1000000}',
	'0',
	'0{',
	'0[]',
	'0{"sid":1}',
	'bAQIDBA==',
	'b',
	'bA',
	'bAQ',
	'bAQI',
	'bAQID',
	'b====',
	'bA=QI',
	'bQU*JD',
	'b-_-_',
	'bŁQID',
	'b😀',
	'b AQ ID',
	'bAQIDBA==AQID',
	'B',
	'44',
	'4\x1e'
];

const PAYLOAD_EDGES = [
	'',
	'\x1e',
	'4hello\x1e2\x1e4world',
	'4a\x1e',
	'\x1e4a',
	'4a\x1e\x1e4b',
	'4a\x1e7\x1e4b',
	'4a\x1ebAQID\x1e2',
	'7\x1e4a',
	'4😀\x1e4é',
	'42["hello"]\x1e42["world"]',
	'451-["a",{"_placeholder":true,"num":0}]\x1ebAQIDBA=='
];

describe('decodeSocketIoPacket against socket.io-parser', () => {
	it('agrees on every hand-picked edge case', () => {
		for (const text of SOCKET_IO_EDGES) agreesOnSocketIo(text);
	});

	it('agrees on every packet socket.io-parser’s own Encoder writes', () => {
		fc.assert(fc.property(encoded, agreesOnSocketIo), { numRuns: 1500 });
	});

	it('agrees on binary packets with any attachment count and placeholders', () => {
		fc.assert(fc.property(binary, agreesOnSocketIo), { numRuns: 1500 });
	});

	it('agrees on encoded packets with one character changed', () => {
		fc.assert(fc.property(mutated, agreesOnSocketIo), { numRuns: 2000 });
	});

	it('agrees on random text over the characters the format uses', () => {
		fc.assert(fc.property(soup, agreesOnSocketIo), { numRuns: 3000 });
	});

	it('agrees on any string at all', () => {
		fc.assert(fc.property(fc.string({ unit: 'grapheme', maxLength: 20 }), agreesOnSocketIo), {
			numRuns: 1000
		});
	});
});

describe('decodeEngineIoPacket against engine.io-parser', () => {
	it('agrees on every hand-picked edge case', () => {
		for (const text of ENGINE_IO_EDGES) agreesOnEngineIo(text);
	});

	it('agrees on random packets: a type character and any data, base64 included', () => {
		const packet = fc
			.tuple(fc.constantFrom(...'0123456789bBx '.split(''), ''), fc.string({ maxLength: 16 }))
			.map(([type, data]) => type + data);
		const base64 = fc
			.uint8Array({ maxLength: 20 })
			.map((bytes) => 'b' + Buffer.from(bytes).toString('base64'));
		fc.assert(fc.property(fc.oneof(packet, base64, soup), agreesOnEngineIo), { numRuns: 3000 });
	});

	it('reads a binary WebSocket message as a message with its bytes as they are', () => {
		fc.assert(
			fc.property(fc.uint8Array({ maxLength: 64 }), (bytes) => {
				const official = decodePacket(Buffer.from(bytes), 'nodebuffer');
				const decoding = decodeEngineIoPacket(bytes);
				expect(tilingProblems(decoding)).toEqual([]);
				expect(plainEio(decoding.packet as EioPacket)).toEqual(plainEio(official));
			})
		);
	});
});

describe('decodeEngineIoPayload against engine.io-parser', () => {
	it('agrees on every hand-picked payload', () => {
		for (const text of PAYLOAD_EDGES) agreesOnPayload(text);
	});

	it('agrees on random payloads, stopping at the same broken packet', () => {
		const piece = fc.oneof(
			fc.constantFrom('4hello', '2', '3probe', '6', 'bAQIDBA==', '', '7', '42["a"]', 'x', '0{}'),
			fc.string({ maxLength: 6 })
		);
		fc.assert(
			fc.property(fc.array(piece, { minLength: 1, maxLength: 6 }), (pieces) =>
				agreesOnPayload(pieces.join('\x1e'))
			),
			{ numRuns: 2000 }
		);
	});
});
