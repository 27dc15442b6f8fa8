/**
 * Issue 7, site integrity, on a fixture site built for a sub-path deployment
 * (`BASE_PATH=/news/`, `SITE_URL=https://news.example.org`):
 * - every href/src on every page resolves inside the output folder, under the base path;
 * - every page is valid HTML (html-validate's standard + document rules);
 * - two builds of the same input (cold, then warm from the first build's cache, into
 *   another folder) are byte-identical;
 * - the feed and sitemap are well-formed XML with absolute URLs and every article.
 */
import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { cpSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { after, before, describe, it } from 'node:test';
import { XMLParser, XMLValidator } from 'fast-xml-parser';
import { HtmlValidate } from 'html-validate';
import { repoRoot } from '../support/build-site.ts';
import { checkLinks, resolveSitePath } from '../support/check-links.ts';
import { removeBuild, runBuildOrThrow, type BuildRun } from '../support/run-build.ts';
import { allElements, attr, listHtmlPages, listSiteFiles, pagePath, parsePage } from '../support/site-files.ts';

const BASE = '/news/';
const SITE_URL = 'https://news.example.org';
const PUBLIC_PREFIX = `${SITE_URL}${BASE}`;

/** The fixture: the basic articles plus the readable hostile ones (markup, RTL, CJK, odd names) in a sub-folder. */
function createIntegrityCorpus(): string {
	const dir = path.join(mkdtempSync(path.join(os.tmpdir(), 'broadsheet-integrity-')), 'content');
	cpSync(path.join(repoRoot, 'tests/site-fixtures/basic'), dir, { recursive: true });
	cpSync(path.join(repoRoot, 'tests/site-fixtures/hostile'), path.join(dir, 'hostile'), { recursive: true });
	return dir;
}

/** sha256 of every output file, by relative path. */
function hashTree(outDir: string): Map<string, string> {
	return new Map(listSiteFiles(outDir).map((file) => [file, createHash('sha256').update(readFileSync(path.join(outDir, file))).digest('hex')]));
}

const xml = new XMLParser({ ignoreAttributes: false, processEntities: true, htmlEntities: true });

describe(`site integrity (BASE_PATH=${BASE}, SITE_URL=${SITE_URL})`, () => {
	let first: BuildRun;
	let second: BuildRun;
	let articlePages: string[];
	const temporary: string[] = [];

	before(async () => {
		const contentDir = createIntegrityCorpus();
		const cacheDir = path.join(mkdtempSync(path.join(os.tmpdir(), 'broadsheet-integrity-cache-')), 'cache');
		temporary.push(path.dirname(contentDir), path.dirname(cacheDir));
		const common = { contentDir, basePath: BASE, siteUrl: SITE_URL, cacheDir };
		// Sequential on purpose: the second build reuses the first one's content cache (a warm rebuild).
		first = await runBuildOrThrow(common);
		second = await runBuildOrThrow(common);
		articlePages = listHtmlPages(first.outDir).filter((file) => /^articles\/[^/]+\/index\.html$/.test(file));
	});
	after(async () => {
		await removeBuild(first);
		await removeBuild(second);
		for (const dir of temporary) rmSync(dir, { recursive: true, force: true });
	});

	it('builds article pages', () => {
		assert.ok(articlePages.length >= 12, `only ${articlePages.length} article pages were built`);
	});

	it('has no broken internal link or asset on any page, under the base path', () => {
		const report = checkLinks(first.outDir, { base: BASE, siteUrl: SITE_URL });
		assert.ok(report.checked > 100, `only ${report.checked} URLs were checked`);
		// One line per broken URL, with how many pages hold it, so a template bug reads as one problem.
		const byUrl = new Map<string, { reason: string; pages: Set<string> }>();
		for (const { from, url, reason } of report.broken) {
			const entry = byUrl.get(url) ?? { reason, pages: new Set() };
			entry.pages.add(from);
			byUrl.set(url, entry);
		}
		const lines = [...byUrl].map(([url, { reason, pages }]) => `${url}: ${reason} (on ${pages.size} page(s), e.g. ${[...pages][0]})`);
		assert.deepEqual(lines, []);
	});

	it('links to no other site and loads nothing from one', () => {
		const report = checkLinks(first.outDir, { base: BASE, siteUrl: SITE_URL });
		assert.deepEqual(report.external, []);
	});

	it('gives every indexable page a canonical URL that is absolute and points at itself', () => {
		const problems: string[] = [];
		for (const file of listHtmlPages(first.outDir).filter((f) => !f.startsWith('pagefind/'))) {
			const elements = allElements(parsePage(first.outDir, file));
			const canonical = elements.find((e) => e.tagName === 'link' && attr(e, 'rel') === 'canonical');
			const noindex = elements.some((e) => e.tagName === 'meta' && attr(e, 'name') === 'robots' && /noindex/.test(attr(e, 'content') ?? ''));
			if (!canonical) {
				if (!noindex && file !== '404.html') problems.push(`${file}: no canonical link`);
				continue;
			}
			const href = attr(canonical, 'href') ?? '';
			if (file === '404.html') problems.push(`404.html: has a canonical link (${href}); an error page should have none`);
			else if (href !== SITE_URL + pagePath(file, BASE)) problems.push(`${file}: canonical ${href}, expected ${SITE_URL + pagePath(file, BASE)}`);
		}
		assert.deepEqual(problems, []);
	});

	it('is valid HTML on every page', async () => {
		const validator = new HtmlValidate({
			extends: ['html-validate:standard', 'html-validate:document'],
			// SRI matters for resources from other origins; every script and stylesheet here is same-origin.
			rules: { 'require-sri': ['error', { target: 'crossorigin' }] },
		});
		const errors: string[] = [];
		for (const file of listHtmlPages(first.outDir)) {
			const report = await validator.validateFile(path.join(first.outDir, file));
			for (const result of report.results) {
				for (const message of result.messages) errors.push(`${file}:${message.line}:${message.column} ${message.ruleId}: ${message.message}`);
			}
		}
		assert.deepEqual(errors, []);
	});

	it('builds byte-identical output twice from the same input (cold, then warm, into another folder)', () => {
		const a = hashTree(first.outDir);
		const b = hashTree(second.outDir);
		assert.deepEqual([...b.keys()], [...a.keys()], 'the two builds wrote different files');
		const differing = [...a].filter(([file, hash]) => b.get(file) !== hash).map(([file]) => file);
		assert.deepEqual(differing, [], 'these files differ between two builds of the same input');
	});

	it('leaks no build-machine paths into the output', () => {
		for (const file of listSiteFiles(first.outDir).filter((f) => /\.(html|xml|js|css|json|txt|webmanifest)$/.test(f))) {
			const text = readFileSync(path.join(first.outDir, file), 'utf8');
			assert.ok(!text.includes(first.outDir) && !text.includes(repoRoot) && !text.includes(os.tmpdir() + '/broadsheet-'), `${file} holds a local path`);
		}
	});

	it('writes a well-formed RSS feed with absolute URLs and every article', () => {
		const text = readFileSync(path.join(first.outDir, 'rss.xml'), 'utf8');
		assert.equal(XMLValidator.validate(text), true, 'rss.xml is not well-formed XML');
		const channel = xml.parse(text).rss.channel;
		assert.ok(String(channel.link).startsWith(PUBLIC_PREFIX), `channel link ${channel.link} is not under ${PUBLIC_PREFIX}`);
		const items: { link: string; guid?: unknown; title: string }[] = [channel.item ?? []].flat();
		const links = new Set(items.map((item) => String(item.link)));
		for (const item of items) {
			assert.ok(item.link.startsWith(PUBLIC_PREFIX), `feed item link ${item.link} is not absolute under ${PUBLIC_PREFIX}`);
			const file = resolveSitePath(first.outDir, new URL(item.link).pathname, BASE).file;
			assert.ok(file, `feed item link ${item.link} does not resolve to a page`);
		}
		// The feed holds the newest 50: with fewer articles than that, every one is in it.
		if (articlePages.length <= 50) {
			const missing = articlePages.map((file) => SITE_URL + pagePath(file, BASE)).filter((url) => !links.has(url));
			assert.deepEqual(missing, [], 'articles missing from the feed');
		}
	});

	it('writes every feed (site, topics, people…) as well-formed XML whose links resolve under the base path', () => {
		const feeds = listSiteFiles(first.outDir).filter((f) => f.endsWith('.xml') && !f.startsWith('sitemap'));
		assert.ok(feeds.includes('rss.xml'));
		for (const file of feeds) {
			const text = readFileSync(path.join(first.outDir, file), 'utf8');
			assert.equal(XMLValidator.validate(text), true, `${file} is not well-formed XML`);
			const channel = xml.parse(text).rss?.channel;
			assert.ok(channel, `${file} is not an RSS feed`);
			for (const item of [channel.item ?? []].flat() as { link: string }[]) {
				assert.ok(String(item.link).startsWith(PUBLIC_PREFIX), `${file}: item link ${item.link} is not absolute under ${PUBLIC_PREFIX}`);
				assert.ok(resolveSitePath(first.outDir, new URL(item.link).pathname, BASE).file, `${file}: item link ${item.link} does not resolve`);
			}
		}
	});

	it('writes a well-formed sitemap with absolute URLs, every article, and nothing that does not exist', () => {
		const index = readFileSync(path.join(first.outDir, 'sitemap-index.xml'), 'utf8');
		assert.equal(XMLValidator.validate(index), true, 'sitemap-index.xml is not well-formed XML');
		const sitemaps: { loc: string }[] = [xml.parse(index).sitemapindex.sitemap].flat();
		const locs = new Set<string>();
		for (const { loc } of sitemaps) {
			assert.ok(loc.startsWith(PUBLIC_PREFIX), `sitemap ${loc} is not under ${PUBLIC_PREFIX}`);
			const file = resolveSitePath(first.outDir, new URL(loc).pathname, BASE).file;
			assert.ok(file, `sitemap ${loc} is not in the output`);
			const part = readFileSync(path.join(first.outDir, file), 'utf8');
			assert.equal(XMLValidator.validate(part), true, `${file} is not well-formed XML`);
			for (const url of [xml.parse(part).urlset.url].flat()) locs.add(String(url.loc));
		}
		for (const loc of locs) {
			assert.ok(loc.startsWith(PUBLIC_PREFIX), `sitemap URL ${loc} is not absolute under ${PUBLIC_PREFIX}`);
			assert.ok(resolveSitePath(first.outDir, new URL(loc).pathname, BASE).file, `sitemap URL ${loc} does not resolve to a page`);
		}
		const missing = articlePages.map((file) => SITE_URL + pagePath(file, BASE)).filter((url) => !locs.has(url));
		assert.deepEqual(missing, [], 'articles missing from the sitemap');
		assert.ok(![...locs].some((loc) => loc.endsWith('/404/') || loc.endsWith('404.html')), 'the sitemap lists the 404 page');
	});
});
