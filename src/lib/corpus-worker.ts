/**
 * Worker-thread entry for `computeCorpusInWorker` (see `load-corpus.ts`): computes
 * the corpus of `workerData.dir` and answers with it, or with the error that stopped it.
 */
import { parentPort, workerData } from 'node:worker_threads';
import { computeCorpus } from './build-corpus.ts';

const { dir } = workerData as { dir: string };
try {
	parentPort?.postMessage({ corpus: await computeCorpus(dir) });
} catch (error) {
	parentPort?.postMessage({ error });
}
