/**
 * A reader's first visit, in Debian's Chromium against the built site on localhost:
 * front page → article, and search → article.
 */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { Browser, Page } from 'playwright-core';
import { launchBrowser } from '../support/browser.ts';
import { buildSite, type BuiltSite } from '../support/build-site.ts';
import { removeBuild } from '../support/run-build.ts';
import { searchAt } from '../support/search-page.ts';
import { serveSite, type ServedSite } from '../support/serve-site.ts';
import { settlePage } from '../support/settle-page.ts';

for (const basePath of ['/', '/news/']) {
	describe(`reading and searching under base path ${basePath}`, () => {
		let browser: Browser;
		let server: ServedSite;
		let page: Page;
		let site: BuiltSite | undefined;

		before(async () => {
			site = await buildSite({ contentDir: 'tests/site-fixtures/basic', basePath });
			server = await serveSite(site.outDir, basePath);
			browser = await launchBrowser();
			page = await browser.newPage();
		});
		after(async () => {
			await browser?.close();
			await server?.close();
			await removeBuild(site);
		});

		it('opens the front page and clicks through to an article', async () => {
			await page.goto(server.url);
			await page.getByRole('link', { name: /Iran's Offer to Free Hostages/ }).first().click();
			await page.waitForURL(/\/articles\/irans-offer/);
			assert.match(await page.locator('h1').innerText(), /Iran's Offer to Free Hostages/);
			assert.match(await page.locator('[data-pagefind-body]').innerText(), /Hossein Amirabdollahian revealed that Hamas/);
		});

		it('finds the article by searching for Amirabdollahian', async () => {
			assert.equal((await searchAt(page, `${server.url}search/?q=Amirabdollahian`)).count, 1);
			await page.locator('.pagefind-ui__result-link').first().click();
			await page.waitForURL(/\/articles\/irans-offer/);
			assert.match(await page.locator('h1').innerText(), /Iran's Offer to Free Hostages/);
		});

		it('loads every script, style and icon from under the base path, and highlights the search words', async () => {
			const failures: string[] = [];
			page.on('requestfailed', (r) => failures.push(`${r.failure()?.errorText} ${r.url()}`));
			page.on('response', (r) => r.status() >= 400 && failures.push(`${r.status()} ${r.url()}`));
			assert.equal((await searchAt(page, `${server.url}search/?q=Amirabdollahian`)).count, 1);
			// Leave the search page only once it has fallen quiet: a click that cut a request short would count as a failed load.
			await settlePage(page);
			await page.locator('.pagefind-ui__result-link').first().click();
			await page.waitForURL(/highlight=amirabdollahian/i);
			await page.locator('mark.pagefind-highlight').first().waitFor({ timeout: 15_000 });
			await settlePage(page);
			const scope = await page.evaluate(async () => (await navigator.serviceWorker.ready).scope);
			assert.equal(new URL(scope).pathname, basePath, 'the service worker covers exactly the site');
			assert.deepEqual(failures, []);
		});
	});
}
