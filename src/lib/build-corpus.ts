/**
 * Content folder → the finished corpus: ingested articles plus the corpus-level
 * cross-links (related news, stories, topics, entities). The Astro loader and the
 * ingest CLI both call this, so they cannot disagree.
 */
import { promises as fs } from 'node:fs';
import path from 'node:path';
import { ingestDirectory, parseFileBytes, type IngestOptions } from './ingest/ingest-directory.ts';
import { loadIngestOptions } from './ingest/load-config.ts';
import { projectRoot } from './site-config.ts';
import type { IngestedArticle, IngestProblem } from './ingest/types.ts';
import type { Article } from '../schemas/article.ts';
import type { Entity } from '../schemas/entity.ts';
import type { Story } from '../schemas/story.ts';
import type { Topic } from '../schemas/topic.ts';
import { indexEntities } from './entities/index-entities.ts';
import { DEFAULT_PAGE_THRESHOLD, type PageThreshold } from './entities/name-pages.ts';
import { buildTermVectors, type VectorOptions } from './related/build-term-vectors.ts';
import { findNeighbors, rerankBySharedNeighbors, selectRelated, type Neighbor, type NeighborOptions, type RelatedOptions } from './related/find-related.ts';
import { scoreStoryLinks } from './stories/score-story-links.ts';
import { createHeadlineResolver, normalizeHeadline, resolveSourceRelated } from './related/resolve-source-related.ts';
import { groupStories, type StoryOptions } from './stories/group-stories.ts';
import type { TopicIndex, TopicOptions } from './topics/derive-topics.ts';
import { buildEventVectors, type EventVectors } from './stories/event-vectors.ts';
import type { ExtractedEntities } from './entities/extract-entities.ts';
import { digestNameInput, NamesCache } from './entities/names-cache.ts';
import { deriveTopicsBesideNames, MIN_ARTICLES_FOR_WORKER, readNames, readTextFeatures, startTextWorker } from './text-features.ts';

export { normalizeHeadline };

/** The cross-linked corpus-level collections (everything but the articles). */
export interface CorpusLinks {
	/** Stories (≥ 2 articles each), sorted by id. */
	stories: Story[];
	/** Topic pages, sorted by slug. */
	topics: Topic[];
	/** Person pages, sorted by slug. */
	people: Entity[];
	/** Place pages, sorted by slug. */
	places: Entity[];
	/** Organisation pages, sorted by slug. */
	organizations: Entity[];
}

/** The finished corpus. */
export interface Corpus extends CorpusLinks {
	/** Articles with page data, sorted by slug. */
	articles: Article[];
	/** Every problem found, sorted by file. */
	problems: IngestProblem[];
}

/** Tuning for {@link linkCorpus}; the defaults are the ones measured by `npm run eval` (scripts/eval.ts). */
export interface LinkOptions {
	/** Term-vector model. */
	vectors?: VectorOptions;
	/** Inverted-index search. */
	neighbors?: NeighborOptions;
	/** Related-news lists (length, minimum score). */
	related?: RelatedOptions;
	/** Story grouping. */
	stories?: StoryOptions;
	/** Topic derivation. */
	topics?: TopicOptions;
	/** Minimum articles per topic/entity page (see `pageMinimum`). */
	pages?: PageThreshold;
	/**
	 * Other headlines of the same articles (titles of files folded in as duplicates),
	 * so a source headline naming a folded file still resolves to its article.
	 */
	headlineAliases?: readonly { slug: string; title: string }[];
	/** Names read by an earlier build, kept by text (see names-cache.ts); this build's names are kept in it for the next. */
	namesCache?: NamesCache;
	/** Corpora of at least this many articles read their text features on a worker thread (see `text-features.ts`). */
	workerFrom?: number;
	/** Wraps each step, e.g. to time it (`scripts/bench-corpus.ts`); default: just runs it. */
	measure?: <T>(step: string, run: () => T) => T;
	/**
	 * Told the time of what `measure` cannot wrap: `ingest` and `corpus` ({@link buildCorpus}),
	 * and on a large corpus `topics`, derived on the worker, and `topics wait`, this thread's wait for them.
	 */
	report?: (step: string, ms: number) => void;
}

/** Work in slug order whatever the caller's order: indices break ties, so this keeps the output deterministic. */
function sortBySlug(input: readonly IngestedArticle[]): IngestedArticle[] {
	return [...input].sort((a, b) => (a.slug < b.slug ? -1 : a.slug > b.slug ? 1 : 0));
}

/** The steps that need the whole corpus's words: term vectors and neighbour lists. */
function compareTexts(ingested: readonly IngestedArticle[], options: LinkOptions, measure: Measure) {
	const pages = { ...DEFAULT_PAGE_THRESHOLD, ...options.pages };
	const vectors = measure('term vectors', () => buildTermVectors(ingested, { keepUnique: ingested.length < pages.largeCorpus, ...options.vectors }));
	const neighbors = measure('neighbours', () => findNeighbors(vectors, options.neighbors));
	return { vectors, neighbors };
}

