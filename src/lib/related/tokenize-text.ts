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

/** Word pattern: letters and digits, allowing inner apostrophes and hyphens. */
const WORD = /[\p{L}\p{N}]+(?:['’][\p{L}]+)*/gu;

/** Folds a lower-cased word to its index form (possessive and plural stripped). */
export function foldWord(word: string): string {
	let w = word.replace(/['’]s$/u, '').replace(/['’]/gu, '');
	if (w.length > 4 && w.endsWith('ies')) w = `${w.slice(0, -3)}y`;
	else if (w.length > 3 && w.endsWith('s') && !w.endsWith('ss') && !w.endsWith('us') && !w.endsWith('is')) w = w.slice(0, -1);
	return w;
}

/**
 * Calls `emit` for each index term of `text`, in order. At most `maxWords`
 * words are read, which bounds the cost of very long articles.
 */
export function forEachTerm(text: string, emit: (term: string) => void, maxWords = Infinity): number {
	let seen = 0;
	for (const match of text.toLowerCase().matchAll(WORD)) {
		if (seen++ >= maxWords) break;
		const raw = match[0];
		if (raw.length < 3 || STOP_WORDS.has(raw)) continue;
		// Pure numbers ("2004", "6,000") are too generic to link articles.
		if (/^\p{N}+$/u.test(raw)) continue;
		const term = foldWord(raw);
		if (term.length < 3 || STOP_WORDS.has(term)) continue;
		emit(term);
	}
	return seen;
}

/** The index terms of `text`, in order (convenience wrapper for tests and headline matching). */
export function tokenizeText(text: string, maxWords = Infinity): string[] {
	const terms: string[] = [];
	forEachTerm(text, (t) => terms.push(t), maxWords);
	return terms;
}
