import rss from '@astrojs/rss';
import type { APIContext } from 'astro';
import { getCollection } from 'astro:content';
import { sortNewestFirst } from '../lib/article-order.ts';
import { siteDescription, siteTitle } from '../lib/site-config.ts';
import { articleUrl } from '../lib/urls.ts';

/** The site feed: the 50 newest articles. */
export async function GET(context: APIContext) {
	const articles = sortNewestFirst((await getCollection('articles')).map((e) => e.data)).slice(0, 50);
	return rss({
		title: siteTitle,
		description: siteDescription,
		site: context.site ?? 'http://localhost:4321',
		items: articles.map((a) => ({
			title: a.title,
			description: a.summary,
			link: articleUrl(a.slug),
			pubDate: a.date ? new Date(`${a.date}T00:00:00Z`) : undefined,
		})),
	});
}
