import assert from 'node:assert/strict';
import { test } from 'node:test';
import { indexEntities } from '../../../src/lib/entities/index-entities.ts';
import { pageMinimum } from '../../../src/lib/entities/name-pages.ts';
import { linkCorpus } from '../../../src/lib/build-corpus.ts';
import { entityUrl } from '../../../src/lib/urls.ts';
import { fixtureCorpus, ingested } from './helpers.ts';
import { referenceArticle } from './fixtures/reference-article.ts';

const meta = [
	{ slug: 'old', title: 'Old', date: '2024-01-01', file: 'old.txt' },
	{ slug: 'new', title: 'New', date: '2024-02-01', file: 'new.txt' },
	{ slug: 'undated', title: 'Undated', date: null, file: 'undated.txt' },
];

test('page minimum applies only to large corpora', () => {
	assert.equal(pageMinimum(1), 1);
	assert.equal(pageMinimum(99), 1);
	assert.equal(pageMinimum(100), 2);
	assert.equal(pageMinimum(10, { minArticles: 3, largeCorpus: 5 }), 3);
});

test('entity pages: one spelling, newest first, minimum respected', () => {
	const extracted = [
		{ people: ['Anthony Blinken'], places: ['Iran'], organizations: [] },
		{ people: ['ANTHONY BLINKEN', 'Jane Doe'], places: ['Iran'], organizations: [] },
		{ people: ['Anthony Blinken'], places: [], organizations: ['Hamas'] },
	];
	const index = indexEntities(meta, extracted, { minArticles: 2, largeCorpus: 1 });
	assert.deepEqual(index.pages.people, [{ slug: 'anthony-blinken', name: 'Anthony Blinken', kind: 'people', articles: ['new', 'old', 'undated'] }]);
	assert.deepEqual(index.pages.places.map((p) => p.articles), [['new', 'old']]);
	assert.deepEqual(index.pages.organizations, []);
	// Articles list only names that have a page, in canonical spelling.
	assert.deepEqual(index.articleEntities[1], { people: ['Anthony Blinken'], places: ['Iran'], organizations: [] });
});

test('reference article alone: every entity gets a page and a link', () => {
	const corpus = linkCorpus([ingested({ slug: 'iran-offer', ...referenceArticle })]);
	const [article] = corpus.articles;
	assert.ok(corpus.people.some((p) => p.name === 'Anthony Blinken' && p.articles[0] === 'iran-offer'));
	assert.ok(corpus.places.some((p) => p.name === 'United States'));
	assert.ok(corpus.organizations.some((p) => p.name === 'Reuters'));
	for (const name of article!.entities.people) assert.ok(corpus.people.some((p) => p.name === name));
	assert.equal(entityUrl('people', 'anthony-blinken', '/'), '/people/anthony-blinken/');
	assert.ok(article!.topics.length > 0, 'a one-article site still gets topics');
	assert.ok(corpus.topics.every((t) => t.articles.includes('iran-offer')));
});

test('topics: front-matter tags win; untagged articles get shared terms', () => {
	const corpus = fixtureCorpus();
	corpus[0] = { ...corpus[0]!, tags: ['Football', 'Cup final'] };
	const { articles, topics } = linkCorpus(corpus);
	assert.deepEqual(articles.find((a) => a.slug === corpus[0]!.slug)!.topics, ['football', 'cup-final']);
	assert.equal(topics.find((t) => t.slug === 'cup-final')!.origin, 'tag');
	assert.equal(topics.find((t) => t.slug === 'cup-final')!.name, 'Cup final');
	for (const topic of topics) assert.ok(topic.articles.length >= 1);
	const derived = articles.filter((a) => a.tags.length === 0 && a.topics.length > 0);
	assert.ok(derived.length > 0);
});

test('a bare surname joins the one full name with that surname across the corpus', () => {
	const extracted = [
		{ people: ['George W Bush'], places: [], organizations: [] },
		{ people: ['Bush', 'Tony Blair'], places: [], organizations: [] },
		{ people: ['Bush'], places: [], organizations: [] },
	];
	const index = indexEntities(meta, extracted, { minArticles: 1, largeCorpus: 1 });
	assert.deepEqual(index.pages.people.map((p) => [p.name, p.articles]), [
		['George W Bush', ['new', 'old', 'undated']],
		['Tony Blair', ['new']],
	]);
	assert.deepEqual(index.articleEntities[2]!.people, ['George W Bush']);
});
