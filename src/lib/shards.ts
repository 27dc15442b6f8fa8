/**
 * Sharded builds, for archives too big for one machine: `npm run build -- --shard i/n`
 * builds the whole corpus model (ingest, related news, stories, topics, entities — all
 * cross-links need every article) but renders and indexes only the article pages whose
 * slug hashes into slice i. Every shard also renders the shared pages (front page,
 * archive, topics, search…), byte-identical in all shards; `npm run assemble-shards`
 * unions the outputs, keeps one copy of each shared file, moves each shard's Pagefind
 * bundle to its own folder and merges the sitemaps. The search page then queries every
 * shard's index at once with Pagefind's `mergeIndex`.
 */
import { createHash } from 'node:crypto';

/** One slice of a sharded build: `index` counts from 1. */
export interface Shard {
	index: number;
	count: number;
}

/** Environment variable that carries the shard from `scripts/build.ts` to the Astro pages. */
export const SHARD_ENV = 'BROADSHEET_SHARD';

/**
 * Parses `i/n` (1 ≤ i ≤ n ≤ 1000).
 * @throws Error saying what a valid value looks like.
 */
export function parseShard(text: string): Shard {
	const match = /^\s*(\d+)\s*\/\s*(\d+)\s*$/.exec(text);
	const index = match ? Number(match[1]) : NaN;
	const count = match ? Number(match[2]) : NaN;
	if (!match || index < 1 || count < 1 || index > count || count > 1000) {
		throw new Error(`--shard "${text}" is not a shard: write i/n with 1 ≤ i ≤ n, e.g. --shard 2/4 for the second of four shards.`);
	}
	return { index, count };
}

/** `i/n`. */
export function formatShard(shard: Shard): string {
	return `${shard.index}/${shard.count}`;
}

/** The shard this build renders (`BROADSHEET_SHARD=i/n`), or null for a whole-site build. */
export function resolveShard(env: NodeJS.ProcessEnv = process.env): Shard | null {
	const value = env[SHARD_ENV]?.trim();
	return value ? parseShard(value) : null;
}

/**
 * Takes `--shard i/n` (or `--shard=i/n`) out of build arguments.
 * @returns the shard (null when absent) and the remaining arguments for `astro build`.
 */
export function takeShardArgument(argv: readonly string[]): { shard: Shard | null; rest: string[] } {
	const rest: string[] = [];
	let shard: Shard | null = null;
	for (let i = 0; i < argv.length; i++) {
		const arg = argv[i]!;
		if (arg === '--shard') {
			const value = argv[++i];
			if (value === undefined) throw new Error('--shard needs a value: --shard i/n, e.g. --shard 1/4.');
			shard = parseShard(value);
		} else if (arg.startsWith('--shard=')) shard = parseShard(arg.slice('--shard='.length));
		else rest.push(arg);
	}
	return { shard, rest };
}

/**
 * Which shard (1…count) an article belongs to: a hash of its slug, so the split is
 * even, independent of file order, and an article stays in its shard as others come and go.
 */
export function shardOfSlug(slug: string, count: number): number {
	const hash = createHash('sha256').update(slug).digest();
	return (hash.readUInt32BE(0) % count) + 1;
}

/** True when `slug`'s page belongs in this build (always, for a whole-site build). */
export function isInShard(slug: string, shard: Shard | null): boolean {
	return shard === null || shardOfSlug(slug, shard.count) === shard.index;
}

/** The folder, relative to the site root, that holds shard (or search part) `index`'s Pagefind bundle once assembled. */
export function pagefindBundleDir(index: number): string {
	return index === 1 ? 'pagefind/' : `pagefind-shard-${index}/`;
}

/**
 * Environment variable that carries, from `scripts/build.ts` to the search page, the
 * number of parts a large whole-site build splits its search index into (see
 * `scripts/build/index-search-in-parts.ts`); unset or 1: one index.
 */
export const SEARCH_PARTS_ENV = 'BROADSHEET_SEARCH_PARTS';

/** The number of search index parts of this build (1 unless {@link SEARCH_PARTS_ENV} says more). */
export function resolveSearchParts(env: NodeJS.ProcessEnv = process.env): number {
	const parts = Number(env[SEARCH_PARTS_ENV] ?? 1);
	return Number.isInteger(parts) && parts > 1 ? parts : 1;
}

/**
 * Which part (1…count) of a split search index holds the page at `url` (site-relative):
 * the same hash as {@link shardOfSlug}, so the parts are even and stable.
 */
export function searchPartOfPage(url: string, count: number): number {
	return shardOfSlug(url, count);
}

/**
 * The bundle paths the search page merges into the first index (`mergeIndex`), with
 * the base path: the other shards' of a sharded build, the other parts' of a split
 * index; empty for one index.
 */
export function mergeIndexPaths(shard: Shard | null, base: string, searchParts = 1): string[] {
	const others = (shard ? shard.count : searchParts) - 1;
	const prefix = base.endsWith('/') ? base : `${base}/`;
	return Array.from({ length: others }, (_, i) => prefix + pagefindBundleDir(i + 2));
}
