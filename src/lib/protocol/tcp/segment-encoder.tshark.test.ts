/**
 * The tshark oracle, live. For every scenario this writes the encoded segments to a pcap
 * (LINKTYPE_RAW, 101, with the segments' own send times), lets tshark dissect it with checksum
 * validation forced on, and compares what tshark read with fixtures/tshark-dissection.json.
 *
 * CI has no tshark, so this file skips there; segment-encoder.test.ts checks the committed
 * fixture against the segments instead. To regenerate the fixture after a deliberate change:
 *   TSHARK_FIXTURE=write npx vitest run src/lib/protocol/tcp/segment-encoder.tshark.test.ts
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { encodeSegment } from './segment-encoder';
import { SCENARIO_IDS, simulateConnection, type SimulationOptions } from './simulate';

const FIXTURE = new URL('./fixtures/tshark-dissection.json', import.meta.url);
const TSHARK_ARGS = [
	'-T',
	'json',
	'--no-duplicate-keys',
	'-o',
	'tcp.check_checksum:TRUE',
	'-o',
	'ip.check_checksum:TRUE'
];

/** The runs the fixture covers: every scenario with seed 1, and a wrap-around of the sequence space. */
const FIXTURE_RUNS: { scenario: (typeof SCENARIO_IDS)[number]; options: SimulationOptions }[] = [
	...SCENARIO_IDS.map((scenario) => ({ scenario, options: { seed: 1 } })),
	{ scenario: 'data', options: { seed: 2, isnClient: 4294967295, isnServer: 4294967290 } }
];

function hasTshark(): boolean {
	try {
		execFileSync('tshark', ['--version'], { stdio: 'ignore' });
		return true;
	} catch {
		return false;
	}
}

/** A classic pcap file (microsecond timestamps, LINKTYPE_RAW) holding the packets. */
function pcap(packets: { bytes: Uint8Array; timeMs: number }[]): Buffer {
	const header = Buffer.alloc(24);
	header.writeUInt32LE(0xa1b2c3d4, 0);
	header.writeUInt16LE(2, 4);
	header.writeUInt16LE(4, 6);
	header.writeUInt32LE(65535, 16);
	header.writeUInt32LE(101, 20);
	const parts = [header];
	for (const { bytes, timeMs } of packets) {
		const record = Buffer.alloc(16);
		record.writeUInt32LE(Math.floor(timeMs / 1000), 0);
		record.writeUInt32LE((timeMs % 1000) * 1000, 4);
		record.writeUInt32LE(bytes.length, 8);
		record.writeUInt32LE(bytes.length, 12);
		parts.push(record, Buffer.from(bytes));
	}
	return Buffer.concat(parts);
}

type Json = { [key: string]: Json } | Json[] | string;

const asArray = (value: Json | undefined): Json[] =>
	value === undefined ? [] : Array.isArray(value) ? value : [value];
const str = (value: Json | undefined): string | null => (typeof value === 'string' ? value : null);

