/**
 * The eleven TCP states, spelled as RFC 9293 §3.3.2 spells them in its text (Figure 5 abbreviates
 * some: "SYN RCVD", "ESTAB"; facts K1). One list for the state machine (state-machine.ts) and the
 * socket API stepper (sockets/lifecycle.ts), kept apart from both so that either can use it
 * without loading the other.
 */

/**
 * A TCP state. CLOSED is the "fictional" state of no connection (no TCB): a new socket, and one
 * whose connection has ended.
 */
export type TcpState =
	| 'CLOSED'
	| 'LISTEN'
	| 'SYN-SENT'
	| 'SYN-RECEIVED'
	| 'ESTABLISHED'
	| 'FIN-WAIT-1'
	| 'FIN-WAIT-2'
	| 'CLOSE-WAIT'
	| 'CLOSING'
	| 'LAST-ACK'
	| 'TIME-WAIT';

/** Every TCP state, in the order RFC 9293 §3.3.2 lists them (CLOSED, the fictional one, last). */
export const TCP_STATES: readonly TcpState[] = [
	'LISTEN',
	'SYN-SENT',
	'SYN-RECEIVED',
	'ESTABLISHED',
	'FIN-WAIT-1',
	'FIN-WAIT-2',
	'CLOSE-WAIT',
	'CLOSING',
	'LAST-ACK',
	'TIME-WAIT',
	'CLOSED'
];
