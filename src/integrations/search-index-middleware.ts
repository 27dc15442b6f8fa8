/**
 * Build-time middleware of the search-index integration: passes every rendered
 * HTML page to the Pagefind session, then returns the page unchanged.
 */
import { defineMiddleware } from 'astro:middleware';
import { currentSearchIndexSession } from './search-index-session.ts';

const base = import.meta.env.BASE_URL.replace(/\/?$/, '/');

export const onRequest = defineMiddleware(async (context, next) => {
	const response = await next();
	const session = currentSearchIndexSession();
	if (!session || !context.isPrerendered || !response.headers.get('content-type')?.includes('text/html')) return response;
	const html = await response.text();
	// The index stores site-relative URLs (as the CLI does); Pagefind's client adds the base path.
	const pathname = context.url.pathname.startsWith(base) ? context.url.pathname.slice(base.length - 1) : context.url.pathname;
	await session.add(pathname, html, context.routePattern);
	return new Response(html, { status: response.status, statusText: response.statusText, headers: response.headers });
});
