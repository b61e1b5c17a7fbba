import { describe, expect, it } from 'vitest';
import { decodeSocketIoPacket } from './socketio';
import { errorsOf, tilingProblems, warningsOf } from './testing';

/** The packet a text decodes to, without the type's name (the Readme's "Packet" column). */
function packetOf(text: string) {
	const decoding = decodeSocketIoPacket(text);
	expect(tilingProblems(decoding)).toEqual([]);
	expect(errorsOf(decoding)).toEqual([]);
	const { typeName: _name, ...packet } = decoding.packet!;
	return packet;
}

const placeholder = (num: number) => ({ _placeholder: true, num });

describe('decodeSocketIoPacket', () => {
	// Socket.IO protocol v5 Readme, "Packet encoding": every row of its tables, verbatim.
	it('reads the protocol’s connection examples', () => {
		expect(packetOf('0')).toEqual({ type: 0, nsp: '/' });
		expect(packetOf('0{"sid":"wZX3oN0bSVIhsaknAAAI"}')).toEqual({
			type: 0,
			nsp: '/',
			data: { sid: 'wZX3oN0bSVIhsaknAAAI' }
		});
		expect(packetOf('0/admin,')).toEqual({ type: 0, nsp: '/admin' });
		expect(packetOf('0/admin,{"sid":"oSO0OpakMV_3jnilAAAA"}')).toEqual({
			type: 0,
			nsp: '/admin',
			data: { sid: 'oSO0OpakMV_3jnilAAAA' }
		});
		expect(packetOf('4{"message":"Not authorized"}')).toEqual({
			type: 4,
			nsp: '/',
			data: { message: 'Not authorized' }
		});
	});

	it('reads the protocol’s event examples, binary ones with their attachment count', () => {
		expect(packetOf('2["foo"]')).toEqual({ type: 2, nsp: '/', data: ['foo'] });
		expect(packetOf('2/admin,["bar"]')).toEqual({ type: 2, nsp: '/admin', data: ['bar'] });
		expect(packetOf('51-["baz",{"_placeholder":true,"num":0}]')).toEqual({
			type: 5,
			nsp: '/',
			attachments: 1,
			data: ['baz', placeholder(0)]
		});
		expect(
			packetOf('52-/admin,["baz",{"_placeholder":true,"num":0},{"_placeholder":true,"num":1}]')
		).toEqual({
			type: 5,
			nsp: '/admin',
			attachments: 2,
			data: ['baz', placeholder(0), placeholder(1)]
		});
	});

	it('reads the protocol’s acknowledgement and disconnection examples', () => {
		expect(packetOf('212["foo"]')).toEqual({ type: 2, nsp: '/', id: 12, data: ['foo'] });
		expect(packetOf('312[]')).toEqual({ type: 3, nsp: '/', id: 12, data: [] });
		expect(packetOf('2/admin,13["foo"]')).toEqual({
			type: 2,
			nsp: '/admin',
			id: 13,
			data: ['foo']
		});
		expect(packetOf('3/admin,13["bar"]')).toEqual({
			type: 3,
			nsp: '/admin',
			id: 13,
			data: ['bar']
		});
		expect(packetOf('51-14["foo",{"_placeholder":true,"num":0}]')).toEqual({
			type: 5,
			nsp: '/',
			id: 14,
			attachments: 1,
			data: ['foo', placeholder(0)]
		});
		expect(packetOf('61-15["bar",{"_placeholder":true,"num":0}]')).toEqual({
			type: 6,
			nsp: '/',
			id: 15,
			attachments: 1,
			data: ['bar', placeholder(0)]
		});
		expect(packetOf('1')).toEqual({ type: 1, nsp: '/' });
		expect(packetOf('1/admin,')).toEqual({ type: 1, nsp: '/admin' });
	});

	it('lays a field over each part, in the order the format gives them', () => {
		const decoding = decodeSocketIoPacket(
			'52-/admin,7["a",{"_placeholder":true,"num":0},{"_placeholder":true,"num":1}]'
		);
		const fields = decoding.units[0].fields;
		expect(fields.map((f) => [f.key, f.value])).toEqual([
			['sio.type', '5'],
			['sio.attachments', '2'],
			['sio.dash', '-'],
			['sio.nsp', '/admin'],
			['sio.comma', ','],
			['sio.id', '7'],
			['sio.data', '["a",{"_placeholder":true,"num":0},{"_placeholder":true,"num":1}]']
		]);
		expect(fields[6].children!.map((f) => f.key)).toEqual([
			'sio.data.open',
			'sio.event',
			'sio.placeholder',
			'sio.placeholder',
			'sio.data.close'
		]);
	});

	it('counts bytes, not characters: a field after non-ASCII text starts at its UTF-8 offset', () => {
		const decoding = decodeSocketIoPacket('2/é,5["ü"]');
		expect(tilingProblems(decoding)).toEqual([]);
		const id = decoding.units[0].fields.find((f) => f.key === 'sio.id')!;
		// '2' 1 byte, '/' 1, 'é' 2, ',' 1: the id starts at byte 5.
		expect(id.offset).toBe(5);
		expect(decoding.bytes.length).toBe(12);
	});

	it('rejects what the protocol forbids, pointing at the part that breaks it', () => {
		const cases: [string, string, number][] = [
			['7', 'SIO_UNKNOWN_TYPE', 0],
			['x["a"]', 'SIO_UNKNOWN_TYPE', 0],
			['5["a"]', 'SIO_ILLEGAL_ATTACHMENTS', 1],
			['50-["a"]', 'SIO_ILLEGAL_ATTACHMENTS', 1],
			['5x-["a"]', 'SIO_ILLEGAL_ATTACHMENTS', 1],
			['511-["a"]', 'SIO_TOO_MANY_ATTACHMENTS', 1],
			['2["a"', 'SIO_INVALID_JSON', 1],
			['0[]', 'SIO_CONNECT_PAYLOAD', 1],
			['1{}', 'SIO_DISCONNECT_PAYLOAD', 1],
			['2{"a":1}', 'SIO_EVENT_PAYLOAD', 1],
			['2[]', 'SIO_EVENT_PAYLOAD', 1],
			['2[null]', 'SIO_EVENT_PAYLOAD', 1],
			// An object in the name's place whose toString is no function: String() throws on it.
			['2[{"toString":0}]', 'SIO_EVENT_PAYLOAD', 1],
			['2["disconnect"]', 'SIO_RESERVED_EVENT', 1],
			['3{}', 'SIO_ACK_PAYLOAD', 1],
			['4[]', 'SIO_CONNECT_ERROR_PAYLOAD', 1],
			['51-["a",{"_placeholder":true,"num":1}]', 'SIO_PLACEHOLDER_INVALID', 3],
			['51-["a",{"_placeholder":true,"num":{"toString":0}}]', 'SIO_PLACEHOLDER_INVALID', 3]
		];
		for (const [text, code, offset] of cases) {
			const decoding = decodeSocketIoPacket(text);
			expect(errorsOf(decoding), text).toEqual([code]);
			expect(decoding.problems.find((p) => p.code === code)!.offset, text).toBe(offset);
			expect(decoding.packet, text).toBeNull();
			expect(tilingProblems(decoding), text).toEqual([]);
		}
	});

	it('accepts, with a warning, what socket.io-parser accepts and the protocol does not', () => {
		const cases: [string, string][] = [
			['', 'SIO_EMPTY'],
			[' ', 'SIO_TYPE_WHITESPACE'],
			['5 1-["a",{"_placeholder":true,"num":0}]', 'SIO_LOOSE_ATTACHMENTS'],
			['2/admin', 'SIO_NAMESPACE_WITHOUT_COMMA'],
			['2 ["a"]', 'SIO_ID_NOT_DIGITS'],
			['29007199254740993["a"]', 'SIO_ID_UNSAFE'],
			['3', 'SIO_NO_DATA'],
			['2[1]', 'SIO_NUMERIC_EVENT_NAME'],
			['4"Not authorized"', 'SIO_CONNECT_ERROR_STRING'],
			['52-["a",{"_placeholder":true,"num":0}]', 'SIO_ATTACHMENT_UNUSED']
		];
		for (const [text, code] of cases) {
			const decoding = decodeSocketIoPacket(text);
			expect(errorsOf(decoding), JSON.stringify(text)).toEqual([]);
			expect(warningsOf(decoding), JSON.stringify(text)).toContain(code);
			expect(decoding.packet, text).not.toBeNull();
			expect(tilingProblems(decoding), text).toEqual([]);
		}
	});

	it('reads a namespace without a comma to the end, as socket.io-parser does', () => {
		expect(decodeSocketIoPacket('2/admin["a"]').packet).toMatchObject({
			type: 2,
			nsp: '/admin["a"]'
		});
	});
});
