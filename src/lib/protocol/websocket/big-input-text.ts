/**
 * The Frame Decoder's sentences about big inputs and pages (English); the views only place them.
 */
import { groupDigits, plural } from '../bytes/text';

export const bigInputText = {
	/** The line that stands for an input too long to edit comfortably in the text box. */
	summary: (characters: number) =>
		`${plural(characters, 'character')} pasted: too long to show in the text box, so it is kept aside.`,
	edit: 'Edit the text',
	editHint: 'A text box this long can take a few seconds to draw.',
	clear: 'Clear'
};

export const pagerText = {
	/** "Frames 21–40 of 10,000", from the items' name ("frames"). */
	range: (nouns: string, first: number, last: number, total: number) => {
		const name = nouns[0].toUpperCase() + nouns.slice(1);
		return first === last
			? `${name} ${groupDigits(first)} of ${groupDigits(total)}`
			: `${name} ${groupDigits(first)}–${groupDigits(last)} of ${groupDigits(total)}`;
	},
	previous: 'Previous',
	next: 'Next',
	goTo: (noun: string) => `Go to ${noun}`,
	go: 'Go',
	/** The pager's accessible name: "Pages of frames". */
	label: (nouns: string) => `Pages of ${nouns}`
};

export const streamDumpText = {
	found:
		'This looks like Wireshark’s Follow TCP Stream output: both directions of a conversation, not the frames of one side.',
	open: 'Open it as a conversation in the Capture Explorer',
	tooBig: 'It is too big to hand over: paste it into the Capture Explorer instead.'
};

export const previewText = {
	/** Under a long message's payload, when only its start was read for the views. */
	partial: (shown: number, total: number) =>
		`Read for the views: the first ${groupDigits(shown)} of ${plural(total, 'byte')}.`,
	whole: 'Read the whole message'
};
