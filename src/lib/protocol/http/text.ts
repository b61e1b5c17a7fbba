/**
 * Every sentence the HTTP/1.1 parser says, in one place: the parser finds a problem and its
 * facts (a code, the characters and names involved), and this module words it. Another language
 * would be one more module of the same shape.
 */

/** A character named so a reader can see it, even when it is invisible: `a bare CR (U+000D)`. */
export function describeChar(char: string): string {
	const code = char.charCodeAt(0);
	const hex = `U+${code.toString(16).toUpperCase().padStart(4, '0')}`;
	if (code === 13) return `a bare CR (${hex})`;
	if (code < 0x20 || code === 0x7f) return `the control character ${hex}`;
	return `${JSON.stringify(char)} (${hex})`;
}

/** What `parseHttpMessage` found wrong with a line, with the facts its sentence quotes. */
export type HttpProblem =
	| { code: 'start-line-control'; char: string }
	| { code: 'start-line-whitespace' }
	| { code: 'bad-version'; version: string }
	| { code: 'no-status-code'; found?: string }
	| { code: 'bad-method'; method: string; char: string }
	| { code: 'no-version' }
	| { code: 'no-start-line' }
	| { code: 'bad-start-line'; line: string }
	| { code: 'obs-fold' }
	| { code: 'whitespace-before-headers' }
	| { code: 'no-colon'; line: string }
	| { code: 'empty-name' }
	| { code: 'whitespace-before-colon'; name: string }
	| { code: 'bad-name'; name: string; char: string }
	| { code: 'control-in-value'; name: string; char: string };

/** The stable code of each problem, e.g. `obs-fold`. */
export type HttpProblemCode = HttpProblem['code'];

/** A sentence for a problem the parser found, quoting what it found. */
export function httpProblemText(problem: HttpProblem): string {
	switch (problem.code) {
		case 'start-line-control':
			return `The start line contains ${describeChar(problem.char)}.`;
		case 'start-line-whitespace':
			return 'The start line begins with whitespace.';
		case 'bad-version':
			return `${JSON.stringify(problem.version)} is not an HTTP version like "HTTP/1.1".`;
		case 'no-status-code': {
			const found = problem.found === undefined ? 'nothing' : JSON.stringify(problem.found);
			return `The status line needs a three-digit status code after the version; found ${found}.`;
		}
		case 'bad-method':
			return `The method ${JSON.stringify(problem.method)} contains ${describeChar(problem.char)}.`;
		case 'no-version':
			return 'The request line has no HTTP version; it should end in "HTTP/1.1".';
		case 'no-start-line':
			return 'The message has no start line: it begins with a header field.';
		case 'bad-start-line':
			return (
				`${JSON.stringify(problem.line.slice(0, 60))} is neither a request line ` +
				'("GET / HTTP/1.1") nor a status line ("HTTP/1.1 200 OK").'
			);
		case 'obs-fold':
			return (
				'An obs-fold continuation line (it starts with whitespace); obsolete line folding ' +
				'MUST be rejected or replaced by a space (RFC 9112 §5.2).'
			);
		case 'whitespace-before-headers':
			return (
				'Whitespace between the start line and the first header field; it MUST be rejected ' +
				'or the line ignored (RFC 9112 §2.2).'
			);
		case 'no-colon':
			return (
				`${JSON.stringify(problem.line.slice(0, 60))} has no colon, so it is not a "Name: ` +
				`value" header field.`
			);
		case 'empty-name':
			return 'The header field name is empty.';
		case 'whitespace-before-colon':
			return (
				`Whitespace between the field name ${JSON.stringify(problem.name)} and the colon; a ` +
				'server MUST reject this with 400 (RFC 9112 §5.1).'
			);
		case 'bad-name':
			return (
				`The field name ${JSON.stringify(problem.name)} contains ` +
				`${describeChar(problem.char)}; names are tokens (RFC 9110 §5.1).`
			);
		case 'control-in-value':
			return `The value of ${problem.name} contains ${describeChar(problem.char)} (RFC 9110 §5.5).`;
	}
}
