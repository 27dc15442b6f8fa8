// @ts-check
import sitemap from '@astrojs/sitemap';
import tailwindcss from '@tailwindcss/vite';
import { defineConfig } from 'astro/config';
import { readdirSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import { releaseCorpora, startCorpus } from './src/lib/load-corpus.ts';
import { incrementalBuildsEnabled } from './src/lib/build-mode.ts';
import { chooseRenderThreads, pageRenderer } from './src/integrations/page-renderer.ts';
import { pruneStaleOutput } from './src/integrations/prune-stale-output.ts';
import { searchIndex } from './src/integrations/search-index.ts';
import { skipPageCopies } from './src/integrations/skip-page-copies.ts';
import { contentStoreModule } from './src/integrations/content-store-module.ts';
import { resolveBasePath, resolveContentDir, resolveSiteUrl } from './src/lib/site-config.ts';

/**
 * Content files from which Astro's content store is written in 20 MB chunks. As one
 * file it is a single string, written and read whole, and must stay under V8's largest
 * string (~512 MB); it measured 323 MB for 100,000 BBC-length articles (1.5 times their
 * text), so long articles reach that limit with fewer files (docs/benchmarks.md). Chunks
 * are written character by character (20 MB took two minutes under load), so they are
 * only the safety net for very large folders.
 */
const CHUNKED_STORE_FROM = 300_000;

/** Number of entries in the content folder (0 when it is missing). */
function countContentFiles() {
	try {
		return readdirSync(resolveContentDir(), { recursive: true }).length;
	} catch {
		return 0;
	}
}

const contentFiles = countContentFiles();

export default defineConfig({
	// Tests and benchmarks build several sites side by side, each with its own output and cache.
	outDir: process.env.BROADSHEET_OUT_DIR || './dist',
	cacheDir: process.env.BROADSHEET_CACHE_DIR || './node_modules/.astro',
	site: resolveSiteUrl(),
	base: resolveBasePath(),
	trailingSlash: 'always',
	// Pages in flight: one page's file write overlaps the next page's render (four took the
	// 10k-article render stage from 30 s to 27 s on one thread), and with the page renderer's
	// worker six of the eight render there (see workerInFlight); the output is byte-identical.
	build: { concurrency: 8 },
	// Search is indexed while pages render (see src/integrations/search-index.ts);
	// with BROADSHEET_SEARCH_INDEX=parts or =cli, scripts/build.ts indexes dist/ afterwards instead.
	integrations: [
		// The Saved page is per-browser and marked noindex: keep it out of the sitemap.
		sitemap({ filter: (page) => !page.endsWith('/saved/') }),
		// The output folder is kept between builds (see below): first remove what this build did not write.
		pruneStaleOutput(),
		// Indexed in parts after the build (scripts/build.ts), the integration still updates search after a content change.
		searchIndex({ enabled: process.env.BROADSHEET_SEARCH_INDEX !== 'cli', deltaOnly: process.env.BROADSHEET_SEARCH_INDEX === 'parts' }),
		// Astro renders on one thread; a worker thread renders part of the pages on the second core,
		// and every page goes to the search index in Astro's order.
		pageRenderer({
			threads: chooseRenderThreads(contentFiles, availableParallelism()),
			minFiles: Number(process.env.BROADSHEET_PARALLEL_RENDER_FROM || 1000),
			contentFiles,
			// The article pages are the searchable ones: the search index is written while the list pages render.
			firstRoutes: ['/articles/[slug]'],
		}),
		// Astro's incremental build keeps a copy of every page for an output folder that lost it; ours keeps the folder.
		skipPageCopies(),
		// Astro embeds the content store in the build as one string literal: read it at run time instead.
		contentStoreModule(),
		// A build computes the corpus while Astro starts up; the content layer has stored it by the time pages render.
		{
			name: 'broadsheet-corpus',
			hooks: {
				'astro:config:setup': ({ command }) => {
					if (command === 'build') startCorpus(resolveContentDir());
				},
				'astro:build:start': () => releaseCorpora(),
			},
		},
	],
	// Kept between builds so that pages the incremental build skips stay in place; a full
	// build clears it first (scripts/build.ts) and pruneStaleOutput removes leftovers.
	vite: { plugins: [tailwindcss()], build: { emptyOutDir: false } },
	experimental: {
		// Pages whose cacheKey (src/lib/page-cache-keys.ts) and templates are unchanged are not rendered again.
		incrementalBuild: incrementalBuildsEnabled(),
		...(contentFiles >= CHUNKED_STORE_FROM ? { collectionStorage: 'chunked' } : {}),
	},
});
