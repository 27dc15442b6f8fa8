/**
 * What tells one event from another of the same kind: the names and figures in
 * an article's text. Two earnings reports share their template words ("net",
 * "revenue", "quarter") but not their company or their figures; two reports of
 * one event share both. Stories compare articles on these features as well as
 * on their words (see `score-story-links.ts`).
 *
 * Names are read without a name list, so any language or source works: a word
 * that starts with a capital inside a sentence (after a lower-case word, a
 * figure or a comma). Figures are numbers of two digits or more ("2.5", "1,500",
 * "2013"). Each feature counts once per article, weighted by how rare it is in
 * the corpus; features found in one article only are dropped (they link nothing).
 */

/** Sparse unit-length vectors, one per article: feature ids ascending, with weights. */
export interface EventVectors {
	/** Feature ids per article, ascending. */
	ids: Int32Array[];
	/** Matching weights; each vector has unit length (or is empty). */
	weights: Float32Array[];
	/** Per feature id: 1 when the feature is a figure, 0 when it is a name. */
	figure: Uint8Array;
}

/**
 * What the features are read from: the body only. A dateline's place and day
 * are shared by every report filed there that day; dates are the story
 * window's job.
 */
export interface EventInput {
	/** Body paragraphs as plain text. */
	paragraphs: readonly string[];
}

/** Characters of body read per article; names and figures of an event come early. */
const MAX_CHARS = 8000;

/**
 * A capitalised word after a lower-case letter, a digit or a comma and spaces
 * on the same line (so not a sentence's or a paragraph's first word), or a
 * number of two digits or more.
 */
const FEATURE = /(?<=[\p{Ll}\p{N},;][ \t]+)\p{Lu}[\p{L}\p{N}'’-]*|\p{N}[\p{N},.]*\p{N}/gu;

/** The features of one text, de-duplicated, in a stable order. */
export function readEventFeatures(input: EventInput): string[] {
	let text = '';
	for (const paragraph of input.paragraphs) {
		if (text.length >= MAX_CHARS) break;
		text += `\n${paragraph}`;
	}
	const found = new Set<string>();
	for (const match of text.slice(0, MAX_CHARS).matchAll(FEATURE)) {
		const raw = match[0];
		const first = raw.charCodeAt(0);
		if (first >= 48 && first <= 57) found.add(`#${raw.replace(/,/g, '').replace(/\.$/, '')}`);
		else {
			const word = raw.replace(/['’]s?$/u, '').toLowerCase();
			if (word.length > 1) found.add(word);
		}
	}
	return [...found];
}

/** Builds the event vectors of `inputs` (same order). Deterministic for the same input order. */
export function buildEventVectors(inputs: readonly EventInput[]): EventVectors {
	const idOf = new Map<string, number>();
	const df: number[] = [];
	const raw = inputs.map((input) => {
		const ids = readEventFeatures(input).map((feature) => {
			let id = idOf.get(feature);
			if (id === undefined) {
				id = df.length;
				idOf.set(feature, id);
				df.push(0);
			}
			df[id]!++;
			return id;
		});
		return Int32Array.from(ids).sort();
	});
	const n = inputs.length;
	const ids: Int32Array[] = [];
	const weights: Float32Array[] = [];
	for (const list of raw) {
		const kept = list.filter((id) => df[id]! > 1);
		const w = Float32Array.from(kept, (id) => Math.log(1 + n / df[id]!));
		let norm = 0;
		for (const x of w) norm += x * x;
		norm = Math.sqrt(norm) || 1;
		for (let j = 0; j < w.length; j++) w[j]! /= norm;
		ids.push(kept);
		weights.push(w);
	}
	const figure = new Uint8Array(df.length);
	for (const [feature, id] of idOf) if (feature.startsWith('#')) figure[id] = 1;
	return { ids, weights, figure };
}

/**
 * Cosine of two articles' event vectors; 0 unless they share a name. Figures
 * alone recur by chance ("20 cts" in two companies' results), names do not.
 */
export function eventSimilarity(vectors: EventVectors, a: number, b: number): number {
	const ia = vectors.ids[a]!;
	const ib = vectors.ids[b]!;
	const wa = vectors.weights[a]!;
	const wb = vectors.weights[b]!;
	let i = 0;
	let j = 0;
	let dot = 0;
	let named = false;
	while (i < ia.length && j < ib.length) {
		const x = ia[i]!;
		const y = ib[j]!;
		if (x === y) {
			if (!vectors.figure[x]) named = true;
			dot += wa[i++]! * wb[j++]!;
		} else if (x < y) i++;
		else j++;
	}
	return named ? dot : 0;
}
