/**
 * Article order: newest first (lists) and oldest first (story timelines). Dates are
 * never invented: undated articles, and articles of one day, follow their file names
 * as the sign of arrival, compared naturally (file10 after file9) and by character
 * code, so the order is the same in every locale and whatever the input order.
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { buildArchive, type ArchiveItem } from '../../../src/lib/archive.ts';
import { compareFileNames, compareNewestFirst, compareOldestFirst, listOrderNote, sortNewestFirst, undatedOrderNote } from '../../../src/lib/article-order.ts';
import { newestFirstRanks } from '../../../src/lib/entities/name-pages.ts';
import { buildFrontPage, type FrontItem } from '../../../src/lib/front-page.ts';
import { groupStories } from '../../../src/lib/stories/group-stories.ts';
import { storyNeighbours } from '../../../src/lib/story-neighbours.ts';

const art = (file: string, date: string | null = null, title = `"Quoted" headline of ${file}`) => ({ file, date, title, slug: file.replace(/\W+/g, '-') });
const slugs = (list: readonly { slug: string }[]) => list.map((a) => a.slug);

/** Every rotation and the reverse of `list`: the order must not depend on the input's. */
function orders<T>(list: readonly T[]): T[][] {
	return [...list.map((_, k) => [...list.slice(k), ...list.slice(0, k)]), [...list].reverse()];
}

describe('article order', () => {
	it('lists undated articles by file name, highest first, numbers compared as numbers', () => {
		const list = [art('brief9.txt'), art('brief10.txt'), art('brief1.txt'), art('Brief2.txt'), art('alpha.txt')];
		for (const input of orders(list)) {
			assert.deepEqual(slugs(sortNewestFirst(input)), ['brief10-txt', 'brief9-txt', 'Brief2-txt', 'brief1-txt', 'alpha-txt']);
		}
	});
	it('puts dated articles first, newest date first, and orders one day by file name', () => {
		const list = [art('001.txt', '2024-03-01'), art('003.txt', null), art('002.txt', '2024-03-02'), art('010.txt', '2024-03-01'), art('004.txt', null)];
		assert.deepEqual(slugs(sortNewestFirst(list)), ['002-txt', '010-txt', '001-txt', '004-txt', '003-txt']);
		assert.deepEqual(slugs([...list].sort(compareOldestFirst)), ['001-txt', '010-txt', '002-txt', '003-txt', '004-txt']);
	});
	it('never reads the headline, and sorts paths by their folders first', () => {
		assert.ok(compareNewestFirst(art('a/2.txt', null, 'Zebra'), art('a/10.txt', null, '"Aardvark"')) > 0);
		assert.ok(compareFileNames('2024/file9.txt', '2024/file10.txt') < 0);
		assert.ok(compareFileNames('2023/file99.txt', '2024/file1.txt') < 0);
		// Equal under natural order ("01" and "1"), still one fixed order.
		assert.equal(Math.sign(compareFileNames('x01.txt', 'x1.txt')), -Math.sign(compareFileNames('x1.txt', 'x01.txt')));
		assert.notEqual(compareFileNames('x01.txt', 'x1.txt'), 0);
	});
	it('gives topic and name pages the same ranks', () => {
		const list = [art('b9.txt'), art('b10.txt', '2024-01-01'), art('b11.txt')];
		assert.deepEqual([...newestFirstRanks(list)], [2, 0, 1]);
	});
	it('orders story timelines and story neighbours oldest first, undated by file name', () => {
		const list = [art('s12.txt'), art('s3.txt', '2024-05-01'), art('s11.txt')];
		const { stories } = groupStories(list, [{ a: 0, b: 1, score: 0.9 }, { a: 1, b: 2, score: 0.9 }]);
		assert.deepEqual(stories[0]!.articles, ['s3-txt', 's11-txt', 's12-txt']);
		const map = storyNeighbours(list.map((a) => ({ ...a, story: 'x' })));
		assert.deepEqual([map.get('s11-txt')!.previous?.slug, map.get('s11-txt')!.next?.slug], ['s3-txt', 's12-txt']);
	});
});

describe('what a reader is told about the order', () => {
	it('says nothing when every article is dated', () => {
		assert.equal(undatedOrderNote(0, 5), null);
		assert.equal(listOrderNote([{ date: '2024-01-01' }]), null);
	});
	it('explains the file-name order when some or all articles have no date', () => {
		assert.equal(undatedOrderNote(2, 5), 'Articles without a date come after the dated ones, listed by file name, highest number first, which usually puts the newest first.');
		assert.equal(undatedOrderNote(3, 3), 'These articles have no date, so they are listed by file name, highest number first, which usually puts the newest first.');
		assert.equal(undatedOrderNote(1, 1), 'This article has no date, so it is listed by file name, highest number first, which usually puts the newest first.');
		assert.match(listOrderNote([{ date: null }, { date: '2024-01-01' }], 'oldest')!, /lowest number first, which usually puts the oldest first/);
	});
	it('is on the archive listing that holds undated articles, not on year and month pages', () => {
		const item = (file: string, date: string | null): ArchiveItem => ({ slug: file, title: file, summary: '', date, readingMinutes: 1, source: null, file });
		const pages = buildArchive([item('a2', '2024-03-05'), item('a10', null), item('a9', null)], 2);
		assert.deepEqual(pages.map((p) => [p.param ?? '', slugs(p.items), p.orderNote !== null]), [
			['', ['a2', 'a10'], true],
			['page/2', ['a9'], true],
			['2024', ['a2'], false],
			['2024/03', ['a2'], false],
		]);
		assert.equal(buildArchive([item('x', '2024-01-01')])[0]!.orderNote, null);
	});
	it('is on the front page when it shows undated articles', () => {
		const item = (file: string, date: string | null): FrontItem => ({ slug: file, title: file, summary: '', date, readingMinutes: 1, source: null, story: null, topics: [], file });
		assert.equal(buildFrontPage([item('f1', '2024-01-01')]).orderNote, null);
		const front = buildFrontPage([item('f9', null), item('f10', null), item('f1', '2024-01-01')]);
		assert.deepEqual([front.lead?.slug, ...slugs(front.beside)], ['f1', 'f10', 'f9']);
		assert.match(front.orderNote!, /^Articles without a date come after the dated ones/);
	});
});
