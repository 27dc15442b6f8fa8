/**
 * What an article page shows of its related articles. Resolved in `getStaticPaths`
 * rather than in the component, so that a related article's new headline or summary
 * changes the page's props, and with them its incremental-build cache key.
 */
import type { Article, RelatedLink } from '../../schemas/article.ts';

/** A related article as the page lists it. */
export type RelatedItem = Pick<Article, 'slug' | 'title' | 'date' | 'summary'>;

/** The related articles of `related` that exist, best first, with what the page shows of each. */
export function resolveRelatedItems(related: readonly RelatedLink[], bySlug: ReadonlyMap<string, Pick<Article, 'slug' | 'title' | 'date' | 'summary'>>): RelatedItem[] {
	return related.flatMap((r) => {
		const a = bySlug.get(r.slug);
		return a ? [{ slug: a.slug, title: a.title, date: a.date, summary: a.summary }] : [];
	});
}
