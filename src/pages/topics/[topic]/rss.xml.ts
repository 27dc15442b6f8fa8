import rss from '@astrojs/rss';
import type { APIContext } from 'astro';
import { getCollection } from 'astro:content';
import { topicFeeds, type FeedItem } from '../../../lib/feeds.ts';
import { topicLabel } from '../../../lib/labels.ts';
import { siteTitle } from '../../../lib/site-config.ts';
import { withCacheKeys } from '../../../lib/page-cache-keys.ts';

/** One feed per topic that has articles. */
export async function getStaticPaths() {
	const articles = (await getCollection('articles')).map((e) => e.data);
	const names = new Map((await getCollection('topics')).map((t) => [t.data.slug, t.data.name]));
	return withCacheKeys([...topicFeeds(articles)].map(([topic, items]) => ({ params: { topic }, props: { name: topicLabel(topic, names), items } })));
}

/** A topic's feed: its 50 newest articles. */
export function GET(context: APIContext) {
	const { name, items } = context.props as { name: string; items: FeedItem[] };
	return rss({
		title: `${name} · ${siteTitle}`,
		description: `The latest articles on ${name} at ${siteTitle}.`,
		site: context.site ?? 'http://localhost:4321',
		items,
	});
}
