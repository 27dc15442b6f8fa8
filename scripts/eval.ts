/**
 * `npm run eval -- DIR [DIR ...] [--json] [--variant caps-headlines|first-paragraph] [--link '{"related":{"minScore":0.1}}']`
 *
 * Measures what a reader sees on any labelled corpus: a folder of articles plus
 * `labels.json` (keyed by file name; label fields such as `category`, `topics`,
 * `story`, and optionally `duplicate_body_files`, `related_titles`, `related_files`).
 * It runs the same ingest and `linkCorpus` as the site and prints, per folder, a table of
 * our figures next to a plain baseline computed here on the same articles:
 *
 * - articles lost: labelled files that are neither a page nor folded into one;
 * - folds: pairs folded into one page, judged by the labels;
 * - related precision@5 by every label the corpus has, next to a plain TF-IDF
 *   cosine (title + body, log tf, headline counted three times, no stemming);
 * - story pair precision / recall / F1 against `story` labels, next to connected
 *   components of the plain cosine above a floor;
 * - topics per 1,000 articles, smallest topic, purity per label, next to the
 *   plain "three strongest words" topics;
 * - names that begin with an article or a role word;
 * - the corpus steps' timings.
 * The baselines share nothing with the product's code but the ingest, so they
 * show what the methods add.
 */
import { promises as fs } from 'node:fs';
import path from 'node:path';
import { duplicateHeadlines, linkCorpus, type Corpus, type LinkOptions } from '../src/lib/build-corpus.ts';
import { ingestDirectory } from '../src/lib/ingest/ingest-directory.ts';
import { loadIngestOptions } from '../src/lib/ingest/load-config.ts';
import type { IngestedArticle } from '../src/lib/ingest/types.ts';
import { projectRoot } from '../src/lib/site-config.ts';
import { normalizeHeadline } from '../src/lib/related/resolve-source-related.ts';

/** One file's labels; label fields are strings or lists of strings. */
type Label = Record<string, unknown> & {
	duplicate_body_files?: string[];
	related_titles?: string[];
	related_files?: string[];
};

/** Label fields that name a subject or an event (whichever the corpus has). */
const LABEL_KEYS = ['category', 'categories', 'topic', 'topics', 'subject', 'subjects', 'story', 'event'];

const args = process.argv.slice(2);
const linkAt = args.indexOf('--link');
/** Link options to try (JSON), for experiments; the site's defaults otherwise. */
const linkOverrides = (linkAt >= 0 ? JSON.parse(args[linkAt + 1]!) : {}) as LinkOptions;
const variantAt = args.indexOf('--variant');
const variant = variantAt >= 0 ? args[variantAt + 1]! : 'as-is';
/**
 * Stress versions of a corpus, to see whether a method leans on one source's
 * habits: headlines in capitals (as wires write them), or only each article's
 * first paragraph (a short brief). Applied after the ingest, before the links.
 */
const VARIANTS: Record<string, (a: IngestedArticle) => IngestedArticle> = {
	'as-is': (a) => a,
	'caps-headlines': (a) => ({ ...a, title: a.title.toUpperCase() }),
	'first-paragraph': (a) => ({ ...a, paragraphs: a.paragraphs.slice(0, 1) }),
};
if (!VARIANTS[variant]) {
	console.error(`--variant ${variant}: unknown; use one of ${Object.keys(VARIANTS).join(', ')}`);
	process.exit(2);
}
const dirs = args.filter((a, i) => !a.startsWith('--') && args[i - 1] !== '--link' && args[i - 1] !== '--variant');
const asJson = args.includes('--json');
if (dirs.length === 0) {
	console.error('Usage: npm run eval -- DIR [DIR ...] [--json]   (each DIR holds the articles and a labels.json)');
	process.exit(2);
}

/** The labels of one field as a set (empty when the file has none). */
function labelSet(label: Label | undefined, key: string): string[] {
	const value = label?.[key];
	if (typeof value === 'string') return [value];
	if (Array.isArray(value)) return value.filter((v): v is string => typeof v === 'string');
	return [];
}

