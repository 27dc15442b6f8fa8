/**
 * Name knowledge for the entity extractor: compromise's lexicon (names,
 * countries, cities, organisations) plus a small hand-kept list for what
 * compromise lacks or gets wrong in news text (aliases like "U.S.", agencies,
 * armed groups, news agencies). Keys are folded with {@link foldName}.
 */
import { createRequire } from 'node:module';

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

/**
 * Places compromise's lexicon lacks or mistags, found by checking it against a
 * list of the world's countries: "Philippines" and "Laos" are tagged as
 * demonyms, "Jordan" and "Chad" as first names (a bare "Jordan said" is still
 * read as a possible surname, see extract-entities), and former countries that
 * wire archives name all the time are missing. `Canonical|alias|...`, with `*`
 * after a name that is also a given name; a leading "the" is stripped before
 * lookup, so "the Philippines" needs no entry.
 */
const EXTRA_PLACES = [
	'Philippines',
	'Laos',
	'Jordan*',
	'Chad*',
	'Soviet Union|USSR|U.S.S.R.',
	'West Germany|Federal Republic of Germany',
	'East Germany|German Democratic Republic|GDR',
	'Yugoslavia',
	'Czechoslovakia',
	'Zaire',
	'Rhodesia',
	'Ceylon',
	'Persia',
	'North Macedonia',
	'Eswatini',
	'Western Sahara',
	'New Caledonia',
	'American Samoa',
	'Gulf|Persian Gulf|Arabian Gulf',
	'Latin America',
	'South America',
	'North America',
	'Central America',
	'Eastern Europe',
	'Western Europe',
	'Far East',
	'Caribbean',
	'Balkans',
	'Scandinavia',
	'Tibet',
	'Kashmir',
	'Kurdistan',
	'Catalonia',
];
/** Places that are also given names ("Jordan Henderson"): read as places only when they stand alone. */
const GIVEN_NAME_PLACES = new Set<string>();
for (const entry of EXTRA_PLACES) {
	const [first, ...aliases] = entry.split('|') as [string, ...string[]];
	const name = first.replace(/\*$/, '');
	if (name !== first) GIVEN_NAME_PLACES.add(foldName(name));
	for (const alias of [name, ...aliases]) ALIASES[foldName(alias)] ??= [name, 'places'];
}

/** True for a place that is also a given name, so it is no place at the start of a longer span. */
export function isGivenNamePlace(word: string): boolean {
	return GIVEN_NAME_PLACES.has(foldName(word));
}

/** Words that introduce a person's name ("Foreign Minister X"); never part of the name. */
export const ROLE_WORDS = new Set(
	(
		'mr mrs ms miss dr sir dame lord lady president vice prime minister ministers secretary chancellor senator sen rep governor gov mayor king queen prince princess pope ' +
		'general gen colonel col captain capt sergeant judge justice chief executive chairman chairwoman chair director manager coach boss spokesman spokeswoman spokesperson ' +
		'ambassador envoy leader deputy commissioner official officials inspector detective professor prof rev father saint st striker midfielder defender goalkeeper star singer actor actress ' +
		'undersecretary undersheriff under affairs analyst analysts economist economists trader traders dealer dealers source sources attorney lawyer adviser advisor counsel ' +
		'commander lieutenant lt sgt admiral marshal premier emir sheikh ayatollah speaker assistant treasurer representative negotiator officer sheriff ' +
		'congressman congresswoman lawmaker mp mps mep meps msp councillor councilman ' +
		'foreign defence defense home interior finance trade health culture state economic commerce agriculture energy education environment transport industry'
	).split(' '),
);

// Hyphenated titles, as folded ("Secretary-General" → "secretary general").
for (const title of ['secretary general', 'director general', 'attorney general', 'solicitor general', 'governor general', 'vice president', 'vice chairman']) ROLE_WORDS.add(title);

