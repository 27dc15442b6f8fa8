/**
 * The meeting point of the search-index integration and the page renderer (both run
 * on the build's main thread), kept apart from either.
 */
import { readSearchablePage } from '../lib/search-delta.ts';

/** A page's searchable part as `readSearchablePage` gives it; null when the page has none. */
export type SearchablePart = { digest: string; html: string } | null;

/** The indexing session of the running build. */
export interface SearchIndexSession {
	/**
	 * Hands one rendered page's searchable part to Pagefind; resolves once the page is
	 * queued, applying backpressure. `route` is the page's route pattern (pages arrive
	 * route by route).
	 */
	add(url: string, searchable: SearchablePart, route?: string): Promise<void>;
	/**
	 * Calls `listener` once, if the index is about to be written while pages still render,
	 * and starts the write when the promise it returns settles: Pagefind's write takes
	 * most of the memory it needs, which the listener can free first.
	 */
	onEarlyWrite(listener: () => Promise<unknown> | void): void;
}

const STATE = Symbol.for('broadsheet.searchIndex');

const BOUNDARIES = Symbol.for('broadsheet.searchPartBoundaries');

/**
 * Publishes, from the content loader, the dates at which the search index's parts begin
 * (`chooseSearchPartBoundaries` in src/lib/search-parts.ts): the loader has every
 * article's date before the first page renders, the integration needs them for the first.
 */
export function setSearchPartBoundaries(boundaries: readonly string[]): void {
	(globalThis as Record<symbol, unknown>)[BOUNDARIES] = [...boundaries];
}

/** The boundaries the content loader published for this build (none: one index). */
export function currentSearchPartBoundaries(): string[] {
	return ((globalThis as Record<symbol, unknown>)[BOUNDARIES] as string[] | undefined) ?? [];
}

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
 * a response with the same body. `searchable` is the page's searchable part when the
 * render worker already read it; otherwise it is read here, from the body (which
 * consumes the original response). `base` is the site's base path; the index stores
 * site-relative URLs (as the CLI does) and Pagefind's client adds the base.
 */
export async function indexRenderedPage(url: URL, response: Response, base: string, route: string | undefined, searchable?: SearchablePart): Promise<Response> {
	const session = currentSearchIndexSession();
	if (!session || !response.headers.get('content-type')?.includes('text/html')) return response;
	const prefix = base.replace(/\/?$/, '/');
	const pathname = url.pathname.startsWith(prefix) ? url.pathname.slice(prefix.length - 1) : url.pathname;
	if (searchable !== undefined) {
		await session.add(pathname, searchable, route);
		return response;
	}
	// Keep the bytes: a response made from the decoded string would encode the page again.
	const body = await response.arrayBuffer();
	await session.add(pathname, readSearchablePage(new TextDecoder().decode(body)), route);
	return new Response(body, { status: response.status, statusText: response.statusText, headers: response.headers });
}
