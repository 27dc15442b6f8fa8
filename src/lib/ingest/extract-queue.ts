/**
 * The extraction queue of streamed inputs (web-archive records, feed items): jobs
 * arrive one at a time while a file is read, are extracted in batches, in-thread for a
 * few and on a pool of workers (both cores of a 2-core machine) once there are enough
 * to pay for the workers' start-up, and each outcome is cached by its digest. One queue
 * can serve many files, so a folder of small feeds or archives fills the workers too.
 *
 * Memory stays bounded: `add` waits while two batches per worker are in flight, which
 * holds the reader back.
 */
import { availableParallelism } from 'node:os';
import { defaultBoilerplate } from './boilerplate.ts';
import type { ParseOptions } from './parse-article.ts';
import type { CachedItem, CachedParse, ParseCache } from './parse-cache.ts';
import { parseJob } from './parse-file.ts';
import type { ParseJob } from './parse-in-workers.ts';
import { ParsePool } from './parse-pool.ts';

/** Jobs sent to a worker at a time. */
const BATCH = 32;
/** Inputs whose jobs all fit in this many batches are extracted in-thread (workers would cost more to start). */
const MIN_BATCHES_FOR_WORKERS = 2;

/** One article of a streamed input, with the digest its outcome is cached and known by. */
export type StreamedItem = CachedItem & { digest: string };

/** Options for {@link ExtractQueue}. */
export interface QueueOptions {
	/** The parse cache (outcomes are stored under each job's digest). */
	cache: ParseCache;
	/** Parse settings. */
	parseOptions: ParseOptions;
	/** Extraction workers (default: one per core; 0 or 1 extracts in-thread). */
	workers?: number;
}

interface Entry {
	job: ParseJob;
	digest: string;
	settle: (outcome: CachedParse) => void;
}

/** See the module comment. Call `finish` once every file has been read: outcomes are settled by then. */
export class ExtractQueue {
	private readonly options: QueueOptions;
	private readonly workerCount: number;
	private pool: ParsePool | null = null;
	private batch: Entry[] = [];
	private pending: Promise<void>[] = [];

	constructor(options: QueueOptions) {
		this.options = options;
		this.workerCount = options.workers ?? availableParallelism();
	}

	/** Queues a job; `settle` gets its outcome (by `finish` at the latest). Resolves when the reader may go on. */
	async add(job: ParseJob, digest: string, settle: (outcome: CachedParse) => void): Promise<void> {
		this.batch.push({ job, digest, settle });
		if (this.batch.length >= BATCH * (this.pool ? 1 : MIN_BATCHES_FOR_WORKERS)) await this.flush(false);
	}

	/** Extracts everything queued, waits for it and stops the workers. */
	async finish(): Promise<void> {
		await this.flush(true);
		await Promise.all(this.pending);
		this.pending = [];
		await this.pool?.close();
		this.pool = null;
	}

	private settle(entry: Entry, outcome: CachedParse): void {
		this.options.cache.set(entry.digest, outcome);
		entry.settle(outcome);
	}

	private extractInThread(entries: Entry[]): void {
		for (const entry of entries) this.settle(entry, parseJob(entry.job, this.options.parseOptions));
	}

	private async flush(final: boolean): Promise<void> {
		const entries = this.batch;
		this.batch = [];
		if (!entries.length) return;
		const { parseOptions } = this.options;
		if (!this.pool && this.workerCount >= 2 && !final) this.pool = new ParsePool(this.workerCount, parseOptions.boilerplate ?? defaultBoilerplate, parseOptions.wordsPerMinute);
		if (!this.pool) return this.extractInThread(entries);
		const running = this.pool.parse(entries.map((e) => e.job)).then(
			(outcomes) => entries.forEach((entry, i) => this.settle(entry, outcomes[i]!)),
			() => this.extractInThread(entries), // a broken pool: extract here, lose nothing
		);
		this.pending.push(running);
		// Bounded memory: at most two batches per worker wait for extraction.
		while (this.pending.length >= this.workerCount * 2) await this.pending.shift();
	}
}