/** True for a role word, also as part of a hyphenated one ("President-elect", "Vice-Chairman"). */
export function isRoleWord(word: string): boolean {
	const key = foldName(word);
	return ROLE_WORDS.has(key) || (key.includes(' ') && key.split(' ').some((part) => ROLE_WORDS.has(part) && PERSON_TITLES.has(part)));
}

/** True for a title that names a person on its own ({@link PERSON_TITLES}), also hyphenated ("President-elect"). */
export function isPersonTitle(word: string): boolean {
	const key = foldName(word);
	return PERSON_TITLES.has(key) || (key.includes(' ') && key.split(' ').some((part) => PERSON_TITLES.has(part)));
}

/**
 * Titles that name a person on their own, so one word after them is a surname
 * ("President Bush", "Mr Blair"). Modifiers such as "General" or "Home" are not
 * enough ("General Election", "Home Office").
 */
export const PERSON_TITLES = new Set(
	(
		'mr mrs ms miss dr sir dame lord lady president minister ministers secretary chancellor senator sen rep governor gov mayor king queen prince princess pope ' +
		'colonel col captain capt sergeant judge inspector detective professor prof rev father saint coach manager boss striker midfielder defender goalkeeper singer actor actress ambassador envoy spokesman spokeswoman chairman chairwoman commissioner ' +
		'undersecretary undersheriff analyst economist trader dealer attorney lawyer adviser advisor commander lieutenant lt sgt admiral marshal premier emir sheikh ayatollah speaker treasurer sheriff ' +
		'congressman congresswoman lawmaker mp mep msp councillor'
	).split(' '),
);

for (const title of ['secretary general', 'director general', 'attorney general', 'solicitor general', 'governor general', 'vice president', 'vice chairman']) PERSON_TITLES.add(title);

/** Last words that mark a span as an organisation ("Bank of England", "Labour Party"). */
const ORG_SUFFIXES = new Set(
	(
		'inc corp corporation ltd plc llc group party council association bank ministry department agency commission union committee club university college assembly ' +
		'court office organisation organization federation company airlines airways motors network institute foundation times post journal herald telegraph guardian news tribune chronicle gazette reporter ' +
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
		'tv ceo cfo ok mp mps msp pm am gmt bst cd cds dvd dvds pc pcs ps tv3 hd id mr mrs ms dr sir share related join gdp vat ipo sms mp3 hiv aids dna ' +
		// Wire copy: the "Reuter" sign-off, time zones, units and table words of earnings briefs.
		'reuter edt est pdt pst cdt cst utc cet mw kw gw mph kg lb lbs mln bln dlrs pct cts shr qtr vs avg lcd led vcr usb cpu oem ssd'
	).split(' '),
);

/**
 * Determiners and possessives that are capitalised only because they start a
 * sentence or a headline ("A European Union official", "The Office said");
 * never the first word of a name unless the lexicon knows the whole ("The Hague").
 */
const DETERMINERS = new Set(
	'a an the this that these those its his her their our my your some any each every another last next'.split(' '),
);

/**
 * Articles of other languages, stripped when the article is written in that
 * language ({@link guessLanguage}); in English text they begin names ("Le Monde", "Los Angeles").
 */
const FOREIGN_ARTICLES: Record<string, ReadonlySet<string>> = {
	fr: new Set('le la les l un une des du au aux'.split(' ')),
	de: new Set('der die das den dem des ein eine einer eines einem'.split(' ')),
	es: new Set('el la los las un una unos unas del al'.split(' ')),
	it: new Set('il lo la i gli le un uno una del della dei'.split(' ')),
	pt: new Set('o a os as um uma do da dos das'.split(' ')),
	nl: new Set('de het een'.split(' ')),
};
/** Frequent function words that tell the languages apart (none is an English word). */
const LANGUAGE_HINTS: Record<string, RegExp> = {
	fr: /\b(?:le|la|les|des|est|une|dans|pour|qui|avec|sur|du|et|au|aux|ses|pas|ont)\b/g,
	de: /\b(?:der|die|und|das|ist|nicht|mit|den|sich|auf|dem|ein|eine|zu|von)\b/g,
	es: /\b(?:el|los|las|del|que|por|una|con|para|y|es|se|lo)\b/g,
	it: /\b(?:il|della|che|gli|per|sono|del|una|non|di|le|la)\b/g,
	pt: /\b(?:os|das|não|que|uma|para|com|do|da|em|ao)\b/g,
	nl: /\b(?:het|een|van|niet|met|zijn|voor|op|ook|dat|de|en)\b/g,
};
const ENGLISH_HINTS = /\b(?:the|and|of|to|is|was|that|with|for|said)\b/g;

