import { describe, expect, it } from 'vitest';
import {
	buildLessonIndex,
	groupByPart,
	LessonError,
	neighbours,
	PARTS,
	parseFrontmatter,
	searchLessons
} from './lessons';

const lesson = (title: string, description = `About ${title}.`, part = 'Sockets') =>
	`---\ntitle: ${title}\ndescription: ${description}\npart: ${part}\n---\n\nBody.\n`;

describe('buildLessonIndex', () => {
	it('orders lessons by their numeric prefix, not by file name order', () => {
		const index = buildLessonIndex([
			{ file: '10-tcp-close.md', source: lesson('Closing') },
			{ file: '02-socket-types.md', source: lesson('Types') },
			{ file: '1-what-is-a-socket.md', source: lesson('Sockets') }
		]);
		expect(index.map((l) => l.order)).toEqual([1, 2, 10]);
		expect(index.map((l) => l.title)).toEqual(['Sockets', 'Types', 'Closing']);
	});

	it('drops the numeric prefix and the extension from the slug', () => {
		const [only] = buildLessonIndex([{ file: '07-anatomy-of-a-frame.md', source: lesson('A') }]);
		expect(only).toMatchObject({ slug: 'anatomy-of-a-frame', file: '07-anatomy-of-a-frame.md' });
	});

	it('marks a lesson that places components as interactive', () => {
		const [plain, interactive] = buildLessonIndex([
			{ file: '01-plain.md', source: lesson('Plain') },
			{
				file: '02-live.md',
				source: `${lesson('Live')}\n<script>\n\timport X from '$lib/X.svelte';\n</script>\n\n<X />\n`
			}
		]);
		expect(plain.interactive).toBe(false);
		expect(interactive.interactive).toBe(true);
	});

	it('reads quoted titles and descriptions', () => {
		const [only] = buildLessonIndex([
			{
				file: '01-a.md',
				source: `---\ntitle: "What is a socket?"\ndescription: 'It''s an endpoint: address + port.'\npart: "Sockets"\n---\n`
			}
		]);
		expect(only.title).toBe('What is a socket?');
		expect(only.description).toBe("It's an endpoint: address + port.");
	});

	it('fails naming the file when the description is missing', () => {
		const build = () =>
			buildLessonIndex([
				{ file: '01-a.md', source: lesson('A') },
				{ file: '02-b.md', source: '---\ntitle: B\npart: TCP\n---\n\nBody.' }
			]);
		expect(build).toThrow(LessonError);
		expect(build).toThrow('content/02-b.md: frontmatter is missing "description"');
	});

	it('fails naming the file when the title is missing or empty', () => {
		expect(() =>
			buildLessonIndex([{ file: '03-c.md', source: '---\ntitle:\ndescription: D\npart: TCP\n---\n' }])
		).toThrow('content/03-c.md: frontmatter is missing "title"');
	});

	it('fails naming the file when there is no frontmatter at all', () => {
		expect(() => buildLessonIndex([{ file: '04-d.md', source: '# Just a heading\n' }])).toThrow(
			/content\/04-d\.md: the file has no frontmatter/
		);
	});

	it('rejects a file name without a numeric prefix', () => {
		expect(() => buildLessonIndex([{ file: 'sockets.md', source: lesson('S') }])).toThrow(
			/content\/sockets\.md: a lesson file must be named NN-slug\.md/
		);
	});

	it('rejects two lessons with the same number', () => {
		expect(() =>
			buildLessonIndex([
				{ file: '02-a.md', source: lesson('A') },
				{ file: '02-b.md', source: lesson('B') }
			])
		).toThrow(/shares its number 2/);
	});

	it('rejects two lessons with the same slug', () => {
		expect(() =>
			buildLessonIndex([
				{ file: '01-same.md', source: lesson('A') },
				{ file: '02-same.md', source: lesson('B') }
			])
		).toThrow('content/02-same.md: shares its slug "same" with 01-same.md');
	});
});

describe('parts', () => {
	it('lists the parts of the course in order', () => {
		expect(PARTS).toEqual(['Sockets', 'TCP', 'HTTP push', 'WebSocket', 'Socket.IO', 'Captures']);
	});

	it('reads the part of each lesson', () => {
		const [only] = buildLessonIndex([
			{ file: '01-a.md', source: lesson('A', 'About A.', 'HTTP push') }
		]);
		expect(only.part).toBe('HTTP push');
	});

	it('fails naming the file when the part is missing', () => {
		const build = () =>
			buildLessonIndex([
				{ file: '01-a.md', source: lesson('A') },
				{ file: '02-b.md', source: '---\ntitle: B\ndescription: D\n---\n\nBody.' }
			]);
		expect(build).toThrow(LessonError);
		expect(build).toThrow('content/02-b.md: frontmatter is missing "part"');
	});

	it('fails naming the file and listing the parts when the part is unknown', () => {
		const build = () =>
			buildLessonIndex([
				{ file: '01-a.md', source: lesson('A') },
				{ file: '02-b.md', source: lesson('B', 'About B.', 'Websocket') }
			]);
		expect(build).toThrow(LessonError);
		expect(build).toThrow(
			'content/02-b.md: frontmatter "part" is "Websocket", which is not a part of the course ' +
				'(Sockets, TCP, HTTP push, WebSocket, Socket.IO, Captures)'
		);
	});

	it('fails naming the file when its number puts it before a lesson of an earlier part', () => {
		const build = () =>
			buildLessonIndex([
				{ file: '01-sockets.md', source: lesson('Sockets', 'S.', 'Sockets') },
				{ file: '02-frames.md', source: lesson('Frames', 'F.', 'WebSocket') },
				{ file: '03-api.md', source: lesson('API', 'A.', 'WebSocket') },
				{ file: '04-handshake.md', source: lesson('Handshake', 'H.', 'TCP') }
			]);
		expect(build).toThrow(LessonError);
		expect(build).toThrow(
			/^content\/02-frames\.md: is in part "WebSocket", but its number puts it before 04-handshake\.md, which is in the earlier part "TCP"/
		);
	});

	it('numbers lessons by their position in the course, without gaps', () => {
		const index = buildLessonIndex([
			{ file: '10-c.md', source: lesson('C', 'C.', 'WebSocket') },
			{ file: '02-a.md', source: lesson('A', 'A.', 'Sockets') },
			{ file: '07-b.md', source: lesson('B', 'B.', 'TCP') }
		]);
		expect(index.map((l) => [l.slug, l.order, l.number])).toEqual([
			['a', 2, 1],
			['b', 7, 2],
			['c', 10, 3]
		]);
	});
});

