/**
 * `node scripts/eval-names.ts DIR [--sample N] [--seed S]`
 *
 * Checks the names (people, places, organisations) found in a folder of
 * articles, for eyeballing and before/after comparisons; needs no labels. Runs
 * the same extraction and index as the site and prints: entity pages per kind;
 * names that begin or end with an article, determiner or role word (should be
 * 0); names that are one all-capital word of 6+ letters (headline/wire words
 * such as "SAYS"); one-word people pages left; people joined from other
 * articles (bare surnames, full names the article could not read); how often well-known places that the text
 * names are found; and N random pages per kind (seeded, so runs compare).
 */
import { ingestDirectory } from '../src/lib/ingest/ingest-directory.ts';
import { extractEntities } from '../src/lib/entities/extract-entities.ts';
import { ENTITY_KINDS, indexEntities } from '../src/lib/entities/index-entities.ts';
import { foldName } from '../src/lib/entities/gazetteer.ts';

const args = process.argv.slice(2);
const dir = args.find((a, i) => !a.startsWith('--') && !args[i - 1]?.startsWith('--'));
if (!dir) {
	console.error('Usage: node scripts/eval-names.ts DIR [--sample N] [--seed S]');
	process.exit(2);
}
const option = (name: string, fallback: number): number => {
	const i = args.indexOf(name);
	return i >= 0 ? Number(args[i + 1]) : fallback;
};
const sample = option('--sample', 30);
let seed = option('--seed', 1) >>> 0;

/**
 * Words that must never begin or end a name: an independent list, so the check does not share the
 * code's blind spots. Foreign articles are left out (they begin real names: "Le Monde", "Los Angeles").
 */
const EDGE_WORDS = new Set(
	(
		'a an the this that these those its his her their our my your some any each every another last next ' +
		'affairs minister secretary spokesman spokeswoman chairman president analyst analysts official officials sources source ' +
		'said says told reporters reuter monday tuesday wednesday thursday friday saturday sunday january february ' +
		'september october november december net shr qtr vs mln pct dlrs'
	).split(' '),
);
/** Names that really begin with an edge word: a weekday before a newspaper word, "The Hague". */
const allowedEdge = (words: readonly string[]): boolean =>
	words.join(' ') === 'the hague' || (/^(sunday|monday|saturday)$/.test(words[0]!) && /^(times|telegraph|mirror|express|post|herald|tribune|independent|people|sport|mail|night)$/.test(words[1] ?? ''));
const WELL_KNOWN_PLACES = [
	'Philippines',
	'Netherlands',
	'United States',
	'Soviet Union',
	'West Germany',
	'East Germany',
	'United Arab Emirates',
	'Sri Lanka',
	'Czech Republic',
	'Ivory Coast',
	'Gulf',
	'Yugoslavia',
	'Czechoslovakia',
	'Burma',
	'Zaire',
	'Bahamas',
	'Maldives',
	'Sudan',
	'Ukraine',
	'Congo',
	'Bangladesh',
	'Indonesia',
	'Malaysia',
	'Argentina',
	'Venezuela',
	'Nigeria',
	'Kenya',
	'Japan',
	'China',
	'France',
];

const random = (): number => {
	seed = (Math.imul(seed ^ (seed >>> 15), 0x2c1b3c6d) + 0x6d2b79f5) >>> 0;
	return seed / 2 ** 32;
};

const started = performance.now();
const { articles } = await ingestDirectory(dir);
const ingestMs = performance.now() - started;
const t = performance.now();
const extracted = articles.map((a) => extractEntities(a));
const extractMs = performance.now() - t;
const t2 = performance.now();
const index = indexEntities(articles, extracted);
const indexMs = performance.now() - t2;

console.log(`# Names in ${dir}\n`);
console.log(`${articles.length} articles; ingest ${ingestMs.toFixed(0)} ms, extract ${extractMs.toFixed(0)} ms, index ${indexMs.toFixed(0)} ms\n`);
// This script does not group stories, so it cannot apply the site's two-story rule for name pages.
console.log('Pages: every name found in enough articles, before the site drops those seen in one story only (`npm run eval` counts the site\'s pages).\n');

const badEdge = (name: string): boolean => {
	// Initials ("A.J. Smith") are not articles.
	if (/^\p{Lu}\./u.test(name)) return false;
	const words = foldName(name).split(' ');
	return !allowedEdge(words) && (EDGE_WORDS.has(words[0]!) || EDGE_WORDS.has(words[words.length - 1]!));
};
const shout = (name: string): boolean => /^\p{Lu}{6,}$/u.test(name);

