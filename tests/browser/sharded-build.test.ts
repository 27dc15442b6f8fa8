/**
 * Issue 7, beyond one machine: `npm run build -- --shard 1/2` and `--shard 2/2` on a
 * fixture corpus (under BASE_PATH=/news/), `assemble-shards`, then one search in
 * Chromium, with public/_headers (CSP) applied, finds articles from both shards
 * (Pagefind mergeIndex), and links between articles in different shards resolve in
 * the assembled site.
 */
import assert from 'node:assert/strict';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { after, before, describe, it } from 'node:test';
import type { Browser, Page } from 'playwright-core';
import { assembleShards } from '../../scripts/assemble-shards.ts';
import { searchPartOfPage, shardOfSlug } from '../../src/lib/shards.ts';
import { launchBrowser } from '../support/browser.ts';
import { checkLinks } from '../support/check-links.ts';
import { searchAt } from '../support/search-page.ts';
import { removeBuild, runBuildOrThrow, type BuildRun } from '../support/run-build.ts';
import type { ServedSite } from '../support/serve-site.ts';
import { serveWithHeaders } from '../support/serve-with-headers.ts';
import { settlePage } from '../support/settle-page.ts';
import { listSiteFiles } from '../support/site-files.ts';

const BASE = '/news/';
const SITE_URL = 'https://news.example.org';
const contentDir = 'tests/site-fixtures/shards';

/** Opens a search URL and returns the paths of its result links, once the search has settled. */
async function searchResultPaths(page: Page, url: string): Promise<string[]> {
	const outcome = await searchAt(page, url);
	// All six fixture articles mention Zephyrine: every one must be found, from whichever index holds it.
	assert.equal(outcome.count, 6, `${outcome.message}: ${outcome.paths.join(', ')}`);
	return outcome.paths;
}

/** Slugs of the article pages in a build output. */
const articleSlugs = (outDir: string) => (existsSync(path.join(outDir, 'articles')) ? readdirSync(path.join(outDir, 'articles')).sort() : []);

