import type { Component } from 'svelte';

/** One h2/h3 of a lesson, recorded by src/node/markdown.js as the lesson is compiled. */
export interface Heading {
	depth: number;
	id: string;
	text: string;
}

interface LessonModule {
	default: Component;
	metadata: { headings: Heading[] };
}

// Each lesson compiles to its own chunk, so a page loads only its own lesson.
const modules = import.meta.glob<LessonModule>('/content/*.md');

export const load = async ({ data }) => {
	const module = await modules[`/content/${data.lesson.file}`]();
	return { ...data, component: module.default, headings: module.metadata.headings };
};
