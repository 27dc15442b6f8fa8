/**
 * How the entity extractor reads one capitalised span (see extract-entities.ts):
 * determiners and role words stripped, then compromise's lexicon, the
 * gazetteer and a few rules of form ("Bank of England", "Gulf of Aden",
 * "Senator Jane Doe", "Smith said"). Headlines and shouted lines are read
 * through the gazetteers only. Readings are cached by span text and context.
 */
import { CONNECTORS, type Span } from './find-spans.ts';
import {
	canBeSurname,
	foldName,
	hasOrgSuffix,
	hasPlaceForm,
	isDemonym,
	isDeterminer,
	isFirstName,
	isGivenNamePlace,
	isNotAName,
	isOrgWord,
	isPersonTitle,
	isRoleWord,
	isShouted,
	isStopName,
	lookupName,
	unshout,
	type EntityKind,
} from './gazetteer.ts';

/** Verbs of speech that mark the span before (or after) as a person ("Smith said", "said Smith"). */
const SPEECH = new Set(['said', 'says', 'told', 'added', 'explained', 'argued', 'insisted', 'warned', 'stated', 'noted', 'replied', 'wrote', 'asked', 'urged', 'predicted', 'acknowledged', 'recalled']);
/** Words dropped from the end of a span ("Brussels Monday", "... Reuter"). */
const TRAILING_NOISE = new Set(['monday', 'tuesday', 'wednesday', 'thursday', 'friday', 'saturday', 'sunday', 'reuter']);

/** A classified mention. */
export interface Mention {
	kind: EntityKind;
	name: string;
}

/**
 * A one-word span that may be a surname. `strength`: 2 when the words around
 * mark a person (speech verb), 1 when it is capitalised mid-sentence, 0 when
 * only its form says so (sentence start, headline). `shadow` is the place or
 * organisation the word also reads as ("Jordan"), counted as that meanwhile.
 */
export interface Bare {
	word: string;
	strength: 0 | 1 | 2;
	shadow: Mention | null;
}

