/**
 * The corpus steps that read each article's text on its own: the names it
 * mentions (entities) and the names and figures that tell its event apart
 * (event vectors), and the topics, which read each article's key phrases. A
 * large build reads the names, the costliest of them, on a worker thread while
 * this thread builds the term vectors, the neighbour lists and the event vectors
 * (both cores busy instead of one). Timed alone at 10,000 articles: names 3.7 s,
 * term vectors 1.2 s, neighbours 1.4 s, event vectors 0.8 s. With the event
 * vectors on the worker too, this thread waited 0.8–1.4 s for it in the build; now 0.2–0.5 s.
 *
 * The same worker then derives the topics (2 s at 10,000) from the names it read
 * and the neighbour lists this thread sends it, while this thread groups the
 * stories and builds the related lists and the name pages, which do not need them.
 */
import { Worker } from 'node:worker_threads';
import { extractEntities, type EntityInput, type ExtractedEntities } from './entities/extract-entities.ts';
import type { Neighbor } from './related/find-related.ts';
import { buildEventVectors, type EventVectors } from './stories/event-vectors.ts';
import { deriveTopics, type TopicIndex, type TopicInput, type TopicOptions, type TopicVectors } from './topics/derive-topics.ts';

/** What {@link readTextFeatures} returns, per article in input order. */
export interface TextFeatures {
	/** Names found in each article. */
	extracted: ExtractedEntities[];
	/** Each article's event vector. */
	events: EventVectors;
}

/** Below this many articles a worker's start-up and the copy of the texts cost more than they save. */
export const MIN_ARTICLES_FOR_WORKER = 5000;

/** Reads the text features in this thread (`known`: names already read, as in {@link readNames}). */
export function readTextFeatures(articles: readonly EntityInput[], known?: readonly (ExtractedEntities | null)[]): TextFeatures {
	return { extracted: readNames(articles, known), events: buildEventVectors(articles) };
}

/** The names found in each article, in input order; `known[i]`, when given, stands for article i's (see names-cache.ts). */
export function readNames(articles: readonly EntityInput[], known?: readonly (ExtractedEntities | null)[]): ExtractedEntities[] {
	return articles.map((a, i) => known?.[i] ?? extractEntities(a));
}

/** What the text worker reads of an article: what the names and the topics need. */
export type TextInput = EntityInput & Omit<TopicInput, 'names'>;

/**
 * The topics of `articles`, whose names (`extracted`, same order) are left to their
 * own pages. `vectors` and `neighbors` are the related-news ones (see `deriveTopics`).
 */
export function deriveTopicsBesideNames(
	articles: readonly Omit<TopicInput, 'names'>[],
	extracted: readonly ExtractedEntities[],
	vectors: TopicVectors,
	neighbors: readonly (readonly Neighbor[])[],
	options: TopicOptions,
): TopicIndex {
	const withNames = articles.map((a, i) => ({ ...a, names: [...extracted[i]!.people, ...extracted[i]!.places, ...extracted[i]!.organizations] }));
	return deriveTopics(withNames, vectors, neighbors, options);
}

/** Neighbour lists as three typed arrays: copied between threads in one go, where 300,000 small objects are cloned one by one. */
export interface PackedNeighbors {
	/** Article i's neighbours are entries `start[i]` to `start[i + 1]` (exclusive). */
	start: Int32Array<ArrayBuffer>;
	/** Neighbour positions. */
	index: Int32Array<ArrayBuffer>;
	/** Neighbour scores. */
	score: Float64Array<ArrayBuffer>;
}

/** Packs neighbour lists for another thread (see {@link unpackNeighbors}). */
export function packNeighbors(lists: readonly (readonly Neighbor[])[]): PackedNeighbors {
	const start = new Int32Array(lists.length + 1);
	lists.forEach((list, i) => (start[i + 1] = start[i]! + list.length));
	const index = new Int32Array(start[lists.length]!);
	const score = new Float64Array(start[lists.length]!);
	let k = 0;
	for (const list of lists) {
		for (const nb of list) {
			index[k] = nb.index;
			score[k++] = nb.score;
		}
	}
	return { start, index, score };
}

