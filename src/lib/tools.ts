/** A stand-alone tool page under /tools/<slug>/, listed on the home and tools pages. */
export interface Tool {
	slug: string;
	title: string;
	description: string;
}

/** The tools in the order the home page shows them. */
export const TOOLS: Tool[] = [];
