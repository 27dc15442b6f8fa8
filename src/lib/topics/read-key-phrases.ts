/**
 * Text → the phrases an article is about: single words and pairs of adjacent
 * words ("interest rates", "oil prices"), each reduced to a key of word stems
 * so that inflections are one key ("accept", "acceptance" → "accept"). A
 * phrase counts as the article's when the headline has it or the body uses it
 * at least twice: a word in passing is not a subject.
 *
 * Keys are numbers (stem ids packed into one number), not strings: this runs
 * over the first words of every article of the corpus.
 */
import { stemmer } from 'stemmer';
import { WordIds } from '../related/word-ids.ts';
import { termOf } from '../related/tokenize-text.ts';

/** One article's salient phrase keys. */
export interface KeyPhrases {
	/** Salient keys, each once. */
	keys: number[];
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

/** One occurrence of a phrase, as {@link PhraseReader.forEachPhrase} reports it. */
export interface PhraseOccurrence {
	/** The phrase key. */
	key: number;
	/** Where the phrase starts and ends in the text. */
	start: number;
	end: number;
	/** True when the first word opens a sentence (its capital says nothing). */
	sentenceStart: boolean;
	/** True when a word of it is in capitals. */
	capitals: boolean;
}

/** Words that count or date things but are never a subject by themselves. */
const NOT_SUBJECTS = new Set(
	'six seven eight nine ten eleven twelve twenty thirty forty fifty hundred hundreds thousand thousands million millions billion billions trillion mln bln pct percent cent cents ct cts dlrs dlr vs january february march april may june july august september october november december monday tuesday wednesday thursday friday saturday sunday today yesterday tomorrow'.split(
		' ',
	),
);

/** Past tenses and participles: five letters or more ending in "ed" but not "eed" ("speed"). */
const PAST_TENSE = /^\p{L}{2,}[^e]ed$/u;

/** Stem ids per key part; a key packs (first + 1) × KEY_SPACE + (second + 1). */
const KEY_SPACE = 2 ** 24;

/** Body words read per article; subjects show early. */
const MAX_WORDS = 400;

/** Reads phrase keys; one reader per corpus, so keys are comparable across its articles. */
export interface PhraseReader {
	/** The salient phrase keys of one article (see the module comment). */
	read(title: string, paragraphs: readonly string[]): KeyPhrases;
	/** Calls `emit` for each phrase of `text` (at most `maxWords` words); returns the words read. */
	forEachPhrase(text: string, emit: (phrase: PhraseOccurrence) => void, maxWords?: number): number;
	/** The stems of a key ("oil price"), for stable ordering and tests. */
	keyText(key: number): string;
	/** The key of a word's stem, or -1 when the word is not indexed (for names). */
	wordKey(word: string): number;
}

/** A new {@link PhraseReader}. */
export function createPhraseReader(): PhraseReader {
	const stemIds = new Map<string, number>();
	const stems: string[] = [];
	const words = new WordIds((word) => {
		if (NOT_SUBJECTS.has(word) || PAST_TENSE.test(word)) return -1;
		const term = termOf(word);
		if (!term) return -1;
		const stem = stemmer(term);
		let id = stemIds.get(stem);
		if (id === undefined) {
			id = stems.length;
			stemIds.set(stem, id);
			stems.push(stem);
		}
		return id;
	});

	/**
	 * The scanner behind both readers: `emit(first, second, start, end,
	 * sentenceStart, capitals)` per word (`second` −1) and per pair, with stem ids.
	 */
	const scanPhrases = (text: string, maxWords: number, emit: (first: number, second: number, start: number, end: number, sentenceStart: boolean, capitals: boolean) => void): number => {
		let previous = -1;
		let previousStart = 0;
		let previousSentence = false;
		let previousCapitals = false;
		let gapFrom = 0;
		let atStart = true;
		return words.scan(text, maxWords, (id, start, end) => {
			// What lies between the last word and this one: a phrase survives spaces and hyphens only.
			let broken = false;
			for (let k = gapFrom; k < start; k++) {
				const c = text.charCodeAt(k);
				if (c === 32 || c === 45 || c === 9) continue;
				broken = true;
				if (c === 46 || c === 33 || c === 63 || c === 58 || c === 10) atStart = true;
			}
			gapFrom = end;
			const sentenceStart = atStart;
			atStart = false;
			if (id < 0) {
				previous = -1;
				return;
			}
			const capitals = isCapitals(text, start, end);
			emit(id, -1, start, end, sentenceStart, capitals);
			if (previous >= 0 && !broken) emit(previous, id, previousStart, end, previousSentence, capitals || previousCapitals);
			previous = id;
			previousStart = start;
			previousSentence = sentenceStart;
			previousCapitals = capitals;
		});
	};
	const forEachPhrase = (text: string, emit: (phrase: PhraseOccurrence) => void, maxWords = Infinity): number =>
		scanPhrases(text, maxWords, (first, second, start, end, sentenceStart, capitals) => emit({ key: packKey(first, second), start, end, sentenceStart, capitals }));

	// Per-article counts, reused: a map from (first, second) to a slot.
	const counts = new PairCounts();
	const TITLE = 1;
	const RUNNING = 2;

	return {
		forEachPhrase,
		read(title, paragraphs) {
			counts.clear();
			scanPhrases(title, Infinity, (first, second) => counts.flag(first, second, TITLE));
			let budget = MAX_WORDS;
			for (const paragraph of paragraphs) {
				if (budget <= 0) break;
				budget -= scanPhrases(paragraph, budget, (first, second, _start, _end, sentenceStart, capitals) => {
					const slot = counts.add(first, second);
					if (!sentenceStart && !capitals) counts.flags[slot]! |= RUNNING;
				});
			}
			const keys: number[] = [];
			const weights: number[] = [];
			const inText: boolean[] = [];
			// Headline phrases first, then the body's, each in reading order.
			for (const pass of [TITLE, 0]) {
				for (const slot of counts.used) {
					const flags = counts.flags[slot]!;
					if ((flags & TITLE) !== pass) continue;
					const count = counts.count[slot]!;
					if (!pass && count < 2) continue;
					keys.push(packKey(counts.first[slot]!, counts.second[slot]!));
					weights.push((pass ? 2 : 0) + Math.log2(1 + count));
					inText.push((flags & RUNNING) !== 0);
				}
			}
			return { keys, weights, inText };
		},
		keyText(key) {
			const first = Math.floor(key / KEY_SPACE) - 1;
			const second = (key % KEY_SPACE) - 1;
			return second < 0 ? stems[first]! : `${stems[first]!} ${stems[second]!}`;
		},
		wordKey(word) {
			let found = -1;
			words.scan(word, 1, (id) => {
				found = id;
			});
			return found < 0 ? -1 : (found + 1) * KEY_SPACE;
		},
	};
}

/** True when the word at `text[start, end)` is in capitals ("OPEC", "QTLY"): its case says nothing. */
function isCapitals(text: string, start: number, end: number): boolean {
	if (end - start < 2) return false;
	let letters = false;
	for (let k = start; k < end; k++) {
		const c = text.charCodeAt(k);
		if (c >= 97 && c <= 122) return false;
		if (c >= 65 && c <= 90) letters = true;
		else if (c >= 128) {
			const ch = text[k]!;
			if (ch !== ch.toUpperCase()) return false;
			if (ch !== ch.toLowerCase()) letters = true;
		}
	}
	return letters;
}

/** The key of a word (`second` −1) or of a pair of words, from stem ids. */
function packKey(first: number, second: number): number {
	return (first + 1) * KEY_SPACE + second + 1;
}

/**
 * Counts of (first, second) stem-id pairs for one article, in an open-addressing
 * table reused from article to article: a Map keyed by numbers this large would
 * hash a heap number per word.
 */
class PairCounts {
	first = new Int32Array(1024);
	second = new Int32Array(1024);
	count = new Int32Array(1024);
	flags = new Uint8Array(1024);
	/** Slots in use, in the order their pairs were first seen. */
	used: number[] = [];
	private mask = 1023;