const shareLabel = (a: readonly string[], b: readonly string[]): boolean => a.some((x) => b.includes(x));

// ---------------------------------------------------------------------------
// Plain baseline: TF-IDF cosine, written here from scratch on purpose.

const PLAIN_STOP = new Set(
	'a an and are as at be but by for from had has have he her his i in is it its not of on or s said she that the their they this to was were which will with would you'.split(' '),
);

/** Lower-cased words of two letters or more, minus a short stop list. */
function plainWords(text: string): string[] {
	return (text.toLowerCase().match(/[\p{L}\p{N}]+/gu) ?? []).filter((w) => w.length > 1 && !PLAIN_STOP.has(w) && !/^\d+$/.test(w));
}

interface PlainModel {
	/** Per article: term → weight, unit length. */
	vectors: Map<string, number>[];
	/** Document frequency per term. */
	df: Map<string, number>;
}

function plainModel(articles: readonly { title: string; paragraphs: readonly string[] }[]): PlainModel {
	const counts = articles.map((a) => {
		const tf = new Map<string, number>();
		for (const w of plainWords(a.title)) tf.set(w, (tf.get(w) ?? 0) + 3);
		for (const p of a.paragraphs) for (const w of plainWords(p)) tf.set(w, (tf.get(w) ?? 0) + 1);
		return tf;
	});
	const df = new Map<string, number>();
	for (const tf of counts) for (const w of tf.keys()) df.set(w, (df.get(w) ?? 0) + 1);
	const n = articles.length;
	const vectors = counts.map((tf) => {
		const v = new Map<string, number>();
		let norm = 0;
		for (const [w, c] of tf) {
			const weight = (1 + Math.log(c)) * Math.log(n / df.get(w)!);
			if (weight <= 0) continue;
			v.set(w, weight);
			norm += weight * weight;
		}
		norm = Math.sqrt(norm) || 1;
		for (const [w, x] of v) v.set(w, x / norm);
		return v;
	});
	return { vectors, df };
}

/** Exact cosine neighbours (best first) of every article, through an inverted index. */
function plainNeighbours(model: PlainModel, k: number): { index: number; score: number }[][] {
	const postings = new Map<string, { doc: number; w: number }[]>();
	model.vectors.forEach((v, doc) => {
		for (const [t, w] of v) {
			let list = postings.get(t);
			if (!list) postings.set(t, (list = []));
			list.push({ doc, w });
		}
	});
	const acc = new Float64Array(model.vectors.length);
	return model.vectors.map((v, d) => {
		const touched: number[] = [];
		for (const [t, w] of v) {
			for (const p of postings.get(t)!) {
				if (p.doc === d) continue;
				if (acc[p.doc] === 0) touched.push(p.doc);
				acc[p.doc] += w * p.w;
			}
		}
		const out = touched.map((e) => ({ index: e, score: acc[e]! }));
		for (const e of touched) acc[e] = 0;
		return out.sort((a, b) => b.score - a.score || a.index - b.index).slice(0, k);
	});
}

// ---------------------------------------------------------------------------
// Measures.

/** precision@5 of related lists: share of listed articles that share a label with the article. */
function relatedPrecision(lists: readonly (readonly number[])[], labelsOf: readonly string[][]): { precision: number; coverage: number; listed: number } {
	let listed = 0;
	let right = 0;
	let covered = 0;
	let counted = 0;
	lists.forEach((list, i) => {
		if (labelsOf[i]!.length === 0) return;
		counted++;
		const top = list.filter((j) => labelsOf[j]!.length > 0).slice(0, 5);
		if (top.length) covered++;
		for (const j of top) {
			listed++;
			if (shareLabel(labelsOf[i]!, labelsOf[j]!)) right++;
		}
	});
	return { precision: listed ? right / listed : 0, coverage: counted ? covered / counted : 0, listed: covered ? listed / covered : 0 };
}

