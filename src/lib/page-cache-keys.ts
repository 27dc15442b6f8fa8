/**
 * Cache keys for Astro's incremental build (`experimental.incrementalBuild`): a page
 * whose key and templates did not change since the last build is not rendered again,
 * its previous file is kept. Every page here renders only its props (and, for
 * articles, the content entry Astro tracks itself), so a digest of the props is a
 * complete key: when a changed article moves into a related list, a topic page or an
 * archive page, those pages' props change and they render again.
 */
import { createHash } from 'node:crypto';

/**
 * Props no page renders, left out of the key. Related-news scores only order the lists,
 * and one new article nudges thousands of them in the fourth decimal (the corpus-wide
 * term weights change): with them in the key, adding one article re-rendered 2,100 of
 * 10,000 article pages whose related lists were unchanged. An entry's `digest` covers
 * the scores too; the rest of the entry is in the key in full.
 */
const UNRENDERED = new Set(['score', 'digest']);

/** A short digest of a page's props: equal props, equal page. */
export function cacheKeyOf(props: unknown): string {
	const json = JSON.stringify(props, (key, value: unknown) => (UNRENDERED.has(key) ? undefined : value)) ?? '';
	return createHash('sha1').update(json).digest('base64url');
}

/** Adds a `cacheKey` (a digest of its props) to every path `getStaticPaths` returns. */
export function withCacheKeys<Path extends { props: unknown }>(paths: readonly Path[]): (Path & { cacheKey: string })[] {
	return paths.map((p) => ({ ...p, cacheKey: cacheKeyOf(p.props) }));
}
