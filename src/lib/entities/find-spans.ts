/**
 * Capitalised spans of an article's text, with what the entity extractor needs
 * to read them: whether the span starts a sentence, the words on either side,
 * and whether its line shouts (wire tables and headlines in ALL CAPS or title
 * case, where a capital proves nothing).
 */

/** One capitalised span. */
export interface Span {
	/** The span's words as written; a possessive ends a span ("Lebanon's Hezbollah" is two). */
	words: string[];
	/** The span starts a sentence, so its first capital proves nothing. */
	sentenceInitial: boolean;
	/** Lower-cased word right after the span when only spaces separate them, else null. */
	next: string | null;
	/** Lower-cased word right before the span when only spaces separate them, else null. */
	prev: string | null;
	/** The span is in a line written mostly in capitals or in title case, or is itself several words in capitals. */
	shouted: boolean;
}

/**
 * A run of capitalised words, possibly joined by a connector, with middle initials
 * ("George W. Bush") and hyphenated words ("Mahmoud al-Zahar" is not cut at
 * "Al", "Ban Ki-moon"). One regex finds whole spans, so the JavaScript work grows
 * with the number of names, not words.
 */
const SPAN = /(?<![\p{L}\p{N}'’-])(?:(?:\p{Lu}\.){2,}|\p{Lu}[\p{L}\p{N}]*(?:-\p{L}[\p{L}\p{N}]*)*(?:['’]\p{L}*)?)(?:[ \t]+(?:(?:of|de|del|la|le|bin|al|van|von|der|du|da|dos)[ \t]+)?(?:(?:\p{Lu}\.){2,}|\p{Lu}\.(?=[ \t]+\p{Lu})|(?:al|el|bin|ibn|abu)-\p{Lu}[\p{L}\p{N}]*|\p{Lu}[\p{L}\p{N}]*(?:-\p{L}[\p{L}\p{N}]*)*(?:['’]\p{L}*)?))*/gu;
/** Lower-case words allowed inside a name ("Bank of England", "Osama bin Laden"). */
export const CONNECTORS = new Set(['of', 'de', 'del', 'la', 'le', 'bin', 'al', 'van', 'von', 'der', 'du', 'da', 'dos']);
/** The word right after a span, when only spaces separate them. */
const NEXT_WORD = /[ \t]+(\p{L}+)/uy;
/** Abbreviations whose full stop does not end a sentence. */
const DOTTED = new Set(['mr', 'mrs', 'ms', 'dr', 'st', 'gen', 'col', 'capt', 'sen', 'rep', 'gov', 'prof', 'rev', 'jr', 'sr', 'no', 'lt', 'sgt', 'adm', 'maj', 'cpl', 'pvt', 'mt', 'ft', 'vs']);

/** True when a line is mostly capitals (three in four cased letters or more, judged on its first 300 characters). */
export function isShoutingLine(line: string): boolean {
	let upper = 0;
	let lower = 0;
	for (let i = 0, end = Math.min(line.length, 300); i < end; i++) {
		const c = line.charCodeAt(i);
		if (c >= 65 && c <= 90) upper++;
		else if (c >= 97 && c <= 122) lower++;
		else if (c > 127) {
			const ch = line[i]!;
			if (ch !== ch.toLowerCase()) upper++;
			else if (ch !== ch.toUpperCase()) lower++;
		}
	}
	return upper >= 4 && upper >= 3 * lower;
}

/** Words of four letters or more, with their first letter. */
const LONG_WORD = /(?<![\p{L}'’])(\p{L})\p{L}{3,}/gu;

/**
 * True when a line reads like a headline in title case ("Obama Announces Nominee
 * For Commerce"): at least three words of four letters or more, four in five of
 * them capitalised, at most one comma (a list of names is no headline), short,
 * and no full stop at the end.
 */
export function isTitleCaseLine(line: string): boolean {
	// A sentence ends with a full stop; a headline does not.
	if (line.length > 150 || /\.["”’']?\s*$/.test(line)) return false;
	let words = 0;
	let capitalised = 0;
	for (const match of line.matchAll(LONG_WORD)) {
		words++;
		const first = match[1]!;
		if (first !== first.toLowerCase()) capitalised++;
	}
	if (words < 3 || capitalised * 5 < words * 4) return false;
	const comma = line.indexOf(',');
	return comma < 0 || line.indexOf(',', comma + 1) < 0;
}

/** True when the text before `index` ends a sentence (or the text starts there). */
function startsSentence(text: string, index: number): boolean {
	let i = index - 1;
	while (i >= 0 && (text[i] === ' ' || text[i] === '\t' || text[i] === '"' || text[i] === '“' || text[i] === '‘' || text[i] === '(' || text[i] === "'")) i--;
	if (i < 0) return true;
	const c = text[i]!;
	if (c === '\n' || c === '!' || c === '?' || c === ':') return true;
	if (c !== '.') return false;
	let j = i - 1;
	while (j >= 0 && isLetter(text[j]!)) j--;
	return !DOTTED.has(text.slice(j + 1, i).toLowerCase());
}

/** True for a letter (ASCII fast path). */
function isLetter(c: string): boolean {
	const code = c.charCodeAt(0);
	if (code < 128) return (code >= 65 && code <= 90) || (code >= 97 && code <= 122);
	return /\p{L}/u.test(c);
}

/** The lower-cased word right before `index`, when only spaces or tabs separate them. */
function previousWord(text: string, index: number): string | null {
	let end = index;
	while (end > 0 && (text[end - 1] === ' ' || text[end - 1] === '\t')) end--;
	if (end === index) return null;
	let start = end;
	while (start > 0 && isLetter(text[start - 1]!)) start--;
	return start < end ? text.slice(start, end).toLowerCase() : null;
}

/** Splits one line into capitalised spans (`shouting`: the line is mostly capitals). */
function lineSpans(line: string, shouting: boolean, spans: Span[]): void {
	for (const match of line.matchAll(SPAN)) {
		const text = match[0];
		const end = match.index + text.length;
		NEXT_WORD.lastIndex = end;
		const next = NEXT_WORD.exec(line)?.[1]?.toLowerCase() ?? null;
		const prev = previousWord(line, match.index);
		const initial = startsSentence(line, match.index);
		const several = text.includes(' ') || text.includes('\t');
		const shouted = shouting || (several && !/\p{Ll}/u.test(text) && /\p{Lu}{5}/u.test(text));
		if (!text.includes("'") && !text.includes('’')) {
			spans.push({ words: several ? text.split(/[ \t]+/) : [text], sentenceInitial: initial, next, prev, shouted });
			continue;
		}
		let part: string[] = [];
		let first = initial;
		let before = prev;
		for (const word of text.split(/[ \t]+/)) {
			part.push(word);
			if (/['’]s?$/u.test(word)) {
				spans.push({ words: part, sentenceInitial: first, next: null, prev: before, shouted });
				part = [];
				first = false;
				before = null;
			}
		}
		if (part.length > 0) spans.push({ words: part, sentenceInitial: first, next, prev: before, shouted });
	}
}

/** Splits text into capitalised spans, line by line (see {@link Span}). */
export function findSpans(text: string): Span[] {
	const spans: Span[] = [];
	for (const line of text.split('\n')) if (line.length > 0) lineSpans(line, isShoutingLine(line) || isTitleCaseLine(line), spans);
	return spans;
}
