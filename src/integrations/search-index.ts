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
	return {
		name: 'broadsheet-search-index',
		hooks: {
			'astro:config:setup': ({ command, addMiddleware }) => {
				if (command !== 'build' || options.enabled === false) return;
				addMiddleware({ entrypoint: new URL('./search-index-middleware.ts', import.meta.url), order: 'post' });
			},
			'astro:build:start': async () => {
				if (options.enabled === false) return;
				const created = await pagefind.createIndex({});
				if (!created.index) throw new Error(`Pagefind could not start: ${created.errors.join('; ')}`);
				index = created.index;
				const session: SessionState = {
					seen: new Set(),
					skipped: [],
					bodies: 0,
					pending: new Set(),
					errors: [],
					async add(url, html) {
						if (session.seen.has(url)) return;
						session.seen.add(url);
						// Once any page has data-pagefind-body, Pagefind ignores pages without it: do not
						// send those (half the pages of a large site), unless no page has it at all (see build:done).
						if (!html.includes('data-pagefind-body')) {
							session.skipped.push(url);
							return;
						}
						session.bodies++;
						const job = index!.addHTMLFile({ url, content: html }).then((r) => {
							session.errors.push(...r.errors);
						});
						session.pending.add(job);
						void job.finally(() => session.pending.delete(job));
						while (session.pending.size > MAX_IN_FLIGHT) await Promise.race(session.pending);
					},
				};
				state = session;
				setSearchIndexSession(session);
			},
			'astro:build:done': async ({ dir, logger }) => {
				if (!index || !state) return;
				try {
					const outDir = fileURLToPath(dir);
					let started = performance.now();
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
						const skipped = state.skipped.splice(0);
						for (const url of skipped) {
							const file = url.endsWith('/') ? `${url}index.html` : url;
							await index.addHTMLFile({ url, content: await fs.readFile(path.join(outDir, file), 'utf8') }).then((r) => state!.errors.push(...r.errors));
						}
					}
					await Promise.all(state.pending);
					console.log(`[timing] pagefind-rest ${Math.round(performance.now() - started)} ms`);
					started = performance.now();
					const written = await index.writeFiles({ outputPath: path.join(outDir, 'pagefind') });
					console.log(`[timing] pagefind-write ${Math.round(performance.now() - started)} ms`);
					const errors = [...state.errors, ...written.errors];
					if (errors.length) throw new Error(`Pagefind: ${errors.join('; ')}`);
					logger.info(`indexed ${state.bodies || state.seen.size} of ${state.seen.size} pages for search (${fromDisk} read from disk; ${state.skipped.length} without data-pagefind-body not sent)`);
				} finally {
					setSearchIndexSession(undefined);
					await pagefind.close();
				}
			},
		},
	};
}