/** The fields the tests compare, as tshark names and prints them. */
function extract(layers: { [key: string]: Json }) {
	const ip = layers.ip as { [key: string]: Json };
	const tcp = layers.tcp as { [key: string]: Json };
	const ipFlags = ip['ip.flags_tree'] as { [key: string]: Json };
	const tree = (tcp['tcp.options_tree'] ?? {}) as { [key: string]: Json };
	const options: { [key: string]: string }[] = [];
	for (const [key, value] of Object.entries(tree)) {
		if (!key.endsWith('_tree')) continue;
		for (const item of asArray(value)) {
			const fields: { [key: string]: string } = { name: key.slice('tcp.options.'.length, -5) };
			for (const [k, v] of Object.entries(item as { [key: string]: Json })) {
				if (typeof v === 'string') fields[k] = v;
			}
			options.push(fields);
		}
	}
	const analysis: { [key: string]: string } = {};
	const walk = (node: Json | undefined) => {
		if (node === undefined || typeof node === 'string') return;
		for (const [key, value] of Object.entries(node)) {
			if (typeof value === 'string') {
				if (key.startsWith('tcp.analysis.')) analysis[key] = value;
			} else {
				walk(value);
			}
		}
	};
	walk(tcp['tcp.analysis']);
	return {
		'ip.len': str(ip['ip.len']),
		'ip.id': str(ip['ip.id']),
		'ip.flags.df': str(ipFlags['ip.flags.df']),
		'ip.ttl': str(ip['ip.ttl']),
		'ip.proto': str(ip['ip.proto']),
		'ip.checksum.status': str(ip['ip.checksum.status']),
		'ip.src': str(asArray(ip['ip.src'])[0]),
		'ip.dst': str(asArray(ip['ip.dst'])[0]),
		'tcp.srcport': str(tcp['tcp.srcport']),
		'tcp.dstport': str(tcp['tcp.dstport']),
		'tcp.seq': str(tcp['tcp.seq']),
		'tcp.seq_raw': str(tcp['tcp.seq_raw']),
		'tcp.ack': str(tcp['tcp.ack']),
		'tcp.ack_raw': str(tcp['tcp.ack_raw']),
		'tcp.hdr_len': str(tcp['tcp.hdr_len']),
		'tcp.flags': str(tcp['tcp.flags']),
		'tcp.window_size_value': str(tcp['tcp.window_size_value']),
		'tcp.len': str(tcp['tcp.len']),
		'tcp.checksum.status': str(tcp['tcp.checksum.status']),
		'tcp.payload': str(tcp['tcp.payload']),
		options,
		analysis
	};
}

/** Encodes each run, lets tshark dissect it, and returns the fixture's content. */
function dissectAll() {
	const dir = mkdtempSync(join(tmpdir(), 'tcp-tshark-'));
	try {
		const runs = FIXTURE_RUNS.map(({ scenario, options }) => {
			const run = simulateConnection(scenario, options);
			if (!run.ok) throw new Error(`${scenario}: ${run.errors[0].message}`);
			const packets = run.segments.map((s) => ({ bytes: encodeSegment(s), timeMs: s.time }));
			const file = join(dir, `${scenario}.pcap`);
			writeFileSync(file, pcap(packets));
			const output = execFileSync('tshark', ['-r', file, ...TSHARK_ARGS], {
				encoding: 'utf8',
				stdio: ['ignore', 'pipe', 'ignore']
			});
			const frames = JSON.parse(output) as { _source: { layers: { [key: string]: Json } } }[];
			return {
				scenario,
				options,
				packets: packets.map((p, i) => ({
					hex: Buffer.from(p.bytes).toString('hex'),
					tshark: extract(frames[i]._source.layers)
				}))
			};
		});
		const version = execFileSync('tshark', ['--version'], { encoding: 'utf8' }).split('\n')[0];
		return {
			note:
				'What tshark read from the segment encoder’s bytes. Made by segment-encoder.tshark.test.ts with TSHARK_FIXTURE=write: each run’s segments written to a pcap (LINKTYPE_RAW 101, the segments’ send times), then `tshark -r <file> ' +
				TSHARK_ARGS.join(' ') +
				'`; the fields kept are listed in extract(). Status "1" means tshark found the checksum good.',
			tshark: version,
			runs
		};
	} finally {
		rmSync(dir, { recursive: true, force: true });
	}
}

describe.skipIf(!hasTshark())('segment encoder against tshark (live)', () => {
	it('tshark still reads every encoded segment as the committed fixture says', () => {
		const fresh = dissectAll();
		if (process.env.TSHARK_FIXTURE === 'write') {
			writeFileSync(FIXTURE, JSON.stringify(fresh, null, '\t') + '\n');
		}
		const committed = JSON.parse(readFileSync(FIXTURE, 'utf8'));
		expect(fresh.runs).toEqual(committed.runs);
	});
});
