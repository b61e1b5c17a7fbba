import { describe, expect, it } from 'vitest';
import type { ScenarioContext } from './simulate';
import { flagsOf, sequenceLength, Wire } from './wire';

const context: ScenarioContext = {
	isn: { client: 100, server: 300 },
	endpoints: {
		clientAddress: '198.51.100.7',
		clientPort: 50000,
		serverAddress: '192.0.2.10',
		serverPort: 80
	},
	delay: 10,
	profile: 'linux-6.5+',
	ipId: { client: 65535, server: 7 },
	tsOffset: { client: 4294967290, server: 0 }
};
const says = { explain: () => 'x.', source: 'RFC 9293 §3.4' };

describe('sequenceLength', () => {
	it('counts SYN and FIN as one each, data by its length, a bare ACK as nothing (RFC 9293 §3.4)', () => {
		expect(sequenceLength(flagsOf(['SYN']), 0)).toBe(1);
		expect(sequenceLength(flagsOf(['FIN', 'ACK']), 0)).toBe(1);
		expect(sequenceLength(flagsOf(['SYN', 'FIN']), 3)).toBe(5);
		expect(sequenceLength(flagsOf(['ACK']), 0)).toBe(0);
		expect(sequenceLength(flagsOf(['PSH', 'ACK']), 36)).toBe(36);
	});
});

describe('Wire', () => {
	it('delivers crossing segments in arrival order, so each side meets the other’s SYN in SYN-SENT', () => {
		const w = new Wire(context, { client: 'CLOSED', server: 'CLOSED' });
		const a = w.send('client', 0, {
			flags: ['SYN'],
			call: 'active OPEN',
			onArrival: 'rcv SYN',
			...says
		});
		const b = w.send('server', 0, {
			flags: ['SYN'],
			call: 'active OPEN',
			onArrival: 'rcv SYN',
			...says
		});
		w.finish();
		expect(a.transitions.map((t) => `${t.side}:${t.from}>${t.to}@${t.at}`)).toEqual([
			'client:CLOSED>SYN-SENT@0',
			'server:SYN-SENT>SYN-RECEIVED@10'
		]);
		expect(b.transitions.map((t) => `${t.side}:${t.from}>${t.to}@${t.at}`)).toEqual([
			'server:CLOSED>SYN-SENT@0',
			'client:SYN-SENT>SYN-RECEIVED@10'
		]);
	});

	it('wraps the IP ID and the timestamp clock at their field sizes', () => {
		const w = new Wire(context, { client: 'CLOSED', server: 'LISTEN' });
		const first = w.send('client', 0, { flags: ['SYN'], call: 'active OPEN', lost: true, ...says });
		const again = w.send('client', 1000, {
			flags: ['SYN'],
			retransmits: first,
			timeout: 1000,
			...says
		});
		expect([first.ipId, again.ipId]).toEqual([65535, 0]);
		const ts = (s: typeof first) => s.options.find((o) => o.kind === 'timestamps');
		expect(ts(first)).toMatchObject({ tsval: 4294967290, tsecr: 0 });
		expect(ts(again)).toMatchObject({ tsval: 994 });
	});

	it('refuses a script that breaks Figure 5 (a programming error, never user input)', () => {
		const w = new Wire(context, { client: 'CLOSED', server: 'LISTEN' });
		expect(() => w.send('client', 0, { flags: ['FIN', 'ACK'], call: 'CLOSE', ...says })).toThrow(
			/Script error/
		);
	});
});