/** A cheap guess of an article's language from its function words: an ISO 639-1 code, 'en' when unsure. */
export function guessLanguage(text: string): string {
	const sample = text.slice(0, 1000).toLowerCase();
	// English prose has several "the" per thousand characters: no need to look further.
	let the = 0;
	for (let at = sample.indexOf(' the '); at >= 0 && the < 3; at = sample.indexOf(' the ', at + 4)) the++;
	if (the >= 3) return 'en';
	const english = sample.match(ENGLISH_HINTS)?.length ?? 0;
	let best = 'en';
	let bestCount = english + 2;
	for (const [language, hints] of Object.entries(LANGUAGE_HINTS)) {
		const count = sample.match(hints)?.length ?? 0;
		if (count > bestCount) {
			best = language;
			bestCount = count;
		}
	}
	return best;
}

/** True when `word` is a determiner that never starts a name (in `language`, English ones always). */
export function isDeterminer(word: string, language = 'en'): boolean {
	const key = foldName(word);
	return DETERMINERS.has(key) || (FOREIGN_ARTICLES[language]?.has(key) ?? false);
}

type Lexicon = Record<string, string | string[]>;
let lexicon: Lexicon | undefined;

/**
 * compromise's lexicon, loaded on first use rather than with this module: loading
 * compromise takes ~0.5 s, which the threads that only fold names (the corpus steps
 * after the names are read, the page renderers) would otherwise pay for nothing.
 * Its CommonJS build holds the same lexicon and loads faster (0.4 s against 0.55 s).
 */
function compromiseLexicon(): Lexicon {
	lexicon ??= (createRequire(import.meta.url)('compromise') as { world(): { model: { one: { lexicon: Lexicon } } } }).world().model.one.lexicon;
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
	// Abbreviations ("Blvd", "Tex") are address parts, not places of their own, and
	// three-letter "places" are airport codes ("Las", "Den").
	if (tags.includes('Abbreviation')) return null;
	if (key.length <= 3 && tags.includes('Place') && !tags.some((t) => t === 'Country' || t === 'City' || t === 'Region')) return null;
	if (tags.some((t) => t === 'Country' || t === 'City' || t === 'Region' || t === 'Place')) return { name: isShouted(surface) ? unshout(surface) : surface, kind: 'places' };
	if (tags.includes('Organization')) return { name: surface, kind: 'organizations' };
	// compromise knows some famous full names ("Theresa May", "Henry Ford"), and characters ("Iron Man", "Doctor Who").
	if (tags.includes('Person') && /\s/.test(surface) && !isNotAName(key.slice(0, key.indexOf(' ')))) {
		return { name: isShouted(surface) ? unshout(surface) : surface, kind: 'people' };
	}
	return null;
}

/**
 * A name written in capitals, in its usual case ("WASHINGTON" → "Washington",
 * "NEW YORK" → "New York", "ROME" → "Rome"). Acronyms stay: most words of three
 * letters or fewer, and four-letter words with no vowel after the first letter ("USSR").
 */
export function unshout(surface: string): string {
	const long = /\p{Lu}{4}/u.test(surface);
	return surface.replace(/\p{Lu}{3,}/gu, (word) => {
		// Three letters: a word beside a longer one when its middle letter is a vowel ("NEW YORK", "LOS ANGELES"), else an acronym.
		const acronym = word.length === 3 ? !long || !/[AEIOU]/.test(word[1]!) : word.length === 4 && !/[AEIOUY]/.test(word.slice(1));
		return acronym ? word : word[0] + word.slice(1).toLowerCase();
	});
}

