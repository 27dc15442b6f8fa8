/**
 * Text → ParsedArticle. Pure: no file system, no Astro.
 */
import { type BoilerplatePattern, defaultBoilerplate, matchBoilerplate } from './boilerplate.ts';
import type { ParsedArticle } from './types.ts';

/** Options for {@link parseArticle}. */
export interface ParseOptions {
	/** Boilerplate patterns; defaults to the built-in list. */
	boilerplate?: readonly BoilerplatePattern[];
	/** Reading speed used for `readingMinutes`. */
	wordsPerMinute?: number;
}

/** Thrown when a file has no article in it; the message says why. */
export class NotAnArticleError extends Error {}

const WORDS_PER_MINUTE = 230;

/** Removes a BOM, normalises line ends and drops control characters other than newline and tab. */
export function normalizeText(text: string): string {
	return text
		.replace(/^\uFEFF/, '')
		.replace(/\r\n?/g, '\n')
		.replace(/[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F]/g, '');
}

/** Counts words the way a reader would: runs of letters or digits. */
export function countWords(text: string): number {
	return text.match(/[\p{L}\p{N}]+(?:['’.-][\p{L}\p{N}]+)*/gu)?.length ?? 0;
}

/** A headline-like line: short, one line, no sentence-final punctuation. */
function looksLikeHeadline(block: string): boolean {
	if (block.includes('\n')) return false;
	const words = countWords(block);
	return words > 0 && words <= 20 && !/[.!?…]["'”’)]?$/.test(block.trim());
}

/** Builds the lede used in lists and meta descriptions: the first paragraph, cut at a sentence near 300 characters. */
export function summarize(paragraphs: readonly string[], max = 300): string {
	const first = paragraphs[0] ?? '';
	if (first.length <= max) return first;
	const cut = first.slice(0, max);
	const sentenceEnd = Math.max(cut.lastIndexOf('. '), cut.lastIndexOf('? '), cut.lastIndexOf('! '));
	if (sentenceEnd > max / 2) return cut.slice(0, sentenceEnd + 1);
	return `${cut.slice(0, cut.lastIndexOf(' ')).trimEnd()}…`;
}

/**
 * Parses one article's text: the title once, body paragraphs, and the source's
 * related headlines, with site boilerplate removed.
 * @throws NotAnArticleError when no title or no body remains.
 */
export function parseArticle(text: string, options: ParseOptions = {}): ParsedArticle {
	const patterns = options.boilerplate ?? defaultBoilerplate;
	const lines = normalizeText(text).split('\n');

	// Blocks are runs of non-blank lines; furniture lines are dropped but remembered,
	// because a related-header line tells us the headlines above it are the source's.
	const blocks: string[][] = [];
	let current: string[] = [];
	let sawRelatedHeader = false;
	for (const raw of lines) {
		const line = raw.trim();
		const furniture = line ? matchBoilerplate(line, patterns) : undefined;
		if (furniture?.kind === 'related-header') sawRelatedHeader = true;
		if (!line || furniture) {
			if (current.length) blocks.push(current);
			current = [];
			continue;
		}
		current.push(line);
	}
	if (current.length) blocks.push(current);

	const firstBlock = blocks.shift();
	if (!firstBlock) throw new NotAnArticleError('no text: the file is empty or holds only site boilerplate');
	const title = firstBlock.shift()!;
	// Scraped pages print the headline twice.
	if (firstBlock[0] === title) firstBlock.shift();
	if (firstBlock.length) blocks.unshift(firstBlock);
	if (blocks[0]?.length === 1 && blocks[0][0] === title) blocks.shift();

	let paragraphs = blocks.map((b) => b.join(' '));
	const sourceRelated: string[] = [];
	if (sawRelatedHeader) {
		while (paragraphs.length > 1 && looksLikeHeadline(paragraphs.at(-1)!)) {
			sourceRelated.unshift(paragraphs.pop()!);
		}
	}
	paragraphs = paragraphs.filter((p) => p.length > 0);
	if (!paragraphs.length) throw new NotAnArticleError('no body: only a title was found');

	const wordCount = paragraphs.reduce((n, p) => n + countWords(p), 0);
	return {
		title,
		date: null,
		author: null,
		source: null,
		dateline: null,
		summary: summarize(paragraphs),
		paragraphs,
		wordCount,
		readingMinutes: Math.max(1, Math.round(wordCount / (options.wordsPerMinute ?? WORDS_PER_MINUTE))),
		tags: [],
		sourceRelated,
	};
}
