import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { buildArchive, type ArchiveItem } from '../../../src/lib/archive.ts';

const item = (slug: string, date: string | null): ArchiveItem => ({ slug, title: slug, summary: '', date, readingMinutes: 1, source: null, file: `${slug}.txt` });
const articles = [
	item('a', '2024-03-05'), item('b', '2024-03-01'), item('c', '2024-01-20'),
	item('d', '2023-12-31'), item('e', null), item('f', '2024-03-04'),
];

describe('buildArchive', () => {
	const pages = buildArchive(articles, 2);
	const byParam = new Map(pages.map((p) => [p.param ?? '', p]));

	it('paginates the whole archive newest first, undated last', () => {
		assert.deepEqual(pages.filter((p) => p.heading === 'Archive').map((p) => [p.param, p.items.map((i) => i.slug)]), [
			[undefined, ['a', 'f']], ['page/2', ['b', 'c']], ['page/3', ['d', 'e']],
		]);
		assert.equal(byParam.get('page/2')!.pageHref(3), '/archive/page/3/');
		assert.equal(byParam.get('')!.pageHref(1), '/archive/');
	});
	it('makes a page per year and per month, months paginated', () => {
		assert.deepEqual([...byParam.keys()].filter((k) => /^\d/.test(k)), ['2024', '2024/03', '2024/03/page/2', '2024/01', '2023', '2023/12']);
		const march2 = byParam.get('2024/03/page/2')!;
		assert.equal(march2.heading, 'March 2024');
		assert.deepEqual(march2.items.map((i) => i.slug), ['b']);
		assert.equal(march2.pageHref(1), '/archive/2024/03/');
		assert.deepEqual(march2.trail.map((t) => t.href), ['/archive/', '/archive/2024/', '/archive/2024/03/']);
	});
	it('counts articles per year and month and marks the current one', () => {
		const year = byParam.get('2024')!;
		assert.deepEqual(year.years.map((y) => [y.label, y.count, y.current]), [['2024', 4, true], ['2023', 1, false]]);
		assert.deepEqual(year.months.map((m) => [m.label, m.count]), [['March', 3], ['January', 1]]);
	});
	it('still has an archive page when nothing is dated or there are no articles', () => {
		assert.deepEqual(buildArchive([item('x', null)]).map((p) => p.param), [undefined]);
		const [empty] = buildArchive([]);
		assert.equal(empty.count, 0);
		assert.deepEqual(empty.years, []);
	});
});
