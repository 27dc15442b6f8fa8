/**
 * `npm run eval:related -- DIR [--min-score X] [--sweep]`
 *
 * Measures the corpus cross-links on a labelled corpus (e.g. the dev set: a
 * folder of articles plus `labels.json` with `category`, `related_files`,
 * `duplicate_body_files`). Runs the same `buildCorpus` as the site and prints a
 * Markdown table: precision@5 of related lists (share of listed articles in the
 * same category), coverage, labelled duplicates listed, source headlines
 * resolved to the right article, stories, entities, topics, and step timings.
 */
import { promises as fs } from 'node:fs';
import path from 'node:path';
import { buildCorpus, type Corpus, type LinkOptions } from '../src/lib/build-corpus.ts';
import { normalizeHeadline } from '../src/lib/related/resolve-source-related.ts';

interface Label {
	category: string;
	related_titles: string[];
	related_files: string[];
	duplicate_body_files: string[];
}

const args = process.argv.slice(2);
const dir = args.find((a) => !a.startsWith('--') && !/^\d/.test(a));
if (!dir) {
	console.error('Usage: npm run eval:related -- DIR [--min-score X] [--sweep]   (DIR holds the articles and labels.json)');
	process.exit(2);
}
const minScoreArg = args.indexOf('--min-score');
const minScore = minScoreArg >= 0 ? Number(args[minScoreArg + 1]) : undefined;
const labels = JSON.parse(await fs.readFile(path.join(dir, 'labels.json'), 'utf8')) as Record<string, Label>;
// Corpora without source related headlines (ECB+) leave these out: read as none.
for (const label of Object.values(labels)) {
	label.related_titles ??= [];
	label.related_files ??= [];
	label.duplicate_body_files ??= [];
}

/** Quality figures for one built corpus. */
function evaluate(corpus: Corpus) {
	const labelled = corpus.articles.filter((a) => labels[a.file]);
	const bySlug = new Map(corpus.articles.map((a) => [a.slug, a]));
	const slugOfFile = new Map<string, string>();
	for (const a of corpus.articles) for (const f of [a.file, ...a.duplicates]) slugOfFile.set(f, a.slug);
	let listed = 0;
	let same = 0;
	let covered = 0;
	let macro = 0;
	let duplicatesListed = 0;
	let headlines = 0;
	let resolvedRight = 0;
	let resolvedWrong = 0;
	for (const a of labelled) {
		const label = labels[a.file]!;
		const twins = new Set([...label.duplicate_body_files, ...a.duplicates.flatMap((f) => labels[f]?.duplicate_body_files ?? [])]);
		if (a.related.length > 0) {
			covered++;
			let mine = 0;
			for (const r of a.related) {
				const other = bySlug.get(r.slug)!;
				listed++;
				if (labels[other.file]?.category === label.category) {
					same++;
					mine++;
				}
				if ([other.file, ...other.duplicates].some((f) => twins.has(f))) duplicatesListed++;
			}
			macro += mine / a.related.length;
		}
		label.related_titles.forEach((title, i) => {
			headlines++;
			const entry = a.sourceRelated.find((s) => normalizeHeadline(s.headline) === normalizeHeadline(title));
			const expected = slugOfFile.get(label.related_files[i]!);
			if (entry?.slug && entry.slug === expected) resolvedRight++;
			else if (entry?.slug) resolvedWrong++;
		});
	}
	const storyPurity = corpus.stories.map((s) => {
		const cats = s.articles.map((slug) => labels[bySlug.get(slug)!.file]?.category ?? '?');
		const top = Math.max(...[...new Set(cats)].map((c) => cats.filter((x) => x === c).length));
		return top / cats.length;
	});
	const labelledTwins = Object.values(labels).reduce((n, l) => n + (l.duplicate_body_files.length > 0 ? 1 : 0), 0);
	const folded = corpus.articles.reduce((n, a) => n + a.duplicates.filter((f) => labels[f]?.duplicate_body_files.length).length, 0);
	return {
		labelledTwins,
		folded,
		articles: labelled.length,
		precision: listed ? same / listed : 0,
		macro: covered ? macro / covered : 0,
		coverage: labelled.length ? covered / labelled.length : 0,
		meanListed: covered ? listed / covered : 0,
		duplicatesListed,
		headlines,
		resolvedRight,
		resolvedWrong,
		stories: corpus.stories.length,
		storyArticles: corpus.stories.reduce((n, s) => n + s.articles.length, 0),
		storyPurity: storyPurity.length ? storyPurity.reduce((x, y) => x + y, 0) / storyPurity.length : 1,
		largestStory: Math.max(0, ...corpus.stories.map((s) => s.articles.length)),
		people: corpus.people.length,
		places: corpus.places.length,
		organizations: corpus.organizations.length,
		topics: corpus.topics.length,
		entitiesPerArticle:
			corpus.articles.reduce((n, a) => n + a.entities.people.length + a.entities.places.length + a.entities.organizations.length, 0) / Math.max(1, corpus.articles.length),
	};
}

