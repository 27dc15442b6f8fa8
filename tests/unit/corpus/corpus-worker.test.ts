import assert from 'node:assert/strict';
import { promises as fs } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { inspect } from 'node:util';
import { after, before, describe, it } from 'node:test';
import { computeCorpus } from '../../../src/lib/build-corpus.ts';
import { computeCorpusInWorker, loadCorpus, releaseCorpora, startCorpus } from '../../../src/lib/load-corpus.ts';
import { repoRoot } from '../../support/build-site.ts';

describe('the build corpus on a worker thread', () => {
	let cacheDir: string;
	const saved = process.env.BROADSHEET_CACHE_DIR;
	before(async () => {
		// The build's parse cache goes to a folder of the test's own (the worker copies the environment when it starts).
		cacheDir = await fs.mkdtemp(path.join(os.tmpdir(), 'corpus-worker-'));
		process.env.BROADSHEET_CACHE_DIR = cacheDir;
	});
	after(async () => {
		if (saved === undefined) delete process.env.BROADSHEET_CACHE_DIR;
		else process.env.BROADSHEET_CACHE_DIR = saved;
		await fs.rm(cacheDir, { recursive: true, force: true });
	});

	it('is the corpus computed in this thread: articles, links and problems', async () => {
		const dir = path.join(repoRoot, 'tests/site-fixtures/basic');
		const inWorker = await computeCorpusInWorker(dir);
		assert.ok(inWorker, 'the worker started');
		assert.ok(inWorker.articles.length > 0);
		assert.ok(inWorker.problems.length > 0, 'the fixture has files that are problems');
		assert.deepEqual(inWorker, await computeCorpus(dir));
	});

	it('answers null, for the caller to compute in its thread, when the worker cannot load its module', async () => {
		const dir = path.join(repoRoot, 'tests/site-fixtures/basic');
		assert.equal(await computeCorpusInWorker(dir, new URL('file:///no/such/corpus-worker.ts')), null);
	});

	it('starts once per folder: the loaders get the corpus the build started, or its error', async () => {
		const started = (globalThis as Record<symbol, unknown>)[Symbol.for('broadsheet.corpusCache')] as Map<string, Promise<unknown>>;
		const dir = path.join(repoRoot, 'tests/site-fixtures/basic');
		startCorpus(dir);
		assert.ok(started.has(dir), 'started before any loader asks');
		assert.equal(loadCorpus(dir), started.get(dir));
		assert.ok((await loadCorpus(dir)).articles.length > 0);
		// A failed start is not an unhandled rejection: it waits for the loader that awaits it.
		const unhandled: unknown[] = [];
		const onUnhandled = (reason: unknown) => unhandled.push(reason);
		process.on('unhandledRejection', onUnhandled);
		const missing = path.join(cacheDir, 'missing-folder');
		startCorpus(missing);
		const failing = started.get(missing)!;
		// Watched without a handler of its own, which would hide an unhandled rejection.
		while (inspect(failing).includes('<pending>')) await new Promise((resolve) => setTimeout(resolve, 20));
		await new Promise((resolve) => setTimeout(resolve, 20));
		process.off('unhandledRejection', onUnhandled);
		assert.deepEqual(unhandled, []);
		await assert.rejects(loadCorpus(missing), /Content folder .*missing-folder does not exist/);
		releaseCorpora();
		assert.equal(started.size, 0);
	});

	it('rejects with the error the ingest raised, which names the folder', async () => {
		const dir = path.join(cacheDir, 'no-such-folder');
		await assert.rejects(computeCorpus(dir), /Content folder .*no-such-folder does not exist/);
		await assert.rejects(computeCorpusInWorker(dir), /Content folder .*no-such-folder does not exist/);
	});
});
