/**
 * The meeting point of the search-index integration and the page renderer (both run
 * on the build's main thread), kept apart from either.
 */

/** The indexing session of the running build. */
export interface SearchIndexSession {
	/**
	 * Hands one rendered page to Pagefind; resolves once the page is queued, applying
	 * backpressure. `route` is the page's route pattern (pages arrive route by route).
	 */
	add(url: string, html: string, route?: string): Promise<void>;
}

const STATE = Symbol.for('broadsheet.searchIndex');

/** The session of the running build, if the integration started one. */
export function currentSearchIndexSession(): SearchIndexSession | undefined {
	return (globalThis as Record<symbol, SearchIndexSession | undefined>)[STATE];
}

/** Publishes (or, with undefined, withdraws) the session for the page renderer. */
export function setSearchIndexSession(session: SearchIndexSession | undefined): void {
	if (session) (globalThis as Record<symbol, unknown>)[STATE] = session;
	else delete (globalThis as Record<symbol, unknown>)[STATE];
}

/**
 * Hands a rendered page to the running session (if any, and if it is HTML) and returns
 * a response with the same body, since reading consumed the original. `base` is the
 * site's base path; the index stores site-relative URLs (as the CLI does) and Pagefind's
 * client adds the base.
 */
export async function indexRenderedPage(url: URL, response: Response, base: string, route: string | undefined): Promise<Response> {
	const session = currentSearchIndexSession();
	if (!session || !response.headers.get('content-type')?.includes('text/html')) return response;
	const html = await response.text();
	const prefix = base.replace(/\/?$/, '/');
	const pathname = url.pathname.startsWith(prefix) ? url.pathname.slice(prefix.length - 1) : url.pathname;
	await session.add(pathname, html, route);
	return new Response(html, { status: response.status, statusText: response.statusText, headers: response.headers });
}
