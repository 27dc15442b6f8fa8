/**
 * Text clean-up and counting shared by every parser step.
 */

// Built once: module-level regexes are reused for every article.
const LINE_ENDS = /\r\n?|[\u2028\u2029\u0085]/g;
// Terminal colour codes ("\u001b[31m") that scrapers capture from consoles: the whole sequence goes, not just ESC.
const ANSI_ESCAPE = /\u001B(?:\[[0-?]*[ -/]*[@-~]|[@-Z\\-_])/g;
// C0 and C1 controls except tab and newline, DEL, zero-width spaces/joiners that
// scrapers leave between words, and stray BOMs. Bidi marks stay: RTL text needs them.
const INVISIBLE = /[\u0000-\u0008\u000B-\u001F\u007F-\u0084\u0086-\u009F\u200B\uFEFF\uFFFE\uFFFF]/g;
const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g;
const HORIZONTAL_SPACE = /[\t\u00A0\u1680\u2000-\u200A\u202F\u205F\u3000]/g;
// A comma between digits is a thousands separator: "2,000" is one word, as a reader counts it.
const WORD = /[\p{L}\p{N}\p{M}]+(?:(?:['’.\-]|(?<=[0-9]),(?=[0-9]))[\p{L}\p{N}\p{M}]+)*/gu;

/**
 * Removes a BOM, makes every line end `\n`, drops terminal escape sequences, control and zero-width
 * characters and lone surrogates, turns tabs and odd spaces into spaces, and
 * composes accents (NFC) so equal text compares equal.
 */
export function normalizeText(text: string): string {
	return text
		.replace(LINE_ENDS, '\n')
		.replace(ANSI_ESCAPE, '')
		.replace(INVISIBLE, '')
		.replace(LONE_SURROGATE, '\uFFFD')
		.replace(HORIZONTAL_SPACE, ' ')
		.normalize('NFC');
}

/** Collapses runs of spaces inside a line and trims it. */
export function tidyLine(line: string): string {
	return line.replace(/ {2,}/g, ' ').trim();
}

/** Words the way a reader counts them: runs of letters, digits and marks, with inner apostrophes, dots and hyphens, and commas between digits. */
export function extractWords(text: string): string[] {
	return text.match(WORD) ?? [];
}

const WORD_CHAR = /[\p{L}\p{N}\p{M}]/u;
// Per UTF-16 code unit: 0 unknown, 1 word character, 2 not. Filled lazily, so the
// Unicode-property regex runs once per distinct character instead of once per character.
const wordCharTable = new Uint8Array(65536);

/** Letter, digit or mark (surrogates count, so emoji and astral CJK are word characters). */
export function isWordChar(code: number): boolean {
	if (code < 128) return (code >= 97 && code <= 122) || (code >= 65 && code <= 90) || (code >= 48 && code <= 57);
	let known = wordCharTable[code]!;
	if (known === 0) {
		known = WORD_CHAR.test(String.fromCharCode(code)) || (code >= 0xd800 && code <= 0xdfff) ? 1 : 2;
		wordCharTable[code] = known;
	}
	return known === 1;
}

function isDigit(code: number): boolean {
	return code >= 48 && code <= 57;
}

function isJoiner(code: number): boolean {
	return code === 39 || code === 0x2019 || code === 46 || code === 45; // ' ’ . -
}

/**
 * Number of {@link extractWords} in `text`, counted with a character loop: the
 * Unicode-property regex was the parser's hottest spot. CJK text without spaces
 * counts as one word per run (a known under-count). Astral characters (emoji, rare
 * CJK) count as word characters, a harmless over-approximation.
 */
export function countWords(text: string): number {
	let n = 0;
	let inWord = false;
	for (let i = 0; i < text.length; i++) {
		const code = text.charCodeAt(i);
		if (isWordChar(code)) {
			if (!inWord) n++;
			inWord = true;
		} else if (inWord && i + 1 < text.length && (isJoiner(code) ? isWordChar(text.charCodeAt(i + 1)) : code === 44 && isDigit(text.charCodeAt(i - 1)) && isDigit(text.charCodeAt(i + 1)))) {
			// "don't", "U.S.", "well-known", "2,000": one word
		} else inWord = false;
	}
	return n;
}

/** Builds the lede used in lists and meta descriptions: the first paragraph, cut at a sentence near `max` characters. */
export function summarize(paragraphs: readonly string[], max = 300): string {
	const first = paragraphs[0] ?? '';
	if (first.length <= max) return first;
	const cut = first.slice(0, max);
	const sentenceEnd = Math.max(cut.lastIndexOf('. '), cut.lastIndexOf('? '), cut.lastIndexOf('! '));
	if (sentenceEnd > max / 2) return cut.slice(0, sentenceEnd + 1);
	const space = cut.lastIndexOf(' ');
	return `${(space > max / 2 ? cut.slice(0, space) : cut).trimEnd()}…`;
}

/** Reading time in whole minutes, at least 1. */
export function estimateReadingMinutes(wordCount: number, wordsPerMinute = 230): number {
	return Math.max(1, Math.round(wordCount / wordsPerMinute));
}

/** Case-, accent-, punctuation- and space-insensitive form of a line, for "is this the same headline" tests. */
export function normalizeForCompare(text: string): string {
	return text
		.normalize('NFKD')
		.toLowerCase()
		.replace(/[\u0300-\u036f]/g, '')
		.replace(/[^\p{L}\p{N}]+/gu, ' ')
		.trim();
}