console.log('| kind | pages | names (any article) | edge word (pages) | edge word (any) | one ALL-CAPS word 6+ (any) |');
console.log('| --- | ---: | ---: | ---: | ---: | ---: |');
const examples: string[] = [];
for (const kind of ENTITY_KINDS) {
	const all = new Map<string, number>();
	for (const e of extracted) for (const name of e[kind]) all.set(name, (all.get(name) ?? 0) + 1);
	const pages = index.pages[kind];
	const edgeAll = [...all.keys()].filter(badEdge);
	const shoutAll = [...all.keys()].filter(shout);
	console.log(`| ${kind} | ${pages.length} | ${all.size} | ${pages.filter((p) => badEdge(p.name)).length} | ${edgeAll.length} | ${shoutAll.length} |`);
	if (edgeAll.length + shoutAll.length > 0) examples.push(`- ${kind}: ${[...edgeAll, ...shoutAll].slice(0, 15).join('; ')}`);
}
if (examples.length > 0) console.log(`\nExamples of bad names:\n${examples.join('\n')}`);

// People an article lists that it does not name in full itself: joined from other articles.
// Measured on the index's output, so it compares any two versions of the code.
let joined = 0;
const joinExamples: string[] = [];
index.articleEntities.forEach((entities, i) => {
	const own = new Set(extracted[i]!.people.map(foldName));
	for (const name of entities.people) {
		if (!name.includes(' ') || own.has(foldName(name))) continue;
		joined++;
		joinExamples.push(`${articles[i]!.file}: ${name}`);
	}
});
const joinSample: string[] = [];
for (const pool = [...joinExamples]; joinSample.length < 15 && pool.length > 0; ) joinSample.push(pool.splice(Math.floor(random() * pool.length), 1)[0]!);
const oneWordMentions = extracted.reduce((n, e) => n + e.people.filter((p) => !p.includes(' ')).length, 0);
console.log(
	`\nPeople joined from other articles (an article lists a full name it did not read itself): ${joined} (article, person) pairs; ` +
		`one-word people in the articles' own lists: ${oneWordMentions}; 15 joins at random:`,
);
const listed = (kind: 'people' | 'places' | 'organizations'): string => (index.articleEntities.reduce((n, e) => n + e[kind].length, 0) / articles.length).toFixed(2);
console.log(`Names listed per article (with a page): ${listed('people')} people, ${listed('places')} places, ${listed('organizations')} organisations`);
const oneWord = index.pages.people.filter((p) => !p.name.includes(' '));
console.log(`One-word people pages: ${oneWord.length} (${oneWord.slice(0, 20).map((p) => `${p.name} ${p.articles.length}`).join(', ')})`);

// Place recall on well-known names the body text spells out.
let named = 0;
let found = 0;
const missed = new Map<string, number>();
articles.forEach((a, i) => {
	const text = `${a.title}\n${a.paragraphs.join('\n').slice(0, 6000)}`;
	const places = new Set(extracted[i]!.places.map(foldName));
	for (const place of WELL_KNOWN_PLACES) {
		if (!new RegExp(`\\b${place}\\b`).test(text)) continue;
		named++;
		const key = foldName(place);
		// A place that contains the name counts too ("Gulf of Aden" for "Gulf").
		if ([...places].some((p) => ` ${p} `.includes(` ${key} `))) found++;
		else missed.set(place, (missed.get(place) ?? 0) + 1);
	}
});
console.log(`\nWell-known places named in the text and found: ${found}/${named}${named > 0 ? ` (${((100 * found) / named).toFixed(1)}%)` : ''}`);
if (missed.size > 0)
	console.log(
		`Missed: ${[...missed]
			.sort((a, b) => b[1] - a[1])
			.map(([p, n]) => `${p} ${n}`)
			.join(', ')}`,
	);

for (const kind of ENTITY_KINDS) {
	const pages = [...index.pages[kind]];
	const picked: string[] = [];
	while (picked.length < sample && pages.length > 0) {
		const p = pages.splice(Math.floor(random() * pages.length), 1)[0]!;
		picked.push(`${p.name} (${p.articles.length})`);
	}
	console.log(`\n${sample} random ${kind}: ${picked.join('; ')}`);
}
