import rss from '@astrojs/rss';
import type { APIContext } from 'astro';
import { getCollection } from 'astro:content';
import { feedItems } from '../lib/feeds.ts';
import { siteDescription, siteTitle } from '../lib/site-config.ts';

/** The site feed: the 50 newest articles. */
export async function GET(context: APIContext) {
	return rss({
		title: siteTitle,
		description: siteDescription,
		// The channel link is the site's front page, which lives under the base path.
		site: new URL(import.meta.env.BASE_URL, context.site ?? 'http://localhost:4321').href,
		items: feedItems((await getCollection('articles')).map((e) => e.data)),
	});
}
