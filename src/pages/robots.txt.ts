import type { APIContext } from 'astro';
import { withBase } from '../lib/urls.ts';

/** robots.txt: everything may be crawled; the sitemap sits under the base path. */
export function GET(context: APIContext) {
	const sitemap = new URL(withBase('sitemap-index.xml'), context.site ?? 'http://localhost:4321').href;
	return new Response(`User-agent: *\nAllow: /\nDisallow: ${withBase('saved/')}\n\nSitemap: ${sitemap}\n`, {
		headers: { 'content-type': 'text/plain; charset=utf-8' },
	});
}
