/**
 * Name knowledge for the entity extractor: compromise's lexicon (names,
 * countries, cities, organisations) plus a small hand-kept list for what
 * compromise lacks or gets wrong in news text (aliases like "U.S.", agencies,
 * armed groups, news agencies). Keys are folded with {@link foldName}.
 */
import nlp from 'compromise';

/** The three kinds of named entity, as used in URLs and in `Article.entities`. */
export type EntityKind = 'people' | 'places' | 'organizations';

/** Folds a name to its matching key: no accents, no punctuation, lower case, single spaces. */
export function foldName(name: string): string {
	let folded = foldCache.get(name);
	if (folded === undefined) {
		folded = foldUncached(name);
		// Names repeat across a corpus; the cache is cleared when full so memory stays bounded.
		if (foldCache.size >= 200_000) foldCache.clear();
		foldCache.set(name, folded);
	}
	return folded;
}

const foldCache = new Map<string, string>();

function foldUncached(name: string): string {
	return name
		.normalize('NFKD')
		.replace(/[\u0300-\u036f]/g, '')
		.toLowerCase()
		.replace(/['’]/g, '')
		.replace(/[^\p{L}\p{N}]+/gu, ' ')
		.trim();
}

/** Alternative spellings → canonical name and kind. Keys are folded. */
const ALIASES: Record<string, [string, EntityKind]> = {
	'u s': ['United States', 'places'],
	us: ['United States', 'places'],
	usa: ['United States', 'places'],
	'u s a': ['United States', 'places'],
	america: ['United States', 'places'],
	'united states': ['United States', 'places'],
	'united states of america': ['United States', 'places'],
	uk: ['United Kingdom', 'places'],
	'u k': ['United Kingdom', 'places'],
	britain: ['United Kingdom', 'places'],
	'great britain': ['United Kingdom', 'places'],
	'united kingdom': ['United Kingdom', 'places'],
	'gaza strip': ['Gaza', 'places'],
	'middle east': ['Middle East', 'places'],
	'west bank': ['West Bank', 'places'],
	'hong kong': ['Hong Kong', 'places'],
	'new york': ['New York', 'places'],
	'los angeles': ['Los Angeles', 'places'],
	'south africa': ['South Africa', 'places'],
	'north korea': ['North Korea', 'places'],
	'south korea': ['South Korea', 'places'],
	'new zealand': ['New Zealand', 'places'],
	'saudi arabia': ['Saudi Arabia', 'places'],
	europe: ['Europe', 'places'],
	africa: ['Africa', 'places'],
	asia: ['Asia', 'places'],
	un: ['United Nations', 'organizations'],
	'u n': ['United Nations', 'organizations'],
	'united nations': ['United Nations', 'organizations'],
	'un security council': ['UN Security Council', 'organizations'],
	'security council': ['UN Security Council', 'organizations'],
	'general assembly': ['UN General Assembly', 'organizations'],
	eu: ['European Union', 'organizations'],
	'european union': ['European Union', 'organizations'],
	'european commission': ['European Commission', 'organizations'],
	nato: ['Nato', 'organizations'],
	hamas: ['Hamas', 'organizations'],
	hezbollah: ['Hezbollah', 'organizations'],
	hizbollah: ['Hezbollah', 'organizations'],
	'al qaeda': ['Al Qaeda', 'organizations'],
	taliban: ['Taliban', 'organizations'],
	reuters: ['Reuters', 'organizations'],
	'associated press': ['Associated Press', 'organizations'],
	ap: ['Associated Press', 'organizations'],
	afp: ['AFP', 'organizations'],
	bbc: ['BBC', 'organizations'],
	pentagon: ['Pentagon', 'organizations'],
	'white house': ['White House', 'organizations'],
	kremlin: ['Kremlin', 'organizations'],
	congress: ['Congress', 'organizations'],
	fbi: ['FBI', 'organizations'],
	cia: ['CIA', 'organizations'],
	imf: ['IMF', 'organizations'],
	'world bank': ['World Bank', 'organizations'],
	wto: ['WTO', 'organizations'],
	opec: ['Opec', 'organizations'],
	fifa: ['Fifa', 'organizations'],
	uefa: ['Uefa', 'organizations'],
	'labour party': ['Labour', 'organizations'],
	labour: ['Labour', 'organizations'],
	'conservative party': ['Conservatives', 'organizations'],
	conservatives: ['Conservatives', 'organizations'],
	tories: ['Conservatives', 'organizations'],
	'liberal democrats': ['Liberal Democrats', 'organizations'],
	'lib dems': ['Liberal Democrats', 'organizations'],
	microsoft: ['Microsoft', 'organizations'],
	google: ['Google', 'organizations'],
	apple: ['Apple', 'organizations'],
	sony: ['Sony', 'organizations'],
};

/** Words that introduce a person's name ("Foreign Minister X"); never part of the name. */
export const ROLE_WORDS = new Set(
	(
		'mr mrs ms miss dr sir dame lord lady president vice prime minister ministers secretary chancellor senator sen rep governor gov mayor king queen prince princess pope ' +
		'general gen colonel col captain capt sergeant judge justice chief executive chairman chairwoman chair director manager coach boss spokesman spokeswoman spokesperson ' +
		'ambassador envoy leader deputy commissioner official officials inspector detective professor prof rev father saint st striker midfielder defender goalkeeper star singer actor actress ' +
		'foreign defence defense home interior finance trade health culture state economic'
	).split(' '),
);

/**
 * Titles that name a person on their own, so one word after them is a surname
 * ("President Bush", "Mr Blair"). Modifiers such as "General" or "Home" are not
 * enough ("General Election", "Home Office").
 */
export const PERSON_TITLES = new Set(
	(
		'mr mrs ms miss dr sir dame lord lady president minister ministers secretary chancellor senator sen rep governor gov mayor king queen prince princess pope ' +
		'colonel col captain capt sergeant judge inspector detective professor prof rev father saint coach manager boss striker midfielder defender goalkeeper singer actor actress ambassador envoy spokesman spokeswoman chairman chairwoman commissioner'
	).split(' '),
);

/** Last words that mark a span as an organisation ("Bank of England", "Labour Party"). */
const ORG_SUFFIXES = new Set(
	(
		'inc corp corporation ltd plc llc group party council association bank ministry department agency commission union committee club university college assembly ' +
		'court office organisation organization federation company airlines airways motors network institute foundation times post journal herald telegraph guardian news ' +
		'parliament senate police army navy force forces service services authority board fund reserve exchange records studios pictures entertainment media telecom ' +
		'energy holdings partners capital systems technologies labs games software fc academy society trust church hospital school league commons'
	).split(' '),
);

/** Capitalised words that are not names on their own (sentence starters, months, weekdays...). */
const NOT_NAMES = new Set(
	(
		'the a an this that these those it its he she they we i you his her their our but and or if so as at in on by for to of from with after before during however ' +
		'meanwhile notably additionally earlier later according while when where what who why how there here then yet also although though despite since until ' +
		'monday tuesday wednesday thursday friday saturday sunday january february march april may june july august september october november december ' +
		'tv ceo cfo ok mp mps msp pm am gmt bst cd cds dvd dvds pc pcs ps tv3 hd id mr mrs ms dr sir share related join gdp vat ipo sms mp3 hiv aids dna'
	).split(' '),
);

type Lexicon = Record<string, string | string[]>;
let lexicon: Lexicon | undefined;

/** compromise's lexicon, loaded once. */
function compromiseLexicon(): Lexicon {
	lexicon ??= (nlp as unknown as { world(): { model: { one: { lexicon: Lexicon } } } }).world().model.one.lexicon;
	return lexicon;
}

/** compromise's tags for a folded key (empty when unknown). */
function lexiconTags(key: string): readonly string[] {
	const tags = compromiseLexicon()[key];
	return tags === undefined ? [] : Array.isArray(tags) ? tags : [tags];
}

/** What the gazetteers know about a whole span: a canonical name and kind, or null. */
export function lookupName(surface: string): { name: string; kind: EntityKind } | null {
	let found = lookupCache.get(surface);
	if (found === undefined) {
		found = lookupUncached(surface);
		if (lookupCache.size >= 200_000) lookupCache.clear();
		lookupCache.set(surface, found);
	}
	return found;
}

const lookupCache = new Map<string, { name: string; kind: EntityKind } | null>();

function lookupUncached(surface: string): { name: string; kind: EntityKind } | null {
	const key = foldName(surface);
	const alias = ALIASES[key];
	if (alias) return { name: alias[0], kind: alias[1] };
	const tags = lexiconTags(key);
	if (tags.some((t) => t === 'Country' || t === 'City' || t === 'Region' || t === 'Place')) return { name: surface, kind: 'places' };
	if (tags.includes('Organization')) return { name: surface, kind: 'organizations' };
	return null;
}

/** True when compromise knows `word` as a first name ("Anthony", "Hossein"). */
export function isFirstName(word: string): boolean {
	return lexiconTags(foldName(word)).some((t) => t === 'FirstName' || t === 'MaleName' || t === 'FemaleName');
}

/** True when `word` alone is an organisation-type word ("Department", "Bank"). */
export function isOrgWord(word: string): boolean {
	return ORG_SUFFIXES.has(foldName(word));
}

/** True when the span's form marks an organisation: an organisation word last, or first before "of". */
export function hasOrgSuffix(words: readonly string[]): boolean {
	if (words.length < 2) return false;
	// "Labour Party", and also "Bank of England", "University of London".
	return ORG_SUFFIXES.has(foldName(words[words.length - 1]!)) || (words.length >= 3 && words[1] === 'of' && ORG_SUFFIXES.has(foldName(words[0]!)));
}

/** True for the fixed list of capitalised non-names (pronouns, months, weekdays, sentence adverbs). */
export function isStopName(word: string): boolean {
	return NOT_NAMES.has(foldName(word));
}

/** True when a capitalised word is only capitalised by grammar (sentence start, month, pronoun). */
export function isNotAName(word: string): boolean {
	const key = foldName(word);
	if (NOT_NAMES.has(key)) return true;
	// compromise knows the ordinary words; a sentence-initial "Earlier" or "Based" is not a name.
	const tags = lexiconTags(key);
	return tags.length > 0 && !tags.some((t) => t === 'ProperNoun' || t === 'Country' || t === 'City' || t === 'Place' || t === 'Region' || t === 'Organization' || t.endsWith('Name') || t === 'Person');
}

/** True for demonyms ("Iranian"), which describe rather than name. */
export function isDemonym(word: string): boolean {
	return lexiconTags(foldName(word)).includes('Demonym');
}
