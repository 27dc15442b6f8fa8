/**
 * Articles → sparse, L2-normalised TF-IDF vectors, pruned to each article's
 * strongest terms. The pruned vectors are what the inverted index stores and
 * queries, which keeps related-news search sub-quadratic.
 */
import { termOf } from './tokenize-text.ts';
import { WordIds } from './word-ids.ts';

/** What the similarity model reads from one article. */
export interface VectorInput {
	/** Headline; its terms count {@link VectorOptions.titleWeight} times. */
	title: string;
	/** Body paragraphs as plain text. */
	paragraphs: readonly string[];
}

/** Tuning for {@link buildTermVectors}. */
export interface VectorOptions {
	/** Terms kept per article after weighting (the rest are pruned). */
	maxTerms?: number;
	/** How many times a headline term counts, so shared headline words weigh more. */
	titleWeight?: number;
	/** Words read per article body; bounds the cost of very long inputs. */
	maxWords?: number;
	/**
	 * Keep terms found in one article only. They cannot link articles, so large
	 * corpora drop them; tiny corpora keep them so topics can still be derived.
	 */
	keepUnique?: boolean;
}

/** Pruned document vectors: for article `i`, `terms[i][j]` has weight `weights[i][j]`, strongest first. */
export interface TermVectors {
	/** Term ids per article, by descending weight (ties: first appearance in the article). */
	terms: Int32Array[];
	/** Matching weights; each pruned vector has unit length. */
	weights: Float32Array[];
	/**
	 * Per article: the pruned vector's share of the full vector's length (0–1].
	 * A pruned cosine times both articles' shares is the cosine of the full
	 * vectors over the terms they share: what tells two texts apart when only
	 * their unique words differ (two earnings reports of different companies).
	 */
	keptShare: Float32Array;
	/** Number of distinct terms in the corpus. */
	vocabularySize: number;
	/** Document frequency per term id. */
	documentFrequency: Int32Array;
	/** Term text per term id. */
	vocabulary: string[];
	/** A readable word per term id: the alphabetically first word folded into it ("hamas", not "hama"). */
	surface: string[];
}

const DEFAULTS = { maxTerms: 150, titleWeight: 3, maxWords: 1500, keepUnique: false } satisfies Required<VectorOptions>;

