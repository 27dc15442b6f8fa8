/**
 * The source site's related headlines → articles on this site. Exact match on
 * a normalised headline first (case, accents, quotes and punctuation ignored),
 * then a fuzzy match on word overlap for small wording differences.
 */
import type { SourceRelated } from '../../schemas/article.ts';

/** Normalises a headline for tolerant matching: case, accents, quotes and punctuation ignored. */
export function normalizeHeadline(headline: string): string {
	return headline
		.normalize('NFKD')
		.toLowerCase()
		.replace(/[\u0300-\u036f]/g, '')
		.replace(/['’‘`]/g, '')
		.replace(/[^\p{L}\p{N}]+/gu, ' ')
		.trim();
}

/** Tuning for {@link createHeadlineResolver}. */
export interface ResolveOptions {
	/** Lowest Dice overlap of headline words accepted as "the same headline, reworded". */
	minOverlap?: number;
}

/** Finds this site's article for a printed headline; `self` is never returned. */
export type HeadlineResolver = (headline: string, self?: string) => string | null;

/**
 * Indexes the site's headlines once and returns a resolver. Ties go to the
 * alphabetically first slug, so the result never depends on input order.
 */
export function createHeadlineResolver(articles: readonly { slug: string; title: string }[], options: ResolveOptions = {}): HeadlineResolver {
	const { minOverlap = 0.75 } = options;
	const sorted = [...articles].sort((a, b) => (a.slug < b.slug ? -1 : a.slug > b.slug ? 1 : 0));
	const exact = new Map<string, string[]>();
	const words: string[][] = [];
	const postings = new Map<string, number[]>();
	sorted.forEach((article, i) => {
		const key = normalizeHeadline(article.title);
		exact.set(key, [...(exact.get(key) ?? []), article.slug]);
		const unique = [...new Set(key.split(' ').filter(Boolean))];
		words.push(unique);
		for (const w of unique) {
			let list = postings.get(w);
			if (!list) postings.set(w, (list = []));
			list.push(i);
		}
	});

	return (headline, self) => {
		const key = normalizeHeadline(headline);
		const hit = exact.get(key)?.find((slug) => slug !== self);
		if (hit) return hit;
		const mine = [...new Set(key.split(' ').filter(Boolean))];
		if (mine.length === 0) return null;
		// Candidates share at least one of the headline's two rarest words, which
		// any headline with ≥ 75 % overlap must do; that keeps the scan short.
		const rarest = [...mine].sort((a, b) => (postings.get(a)?.length ?? 0) - (postings.get(b)?.length ?? 0) || (a < b ? -1 : 1)).slice(0, 2);
		const candidates = new Set<number>();
		for (const w of rarest) for (const i of postings.get(w) ?? []) candidates.add(i);
		const mineSet = new Set(mine);
		let best = -1;
		let bestScore = minOverlap;
		for (const i of [...candidates].sort((a, b) => a - b)) {
			if (sorted[i]!.slug === self) continue;
			let shared = 0;
			for (const w of words[i]!) if (mineSet.has(w)) shared++;
			const score = (2 * shared) / (mine.length + words[i]!.length);
			if (score > bestScore || (score === bestScore && best < 0)) {
				best = i;
				bestScore = score;
			}
		}
		return best >= 0 ? sorted[best]!.slug : null;
	};
}

/** Resolves one article's printed related headlines (order kept). */
export function resolveSourceRelated(headlines: readonly string[], resolve: HeadlineResolver, self?: string): SourceRelated[] {
	return headlines.map((headline) => ({ headline, slug: resolve(headline, self) }));
}
