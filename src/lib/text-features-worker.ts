/**
 * Worker-thread entry for `readTextFeaturesInWorker` (see `text-features.ts`):
 * receives the articles' texts, answers with their text features.
 */
import { parentPort } from 'node:worker_threads';
import type { EntityInput } from './entities/extract-entities.ts';
import { readTextFeatures } from './text-features.ts';

parentPort?.once('message', (articles: EntityInput[]) => {
	parentPort?.postMessage(readTextFeatures(articles));
});
