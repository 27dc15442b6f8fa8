/**
 * Builds the Pagefind search index while Astro renders, instead of re-reading
 * `dist/` afterwards: the page renderer (page-renderer.ts) hands each rendered HTML page to Pagefind's
 * indexing service (a separate process, so it works on the second core while
 * Astro renders on the first). The pages go in as HTML, exactly as the CLI would
 * read them, so `data-pagefind-body`, filters, sort, meta and sub-results behave
 * the same. Pages the renderer did not hand over (kept by an incremental build, or
 * written by other integrations) are read from disk at the end.
 *
 * A large site's index is written in two parts split by date, both at once
 * (src/lib/search-parts.ts): Pagefind writes one index on about one core.
 *
 * After a content-only change (an incremental build, see src/lib/build-mode.ts) only
 * the pages whose searchable part changed are indexed, into a small second index the
 * site's search module merges (src/lib/search-delta.ts).
 */
import type { AstroIntegration } from 'astro';
import { promises as fs } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import * as pagefind from 'pagefind';
import { resolveBuildMode } from '../lib/build-mode.ts';
import { planSearchUpdate, readSearchablePage, SEARCH_DELTA_DIR } from '../lib/search-delta.ts';
import { findSearchPart, readSortDate, tagSearchPart } from '../lib/search-parts.ts';
import { pagefindBundleDir, resolveShard } from '../lib/shards.ts';
import { currentSearchPartBoundaries, type SearchIndexSession, setSearchIndexSession } from './search-index-session.ts';
import { readMainPageIds, readPageIds, readSearchRecord, searchRewriteMarker, type SearchRecord, writeSearchModule, writeSearchRecord } from './search-record.ts';

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
	/** Called before the index is first written while pages render. */
	earlyWriteListeners: (() => Promise<unknown> | void)[];
}

/**
 * Where pages are sent: the main index, in one part or several split by date (see
 * src/lib/search-parts.ts), or a delta index.
 */
interface IndexTarget {
	/** One Pagefind index per part, oldest part first; one for a delta or an index not split. */
	indexes: pagefind.PagefindIndex[];
	/** Dates at which the main index's parts begin (none: one part); pages are tagged with their part. */
	boundaries: string[];
}

/** Pages in flight to the service before the renderer waits: bounds memory at 100k pages. */
const MAX_IN_FLIGHT = 128;

/** Opens one index per part of the main index (parts begin at `boundaries`), in one Pagefind service. */
async function openMainIndex(boundaries: readonly string[]): Promise<IndexTarget> {
	const indexes = await Promise.all(Array.from({ length: boundaries.length + 1 }, (_, i) => createPagefindIndex(`part ${i + 1} of the search index`)));
	return { indexes, boundaries: [...boundaries] };
}

/**
 * Allocator settings for Pagefind's indexing service, which is linked with jemalloc and reads
 * them from `_RJEM_MALLOC_CONF`: keep freed memory instead of handing it back to the system
 * (the service exits after the build anyway), and back it with huge pages where the system
 * allows. Handing memory back and faulting it in again was about a fifth of the service's
 * CPU (measured apart); at 10,000 articles the index was written in 12.5–15.5 s instead
 * of 18.8–28.4 s, for about 0.05–0.1 GB more at peak (docs/benchmarks.md, fourteenth session).
 */
export const PAGEFIND_ALLOCATOR_SETTINGS = 'thp:always,metadata_thp:always,dirty_decay_ms:-1,muzzy_decay_ms:-1';

/** Starts a Pagefind indexing service (`what` names it in the error). */
export async function createPagefindIndex(what = 'the search index'): Promise<pagefind.PagefindIndex> {
	// The service is a child process and inherits the environment; a setting of the user's own wins.
	process.env._RJEM_MALLOC_CONF ??= PAGEFIND_ALLOCATOR_SETTINGS;
	const created = await pagefind.createIndex({});
	if (!created.index) throw new Error(`Pagefind could not start for ${what}: ${created.errors.join('; ')}`);
	return created.index;
}

/** Site-relative URL of an output file, as the Pagefind CLI derives it (`a/b/index.html` → `/a/b/`). */
export function urlOfOutputFile(relativePath: string): string {
	const url = '/' + relativePath.split(path.sep).join('/');
	return url.endsWith('/index.html') ? url.slice(0, -'index.html'.length) : url;
}

