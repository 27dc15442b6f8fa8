import assert from 'node:assert/strict';
import { promises as fs } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, it } from 'node:test';
import { computeBuildFingerprint, computeBuildInputs, isUpToDate, onlyContentChanged, saveFingerprint, clearFingerprint } from '../../../scripts/build/build-fingerprint.ts';
import { replicateCorpus, rewriteAsCopy } from '../../../scripts/bench/replicate-corpus.ts';
import { parseStageTimings } from '../../../scripts/bench/run-measured.ts';
import { urlOfOutputFile } from '../../../src/integrations/search-index.ts';
import { repoRoot } from '../../support/build-site.ts';

const article = (title: string, body: string) => `${title}\n${title}\nShare:\n\n${body}\n\nOther headline\n\nJoin NewsTrack Whatsapp group\nRelated News\n`;
const BODY = 'The committee said on Monday that the plan for the new bridge over the river would be put to a vote in the spring, and that the cost was expected to rise.';

describe('search index urls', () => {
	it('derives URLs from output files as the Pagefind CLI does', () => {
		assert.equal(urlOfOutputFile(path.join('articles', 'a-b', 'index.html')), '/articles/a-b/');
		assert.equal(urlOfOutputFile('index.html'), '/');
		assert.equal(urlOfOutputFile('404.html'), '/404.html');
	});
});

describe('bench replicas', () => {
	it('changes headline, related headlines and first sentence of a copy, and nothing of copy 0', () => {
		const text = article('Bridge vote set', BODY);
		assert.equal(rewriteAsCopy(text, 0, new Set()), text);
		const copy = rewriteAsCopy(text, 3, new Set(['Other headline']));
		assert.match(copy, /^Bridge vote set \(edition 4\)\nBridge vote set \(edition 4\)\n/);
		assert.match(copy, /\nOther headline \(edition 4\)\n/);
		assert.match(copy, /\nIn edition 4 of this report: The committee/);
		assert.match(copy, /bridge/);
		assert.notEqual(rewriteAsCopy(text, 4, new Set()).replace(/edition \d+/g, ''), copy.replace(/edition \d+/g, ''));
	});
	it('is deterministic and reuses an existing replica', async () => {
		const tmp = await fs.mkdtemp(path.join(os.tmpdir(), 'bench-replica-'));
		const source = path.join(tmp, 'src');
		await fs.mkdir(source);
		await fs.writeFile(path.join(source, 'a.txt'), article('Bridge vote set', BODY));
		await fs.writeFile(path.join(source, 'b.txt'), article('Rail fares rise', BODY.replace('bridge', 'railway')));
		const a = path.join(tmp, 'a');
		const b = path.join(tmp, 'b');
		await replicateCorpus({ source, target: a, count: 5 });
		await replicateCorpus({ source, target: b, count: 5 });
		const names = (await fs.readdir(a)).filter((n) => !n.startsWith('.')).sort();
		assert.equal(names.length, 5);
		for (const n of names) assert.equal(await fs.readFile(path.join(a, n), 'utf8'), await fs.readFile(path.join(b, n), 'utf8'));
		await fs.rm(tmp, { recursive: true, force: true });
	});
});

describe('stage timings', () => {
	it('reads [timing] lines and Astro summary lines', () => {
		const log = '[timing] ingest 120 ms\n[timing] related 30 ms\n[timing] related 5 ms\n[vite] ✓ built in 1.5s\n[vite] ✓ built in 30ms\n generating static routes \n22:00 ✓ Completed in 2.25s.\n';
		assert.deepEqual(parseStageTimings(log), { ingest: 120, related: 35, vite: 1530, render: 2250 });
	});
});

