/**
 * The files behind incremental search updates (src/lib/search-delta.ts): the record
 * the build keeps, in Astro's cache folder, of the main index's pages; the page ids
 * read back from a written index; and the site's search module in the output.
 * Used by the search-index integration and, for large sites indexed in parts, by
 * scripts/build.ts.
 */
import { createHash } from 'node:crypto';
import { existsSync, promises as fs, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { constants as zlibConstants, gunzipSync } from 'node:zlib';
import { pageIdsByUrl, renderSearchModule, SEARCH_DELTA_DIR, SEARCH_MODULE_DIR, type SearchModuleOptions } from '../lib/search-delta.ts';
import { pagefindBundleDir } from '../lib/shards.ts';

/** What the build keeps about the search index of an output folder. */
export interface SearchRecord {
	/** The output folder. */
	outDir: string;
	/** Fingerprint of the main index's entry file, so an index written by other means is noticed. */
	mainEntry: string;
	/** Bundles (folders of the output) the main index is split into: 1, or the parts of a large site's. */
	mainParts: number;
	/** Set when those parts are split by date (src/lib/search-parts.ts): the dates at which they begin. */
	boundaries?: string[];
	/** Searchable pages in the main index: URL → digest of their searchable part. */
	main: Record<string, string>;
	/** Searchable pages after the last build, the same way. */
	pages: Record<string, string>;
	/** Pagefind page ids of the main index by URL, once an incremental build needed them. */
	ids?: Record<string, string>;
}

/** The record's file in a cache folder. */
export const searchRecordFile = (cacheDir: string): string => path.join(cacheDir, 'broadsheet-search.json');

/**
 * Marker left in the cache folder by an incremental build of a site indexed in parts when
 * too much changed for a delta index: scripts/build.ts then indexes the parts again.
 */
export const searchRewriteMarker = (cacheDir: string): string => path.join(cacheDir, 'broadsheet-search-rewrite');

/** A fingerprint of the main index's entry file ('' when missing). */
async function describeMainIndex(outDir: string): Promise<string> {
	const entry = await fs.readFile(path.join(outDir, 'pagefind', 'pagefind-entry.json')).catch(() => null);
	return entry ? createHash('sha1').update(entry).digest('hex') : '';
}

/** The last build's search record for `outDir`, if its main index is still the one recorded. */
export async function readSearchRecord(cacheDir: string, outDir: string): Promise<SearchRecord | undefined> {
	const record = JSON.parse(await fs.readFile(searchRecordFile(cacheDir), 'utf8').catch(() => 'null')) as SearchRecord | null;
	// Astro's config gives the folder with a trailing slash, scripts/build.ts without.
	if (!record || record.outDir !== path.resolve(outDir)) return undefined;
	return record.mainEntry === (await describeMainIndex(outDir)) ? record : undefined;
}

/** Records the search index just written (or updated) in `outDir`. */
export async function writeSearchRecord(cacheDir: string, outDir: string, record: Omit<SearchRecord, 'outDir' | 'mainEntry'>): Promise<void> {
	await fs.mkdir(cacheDir, { recursive: true });
	await fs.writeFile(searchRecordFile(cacheDir), JSON.stringify({ outDir: path.resolve(outDir), mainEntry: await describeMainIndex(outDir), ...record }));
}

/** Pagefind page ids by URL of the index in `bundleDir`. */
export function readPageIds(bundleDir: string): Map<string, string> {
	const dir = path.join(bundleDir, 'fragment');
	const names = existsSync(dir) ? readdirSync(dir) : [];
	// Synchronous and mostly partial: a single page's fragment starts with its URL, so its first
	// bytes are enough (10,000 fragments: 0.6 s; 0.8 s read whole in turn, 1.3 s read in parallel).
	const fragments = names.map((name) => {
		const compressed = readFileSync(path.join(dir, name));
		const head = gunzipSync(compressed.subarray(0, 512), { finishFlush: zlibConstants.Z_SYNC_FLUSH }).toString('utf8');
		const single = /^pagefind_dcd\{"url":("(?:[^"\\]|\\.)*")/.exec(head);
		return { name, text: single ? `{"url":${single[1]}}` : gunzipSync(compressed).toString('utf8') };
	});
	return pageIdsByUrl(fragments);
}

/** Page ids by URL over every bundle of a main index in `parts`. */
export function readMainPageIds(outDir: string, parts: number): Record<string, string> {
	const ids: Record<string, string> = {};
	for (let part = 1; part <= parts; part++) for (const [url, id] of readPageIds(path.join(outDir, pagefindBundleDir(part)))) ids[url] = id;
	return ids;
}

/** Writes the site's search module (see src/lib/search-delta.ts); without a delta, removes any earlier delta index. */
export async function writeSearchModule(outDir: string, options: SearchModuleOptions): Promise<void> {
	if (!options.delta) await fs.rm(path.join(outDir, SEARCH_DELTA_DIR), { recursive: true, force: true });
	await fs.mkdir(path.join(outDir, SEARCH_MODULE_DIR), { recursive: true });
	await fs.writeFile(path.join(outDir, SEARCH_MODULE_DIR, 'pagefind.js'), renderSearchModule(options));
}
