/**
 * RSS items for the site feed and the per-topic feeds, newest first.
 */
import type { Article } from '../schemas/article.ts';
import { sortNewestFirst } from './article-order.ts';
import { articleUrl } from './urls.ts';

/** How many items a feed carries. */
export const FEED_SIZE = 50;

/** One feed item, in the shape `@astrojs/rss` takes. */
export interface FeedItem {
	title: string;
	description: string;
	link: string;
	pubDate?: Date;
	categories?: string[];
	author?: string;
}

/** The newest `size` articles (optionally only those with `topic`) as feed items. */
export function feedItems(
	articles: readonly Pick<Article, 'slug' | 'title' | 'summary' | 'date' | 'topics' | 'author' | 'file'>[],
	options: { topic?: string; size?: number; base?: string } = {},
): FeedItem[] {
	const { topic, size = FEED_SIZE, base } = options;
	const chosen = topic ? articles.filter((a) => a.topics.includes(topic)) : articles;
	return sortNewestFirst(chosen).slice(0, size).map((a) => ({
		title: a.title,
		description: a.summary,
		link: articleUrl(a.slug, base),
		...(a.date ? { pubDate: new Date(`${a.date}T00:00:00Z`) } : {}),
		...(a.topics.length ? { categories: a.topics } : {}),
	}));
}

/**
 * Feed items for every topic at once, grouping articles in one pass (a large
 * site has thousands of topics; filtering the whole corpus per topic would not scale).
 */
export function topicFeeds(
	articles: readonly Pick<Article, 'slug' | 'title' | 'summary' | 'date' | 'topics' | 'author' | 'file'>[],
	options: { size?: number; base?: string } = {},
): Map<string, FeedItem[]> {
	const byTopic = new Map<string, (typeof articles)[number][]>();
	for (const a of articles) {
		for (const t of new Set(a.topics)) {
			if (!byTopic.has(t)) byTopic.set(t, []);
			byTopic.get(t)!.push(a);
		}
	}
	const out = new Map<string, FeedItem[]>();
	for (const t of [...byTopic.keys()].sort()) out.set(t, feedItems(byTopic.get(t)!, options));
	return out;
}

/** Every topic slug used by at least one article, sorted. */
export function topicSlugs(articles: readonly Pick<Article, 'topics'>[]): string[] {
	return [...new Set(articles.flatMap((a) => a.topics))].sort();
}
