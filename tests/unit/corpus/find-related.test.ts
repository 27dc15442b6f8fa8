import assert from 'node:assert/strict';
import { test } from 'node:test';
import { buildTermVectors } from '../../../src/lib/related/build-term-vectors.ts';
import { findNeighbors, rerankBySharedNeighbors, selectRelated } from '../../../src/lib/related/find-related.ts';
import { tokenizeText } from '../../../src/lib/related/tokenize-text.ts';
import { linkCorpus } from '../../../src/lib/build-corpus.ts';
import { fixtureCorpus, ingested, subjectOf } from './helpers.ts';

test('tokenizer: stop words, numbers and possessives dropped, plurals folded', () => {
	assert.deepEqual(tokenizeText("The bank's 6,000 shares rose, and companies' profits too"), ['bank', 'share', 'rose', 'company', 'profit']);
});

test('vectors are unit length and strongest first', () => {
	const vectors = buildTermVectors(fixtureCorpus().map((a) => ({ title: a.title, paragraphs: a.paragraphs })));
	for (const w of vectors.weights) {
		const norm = Math.sqrt(w.reduce((s, x) => s + x * x, 0));
		if (w.length > 0) assert.ok(Math.abs(norm - 1) < 1e-5);
		for (let j = 1; j < w.length; j++) assert.ok(w[j - 1]! >= w[j]!);
	}
});

test('related lists stay on subject, are capped at 5, and an unrelated article gets none', () => {
	const { articles } = linkCorpus(fixtureCorpus());
	for (const article of articles) {
		assert.ok(article.related.length <= 5);
		for (const r of article.related) assert.equal(subjectOf(r.slug), subjectOf(article.slug), `${article.slug} → ${r.slug}`);
		if (subjectOf(article.slug) !== 'other') assert.ok(article.related.length >= 1, `${article.slug} has related news`);
	}
	assert.deepEqual(articles.find((a) => a.slug === 'village-fete')!.related, []);
});

test('scores descend; a high minimum score empties the lists', () => {
	const { articles } = linkCorpus(fixtureCorpus(), { related: { minScore: 0.05 } });
	for (const a of articles) for (let i = 1; i < a.related.length; i++) assert.ok(a.related[i - 1]!.score >= a.related[i]!.score);
	const strict = linkCorpus(fixtureCorpus(), { related: { minScore: 5 } });
	assert.ok(strict.articles.every((a) => a.related.length === 0));
});

test('deterministic: input order does not change any list', () => {
	const corpus = fixtureCorpus();
	const forward = linkCorpus(corpus);
	const backward = linkCorpus([...corpus].reverse());
	const bySlug = (list: typeof forward.articles) => Object.fromEntries(list.map((a) => [a.slug, [a.related.map((r) => r.slug), a.story, a.topics, a.entities]]));
	assert.deepEqual(bySlug(backward.articles), bySlug(forward.articles));
	assert.deepEqual(backward.stories, forward.stories);
});

test('near-identical bodies are never related to each other', () => {
	const corpus = fixtureCorpus();
	const twin = corpus.find((a) => a.slug === 'shares-fall-on-rates')!;
	corpus.push(ingested({ slug: 'stocks-slide-as-rates-rise', title: 'Shares fall as the bank lifts interest rates', paragraphs: [...twin.paragraphs] }));
	const { articles } = linkCorpus(corpus);
	const original = articles.find((a) => a.slug === 'shares-fall-on-rates')!;
	const copy = articles.find((a) => a.slug === 'stocks-slide-as-rates-rise')!;
	assert.ok(original.related.length > 0, 'the original still has related news');
	assert.ok(!original.related.some((r) => r.slug === copy.slug));
	assert.ok(!copy.related.some((r) => r.slug === original.slug));
	// ...but they are one story.
	assert.ok(original.story !== null && original.story === copy.story);
});

test('posting lists are capped: a term links only its strongest articles', () => {
	// 30 articles share "common"; with 3 postings per term and a single query term, each finds at most 3 neighbours.
	const inputs = Array.from({ length: 30 }, (_, i) => ({ title: `common ${'x'.repeat(i % 5 + 3)}`, paragraphs: [`common word ${'y'.repeat(i + 3)}`] }));
	const vectors = buildTermVectors(inputs, { keepUnique: false });
	const { neighbors } = findNeighbors(vectors, { maxPostings: 3, queryTerms: 1, minScore: 0, minContribution: 0 });
	for (const list of neighbors) assert.ok(list.length <= 3);
});

test('shared-neighbour rerank keeps order deterministic and adds a bonus', () => {
	const neighbors = [[{ index: 1, score: 0.5 }, { index: 2, score: 0.5 }], [{ index: 0, score: 0.5 }], [{ index: 0, score: 0.5 }]];
	const reranked = rerankBySharedNeighbors(neighbors, { depth: 2, weight: 0.2 });
	assert.deepEqual(reranked[0]!.map((n) => n.index), [1, 2]);
	assert.ok(reranked[0]![0]!.score > 0.5);
	assert.deepEqual(selectRelated(reranked, { limit: 1, minScore: 0 })[0], [reranked[0]![0]]);
});

test('a related list never holds two near-duplicates of each other', () => {
	const neighbors = [[{ index: 1, score: 0.6 }, { index: 2, score: 0.59 }, { index: 3, score: 0.5 }], [], [], []];
	const nearDuplicates = [[], [2], [1], []];
	assert.deepEqual(selectRelated(neighbors, { minScore: 0 }, nearDuplicates)[0]!.map((n) => n.index), [1, 3]);
	assert.deepEqual(selectRelated(neighbors, { minScore: 0 })[0]!.map((n) => n.index), [1, 2, 3]);
});
