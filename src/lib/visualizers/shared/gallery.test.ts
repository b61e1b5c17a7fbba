import { describe, expect, it } from 'vitest';
import { EXAMPLES, FRAME_GROUPS } from '$lib/protocol/websocket/examples';
import { galleryGroups, type GalleryExample } from './gallery';

const ok = { ok: true, warnings: [] } as const;

describe('galleryGroups', () => {
	it('lists each group in the order given, with its examples in their order', () => {
		const examples: GalleryExample[] = [
			{ id: 'b1', title: 'B one', description: 'first of b', group: 'b', expect: ok },
			{ id: 'a1', title: 'A one', description: 'first of a', group: 'a', expect: ok },
			{ id: 'b2', title: 'B two', description: 'second of b', group: 'b', expect: ok }
		];
		const groups = galleryGroups(
			[
				{ id: 'a', title: 'Group A' },
				{ id: 'b', title: 'Group B' }
			],
			examples
		);
		expect(groups.map((g) => [g.title, g.items.map((i) => i.id)])).toEqual([
			['Group A', ['a1']],
			['Group B', ['b1', 'b2']]
		]);
		expect(groups[1].items[1]).toEqual({
			id: 'b2',
			title: 'B two',
			description: 'second of b',
			badge: undefined
		});
	});

	it('badges an example with its close code, its failing checks or its warning', () => {
		const examples: GalleryExample[] = [
			{
				id: 'closes',
				title: 'Reserved opcode',
				description: '',
				group: 'g',
				expect: { ok: false, failing: ['RESERVED_OPCODE'], closeCode: 1002 }
			},
			{
				id: 'fails',
				title: 'Two checks fail',
				description: '',
				group: 'g',
				expect: { ok: false, failing: ['accept', 'upgrade'] }
			},
			{
				id: 'warns',
				title: 'Warns',
				description: '',
				group: 'g',
				expect: { ok: true, warnings: ['W'] }
			}
		];
		const [group] = galleryGroups([{ id: 'g', title: 'G' }], examples);
		expect(group.items.map((i) => i.badge)).toEqual(['1002', '2 failing', 'warning']);
	});

	it('leaves out examples of groups it is not given', () => {
		const [group] = galleryGroups([{ id: 'rfc', title: 'From the RFCs' }], EXAMPLES);
		expect(group.items.length).toBeGreaterThan(0);
		expect(group.items.length).toBeLessThan(EXAMPLES.length);
		expect(galleryGroups(FRAME_GROUPS, EXAMPLES).flatMap((g) => g.items)).toHaveLength(
			EXAMPLES.length
		);
	});
});
