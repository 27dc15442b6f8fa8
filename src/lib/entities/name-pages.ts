/**
 * Shared rules for name pages (topics, people, places, organisations): URL
 * slugs for names, the minimum number of articles a page needs, and the
 * newest-first article order.
 */
import slugify from '@sindresorhus/slugify';
import { compareNewestFirst, type OrderedArticle } from '../article-order.ts';

/** When name pages need more than one article. */
export interface PageThreshold {
	/** Fewest articles a topic or entity page lists (on large corpora). */
	minArticles?: number;
	/**
	 * Corpora with fewer articles than this get a page for every name, so a
	 * small site (like the one-article default content) still shows its names.
	 */
	largeCorpus?: number;
}

/**
 * Defaults: names need 3 articles once the corpus has 100 or more, as derived
 * topics do: a page that lists two articles adds little to the articles
 * themselves, and a name found twice is more often a misreading (measured on
 * 2,000 real articles: 37% fewer name pages than with 2).
 */
export const DEFAULT_PAGE_THRESHOLD = { minArticles: 3, largeCorpus: 100 } satisfies Required<PageThreshold>;

/** The minimum articles per name page for a corpus of `size` articles. */
export function pageMinimum(size: number, threshold: PageThreshold = {}): number {
	const { minArticles, largeCorpus } = { ...DEFAULT_PAGE_THRESHOLD, ...threshold };
	return size >= largeCorpus ? minArticles : 1;
}

/**
 * Fewest stories a name page's articles come from, where the page minimum applies
 * (large corpora; an article in no story counts as a story of its own). A name found
 * only in one story's coverage (a witness, a spokesman, a ship's name) would get a page
 * listing the very articles the story page lists; its articles link that story instead.
 * Measured on 991 real articles (BBC and ECB+ halves): 659 → 454 name pages.
 */
export const MIN_NAME_STORIES = 2;

/**
 * Whether the articles at `members` (indices into `storyOf`) come from at least
 * `minStories` stories, counting each article outside a story on its own.
 */
export function spansStories(members: readonly number[], storyOf: readonly (string | null)[], minStories = MIN_NAME_STORIES): boolean {
	const seen = new Set<string | number>();
	for (const i of members) {
		seen.add(storyOf[i] ?? i);
		if (seen.size >= minStories) return true;
	}
	return false;
}

/** URL segment for a display name ("Hossein Amirabdollahian" → "hossein-amirabdollahian"). */
export function slugifyName(name: string): string {
	let slug = slugCache.get(name);
	if (slug === undefined) {
		// slugify is slow (transliteration tables); names repeat, so results are cached (bounded).
		slug = slugify(name) || 'name';
		if (slugCache.size >= 200_000) slugCache.clear();
		slugCache.set(name, slug);
	}
	return slug;
}

const slugCache = new Map<string, string>();

/** Rank of each article in newest-first order (lower = newer). */
export function newestFirstRanks(articles: readonly OrderedArticle[]): Int32Array {
	const order = articles.map((_, i) => i).sort((a, b) => compareNewestFirst(articles[a]!, articles[b]!));
	const rank = new Int32Array(articles.length);
	order.forEach((articleIndex, position) => {
		rank[articleIndex] = position;
	});
	return rank;
}

/** Picks the display form used most often (ties: alphabetical), so one spelling wins everywhere. */
export function mostCommonForm(counts: ReadonlyMap<string, number>): string {
	let best = '';
	let bestCount = -1;
	for (const [form, count] of counts) {
		if (count > bestCount || (count === bestCount && form < best)) {
			best = form;
			bestCount = count;
		}
	}
	return best;
}
