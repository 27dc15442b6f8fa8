/**
 * One article → the people, places and organisations it names.
 *
 * compromise's full tagger costs ~10 µs per character: measured on the dev
 * set, ≈30 ms per article for the whole text and ≈3.3 ms for headline + first
 * paragraph, i.e. 5 minutes (or 33 s for the slice) at 10k articles on the
 * 2-core build machine, far over the build budget. So this module does its own
 * linear pass: it chunks capitalised spans, peels role words ("Foreign
 * Minister"), and classifies each span with compromise's lexicon (first names,
 * countries, cities, organisations) plus a small hand-kept gazetteer and a few
 * rules. Readings are cached by span text and context, since names recur.
 * Surnames are then resolved to the full name used in the same article
 * ("Blinken" → "Anthony Blinken"); `indexEntities` does the same across the corpus.
 */
import type { Entities } from '../../schemas/article.ts';
import {
	foldName,
	hasOrgSuffix,
	isDemonym,
	isFirstName,
	isNotAName,
	isOrgWord,
	isStopName,
	lookupName,
	PERSON_TITLES,
	ROLE_WORDS,
	type EntityKind,
} from './gazetteer.ts';

/** What the extractor reads from an article. */
export interface EntityInput {
	/** Headline (read only for names already known from the gazetteers or the body). */
	title: string;
	/** Body paragraphs as plain text. */
	paragraphs: readonly string[];
}

/** Tuning for {@link extractEntities}. */
export interface ExtractOptions {
	/** Characters of body read; bounds the cost of very long articles. */
	maxChars?: number;
	/** Most names kept per kind (most mentioned first). */
	maxPerKind?: number;
}

/** Lower-case words allowed inside a name ("Bank of England", "Osama bin Laden"). */
const CONNECTORS = new Set(['of', 'de', 'del', 'la', 'le', 'bin', 'al', 'van', 'von', 'der', 'du', 'da', 'dos']);
/**
 * A run of capitalised words, possibly joined by a connector. One regex finds
 * whole spans, so the JavaScript work grows with the number of names, not words.
 */
