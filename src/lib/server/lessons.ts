import type { Component } from 'svelte';
import { buildLessonIndex, type Heading, type Lesson } from '$lib/content/lessons';

// The raw Markdown is read on the server side only (at prerender time); pages receive just the
// index entries they need, and each lesson's compiled component is loaded by /learn/[slug].
const sources = import.meta.glob<string>('/content/*.md', {
	query: '?raw',
	import: 'default',
	eager: true
});

/** Every lesson in course order, checked by the same rules as the build. */
export const lessons = buildLessonIndex(
	Object.entries(sources).map(([path, source]) => ({
		file: path.slice('/content/'.length),
		source
	}))
);

interface LessonModule {
	default: Component;
	metadata: { headings: Heading[] };
}

// The compiled lessons, for prerendering (their headings, and the HTML of prose lessons).
const modules = import.meta.glob<LessonModule>('/content/*.md', { eager: true });

/** The compiled module of a lesson: its component and the headings the pipeline recorded. */
export function lessonModule(lesson: Lesson): LessonModule {
	return modules[`/content/${lesson.file}`];
}
