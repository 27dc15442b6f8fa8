/**
 * The corpus steps that read each article's text on its own: the names it
 * mentions (entities) and the names and figures that tell its event apart
 * (event vectors). They need nothing from the rest of the corpus, so a large
 * build reads them on a worker thread while the main thread builds the term
 * vectors and neighbour lists (both cores busy instead of one).
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
	return { extracted: articles.map((a) => extractEntities(a)), events: buildEventVectors(articles) };
}

/**
 * Reads the text features on a worker thread. Resolves to null when a worker
 * cannot start or fails, and the caller reads them in-thread: nothing is lost.
 */
export async function readTextFeaturesInWorker(articles: readonly EntityInput[]): Promise<TextFeatures | null> {
	let worker: Worker | undefined;
	try {
		worker = new Worker(new URL('./text-features-worker.ts', import.meta.url));
		const started = worker;
		const result = await new Promise<TextFeatures>((resolve, reject) => {
			started.once('message', (features: TextFeatures) => resolve(features));
			started.once('error', reject);
			started.once('exit', (code) => reject(new Error(`text-features worker exited with code ${code}`)));
			// Only what the readers use crosses the thread boundary.
			started.postMessage(articles.map(({ title, paragraphs, dateline }) => ({ title, paragraphs, dateline: dateline ?? null })));
		});
		return result;
	} catch {
		return null;
	} finally {
		await worker?.terminate();
	}
}
