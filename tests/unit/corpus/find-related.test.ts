import assert from 'node:assert/strict';
import { test } from 'node:test';
import { buildTermVectors } from '../../../src/lib/related/build-term-vectors.ts';
import { findNeighbors, rerankBySharedNeighbors, selectRelated } from '../../../src/lib/related/find-related.ts';
import { tokenizeText } from '../../../src/lib/related/tokenize-text.ts';
import { linkCorpus, linkCorpusInParallel } from '../../../src/lib/build-corpus.ts';
import { deriveTopicsBesideNames, packNeighbors, startTextWorker, unpackNeighbors } from '../../../src/lib/text-features.ts';
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

test('reading the names and deriving the topics on a worker thread gives the same corpus', async () => {
	const corpus = fixtureCorpus();
	// The worker must really answer: a failure would fall back to this thread silently.
	const worker = startTextWorker(corpus);
	const vectors = buildTermVectors(corpus);
	try {
		const names = await worker.names;
		assert.equal(names?.length, corpus.length);
		const neighbors = findNeighbors(vectors);
		const fromWorker = await worker.deriveTopics(vectors, neighbors, {});
		assert.ok(fromWorker);
		assert.deepEqual(fromWorker.topics, deriveTopicsBesideNames(corpus, names!, vectors, neighbors, {}));
	} finally {
		await worker.close();
	}
	assert.deepEqual(await linkCorpusInParallel(corpus, { workerFrom: 1 }), linkCorpus(corpus));
});

test('a stopped text worker answers null at once, so the caller works in its own thread', async () => {
	const corpus = fixtureCorpus();
	const worker = startTextWorker(corpus);
	await worker.close();
	const vectors = buildTermVectors(corpus);
	assert.equal(await worker.deriveTopics(vectors, findNeighbors(vectors), {}), null);
});

test('neighbour lists survive packing for another thread', () => {
	const vectors = buildTermVectors(fixtureCorpus());
	const lists = findNeighbors(vectors);
	assert.deepEqual(unpackNeighbors(packNeighbors(lists)), lists);
	assert.deepEqual(unpackNeighbors(packNeighbors([])), []);
});

test('deterministic: input order does not change any list', () => {
	const corpus = fixtureCorpus();
	const forward = linkCorpus(corpus);
	const backward = linkCorpus([...corpus].reverse());
	const bySlug = (list: typeof forward.articles) => Object.fromEntries(list.map((a) => [a.slug, [a.related.map((r) => r.slug), a.story, a.topics, a.entities]]));
	assert.deepEqual(bySlug(backward.articles), bySlug(forward.articles));
	assert.deepEqual(backward.stories, forward.stories);
});

test('a report on the same template with other figures is related news', () => {
	const corpus = fixtureCorpus();
	corpus.push(
		ingested({ slug: 'central-bank-adds-funds-march-9', title: 'Central bank adds funds to the money market', dateline: 'LONDON, March 9', paragraphs: ['The Reserve Board added 2.5 billion crowns of temporary funds to the money market through overnight repurchase agreements, a spokesman said.', 'Dealers said overnight rates were at 6-1/4 pct when the Board stepped in.'] }),
		ingested({ slug: 'central-bank-adds-funds-march-20', title: 'Central bank adds funds to the money market', dateline: 'LONDON, March 20', paragraphs: ['The Reserve Board added 1.5 billion crowns of temporary funds to the money market through overnight repurchase agreements, a spokesman said.', 'Dealers said overnight rates were at 6-3/8 pct when the Board stepped in.'] }),
	);
	const { articles } = linkCorpus(corpus);
	const first = articles.find((a) => a.slug === 'central-bank-adds-funds-march-9')!;
	assert.deepEqual(first.related.map((r) => r.slug), ['central-bank-adds-funds-march-20']);
});

test('posting lists are capped: a term links only its strongest articles', () => {
	// 30 articles share "common"; with 3 postings per term and a single query term, each finds at most 3 neighbours.
	const inputs = Array.from({ length: 30 }, (_, i) => ({ title: `common ${'x'.repeat(i % 5 + 3)}`, paragraphs: [`common word ${'y'.repeat(i + 3)}`] }));
	const vectors = buildTermVectors(inputs, { keepUnique: false });
	const neighbors = findNeighbors(vectors, { maxPostings: 3, queryTerms: 1, minScore: 0, minContribution: 0, rescore: 0 });
	for (const list of neighbors) assert.ok(list.length <= 3);
});

test('shared-neighbour rerank keeps order deterministic and adds a bonus', () => {
	const neighbors = [[{ index: 1, score: 0.5 }, { index: 2, score: 0.5 }], [{ index: 0, score: 0.5 }], [{ index: 0, score: 0.5 }]];
	const reranked = rerankBySharedNeighbors(neighbors, { depth: 2, weight: 0.2 });
	assert.deepEqual(reranked[0]!.map((n) => n.index), [1, 2]);
	assert.ok(reranked[0]![0]!.score > 0.5);
	assert.deepEqual(selectRelated(reranked, { limit: 1, minScore: 0 })[0], [reranked[0]![0]]);
});

test('candidates found through capped posting lists are re-scored with the exact cosine', () => {
	const inputs = Array.from({ length: 40 }, (_, i) => ({ title: `harbour ferry ${i % 2 ? 'storm' : 'strike'}`, paragraphs: [`The harbour ferry ${i % 3 ? 'crew' : 'captain'} and ${'w'.repeat((i % 7) + 3)} waited. Port ${'p'.repeat((i % 4) + 3)} closed.`] }));
	const vectors = buildTermVectors(inputs, { keepUnique: true });
	const exact = (a: number, b: number): number => {
		const weightOf = new Map<number, number>();
		vectors.terms[b]!.forEach((t, j) => weightOf.set(t, vectors.weights[b]![j]!));
		let dot = 0;
		vectors.terms[a]!.forEach((t, j) => (dot += vectors.weights[a]![j]! * (weightOf.get(t) ?? 0)));
		return Math.round(dot * 1e4) / 1e4;
	};
	const neighbors = findNeighbors(vectors, { maxPostings: 2, minScore: 0, minContribution: 0, rescore: 50 });
	for (const [a, list] of neighbors.entries()) for (const { index: b, score } of list) assert.ok(Math.abs(score - exact(a, b)) < 2e-4, `${a}→${b}: ${score} vs ${exact(a, b)}`);
});

test('a related list is cut at the limit and the minimum score', () => {
	const neighbors = [[{ index: 1, score: 0.6 }, { index: 2, score: 0.59 }, { index: 3, score: 0.1 }], [], [], []];
	assert.deepEqual(selectRelated(neighbors, { minScore: 0.2 })[0]!.map((n) => n.index), [1, 2]);
	assert.deepEqual(selectRelated(neighbors, { minScore: 0, limit: 1 })[0]!.map((n) => n.index), [1]);
});
