import assert from 'node:assert/strict';
import { test } from 'node:test';
import { groupStories } from '../../../src/lib/stories/group-stories.ts';

const articles = [
	{ slug: 'c-talks-resume', title: 'Talks resume', date: '2024-03-05', file: 'c-talks-resume.txt' },
	{ slug: 'a-talks-begin', title: 'Talks begin', date: '2024-03-01', file: 'a-talks-begin.txt' },
	{ slug: 'b-talks-stall', title: 'Talks stall', date: '2024-03-03', file: 'b-talks-stall.txt' },
	{ slug: 'd-talks-again', title: 'Talks again', date: '2024-06-01', file: 'd-talks-again.txt' },
	{ slug: 'e-unrelated', title: 'Unrelated', date: null, file: 'e-unrelated.txt' },
];

test('strong links group articles; the timeline is oldest first; id is the first slug', () => {
	const { stories, storyOf } = groupStories(articles, [
		{ a: 0, b: 1, score: 0.6 },
		{ a: 1, b: 2, score: 0.7 },
		{ a: 2, b: 4, score: 0.2 },
	]);
	assert.deepEqual(stories, [
		{ id: 'a-talks-begin', title: 'Talks begin', articles: ['a-talks-begin', 'b-talks-stall', 'c-talks-resume'], firstDate: '2024-03-01', lastDate: '2024-03-05' },
	]);
	assert.deepEqual(storyOf, ['a-talks-begin', 'a-talks-begin', 'a-talks-begin', null, null]);
});

test('the time window keeps distant dates apart', () => {
	const { stories } = groupStories(articles, [{ a: 0, b: 3, score: 0.9 }], { windowDays: 7 });
	assert.deepEqual(stories, []);
	assert.equal(groupStories(articles, [{ a: 0, b: 3, score: 0.9 }], { windowDays: 120 }).stories.length, 1);
});

test('ids and members do not depend on edge order; size is capped', () => {
	const edges = [
		{ a: 0, b: 1, score: 0.6 },
		{ a: 1, b: 2, score: 0.7 },
	];
	assert.deepEqual(groupStories(articles, [...edges].reverse()), groupStories(articles, edges));
	const capped = groupStories(articles, edges, { maxSize: 2 });
	assert.deepEqual(capped.stories.map((s) => s.articles), [['a-talks-begin', 'b-talks-stall']]);
});