	clear(): void {
		for (const slot of this.used) {
			this.count[slot] = 0;
			this.marks[slot] = 0;
		}
		this.used.length = 0;
	}

	/** The slot of a pair, created with count 0 if new. */
	slot(first: number, second: number): number {
		let slot = (Math.imul(first, 0x9e3779b1) ^ Math.imul(second + 1, 0x85ebca6b)) & this.mask;
		for (;;) {
			if (this.marks[slot] === 0) {
				this.marks[slot] = 1;
				this.first[slot] = first;
				this.second[slot] = second;
				this.flags[slot] = 0;
				this.used.push(slot);
				// Grow at half full; slots move, so callers take the slot after this returns.
				if (this.used.length * 2 > this.mask) return this.grow(first, second);
				return slot;
			}
			if (this.first[slot] === first && this.second[slot] === second) return slot;
			slot = (slot + 1) & this.mask;
		}
	}

	/** Adds one occurrence; returns the slot. */
	add(first: number, second: number): number {
		const slot = this.slot(first, second);
		this.count[slot]!++;
		return slot;
	}

	/** Marks a pair (without counting it). */
	flag(first: number, second: number, flag: number): void {
		const slot = this.slot(first, second);
		this.flags[slot]! |= flag;
	}

	/** 1 for a slot in use. */
	private marks = new Uint8Array(1024);

	private grow(first: number, second: number): number {
		const old = this.used.map((slot) => ({ first: this.first[slot]!, second: this.second[slot]!, count: this.count[slot]!, flags: this.flags[slot]! }));
		const capacity = (this.mask + 1) * 2;
		this.first = new Int32Array(capacity);
		this.second = new Int32Array(capacity);
		this.count = new Int32Array(capacity);
		this.flags = new Uint8Array(capacity);
		this.marks = new Uint8Array(capacity);
		this.mask = capacity - 1;
		this.used = [];
		let found = -1;
		for (const entry of old) {
			const slot = this.slot(entry.first, entry.second);
			this.count[slot] = entry.count;
			this.flags[slot] = entry.flags;
			if (entry.first === first && entry.second === second) found = slot;
		}
		return found;
	}
}

/** The two parts of a key: the first word's key and, for a pair, the second's (else -1). */
export function keyParts(key: number): [number, number] {
	const first = Math.floor(key / KEY_SPACE) * KEY_SPACE;
	const second = key % KEY_SPACE;
	return [first, second === 0 ? -1 : second * KEY_SPACE];
}
