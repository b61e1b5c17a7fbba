import { verdictBadge, type Verdict } from '$lib/protocol/examples';

/** One button of a gallery: an example's id, its title, its description as the tooltip, a badge. */
export interface GalleryItem {
	id: string;
	title: string;
	description?: string;
	badge?: string;
}

/** A titled group of a gallery's items. */
export interface GalleryGroup {
	title?: string;
	items: GalleryItem[];
}

/** What a gallery needs of an example (any protocol's `Example`). */
export interface GalleryExample {
	id: string;
	title: string;
	description: string;
	group?: string;
	expect: Verdict;
}

/**
 * A gallery's groups, in the order given, each with its examples in their order; each example's
 * badge comes from the verdict it must give (its close code, or how many checks fail).
 */
export function galleryGroups(
	groups: readonly { id: string; title: string }[],
	examples: readonly GalleryExample[]
): GalleryGroup[] {
	return groups.map((group) => ({
		title: group.title,
		items: examples
			.filter((e) => e.group === group.id)
			.map((e) => ({
				id: e.id,
				title: e.title,
				description: e.description,
				badge: verdictBadge(e.expect)
			}))
	}));
}
