import rss from '@astrojs/rss';
import type { APIContext } from 'astro';
import { getCollection } from 'astro:content';
import { feedItems, topicSlugs } from '../../../lib/feeds.ts';
import { labelFromSlug } from '../../../lib/labels.ts';
import { siteTitle } from '../../../lib/site-config.ts';

/** One feed per topic that has articles. */
export async function getStaticPaths() {
	const articles = (await getCollection('articles')).map((e) => e.data);
	return topicSlugs(articles).map((topic) => ({ params: { topic }, props: { items: feedItems(articles, { topic }) } }));
}

/** A topic's feed: its 50 newest articles. */
export function GET(context: APIContext) {
	const { topic } = context.params as { topic: string };
	const { items } = context.props as { items: ReturnType<typeof feedItems> };
	return rss({
		title: `${labelFromSlug(topic)} · ${siteTitle}`,
		description: `The latest ${labelFromSlug(topic)} articles on ${siteTitle}.`,
		site: context.site ?? 'http://localhost:4321',
		items,
	});
}