/** The neighbour lists that {@link packNeighbors} packed. */
export function unpackNeighbors({ start, index, score }: PackedNeighbors): Neighbor[][] {
	const lists: Neighbor[][] = [];
	for (let i = 0; i + 1 < start.length; i++) {
		const list: Neighbor[] = [];
		for (let k = start[i]!; k < start[i + 1]!; k++) list.push({ index: index[k]!, score: score[k]! });
		lists.push(list);
	}
	return lists;
}

/** Messages to the text worker (`text-features-worker.ts`), in this order. */
export type TextWorkerRequest = { kind: 'names'; articles: TextInput[]; known?: readonly (ExtractedEntities | null)[] } | { kind: 'topics'; vectors: TopicVectors; neighbors: PackedNeighbors; options: TopicOptions };
/** Its answers, one per request. */
export type TextWorkerAnswer = { kind: 'names'; names: ExtractedEntities[] } | { kind: 'topics'; topics: TopicIndex; ms: number };

/** A text worker at work on one corpus (see {@link startTextWorker}). */
export interface TextWorker {
	/** The names found in each article; null when the worker failed (read them in this thread). */
	names: Promise<ExtractedEntities[] | null>;
	/**
	 * Sends the worker what the topics need besides the texts and names it has; resolves to
	 * the topics and the time the worker spent on them, or null when it failed (derive them in this thread).
	 */
	deriveTopics(vectors: TopicVectors, neighbors: readonly (readonly Neighbor[])[], options: TopicOptions): Promise<{ topics: TopicIndex; ms: number } | null>;
	/** Stops the worker. */
	close(): Promise<void>;
}

/**
 * Starts reading the names of `articles` on a worker thread (`known`: names already read,
 * as in {@link readNames}), which then derives their topics when asked. Every answer is
 * null when the worker cannot start or fails, and the caller does that step in its own
 * thread: nothing is lost.
 */
export function startTextWorker(articles: readonly TextInput[], known?: readonly (ExtractedEntities | null)[]): TextWorker {
	let worker: Worker;
	try {
		worker = new Worker(new URL('./text-features-worker.ts', import.meta.url));
	} catch {
		return { names: Promise.resolve(null), deriveTopics: async () => null, close: async () => {} };
	}
	const waiting: ((answer: TextWorkerAnswer | null) => void)[] = [];
	// Once the worker has failed or exited, a request would wait forever: it gets null at once.
	let gone = false;
	const failAll = () => {
		gone = true;
		for (const settle of waiting.splice(0)) settle(null);
	};
	worker.on('message', (answer: TextWorkerAnswer) => waiting.shift()?.(answer));
	worker.on('error', failAll);
	worker.on('exit', failAll);
	const ask = (request: TextWorkerRequest, transfer: ArrayBuffer[] = []) =>
		new Promise<TextWorkerAnswer | null>((resolve) => {
			if (gone) return resolve(null);
			waiting.push(resolve);
			try {
				worker.postMessage(request, transfer);
			} catch {
				failAll();
			}
		});
	// Only what the names and topics read crosses the thread boundary.
	const texts = articles.map(({ title, paragraphs, dateline, slug, date, file, tags }) => ({ title, paragraphs, dateline: dateline ?? null, slug, date, file, tags }));
	const names = ask({ kind: 'names', articles: texts, known }).then((answer) => (answer?.kind === 'names' ? answer.names : null));
	return {
		names,
		deriveTopics: async (vectors, neighbors, options) => {
			const packed = packNeighbors(neighbors);
			const answer = await ask(
				{ kind: 'topics', vectors: { terms: vectors.terms, weights: vectors.weights, vocabularySize: vectors.vocabularySize }, neighbors: packed, options },
				[packed.start.buffer, packed.index.buffer, packed.score.buffer],
			);
			return answer?.kind === 'topics' ? { topics: answer.topics, ms: answer.ms } : null;
		},
		close: async () => {
			await worker.terminate();
		},
	};
}
