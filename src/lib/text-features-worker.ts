/**
 * Worker-thread entry for `readNamesInWorker` (see `text-features.ts`):
 * receives the articles' texts, answers with the names found in each.
 */
import { parentPort } from 'node:worker_threads';
import type { EntityInput } from './entities/extract-entities.ts';
import { readNames } from './text-features.ts';

parentPort?.once('message', (articles: EntityInput[]) => {
	parentPort?.postMessage(readNames(articles));
});
