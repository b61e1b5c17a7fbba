import { error } from '@sveltejs/kit';
import { lessons } from '$lib/server/lessons';
import { neighbours } from '$lib/content/lessons';

export const entries = () => lessons.map(({ slug }) => ({ slug }));

export const load = ({ params }) => {
	const index = lessons.findIndex((lesson) => lesson.slug === params.slug);
	if (index < 0) error(404, `There is no lesson called “${params.slug}”.`);
	return {
		lesson: lessons[index],
		number: index + 1,
		count: lessons.length,
		...neighbours(lessons, params.slug)
	};
};
