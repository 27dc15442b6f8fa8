/**
 * Issue 13, in Chromium: a site built from a saved page, a feed and a web archive. An
 * imported article's page names its source and links to the original ("Originally
 * published by …"); a summary-only feed item says it is a summary; and no page makes a
 * request to another origin, although the inputs are full of remote images, scripts,
 * iframes and trackers.
 */
import assert from 'node:assert/strict';
import { copyFileSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { after, before, describe, it } from 'node:test';
import type { Browser, Page } from 'playwright-core';
import { writeWarc } from '../../scripts/support/write-warc.ts';
import { launchBrowser } from '../support/browser.ts';
import { removeBuild, runBuildOrThrow, type BuildRun } from '../support/run-build.ts';
import { serveSite, type ServedSite } from '../support/serve-site.ts';

const fixtures = new URL('../fixtures/import/', import.meta.url);

describe('imported articles in the browser', () => {
	let content: string;
	let site: BuildRun;
	let server: ServedSite;
	let browser: Browser;

	before(async () => {
		content = mkdtempSync(path.join(os.tmpdir(), 'broadsheet-import-site-'));
		copyFileSync(new URL('news-page.html', fixtures), path.join(content, 'bridge.html'));
		copyFileSync(new URL('feed.xml', fixtures), path.join(content, 'ledger.xml'));
		writeFileSync(
			path.join(content, 'briefs.rss'),
			`<?xml version="1.0"?><rss version="2.0"><channel><title>Ledger Briefs</title><link>https://ledger.example/</link>
			<item><title>Esplanade cycle lanes approved</title><link>https://ledger.example/news/2024/03/cycle-lanes</link><pubDate>Mon, 18 Mar 2024 09:00:00 GMT</pubDate>
			<description>&lt;p&gt;Councillors approved two kilometres of protected cycle lanes along the esplanade, to open before the summer holidays.&lt;/p&gt;&lt;img src="https://tracker.example/brief.gif"&gt;</description></item>
			</channel></rss>`,
		);
		// An archived page of another story: its record becomes an article too.
		const paragraphs = [
			'The coastal path between Northgate and the lighthouse reopened on Saturday after volunteers cleared the last of the fallen rock from the cliff section near the old quarry.',
			'Walkers had been sent inland along the main road since January, when heavy rain loosened a stretch of the cliff face and closed the most popular walk in the district.',
			'The parks service said a geologist would inspect the cliff every month until the autumn, and that warning signs would stay in place where the path runs closest to the edge.',
		];
		const other = `<!doctype html><html><head><meta charset="utf-8"><title>Coastal path reopens after rockfall | The Coastal Ledger</title>
			<meta property="og:site_name" content="The Coastal Ledger"><script src="https://tracker.example/a.js"></script></head>
			<body><nav><a href="/">Home</a></nav><article><h1>Coastal path reopens after rockfall</h1>
			<figure><img src="https://cdn.example/cliff.jpg"><figcaption>The cliff path</figcaption></figure>
			${paragraphs.map((p) => `<p>${p}</p>`).join('')}<iframe src="https://video.example/1"></iframe></article></body></html>`;
		await writeWarc(path.join(content, 'crawl.warc.gz'), [{ url: 'https://ledger.example/news/2024/03/coastal-path-reopens', body: other }], true);
		site = await runBuildOrThrow({ contentDir: content });
		server = await serveSite(site.outDir, '/');
		browser = await launchBrowser();
	});
	after(async () => {
		await browser?.close();
		await server?.close();
		if (site) await removeBuild(site);
		rmSync(content, { recursive: true, force: true });
	});

	/** Opens a site path and lists every request that left the site's origin. */
	async function open(sitePath: string, check: (page: Page) => Promise<void>): Promise<string[]> {
		const page = await browser.newPage();
		const origin = new URL(server.url).origin;
		const foreign: string[] = [];
		page.on('request', (request) => {
			const url = new URL(request.url());
			if (/^(?:https?|wss?):$/.test(url.protocol) && url.origin !== origin) foreign.push(request.url());
		});
		try {
			const response = await page.goto(server.url + sitePath, { waitUntil: 'load' });
			assert.equal(response?.status(), 200, sitePath);
			await page.waitForTimeout(300);
			await check(page);
		} finally {
			await page.close();
		}
		return foreign;
	}

	it('shows the source link on a saved page and makes no remote request', async () => {
		const foreign = await open('articles/harbour-bridge-reopens-after-storm-repairs/', async (page) => {
			const credit = page.locator('[data-source-credit]');
			assert.match((await credit.textContent()) ?? '', /Originally published by\s+The Coastal Ledger/);
			assert.equal(await credit.locator('a').getAttribute('href'), 'https://ledger.example/news/2024/03/harbour-bridge-reopens');
			const body = page.locator('.article-body');
			assert.match((await body.textContent()) ?? '', /Six weeks of detours/);
			assert.equal(await body.locator('img, iframe, script, style, a').count(), 0);
			// Machines are told the same: the page's NewsArticle is based on the original.
			const ld = JSON.parse((await page.locator('script[type="application/ld+json"]').textContent()) ?? '{}');
			assert.equal(ld.isBasedOn, 'https://ledger.example/news/2024/03/harbour-bridge-reopens');
		});
		assert.deepEqual(foreign, []);
	});

	it('credits a full feed item, and marks a summary-only one with a link to the full article', async () => {
		const full = await open('articles/library-extends-opening-hours-for-exam-season/', async (page) => {
			const credit = (await page.locator('[data-source-credit]').textContent()) ?? '';
			assert.match(credit, /Originally published by\s+The Coastal Ledger/);
			assert.doesNotMatch(credit, /summary/);
		});
		const summary = await open('articles/esplanade-cycle-lanes-approved/', async (page) => {
			const credit = page.locator('[data-source-credit]');
			assert.match((await credit.textContent()) ?? '', /publisher's summary.*Originally published by\s+Ledger Briefs: read the full article there/s);
			assert.equal(await credit.locator('a').getAttribute('href'), 'https://ledger.example/news/2024/03/cycle-lanes');
		});
		assert.deepEqual([...full, ...summary], []);
	});

	it('shows the source link on an archived page and makes no remote request', async () => {
		const foreign = await open('articles/coastal-path-reopens-after-rockfall/', async (page) => {
			const href = await page.locator('[data-source-credit] a').getAttribute('href');
			assert.equal(href, 'https://ledger.example/news/2024/03/coastal-path-reopens');
		});
		assert.deepEqual(foreign, []);
	});
});
