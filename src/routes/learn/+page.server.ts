import { lessonModule, lessons } from '$lib/server/lessons';

// Headings ride along so the page can search inside lessons, not only their titles.
export const load = () => ({
	lessons: lessons.map((lesson) => ({
		...lesson,
		headings: lessonModule(lesson).metadata.headings
	}))
});