/**
 * The Astro integration. `enabled: false` leaves indexing to the Pagefind CLI;
 * `deltaOnly: true` (a large site indexed in parts by scripts/build.ts) only updates
 * search after a content-only change, through the delta index.
 */
export function searchIndex(options: { enabled?: boolean; deltaOnly?: boolean } = {}): AstroIntegration {
	let index: IndexTarget | undefined;
	let state: SessionState | undefined;
	let outDir = '';
	let cacheDir = '';

	/**
	 * Sends one page to Pagefind, after any write in progress (the index must not change
	 * mid-write): `content` as {@link readPageForIndex} gives it. A split index gets the
	 * page in the part of its date, tagged with that part.
	 */
	async function send(session: SessionState, target: IndexTarget, url: string, content: string): Promise<void> {
		await session.write;
		session.bodies++;
		session.sentSinceWrite++;
		const part = target.boundaries.length ? findSearchPart(url, readSortDate(content), target.boundaries) : 1;
		const partIndex = target.indexes[Math.min(part, target.indexes.length) - 1]!;
		const job = partIndex.addHTMLFile({ url, content: target.boundaries.length ? tagSearchPart(content, part) : content }).then((r) => {
			session.errors.push(...r.errors);
		});
		session.pending.add(job);
		void job.finally(() => session.pending.delete(job));
		while (session.pending.size > MAX_IN_FLIGHT) await Promise.race(session.pending);
	}

	/**
	 * Writes the index of every page sent so far, replacing an earlier write, once `after`
	 * (if given) has settled: each part of the main index to its bundle (`pagefind/`,
	 * `pagefind-shard-2/`…), all at once; or, given `bundle` (a folder of the output), the one index there.
	 */
	function startWrite(session: SessionState, target: IndexTarget, bundle?: string, after?: Promise<unknown>): void {
		session.sentSinceWrite = 0;
		session.write = (async () => {
			await Promise.all(session.pending);
			await after?.catch(() => undefined);
			const started = performance.now();
			const outputs = bundle ? [bundle] : target.indexes.map((_, i) => pagefindBundleDir(i + 1));
			// A main index that had one more part before (an incremental build whose site fell under the
			// split threshold) would leave that part behind, unmerged.
			if (!bundle) await fs.rm(path.join(outDir, pagefindBundleDir(target.indexes.length + 1)), { recursive: true, force: true });
			const written = await Promise.all(
				outputs.map(async (folder, i) => {
					const outputPath = path.join(outDir, folder);
					// A second write would leave the first one's differently hashed files behind.
					await fs.rm(outputPath, { recursive: true, force: true });
					return target.indexes[i]!.writeFiles({ outputPath });
				}),
			);
			for (const { errors } of written) session.errors.push(...errors);
			session.writeMs = performance.now() - started;
		})();
		// Failures surface when build:done awaits the write; do not let them go unhandled before.
		session.write.catch(() => {});
	}

	/**
	 * Reads an output page back (pages the renderer did not hand over), as Pagefind is sent
	 * it: head and searchable element only, the same index for less parsing (see readSearchablePage).
	 */
	const readPageForIndex = async (url: string) => {
		const html = await fs.readFile(path.join(outDir, url.endsWith('/') ? `${url}index.html` : url), 'utf8');
		return readSearchablePage(html)?.html ?? html;
	};

	/** Writes the search record after a build. */
	const saveRecord = (record: Omit<SearchRecord, 'outDir' | 'mainEntry'>) => writeSearchRecord(cacheDir, outDir, record);

	/** After the main index was written from every searchable page: no delta, and those pages on record. */
	async function recordMainIndex(session: SessionState, target: IndexTarget): Promise<void> {
		await writeSearchModule(outDir, { delta: false, staleIds: [], dateParts: target.indexes.length });
		const pages = Object.fromEntries(session.digests);
		await saveRecord({ mainParts: target.indexes.length, boundaries: target.boundaries, main: pages, pages });
	}

	return {
		name: 'broadsheet-search-index',
		hooks: {
			'astro:config:done': ({ config }) => {
				outDir = fileURLToPath(config.outDir);
				cacheDir = fileURLToPath(config.cacheDir);
			},
			'astro:build:start': async () => {
				if (options.enabled === false) return;
				// A sharded build's index is merged with the others' when assembled: always whole.
				const previous = resolveBuildMode() === 'incremental' && !resolveShard() ? await readSearchRecord(cacheDir, outDir) : undefined;
				await fs.rm(searchRewriteMarker(cacheDir), { force: true });
				// Indexed in parts after the build, unless this is an update of an index on record.
				if (options.deltaOnly && !previous) return;
				// An update of an index on record sends its pages to one delta index, tagged with their recorded parts.
				// A shard's index is one of the parts the assembled site merges (scripts/assemble-shards.ts): never split.
				const target: IndexTarget = previous
					? { indexes: [await createPagefindIndex()], boundaries: previous.boundaries ?? [] }
					: await openMainIndex(resolveShard() ? [] : currentSearchPartBoundaries());
				index = target;
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
					earlyWriteListeners: [],
					onEarlyWrite(listener) {
						session.earlyWriteListeners.push(listener);
					},
					async add(url, searchable, route) {
						if (session.seen.has(url)) return;
						session.seen.add(url);
						if (searchable) session.digests.set(url, searchable.digest);
						if (session.previous) {
							// Incremental: only pages whose searchable part differs from the main index's.
							if (searchable && session.previous.main[url] !== searchable.digest) await send(session, target, url, searchable.html);
							return;
						}
						// Astro renders route by route. Once a route that produced searchable pages is
						// done, write the index while the remaining (list) pages render on the other
						// core; a searchable page arriving later makes build:done write it again.
						if (route !== session.lastRoute && session.sentSinceWrite > 0 && !session.write) {
							startWrite(session, target, undefined, Promise.all(session.earlyWriteListeners.splice(0).map((listener) => listener())));
						}
						session.lastRoute = route;
						// Once any page has data-pagefind-body, Pagefind ignores pages without it: do not
						// send those (half the pages of a large site), unless no page has it at all (see build:done).
						if (!searchable) {
							session.skipped.push(url);
							return;
						}
						await send(session, target, url, searchable.html);
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
							if (previous.main[url] !== digest) await send(state, index, url, await readPageForIndex(url));
							continue;
						}
						await state.add(url, readSearchablePage(await fs.readFile(path.join(outDir, entry), 'utf8')));
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
						for (const url of state.skipped.splice(0)) await send(state, index, url, await readPageForIndex(url));
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
					await recordMainIndex(state, index);
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
	async function writeDelta(session: SessionState, target: IndexTarget, previous: SearchRecord): Promise<string> {
		const plan = planSearchUpdate(previous.main, session.digests);
		await Promise.all(session.pending);
		if (plan.rewriteMain && options.deltaOnly) {
			// Too large to index in this process: scripts/build.ts indexes the parts again.
			await fs.writeFile(searchRewriteMarker(cacheDir), '');
			return `search: ${plan.changed.length + plan.removed.length} pages differed from the main index; it is written again after the build`;
		}
		if (plan.rewriteMain) {
			// Start again with every searchable page, into the main index.
			await pagefind.close();
			const rewrite = (index = await openMainIndex(currentSearchPartBoundaries()));
			for (const url of session.digests.keys()) await send(session, rewrite, url, await readPageForIndex(url));
			startWrite(session, rewrite);
			await session.write;
			await recordMainIndex(session, rewrite);
			return `search: ${plan.changed.length + plan.removed.length} pages differed from the main index; wrote it again (${session.digests.size} pages)`;
		}
		const delta = plan.changed.length > 0;
		if (delta) {
			startWrite(session, target, SEARCH_DELTA_DIR);
			await session.write;
		}
		let staleIds: string[] = [];
		let ids = previous.ids;
		if (delta || plan.removed.length > 0) {
			ids ??= readMainPageIds(outDir, previous.mainParts);
			// A page whose new entry is identical keeps its id: it must not be dropped.
			const fresh = new Set(delta ? readPageIds(path.join(outDir, SEARCH_DELTA_DIR)).values() : []);
			staleIds = [...plan.changed, ...plan.removed].map((url) => ids![url]).filter((id): id is string => !!id && !fresh.has(id));
		}
		await writeSearchModule(outDir, { delta, staleIds, dateParts: previous.boundaries?.length ? previous.mainParts : 1 });
		await saveRecord({ mainParts: previous.mainParts, boundaries: previous.boundaries, main: previous.main, pages: Object.fromEntries(session.digests), ids });
		return `search: ${plan.changed.length} changed and ${plan.removed.length} removed pages since the main index (${Object.keys(previous.main).length} pages); ${delta ? `indexed the changed ones in ${SEARCH_DELTA_DIR}/` : 'no delta index'}`;
	}
}