/** True when a span's letters are all capitals and it has a word of five or more letters. */
export function isShouted(surface: string): boolean {
	return !/\p{Ll}/u.test(surface) && /\p{Lu}{5}/u.test(surface);
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

/** Last words of geographic features ("Red Sea", "Falkland Islands", "Rift Valley"). */
const PLACE_SUFFIXES = new Set(
	(
		'sea ocean river lake mountains mountain islands island peninsula valley desert strait straits bay canal coast county province gulf channel basin delta plateau highlands ' +
		'street road avenue square lane township borough parish district airport station stadium'
	).split(' '),
);
/** First words of geographic features ("Gulf of Aden", "Lake Victoria", "Mount Kenya", "Isle of Man"). */
const PLACE_PREFIXES = new Set('gulf bay sea lake mount mt cape isle strait straits'.split(' '));

/** Points of the compass that begin regions ("West Papua", "North Yorkshire"). */
const COMPASS = new Set('north south east west northern southern eastern western central'.split(' '));

/** True when the span's form marks a geographic place (see {@link PLACE_SUFFIXES}, {@link PLACE_PREFIXES}, {@link COMPASS}). */
export function hasPlaceForm(words: readonly string[]): boolean {
	if (words.length < 2) return false;
	const first = foldName(words[0]!);
	if (COMPASS.has(first) && words.length === 2 && !isNotAName(words[1]!) && !isFirstName(words[1]!)) return true;
	if (PLACE_PREFIXES.has(first) && (words[1] === 'of' || first === 'lake' || first === 'mount' || first === 'mt')) return words[words.length - 1] !== 'of';
	return PLACE_SUFFIXES.has(foldName(words[words.length - 1]!));
}

/** True for the fixed list of capitalised non-names (pronouns, months, weekdays, sentence adverbs). */
export function isStopName(word: string): boolean {
	return NOT_NAMES.has(foldName(word));
}

/** Contractions ("I'm", "We'll", "Don't"), which the span pattern reads as capitalised words. */
const CONTRACTION = /['’](?:m|ll|re|ve|d|t)$/i;

/** True when a capitalised word is only capitalised by grammar (sentence start, month, pronoun). */
export function isNotAName(word: string): boolean {
	const key = foldName(word);
	if (NOT_NAMES.has(key) || CONTRACTION.test(word)) return true;
	// compromise knows the ordinary words; a sentence-initial "Earlier" or "Based" is not a name.
	const tags = lexiconTags(key);
	return tags.length > 0 && !tags.some((t) => t === 'ProperNoun' || t === 'Country' || t === 'City' || t === 'Place' || t === 'Region' || t === 'Organization' || t.endsWith('Name') || t === 'Person');
}

/** compromise tags of words that are no surname (verbs, function words, numbers, dates). */
const NEVER_SURNAME_TAGS = new Set(
	'Gerund PastTense PresentTense Infinitive PhrasalVerb Modal Copula Verb Participle Adverb Preposition Conjunction Determiner Pronoun Possessive Reflexive QuestionWord Negative Expression Cardinal Ordinal TextValue Value Fraction Multiple Month WeekDay Date Duration Unit Currency Demonym'.split(
		' ',
	),
);

/**
 * True when `word` can be a surname after a first name: an unknown word or a name, or a
 * noun or adjective ("Baker", "Brown", "Cook"); plurals only with other evidence
 * ("Christian Democrats" is a party, "Steve Jobs" said...).
 */
export function canBeSurname(word: string, allowPlural = false): boolean {
	if (!isNotAName(word)) return true;
	if (NOT_NAMES.has(foldName(word))) return false;
	return !lexiconTags(foldName(word)).some((t) => NEVER_SURNAME_TAGS.has(t) || (t === 'Plural' && !allowPlural));
}

/** True for demonyms ("Iranian"), which describe rather than name. */
export function isDemonym(word: string): boolean {
	return lexiconTags(foldName(word)).includes('Demonym');
}
