/**
 * What a list shows of an article (archive, topic, person, place, organisation and
 * story pages). List pages take only this in their props: less to hold for 150,000
 * pages, and a cache key (src/lib/page-cache-keys.ts) that changes only when the list
 * would look different.
 */
import type { Article } from '../schemas/article.ts';

/** An article as a list shows it. */
export type ArticleCardData = Pick<Article, 'slug' | 'title' | 'summary' | 'date' | 'readingMinutes' | 'source' | 'file'>;

/** The card fields of an article (`file` only orders lists: see src/lib/article-order.ts). */
export function toArticleCard({ slug, title, summary, date, readingMinutes, source, file }: ArticleCardData): ArticleCardData {
	return { slug, title, summary, date, readingMinutes, source, file };
}
