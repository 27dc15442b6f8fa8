/**
 * Issue 6, rebuilds after a content-only change: one article edited, one added, one
 * deleted. The second build must keep the unchanged pages, render the changed ones,
 * remove the deleted one, and update search through the delta index: its pages must
 * equal a from-scratch build of the same content, and in Chromium search must find the
 * new words, no longer find the old ones, and list each article once.
 */
import assert from 'node:assert/strict';
import { cpSync, existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { after, before, describe, it } from 'node:test';
import type { Browser, Page } from 'playwright-core';
import { launchBrowser } from '../support/browser.ts';
import { removeBuild, runBuildOrThrow, type BuildRun } from '../support/run-build.ts';
import { searchAt } from '../support/search-page.ts';
import { serveSite, type ServedSite } from '../support/serve-site.ts';
import { listSiteFiles } from '../support/site-files.ts';

/** Result link paths for a query, once the search has settled (its announced count of results all shown). */
async function searchResultPaths(page: Page, query: string): Promise<string[]> {
	const outcome = await searchAt(page, `/search/?q=${encodeURIComponent(query)}`);
	assert.equal(outcome.paths.length, outcome.count, `"${query}": ${outcome.message}, but ${outcome.paths.length} shown`);
	return outcome.paths;
}

/**
 * Search indexed while pages render (the default), and in parts after the build (large sites; 2 parts here);
 * pages rendered on two threads (large sites; a worker records what each page read for the next build).
 */
const searchSetups: { name: string; env: Record<string, string> }[] = [
	{ name: 'search indexed while rendering', env: {} },
	{ name: 'pages rendered on two threads', env: { BROADSHEET_RENDER_THREADS: '2', BROADSHEET_PARALLEL_RENDER_FROM: '1' } },
	{ name: 'search indexed in parts', env: { BROADSHEET_SEARCH_INDEX: 'parts', BROADSHEET_SEARCH_PART_SIZE: '3' } },
	{ name: 'search indexed while rendering, in two parts', env: { BROADSHEET_SEARCH_SPLIT_FROM: '1' } },
];

for (const setup of searchSetups) describe(`incremental build (${setup.name}): one article edited, one added, one deleted`, () => {
	const work = mkdtempSync(path.join(os.tmpdir(), 'broadsheet-incremental-'));
	const env = setup.env;
	const contentDir = path.join(work, 'content');
	const outDir = path.join(work, 'dist');
	const cacheDir = path.join(work, 'cache');
	let first: BuildRun;
	let second: BuildRun;
	let scratch: BuildRun;
	let browser: Browser;
	let server: ServedSite;

	before(async () => {
		cpSync('tests/site-fixtures/shards', contentDir, { recursive: true });
		first = await runBuildOrThrow({ contentDir, outDir, cacheDir, env });
		// Edited: one word replaced, one added.
		const talks = path.join(contentDir, 'ferry-talks.txt');
		writeFileSync(talks, readFileSync(talks, 'utf8').replace('they hoped to', 'they expected to').replace('resumed on Wednesday.', 'resumed on Wednesday, said the quillwort committee.'));
		rmSync(path.join(contentDir, 'library.txt'));
		// A page lost from the output folder is rendered again (Astro keeps no copy to restore: skip-page-copies.ts).
		rmSync(path.join(outDir, 'articles', 'old-lighthouse-reopens-to-visitors', 'index.html'));
		writeFileSync(path.join(contentDir, 'harbour-bridge.txt'), 'Harbour bridge reopens after repairs\n\nThe harbour bridge reopened to traffic on Monday after three months of marramgrass-proofing work near the Zephyrine quay.\n\nEngineers said the repairs came in under budget.\n');
		second = await runBuildOrThrow({ contentDir, outDir, cacheDir, env });
		scratch = await runBuildOrThrow({ contentDir, env });
		server = await serveSite(outDir);
		browser = await launchBrowser();
	});
	after(async () => {
		await browser?.close();
		await server?.close();
		await removeBuild(scratch);
		rmSync(work, { recursive: true, force: true });
	});

	it('builds incrementally, keeping unchanged pages and indexing only the changed ones', () => {
		assert.match(first.log, /Building from scratch/);
		assert.match(second.log, /Building incrementally/);
		assert.match(second.log, /\(cached\)/, 'unchanged pages are kept');
		assert.ok(!existsSync(path.join(cacheDir, 'dist')), "Astro keeps no copy of the pages in the cache folder (skip-page-copies.ts)");
		// The edited and the added article, plus any whose topic filters changed with them (topics are corpus-wide).
		const [, changed] = /search: (\d+) changed and 1 removed pages since the main index/.exec(second.log) ?? [];
		assert.ok(Number(changed) >= 2 && Number(changed) <= 4, `pages indexed again: ${changed}`);
		assert.ok(readFileSync(path.join(outDir, 'pagefind-live', 'pagefind.js'), 'utf8').includes('pagefind-delta'));
		if (env.BROADSHEET_SEARCH_SPLIT_FROM) {
			// Undated articles, spread over both parts by URL; the site's search module merges the second.
			assert.ok(readdirSync(path.join(outDir, 'pagefind-shard-2', 'fragment')).length > 0, 'the second part holds pages');
			assert.match(readFileSync(path.join(outDir, 'pagefind-live', 'pagefind.js'), 'utf8'), /in 2 parts by date/);
		}
	});

	it('writes the same pages as a build from scratch', () => {
		const pages = (dir: string) => listSiteFiles(dir).filter((f) => /\.(html|xml)$/.test(f)).sort();
		assert.deepEqual(pages(outDir), pages(scratch.outDir));
		assert.ok(!pages(outDir).some((f) => f.startsWith('articles/library-extends-opening-hours/')), 'the deleted article has no page');
		for (const file of pages(outDir)) assert.equal(readFileSync(path.join(outDir, file), 'utf8'), readFileSync(path.join(scratch.outDir, file), 'utf8'), file);
	});

	it('searches the new text, not the old, and lists each article once', async () => {
		const page = await browser.newPage({ baseURL: server.url });
		try {
			assert.deepEqual(await searchResultPaths(page, 'quillwort'), ['/articles/talks-to-end-the-zephyrine-ferry-strike-resume/']);
			assert.deepEqual(await searchResultPaths(page, 'marramgrass'), ['/articles/harbour-bridge-reopens-after-repairs/']);
			assert.deepEqual(await searchResultPaths(page, 'hoped'), [], 'the edited article no longer matches its old words');
			assert.deepEqual(await searchResultPaths(page, 'library'), [], 'the deleted article is gone');
			const zephyrine = await searchResultPaths(page, 'Zephyrine');
			assert.equal(new Set(zephyrine).size, zephyrine.length, `each article once: ${zephyrine.join(', ')}`);
			assert.ok(zephyrine.includes('/articles/talks-to-end-the-zephyrine-ferry-strike-resume/'));
			assert.ok(!zephyrine.some((p) => p.includes('library')));
		} finally {
			await page.close();
		}
	});

	it('writes the main index again once too many pages differ from it, and search stays right', async () => {
		const tram = path.join(contentDir, 'tram.txt');
		writeFileSync(tram, readFileSync(tram, 'utf8').replace(/\n\n/, '\n\nCouncillors named the new stop after the sundew meadow.\n\n'));
		const third = await runBuildOrThrow({ contentDir, outDir, cacheDir, env: { ...env, BROADSHEET_SEARCH_DELTA_MAX_PAGES: '0' } });
		assert.match(third.log, /Building incrementally/);
		assert.match(third.log, /pages differed from the main index/);
		assert.ok(!readFileSync(path.join(outDir, 'pagefind-live', 'pagefind.js'), 'utf8').includes('pagefind-delta'), 'no delta index left');
		const page = await browser.newPage({ baseURL: server.url });
		try {
			assert.deepEqual(await searchResultPaths(page, 'sundew'), ['/articles/tram-line-to-the-zephyrine-quay-approved/']);
			assert.deepEqual(await searchResultPaths(page, 'quillwort'), ['/articles/talks-to-end-the-zephyrine-ferry-strike-resume/']);
			assert.deepEqual(await searchResultPaths(page, 'hoped'), []);
		} finally {
			await page.close();
		}
	});
});
