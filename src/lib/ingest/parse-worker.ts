/**
 * Worker-thread entry for parallel parsing (see `parse-in-workers.ts`): receives
 * file bytes and parse settings, answers with one outcome per file.
 */
import { parentPort } from 'node:worker_threads';
import type { BoilerplatePattern } from './boilerplate.ts';
import { parseJob } from './parse-file.ts';
import type { ParseJob, WorkerRequest } from './parse-in-workers.ts';

parentPort?.on('message', (request: WorkerRequest) => {
	const boilerplate: BoilerplatePattern[] = request.patterns.map((p) => ({ name: p.name, kind: p.kind, pattern: new RegExp(p.source, p.flags) }));
	const options = { boilerplate, wordsPerMinute: request.wordsPerMinute };
	const outcomes = request.jobs.map((job: ParseJob) => parseJob(job, options));
	parentPort?.postMessage(outcomes);
});
