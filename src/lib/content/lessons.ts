/**
 * The lesson index: turns the files in content/ into an ordered list of lessons. Pure, so the
 * build (vite.config.ts), the pages and the unit tests all share one set of rules, and a bad
 * lesson fails loudly with its file name.
 */

/** One lesson file as read from disk: its name inside content/ and its text. */
export interface LessonSource {
	file: string;
	source: string;
}

/**
 * The parts of the course, in course order. A lesson names its part in its frontmatter (`part:`),
 * and lesson numbers must keep the parts in this order. Parts without lessons are not shown.
 */
export const PARTS = ['Sockets', 'TCP', 'HTTP push', 'WebSocket', 'Socket.IO', 'Captures'] as const;

/** One part of the course, e.g. `WebSocket`. */
export type Part = (typeof PARTS)[number];

/** One entry of the lesson index. */
export interface Lesson {
	/** Sort key: the numeric prefix of the file name. */
	order: number;
	/** The lesson number readers see: its position in the course, 1, 2, 3… with no gaps. */
	number: number;
	/** The part of the course the lesson belongs to. */
	part: Part;
	/** URL segment: the file name without its numeric prefix and extension. */
	slug: string;
	/** File name inside content/, e.g. `01-what-is-a-socket.md`. */
	file: string;
	title: string;
	description: string;
	/** The lesson places components (it has a script block), so it needs its compiled code. */
	interactive: boolean;
}

/** A lesson file that breaks a rule; `file` names it so the build error points at it. */
export class LessonError extends Error {
	constructor(
		readonly file: string,
		detail: string
	) {
		super(`content/${file}: ${detail}`);
		this.name = 'LessonError';
	}
}

/** `NN-slug.md`: one or more digits, a dash, then lower-case words joined by dashes. */
const FILE_NAME = /^(\d+)-([a-z0-9]+(?:-[a-z0-9]+)*)\.md$/;

/** Frontmatter fields every lesson must have. */
export const REQUIRED_FIELDS = ['title', 'description', 'part'] as const;

const partList = PARTS.join(', ');

const isPart = (value: string): value is Part => (PARTS as readonly string[]).includes(value);

/**
 * Reads the flat `key: value` frontmatter at the top of a lesson. Values may be bare or wrapped
 * in single or double quotes. Returns null when the file has no frontmatter block.
 */
export function parseFrontmatter(source: string, file: string): Record<string, string> | null {
	const match = /^---\r?\n([\s\S]*?)\r?\n---\r?(?:\n|$)/.exec(source);
	if (!match) return null;
	const fields: Record<string, string> = {};
	const lines = match[1].split(/\r?\n/);
	lines.forEach((line, i) => {
		if (line.trim() === '' || line.trimStart().startsWith('#')) return;
		const pair = /^([A-Za-z_][\w-]*):\s*(.*)$/.exec(line);
		if (!pair) {
			throw new LessonError(file, `frontmatter line ${i + 2} is not "key: value": ${line}`);
		}
		fields[pair[1]] = unquote(pair[2].trim());
	});
	return fields;
}

