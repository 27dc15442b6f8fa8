/**
 * Issue 12, pages rendered on two threads (src/integrations/page-renderer.ts): a
 * worker thread renders part of the pages from the same prerender bundle. The site must
 * be the same bytes as one rendered on one thread, and search must index every page.
 */
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { after, before, describe, it } from 'node:test';
import { removeBuild, runBuildOrThrow, type BuildRun } from '../support/run-build.ts';
import { listHtmlPages, listSiteFiles } from '../support/site-files.ts';

const contentDir = 'tests/site-fixtures/reader';

describe('pages rendered on two threads', () => {
	let one: BuildRun;
	let two: BuildRun;
	before(async () => {
		one = await runBuildOrThrow({ contentDir, env: { BROADSHEET_RENDER_THREADS: '1' } });
		// The fixture is far below the page count that starts a worker by default.
		two = await runBuildOrThrow({ contentDir, env: { BROADSHEET_RENDER_THREADS: '2', BROADSHEET_PARALLEL_RENDER_FROM: '1' } });
	});
	after(async () => {
		await removeBuild(one);
		await removeBuild(two);
	});

	it('says how it rendered', () => {
		assert.match(one.log, /rendering \d+ pages on one thread: one render thread chosen/);
		assert.match(two.log, /rendering \d+ pages on 2 threads/);
		// Pagefind's write and the worker's copy of the page data would not fit the memory together.
		assert.match(two.log, /search index written after \d+ pages: the render worker stopped \(\d+ pages rendered there; this process [\d.]+ → [\d.]+ GB\) and the rest render on Astro's thread/);
	});

	it('writes the same pages, byte for byte, as one thread', () => {
		const pages = listHtmlPages(one.outDir);
		assert.ok(pages.length > 30, `only ${pages.length} pages`);
		assert.deepEqual(listHtmlPages(two.outDir), pages);
		const differing = pages.filter((file) => !readFileSync(path.join(one.outDir, file)).equals(readFileSync(path.join(two.outDir, file))));
		assert.deepEqual(differing, []);
	});

	it('indexes every searchable page for search, and writes the same search index', () => {
		const indexed = (run: BuildRun) => /indexed (\d+) of (\d+) pages for search/.exec(run.log)?.slice(1).map(Number);
		assert.deepEqual(indexed(two), indexed(one));
		const bundle = (run: BuildRun) => listSiteFiles(run.outDir).filter((file) => file.startsWith('pagefind/'));
		assert.deepEqual(bundle(two), bundle(one), 'the index files (named by content hash) differ');
	});
});
