/**
 * Builds the Pagefind search index while Astro renders, instead of re-reading
 * `dist/` afterwards: a middleware hands each rendered HTML page to Pagefind's
 * indexing service (a separate process, so it works on the second core while
 * Astro renders on the first). The pages go in as HTML, exactly as the CLI would
 * read them, so `data-pagefind-body`, filters, sort, meta and sub-results behave
 * the same. Pages the middleware did not see (restored by an incremental build,
 * or written by other integrations) are read from disk at the end.
 */
import type { AstroIntegration } from 'astro';
import { promises as fs } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import * as pagefind from 'pagefind';
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
	let outputPath = '';

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

	/** Writes the index of every page sent so far, replacing an earlier write. */
	function startWrite(session: SessionState, service: pagefind.PagefindIndex): void {
		session.sentSinceWrite = 0;
		session.write = (async () => {
			await Promise.all(session.pending);
			const started = performance.now();
			// A second write would leave the first one's differently hashed files behind.
			await fs.rm(outputPath, { recursive: true, force: true });
			const written = await service.writeFiles({ outputPath });
			session.errors.push(...written.errors);
			session.writeMs = performance.now() - started;
		})();
		// Failures surface when build:done awaits the write; do not let them go unhandled before.
		session.write.catch(() => {});
	}
	return {
		name: 'broadsheet-search-index',
		hooks: {
			'astro:config:setup': ({ command, addMiddleware }) => {
				if (command !== 'build' || options.enabled === false) return;
				addMiddleware({ entrypoint: new URL('./search-index-middleware.ts', import.meta.url), order: 'post' });
			},
			'astro:config:done': ({ config }) => {
				outputPath = path.join(fileURLToPath(config.outDir), 'pagefind');
			},
			'astro:build:start': async () => {
				if (options.enabled === false) return;
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
					async add(url, html, route) {
						if (session.seen.has(url)) return;
						session.seen.add(url);
						// Astro renders route by route. Once a route that produced searchable pages is
						// done, write the index while the remaining (list) pages render on the other
						// core; a searchable page arriving later makes build:done write it again.
						if (route !== session.lastRoute && session.sentSinceWrite > 0 && !session.write) startWrite(session, service);
						session.lastRoute = route;
						// Once any page has data-pagefind-body, Pagefind ignores pages without it: do not
						// send those (half the pages of a large site), unless no page has it at all (see build:done).
						if (!html.includes('data-pagefind-body')) {
							session.skipped.push(url);
							return;
						}
						await send(session, service, url, html);
					},
				};
				state = session;
				setSearchIndexSession(session);
			},
			'astro:build:done': async ({ dir, logger }) => {
				if (!index || !state) return;
				try {
					const outDir = fileURLToPath(dir);
					const started = performance.now();
					let fromDisk = 0;
					for (const entry of await fs.readdir(outDir, { recursive: true })) {
						if (!entry.endsWith('.html') || entry.startsWith('pagefind' + path.sep)) continue;
						const url = urlOfOutputFile(entry);
						if (state.seen.has(url)) continue;
						await state.add(url, await fs.readFile(path.join(outDir, entry), 'utf8'));
						fromDisk++;
					}
					if (state.bodies === 0) {
						// No page marks its body: Pagefind indexes every page, so send the skipped ones after all.
						for (const url of state.skipped.splice(0)) {
							const file = url.endsWith('/') ? `${url}index.html` : url;
							await send(state, index, url, await fs.readFile(path.join(outDir, file), 'utf8'));
						}
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
					logger.info(`indexed ${state.bodies || state.seen.size} of ${state.seen.size} pages for search (${fromDisk} read from disk; ${state.skipped.length} without data-pagefind-body not sent; index written ${early ? 'while pages rendered' : 'after rendering'})`);
				} finally {
					setSearchIndexSession(undefined);
					await pagefind.close();
				}
			},
		},
	};
}