function unquote(value: string): string {
	if (value.length >= 2 && value.startsWith('"') && value.endsWith('"')) {
		return value.slice(1, -1).replace(/\\"/g, '"').replace(/\\\\/g, '\\');
	}
	if (value.length >= 2 && value.startsWith("'") && value.endsWith("'")) {
		return value.slice(1, -1).replace(/''/g, "'");
	}
	return value;
}

/**
 * Builds the ordered lesson index. Throws a LessonError naming the file when a name is not
 * `NN-slug.md`, when `title`, `description` or `part` is missing or empty, when `part` is not one
 * of PARTS, when two lessons share a number or a slug, or when a lesson's number puts it before a
 * lesson of an earlier part.
 */
export function buildLessonIndex(sources: LessonSource[]): Lesson[] {
	const lessons = sources.map(({ file, source }): Lesson => {
		const name = FILE_NAME.exec(file);
		if (!name) {
			throw new LessonError(file, 'a lesson file must be named NN-slug.md, e.g. 02-socket-types.md');
		}
		const fields = parseFrontmatter(source, file);
		if (!fields) {
			throw new LessonError(file, 'the file has no frontmatter (--- title/description/part ---)');
		}
		for (const key of REQUIRED_FIELDS) {
			if (!fields[key]) throw new LessonError(file, `frontmatter is missing "${key}"`);
		}
		const part = fields.part;
		if (!isPart(part)) {
			throw new LessonError(
				file,
				`frontmatter "part" is "${part}", which is not a part of the course (${partList})`
			);
		}
		return {
			order: Number(name[1]),
			number: 0,
			part,
			slug: name[2],
			file,
			title: fields.title,
			description: fields.description,
			interactive: /^<script[\s>]/m.test(source)
		};
	});
	lessons.sort((a, b) => a.order - b.order);
	for (let i = 1; i < lessons.length; i++) {
		const [before, lesson] = [lessons[i - 1], lessons[i]];
		if (before.order === lesson.order) {
			throw new LessonError(lesson.file, `shares its number ${lesson.order} with ${before.file}`);
		}
	}
	// Parts come in course order: no lesson may be numbered before a lesson of an earlier part.
	let latest = lessons[0];
	for (const lesson of lessons) {
		if (PARTS.indexOf(lesson.part) < PARTS.indexOf(latest.part)) {
			throw new LessonError(
				latest.file,
				`is in part "${latest.part}", but its number puts it before ${lesson.file}, ` +
					`which is in the earlier part "${lesson.part}"; parts must come in course order (${partList})`
			);
		}
		if (PARTS.indexOf(lesson.part) > PARTS.indexOf(latest.part)) latest = lesson;
	}
	lessons.forEach((lesson, i) => (lesson.number = i + 1));
	const bySlug = new Map<string, Lesson>();
	for (const lesson of lessons) {
		const twin = bySlug.get(lesson.slug);
		if (twin) throw new LessonError(lesson.file, `shares its slug "${lesson.slug}" with ${twin.file}`);
		bySlug.set(lesson.slug, lesson);
	}
	return lessons;
}

/** The lessons of one part, in course order. */
export interface PartGroup<L extends Lesson = Lesson> {
	part: Part;
	lessons: L[];
}

/**
 * Groups lessons (in course order) by part: the parts that have lessons, in course order, each
 * with its lessons. Lessons keep their course-wide numbers.
 */
export function groupByPart<L extends Lesson>(lessons: readonly L[]): PartGroup<L>[] {
	return PARTS.map((part) => ({ part, lessons: lessons.filter((lesson) => lesson.part === part) })).filter(
		(group) => group.lessons.length > 0
	);
}

/** The lessons before and after `slug` in course order (null at either end). */
export function neighbours(lessons: Lesson[], slug: string) {
	const i = lessons.findIndex((lesson) => lesson.slug === slug);
	return {
		previous: i > 0 ? lessons[i - 1] : null,
		next: i >= 0 && i < lessons.length - 1 ? lessons[i + 1] : null
	};
}

/** One h2/h3 of a lesson, recorded by src/node/markdown.js as the lesson is compiled. */
export interface Heading {
	depth: number;
	id: string;
	text: string;
}

/** A search hit: the lesson, and the sections whose headings match. */
export interface LessonMatch {
	lesson: Lesson;
	sections: Heading[];
}

const words = (text: string) => text.toLowerCase().normalize('NFKD').replace(/[\u0300-\u036f]/g, '');

/**
 * Finds lessons for a query: every word of the query must appear in the lesson's title,
 * description or headings (case- and accent-insensitive). Sections whose heading holds a word are
 * returned too, so a result can link straight to them. An empty query matches every lesson.
 */
export function searchLessons(
	lessons: readonly (Lesson & { headings: Heading[] })[],
	query: string
): LessonMatch[] {
	const terms = words(query).split(/\s+/).filter(Boolean);
	if (terms.length === 0) return lessons.map((lesson) => ({ lesson, sections: [] }));
	return lessons.flatMap((lesson) => {
		const haystack = words([lesson.title, lesson.description, ...lesson.headings.map((h) => h.text)].join(' '));
		if (!terms.every((term) => haystack.includes(term))) return [];
		const sections = lesson.headings.filter((h) => terms.some((term) => words(h.text).includes(term)));
		return [{ lesson, sections }];
	});
}
