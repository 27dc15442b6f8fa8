/**
 * Text → index terms for the similarity model: lower-cased words, stop words
 * dropped, plurals folded. Deliberately simple and fast: it runs over every
 * word of every article, so it must stay linear and allocation-light.
 */

/** Common English function words and news filler; they carry no topical signal. */
const STOP_WORDS = new Set(
	(
		'a about above after again against all almost also although am among an and another any are around as at back be became because been before being below between both but by can could did do does doing done down during each either else even ever every few for from further get gets got had has have having he her here hers herself him himself his how however i if in into is it its itself just last least less like made make many may me might more most much must my myself near neither never new next no nor not now of off often on once one only or other others our ours ourselves out over own per perhaps put rather said same say says see seen she should since so some still such take than that the their theirs them themselves then there these they this those though through thus to too two under until up upon us very via was way we well were what when where whether which while who whom whose why will with within without would yet you your yours yourself ' +
		'year years week weeks month months day days time times told added going mr mrs ms dr including three four five first second third new people'
	).split(/\s+/),
);

/** Folds a lower-cased word to its index form (possessive and plural stripped). */
export function foldWord(word: string): string {
	let w = word.replace(/['’]s$/u, '').replace(/['’]/gu, '');
	if (w.length > 4 && w.endsWith('ies')) w = `${w.slice(0, -3)}y`;
	else if (w.length > 3 && w.endsWith('s') && !w.endsWith('ss') && !w.endsWith('us') && !w.endsWith('is')) w = w.slice(0, -1);
	return w;
}

/** The index term of one lower-cased word, or '' when the word is not indexed (stop word, number, too short). */
export function termOf(raw: string): string {
	if (raw.length < 3 || STOP_WORDS.has(raw)) return '';
	// Pure numbers ("2004", "6,000") are too generic to link articles.
	if (/^\p{N}+$/u.test(raw)) return '';
	const term = foldWord(raw);
	return term.length < 3 || STOP_WORDS.has(term) ? '' : term;
}

/** Letters and digits beyond ASCII (accented letters, other scripts). */
const NON_ASCII_WORD_CHAR = /[\p{L}\p{N}]/u;

/** True when UTF-16 code unit `c` (at `text[i]`) is part of a word. */
function isWordChar(text: string, i: number, c: number): boolean {
	if (c < 128) return (c >= 97 && c <= 122) || (c >= 48 && c <= 57) || (c >= 65 && c <= 90);
	return NON_ASCII_WORD_CHAR.test(text[i]!);
}

/**
 * Calls `emit` for each lower-cased word of `text` (at most `maxWords`); returns
 * the number of words read. A hand-written scanner: this is the hottest loop of
 * the build (every word of every article), and a Unicode regex was 3× slower.
 * Inner apostrophes stay in the word ("o'neill", "iran's").
 */
export function forEachWord(text: string, emit: (word: string) => void, maxWords = Infinity): number {
	let seen = 0;
	const n = text.length;
	let i = 0;
	while (i < n) {
		let c = text.charCodeAt(i);
		if (!isWordChar(text, i, c)) {
			i++;
			continue;
		}
		if (seen >= maxWords) break;
		const start = i;
		for (;;) {
			i++;
			if (i >= n) break;
			c = text.charCodeAt(i);
			if (isWordChar(text, i, c)) continue;
			// An apostrophe followed by a letter continues the word.
			if ((c === 39 || c === 0x2019) && i + 1 < n && isWordChar(text, i + 1, text.charCodeAt(i + 1))) continue;
			break;
		}
		seen++;
		emit(text.slice(start, i).toLowerCase());
	}
	return seen;
}

/**
 * Calls `emit` for each index term of `text`, in order. At most `maxWords`
 * words are read, which bounds the cost of very long articles.
 */
export function forEachTerm(text: string, emit: (term: string) => void, maxWords = Infinity): number {
	return forEachWord(
		text,
		(word) => {
			const term = termOf(word);
			if (term) emit(term);
		},
		maxWords,
	);
}

/** The index terms of `text`, in order (convenience wrapper for tests and headline matching). */
export function tokenizeText(text: string, maxWords = Infinity): string[] {
	const terms: string[] = [];
	forEachTerm(text, (t) => terms.push(t), maxWords);
	return terms;
}
