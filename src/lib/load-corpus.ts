/**
 * The build's corpus, computed once per content folder and handed to every
 * collection's loader. This module is all the build's main thread loads of the
 * corpus code: the ingest and the corpus steps run on a worker thread
 * (`corpus-worker.ts`), which loads them itself, and in this thread only if the
 * worker cannot start.
 */
import { Worker } from 'node:worker_threads';
import type { Corpus } from './build-corpus.ts';

/**
 * Corpora computed in this process, by folder. On `globalThis` so that every copy of
 * this module (Astro loads the config and the content config through different
 * module graphs) shares it and {@link releaseCorpora} frees it.
 */
const CACHE_KEY = Symbol.for('broadsheet.corpusCache');
const cache: Map<string, Promise<Corpus>> = ((globalThis as Record<symbol, unknown>)[CACHE_KEY] as Map<string, Promise<Corpus>> | undefined) ??
	((globalThis as Record<symbol, unknown>)[CACHE_KEY] = new Map<string, Promise<Corpus>>());

/**
 * Forgets the memoised corpora. The build calls it once the content layer has
 * stored them (pages read the collections, not the corpus): at 100,000 articles
 * the corpus, with every body twice, is over a gigabyte that rendering does not need.
 */
export function releaseCorpora(): void {
	cache.clear();
}

/** The build's corpus of `dir` (see `computeCorpus` in `build-corpus.ts`), computed once per folder per process (several collections share it), on a worker thread when one starts. */
export function loadCorpus(dir: string): Promise<Corpus> {
	let corpus = cache.get(dir);
	if (!corpus) {
		corpus = (async () => (await computeCorpusInWorker(dir)) ?? (await import('./build-corpus.ts')).computeCorpus(dir))();
		cache.set(dir, corpus);
	}
	return corpus;
}

/**
 * Starts computing the corpus of `dir` before any loader asks for it: the build calls
 * it from its first hook, so that the worker runs while Astro finishes starting up.
 * A failure surfaces where a loader awaits {@link loadCorpus}, not here.
 */
export function startCorpus(dir: string): void {
	loadCorpus(dir).catch(() => {});
}

/**
 * `computeCorpus` (`build-corpus.ts`) on a worker thread, whose answer is copied back. Astro's
 * renderer, loaded in the build's main thread, declares a subclass of `String`; from
 * then on V8 stops inlining string methods in that thread (a `charCodeAt` loop measured
 * 5-9× slower, and the ingest and corpus steps 1.5-2× slower in the build than alone).
 * A worker thread is a separate V8 instance, without that class. Resolves to null,
 * and the caller computes the corpus in its own thread, when the worker cannot start
 * or load its modules (Node before 22.18 cannot load TypeScript without a flag) or dies
 * before it answers; an error raised by the ingest or a corpus step rejects, as it
 * would in this thread. `entry` is the worker's module (a test points it elsewhere).
 */
export async function computeCorpusInWorker(dir: string, entry: URL = new URL('./corpus-worker.ts', import.meta.url)): Promise<Corpus | null> {
	let worker: Worker;
	try {
		worker = new Worker(entry, { workerData: { dir } });
	} catch {
		return null;
	}
	return new Promise<Corpus | null>((resolve, reject) => {
		let answered = false;
		const fallBack = (why: string) => {
			if (answered) return;
			answered = true;
			console.warn(`The corpus worker for ${dir} ${why}; computing the corpus on the main thread instead (slower).`);
			resolve(null);
		};
		worker.once('message', (message: { corpus: Corpus } | { error: Error }) => {
			answered = true;
			// Not terminated: it ends by itself once its output (the steps' timing lines) is flushed.
			worker.unref();
			if ('corpus' in message) resolve(message.corpus);
			else reject(message.error);
		});
		worker.once('error', (error) => fallBack(`failed (${error.message})`));
		worker.once('exit', (code) => fallBack(`exited with code ${code} before it answered`));
	});
}
