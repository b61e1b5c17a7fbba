import { describe, expect, it } from 'vitest';
import { KERNEL_RUN_LIMITS } from '$lib/protocol/sockets/kernel-run';
import { DEFAULT_LAB } from './address';
import { planKernelRun } from './kernel.svelte';
import { LabState, LOGIN_EXAMPLE } from './lab-state.svelte';

const text = (bytes: Uint8Array) => new TextDecoder().decode(bytes);

describe('LabState', () => {
	it('gives back the settings it was set to', () => {
		const lab = new LabState();
		const settings = {
			...DEFAULT_LAB,
			messages: ['x\\n', ''],
			type: 'seqpacket' as const,
			readSize: 3,
			seed: 7,
			compare: true
		};
		lab.set(settings);
		expect(lab.settings).toEqual(settings);
	});

	it('sends the escaped messages as their bytes: the LOGIN lines end in a newline', () => {
		const lab = new LabState({ loss: 0, reorder: 0, duplicate: 0, readSize: 1024 });
		lab.useLoginExample();
		expect(lab.messages).toEqual(LOGIN_EXAMPLE);
		// A stream keeps no boundaries (socket(2)): one read of 1,024 bytes gets both lines.
		const result = lab.result;
		expect(result?.ok && result.reads.map((r) => text(r.data))).toEqual([
			'LOGIN alice\nPASS secret\n'
		]);
	});

	it('runs nothing while a message has a bad escape, and says which one', () => {
		const lab = new LabState({ messages: ['ok', 'bad\\'] });
		expect(lab.result).toBeNull();
		expect(lab.messageErrors).toEqual([{ message: 1, index: 3, text: expect.any(String) }]);
	});

	it('runs all three types when comparing', () => {
		const lab = new LabState({ compare: true });
		expect(lab.runs.map((run) => run.type)).toEqual(['stream', 'datagram', 'seqpacket']);
	});

	it('always keeps one message to edit', () => {
		const lab = new LabState({ messages: ['only'] });
		lab.removeMessage(0);
		expect(lab.messages).toEqual(['only']);
		lab.addMessage();
		lab.removeMessage(0);
		expect(lab.messages).toEqual(['']);
	});

	it('draws a new seed from the random bytes it is given, never the same seed again', () => {
		const lab = new LabState({ seed: 0x01020304 });
		lab.newSeed(() => Uint8Array.of(0xff, 0, 0, 1));
		expect(lab.seed).toBe(0xff000001);
		lab.newSeed(() => Uint8Array.of(0xff, 0, 0, 1));
		expect(lab.seed).toBe(0xff000002);
	});
});

describe('planKernelRun', () => {
	const bytes = (s: string) => new TextEncoder().encode(s);

	it('asks for the same messages and read size as the simulation', () => {
		const plan = planKernelRun('datagram', [bytes('LOGIN alice\n')], 8);
		expect(plan).toMatchObject({
			ok: true,
			request: { type: 'datagram', messages: ['LOGIN alice\n'], readSize: 8 }
		});
	});

	it('names the message that cannot be sent, before sending anything', () => {
		const long = bytes('x'.repeat(KERNEL_RUN_LIMITS.maxMessageBytes + 1));
		expect(planKernelRun('stream', [bytes('a'), long], 8)).toMatchObject({ ok: false, index: 1 });
		// 0xff never appears in UTF-8 (RFC 3629 §1), and the endpoint takes text.
		expect(planKernelRun('stream', [Uint8Array.of(0xff)], 8)).toMatchObject({
			ok: false,
			index: 0
		});
	});
});
