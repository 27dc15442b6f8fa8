import assert from 'node:assert/strict';
import { test } from 'node:test';
import { createHeadlineResolver, normalizeHeadline, resolveSourceRelated } from '../../../src/lib/related/resolve-source-related.ts';
import { linkCorpus } from '../../../src/lib/build-corpus.ts';
import { searchUrl } from '../../../src/lib/urls.ts';
import { ingested } from './helpers.ts';
import { referenceArticle } from './fixtures/reference-article.ts';

const site = [
	{ slug: 'us-actor-found-with-gun-residue', title: "US actor 'found with gun residue'" },
	{ slug: 'elvis-regains-top-chart-position', title: 'Elvis regains top chart position' },
	{ slug: 'doves-soar-to-uk-album-summit', title: 'Doves soar to UK album summit' },
];

test('normalisation ignores case, quotes and punctuation', () => {
	assert.equal(normalizeHeadline("US actor ‘Found’ with gun-residue!"), normalizeHeadline("us actor 'found' with gun residue"));
});

test('exact and tolerant matches resolve; unknown headlines do not', () => {
	const resolve = createHeadlineResolver(site);
	assert.equal(resolve("US actor 'found with gun residue'"), 'us-actor-found-with-gun-residue');
	assert.equal(resolve('US ACTOR “FOUND WITH GUN RESIDUE”'), 'us-actor-found-with-gun-residue');
	assert.equal(resolve('Elvis regains the top chart position'), 'elvis-regains-top-chart-position');
	assert.equal(resolve('Doves soar to UK albums summit'), 'doves-soar-to-uk-album-summit');
	assert.equal(resolve('Elvis leaves the building'), null);
	assert.equal(resolve('Something else entirely'), null);
});

test('an article never resolves a headline to itself', () => {
	const resolve = createHeadlineResolver(site);
	assert.equal(resolve('Elvis regains top chart position', 'elvis-regains-top-chart-position'), null);
});

test('reference article: its three source headlines go to search', () => {
	const { articles } = linkCorpus([ingested({ slug: 'iran-offer', ...referenceArticle })]);
	const [article] = articles;
	assert.equal(article!.sourceRelated.length, 3);
	for (const { headline, slug } of article!.sourceRelated) {
		assert.equal(slug, null);
		assert.match(searchUrl(headline, '/'), /^\/search\/\?q=/);
	}
	assert.deepEqual(resolveSourceRelated([], createHeadlineResolver([])), []);
});

test('a headline of a folded duplicate resolves to the article that absorbed it', () => {
	const keeper = ingested({ slug: 'safin-plays-down-wimbledon-hopes', title: 'Safin plays down Wimbledon hopes', paragraphs: ['Marat Safin says grass is not his surface.'] });
	const other = ingested({ slug: 'other', title: 'Other news', paragraphs: ['Unrelated text.'], sourceRelated: ['Safin cool on Wimbledon'] });
	const without = linkCorpus([keeper, other]).articles.find((a) => a.slug === 'other')!;
	assert.equal(without.sourceRelated[0]!.slug, null);
	const withAliases = linkCorpus([keeper, other], { headlineAliases: [{ slug: keeper.slug, title: 'Safin cool on Wimbledon' }] }).articles.find((a) => a.slug === 'other')!;
	assert.equal(withAliases.sourceRelated[0]!.slug, keeper.slug);
});