/**
 * The best precision@5 any method could reach listing five articles each: an
 * article whose label only three others carry can list at most three right.
 */
function precisionCeiling(labelsOf: readonly string[][]): number {
	const size = new Map<string, number>();
	for (const labels of labelsOf) for (const l of labels) size.set(l, (size.get(l) ?? 0) + 1);
	let total = 0;
	let counted = 0;
	for (const labels of labelsOf) {
		if (!labels.length) continue;
		counted++;
		total += Math.min(5, Math.max(...labels.map((l) => size.get(l)! - 1))) / 5;
	}
	return counted ? total / counted : 0;
}

/** Pairwise precision / recall / F1 of a clustering (cluster id per file, null = alone) against one label per file. */
function pairScores(clusterOf: ReadonlyMap<string, string>, truth: ReadonlyMap<string, string>): { precision: number; recall: number; f1: number } {
	const files = [...truth.keys()];
	let predicted = 0;
	let actual = 0;
	let both = 0;
	const byCluster = new Map<string, string[]>();
	for (const f of files) {
		const c = clusterOf.get(f);
		if (c === undefined) continue;
		let list = byCluster.get(c);
		if (!list) byCluster.set(c, (list = []));
		list.push(f);
	}
	for (const list of byCluster.values()) {
		for (let x = 0; x < list.length; x++)
			for (let y = x + 1; y < list.length; y++) {
				predicted++;
				if (truth.get(list[x]!) === truth.get(list[y]!)) both++;
			}
	}
	const byTruth = new Map<string, number>();
	for (const f of files) byTruth.set(truth.get(f)!, (byTruth.get(truth.get(f)!) ?? 0) + 1);
	for (const n of byTruth.values()) actual += (n * (n - 1)) / 2;
	const precision = predicted ? both / predicted : 0;
	const recall = actual ? both / actual : 0;
	return { precision, recall, f1: precision + recall ? (2 * precision * recall) / (precision + recall) : 0 };
}

/** Size-weighted purity of groups (lists of article indices) under one label field. */
function purity(groups: readonly (readonly number[])[], labelsOf: readonly string[][]): number {
	let total = 0;
	let pure = 0;
	for (const group of groups) {
		const labelled = group.filter((i) => labelsOf[i]!.length > 0);
		if (!labelled.length) continue;
		const counts = new Map<string, number>();
		for (const i of labelled) for (const l of labelsOf[i]!) counts.set(l, (counts.get(l) ?? 0) + 1);
		pure += Math.max(...counts.values());
		total += labelled.length;
	}
	return total ? pure / total : 0;
}

/** Words a name must not begin with: articles, determiners and role words (an independent list, not the product's). */
const BAD_NAME_START = new Set(
	'a an the this that these those its his her their our some any each every another last next affairs minister secretary spokesman spokeswoman spokesperson chairman chief president officials official sources analyst analysts economist economists mr mrs ms dr'.split(' '),
);