/** What one span says: sure mentions, bare words to resolve against the article's people, a possible surname. */
export interface SpanReading {
	mentions: Mention[];
	pending: string[];
	bare: Bare | null;
	/**
	 * Two or three words nothing classifies, ending in a possible surname: a person if the article
	 * uses the last one alone as a person ("Mefin Davies" … "Davies said"), or if the corpus reads them elsewhere.
	 */
	maybe: string | null;
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

/**
 * True when 1-3 words read as a person's name: a first name, then words that can be
 * surnames ("James Baker"); or, with `evidence` from the words around (a speech verb,
 * a title), words that are no common words ("Kiichi Miyazawa"), or surnames after a title ("Mr Brown").
 */
function readsAsPerson(words: readonly string[], evidence: boolean): boolean {
	if (words.length === 0 || words.length > 3) return false;
	// Acronyms ("BBC Radio") and organisation words are no parts of a person's name.
	if (words.some((w) => isOrgWord(w) || isStopName(w) || isDeterminer(w) || /^\p{Lu}{2,}$/u.test(w))) return false;
	if (words.length > 1 && isFirstName(words[0]!)) return words.slice(1).every((w) => canBeSurname(w, evidence));
	if (!evidence) return false;
	return words.every((w) => !isNotAName(w)) || (words.length === 1 && canBeSurname(words[0]!, true));
}

/** After a title, a name whose last word is no common word ("Ban Ki-moon") is a person even if the others are. */
function titledName(words: readonly string[]): boolean {
	return (
		words.length >= 2 &&
		!isNotAName(words[words.length - 1]!) &&
		words.every((w) => canBeSurname(w, true)) &&
		!words.some((w) => isOrgWord(w) || isStopName(w) || isDeterminer(w) || /^\p{Lu}{2,}$/u.test(w))
	);
}

/** Classifies a span with no role word; null when nothing is sure. */
function classifySpan(words: readonly string[], next: string | null, prev: string | null): Mention | null {
	const surface = words.join(' ');
	const known = lookupName(surface);
	if (known) return known;
	if (hasOrgSuffix(words)) return { kind: 'organizations', name: surface };
	if (hasPlaceForm(words)) return { kind: 'places', name: surface };
	if (words.length === 1 && /^\p{Lu}{2,5}$/u.test(words[0]!) && !isNotAName(words[0]!)) return { kind: 'organizations', name: surface };
	// "the Charlotte Bobcats": English puts no article before a person's name.
	if (words.length >= 2 && prev !== 'the') {
		const spoken = (next !== null && SPEECH.has(next)) || (prev !== null && SPEECH.has(prev));
		// Without a first name, a speech verb is evidence only for words that are no common words.
		if (isFirstName(words[0]!) ? readsAsPerson(words, spoken) : spoken && words.every((w) => !isNotAName(w)) && readsAsPerson(words, true)) {
			return { kind: 'people', name: surface };
		}
	}
	return null;
}

/** Longest run of words the gazetteers read as one name ("SOVIET UNION" in a shouted line). */
const MAX_NAME_WORDS = 4;

/**
 * Gazetteer-only reading (headlines, shouted lines, leftovers of unclear spans):
 * the longest known runs of words, then the unknown words as pending surnames.
 */
function lookupWords(words: readonly string[], out: SpanReading): void {
	for (let i = 0; i < words.length; ) {
		let length = 0;
		let known: Mention | null = null;
		for (let n = Math.min(MAX_NAME_WORDS, words.length - i); n >= 2 && !CONNECTORS.has(words[i]!); n--) {
			known = lookupName(words.slice(i, i + n).join(' '));
			if (known) {
				length = n;
				break;
			}
		}
		if (!known) {
			const word = words[i]!;
			length = 1;
			known = words.length > 1 && isGivenNamePlace(word) ? null : lookupName(word);
			if (!known && !isNotAName(word) && !isDemonym(word) && !CONNECTORS.has(word)) out.pending.push(word);
		}
		if (known) out.mentions.push(known);
		i += length;
	}
}

/** Strips what is capitalised without being part of a name from both ends of a span. */
function trimSpan(span: Span, language: string): string[] {
	let words = span.words.map(stripPossessive).filter((w) => w.length > 0);
	const whole = (ws: readonly string[]): boolean => lookupName(ws.join(' ')) !== null;
	// Sentence starters and grammar words are capitalised without being names, unless the
	// whole span is a known name ("The Hague"); a common word also stays before an
	// organisation word ("Chinese Communist Party").
	const known = (ws: readonly string[]): boolean => whole(ws) || hasOrgSuffix(ws);
	// A label in capitals before a name ("SOURCE Summit Entertainment", "UPDATE Bank of England").
	while (words.length > 1 && isShouted(words[0]!) && !isShouted(words[1]!) && !whole(words)) words = words.slice(1);
	while (words.length > 0 && isDeterminer(words[0]!, language) && !whole(words)) words = words.slice(1);
	// ("Baker said" is kept: a lone word before a speech verb may be a surname.)
	const spoken = words.length === 1 && span.next !== null && SPEECH.has(span.next);
	if (span.sentenceInitial && !spoken && words.length > 0 && words.length === span.words.length && !known(words) && isNotAName(words[0]!) && !isRoleWord(words[0]!)) {
		words = words.slice(1);
	}
	// ("Mr" stays: it is a title, read below.)
	while (words.length > 0 && !known(words) && ((isStopName(words[0]!) && !isRoleWord(words[0]!)) || isDeterminer(words[0]!, language) || CONNECTORS.has(words[0]!))) {
		words = words.slice(1);
	}
	while (words.length > 0 && !whole(words) && TRAILING_NOISE.has(foldName(words[words.length - 1]!))) words = words.slice(0, -1);
	return words;
}

/** Reads a one-word span that no gazetteer or rule names for sure: a possible surname. */
function readBareWord(word: string, span: Span, known: Mention | null, out: SpanReading): void {
	const spoken = (span.next !== null && SPEECH.has(span.next)) || (span.prev !== null && SPEECH.has(span.prev));
	const strength = spoken ? 2 : span.sentenceInitial ? 0 : 1;
	if (known) {
		out.mentions.push(known);
		// "Jordan said": maybe a person, if an article names one with that surname.
		if (spoken && known.kind !== 'people') out.bare = { word, strength, shadow: known };
		return;
	}
	if (word.length < 2 || isStopName(word) || isDemonym(word) || isDeterminer(word)) return;
	// A common word ("Earlier", "Young" in "Ernst & Young") or a first name ("gangster Charles
	// 'Lucky' Luciano") is a surname only beside a speech verb.
	if (strength < 2 && (isNotAName(word) || isFirstName(word))) return;
	out.bare = { word, strength, shadow: null };
}

/**
 * True when a span with an organisation's form holds a titled person: a title after
 * the first word ("Bank of England Governor Mervyn King", "Church of Scotland
 * Minister"), or a title, a name and "of" ("Analyst Rob Enderle of Enderle Group").
 */
function titledPerson(words: readonly string[]): boolean {
	for (let i = 1; i < words.length; i++) if (isPersonTitle(words[i]!)) return true;
	if (!isPersonTitle(words[0]!)) return false;
	const connector = words.indexOf('of');
	return connector > 1 && readsAsPerson(words.slice(1, connector), true);
}

/** Reads one body span (see the module comment for the rules). */
function readSpan(whole: Span, language: string): SpanReading {
	const out: SpanReading = { mentions: [], pending: [], bare: null, maybe: null };
	const words = trimSpan(whole, language);
	if (words.length === 0) return out;
	// A word cut from the end ("Brussels Monday said") leaves the next word no neighbour.
	const span = words[words.length - 1] === stripPossessive(whole.words[whole.words.length - 1]!) ? whole : { ...whole, next: null };
	const surface = words.join(' ');
	if (lookupName(surface) !== null || (hasOrgSuffix(words) && !titledPerson(words))) {
		const mention = classifySpan(words, span.next, span.prev)!;
		if (words.length === 1) readBareWord(words[0]!, span, mention, out);
		else out.mentions.push(mention);
		return out;
	}
	// "U.S. Secretary of State Anthony Blinken": the words after the last role
	// word are a person; the words before it are read on their own.
	let lastRole = -1;
	words.forEach((w, i) => {
		// After a first name a role word is a surname ("Mervyn King").
		if (isRoleWord(w) && !(i > 0 && isFirstName(words[i - 1]!) && !isRoleWord(words[i - 1]!))) lastRole = i;
	});
	if (lastRole >= 0) {
		let tail = words.slice(lastRole + 1);
		// "Affairs Allen Wallis": a name starts at its first name.
		if (tail.length >= 3 && !isFirstName(tail[0]!) && isFirstName(tail[1]!)) tail = tail.slice(1);
		let firstRole = lastRole;
		while (firstRole > 0 && (isRoleWord(words[firstRole - 1]!) || CONNECTORS.has(words[firstRole - 1]!))) firstRole--;
		const head = words.slice(0, firstRole);
		if (head.length > 0) {
			const mention = classifySpan(head, null, null);
			if (mention) out.mentions.push(mention);
			else lookupWords(head, out);
		}
		// "Analyst Peter Hanley of Smith Barney": the name ends at a connector.
		const connector = tail.findIndex((w) => CONNECTORS.has(w));
		if (connector > 0) {
			const rest = tail.slice(connector + 1);
			tail = tail.slice(0, connector);
			const mention = rest.length > 0 ? classifySpan(rest, null, null) : null;
			if (mention) out.mentions.push(mention);
			else lookupWords(rest, out);
		}
		// One word after a mere modifier ("General Election") is not a surname.
		const titled = tail.length !== 1 || isPersonTitle(words[lastRole]!);
		if (titled && tail.length >= 1 && tail.length <= 3) {
			const name = lookupName(tail.join(' '));
			if (name && !(tail.length === 1 && name.kind !== 'people')) out.mentions.push(name);
			else if (readsAsPerson(tail, true) || (titledName(tail) && isPersonTitle(words[lastRole]!))) out.mentions.push({ kind: 'people', name: tail.join(' ') });
		}
		return out;
	}
	// "Sprinter Kelly Holmes", "Swede Joachim Johansson": a name starts at its first name.
	let lead = 0;
	while (words.length - lead >= 3 && (isNotAName(words[lead]!) || isDemonym(words[lead]!)) && isFirstName(words[lead + 1]!)) lead++;
	if (lead > 0) lookupWords(words.slice(0, lead), out);
	const name = words.slice(lead);
	const mention = classifySpan(name, span.next, span.prev);
	if (name.length === 1) readBareWord(name[0]!, span, mention, out);
	else if (mention) out.mentions.push(mention);
	else {
		const before = out.mentions.length;
		lookupWords(name, out);
		// The first word may be a common one ("Robin Williams", "Max Jones"): the corpus step only
		// takes the pair for a person that another article reads in full.
		const plausible = !name.some((w) => isOrgWord(w) || isStopName(w) || isDeterminer(w) || isDemonym(w) || /^\p{Lu}+$/u.test(w));
		if (out.mentions.length === before && name.length <= 3 && plausible && canBeSurname(name[name.length - 1]!, true)) out.maybe = name.join(' ');
	}
	return out;
}

/** Headline or shouted line: only what the gazetteers know, in its usual case; unknown words may be surnames. */
function readShouted(span: Span): SpanReading {
	const out: SpanReading = { mentions: [], pending: [], bare: null, maybe: null };
	const words = span.words.map(stripPossessive).filter((w) => w.length > 0);
	lookupWords(words, out);
	out.mentions = out.mentions.map((m) => ({ kind: m.kind, name: unshout(m.name) }));
	if (words.length === 1 && out.pending.length === 1) out.bare = { word: unshout(words[0]!), strength: 0, shadow: null };
	return out;
}

/**
 * Span readings by span text and context. Names recur across a corpus, so most
 * spans are read once per build; the cache is cleared when full (bounded memory).
 */
const readings = new Map<string, SpanReading>();

/** {@link readSpan} (or the headline reading), cached. */
export function readSpanCached(span: Span, headline: boolean, language: string): SpanReading {
	const shouted = headline || span.shouted;
	const speech = (span.next !== null && SPEECH.has(span.next)) || (span.prev !== null && SPEECH.has(span.prev));
	const context = shouted
		? 'h'
		: `${span.sentenceInitial ? 'i' : '-'}${speech ? 's' : '-'}${span.next !== null && SPEECH.has(span.next) ? 'n' : '-'}${span.prev === 'the' ? 't' : '-'}${language}`;
	const key = `${context}\u0000${span.words.join(' ')}`;
	let reading = readings.get(key);
	if (reading === undefined) {
		reading = shouted ? readShouted(span) : readSpan(span, language);
		if (readings.size >= 300_000) readings.clear();
		readings.set(key, reading);
	}
	return reading;
}

/**
 * A dateline's place ("WASHINGTON, March 3" → Washington): the words before the first comma
 * or bracket; unknown words count when none is a common word.
 */
export function readDateline(dateline: string): Mention | null {
	const words = dateline.split(/[,(]/)[0]!.trim().split(/\s+/).filter((w) => w.length > 0);
	if (words.length === 0) return null;
	const surface = unshout(words.join(' '));
	const known = lookupName(surface);
	if (known) return known.kind === 'places' ? { kind: 'places', name: unshout(known.name) } : null;
	return words.some((w) => isNotAName(w) || isStopName(w)) ? null : { kind: 'places', name: surface };
}
