import type { Component } from 'svelte';

// Each interactive lesson compiles to its own chunk, so a page loads only its own lesson.
const modules = import.meta.glob<{ default: Component }>('/content/*.md');

export const load = async ({ data }) => {
	if (data.html !== null) return { ...data, component: null };
	const module = await modules[`/content/${data.lesson.file}`]();
	return { ...data, component: module.default };
};
