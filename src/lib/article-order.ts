/**
 * The orders readers expect, in one place so every list agrees: newest first
 * (archive, front page, topic and name pages, feeds) or oldest first (a story's
 * timeline). Dated articles come before undated ones.
 *
 * A date is never invented. Articles with the same date, or with none, follow the
 * one sign of arrival every file carries: its name, which scrapers number or
 * time-stamp (`0099.txt`, `0100.txt`, `2024-03-09T10-15.txt`). Names compare
 * naturally (`file10` after `file9`, case ignored), by character code, so the order
 * is the same on every machine and in every locale. The slug settles what is left.
 */
import naturalCompare from 'string-natural-compare';
import type { Article } from '../schemas/article.ts';

/** What the orders read of an article. */
export type OrderedArticle = Pick<Article, 'date' | 'file' | 'slug'>;

// toLowerCase (unlike toLocaleLowerCase) is the same in every locale.
const NATURAL = { caseInsensitive: true };

function compareCodes(a: string, b: string): number {
	return a < b ? -1 : a > b ? 1 : 0;
}

/** Natural order of file names (`file9` before `file10`), ignoring case, locale-independent; ties by code. */
export function compareFileNames(a: string, b: string): number {
	return naturalCompare(a, b, NATURAL) || compareCodes(a, b);
}

/** Dated before undated; then `sign` × date order, `sign` × file-name order, and the slug. */
function compareBy(sign: 1 | -1, a: OrderedArticle, b: OrderedArticle): number {
	if (a.date !== b.date) {
		if (a.date === null) return 1;
		if (b.date === null) return -1;
		return sign * compareCodes(a.date, b.date);
	}
	return sign * compareFileNames(a.file, b.file) || compareCodes(a.slug, b.slug);
}

/** Compares two articles for a newest-first list: newest date first, then the highest file name. */
export function compareNewestFirst(a: OrderedArticle, b: OrderedArticle): number {
	return compareBy(-1, a, b);
}

/** Compares two articles for a timeline: oldest date first, then the lowest file name; undated last. */
export function compareOldestFirst(a: OrderedArticle, b: OrderedArticle): number {
	return compareBy(1, a, b);
}

/** A new array, newest first. */
export function sortNewestFirst<T extends OrderedArticle>(articles: readonly T[]): T[] {
	return [...articles].sort(compareNewestFirst);
}

/** {@link undatedOrderNote} for a whole list of articles. */
export function listOrderNote(articles: readonly Pick<Article, 'date'>[], order: 'newest' | 'oldest' = 'newest'): string | null {
	let undated = 0;
	for (const a of articles) if (a.date === null) undated++;
	return undatedOrderNote(undated, articles.length, order);
}

/**
 * The sentence that tells a reader how a list with undated articles is ordered, or
 * null when every article in it is dated (the list's own "newest first" says it all).
 * `undated` and `total` count the whole list, not one page of it.
 */
export function undatedOrderNote(undated: number, total: number, order: 'newest' | 'oldest' = 'newest'): string | null {
	if (undated === 0) return null;
	const byName = order === 'newest' ? 'by file name, highest number first, which usually puts the newest first' : 'by file name, lowest number first, which usually puts the oldest first';
	if (undated === total) return `${total === 1 ? 'This article has' : 'These articles have'} no date, so ${total === 1 ? 'it is' : 'they are'} listed ${byName}.`;
	return `Articles without a date come after the dated ones, listed ${byName}.`;
}
