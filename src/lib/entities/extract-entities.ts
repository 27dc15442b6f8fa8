/**
 * One article → the people, places and organisations it names.
 *
 * compromise's full tagger costs ~10 µs per character: measured on the dev
 * set, ≈30 ms per article for the whole text and ≈3.3 ms for headline + first
 * paragraph, i.e. 5 minutes (or 33 s for the slice) at 10k articles on the
 * 2-core build machine, far over the build budget. So this module does its own
 * linear pass: it chunks capitalised spans (find-spans.ts), strips determiners
 * ("A European Union official") and role words ("Foreign Minister"), and
 * classifies each span with compromise's lexicon (first names, countries,
 * cities, organisations) plus a small hand-kept gazetteer and a few rules
 * (read-span.ts). Lines in capitals (wire tables, shouted headlines) and
 * headlines are read through the gazetteers only. Readings are cached by span
 * text and context, since names recur.
 *
 * Bare surnames ("Baker said") join the full name used in the same article
 * ("James Baker"). The ones that do not are returned as `surnames`, with the
 * article's `context` (the names it uses), so that `indexEntities` can join
 * them to a full name used elsewhere in the corpus (join-surnames.ts).
 */
import type { Entities } from '../../schemas/article.ts';
import { findSpans } from './find-spans.ts';
import { foldName, guessLanguage, isFirstName, isNotAName, isShouted, type EntityKind } from './gazetteer.ts';
import { readDateline, readSpanCached, type Bare, type Mention, type SpanReading } from './read-span.ts';

/** What the extractor reads from an article. */
export interface EntityInput {
	/** Headline (read only for names already known from the gazetteers or the body). */
	title: string;
	/** Body paragraphs as plain text. */
	paragraphs: readonly string[];
	/** Wire dateline split off the body by the ingest ("WASHINGTON, March 3 (Reuters)"); its place is read. */
	dateline?: string | null;
}

/** Tuning for {@link extractEntities}. */
export interface ExtractOptions {
	/** Characters of body read; bounds the cost of very long articles. */
	maxChars?: number;
	/** Most names kept per kind (most mentioned first). */
	maxPerKind?: number;
}

/** What the corpus step needs besides the names, to join bare surnames across articles. */
export interface NameEvidence {
	/**
	 * One-word names that read as a person's surname ("Baker said", "Baker" mid-sentence)
	 * and match no full name in this article. A one-word place or organisation is listed
	 * only when every mention of it reads as a person ("Jordan said").
	 */
	surnames: string[];
	/**
	 * Two or three capitalised words that may be a person's full name ("Peyton Manning",
	 * "Tarvaris Jackson") but that nothing in the article confirms: they are that person
	 * if the corpus names them elsewhere, and their surname joins no one else.
	 */
	unread: string[];
	/** Folded names this article uses (all kinds, and capitalised words), most frequent first. */
	context: string[];
}

/** The names of one article and its evidence for joining surnames across the corpus. */
export type ExtractedEntities = Entities & NameEvidence;

/** Name suffixes that are not surnames ("Martin Luther King Jr"). */
const NAME_SUFFIXES = new Set(['jr', 'sr', 'ii', 'iii', 'iv']);
/** Most context names kept per article. */
const MAX_CONTEXT = 40;
/** Most unread full names kept per article. */
const MAX_UNREAD = 12;

/** One name of the article and how often it is mentioned. */
interface Count {
	mention: Mention;
	/** The mention's folded name. */
	folded: string;
	count: number;
	order: number;
}

/** Extracts canonical-cased names from one article; each list most-mentioned first, then by name. */
export function extractEntities(input: EntityInput, options: ExtractOptions = {}): ExtractedEntities {
	const { maxChars = 6000, maxPerKind = 12 } = options;
	const counts = new Map<string, Count>();
	const pending: string[] = [];
	const bares: Bare[] = [];
	const add = (mention: Mention): void => {
		const folded = foldName(mention.name);
		const key = `${mention.kind}\u0000${folded}`;
		const entry = counts.get(key);
		if (!entry) counts.set(key, { mention, folded, count: 1, order: counts.size });
		else {
			entry.count++;
			// One shouted spelling ("WASHINGTON") gives way to the usual one.
			if (isShouted(entry.mention.name) && !isShouted(mention.name)) entry.mention = mention;
		}
	};
	const maybes: string[] = [];
	// Unknown words of headlines and shouted lines resolve surnames but say little about the article.
	const quiet: string[] = [];
	const take = (reading: SpanReading, shouted: boolean): void => {
		for (const mention of reading.mentions) add(mention);
		for (const word of reading.pending) (shouted ? quiet : pending).push(word);
		if (reading.bare) bares.push(reading.bare);
		if (reading.maybe) maybes.push(reading.maybe);
	};

	let body = '';
	for (const paragraph of input.paragraphs) {
		if (body.length >= maxChars) break;
		body += `${paragraph}\n`;
	}
	body = body.slice(0, maxChars + 200);
	const language = guessLanguage(body);
	if (input.dateline) {
		const place = readDateline(input.dateline);
		if (place) add(place);
	}
	for (const span of findSpans(body)) take(readSpanCached(span, false, language), span.shouted);
	// Headlines are often in title case or capitals, so only names already known are read there.
	for (const span of findSpans(input.title)) take(readSpanCached(span, true, language), true);

	// An unclear pair of words is a person when the article also uses its last word alone as a
	// person: after a title ("Mr Cook"), or, when the first word is no common word, before a
	// speech verb ("Mefin Davies" … "Davies said"; but "Ask Jeeves" … "Jeeves said" is a firm).
	if (maybes.length > 0) {
		const spoken = new Set(bares.filter((b) => b.strength === 2).map((b) => foldName(b.word)));
		const titled = new Set<string>();
		for (const entry of counts.values()) if (entry.mention.kind === 'people' && !entry.folded.includes(' ')) titled.add(entry.folded);
		for (const name of maybes) {
			const surname = surnameOf(foldName(name));
			if (titled.has(surname) || (spoken.has(surname) && !isNotAName(name.slice(0, name.indexOf(' '))))) add({ kind: 'people', name });
		}
	}
	const surnames = resolveBareNames(counts, [...pending, ...quiet], bares);
	const unread = new Map<string, string>();
	for (const name of maybes) if (unread.size < MAX_UNREAD && !counts.has(`people\u0000${foldName(name)}`)) unread.set(foldName(name), name);
	const byKind = (kind: EntityKind): string[] =>
		[...counts.values()]
			.filter((e) => e.mention.kind === kind)
			.sort((a, b) => b.count - a.count || a.folded.localeCompare(b.folded, 'en') || a.order - b.order)
			.slice(0, maxPerKind)
			.map((e) => e.mention.name);
	return {
		people: byKind('people'),
		places: byKind('places'),
		organizations: byKind('organizations'),
		surnames,
		unread: [...unread.values()],
		context: articleContext(counts, bares, pending),
	};
}

