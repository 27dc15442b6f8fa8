import assert from 'node:assert/strict';
import { test } from 'node:test';
import { linkCorpus } from '../../../src/lib/build-corpus.ts';
import { buildEventVectors, eventSimilarity, readEventFeatures } from '../../../src/lib/stories/event-vectors.ts';
import { groupStories } from '../../../src/lib/stories/group-stories.ts';
import { fixtureCorpus, ingested } from './helpers.ts';

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
		{ a: 0, b: 2, score: 0.5 },
		{ a: 2, b: 4, score: 0.2 },
	]);
	assert.deepEqual(stories, [
		{ id: 'a-talks-begin', title: 'Talks begin', articles: ['a-talks-begin', 'b-talks-stall', 'c-talks-resume'], firstDate: '2024-03-01', lastDate: '2024-03-05' },
	]);
	assert.deepEqual(storyOf, ['a-talks-begin', 'a-talks-begin', 'a-talks-begin', null, null]);
});

test('a chain of look-alikes is not one story: the group as a whole must be alike', () => {
	// a–b and b–c are strong, but a and c share nothing: {a, b} + {c} averages (0 + 0.3) / 2 = 0.15.
	const chain = [
		{ slug: 'a', title: 'A', date: null, file: 'a.txt' },
		{ slug: 'b', title: 'B', date: null, file: 'b.txt' },
		{ slug: 'c', title: 'C', date: null, file: 'c.txt' },
	];
	const { stories } = groupStories(chain, [
		{ a: 0, b: 1, score: 0.6 },
		{ a: 1, b: 2, score: 0.3 },
	]);
	assert.deepEqual(stories.map((s) => s.articles), [['a', 'b']]);
});

test('the time window keeps distant dates apart', () => {
	const { stories } = groupStories(articles, [{ a: 0, b: 3, score: 0.9 }], { windowDays: 7 });
	assert.deepEqual(stories, []);
	assert.equal(groupStories(articles, [{ a: 0, b: 3, score: 0.9 }], { windowDays: 120 }).stories.length, 1);
});

test('ids and members do not depend on edge order', () => {
	const edges = [
		{ a: 0, b: 1, score: 0.6 },
		{ a: 1, b: 2, score: 0.7 },
		{ a: 2, b: 0, score: 0.6 },
		{ a: 3, b: 4, score: 0.3 },
	];
	assert.deepEqual(groupStories(articles, [...edges].reverse()), groupStories(articles, edges));
});

test('event features: capitalised words inside a sentence and figures, not sentence starts or the dateline', () => {
	assert.deepEqual(readEventFeatures({ paragraphs: ['The Harbour Board said profit rose to 12.5 mln crowns from 9,800,000. Analysts at Nordbank agreed.'] }), [
		'harbour',
		'board',
		'#12.5',
		'#9800000',
		'nordbank',
	]);
	const vectors = buildEventVectors([
		{ paragraphs: ['Shares of Acme rose after Acme said 2024 sales hit 1,500 units.'] },
		{ paragraphs: ['Sales at Acme hit 1,500 units in 2024.'] },
		{ paragraphs: ['Sales at Borden hit 1,500 units in 2024.'] },
		{ paragraphs: ['Nothing named here at all, Borden.'] },
	]);
	assert.ok(eventSimilarity(vectors, 0, 1) > 0.99);
	assert.equal(eventSimilarity(vectors, 0, 2), 0, 'figures alone do not make the same event');
	assert.ok(eventSimilarity(vectors, 2, 3) > 0);
});

/** A wire brief on the quarterly-results template: same words, another company, other figures. */
function earningsBrief(company: string, i: number) {
	const a = 10 + i;
	const b = 20 + 3 * i;
	return ingested({
		slug: `${company.toLowerCase().replace(/\s+/g, '-')}-quarter-net`,
		title: `${company.toUpperCase()} 1ST QTR NET`,
		date: '1987-04-0' + ((i % 9) + 1),
		dateline: 'NEW YORK, April 2',
		paragraphs: [`Shr ${a} cts vs ${b} cts`, `Net ${a * 101},000 vs ${b * 97},000`, `Revs ${a + 40}.${i} mln vs ${b + 35}.${i} mln`, `Note: ${company} said results include a gain on the sale of its ${['paper', 'steel', 'chemicals', 'food'][i % 4]} unit.`],
	});
}

test('earnings reports of different companies are never one story; two reports of one deal are', () => {
	const companies = ['Acme Tools', 'Borden Mills', 'Crane Foods', 'Delta Wire', 'Elgin Paper', 'Foster Glass', 'Grant Steel', 'Harbor Chemicals', 'Ionic Dyes', 'Jasper Textiles', 'Kent Metals', 'Lowell Plastics'];
	const corpus = [...fixtureCorpus(), ...companies.map(earningsBrief)];
	corpus.push(
		ingested({
			slug: 'kent-metals-to-buy-ionic-dyes',
			title: 'KENT METALS TO BUY IONIC DYES FOR 310 MLN DLRS',
			date: '1987-04-03',
			paragraphs: ['Kent Metals Inc said it agreed to buy Ionic Dyes Corp for 310 mln dlrs in cash, or 42 dlrs a share.', 'The boards of Kent Metals and Ionic Dyes approved the deal, which needs the approval of Ionic shareholders, Kent said.'],
		}),
		ingested({
			slug: 'kent-agrees-ionic-deal',
			title: 'Kent Metals agrees 310 mln dlr Ionic Dyes purchase',
			date: '1987-04-04',
			paragraphs: ['Kent Metals has agreed to acquire Ionic Dyes for 310 mln dlrs, or 42 dlrs a share in cash, the companies said.', 'Ionic shareholders must still approve the purchase, which both boards have backed, Kent said.'],
		}),
	);
	const { articles, stories } = linkCorpus(corpus);
	const earnings = new Set(companies.map((c, i) => earningsBrief(c, i).slug));
	for (const story of stories) {
		const briefs = story.articles.filter((slug) => earnings.has(slug));
		assert.ok(briefs.length <= 1, `one story holds ${briefs.join(', ')}`);
	}
	const deal = articles.filter((a) => a.slug.startsWith('kent-') && !earnings.has(a.slug));
	assert.ok(deal[0]!.story !== null && deal[0]!.story === deal[1]!.story, 'the two deal reports are one story');
	assert.equal(deal[0]!.related[0]?.slug, deal[1]!.slug, 'other reports of the same story come first in related news');
	// Related news still finds the other briefs: they are on one subject.
	const brief = articles.find((a) => a.slug === 'acme-tools-quarter-net')!;
	assert.ok(brief.related.length >= 3 && brief.related.every((r) => earnings.has(r.slug)), `related: ${brief.related.map((r) => r.slug).join(', ')}`);
});