const pct = (x: number): string => `${(100 * x).toFixed(1)} %`;

if (args.includes('--sweep')) {
	console.log('| min score | precision@5 | coverage | mean listed |\n| ---: | ---: | ---: | ---: |');
	for (const score of [0.1, 0.12, 0.14, 0.16, 0.18, 0.2, 0.24]) {
		const r = evaluate(await buildCorpus(dir, undefined, { related: { minScore: score } }));
		console.log(`| ${score} | ${r.precision.toFixed(3)} | ${r.coverage.toFixed(3)} | ${r.meanListed.toFixed(2)} |`);
	}
	process.exit(0);
}

const timings: [string, number][] = [];
const link: LinkOptions = {
	related: minScore === undefined ? undefined : { minScore },
	measure: (step, run) => {
		const started = performance.now();
		const result = run();
		timings.push([step, performance.now() - started]);
		return result;
	},
};
const started = performance.now();
const corpus = await buildCorpus(dir, undefined, link);
const total = performance.now() - started;
const r = evaluate(corpus);

console.log(`## Cross-links on ${dir} (${r.articles} labelled articles)\n`);
console.log('| measure | value | target |\n| --- | ---: | ---: |');
console.log(`| precision@5 (same category, all listed items) | ${r.precision.toFixed(3)} | ≥ 0.95 |`);
console.log(`| precision@5 (mean per article) | ${r.macro.toFixed(3)} | |`);
console.log(`| coverage (articles with ≥ 1 related) | ${r.coverage.toFixed(3)} | ≥ 0.95 |`);
console.log(`| related per covered article | ${r.meanListed.toFixed(2)} | ≤ 5 |`);
console.log(`| labelled duplicates listed as related | ${r.duplicatesListed} | 0 |`);
console.log(`| labelled duplicate files folded into their twin by the ingest | ${r.folded} of ${r.labelledTwins} | |`);
console.log(`| source headlines resolved to the right article | ${r.resolvedRight} / ${r.headlines} (${pct(r.resolvedRight / Math.max(1, r.headlines))}) | 100 % |`);
console.log(`| source headlines resolved to a wrong article | ${r.resolvedWrong} | 0 |`);
console.log(`| stories / articles in stories / largest | ${r.stories} / ${r.storyArticles} / ${r.largestStory} | |`);
console.log(`| story category purity (mean) | ${r.storyPurity.toFixed(3)} | |`);
console.log(`| people / places / organisations pages | ${r.people} / ${r.places} / ${r.organizations} | |`);
console.log(`| linked entities per article | ${r.entitiesPerArticle.toFixed(1)} | |`);
console.log(`| topic pages | ${r.topics} | |`);
console.log('\n| step | ms |\n| --- | ---: |');
for (const [step, ms] of timings) console.log(`| ${step} | ${ms.toFixed(0)} |`);
console.log(`| whole buildCorpus (ingest + links) | ${total.toFixed(0)} |`);
