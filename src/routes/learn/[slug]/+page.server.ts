import { error } from '@sveltejs/kit';
import { render } from 'svelte/server';
import { lessonModule, lessons } from '$lib/server/lessons';
import { proseHtml } from '$lib/server/prose';
import { neighbours } from '$lib/content/lessons';

export const entries = () => lessons.map(({ slug }) => ({ slug }));

export const load = ({ params }) => {
	const index = lessons.findIndex((lesson) => lesson.slug === params.slug);
	if (index < 0) error(404, `There is no lesson called “${params.slug}”.`);
	const lesson = lessons[index];
	const module = lessonModule(lesson);
	return {
		lesson,
		number: lesson.number,
		count: lessons.length,
		...neighbours(lessons, params.slug),
		headings: module.metadata.headings,
		// A lesson with no components is prose: rendered to HTML here, at build time, it reaches the
		// browser as page data instead of as a JavaScript module. Interactive lessons load their code.
		html: lesson.interactive ? null : proseHtml(render(module.default).body)
	};
};
