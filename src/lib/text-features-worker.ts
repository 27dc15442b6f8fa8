/**
 * Worker-thread entry for `startTextWorker` (see `text-features.ts`): receives
 * the articles' texts and answers with the names found in each; then receives
 * the neighbour lists and answers with the topics.
 */
import { parentPort } from 'node:worker_threads';
import type { ExtractedEntities } from './entities/extract-entities.ts';
import { deriveTopicsBesideNames, readNames, unpackNeighbors, type TextInput, type TextWorkerAnswer, type TextWorkerRequest } from './text-features.ts';

let articles: TextInput[] = [];
let names: ExtractedEntities[] = [];

parentPort?.on('message', (request: TextWorkerRequest) => {
	let answer: TextWorkerAnswer;
	if (request.kind === 'names') {
		articles = request.articles;
		names = readNames(articles, request.known);
		answer = { kind: 'names', names };
	} else {
		const started = performance.now();
		const topics = deriveTopicsBesideNames(articles, names, request.vectors, unpackNeighbors(request.neighbors), request.options);
		answer = { kind: 'topics', topics, ms: Math.round(performance.now() - started) };
	}
	parentPort?.postMessage(answer);
});
