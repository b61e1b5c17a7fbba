/**
 * A segment's flags and options printed the way tcpdump and Wireshark print them, for the TCP
 * stepper and for captured handshakes alike.
 */
import { FLAG_NAMES, type SegmentOption, type TcpFlags } from './simulate';

/** The flag names set, as Wireshark lists them in its Info column: 'SYN, ACK', 'FIN, ACK'. */
export function flagNames(flags: TcpFlags): string {
	return [...FLAG_NAMES]
		.reverse()
		.filter((name) => flags[name])
		.join(', ');
}

/**
 * A TCP option to print: the simulator's kinds, and those only a capture holds (SACK blocks, or
 * any other kind by name).
 */
export type PrintedOption =
	SegmentOption | { kind: 'sack'; blocks: [number, number][] } | { kind: 'other'; name: string };

/** Options as tcpdump prints them: 'mss 1460, sackOK, TS val 5 ecr 0, nop, wscale 10'. */
export function optionsText(options: readonly PrintedOption[]): string {
	return options
		.map((o) => {
			switch (o.kind) {
				case 'mss':
					return `mss ${o.value}`;
				case 'wscale':
					return `wscale ${o.shift}`;
				case 'timestamps':
					return `TS val ${o.tsval} ecr ${o.tsecr}`;
				case 'sack':
					return `sack ${o.blocks.map(([l, r]) => `{${l}:${r}}`).join('')}`;
				case 'other':
					return o.name;
				default:
					return o.kind;
			}
		})
		.join(', ');
}
