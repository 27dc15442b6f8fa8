/**
 * Content folder → the finished corpus: ingested articles plus the corpus-level
 * cross-links (related news, stories, topics, entities). The Astro loader and the
 * ingest CLI both call this, so they cannot disagree.
 */
import { ingestDirectory, type IngestOptions } from './ingest/ingest-directory.ts';
import { loadIngestOptions } from './ingest/load-config.ts';
import { projectRoot } from './site-config.ts';
import type { IngestedArticle, IngestProblem } from './ingest/types.ts';
import type { Article } from '../schemas/article.ts';

/** The finished corpus. */
export interface Corpus {
	/** Articles with page data, sorted by slug. */
	articles: Article[];
	/** Every problem found, sorted by file. */
	problems: IngestProblem[];
}

/** Normalises a headline for tolerant matching: case, quotes and punctuation ignored. */
export function normalizeHeadline(headline: string): string {
	return headline
		.normalize('NFKD')
		.toLowerCase()
		.replace(/[\u0300-\u036f]/g, '')
		.replace(/[^\p{L}\p{N}]+/gu, ' ')
		.trim();
}

/** Adds the corpus-level fields to ingested articles. */
export function linkCorpus(ingested: readonly IngestedArticle[]): Article[] {
	const slugByHeadline = new Map(ingested.map((a) => [normalizeHeadline(a.title), a.slug]));
	return ingested.map(({ digest: _digest, ...article }) => ({
		...article,
		sourceRelated: article.sourceRelated.map((headline) => ({
			headline,
			slug: slugByHeadline.get(normalizeHeadline(headline)) ?? null,
		})),
		related: [],
		story: null,
		topics: [],
		entities: { people: [], places: [], organizations: [] },
	}));
}

/**
 * Ingests `dir` and computes the corpus-level cross-links. Without `options`, the
 * settings come from `broadsheet.config.ts` (or the defaults) and the parse cache is on.
 */
export async function buildCorpus(dir: string, options?: IngestOptions): Promise<Corpus> {
	const { articles, problems } = await ingestDirectory(dir, options ?? (await loadIngestOptions(projectRoot)));
	return { articles: linkCorpus(articles), problems };
}

const cache = new Map<string, Promise<Corpus>>();

/** {@link buildCorpus}, computed once per folder per process (several collections share it). */
export function loadCorpus(dir: string): Promise<Corpus> {
	let corpus = cache.get(dir);
	if (!corpus) {
		corpus = buildCorpus(dir);
		cache.set(dir, corpus);
	}
	return corpus;
}