describe('build fingerprint', () => {
	it('changes when a content file changes and survives when nothing does', async () => {
		const tmp = await fs.mkdtemp(path.join(os.tmpdir(), 'build-fingerprint-'));
		const content = path.join(tmp, 'content');
		const outDir = path.join(tmp, 'dist');
		await fs.mkdir(content);
		await fs.mkdir(path.join(outDir, 'pagefind'), { recursive: true });
		await fs.writeFile(path.join(outDir, 'index.html'), '<html></html>');
		await fs.writeFile(path.join(outDir, 'pagefind', 'pagefind-entry.json'), '{}');
		await fs.mkdir(path.join(outDir, 'pagefind-live'));
		await fs.writeFile(path.join(outDir, 'pagefind-live', 'pagefind.js'), '');
		await fs.writeFile(path.join(outDir, 'sitemap-index.xml'), '<x/>');
		await fs.writeFile(path.join(content, 'a.txt'), article('Bridge vote set', BODY));
		const inputs = { projectRoot: repoRoot, contentDir: content, argv: [], env: { SITE_URL: 'http://x' } };
		const store = { file: path.join(tmp, 'cache', 'fp.json'), outDir };
		const first = await computeBuildFingerprint(inputs);
		assert.equal(await isUpToDate(store, first), false);
		await saveFingerprint(store, first);
		assert.equal(await isUpToDate(store, await computeBuildFingerprint(inputs)), true);
		assert.notEqual(await computeBuildFingerprint({ ...inputs, env: { SITE_URL: 'http://y' } }), first);
		await fs.writeFile(path.join(content, 'a.txt'), article('Bridge vote set', BODY + ' More.'));
		assert.equal(await isUpToDate(store, await computeBuildFingerprint(inputs)), false);
		await fs.writeFile(path.join(outDir, 'index.html'), '<html>edited</html>');
		await saveFingerprint(store, first);
		await fs.rm(path.join(outDir, 'index.html'));
		assert.equal(await isUpToDate(store, first), false);
		await clearFingerprint(store);
		await fs.rm(tmp, { recursive: true, force: true });
	});
});

describe('incremental builds', () => {
	it('are chosen only when nothing but content changed since the last build of that folder', async () => {
		const tmp = await fs.mkdtemp(path.join(os.tmpdir(), 'build-incremental-'));
		const content = path.join(tmp, 'content');
		const outDir = path.join(tmp, 'dist');
		await fs.mkdir(content);
		await fs.mkdir(outDir);
		await fs.writeFile(path.join(outDir, 'index.html'), '<html></html>');
		await fs.writeFile(path.join(content, 'a.txt'), article('Bridge vote set', BODY));
		const inputs = { projectRoot: repoRoot, contentDir: content, argv: [], env: { SITE_URL: 'http://x' } };
		const store = { file: path.join(tmp, 'cache', 'fp.json'), outDir };
		const before = await computeBuildInputs(inputs);
		assert.equal(await onlyContentChanged(store, before), false, 'no previous build');
		await saveFingerprint(store, before.all, before);
		await fs.writeFile(path.join(content, 'a.txt'), article('Bridge vote set', BODY + ' More.'));
		assert.equal(await onlyContentChanged(store, await computeBuildInputs(inputs)), true);
		assert.equal(await onlyContentChanged(store, await computeBuildInputs({ ...inputs, env: { SITE_URL: 'http://y' } })), false, 'a setting changed');
		assert.equal(await onlyContentChanged({ ...store, outDir: path.join(tmp, 'other') }, await computeBuildInputs(inputs)), false, 'another output folder');
		await fs.rm(path.join(outDir, 'index.html'));
		assert.equal(await onlyContentChanged(store, await computeBuildInputs(inputs)), false, 'the output is gone');
		await fs.rm(tmp, { recursive: true, force: true });
	});
});

describe('stage timings, long builds', () => {
	it('reads minutes in Astro durations', () => {
		const log = '[vite] ✓ built in 23.43s\n generating static routes \n22:47 ✓ Completed in 2m 25s.\n';
		assert.deepEqual(parseStageTimings(log), { vite: 23430, render: 145000 });
	});
});
