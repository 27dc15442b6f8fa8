/**
 * The meeting point of the search-index integration and its middleware (both run
 * in the build's process). Kept apart so the middleware bundle does not pull in Pagefind.
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

/** Publishes (or, with undefined, withdraws) the session for the middleware. */
export function setSearchIndexSession(session: SearchIndexSession | undefined): void {
	if (session) (globalThis as Record<symbol, unknown>)[STATE] = session;
	else delete (globalThis as Record<symbol, unknown>)[STATE];
}