/** Last folded word of a person's name that is a surname ("martin luther king jr" → "king"). */
export function surnameOf(foldedName: string): string {
	const space = foldedName.lastIndexOf(' ');
	const last = foldedName.slice(space + 1);
	if (!NAME_SUFFIXES.has(last)) return last;
	const parts = foldedName.split(' ');
	let end = parts.length - 1;
	while (end > 0 && NAME_SUFFIXES.has(parts[end]!)) end--;
	return parts[end]!;
}

/**
 * Joins bare surnames and first names ("Blinken") to the full name used elsewhere in the
 * article ("Anthony Blinken"), and one-word people ("Mr Blinken") too. Returns the
 * possible surnames left over, for the corpus-wide join.
 */
function resolveBareNames(counts: Map<string, Count>, pending: readonly string[], bares: readonly Bare[]): string[] {
	const ownerByPart = new Map<string, Count>();
	for (const entry of counts.values()) {
		if (entry.mention.kind !== 'people') continue;
		const folded = entry.folded;
		if (!folded.includes(' ')) continue;
		const last = surnameOf(folded);
		if (!ownerByPart.has(last)) ownerByPart.set(last, entry);
		const first = folded.slice(0, folded.indexOf(' '));
		if (!ownerByPart.has(first)) ownerByPart.set(first, entry);
	}
	for (const word of pending) {
		const owner = ownerByPart.get(foldName(word));
		if (owner) owner.count++;
	}
	for (const [key, entry] of counts) {
		if (entry.mention.kind !== 'people' || entry.mention.name.includes(' ')) continue;
		const owner = ownerByPart.get(foldName(entry.mention.name));
		if (owner) {
			owner.count += entry.count;
			counts.delete(key);
		}
	}
	// A place or organisation that every time reads as a person ("Jordan said") may be a surname.
	const spoken = new Map<string, number>();
	const surnames = new Map<string, string>();
	for (const bare of bares) {
		const folded = foldName(bare.word);
		const owner = ownerByPart.get(folded);
		if (owner) {
			owner.count++;
			if (bare.shadow) {
				const key = `${bare.shadow.kind}\u0000${foldName(bare.shadow.name)}`;
				const shadow = counts.get(key);
				if (shadow && --shadow.count === 0) counts.delete(key);
			}
		} else if (bare.shadow) spoken.set(folded, (spoken.get(folded) ?? 0) + 1);
		else if (!surnames.has(folded) && !counts.has(`places\u0000${folded}`) && !counts.has(`organizations\u0000${folded}`)) surnames.set(folded, bare.word);
	}
	for (const bare of bares) {
		if (!bare.shadow) continue;
		const folded = foldName(bare.word);
		const shadow = counts.get(`${bare.shadow.kind}\u0000${foldName(bare.shadow.name)}`);
		if (shadow && shadow.count === spoken.get(folded) && !surnames.has(folded)) surnames.set(folded, bare.word);
	}
	return [...surnames.values()];
}

/**
 * The folded names an article uses, most mentioned first, then its other capitalised
 * words: mid-sentence ones ("the Treasury") and those left from unclear spans
 * ("Treasury Secretary James Baker").
 */
function articleContext(counts: ReadonlyMap<string, Count>, bares: readonly Bare[], pending: readonly string[]): string[] {
	const context = new Set<string>();
	const entries = [...counts.values()].sort((a, b) => b.count - a.count || a.order - b.order);
	for (const entry of entries) {
		if (context.size >= MAX_CONTEXT) break;
		context.add(entry.folded);
	}
	for (const bare of bares) {
		if (context.size >= MAX_CONTEXT) break;
		if (bare.strength >= 1) context.add(foldName(bare.word));
	}
	for (const word of pending) {
		if (context.size >= MAX_CONTEXT) break;
		// A stray first name ("Marie") says nothing about what the article is about.
		if (!isFirstName(word)) context.add(foldName(word));
	}
	return [...context];
}
