/**
 * Blocks of lines → paragraphs. Handles the three ways text arrives:
 * blank-line separated paragraphs, one paragraph per line (single newlines), and
 * newswire text hard-wrapped at ~70 columns, which must be joined back together.
 */

/** Lines up to this long can be hard-wrapped lines; longer ones are whole paragraphs. */
const MAX_WRAP_WIDTH = 100;
/** Unwrapped lines shorter than this that end without punctuation may be subheadings, kept as their own paragraph. */
const MIN_CONTINUED_LINE = 40;
const ENDS_SENTENCE = /[.!?…:;"'”’)\]]$/u;
const STARTS_LOWERCASE = /^\p{Ll}/u;
const STARTS_LIST_ITEM = /^(?:[-*•–—]\s|\d{1,3}[.)]\s)/u;
const ENDS_WITH_WORD_HYPHEN = /\p{L}-$/u;

/** How a file's line breaks inside blocks should be read; see {@link detectWrapWidth}. */
export interface WrapInfo {
	/** True when lines inside blocks are hard-wrapped at a fixed width. */
	hardWrapped: boolean;
	/** The wrap width in characters (longest wrapped line), when hard-wrapped. */
	width: number;
}

/**
 * Decides whether the line breaks inside blocks are hard wraps. A block's inner
 * lines (all but its last) have similar lengths under ~100 characters when text was
 * wrapped; one-paragraph-per-line text has long or ragged inner lines.
 */
export function detectWrapWidth(blocks: readonly (readonly string[])[]): WrapInfo {
	const inner: number[] = [];
	let sentenceEnds = 0;
	for (const block of blocks) {
		for (let i = 0; i < block.length - 1; i++) {
			inner.push(block[i]!.length);
			if (ENDS_SENTENCE.test(block[i]!)) sentenceEnds++;
		}
	}
	if (inner.length < 2) return { hardWrapped: false, width: 0 };
	// Wrapped lines mostly stop mid-sentence; one-paragraph-per-line text ends each line with a full stop.
	if (sentenceEnds > inner.length * 0.5) return { hardWrapped: false, width: 0 };
	const short = inner.filter((n) => n <= MAX_WRAP_WIDTH);
	if (short.length < inner.length * 0.8) return { hardWrapped: false, width: 0 };
	const sorted = [...short].sort((a, b) => a - b);
	const median = sorted[sorted.length >> 1]!;
	const width = sorted[sorted.length - 1]!;
	// Wrapped lines fill most of the width; a column of short items (a list, a team sheet) does not.
	if (median < 40 || median < width * 0.6) return { hardWrapped: false, width: 0 };
	return { hardWrapped: true, width };
}

function joinLines(a: string, b: string): string {
	// "well-" + "known": the hyphen was the writer's, the line break the wrapper's.
	return ENDS_WITH_WORD_HYPHEN.test(a) && STARTS_LOWERCASE.test(b) ? a + b : `${a} ${b}`;
}

/**
 * Turns one block (consecutive non-blank lines) into paragraphs.
 * Hard-wrapped: lines are joined, except after a short line that ends a sentence
 * (there was room for the next word, so the break was a paragraph end) or before a list item.
 * Otherwise each line is a paragraph, except a line that stops mid-sentence and
 * continues on the next line (in lower case, or after a line too long to be a subheading).
 */
export function splitBlock(block: readonly string[], wrap: WrapInfo): string[] {
	const paragraphs: string[] = [];
	let current = block[0] ?? '';
	for (let i = 1; i < block.length; i++) {
		const prev = block[i - 1]!;
		const line = block[i]!;
		let join: boolean;
		if (STARTS_LIST_ITEM.test(line)) join = false;
		else if (wrap.hardWrapped) {
			const nextWord = line.split(' ', 1)[0]!.length;
			const hadRoom = prev.length + 1 + nextWord <= wrap.width * 0.85;
			join = !(hadRoom && ENDS_SENTENCE.test(prev));
		} else {
			// A line that stops mid-sentence continues on the next one, unless it is short
			// enough to be a subheading ("What happens next") and the next line starts anew.
			join = !ENDS_SENTENCE.test(prev) && (STARTS_LOWERCASE.test(line) || prev.length >= MIN_CONTINUED_LINE);
		}
		if (join) current = joinLines(current, line);
		else {
			paragraphs.push(current);
			current = line;
		}
	}
	if (current) paragraphs.push(current);
	return paragraphs;
}
