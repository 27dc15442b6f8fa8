import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { deltaLimit, MIN_DELTA_PAGES, pageIdsByUrl, planSearchUpdate, renderSearchModule, searchableDigest } from '../../../src/lib/search-delta.ts';

const page = (body: string, around = '') => `<html><body><nav>${around}</nav><article class="x" data-pagefind-body><h1>T</h1>${body}</article><aside>${around}</aside></body></html>`;

describe('searchableDigest', () => {
	it('is null for a page without data-pagefind-body', () => {
		assert.equal(searchableDigest('<html><body><p>list</p></body></html>'), null);
	});
	it('ignores what lies outside the searchable element', () => {
		assert.equal(searchableDigest(page('<p>a</p>', 'related one')), searchableDigest(page('<p>a</p>', 'related two')));
	});
	it('changes with the searchable text, nested elements of the same name included', () => {
		assert.notEqual(searchableDigest(page('<p>a</p>')), searchableDigest(page('<p>b</p>')));
		assert.notEqual(searchableDigest(page('<article>x</article><p>a</p>')), searchableDigest(page('<article>x</article><p>b</p>')));
	});
});

describe('planSearchUpdate', () => {
	const main = { '/a/': '1', '/b/': '2', '/c/': '3' };
	it('lists changed, added and removed pages', () => {
		const plan = planSearchUpdate(main, new Map([['/a/', '1'], ['/b/', '9'], ['/d/', '4']]));
		assert.deepEqual(plan, { changed: ['/b/', '/d/'], removed: ['/c/'], rewriteMain: false });
	});
	it('rewrites the main index once too many pages differ', () => {
		const now = new Map(Array.from({ length: MIN_DELTA_PAGES + 1 }, (_, i) => [`/new-${i}/`, 'x'] as [string, string]));
		assert.equal(planSearchUpdate({}, now).rewriteMain, true);
		assert.equal(planSearchUpdate({}, new Map([['/a/', 'x']]), 0).rewriteMain, true);
	});
	it('allows 2% of the main index, at least 200 pages, unless configured', () => {
		assert.equal(deltaLimit(1_000, {}), MIN_DELTA_PAGES);
		assert.equal(deltaLimit(100_000, {}), 2_000);
		assert.equal(deltaLimit(100_000, { BROADSHEET_SEARCH_DELTA_MAX_PAGES: '0' }), 0);
	});
});

describe('renderSearchModule', () => {
	it('re-exports Pagefind when nothing changed', () => {
		assert.equal(renderSearchModule({ delta: false, staleIds: [] }).trim().split('\n').at(-1), "export * from '../pagefind/pagefind.js';");
	});
	it('merges the delta index and drops stale ids', () => {
		const js = renderSearchModule({ delta: true, staleIds: ['en_2', 'en_1'] });
		assert.match(js, /mergeIndex\(new URL\('\.\.\/pagefind-delta\/', import\.meta\.url\)\.href\)/);
		assert.match(js, /new Set\(\["en_1","en_2"\]\)/);
		assert.match(js, /export async function search\(/);
	});
});

describe('pageIdsByUrl', () => {
	it('reads single fragments and fragment groups', () => {
		const ids = pageIdsByUrl([
			{ name: 'en_abc.pf_fragment', text: 'pagefind_dcd{"url":"/a/","content":"x"}' },
			{ name: 'en_grp.pf_fragment', text: 'pagefind_dcd{"en_1":{"url":"/b/"},"en_2":{"url":"/c/"}}' },
		]);
		assert.deepEqual([...ids], [['/a/', 'en_abc'], ['/b/', 'en_1'], ['/c/', 'en_2']]);
	});
});
