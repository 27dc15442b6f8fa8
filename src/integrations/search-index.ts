/**
 * Builds the Pagefind search index while Astro renders, instead of re-reading
 * `dist/` afterwards: a middleware hands each rendered HTML page to Pagefind's
 * indexing service (a separate process, so it works on the second core while
 * Astro renders on the first). The pages go in as HTML, exactly as the CLI would
 * read them, so `data-pagefind-body`, filters, sort, meta and sub-results behave
 * the same. Pages the middleware did not see (kept by an incremental build, or
 * written by other integrations) are read from disk at the end.
 *
 * After a content-only change (an incremental build, see src/lib/build-mode.ts) only
 * the pages whose searchable part changed are indexed, into a small second index the
 * site's search module merges (src/lib/search-delta.ts).
 */
import type { AstroIntegration } from 'astro';
import { createHash } from 'node:crypto';
import { existsSync, promises as fs, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { constants as zlibConstants, gunzipSync } from 'node:zlib';
import * as pagefind from 'pagefind';
import { resolveBuildMode } from '../lib/build-mode.ts';
import { pageIdsByUrl, planSearchUpdate, renderSearchModule, SEARCH_DELTA_DIR, SEARCH_MODULE_DIR, searchableDigest } from '../lib/search-delta.ts';
import { resolveShard } from '../lib/shards.ts';
import { type SearchIndexSession, setSearchIndexSession } from './search-index-session.ts';

interface SessionState extends SearchIndexSession {
	seen: Set<string>;
	/** Pages not sent because they have no `data-pagefind-body`. */
	skipped: string[];
	/** Pages sent that have one. */
	bodies: number;
	/** Pages sent since the last write of the index started: the written index lacks them. */
	sentSinceWrite: number;
	/** Route of the last page seen. */
	lastRoute: string | undefined;
	/** The write in progress or done, if one started. */
	write: Promise<void> | undefined;
	/** How long the last write took, ms. */
	writeMs: number;
	pending: Set<Promise<unknown>>;
	errors: string[];
	/** Searchable pages of this build: URL → digest of the part Pagefind indexes. */
	digests: Map<string, string>;
	/** Set in an incremental build: the last build's record; only pages differing from its main index are sent. */
	previous: SearchRecord | undefined;
}

/** What the build keeps (in Astro's cache folder) about the search index of an output folder. */
export interface SearchRecord {
	/** The output folder. */
	outDir: string;
	/** Fingerprint of the main index's entry file, so an index written by other means is noticed. */
	mainEntry: string;
	/** Searchable pages in the main index: URL → digest of their searchable part. */
	main: Record<string, string>;
	/** Searchable pages after the last build, the same way. */
	pages: Record<string, string>;
	/** Pagefind page ids of the main index by URL, once an incremental build needed them. */
	ids?: Record<string, string>;
}

/** Name of the record's file in the cache folder. */
const RECORD_FILE = 'broadsheet-search.json';

/** A fingerprint of the main index's entry file ('' when missing). */
async function describeMainIndex(outDir: string): Promise<string> {
	const entry = await fs.readFile(path.join(outDir, 'pagefind', 'pagefind-entry.json')).catch(() => null);
	return entry ? createHash('sha1').update(entry).digest('hex') : '';
}

/** The last build's search record for `outDir`, if its main index is still the one recorded. */
async function readSearchRecord(file: string, outDir: string): Promise<SearchRecord | undefined> {
	const record = JSON.parse(await fs.readFile(file, 'utf8').catch(() => 'null')) as SearchRecord | null;
	if (!record || record.outDir !== outDir) return undefined;
	return record.mainEntry === (await describeMainIndex(outDir)) ? record : undefined;
}

/** Pagefind page ids by URL of the index in `bundleDir`. */
function readPageIds(bundleDir: string): Map<string, string> {
	const dir = path.join(bundleDir, 'fragment');
	const names = existsSync(dir) ? readdirSync(dir) : [];
	// Synchronous and mostly partial: a single page's fragment starts with its URL, so its first
	// bytes are enough (10,000 fragments: 0.8 s read whole in turn, 1.3 s read in parallel).
	const fragments = names.map((name) => {
		const compressed = readFileSync(path.join(dir, name));
		const head = gunzipSync(compressed.subarray(0, 512), { finishFlush: zlibConstants.Z_SYNC_FLUSH }).toString('utf8');
		const single = /^pagefind_dcd\{"url":("(?:[^"\\]|\\.)*")/.exec(head);
		return { name, text: single ? `{"url":${single[1]}}` : gunzipSync(compressed).toString('utf8') };
	});
	return pageIdsByUrl(fragments);
}

/** Writes the site's search module (see src/lib/search-delta.ts); without a delta, removes any earlier delta index. */
export async function writeSearchModule(outDir: string, options: { delta: boolean; staleIds: readonly string[] }): Promise<void> {
	if (!options.delta) await fs.rm(path.join(outDir, SEARCH_DELTA_DIR), { recursive: true, force: true });
	await fs.mkdir(path.join(outDir, SEARCH_MODULE_DIR), { recursive: true });
	await fs.writeFile(path.join(outDir, SEARCH_MODULE_DIR, 'pagefind.js'), renderSearchModule(options));
}

/** Pages in flight to the service before the renderer waits: bounds memory at 100k pages. */
const MAX_IN_FLIGHT = 128;

/** Site-relative URL of an output file, as the Pagefind CLI derives it (`a/b/index.html` → `/a/b/`). */
export function urlOfOutputFile(relativePath: string): string {
	const url = '/' + relativePath.split(path.sep).join('/');
	return url.endsWith('/index.html') ? url.slice(0, -'index.html'.length) : url;
}

/** The Astro integration; `enabled: false` leaves indexing to the Pagefind CLI. */
export function searchIndex(options: { enabled?: boolean } = {}): AstroIntegration {
	let index: pagefind.PagefindIndex | undefined;
	let state: SessionState | undefined;
	let outDir = '';
	let recordFile = '';

	/** Sends one page to the service, after any write in progress (it must not change mid-write). */
	async function send(session: SessionState, service: pagefind.PagefindIndex, url: string, html: string): Promise<void> {
		await session.write;
		session.bodies++;
		session.sentSinceWrite++;
		const job = service.addHTMLFile({ url, content: html }).then((r) => {
			session.errors.push(...r.errors);
		});
		session.pending.add(job);
		void job.finally(() => session.pending.delete(job));
		while (session.pending.size > MAX_IN_FLIGHT) await Promise.race(session.pending);
	}

	/** Writes the index of every page sent so far to `bundle` (a folder of the output), replacing an earlier write. */
	function startWrite(session: SessionState, service: pagefind.PagefindIndex, bundle = 'pagefind'): void {
		session.sentSinceWrite = 0;
		session.write = (async () => {
			await Promise.all(session.pending);
			const started = performance.now();
			const outputPath = path.join(outDir, bundle);
			// A second write would leave the first one's differently hashed files behind.
			await fs.rm(outputPath, { recursive: true, force: true });
			const written = await service.writeFiles({ outputPath });
			session.errors.push(...written.errors);
			session.writeMs = performance.now() - started;
		})();
		// Failures surface when build:done awaits the write; do not let them go unhandled before.
		session.write.catch(() => {});
	}

	/** Reads an output page back (pages the middleware did not see). */
	const readPage = (url: string) => fs.readFile(path.join(outDir, url.endsWith('/') ? `${url}index.html` : url), 'utf8');

	/** Writes the search record after a build. */
	async function saveRecord(record: Omit<SearchRecord, 'outDir' | 'mainEntry'>): Promise<void> {
		await fs.mkdir(path.dirname(recordFile), { recursive: true });
		await fs.writeFile(recordFile, JSON.stringify({ outDir, mainEntry: await describeMainIndex(outDir), ...record }));
	}

	return {
		name: 'broadsheet-search-index',
		hooks: {
			'astro:config:setup': ({ command, addMiddleware }) => {
				if (command !== 'build' || options.enabled === false) return;
				addMiddleware({ entrypoint: new URL('./search-index-middleware.ts', import.meta.url), order: 'post' });
			},
			'astro:config:done': ({ config }) => {
				outDir = fileURLToPath(config.outDir);
				recordFile = path.join(fileURLToPath(config.cacheDir), RECORD_FILE);
			},
			'astro:build:start': async () => {
				if (options.enabled === false) return;
				// A sharded build's index is merged with the others' when assembled: always whole.
				const previous = resolveBuildMode() === 'incremental' && !resolveShard() ? await readSearchRecord(recordFile, outDir) : undefined;
				const created = await pagefind.createIndex({});
				if (!created.index) throw new Error(`Pagefind could not start: ${created.errors.join('; ')}`);
				const service = created.index;
				index = service;
				const session: SessionState = {
					seen: new Set(),
					skipped: [],
					bodies: 0,
					sentSinceWrite: 0,
					lastRoute: undefined,
					write: undefined,
					writeMs: 0,
					pending: new Set(),
					errors: [],
					digests: new Map(),
					previous,
					async add(url, html, route) {
						if (session.seen.has(url)) return;
						session.seen.add(url);
						const digest = searchableDigest(html);
						if (digest) session.digests.set(url, digest);
						if (session.previous) {
							// Incremental: only pages whose searchable part differs from the main index's.
							if (digest && session.previous.main[url] !== digest) await send(session, service, url, html);
							return;
						}
						// Astro renders route by route. Once a route that produced searchable pages is
						// done, write the index while the remaining (list) pages render on the other
						// core; a searchable page arriving later makes build:done write it again.
						if (route !== session.lastRoute && session.sentSinceWrite > 0 && !session.write) startWrite(session, service);
						session.lastRoute = route;
						// Once any page has data-pagefind-body, Pagefind ignores pages without it: do not
						// send those (half the pages of a large site), unless no page has it at all (see build:done).
						if (!digest) {
							session.skipped.push(url);
							return;
						}
						await send(session, service, url, html);
					},
				};
				state = session;
				setSearchIndexSession(session);
			},
			'astro:build:done': async ({ assets, logger }) => {
				if (!index || !state) return;
				try {
					const started = performance.now();
					const previous = state.previous;
					let fromDisk = 0;
					// Every page this build wrote or kept (listing the output folder took 2 s at 10,000 articles).
					const built = [...assets.values()].flat().map((url) => path.relative(outDir, fileURLToPath(url)));
					for (const entry of built) {
						if (!entry.endsWith('.html') || entry.startsWith('pagefind')) continue;
						const url = urlOfOutputFile(entry);
						if (state.seen.has(url)) continue;
						if (previous) {
							// Kept by the incremental build, so unchanged since the last build: its digest is on record.
							state.seen.add(url);
							const digest = previous.pages[url];
							if (!digest) continue;
							state.digests.set(url, digest);
							if (previous.main[url] !== digest) await send(state, index, url, await readPage(url));
							continue;
						}
						await state.add(url, await fs.readFile(path.join(outDir, entry), 'utf8'));
						fromDisk++;
					}
					if (previous) {
						const summary = await writeDelta(state, index, previous);
						console.log(`[timing] pagefind-rest ${Math.round(performance.now() - started)} ms`);
						if (state.errors.length) throw new Error(`Pagefind: ${state.errors.join('; ')}`);
						logger.info(summary);
						return;
					}
					if (state.bodies === 0) {
						// No page marks its body: Pagefind indexes every page, so send the skipped ones after all.
						for (const url of state.skipped.splice(0)) await send(state, index, url, await readPage(url));
					}
					await Promise.all(state.pending);
					await state.write;
					const early = state.write !== undefined;
					if (!early || state.sentSinceWrite > 0) {
						state.write = undefined;
						startWrite(state, index);
						await state.write;
					}
					console.log(`[timing] pagefind-rest ${Math.round(performance.now() - started)} ms`);
					console.log(`[timing] pagefind-write ${Math.round(state.writeMs)} ms`);
					if (state.errors.length) throw new Error(`Pagefind: ${state.errors.join('; ')}`);
					await writeSearchModule(outDir, { delta: false, staleIds: [] });
					const pages = Object.fromEntries(state.digests);
					await saveRecord({ main: pages, pages });
					logger.info(`indexed ${state.bodies || state.seen.size} of ${state.seen.size} pages for search (${fromDisk} read from disk; ${state.skipped.length} without data-pagefind-body not sent; index written ${early ? 'while pages rendered' : 'after rendering'})`);
				} finally {
					setSearchIndexSession(undefined);
					await pagefind.close();
				}
			},
		},
	};

	/**
	 * Incremental build, after every page was seen: writes the delta index of the pages
	 * that differ from the main index (already sent), or the main index again once too
	 * much differs. Returns a line for the build log.
	 */
	async function writeDelta(session: SessionState, service: pagefind.PagefindIndex, previous: SearchRecord): Promise<string> {
		const plan = planSearchUpdate(previous.main, session.digests);
		await Promise.all(session.pending);
		if (plan.rewriteMain) {
			// Start again with every searchable page, into the main index.
			await pagefind.close();
			const created = await pagefind.createIndex({});
			if (!created.index) throw new Error(`Pagefind could not start: ${created.errors.join('; ')}`);
			index = created.index;
			for (const url of session.digests.keys()) await send(session, created.index, url, await readPage(url));
			startWrite(session, created.index);
			await session.write;
			await writeSearchModule(outDir, { delta: false, staleIds: [] });
			const pages = Object.fromEntries(session.digests);
			await saveRecord({ main: pages, pages });
			return `search: ${plan.changed.length + plan.removed.length} pages differed from the main index; wrote it again (${session.digests.size} pages)`;
		}
		const delta = plan.changed.length > 0;
		if (delta) {
			startWrite(session, service, SEARCH_DELTA_DIR);
			await session.write;
		}
		let staleIds: string[] = [];
		let ids = previous.ids;
		if (delta || plan.removed.length > 0) {
			ids ??= Object.fromEntries(readPageIds(path.join(outDir, 'pagefind')));
			// A page whose new entry is identical keeps its id: it must not be dropped.
			const fresh = new Set(delta ? readPageIds(path.join(outDir, SEARCH_DELTA_DIR)).values() : []);
			staleIds = [...plan.changed, ...plan.removed].map((url) => ids![url]).filter((id): id is string => !!id && !fresh.has(id));
		}
		await writeSearchModule(outDir, { delta, staleIds });
		await saveRecord({ main: previous.main, pages: Object.fromEntries(session.digests), ids });
		return `search: ${plan.changed.length} changed and ${plan.removed.length} removed pages since the main index (${Object.keys(previous.main).length} pages); ${delta ? `indexed the changed ones in ${SEARCH_DELTA_DIR}/` : 'no delta index'}`;
	}
}
