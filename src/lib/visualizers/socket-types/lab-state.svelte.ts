import {
	LIMITS,
	simulateDelivery,
	SOCKET_TYPES,
	type DeliveryResult,
	type SocketType
} from '$lib/protocol/sockets/delivery';
import { randomBytes } from '../shared/random';
import { DEFAULT_LAB, MAX_SEED, type LabSettings } from './address';
import { readEscaped, type EscapedReading } from './escapes';

/** The classic example of why a stream needs framing: two lines a server reads as one. */
export const LOGIN_EXAMPLE: readonly string[] = ['LOGIN alice\\n', 'PASS secret\\n'];

/** One simulated run, for one socket type. */
export interface LabRun {
	type: SocketType;
	result: DeliveryResult;
}

/** A typed message that is not valid escaped text: which one, where, and why. */
export interface MessageError {
	message: number;
	index: number;
	text: string;
}

/**
 * The socket types lab's state: the controls as set (messages as typed, with escapes), and the
 * model's runs of them. `run` counts replays, so a view restarts its animation on "Replay" even
 * though the result is the same.
 */
export class LabState {
	messages = $state<string[]>([...DEFAULT_LAB.messages]);
	type = $state<SocketType>(DEFAULT_LAB.type);
	readSize = $state(DEFAULT_LAB.readSize);
	loss = $state(DEFAULT_LAB.loss);
	reorder = $state(DEFAULT_LAB.reorder);
	duplicate = $state(DEFAULT_LAB.duplicate);
	mtu = $state(DEFAULT_LAB.mtu);
	seed = $state(DEFAULT_LAB.seed);
	compare = $state(DEFAULT_LAB.compare);
	/** Bumped by replay(). */
	run = $state(0);

	constructor(initial: Partial<LabSettings> = {}) {
		this.set({ ...DEFAULT_LAB, ...initial });
	}

	/** Each message read from its escapes. */
	readonly readings: EscapedReading[] = $derived(this.messages.map((m) => readEscaped(m)));

	/** Every message whose escapes cannot be read. */
	readonly messageErrors: MessageError[] = $derived(
		this.readings.flatMap((reading, message) =>
			reading.ok ? [] : [{ message, index: reading.index, text: reading.message }]
		)
	);

	/** The run of the chosen type; null while a message cannot be read. */
	readonly result: DeliveryResult | null = $derived(this.simulate(this.type));

	/** All three types on the same input, when comparing; else empty. */
	readonly runs: LabRun[] = $derived.by(() => {
		if (!this.compare || this.messageErrors.length > 0) return [];
		return SOCKET_TYPES.flatMap((type) => {
			const result = type === this.type ? this.result : this.simulate(type);
			return result ? [{ type, result }] : [];
		});
	});

	/** The model's run of these settings as socket `type`; null while a message cannot be read. */
	simulate(type: SocketType): DeliveryResult | null {
		const bytes: Uint8Array[] = [];
		for (const reading of this.readings) {
			if (!reading.ok) return null;
			bytes.push(reading.bytes);
		}
		return simulateDelivery({
			type,
			messages: bytes,
			readSize: this.readSize,
			network: {
				loss: this.loss,
				reorder: this.reorder,
				duplicate: this.duplicate,
				mtu: this.mtu
			},
			seed: this.seed
		});
	}

	/** The controls as a link reproduces them. */
	get settings(): LabSettings {
		return {
			messages: [...this.messages],
			type: this.type,
			readSize: this.readSize,
			loss: this.loss,
			reorder: this.reorder,
			duplicate: this.duplicate,
			mtu: this.mtu,
			seed: this.seed,
			compare: this.compare
		};
	}

	/** Replaces every control with `settings` (a link, or an embed's props). */
	set(settings: LabSettings) {
		this.messages = settings.messages.length > 0 ? [...settings.messages] : [''];
		this.type = settings.type;
		this.readSize = settings.readSize;
		this.loss = settings.loss;
		this.reorder = settings.reorder;
		this.duplicate = settings.duplicate;
		this.mtu = settings.mtu;
		this.seed = settings.seed;
		this.compare = settings.compare;
	}

	/** True while another message can be added. */
	get canAdd() {
		return this.messages.length < LIMITS.maxMessages;
	}

	/** Adds an empty send() after the last. */
	addMessage() {
		if (this.canAdd) this.messages.push('');
	}

	/** Removes send() number `index`; the last one stays, so there is always one to edit. */
	removeMessage(index: number) {
		if (this.messages.length > 1) this.messages.splice(index, 1);
	}

	/** The LOGIN / PASS lines (with newlines), which a stream may deliver in one read. */
	useLoginExample() {
		this.messages = [...LOGIN_EXAMPLE];
	}

	/** Plays the same run again. */
	replay() {
		this.run++;
	}

	/** A fresh seed: a different draw of losses, duplicates and delays. */
	newSeed(random: (count: number) => Uint8Array = randomBytes) {
		const [a, b, c, d] = random(4);
		let seed = ((a << 24) | (b << 16) | (c << 8) | d) >>> 0;
		if (seed === this.seed) seed = (seed + 1) % (MAX_SEED + 1);
		this.seed = seed;
	}
}