/** Builds pruned TF-IDF vectors for `inputs` (same order). Deterministic: term ids are alphabetical ranks. */
export function buildTermVectors(inputs: readonly VectorInput[], options: VectorOptions = {}): TermVectors {
	const { maxTerms, titleWeight, maxWords, keepUnique } = { ...DEFAULTS, ...options };
	const vocabulary = new Map<string, number>();
	let df = new Int32Array(1024);
	// Per-article term counts in a dense scratch array plus the list of touched ids.
	let scratch = new Float32Array(1024);
	const touched: number[] = [];
	const rawIds: Int32Array[] = [];
	const rawTf: Float32Array[] = [];

	const idOf = (term: string): number => {
		let id = vocabulary.get(term);
		if (id === undefined) {
			id = vocabulary.size;
			vocabulary.set(term, id);
			if (id >= df.length) {
				const grownDf = new Int32Array(df.length * 2);
				grownDf.set(df);
				df = grownDf;
				const grownScratch = new Float32Array(scratch.length * 2);
				grownScratch.set(scratch);
				scratch = grownScratch;
			}
		}
		return id;
	};
	const count = (id: number, weight: number): void => {
		if (scratch[id] === 0) touched.push(id);
		scratch[id]! += weight;
	};
	// Word → term id (-1: not indexed). Words repeat endlessly across a corpus, so
	// stop-word tests and folding run once per distinct word, not per occurrence.
	const words = new WordIds((word) => {
		const term = termOf(word);
		return term ? idOf(term) : -1;
	});
	const countTitle = (id: number): void => {
		if (id >= 0) count(id, titleWeight);
	};
	const countBody = (id: number): void => {
		if (id >= 0) count(id, 1);
	};

	for (const input of inputs) {
		touched.length = 0;
		words.scan(input.title, Infinity, countTitle);
		let budget = maxWords;
		for (const paragraph of input.paragraphs) {
			if (budget <= 0) break;
			budget -= words.scan(paragraph, budget, countBody);
		}
		const ids = new Int32Array(touched.length);
		for (let j = 0; j < touched.length; j++) ids[j] = touched[j]!;
		const tf = new Float32Array(ids.length);
		for (let j = 0; j < ids.length; j++) {
			const id = ids[j]!;
			tf[j] = scratch[id]!;
			scratch[id] = 0;
			df[id]!++;
		}
		rawIds.push(ids);
		rawTf.push(tf);
	}

	// Renumber terms alphabetically, so ids (and weight ties) do not depend on
	// which article happened to use a term first.
	const byText = [...vocabulary.keys()].map((term, id) => ({ term, id })).sort((a, b) => (a.term < b.term ? -1 : a.term > b.term ? 1 : 0));
	const newId = new Int32Array(byText.length);
	byText.forEach(({ id }, rank) => {
		newId[id] = rank;
	});
	const sortedDf = new Int32Array(byText.length);
	byText.forEach(({ id }, rank) => {
		sortedDf[rank] = df[id]!;
	});
	df = sortedDf;
	for (const ids of rawIds) for (let j = 0; j < ids.length; j++) ids[j] = newId[ids[j]!]!;

	const n = inputs.length;
	const idf = new Float32Array(vocabulary.size);
	for (let t = 0; t < idf.length; t++) idf[t] = Math.log(1 + n / df[t]!);

	const terms: Int32Array[] = [];
	const weights: Float32Array[] = [];
	const keptShare = new Float32Array(n);
	let keys = new Float64Array(256);
	for (let i = 0; i < n; i++) {
		const ids = rawIds[i]!;
		const tf = rawTf[i]!;
		const w = new Float32Array(ids.length);
		for (let j = 0; j < ids.length; j++) w[j] = (1 + Math.log(tf[j]!)) * idf[ids[j]!]!;
		// Terms found in one article only cannot link it to anything. The sort key
		// packs (descending weight relative to the strongest, first appearance in
		// the article) into one float64, so the sort is native, not a callback.
		let strongest = 0;
		for (let j = 0; j < ids.length; j++) if (w[j]! > strongest) strongest = w[j]!;
		if (keys.length < ids.length) keys = new Float64Array(ids.length * 2);
		let count = 0;
		for (let j = 0; j < ids.length; j++) {
			if (!keepUnique && df[ids[j]!]! <= 1) continue;
			keys[count++] = (WEIGHT_STEPS - Math.round((w[j]! / strongest) * WEIGHT_STEPS)) * POSITION_SPACE + j;
		}
		const sorted = keys.subarray(0, count).sort();
		const keep: number[] = [];
		for (let k = 0; k < Math.min(maxTerms, count); k++) keep.push(sorted[k]! % POSITION_SPACE);
		// Normalised after pruning, so an article compared with itself scores 1
		// and near-duplicates are recognisable by score alone.
		let norm = 0;
		for (const j of keep) norm += w[j]! * w[j]!;
		norm = Math.sqrt(norm) || 1;
		let full = 0;
		for (let j = 0; j < ids.length; j++) full += w[j]! * w[j]!;
		keptShare[i] = full > 0 ? Math.min(1, norm / Math.sqrt(full)) : 0;
		const keptIds = new Int32Array(keep.length);
		const keptWeights = new Float32Array(keep.length);
		for (let k = 0; k < keep.length; k++) {
			keptIds[k] = ids[keep[k]!]!;
			keptWeights[k] = w[keep[k]!]! / norm;
		}
		terms.push(keptIds);
		weights.push(keptWeights);
		// Free the raw arrays as we go: at 100k articles they are the biggest allocation.
		rawIds[i] = EMPTY_INT;
		rawTf[i] = EMPTY_FLOAT;
	}
	const surface = byText.map((e) => e.term);
	const surfaceSet = new Uint8Array(byText.length);
	for (const [word, id] of words.entries()) {
		if (id < 0) continue;
		const rank = newId[id]!;
		const clean = word.replace(/['’]s?$/u, '');
		if (!surfaceSet[rank] || clean < surface[rank]!) {
			surface[rank] = clean;
			surfaceSet[rank] = 1;
		}
	}
	return { terms, weights, keptShare, vocabularySize: vocabulary.size, documentFrequency: df, vocabulary: byText.map((e) => e.term), surface };
}

/** Quantisation of relative weights in sort keys. */
const WEIGHT_STEPS = 2 ** 24 - 1;
/** Positions per key block: articles of up to 268 million distinct terms. */
const POSITION_SPACE = 2 ** 28;

const EMPTY_INT = new Int32Array(0);
const EMPTY_FLOAT = new Float32Array(0);
