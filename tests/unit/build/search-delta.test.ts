import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import fs from 'node:fs/promises';
import { describe, it } from 'node:test';
import os from 'node:os';
import path from 'node:path';
import url from 'node:url';
import { deltaLimit, FILTER_SHORTLIST, MIN_DELTA_PAGES, pageIdsByUrl, planSearchUpdate, readSearchablePage, renderSearchModule, type SearchModuleOptions } from '../../../src/lib/search-delta.ts';
import { SEARCH_PART_FILTER } from '../../../src/lib/search-parts.ts';

/** A page's searchable digest, as the search index records it. */
const searchableDigest = (html: string) => readSearchablePage(html)?.digest ?? null;
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

describe('readSearchablePage', () => {
	const head = '<!doctype html><html lang="en"><head><meta charset="utf-8"><title>T</title></head>';
	it('gives Pagefind the head and the searchable element only', () => {
		const html = `${head}<body class="b"><nav>menu</nav><main><article data-pagefind-body><h1>T</h1><article>inner</article><p data-pagefind-filter="topic:x">a</p></article><aside>related</aside></main><footer>f</footer></body></html>`;
		assert.equal(
			readSearchablePage(html)?.html,
			`${head}<body class="b"><article data-pagefind-body><h1>T</h1><article>inner</article><p data-pagefind-filter="topic:x">a</p></article></body></html>`,
		);
	});
	it('sends the page whole when something outside the element speaks to Pagefind', () => {
		const html = `${head}<body><div data-pagefind-filter="source:x"></div><article data-pagefind-body><p>a</p></article></body></html>`;
		assert.equal(readSearchablePage(html)?.html, html);
	});
	it('trims ignored header, footer and lists around the element, but not an ignore that encloses it', () => {
		const around = `${head}<body><header data-pagefind-ignore="all"><input data-pagefind-ignore><div><div>menu</div></div></header><main><article data-pagefind-body><p>a</p></article><aside data-pagefind-ignore="all">related</aside></main><footer data-pagefind-ignore>f</footer></body></html>`;
		assert.equal(readSearchablePage(around)?.html, `${head}<body><article data-pagefind-body><p>a</p></article></body></html>`);
		const enclosing = `${head}<body><div data-pagefind-ignore="all"><div></div><article data-pagefind-body><p>a</p></article></div></body></html>`;
		assert.equal(readSearchablePage(enclosing)?.html, enclosing);
	});
	it('keeps the digest of the element without its closing tag, as recorded by earlier builds', () => {
		const html = `${head}<body><article data-pagefind-body><p>a</p></article><aside>x</aside></body></html>`;
		assert.equal(readSearchablePage(html)?.digest, createHash('sha1').update('<article data-pagefind-body><p>a</p>').digest('base64url'));
		assert.equal(readSearchablePage('<html><body><p>list</p></body></html>'), null);
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

/** Writes the site's search module beside `fakeApi`, a stand-in for Pagefind's API (`pagefind/pagefind.js`), and loads both. */
async function loadModuleBeside(fakeApi: string, options: SearchModuleOptions) {
	const dir = await fs.mkdtemp(path.join(os.tmpdir(), 'bs-search-module-'));
	await fs.mkdir(path.join(dir, 'pagefind'));
	await fs.mkdir(path.join(dir, 'pagefind-live'));
	await fs.writeFile(path.join(dir, 'pagefind', 'pagefind.js'), fakeApi);
	const file = path.join(dir, 'pagefind-live', 'pagefind.js');
	await fs.writeFile(file, renderSearchModule(options));
	return { module: await import(url.pathToFileURL(file).href), api: await import(url.pathToFileURL(path.join(dir, 'pagefind', 'pagefind.js')).href) };
}

describe('renderSearchModule', () => {
	/** Writes the module beside a stand-in for Pagefind's API that logs its calls and takes `destroyMs` to tear down. */
	async function loadSearchModule(options: { delta: boolean; staleIds: string[] }) {
		return loadModuleBeside(
			`export const log = [];
let generation = 0;
const tick = (ms) => new Promise((r) => setTimeout(r, ms));
export async function options() { log.push('options'); }
export async function mergeIndex(p) { log.push('merge ' + p.split('/').at(-2)); }
export async function search(term) {
	const started = generation;
	log.push('search ' + term);
	await tick(50);
	if (generation !== started) return new Promise(() => {}); // the instance died under it: never settles, as in the browser
	return { results: [{ id: 'en_1' }, { id: 'en_2' }, { id: 'en_2' }, { id: 'en_3' }] };
}
export async function filters() { log.push('filters start'); await tick(80); log.push('filters end'); return {}; }
export async function destroy() { log.push('destroy start'); await tick(30); generation++; log.push('destroy end'); }
`,
			options,
		);
	}

	it('waits for a teardown to end before searching again, so a re-created UI gets its results', { timeout: 5000 }, async () => {
		const { module, api } = await loadSearchModule({ delta: false, staleIds: [] });
		await module.options({});
		assert.equal((await module.search('council')).results.length, 3);
		void module.destroy(); // what PagefindUI does when the search page re-creates it
		await module.options({});
		const again = await module.search('council');
		assert.deepEqual(again.results.map((r: { id: string }) => r.id), ['en_1', 'en_2', 'en_3']);
		assert.deepEqual(api.log, ['options', 'search council', 'destroy start', 'destroy end', 'options', 'search council']);
	});
	it('lets a search wait for the filter files being loaded, so its filter counts cover every filter', { timeout: 5000 }, async () => {
		const { module, api } = await loadSearchModule({ delta: false, staleIds: [] });
		await module.options({});
		// PagefindUI starts loading the filters, and the search of a ?q= link follows at once.
		const filters = module.filters();
		await module.search('council');
		await filters;
		assert.deepEqual(api.log, ['options', 'filters start', 'filters end', 'search council']);
		// Pagefind's API alone: a search without a filters() call does not wait for one.
		const plain = await loadSearchModule({ delta: false, staleIds: [] });
		await plain.module.options({});
		await plain.module.search('council');
		assert.deepEqual(plain.api.log, ['options', 'search council']);
	});
	it('merges the delta index once per instance and drops stale ids', { timeout: 5000 }, async () => {
		const { module, api } = await loadSearchModule({ delta: true, staleIds: ['en_2', 'en_1'] });
		await module.options({});
		assert.deepEqual((await module.search('x')).results.map((r: { id: string }) => r.id), ['en_3']);
		await module.search('y');
		void module.destroy();
		await module.search('z');
		assert.deepEqual(api.log.filter((entry: string) => entry.startsWith('merge')), ['merge pagefind-delta', 'merge pagefind-delta']);
	});
});

describe('renderSearchModule: sorted searches', () => {
	/**
	 * The module beside a stand-in for Pagefind's API over pages in two parts by date. As Pagefind,
	 * a sorted search leaves undated pages out, and merged parts are ranked by score alone.
	 */
	async function loadSortingModule(dateParts: number) {
		return loadModuleBeside(
			`export const log = [];
const pages = [
	{ id: 'old_a', part: 1, date: '2020-01-01', score: 3 },
	{ id: 'old_b', part: 1, date: '2020-02-01', score: 1 },
	{ id: 'undated_1', part: 1, score: 5 },
	{ id: 'new_a', part: 2, date: '2021-01-01', score: 2 },
	{ id: 'new_b', part: 2, date: '2021-02-01', score: 4 },
	{ id: 'undated_2', part: 2, score: 0.5 },
];
const counts = { source: { Wire: 6 }, ${JSON.stringify(SEARCH_PART_FILTER)}: { 1: 3, 2: 3 } };
export async function options() {}
export async function mergeIndex(p) { log.push('merge ' + p.split('/').at(-2)); }
export async function search(term, o = {}) {
	const part = o.filters?.[${JSON.stringify(SEARCH_PART_FILTER)}];
	const sort = Object.values(o.sort ?? {})[0];
	log.push('search ' + term + (sort ? ' ' + sort : '') + (part ? ' part ' + part : ''));
	let list = pages.filter((p) => !part || String(p.part) === part);
	list = sort
		? list.filter((p) => p.date).sort((a, b) => (sort === 'asc' ? a.date.localeCompare(b.date) : b.date.localeCompare(a.date)))
		: list.sort((a, b) => b.score - a.score);
	return { results: list.map((p) => ({ id: p.id })), filters: counts, totalFilters: counts, unfilteredResultCount: 6 };
}
export async function filters() { return counts; }
export async function destroy() {}
`,
			{ delta: false, staleIds: [], dateParts },
		);
	}
	const ids = (response: { results: { id: string }[] }) => response.results.map((r) => r.id);

	it('lists the undated matches after the dated ones, best match first, so a sort hides none', { timeout: 5000 }, async () => {
		const { module } = await loadSortingModule(1);
		await module.options({});
		assert.deepEqual(ids(await module.search('x', { sort: { date: 'desc' } })), ['new_b', 'new_a', 'old_b', 'old_a', 'undated_1', 'undated_2']);
		assert.deepEqual(ids(await module.search('x', { sort: { date: 'asc' } })), ['old_a', 'old_b', 'new_a', 'new_b', 'undated_1', 'undated_2']);
		assert.deepEqual(ids(await module.search('x', {})), ['undated_1', 'new_b', 'old_a', 'new_a', 'old_b', 'undated_2']);
	});
	it('merges the second part and answers a sorted search part by part, newest part first', { timeout: 5000 }, async () => {
		const { module, api } = await loadSortingModule(2);
		await module.options({});
		assert.deepEqual(ids(await module.search('x', { sort: { date: 'desc' } })), ['new_b', 'new_a', 'old_b', 'old_a', 'undated_1', 'undated_2']);
		assert.deepEqual(ids(await module.search('x', { sort: { date: 'asc' } })), ['old_a', 'old_b', 'new_a', 'new_b', 'undated_1', 'undated_2']);
		assert.deepEqual(api.log.slice(0, 4), ['merge pagefind-shard-2', 'search x', 'search x desc part 2', 'search x desc part 1']);
	});
	it('leaves a search by relevance to Pagefind, and never shows the parts filter', { timeout: 5000 }, async () => {
		const { module, api } = await loadSortingModule(2);
		await module.options({});
		const response = await module.search('x', {});
		assert.deepEqual(ids(response), ['undated_1', 'new_b', 'old_a', 'new_a', 'old_b', 'undated_2']);
		assert.deepEqual(api.log, ['merge pagefind-shard-2', 'search x']);
		assert.deepEqual(response.filters, { source: { Wire: 6 } });
		assert.deepEqual(response.totalFilters, { source: { Wire: 6 } });
		assert.deepEqual(await module.filters(), { source: { Wire: 6 } });
	});
});

describe('renderSearchModule: filter shortlist', () => {
	/** The module beside a stand-in for Pagefind's API whose counts name many people, one of them `Rare` (1 match), one `Nobody` (0). */
	async function loadManyValuesModule() {
		return loadModuleBeside(
			`const people = { Rare: 1, Nobody: 0 };
for (let i = 0; i < ${FILTER_SHORTLIST + 10}; i++) people['Person ' + String(i).padStart(2, '0')] = 100 - i;
const counts = { person: people, source: { Wire: 6 } };
export async function options() {}
export async function mergeIndex() {}
export async function search() { return { results: [], filters: counts, totalFilters: counts }; }
export async function filters() { return counts; }
export async function destroy() {}
`,
			{ delta: false, staleIds: [], dateParts: 1 },
		);
	}

	it('offers each group\'s most frequent values, most frequent first, and any value searched on', { timeout: 5000 }, async () => {
		const { module } = await loadManyValuesModule();
		await module.options({});
		const top = Array.from({ length: FILTER_SHORTLIST }, (_, i) => 'Person ' + String(i).padStart(2, '0'));
		const panel = await module.filters();
		assert.deepEqual(Object.keys(panel.person), top);
		assert.deepEqual(panel.source, { Wire: 6 });
		const plain = await module.search('x', {});
		assert.deepEqual(Object.keys(plain.filters.person), top);
		assert.deepEqual(Object.keys(plain.totalFilters.person), top);
		// A value the reader ticked stays on the list, even when few matches have it, or none.
		const ticked = await module.search('x', { filters: { person: ['Rare', 'Nobody'] } });
		assert.deepEqual(Object.keys(ticked.filters.person), [...top, 'Rare', 'Nobody']);
		assert.equal(ticked.filters.person.Rare, 1);
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
