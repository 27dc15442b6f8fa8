/**
 * The order readers expect: newest first; undated articles after dated ones,
 * alphabetically, so the order never depends on the file system.
 */
import type { Article } from '../schemas/article.ts';

/** Compares two articles for a newest-first list. */
export function compareNewestFirst(a: Pick<Article, 'date' | 'title' | 'slug'>, b: Pick<Article, 'date' | 'title' | 'slug'>): number {
	if (a.date !== b.date) {
		if (a.date === null) return 1;
		if (b.date === null) return -1;
		return a.date < b.date ? 1 : -1;
	}
	return a.title.localeCompare(b.title, 'en') || (a.slug < b.slug ? -1 : a.slug > b.slug ? 1 : 0);
}

/** A new array, newest first. */
export function sortNewestFirst<T extends Pick<Article, 'date' | 'title' | 'slug'>>(articles: readonly T[]): T[] {
	return [...articles].sort(compareNewestFirst);
}
