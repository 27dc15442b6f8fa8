/**
 * Cache keys for Astro's incremental build (`experimental.incrementalBuild`): a page
 * whose key and templates did not change since the last build is not rendered again,
 * its previous file is kept. Every page here renders only its props (and, for
 * articles, the content entry Astro tracks itself), so a digest of the props is a
 * complete key: when a changed article moves into a related list, a topic page or an
 * archive page, those pages' props change and they render again. Props should hold
 * only what the page shows, so the key is cheap and changes only when the page would.
 */
import { createHash } from 'node:crypto';

/** A short digest of a page's props (or of what stands for them): equal props, equal page. */
export function cacheKeyOf(props: unknown): string {
	return createHash('sha1').update(JSON.stringify(props) ?? '').digest('base64url');
}

/**
 * Set on `globalThis` by a thread that lists the pages only to render some of them (the
 * page render worker): Astro's thread records the keys, so there they would be digests of
 * every page's props computed for nothing (about 0.5 s at 10,000 articles, while Astro's
 * thread waits for the worker to be ready).
 */
export const RENDER_ONLY_THREAD = Symbol.for('broadsheet.renderOnlyThread');

/**
 * Adds a `cacheKey` to every path `getStaticPaths` returns: the digest of its props, or
 * of `keyOf(props)` when some props hold what the page does not show. Empty in a thread
 * marked {@link RENDER_ONLY_THREAD}.
 */
export function withCacheKeys<Path extends { props: unknown }>(paths: readonly Path[], keyOf: (props: Path['props']) => unknown = (props) => props): (Path & { cacheKey: string })[] {
	if ((globalThis as Record<symbol, unknown>)[RENDER_ONLY_THREAD]) return paths.map((p) => ({ ...p, cacheKey: '' }));
	return paths.map((p) => ({ ...p, cacheKey: cacheKeyOf(keyOf(p.props)) }));
}

/**
 * What stands for an article entry in its page's key: the data and the body, without
 * the related-news scores, which only order the list (the list's order is kept) and
 * which one new article nudges on thousands of pages in the fourth decimal (the
 * corpus-wide term weights change): with them, adding one article re-rendered 2,100 of
 * 10,000 article pages. The entry's digest covers the scores, so it is left out too.
 */
export function articleEntryKey(entry: { id: string; data: { related: readonly { slug: string }[] }; rendered?: { html: string } }): unknown {
	return { id: entry.id, data: { ...entry.data, related: entry.data.related.map((r) => r.slug) }, html: entry.rendered?.html };
}