/** Runs a step as is (the default for {@link LinkOptions.measure}). */
type Measure = <T>(step: string, run: () => T) => T;
const runStep: Measure = (_step, run) => run();

/**
 * Adds the corpus-level fields to ingested articles (entities, related news,
 * stories, topics, resolved source headlines) and builds the pages' data.
 * Pure and deterministic: same articles in, same output.
 */
export function linkCorpus(input: readonly IngestedArticle[], options: LinkOptions = {}): CorpusLinks & { articles: Article[] } {
	const ingested = sortBySlug(input);
	const measure = options.measure ?? runStep;
	const known = findKnownNames(ingested, options.namesCache);
	const { extracted, events } = measure('entities and event names', () => readTextFeatures(ingested, known?.names));
	known?.keep(extracted);
	const compared = compareTexts(ingested, options, measure);
	const links = linkArticles(ingested, extracted, events, compared, options, measure);
	return assembleCorpus(ingested, links, deriveTopicsHere(ingested, extracted, compared, options, measure));
}

/**
 * {@link linkCorpus} with both cores: on a large corpus a worker thread reads the
 * names while this thread compares the texts and reads the event vectors, then
 * derives the topics while this thread groups the stories and builds the related
 * lists and name pages. Same output.
 */
export async function linkCorpusInParallel(input: readonly IngestedArticle[], options: LinkOptions = {}): Promise<CorpusLinks & { articles: Article[] }> {
	if (input.length < (options.workerFrom ?? MIN_ARTICLES_FOR_WORKER)) return linkCorpus(input, options);
	const ingested = sortBySlug(input);
	const measure = options.measure ?? runStep;
	const known = findKnownNames(ingested, options.namesCache);
	const worker = startTextWorker(ingested, known?.names);
	try {
		const compared = compareTexts(ingested, options, measure);
		const topicsFromWorker = worker.deriveTopics(compared.vectors, compared.neighbors, topicOptions(options));
		const events = measure('event vectors', () => buildEventVectors(ingested));
		const extracted = (await worker.names) ?? measure('entities', () => readNames(ingested, known?.names));
		known?.keep(extracted);
		const links = linkArticles(ingested, extracted, events, compared, options, measure);
		const waited = performance.now();
		const fromWorker = await topicsFromWorker;
		if (!fromWorker) return assembleCorpus(ingested, links, deriveTopicsHere(ingested, extracted, compared, options, measure));
		options.report?.('topics', fromWorker.ms);
		options.report?.('topics wait', performance.now() - waited);
		return assembleCorpus(ingested, links, fromWorker.topics);
	} finally {
		// Awaited: the worker's heap (names, vectors, neighbour lists) must be gone before this
		// thread copies the corpus to Astro's, the build's memory peak at 100,000 articles.
		await worker.close();
	}
}

/** The names `cache` kept for `ingested` from an earlier build (null where it has none), and how to keep this build's. */
function findKnownNames(ingested: readonly IngestedArticle[], cache: NamesCache | undefined) {
	if (!cache) return undefined;
	const digests = ingested.map(digestNameInput);
	return { names: cache.find(digests), keep: (names: readonly ExtractedEntities[]) => cache.keep(digests, names) };
}

/** The options of topic derivation: the page thresholds and the topic tuning. */
function topicOptions(options: LinkOptions): TopicOptions {
	return { ...DEFAULT_PAGE_THRESHOLD, ...options.pages, ...options.topics };
}

/** The topics, derived in this thread. */
function deriveTopicsHere(
	ingested: readonly IngestedArticle[],
	extracted: readonly ExtractedEntities[],
	{ vectors, neighbors }: ReturnType<typeof compareTexts>,
	options: LinkOptions,
	measure: Measure,
): TopicIndex {
	return measure('topics', () => deriveTopicsBesideNames(ingested, extracted, vectors, neighbors, topicOptions(options)));
}

/** The cross-links that need the names and the neighbour lists but not the topics. */
function linkArticles(
	ingested: readonly IngestedArticle[],
	extracted: readonly ExtractedEntities[],
	events: EventVectors,
	{ vectors, neighbors }: ReturnType<typeof compareTexts>,
	options: LinkOptions,
	measure: Measure,
) {
	const pages = { ...DEFAULT_PAGE_THRESHOLD, ...options.pages };
	const grouping = measure('stories', () => groupStories(ingested, scoreStoryLinks(neighbors, vectors.keptShare, events), options.stories));
	const related = measure('related', () => selectRelated(rankStoryFirst(rerankBySharedNeighbors(neighbors), grouping.storyOf), options.related));
	const entityIndex = measure('entity pages', () => indexEntities(ingested, extracted, pages, {}, grouping.storyOf));
	const sourceRelated = measure('source headlines', () => {
		const resolve = createHeadlineResolver([...ingested, ...(options.headlineAliases ?? [])]);
		return ingested.map((a) => resolveSourceRelated(a.sourceRelated, resolve, a.slug));
	});
	return { grouping, related, entityIndex, sourceRelated };
}

