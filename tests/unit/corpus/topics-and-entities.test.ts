import assert from 'node:assert/strict';
import { test } from 'node:test';
import { indexEntities } from '../../../src/lib/entities/index-entities.ts';
import { pageMinimum } from '../../../src/lib/entities/name-pages.ts';
import { linkCorpus } from '../../../src/lib/build-corpus.ts';
import { entityUrl } from '../../../src/lib/urls.ts';
import { fixtureCorpus, ingested } from './helpers.ts';
import { referenceArticle } from './fixtures/reference-article.ts';

const meta = [
	{ slug: 'old', title: 'Old', date: '2024-01-01' },
	{ slug: 'new', title: 'New', date: '2024-02-01' },
	{ slug: 'undated', title: 'Undated', date: null },
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
	// A topic page lists several articles; one article alone makes none.
	assert.deepEqual(corpus.topics, []);
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