const SPAN = /(?<![\p{L}\p{N}'’])(?:(?:\p{Lu}\.){2,}|\p{Lu}[\p{L}\p{N}]*(?:['’]\p{L}*)?)(?:[ \t]+(?:(?:of|de|del|la|le|bin|al|van|von|der|du|da|dos)[ \t]+)?(?:(?:\p{Lu}\.){2,}|\p{Lu}[\p{L}\p{N}]*(?:['’]\p{L}*)?))*/gu;
/** The word right after a span, when only spaces separate them. */
const NEXT_WORD = /[ \t]+(\p{L}+)/uy;
/** Abbreviations whose full stop does not end a sentence. */
const DOTTED = new Set(['mr', 'mrs', 'ms', 'dr', 'st', 'gen', 'col', 'capt', 'sen', 'rep', 'gov', 'prof', 'rev', 'jr', 'sr', 'no']);
/** Verbs of speech that mark the preceding span as a person ("Smith said"). */
const SPEECH = new Set(['said', 'says', 'told', 'added', 'explained', 'argued', 'insisted', 'warned', 'stated']);

interface Span {
	words: string[];
	sentenceInitial: boolean;
	next: string | null;
}

/** "Iran's" → "Iran", "Jones'" → "Jones". */
function stripPossessive(word: string): string {
	const last = word.charCodeAt(word.length - 1);
	if (last === 0x27 || last === 0x2019) return word.slice(0, -1);
	if (word.length > 2 && (last === 0x73 || last === 0x53)) {
		const before = word.charCodeAt(word.length - 2);
		if (before === 0x27 || before === 0x2019) return word.slice(0, -2);
	}
	return word;
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
	while (j >= 0 && /\p{L}/u.test(text[j]!)) j--;
	return !DOTTED.has(text.slice(j + 1, i).toLowerCase());
}

/** Splits text into capitalised spans, remembering sentence starts and the following word. */
function findSpans(text: string): Span[] {
	const spans: Span[] = [];
	for (const match of text.matchAll(SPAN)) {
		const end = match.index + match[0].length;
		NEXT_WORD.lastIndex = end;
		const next = NEXT_WORD.exec(text)?.[1]?.toLowerCase() ?? null;
		let words: string[] = [];
		let initial = startsSentence(text, match.index);
		// A possessive ends the name: "Lebanon's Hezbollah" is two names.
		for (const word of match[0].split(/[ \t]+/)) {
			words.push(word);
			if (/['’]s?$/u.test(word)) {
				spans.push({ words, sentenceInitial: initial, next: null });
				words = [];
				initial = false;
			}
		}
		if (words.length > 0) spans.push({ words, sentenceInitial: initial, next });
	}
	return spans;
}

/** A classified mention. */
interface Mention {
	kind: EntityKind;
	name: string;
}

/** Classifies a span with no role word; null when nothing is sure. */
function classifySpan(words: readonly string[], next: string | null): Mention | null {
	const surface = words.join(' ');
	const known = lookupName(surface);
	if (known) return known;
	if (hasOrgSuffix(words)) return { kind: 'organizations', name: surface };
	if (words.length === 1 && /^\p{Lu}{2,5}$/u.test(words[0]!) && !isNotAName(words[0]!)) return { kind: 'organizations', name: surface };
	if (words.length >= 2 && words.length <= 3 && !words.some((w) => isOrgWord(w) || isNotAName(w))) {
		if (isFirstName(words[0]!) || (next !== null && SPEECH.has(next))) return { kind: 'people', name: surface };
	}
	return null;
}

/** What one span says: sure mentions, and bare words to resolve against the article's people. */
interface SpanReading {
	mentions: Mention[];
	pending: string[];
}

/** Gazetteer-only reading (headlines in title case, leftovers of unclear spans). */
function lookupWords(words: readonly string[], out: SpanReading): void {
	for (const word of words) {
		const known = lookupName(word);
		if (known) out.mentions.push(known);
		else if (!isNotAName(word) && !isDemonym(word)) out.pending.push(word);
	}
}

/** Reads one body span (see the module comment for the rules). */
function readSpan(span: Span): SpanReading {
	const out: SpanReading = { mentions: [], pending: [] };
	let words = span.words.map(stripPossessive).filter((w) => w.length > 0);
	// Sentence starters and grammar words are capitalised without being names,
	// unless the whole span is a known name ("United Nations").
	const known = (ws: readonly string[]): boolean => lookupName(ws.join(' ')) !== null || hasOrgSuffix(ws);
	if (span.sentenceInitial && words.length > 0 && !known(words) && isNotAName(words[0]!)) words = words.slice(1);
	while (words.length > 0 && !known(words) && (isStopName(words[0]!) || CONNECTORS.has(words[0]!))) words = words.slice(1);
	if (words.length === 0) return out;
	if (known(words)) {
		out.mentions.push(classifySpan(words, span.next)!);
		return out;
	}
	// "U.S. Secretary of State Anthony Blinken": the words after the last role
	// word are a person; the words before it are read on their own.
	let lastRole = -1;
	words.forEach((w, i) => {
		if (ROLE_WORDS.has(foldName(w))) lastRole = i;
	});
	if (lastRole >= 0) {
		const tail = words.slice(lastRole + 1);
		let firstRole = lastRole;
		while (firstRole > 0 && (ROLE_WORDS.has(foldName(words[firstRole - 1]!)) || CONNECTORS.has(words[firstRole - 1]!))) firstRole--;
		const head = words.slice(0, firstRole);
		if (head.length > 0) {
			const mention = classifySpan(head, null);
			if (mention) out.mentions.push(mention);
			else lookupWords(head, out);
		}
		// One word after a mere modifier ("General Election") is not a surname.
		const titled = tail.length !== 1 || PERSON_TITLES.has(foldName(words[lastRole]!));
		if (titled && tail.length >= 1 && tail.length <= 3) {
			const name = lookupName(tail.join(' '));
			if (name) out.mentions.push(name);
			else if (!tail.some((w) => isOrgWord(w) || isNotAName(w))) out.mentions.push({ kind: 'people', name: tail.join(' ') });
		}
		return out;
	}
	const mention = classifySpan(words, span.next);
	if (mention) out.mentions.push(mention);
	else lookupWords(words, out);
	return out;
}

/**
 * Span readings by span text and context. Names recur across a corpus, so most
 * spans are read once per build; the cache is cleared when full (bounded memory).
 */
const readings = new Map<string, SpanReading>();

/** {@link readSpan} (or the headline reading), cached. */
function readSpanCached(span: Span, headline: boolean): SpanReading {
	const context = headline ? 'h' : `${span.sentenceInitial ? 'i' : '-'}${span.next !== null && SPEECH.has(span.next) ? 's' : '-'}`;
	const key = `${context}${span.words.join(' ')}`;
	let reading = readings.get(key);
	if (reading === undefined) {
		if (headline) {
			reading = { mentions: [], pending: [] };
			lookupWords(span.words.map(stripPossessive), reading);
		} else reading = readSpan(span);
		if (readings.size >= 300_000) readings.clear();
		readings.set(key, reading);
	}
	return reading;
}

/** Extracts canonical-cased names from one article; each list most-mentioned first, then by name. */
export function extractEntities(input: EntityInput, options: ExtractOptions = {}): Entities {
	const { maxChars = 6000, maxPerKind = 12 } = options;
	const counts = new Map<string, { mention: Mention; count: number; order: number }>();
	const pending: string[] = [];
	const take = (reading: SpanReading): void => {
		for (const mention of reading.mentions) {
			const key = `${mention.kind}\u0000${foldName(mention.name)}`;
			const entry = counts.get(key);
			if (entry) entry.count++;
			else counts.set(key, { mention, count: 1, order: counts.size });
		}
		for (const word of reading.pending) pending.push(word);
	};

	let body = '';
	for (const paragraph of input.paragraphs) {
		if (body.length >= maxChars) break;
		body += `${paragraph}\n`;
	}
	for (const span of findSpans(body.slice(0, maxChars + 200))) take(readSpanCached(span, false));
	// Headlines are often in title case, so only names already known are read there.
	for (const span of findSpans(input.title)) take(readSpanCached(span, true));

	// Bare surnames and first names ("Blinken") belong to the full name used elsewhere in the article.
	const ownerByPart = new Map<string, { count: number }>();
	for (const entry of counts.values()) {
		if (entry.mention.kind !== 'people') continue;
		const parts = foldName(entry.mention.name).split(' ');
		if (parts.length < 2) continue;
		const last = parts[parts.length - 1]!;
		if (!ownerByPart.has(last)) ownerByPart.set(last, entry);
		if (!ownerByPart.has(parts[0]!)) ownerByPart.set(parts[0]!, entry);
	}
	for (const word of pending) {
		const owner = ownerByPart.get(foldName(word));
		if (owner) owner.count++;
	}
	// A bare surname that was taken for a one-word person is folded into the full name too.
	for (const [key, entry] of counts) {
		if (entry.mention.kind !== 'people' || entry.mention.name.includes(' ')) continue;
		const owner = ownerByPart.get(foldName(entry.mention.name));
		if (owner) {
			owner.count += entry.count;
			counts.delete(key);
		}
	}

	const byKind = (kind: EntityKind): string[] =>
		[...counts.values()]
			.filter((e) => e.mention.kind === kind)
			.sort((a, b) => b.count - a.count || foldName(a.mention.name).localeCompare(foldName(b.mention.name), 'en') || a.order - b.order)
			.slice(0, maxPerKind)
			.map((e) => e.mention.name);
	return { people: byKind('people'), places: byKind('places'), organizations: byKind('organizations') };
}
