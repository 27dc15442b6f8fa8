/**
 * Text → the phrases an article is about: single words and pairs of adjacent
 * words ("interest rates", "oil prices"), each reduced to a key of word stems
 * so that inflections are one key ("accept", "accepted", "acceptance" → "accept").
 * A phrase counts as the article's when the headline has it or the body uses
 * it at least twice: a word in passing is not a subject.
 */
import { stemmer } from 'stemmer';
import { termOf } from '../related/tokenize-text.ts';

/** One article's salient phrase keys. */
export interface KeyPhrases {
	/** Salient keys ("oil price", "oil"), each once. */
	keys: string[];
	/** Per key (same order): a weight, higher for the headline and repeated use. */
	weights: number[];
	/**
	 * Per key (same order): whether the body uses it in running text (inside a
	 * sentence, not in capitals). Table labels and codes ("Shr", "Qtly") are
	 * only ever at the start of a line or in capitals: they are not words a
	 * reader would look up.
	 */
	inText: boolean[];
}

/** Tuning for {@link readKeyPhrases}. */
export interface KeyPhraseOptions {
	/** Body words read; subjects show early. */
	maxWords?: number;
}

/** Words, or single punctuation marks that end a phrase. */
const TOKEN = /[\p{L}\p{N}]+(?:['’][\p{L}]+)*|[^\s\p{L}\p{N}]/gu;

/** Words that count or date things but are never a subject by themselves. */
const NOT_SUBJECTS = new Set(
	'six seven eight nine ten eleven twelve twenty thirty forty fifty hundred hundreds thousand thousands million millions billion billions trillion mln bln pct percent cent cents ct cts dlrs dlr vs january february march april may june july august september october november december monday tuesday wednesday thursday friday saturday sunday today yesterday tomorrow'.split(
		' ',
	),
);

/** Past tenses and participles: five letters or more ending in "ed" but not "eed" ("speed"). */
const PAST_TENSE = /^\p{L}{2,}[^e]ed$/u;

const stems = new Map<string, string>();

/** The stem of an indexable word, or '' (stop word, number, too short); cached, words recur. */
export function stemOf(raw: string): string {
	let stem = stems.get(raw);
	if (stem === undefined) {
		const term = termOf(raw);
		stem = term ? stemmer(term) : '';
		if (stems.size >= 500_000) stems.clear();
		stems.set(raw, stem);
	}
	return stem;
}

/**
 * Calls `emit(key, words, sentenceStart)` for every single word and every pair
 * of adjacent indexable words of `text` (no punctuation or stop word between
 * them), with the words as written and whether the first opens a sentence
 * (where a capital says nothing). Returns the number of words read.
 */
export function forEachPhrase(text: string, emit: (key: string, words: readonly string[], sentenceStart: boolean) => void, maxWords = Infinity): number {
	let read = 0;
	let previous: { stem: string; word: string; start: boolean } | null = null;
	let atStart = true;
	for (const match of text.matchAll(TOKEN)) {
		const token = match[0];
		const code = token.charCodeAt(0);
		const isWord = token.length > 1 || /[\p{L}\p{N}]/u.test(token);
		if (!isWord) {
			// Hyphens join compounds ("oil-price"); anything else ends a phrase.
			if (code !== 45) previous = null;
			if (code === 46 || code === 33 || code === 63 || code === 58) atStart = true;
			continue;
		}
		if (read++ >= maxWords) break;
		const start = atStart;
		atStart = false;
		const lower = token.toLowerCase();
		const stem = stemOf(lower);
		if (!stem) {
			previous = null;
			continue;
		}
		// A past-tense verb ("accepted", "checked") names an action, not a subject.
		if (PAST_TENSE.test(lower) || NOT_SUBJECTS.has(lower)) {
			previous = null;
			continue;
		}
		emit(stem, [token], start);
		if (previous) emit(`${previous.stem} ${stem}`, [previous.word, token], previous.start);
		previous = { stem, word: token, start };
	}
	return read;
}

/** A word in capitals ("OPEC", "QTLY"): says nothing about how the word is written in text. */
export function isCapitals(word: string): boolean {
	return word.length > 1 && word === word.toUpperCase() && word !== word.toLowerCase();
}

/** The salient phrase keys of one article (see the module comment). */
export function readKeyPhrases(title: string, paragraphs: readonly string[], options: KeyPhraseOptions = {}): KeyPhrases {
	const maxWords = options.maxWords ?? 400;
	const inTitle = new Set<string>();
	forEachPhrase(title, (key) => inTitle.add(key));
	const counts = new Map<string, number>();
	const running = new Set<string>();
	let budget = maxWords;
	for (const paragraph of paragraphs) {
		if (budget <= 0) break;
		budget -= forEachPhrase(
			paragraph,
			(key, words, sentenceStart) => {
				counts.set(key, (counts.get(key) ?? 0) + 1);
				if (!sentenceStart && !words.some(isCapitals)) running.add(key);
			},
			budget,
		);
	}
	const keys: string[] = [];
	const weights: number[] = [];
	const inText: boolean[] = [];
	for (const key of new Set([...inTitle, ...counts.keys()])) {
		const count = counts.get(key) ?? 0;
		const headline = inTitle.has(key);
		if (!headline && count < 2) continue;
		keys.push(key);
		weights.push((headline ? 2 : 0) + Math.log2(1 + count));
		inText.push(running.has(key));
	}
	return { keys, weights, inText };
}
