/**
 * Builds a whole site from a fixture folder with the real build command and
 * checks that every kind of page is there.
 */
import assert from 'node:assert/strict';
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { after, before, describe, it } from 'node:test';
import { buildSite, type BuiltSite } from '../support/build-site.ts';
import { removeBuild } from '../support/run-build.ts';

describe('npm run build on tests/site-fixtures/basic', () => {
	let site: BuiltSite;
	const page = (p: string) => readFileSync(path.join(site.outDir, p), 'utf8');

	before(async () => {
		site = await buildSite({ contentDir: 'tests/site-fixtures/basic' });
	});
	after(() => removeBuild(site));

	it('writes the front page, search page, 404, feed and sitemap', () => {
		for (const file of ['index.html', 'search/index.html', '404.html', 'rss.xml', 'sitemap-index.xml']) {
			assert.ok(existsSync(path.join(site.outDir, file)), `${file} is missing`);
		}
	});

	it('writes one page per good article', () => {
		for (const slug of [
			'irans-offer-to-free-hostages-linked-to-release-of-palestinian-prisoners-says',
			'harbour-bridge-reopens-after-repairs',
			'council-publishes-budget-for-next-year',
		]) {
			const html = page(`articles/${slug}/index.html`);
			assert.match(html, /data-pagefind-body/);
		}
	});

	it('lists the articles on the front page, newest first', () => {
		const html = page('index.html');
		const dated = html.indexOf('Council publishes budget for next year');
		const undated = html.indexOf('Harbour bridge reopens after repairs');
		assert.ok(dated > 0 && undated > 0, 'both headlines are on the front page');
		assert.ok(dated < undated, 'the dated article comes before undated ones');
	});

	it('shows the reference article once, with its body and related coverage', () => {
		const html = page('articles/irans-offer-to-free-hostages-linked-to-release-of-palestinian-prisoners-says/index.html');
		assert.equal(html.match(/<h1[^>]*>Iran's Offer to Free Hostages/g)?.length ?? html.match(/<h1[^>]*>Iran&#39;s Offer to Free Hostages/g)?.length, 1);
		assert.match(html, /Related coverage/);
		assert.match(html, /Hezbollah&#39;s Role in Israel-Hamas Conflict|Hezbollah's Role in Israel-Hamas Conflict/);
		assert.doesNotMatch(html, /Join NewsTrack Whatsapp group/);
		assert.doesNotMatch(html, />\s*Share:\s*</);
	});

	it('names the bad files in the build output', () => {
		assert.match(site.log, /empty\.txt/);
		assert.match(site.log, /title-only\.txt/);
	});

	it('indexes the articles for search', () => {
		assert.ok(existsSync(path.join(site.outDir, 'pagefind', 'pagefind.js')));
		const entry = JSON.parse(page('pagefind/pagefind-entry.json'));
		assert.equal(entry.languages.en.page_count, 3);
	});

	it('puts every article in the feed', () => {
		const feed = page('rss.xml');
		assert.equal(feed.match(/<item>/g)?.length, 3);
	});
});
