/**
 * A small pool of long-lived parse workers (the same `parse-worker.ts` entry as
 * `parseInWorkers`), for inputs that arrive as a stream of jobs: the records of a web
 * archive. Workers start once and take batch after batch, so their start-up (loading
 * Readability and the DOM, ~0.3 s) is paid once per archive run, not once per batch.
 */
import { Worker } from 'node:worker_threads';
import type { BoilerplatePattern } from './boilerplate.ts';
import type { CachedParse } from './parse-cache.ts';
import type { ParseJob, WorkerRequest } from './parse-in-workers.ts';

interface Task {
	jobs: ParseJob[];
	resolve: (outcomes: CachedParse[]) => void;
	reject: (error: Error) => void;
}

/** Long-lived workers that parse batches of jobs; see the module comment. */
export class ParsePool {
	private readonly idle: Worker[] = [];
	private readonly all: Worker[] = [];
	private readonly queue: Task[] = [];
	private readonly current = new Map<Worker, Task>();
	private readonly patterns: WorkerRequest['patterns'];
	private readonly wordsPerMinute: number | undefined;
	private broken: Error | null = null;

	/** Starts `count` workers. */
	constructor(count: number, patterns: readonly BoilerplatePattern[], wordsPerMinute?: number) {
		this.patterns = patterns.map((p) => ({ name: p.name, kind: p.kind, source: p.pattern.source, flags: p.pattern.flags }));
		this.wordsPerMinute = wordsPerMinute;
		for (let i = 0; i < count; i++) {
			const worker = new Worker(new URL('./parse-worker.ts', import.meta.url));
			worker.on('message', (outcomes: CachedParse[]) => {
				const task = this.current.get(worker);
				this.current.delete(worker);
				task?.resolve(outcomes);
				this.idle.push(worker);
				this.dispatch();
			});
			const fail = (error: Error) => {
				this.broken ??= error;
				this.current.get(worker)?.reject(error);
				this.current.delete(worker);
				for (const task of this.queue.splice(0)) task.reject(error);
			};
			worker.on('error', fail);
			worker.on('exit', (code) => {
				if (code !== 0) fail(new Error(`parse worker exited with code ${code}`));
			});
			this.all.push(worker);
			this.idle.push(worker);
		}
	}

	/** Parses a batch on the next free worker; rejects when the pool has broken (the caller then parses in-thread). */
	parse(jobs: ParseJob[]): Promise<CachedParse[]> {
		if (this.broken) return Promise.reject(this.broken);
		return new Promise((resolve, reject) => {
			this.queue.push({ jobs, resolve, reject });
			this.dispatch();
		});
	}

	private dispatch(): void {
		while (this.idle.length && this.queue.length) {
			const worker = this.idle.shift()!;
			const task = this.queue.shift()!;
			this.current.set(worker, task);
			const request: WorkerRequest = { jobs: task.jobs, patterns: this.patterns, wordsPerMinute: this.wordsPerMinute };
			worker.postMessage(request);
		}
	}

	/** Stops every worker. */
	async close(): Promise<void> {
		this.broken ??= new Error('parse pool closed');
		await Promise.all(this.all.map((w) => w.terminate()));
	}
}
