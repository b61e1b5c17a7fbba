import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { echoAddress, type EchoAddress } from './address';

/** The state back from `state`'s address, through the text of a real URL as a browser keeps it. */
function throughUrl(state: EchoAddress) {
	const url = new URL('http://127.0.0.1:4173/tools/echo/');
	url.search = echoAddress.write(state).toString();
	return echoAddress.read(new URL(url.href).searchParams);
}

describe('echoAddress', () => {
	it('round-trips every state with an endpoint or subprotocols, whatever characters they hold', () => {
		const text = fc.string({ unit: 'grapheme', maxLength: 80 });
		const state = fc
			.record({ endpoint: text, protocols: text })
			.filter((s) => s.endpoint !== '' || s.protocols !== '');
		fc.assert(
			fc.property(state, (s) => {
				expect(echoAddress.read(echoAddress.write(s))).toEqual(s);
				expect(throughUrl(s)).toEqual(s);
			})
		);
	});

	it('reads the links written before the codec: ?endpoint= alone', () => {
		expect(
			echoAddress.read(new URLSearchParams('endpoint=ws%3A%2F%2F127.0.0.1%3A1%2Fother'))
		).toEqual({ endpoint: 'ws://127.0.0.1:1/other', protocols: '' });
	});

	it('keeps query characters inside the endpoint', () => {
		const state = { endpoint: 'ws://h/echo?delay=5&close=4000#x', protocols: 'chat, echo' };
		const written = echoAddress.write(state).toString();
		expect(written).toBe(
			'endpoint=ws%3A%2F%2Fh%2Fecho%3Fdelay%3D5%26close%3D4000%23x&protocols=chat%2C+echo'
		);
		expect(throughUrl(state)).toEqual(state);
	});

	it('has nothing to say for an address without either parameter, or with both empty', () => {
		for (const search of ['', 'q=masking', 'endpoint=&protocols=']) {
			expect(echoAddress.read(new URLSearchParams(search)), search).toBeNull();
		}
		expect(echoAddress.write({ endpoint: '', protocols: '' }).toString()).toBe('');
	});
});