/** The articles with their cross-links, and the corpus-level collections. */
function assembleCorpus(
	ingested: readonly IngestedArticle[],
	{ grouping, related, entityIndex, sourceRelated }: ReturnType<typeof linkArticles>,
	topicIndex: TopicIndex,
): CorpusLinks & { articles: Article[] } {
	const articles = ingested.map(({ digest: _digest, ...article }, i): Article => ({
		...article,
		sourceRelated: sourceRelated[i]!,
		related: related[i]!.map((nb) => ({ slug: ingested[nb.index]!.slug, score: nb.score })),
		story: grouping.storyOf[i]!,
		topics: topicIndex.articleTopics[i]!,
		entities: entityIndex.articleEntities[i]!,
	}));
	return {
		articles,
		stories: grouping.stories,
		topics: topicIndex.topics,
		people: entityIndex.pages.people,
		places: entityIndex.pages.places,
		organizations: entityIndex.pages.organizations,
	};
}

/**
 * Other reports of the same event first: a reader who follows a story wants
 * its other coverage before articles on neighbouring subjects. Within each
 * part the order (and score) is the neighbour ranking's.
 */
function rankStoryFirst(lists: readonly Neighbor[][], storyOf: readonly (string | null)[]): Neighbor[][] {
	return lists.map((list, i) => {
		const story = storyOf[i];
		if (!story) return list;
		return [...list.filter((nb) => storyOf[nb.index] === story), ...list.filter((nb) => storyOf[nb.index] !== story)];
	});
}

/**
 * Ingests `dir` and computes the corpus-level cross-links. Without `options`, the
 * settings come from `broadsheet.config.ts` (or the defaults) and the parse cache is on.
 * `link` tunes the cross-links (the eval and bench scripts use it; the site uses the defaults);
 * its `report` is also told how long the ingest (`ingest`) and the cross-links (`corpus`) took.
 */
export async function buildCorpus(dir: string, options?: IngestOptions, link: LinkOptions = {}): Promise<Corpus> {
	const ingestOptions = options ?? (await loadIngestOptions(projectRoot));
	const started = performance.now();
	const { articles, problems } = await ingestDirectory(dir, ingestOptions);
	link.report?.('ingest', performance.now() - started);
	const headlineAliases = link.headlineAliases ?? (await duplicateHeadlines(dir, articles, ingestOptions));
	const linking = performance.now();
	const namesCache = link.namesCache ?? (await NamesCache.open(ingestOptions.cacheDir));
	const links = await linkCorpusInParallel(articles, { ...link, headlineAliases, namesCache });
	await namesCache.save();
	link.report?.('corpus', performance.now() - linking);
	return { ...links, problems };
}

/**
 * The headlines of files folded into another article as duplicates. The ingest
 * keeps only their paths, so they are parsed again here (there are few), so
 * that a source headline naming a folded file still finds its article.
 */
export async function duplicateHeadlines(dir: string, articles: readonly IngestedArticle[], options: IngestOptions): Promise<{ slug: string; title: string }[]> {
	const out: { slug: string; title: string }[] = [];
	for (const article of articles) {
		for (const file of article.duplicates) {
			const bytes = await fs.readFile(path.join(dir, file)).catch(() => null);
			if (!bytes) continue;
			const parsed = parseFileBytes(file, bytes, options);
			if (parsed.ok === true && parsed.article.title) out.push({ slug: article.slug, title: parsed.article.title });
		}
	}
	return out;
}

/** Runs one build step and prints `[timing] <step> <ms> ms` (read by `npm run bench`). */
export function timeStep<T>(step: string, run: () => T): T {
	const started = performance.now();
	const result = run();
	printTiming(step, performance.now() - started);
	return result;
}

/** Prints `[timing] <step> <ms> ms` for a step timed elsewhere. */
export function printTiming(step: string, ms: number): void {
	console.log(`[timing] ${step.replace(/\s+/g, '-')} ${Math.round(ms)} ms`);
}

/**
 * The ingest options of a site build. A build with its own `BROADSHEET_CACHE_DIR`
 * (tests, benchmarks) keeps its parse cache there too, so it never sees another build's cache.
 */
async function loadBuildIngestOptions(): Promise<IngestOptions> {
	const options = await loadIngestOptions(projectRoot);
	const own = process.env.BROADSHEET_CACHE_DIR;
	return own && options.cacheDir ? { ...options, cacheDir: path.join(path.resolve(projectRoot, own), 'broadsheet') } : options;
}

/** The build's corpus of `dir` (ingest with the build's options, then the corpus steps), computed in this thread with each step timed. */
export async function computeCorpus(dir: string): Promise<Corpus> {
	return buildCorpus(dir, await loadBuildIngestOptions(), { measure: timeStep, report: printTiming });
}
