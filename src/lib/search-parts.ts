/**
 * A large site's search index written in parts split by date, so that Pagefind writes
 * them at the same time: Pagefind writes one index on about one core, and it can only
 * start once every article page is in; at 10,000 articles it was the last 15–20 s of a build.
 *
 * Parts by date, not by hash, keep "newest first" exact. Pagefind's `mergeIndex` orders
 * merged results by score, and under a sort a result's score is only its rank within its
 * own index, so merged indexes interleave their newest pages. Each page carries its part
 * as a filter ({@link SEARCH_PART_FILTER}); the site's search module (`renderSearchModule`
 * in `search-delta.ts`) answers a sorted search part by part, newest part first, and hides
 * that filter from readers. Pagefind leaves pages without a date out of sorted results, so
 * undated pages are spread over the parts by a hash of their URL, which keeps the parts even.
 */
import { shardOfSlug } from './shards.ts';

/** Articles from which the search index is split in two parts (measured at 10,000; one index below). */
export const MIN_ARTICLES_TO_SPLIT_SEARCH = 5000;

/** Articles from which to split: `BROADSHEET_SEARCH_SPLIT_FROM`, else {@link MIN_ARTICLES_TO_SPLIT_SEARCH}. */
export function resolveSearchSplitFrom(env: NodeJS.ProcessEnv = process.env): number {
	const from = Number(env.BROADSHEET_SEARCH_SPLIT_FROM);
	return Number.isInteger(from) && from > 0 ? from : MIN_ARTICLES_TO_SPLIT_SEARCH;
}

/** The Pagefind filter that names a page's part: never shown to readers. */
export const SEARCH_PART_FILTER = 'search-part';

/**
 * The dates at which the parts of the index begin, oldest first: empty (one index)
 * below `minArticles`, otherwise the median of the articles' dates (ISO strings,
 * compared as text), so each part holds about half the dated articles; '' when no
 * article has a date (every page is then placed by its URL).
 */
export function chooseSearchPartBoundaries(dates: readonly (string | null | undefined)[], minArticles = MIN_ARTICLES_TO_SPLIT_SEARCH): string[] {
	if (dates.length < minArticles) return [];
	const known = dates.filter((d): d is string => !!d).sort();
	return [known[Math.floor(known.length / 2)] ?? ''];
}

/**
 * The part (1, 2, …) that holds a page: by its sort date when it has one, otherwise by
 * a hash of its URL (sorted results leave it out, so only the parts' balance matters).
 */
export function findSearchPart(url: string, date: string | undefined, boundaries: readonly string[]): number {
	if (date === undefined) return shardOfSlug(url, boundaries.length + 1);
	return 1 + boundaries.filter((boundary) => date >= boundary).length;
}

/** The sort date a searchable page carries (`data-pagefind-sort="date:…"`), if any. */
export function readSortDate(html: string): string | undefined {
	return /data-pagefind-sort="date:([^"]*)"/.exec(html)?.[1] || undefined;
}

/**
 * The searchable page with its part as a filter, inside its `data-pagefind-body`
 * element (Pagefind reads nothing outside it); unchanged when it has no such element.
 */
export function tagSearchPart(html: string, part: number): string {
	const end = endOfOpeningTag(html, html.indexOf('data-pagefind-body'));
	if (end < 0) return html;
	return `${html.slice(0, end + 1)}<span data-pagefind-filter="${SEARCH_PART_FILTER}:${part}"></span>${html.slice(end + 1)}`;
}

/** Where the tag around attribute position `from` ends (its `>`, not one inside a quoted value); -1 if none. */
function endOfOpeningTag(html: string, from: number): number {
	if (from < 0) return -1;
	let quote = '';
	for (let i = from; i < html.length; i++) {
		const c = html[i];
		if (quote) {
			if (c === quote) quote = '';
		} else if (c === '"' || c === "'") quote = c;
		else if (c === '>') return i;
	}
	return -1;
}
