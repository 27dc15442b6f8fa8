import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { buildFrontPage, type FrontItem } from '../../../src/lib/front-page.ts';
import { storyNeighbours } from '../../../src/lib/story-neighbours.ts';

const item = (slug: string, date: string | null, story: string | null = null, topics: string[] = []): FrontItem => ({
	slug, title: `Title ${slug}`, summary: '', date, readingMinutes: 1, source: null, story, topics, file: `${slug}.txt`,
});

describe('buildFrontPage', () => {
	it('leads with the newest article and lists the rest', () => {
		const front = buildFrontPage([item('old', '2024-01-01'), item('new', '2024-02-01'), item('undated', null)]);
		assert.equal(front.lead?.slug, 'new');
		assert.deepEqual(front.beside.map((a) => a.slug), ['old', 'undated'], 'with no stories, the next headlines sit beside the lead');
		assert.deepEqual(front.latest, []);
		assert.equal(front.more, false);
	});
	it('copes with no articles', () => {
		assert.deepEqual(buildFrontPage([]), { lead: null, beside: [], latest: [], stories: [], topics: [], more: false, orderNote: null });
	});
	it('lists stories with several articles, newest first, named by their newest headline', () => {
		const front = buildFrontPage([
			item('a1', '2024-01-01', 'a'), item('a2', '2024-01-05', 'a'),
			item('b1', '2024-02-01', 'b'), item('b2', '2024-02-02', 'b'), item('b3', '2024-01-01', 'b'),
			item('lonely', '2024-03-01', 'c'),
		]);
		assert.deepEqual(front.stories, [
			{ id: 'b', headline: 'Title b2', count: 3, latest: '2024-02-02' },
			{ id: 'a', headline: 'Title a2', count: 2, latest: '2024-01-05' },
		]);
	});
	it('ranks topics by how many articles carry them, and caps every section', () => {
		const many = Array.from({ length: 30 }, (_, i) => item(`n${i}`, `2024-01-${String((i % 28) + 1).padStart(2, '0')}`, null, i % 3 ? ['x'] : ['x', 'y']));
		const front = buildFrontPage(many, { latest: 5, topics: 1 }, new Map([['x', 'Ex']]));
		assert.equal(front.beside.length, 4);
		assert.equal(front.latest.length, 5);
		assert.equal(front.more, true);
		assert.deepEqual(front.topics, [{ slug: 'x', name: 'Ex', count: 30 }]);
	});
});

describe('storyNeighbours', () => {
	it('links each article to the one before and after it in its story, oldest first', () => {
		const map = storyNeighbours([item('b', '2024-01-02', 's'), item('a', '2024-01-01', 's'), item('c', null, 's'), item('x', '2024-01-01')]);
		assert.deepEqual([map.get('a')!.previous, map.get('a')!.next?.slug], [null, 'b']);
		assert.deepEqual([map.get('b')!.previous?.slug, map.get('b')!.next?.slug, map.get('b')!.position, map.get('b')!.size], ['a', 'c', 2, 3]);
		assert.deepEqual(map.get('x'), { previous: null, next: null, position: 0, size: 0 });
	});
});