/** One corpus's figures. */
async function evaluateDir(dir: string) {
	const labels = JSON.parse(await fs.readFile(path.join(dir, 'labels.json'), 'utf8')) as Record<string, Label>;
	const keys = LABEL_KEYS.filter((k) => Object.values(labels).some((l) => labelSet(l, k).length > 0));
	const timings: Record<string, number> = {};
	const started = performance.now();
	const ingestOptions = await loadIngestOptions(projectRoot);
	const ingested = await ingestDirectory(dir, ingestOptions);
	const headlineAliases = await duplicateHeadlines(dir, ingested.articles, ingestOptions);
	const linked = linkCorpus(ingested.articles.map(VARIANTS[variant]!), {
		...linkOverrides,
		headlineAliases,
		measure: (step, run) => {
			const t = performance.now();
			const result = run();
			timings[step] = performance.now() - t;
			return result;
		},
	});
	const corpus: Corpus = { ...linked, problems: ingested.problems };
	const totalMs = performance.now() - started;
	const articles = corpus.articles;
	const indexOfSlug = new Map(articles.map((a, i) => [a.slug, i]));

	// Lost and folded.
	const pageOfFile = new Map<string, number>();
	articles.forEach((a, i) => {
		for (const f of [a.file, ...a.duplicates]) pageOfFile.set(f, i);
	});
	const labelledFiles = Object.keys(labels);
	const lost = labelledFiles.filter((f) => !pageOfFile.has(f));
	const problemOf = new Map(corpus.problems.map((p) => [p.file, p]));
	const folds = { right: 0, wrong: 0, unconfirmed: 0, examples: [] as string[] };
	for (const a of articles) {
		for (const d of a.duplicates) {
			const la = labels[a.file];
			const ld = labels[d];
			if (!la || !ld) continue;
			const twins = (la.duplicate_body_files ?? []).includes(d) || (ld.duplicate_body_files ?? []).includes(a.file);
			const story = labelSet(la, 'story');
			const sameStory = story.length > 0 && shareLabel(story, labelSet(ld, 'story'));
			const subject = keys.filter((k) => k !== 'story' && k !== 'event');
			const differ = (story.length > 0 && !sameStory) || subject.some((k) => labelSet(la, k).length > 0 && !shareLabel(labelSet(la, k), labelSet(ld, k)));
			if (twins || sameStory) folds.right++;
			else if (differ) {
				folds.wrong++;
				folds.examples.push(`${a.file} + ${d}`);
			} else folds.unconfirmed++;
		}
	}

	// Labels per page: the page's own file (folded files carry the same report).
	const labelsOf = (key: string): string[][] => articles.map((a) => labelSet(labels[a.file], key));

	// Related news: ours (as shown) and the plain baseline.
	const model = plainModel(articles);
	const plain = plainNeighbours(model, 30);
	const ourLists = articles.map((a) => a.related.map((r) => indexOfSlug.get(r.slug)!));
	const plainLists = plain.map((list) => list.map((n) => n.index));
	const related = keys.map((key) => ({ key, ours: relatedPrecision(ourLists, labelsOf(key)), plain: relatedPrecision(plainLists, labelsOf(key)), ceiling: precisionCeiling(labelsOf(key)) }));

	// Stories, at file level: a folded file is in its page's story.
	let stories: { ours: ReturnType<typeof pairScores>; plain: ReturnType<typeof pairScores>; count: number; largest: number; mixed: number; plainCount: number } | null = null;
	const storyKey = keys.find((k) => k === 'story' || k === 'event');
	let mixedExamples: string[] = [];
	if (storyKey) {
		const truth = new Map<string, string>();
		for (const f of labelledFiles) {
			const s = labelSet(labels[f], storyKey)[0];
			if (s !== undefined && pageOfFile.has(f)) truth.set(f, s);
		}
		const ourCluster = new Map<string, string>();
		const plainCluster = new Map<string, string>();
		// Plain baseline: connected components of pairs with cosine ≥ 0.5.
		const parent = articles.map((_, i) => i);
		const find = (x: number): number => (parent[x] === x ? x : (parent[x] = find(parent[x]!)));
		plain.forEach((list, i) => {
			for (const n of list) if (n.score >= 0.5) parent[find(i)] = find(n.index);
		});
		for (const [f, i] of pageOfFile) {
			ourCluster.set(f, articles[i]!.story ?? `page:${i}`);
			plainCluster.set(f, `c${find(i)}`);
		}
		const storyLabels = labelsOf(storyKey);
		const mixedStories = corpus.stories.filter((s) => new Set(s.articles.flatMap((slug) => storyLabels[indexOfSlug.get(slug)!]!)).size > 1);
		const mixed = mixedStories.length;
		mixedExamples = mixedStories.map((s) => {
			const counts = new Map<string, number>();
			for (const slug of s.articles) for (const l of storyLabels[indexOfSlug.get(slug)!]!) counts.set(l, (counts.get(l) ?? 0) + 1);
			return `"${s.title}": ${[...counts].map(([l, c]) => `${l} ×${c}`).join(', ')}`;
		});
		stories = {
			ours: pairScores(ourCluster, truth),
			plain: pairScores(plainCluster, truth),
			count: corpus.stories.length,
			largest: Math.max(0, ...corpus.stories.map((s) => s.articles.length)),
			mixed,
			plainCount: new Set(articles.map((_, i) => find(i))).size,
		};
	}

	// Topics: ours and the plain "three strongest words with df ≥ 3" baseline.
	const topicGroups = corpus.topics.map((t) => t.articles.map((slug) => indexOfSlug.get(slug)!));
	const plainTopicMembers = new Map<string, number[]>();
	model.vectors.forEach((v, i) => {
		const strongest = [...v].filter(([t]) => model.df.get(t)! >= 3).sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1)).slice(0, 3);
		for (const [t] of strongest) {
			let list = plainTopicMembers.get(t);
			if (!list) plainTopicMembers.set(t, (list = []));
			list.push(i);
		}
	});
	const plainTopics = [...plainTopicMembers.values()].filter((g) => g.length >= 3);
	const topics = {
		count: corpus.topics.length,
		perThousand: (1000 * corpus.topics.length) / Math.max(1, articles.length),
		smallest: Math.min(Infinity, ...topicGroups.map((g) => g.length)),
		underThree: topicGroups.filter((g) => g.length < 3).length,
		purity: keys.map((key) => ({ key, ours: purity(topicGroups, labelsOf(key)), plain: purity(plainTopics, labelsOf(key)) })),
		plainPerThousand: (1000 * plainTopics.length) / Math.max(1, articles.length),
		names: corpus.topics.slice().sort((a, b) => b.articles.length - a.articles.length).slice(0, 24).map((t) => `${t.name} (${t.articles.length})`),
		leastPure: keys.length
			? corpus.topics
					.map((t, k) => ({ t, p: purity([topicGroups[k]!], labelsOf(keys[0]!)) }))
					.filter(({ p }) => p < 0.85)
					.sort((a, b) => a.p * a.t.articles.length - b.p * b.t.articles.length)
					.slice(0, 12)
					.map(({ t, p }) => `${t.name} (${t.articles.length}, ${p.toFixed(2)})`)
			: [],
	};

	// Names.
	const entityPages = [...corpus.people, ...corpus.places, ...corpus.organizations];
	const badNames = entityPages.filter((e) => BAD_NAME_START.has(e.name.split(/\s+/)[0]!.toLowerCase().replace(/[.'’]/g, '')));

	// Source headlines (scraped corpora label them).
	let headlines: { total: number; right: number; wrong: number } | null = null;
	if (labelledFiles.some((f) => (labels[f]!.related_titles ?? []).length > 0)) {
		headlines = { total: 0, right: 0, wrong: 0 };
		for (const a of articles) {
			const label = labels[a.file];
			(label?.related_titles ?? []).forEach((title, k) => {
				headlines!.total++;
				const entry = a.sourceRelated.find((s) => normalizeHeadline(s.headline) === normalizeHeadline(title));
				const expectedPage = pageOfFile.get(label!.related_files?.[k] ?? '');
				const expected = expectedPage === undefined ? undefined : articles[expectedPage]!.slug;
				if (entry?.slug && entry.slug === expected) headlines!.right++;
				else if (entry?.slug) headlines!.wrong++;
			});
		}
	}

	return {
		dir,
		files: labelledFiles.length,
		pages: articles.length,
		lost: lost.map((f) => `${f}: ${problemOf.get(f)?.message ?? 'no page and no problem reported'}`),
		folds,
		related,
		stories,
		mixedExamples,
		topics,
		names: { pages: { people: corpus.people.length, places: corpus.places.length, organizations: corpus.organizations.length }, bad: badNames.map((e) => `${e.name} (${e.kind})`) },
		headlines,
		timings: { ...timings, 'ingest + links': totalMs },
	};
}

const f3 = (x: number): string => x.toFixed(3);

function printTable(r: Awaited<ReturnType<typeof evaluateDir>>): void {
	console.log(`## ${r.dir}${variant === 'as-is' ? '' : ` (${variant})`}: ${r.files} labelled files, ${r.pages} pages\n`);
	console.log('| measure | Broadsheet | plain baseline | target |\n| --- | ---: | ---: | ---: |');
	console.log(`| articles lost (neither a page nor folded into one) | ${r.lost.length} | | 0 |`);
	console.log(`| folds: same report (labelled twin or same story) / different label / unconfirmed | ${r.folds.right} / ${r.folds.wrong} / ${r.folds.unconfirmed} | | wrong 0 |`);
	for (const { key, ours, plain, ceiling } of r.related) {
		console.log(`| related precision@5 by \`${key}\` (coverage, mean listed) | ${f3(ours.precision)} (${f3(ours.coverage)}, ${ours.listed.toFixed(2)}) | ${f3(plain.precision)} (${f3(plain.coverage)}, ${plain.listed.toFixed(2)}) | baseline + 0.05 (best possible listing 5: ${f3(ceiling)}) |`);
	}
	if (r.stories) {
		const { ours, plain } = r.stories;
		console.log(`| story pairs precision / recall / F1 | ${f3(ours.precision)} / ${f3(ours.recall)} / ${f3(ours.f1)} | ${f3(plain.precision)} / ${f3(plain.recall)} / ${f3(plain.f1)} | P ≥ 0.9, F1 ≥ 0.8 |`);
		console.log(`| stories (largest; mixing story labels) | ${r.stories.count} (${r.stories.largest}; ${r.stories.mixed}) | ${r.stories.plainCount} components | mixed 0 |`);
	}
	console.log(`| topics per 1,000 articles (count; smallest; under 3) | ${r.topics.perThousand.toFixed(1)} (${r.topics.count}; ${r.topics.smallest}; ${r.topics.underThree}) | ${r.topics.plainPerThousand.toFixed(1)} | ≤ 40, ≥ 3 each |`);
	for (const { key, ours, plain } of r.topics.purity) console.log(`| topic purity by \`${key}\` (size-weighted) | ${f3(ours)} | ${f3(plain)} | ≥ 0.85 |`);
	console.log(`| name pages: people / places / organisations | ${r.names.pages.people} / ${r.names.pages.places} / ${r.names.pages.organizations} | | |`);
	console.log(`| names beginning with an article or role word | ${r.names.bad.length} | | 0 |`);
	if (r.headlines) console.log(`| source headlines resolved right / wrong / labelled | ${r.headlines.right} / ${r.headlines.wrong} / ${r.headlines.total} | | all right |`);
	console.log(`\nBiggest topics: ${r.topics.names.join(', ')}`);
	if (r.topics.leastPure.length) console.log(`\nTopics under 0.85 purity by the first label (articles, purity): ${r.topics.leastPure.join(', ')}`);
	if (r.lost.length) console.log(`\nLost:\n${r.lost.map((l) => `- ${l}`).join('\n')}`);
	if (r.mixedExamples.length) console.log(`\nStories that mix story labels:\n${r.mixedExamples.slice(0, 12).map((l) => `- ${l}`).join('\n')}`);
	if (r.folds.examples.length) console.log(`\nFolded across labels:\n${r.folds.examples.slice(0, 10).map((l) => `- ${l}`).join('\n')}`);
	if (r.names.bad.length) console.log(`\nNames to fix: ${r.names.bad.slice(0, 20).join(', ')}`);
	console.log('\n| step | ms |\n| --- | ---: |');
	for (const [step, ms] of Object.entries(r.timings)) console.log(`| ${step} | ${ms.toFixed(0)} |`);
	console.log('');
}

for (const dir of dirs) {
	const result = await evaluateDir(dir);
	if (asJson) console.log(JSON.stringify(result, null, 1));
	else printTable(result);
}
