/**
 * Parses many files on worker threads, one per core, for large cold ingests.
 * Parsing is pure CPU work on independent files, so it splits cleanly; the main
 * thread keeps reading, hashing, the cache and every corpus-level step.
 * Any failure to start or run workers returns null, and the caller parses in-thread.
 */
import { availableParallelism } from 'node:os';
import { Worker } from 'node:worker_threads';
import type { BoilerplateKind, BoilerplatePattern } from './boilerplate.ts';
import type { RecordContext } from './import-file.ts';
import type { CachedParse } from './parse-cache.ts';

/** One file to parse. */
export interface ParseJob {
	/** Path relative to the content folder (its extension picks the parser). */
	file: string;
	/** The file's bytes. */
	bytes: Uint8Array;
	/** Set for a web-archive record: the page's URL and HTTP headers. */
	record?: RecordContext;
	/** Set for one item of a streamed feed: `bytes` is a one-item feed document (see `split-feed.ts`). */
	feedItem?: boolean;
}

/** What the main thread sends a worker: RegExps do not survive `postMessage`, so patterns travel as source and flags. */
export interface WorkerRequest {
	/** Files to parse. */
	jobs: ParseJob[];
	/** Boilerplate patterns. */
	patterns: { name: string; kind: BoilerplateKind; source: string; flags: string }[];
	/** Reading speed. */
	wordsPerMinute?: number;
}

/** Below this many files a worker's start-up (loading the parser, ~0.2 s) costs more than it saves. */
export const MIN_FILES_FOR_WORKERS = 1500;

/**
 * How many workers to use by default: one per core (at most 4) on machines with at
 * least 4 cores. On 2 cores the main thread's own work competes with them and
 * start-up plus copying results back ate most of the gain in measurements, so it
 * stays in-thread there unless `workers` is set.
 */
export function defaultWorkerCount(): number {
	const cores = availableParallelism();
	return cores >= 4 ? Math.min(4, cores) : 1;
}

/**
 * Parses `jobs` on `count` workers, preserving order. Returns null when workers are
 * unavailable or fail (the caller then parses in-thread, so nothing is lost).
 */
export async function parseInWorkers(
	jobs: readonly ParseJob[],
	patterns: readonly BoilerplatePattern[],
	wordsPerMinute: number | undefined,
	count: number,
): Promise<CachedParse[] | null> {
	if (count < 2 || jobs.length === 0) return null;
	// Contiguous chunks of about equal byte size, so one worker does not get all the long files.
	const total = jobs.reduce((n, j) => n + j.bytes.length, 0);
	const chunks: ParseJob[][] = [];
	let current: ParseJob[] = [];
	let size = 0;
	for (const job of jobs) {
		current.push(job);
		size += job.bytes.length;
		if (size >= (total / count) * (chunks.length + 1) && chunks.length < count - 1) {
			chunks.push(current);
			current = [];
		}
	}
	chunks.push(current);
	const request = (chunk: ParseJob[]): WorkerRequest => ({
		jobs: chunk,
		patterns: patterns.map((p) => ({ name: p.name, kind: p.kind, source: p.pattern.source, flags: p.pattern.flags })),
		wordsPerMinute,
	});
	const workers: Worker[] = [];
	try {
		const results = await Promise.all(
			chunks.map(
				(chunk) =>
					new Promise<CachedParse[]>((resolve, reject) => {
						const worker = new Worker(new URL('./parse-worker.ts', import.meta.url));
						workers.push(worker);
						worker.once('message', (outcomes: CachedParse[]) => resolve(outcomes));
						worker.once('error', reject);
						worker.once('exit', (code) => reject(new Error(`parse worker exited with code ${code}`)));
						worker.postMessage(request(chunk));
					}),
			),
		);
		return results.flat();
	} catch {
		return null;
	} finally {
		await Promise.all(workers.map((w) => w.terminate()));
	}
}