describe('groupByPart', () => {
	const index = buildLessonIndex([
		{ file: '01-socket.md', source: lesson('Socket', 'S.', 'Sockets') },
		{ file: '02-types.md', source: lesson('Types', 'T.', 'Sockets') },
		{ file: '03-upgrade.md', source: lesson('Upgrade', 'U.', 'WebSocket') },
		{ file: '04-frames.md', source: lesson('Frames', 'F.', 'WebSocket') },
		{ file: '05-pcap.md', source: lesson('Pcap', 'P.', 'Captures') }
	]);

	it('gives only the parts that have lessons, in course order', () => {
		expect(groupByPart(index).map((g) => g.part)).toEqual(['Sockets', 'WebSocket', 'Captures']);
	});

	it('keeps each part’s lessons in course order, with their course-wide numbers', () => {
		const groups = groupByPart(index);
		expect(groups.map((g) => g.lessons.map((l) => l.number))).toEqual([[1, 2], [3, 4], [5]]);
		expect(groups.flatMap((g) => g.lessons)).toEqual(index);
	});

	it('gives no groups for no lessons', () => {
		expect(groupByPart([])).toEqual([]);
	});
});

describe('parseFrontmatter', () => {
	it('rejects a line that is not key: value, with its line number', () => {
		expect(() => parseFrontmatter('---\ntitle: A\n  - nested\n---\n', '01-a.md')).toThrow(
			'content/01-a.md: frontmatter line 3 is not "key: value":   - nested'
		);
	});

	it('returns null when the file does not start with a frontmatter block', () => {
		expect(parseFrontmatter('Body\n---\ntitle: x\n---\n', '01-a.md')).toBeNull();
	});

	it('accepts CRLF line endings', () => {
		expect(parseFrontmatter('---\r\ntitle: A\r\ndescription: B\r\n---\r\n', 'x')).toEqual({
			title: 'A',
			description: 'B'
		});
	});
});

describe('neighbours', () => {
	const index = buildLessonIndex([
		{ file: '01-a.md', source: lesson('A') },
		{ file: '02-b.md', source: lesson('B') },
		{ file: '03-c.md', source: lesson('C') }
	]);

	it('gives the lessons on either side', () => {
		const { previous, next } = neighbours(index, 'b');
		expect(previous?.slug).toBe('a');
		expect(next?.slug).toBe('c');
	});

	it('has no previous lesson at the start and no next lesson at the end', () => {
		expect(neighbours(index, 'a').previous).toBeNull();
		expect(neighbours(index, 'c').next).toBeNull();
	});
});

describe('searchLessons', () => {
	const index = buildLessonIndex([
		{ file: '01-sockets.md', source: lesson('What is a socket?', 'Endpoints, descriptors and the 5-tuple.') },
		{ file: '02-frames.md', source: lesson('Anatomy of a WebSocket frame', 'Bits, lengths and masking.') }
	]).map((l) => ({
		...l,
		headings:
			l.slug === 'frames'
				? [
						{ depth: 2, id: 'masking', text: 'Masking, and why clients do it' },
						{ depth: 2, id: 'close-codes', text: 'Close frames and status codes' }
					]
				: [{ depth: 2, id: 'roles', text: 'Client and server roles' }]
	}));

	it('returns every lesson for an empty query', () => {
		expect(searchLessons(index, '  ')).toHaveLength(2);
	});

	it('matches every word, in titles, descriptions and headings, ignoring case', () => {
		expect(searchLessons(index, 'MASKING').map((m) => m.lesson.slug)).toEqual(['frames']);
		expect(searchLessons(index, 'client roles').map((m) => m.lesson.slug)).toEqual(['sockets']);
		expect(searchLessons(index, 'client nonsense')).toEqual([]);
	});

	it('returns the sections whose headings match, to link to them', () => {
		const [hit] = searchLessons(index, 'status codes');
		expect(hit.sections.map((s) => s.id)).toEqual(['close-codes']);
	});
});
