import assert from 'node:assert/strict';
import { test } from 'node:test';
import { indexEntities } from '../../../src/lib/entities/index-entities.ts';
import { pageMinimum, spansStories } from '../../../src/lib/entities/name-pages.ts';
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
	assert.equal(pageMinimum(100), 3);
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

test('on a large corpus a name page needs articles from two stories; an article outside a story counts alone', () => {
	const four = [...meta, { slug: 'later', title: 'Later', date: '2024-03-01', file: 'later.txt' }];
	const extracted = [
		// Only in one story's three reports: the story page lists them already.
		{ people: ['Anthony LaCalamita', 'Jane Doe'], places: ['Troy'], organizations: [] },
		{ people: ['Anthony LaCalamita', 'Jane Doe'], places: ['Troy'], organizations: [] },
		{ people: ['Anthony LaCalamita'], places: ['Troy'], organizations: [] },
		// Jane Doe and Troy also appear outside that story.
		{ people: ['Jane Doe'], places: ['Troy'], organizations: [] },
	];
	const storyOf = ['shooting', 'shooting', 'shooting', null];
	const large = { minArticles: 3, largeCorpus: 1 };
	const index = indexEntities(four, extracted, large, {}, storyOf);
	assert.deepEqual(index.pages.people.map((p) => p.name), ['Jane Doe']);
	assert.deepEqual(index.pages.places.map((p) => p.name), ['Troy']);
	assert.deepEqual(index.articleEntities[2], { people: [], places: ['Troy'], organizations: [] });
	// Without stories, or on a small site (every name gets a page), nothing changes.
	assert.deepEqual(indexEntities(four, extracted, large).pages.people.map((p) => p.name), ['Anthony LaCalamita', 'Jane Doe']);
	assert.deepEqual(indexEntities(four, extracted, {}, {}, storyOf).pages.people.map((p) => p.name), ['Anthony LaCalamita', 'Jane Doe']);
	assert.equal(spansStories([0, 1, 2], storyOf), false);
	assert.equal(spansStories([0, 3], storyOf), true);
	assert.equal(spansStories([3], [null]), false);
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

test('a bare surname joins the full name used elsewhere only when the articles share context', () => {
	const extracted = [
		{ people: ['George W Bush'], places: ['Iraq', 'Washington'], organizations: [] },
		{ people: ['Bush', 'Tony Blair'], places: ['Iraq', 'Washington'], organizations: [] },
		// Nothing in common with the full name's article: the surname stays alone.
		{ people: ['Bush'], places: ['Texas'], organizations: [] },
	];
	const index = indexEntities(meta, extracted, { minArticles: 1, largeCorpus: 1 });
	assert.deepEqual(index.pages.people.map((p) => [p.name, p.articles]), [
		['Bush', ['undated']],
		['George W Bush', ['new', 'old']],
		['Tony Blair', ['new']],
	]);
	assert.deepEqual(index.articleEntities[1]!.people, ['Tony Blair', 'George W Bush']);
});

/** The cross-link corpus of `articles` (slug, headline, one paragraph each). */
function link(articles: [string, string, string][]) {
	return linkCorpus(articles.map(([slug, title, text]) => ingested({ slug, title, paragraphs: [text] })));
}
const peopleOf = (corpus: ReturnType<typeof link>, slug: string): string[] => corpus.articles.find((a) => a.slug === slug)!.entities.people;

test('"Baker told reporters" in one article is the James Baker another names, when the context agrees', () => {
	const corpus = link([
		['baker-dollar', 'Dollar falls', 'Treasury Secretary James Baker said the dollar had fallen far enough. The Treasury in Washington would work with Tokyo and Bonn.'],
		['baker-reporters', 'Currency talks', 'Baker told reporters the Treasury would keep talking to Tokyo about the yen. The talks in Washington go on.'],
		['baker-bakery', 'New bakery', 'Baker said the bakery in Lyon would open on Saturday with fresh bread for the village.'],
	]);
	assert.deepEqual(peopleOf(corpus, 'baker-dollar'), ['James Baker']);
	assert.deepEqual(peopleOf(corpus, 'baker-reporters'), ['James Baker']);
	// Same surname, nothing in common with the Treasury stories: not joined.
	assert.ok(!peopleOf(corpus, 'baker-bakery').includes('James Baker'), `${peopleOf(corpus, 'baker-bakery')}`);
	assert.deepEqual(corpus.people.find((p) => p.name === 'James Baker')!.articles.sort(), ['baker-dollar', 'baker-reporters']);
});

test('two full names share a surname: the context picks one, or neither', () => {
	const corpus = link([
		['george', 'Summit', 'Vice President George Bush met Soviet leaders in Moscow and the Kremlin said the talks in Geneva were useful.'],
		['laura', 'Reading', 'Laura Bush visited a school in Dallas to promote reading at the Texas Book Festival with the Dallas Public Library.'],
		['moscow-talks', 'Arms talks', 'Bush said the Kremlin wanted more talks in Geneva and Moscow.'],
		['dallas-school', 'Schools', 'Bush told teachers in Dallas that the Texas Book Festival and the Dallas Public Library would grow.'],
		['both', 'Trip', 'Bush said the trip to Moscow and Dallas went well.'],
	]);
	assert.deepEqual(peopleOf(corpus, 'moscow-talks'), ['George Bush']);
	assert.deepEqual(peopleOf(corpus, 'dallas-school'), ['Laura Bush']);
	assert.ok(!peopleOf(corpus, 'both').some((p) => p.includes(' ')), `${peopleOf(corpus, 'both')}`);
});

test('a place or organisation that is also a surname stays what it is without a person\'s evidence', () => {
	const corpus = link([
		['jordan-player', 'Bulls win', 'Michael Jordan scored 40 points as the Chicago Bulls beat the Boston Celtics in Chicago.'],
		['jordan-wheat', 'Wheat deal', 'Jordan signed a deal to buy wheat from Egypt, and ships will sail to Jordan next month.'],
		['jordan-said', 'Comeback', 'Jordan said the Bulls would win again in Chicago and Boston.'],
	]);
	const wheat = corpus.articles.find((a) => a.slug === 'jordan-wheat')!.entities;
	assert.ok(wheat.places.includes('Jordan'), `${wheat.places}`);
	assert.deepEqual(wheat.people, []);
	// "Jordan said" next to the Bulls, Chicago and Boston is the player.
	const said = corpus.articles.find((a) => a.slug === 'jordan-said')!.entities;
	assert.deepEqual(said.people, ['Michael Jordan']);
	assert.ok(!said.places.includes('Jordan'), `${said.places}`);
});

test('a full name an article could not read is the person another article reads; its surname joins no one else', () => {
	const corpus = link([
		['coach', 'Coach speaks', 'Coach Tarvaris Quillen said the Colts were ready for Denver.'],
		['game', 'Colts win', 'Tarvaris Quillen and the Colts beat Denver on Sunday.'],
		['other', 'Another Quillen', 'Marisol Quillen and the Colts fans filled Denver. Quillen said the Colts were ready.'],
	]);
	assert.deepEqual(peopleOf(corpus, 'game'), ['Tarvaris Quillen']);
	assert.ok(!peopleOf(corpus, 'other').includes('Tarvaris Quillen'), `${peopleOf(corpus, 'other')}`);
});