describe('sharded build: 2 shards, assembled, searched at once', () => {
	let shards: BuildRun[];
	let whole: BuildRun;
	let site: string;
	let browser: Browser;
	let server: ServedSite;

	before(async () => {
		// One after the other: two builds at once would fight over two cores for no gain here.
		shards = [];
		// Split threshold at one article: a shard's index must stay whole all the same (it is one part of the assembled site's).
		for (const shard of ['1/2', '2/2']) shards.push(await runBuildOrThrow({ contentDir, args: ['--shard', shard], basePath: BASE, siteUrl: SITE_URL, env: { BROADSHEET_SEARCH_SPLIT_FROM: '1' } }));
		whole = await runBuildOrThrow({ contentDir, basePath: BASE, siteUrl: SITE_URL });
		site = path.join(mkdtempSync(path.join(os.tmpdir(), 'broadsheet-assembled-')), 'site');
		await assembleShards(shards.map((s) => s.outDir), site);
		// With public/_headers applied: the merged search must work under the CSP too.
		server = await serveWithHeaders(site, BASE);
		browser = await launchBrowser();
	});
	after(async () => {
		await browser?.close();
		await server?.close();
		for (const shard of shards ?? []) await removeBuild(shard);
		await removeBuild(whole);
		if (site) rmSync(path.dirname(site), { recursive: true, force: true });
	});

	it('writes the search index of each shard whole, whatever the split threshold', () => {
		for (const shard of shards) assert.ok(!existsSync(path.join(shard.outDir, 'pagefind-shard-2')), `${shard.outDir} has a second search part`);
	});

	it('renders each article in exactly one shard, chosen by the hash of its slug', () => {
		const [one, two] = shards.map((s) => articleSlugs(s.outDir));
		// Worked out by hand from `printf %s SLUG | sha256sum` (first 4 bytes mod 2, plus 1), not with the build's own function.
		assert.deepEqual(one, ['night-market-returns-to-the-harbour-square', 'tram-line-to-the-zephyrine-quay-approved', 'zephyrine-ferry-crews-begin-a-two-day-strike']);
		assert.deepEqual(two, ['library-extends-opening-hours', 'old-lighthouse-reopens-to-visitors', 'talks-to-end-the-zephyrine-ferry-strike-resume']);
		assert.ok(one!.length > 0 && two!.length > 0, `an empty shard: ${one!.length} and ${two!.length} articles`);
		assert.deepEqual(one!.filter((slug) => two!.includes(slug)), [], 'an article was rendered by both shards');
		for (const slug of one!) assert.equal(shardOfSlug(slug, 2), 1, `${slug} is in shard 1`);
		for (const slug of two!) assert.equal(shardOfSlug(slug, 2), 2, `${slug} is in shard 2`);
		assert.equal(one!.length + two!.length, readdirSync(path.join(repoContent())).length);
	});

	it('assembles every article page, both search indexes and one sitemap', () => {
		assert.deepEqual(articleSlugs(site), [...shards.flatMap((s) => articleSlugs(s.outDir))].sort());
		assert.ok(existsSync(path.join(site, 'pagefind/pagefind-entry.json')));
		assert.ok(existsSync(path.join(site, 'pagefind-shard-2/pagefind-entry.json')));
		assert.ok(existsSync(path.join(site, 'sitemap-index.xml')));
	});

	it('resolves links to articles, search bundles and assets in the assembled site, across shards', () => {
		const report = checkLinks(site, { base: BASE, siteUrl: SITE_URL });
		// Pages, search bundles and assets are what sharding moves around; other broken
		// links (if any) are the whole-site integrity test's business, not sharding's.
		const sharded = report.broken.filter((b) => /\/(articles|pagefind[^/]*|_astro|scripts)\//.test(b.url));
		assert.deepEqual(sharded, [], 'links that do not resolve after assembly');
		assert.ok(report.checked > 50, `only ${report.checked} URLs were checked`);
	});

	it('assembles the same site as a whole-site build (search bundles and the search page aside)', () => {
		// Only the Pagefind bundles, the sitemap split and the search page's list of bundles may differ.
		const comparable = (file: string) => !/^(pagefind[^/]*\/|sitemap-)/.test(file) && file !== 'search/index.html';
		const assembled = listSiteFiles(site).filter(comparable);
		assert.deepEqual(assembled, listSiteFiles(whole.outDir).filter(comparable), 'the assembled site has different files');
		const differing = assembled.filter((file) => !readFileSync(path.join(site, file)).equals(readFileSync(path.join(whole.outDir, file))));
		assert.deepEqual(differing, [], 'files that differ from the whole-site build');
		// The merged sitemap lists exactly the whole-site build's URLs.
		const locs = (dir: string) =>
			listSiteFiles(dir)
				.filter((f) => /^sitemap-\d+\.xml$/.test(f))
				.flatMap((f) => [...readFileSync(path.join(dir, f), 'utf8').matchAll(/<loc>([^<]*)<\/loc>/g)].map((m) => m[1]!))
				.sort();
		assert.deepEqual(locs(site), locs(whole.outDir));
	});

	it('refuses shard folders given out of order', async () => {
		const out = path.join(mkdtempSync(path.join(os.tmpdir(), 'broadsheet-assembled-')), 'site');
		await assert.rejects(assembleShards([shards[1]!.outDir, shards[0]!.outDir], out), /belongs to shard|differs between shard/);
		rmSync(path.dirname(out), { recursive: true, force: true });
	});

	it('finds articles from both shards in one search in the browser', async () => {
		const page = await browser.newPage();
		const violations: string[] = [];
		page.on('console', (message) => {
			if (/Content Security Policy/i.test(message.text())) violations.push(message.text());
		});
		try {
			const hrefs = await searchResultPaths(page, `${server.url}search/?q=Zephyrine`);
			const slugs = hrefs.map((href) => href.match(/\/articles\/([^/]+)\//)?.[1]).filter((s): s is string => !!s);
			const shardsFound = new Set(slugs.map((slug) => shardOfSlug(slug, 2)));
			assert.deepEqual([...shardsFound].sort(), [1, 2], `results came from shard(s) ${[...shardsFound]} only: ${hrefs.join(', ')}`);
			assert.ok(hrefs.every((href) => href.startsWith(BASE)), `a result link misses the base path: ${hrefs.join(', ')}`);
			// A result from shard 2 opens its page in the assembled site.
			const fromTwo = slugs.find((slug) => shardOfSlug(slug, 2) === 2)!;
			await page.locator(`.pagefind-ui__result-link[href*="/articles/${fromTwo}/"]`).first().click();
			await page.waitForURL(new RegExp(`/articles/${fromTwo}/`));
			assert.match(await page.locator('h1').first().innerText(), /\S/);
			await settlePage(page);
			assert.deepEqual(violations, [], 'CSP violations while searching across shards');
		} finally {
			await page.close();
		}
	});
});

describe('search index in parts (large whole-site builds)', () => {
	let build: BuildRun;
	let browser: Browser;
	let server: ServedSite;

	before(async () => {
		// Three searchable pages a part: the six fixture articles make two parts.
		build = await runBuildOrThrow({ contentDir, basePath: BASE, siteUrl: SITE_URL, env: { BROADSHEET_SEARCH_INDEX: 'parts', BROADSHEET_SEARCH_PART_SIZE: '3' } });
		server = await serveWithHeaders(build.outDir, BASE);
		browser = await launchBrowser();
	});
	after(async () => {
		await browser?.close();
		await server?.close();
		if (build) await removeBuild(build);
	});

	it('writes one Pagefind bundle a part and lists the others on the search page', () => {
		assert.match(build.log, /Search index in 2 part\(s\)/);
		assert.ok(existsSync(path.join(build.outDir, 'pagefind/pagefind-entry.json')));
		assert.ok(existsSync(path.join(build.outDir, 'pagefind-shard-2/pagefind-entry.json')));
		const search = readFileSync(path.join(build.outDir, 'search/index.html'), 'utf8');
		assert.match(search, /data-merge-index="\/news\/pagefind-shard-2\/"/);
	});

	it('finds articles from both parts in one search in the browser', async () => {
		const page = await browser.newPage();
		try {
			const urls = await searchResultPaths(page, `${server.url}search/?q=Zephyrine`);
			assert.ok(urls.every((url) => url.startsWith(BASE)), `a result link misses the base path: ${urls.join(', ')}`);
			const parts = new Set(urls.map((url) => searchPartOfPage(url.slice(BASE.length - 1), 2)));
			assert.deepEqual([...parts].sort(), [1, 2], `results came from part(s) ${[...parts]} only: ${urls.join(', ')}`);
		} finally {
			await page.close();
		}
	});
});

/** The fixture folder, absolute. */
function repoContent(): string {
	return path.resolve(path.dirname(new URL(import.meta.url).pathname), '../..', contentDir);
}
