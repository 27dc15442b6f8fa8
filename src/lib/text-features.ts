/**
 * The corpus steps that read each article's text on its own: the names it
 * mentions (entities) and the names and figures that tell its event apart
 * (event vectors). They need nothing from the rest of the corpus, so a large
 * build reads the names, the costliest of them, on a worker thread while this
 * thread builds the term vectors, the neighbour lists and the event vectors (both
 * cores busy instead of one). Timed alone at 10,000 articles: names 3.7 s, term
 * vectors 1.2 s, neighbours 1.4 s, event vectors 0.8 s. With the event vectors on
 * the worker too, this thread waited 0.8–1.4 s for it in the build; now 0.2–0.5 s.
 */
import { Worker } from 'node:worker_threads';
import { extractEntities, type EntityInput, type ExtractedEntities } from './entities/extract-entities.ts';
import { buildEventVectors, type EventVectors } from './stories/event-vectors.ts';

/** What {@link readTextFeatures} returns, per article in input order. */
export interface TextFeatures {
	/** Names found in each article. */
	extracted: ExtractedEntities[];
	/** Each article's event vector. */
	events: EventVectors;
}

/** Below this many articles a worker's start-up and the copy of the texts cost more than they save. */
export const MIN_ARTICLES_FOR_WORKER = 5000;

/** Reads the text features in this thread. */
export function readTextFeatures(articles: readonly EntityInput[]): TextFeatures {
	return { extracted: readNames(articles), events: buildEventVectors(articles) };
}

/** The names found in each article, in input order. */
export function readNames(articles: readonly EntityInput[]): ExtractedEntities[] {
	return articles.map((a) => extractEntities(a));
}

/**
 * {@link readNames} on a worker thread. Resolves to null when a worker cannot
 * start or fails, and the caller reads them in-thread: nothing is lost.
 */
export async function readNamesInWorker(articles: readonly EntityInput[]): Promise<ExtractedEntities[] | null> {
	let worker: Worker | undefined;
	try {
		worker = new Worker(new URL('./text-features-worker.ts', import.meta.url));
		const started = worker;
		const result = await new Promise<ExtractedEntities[]>((resolve, reject) => {
			started.once('message', (names: ExtractedEntities[]) => resolve(names));
			started.once('error', reject);
			started.once('exit', (code) => reject(new Error(`text-features worker exited with code ${code}`)));
			// Only what the name reader uses crosses the thread boundary.
			started.postMessage(articles.map(({ title, paragraphs, dateline }) => ({ title, paragraphs, dateline: dateline ?? null })));
		});
		return result;
	} catch {
		return null;
	} finally {
		await worker?.terminate();
	}
}
