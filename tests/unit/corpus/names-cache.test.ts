import assert from 'node:assert/strict';
import { mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { after, describe, it } from 'node:test';
import { linkCorpus, linkCorpusInParallel } from '../../../src/lib/build-corpus.ts';
import { extractEntities } from '../../../src/lib/entities/extract-entities.ts';
import { digestNameInput, NamesCache } from '../../../src/lib/entities/names-cache.ts';
import { fixtureCorpus } from './helpers.ts';

const dirs: string[] = [];
const tempDir = () => {
	const dir = mkdtempSync(path.join(os.tmpdir(), 'broadsheet-names-'));
	dirs.push(dir);
	return dir;
};
after(() => dirs.forEach((dir) => rmSync(dir, { recursive: true, force: true })));

describe('NamesCache', () => {
	it('gives back, in the next build, the names kept for the same text, and nothing for a changed text', async () => {
		const dir = tempDir();
		const article = { title: 'Blair meets Bush in Washington', paragraphs: ['Tony Blair met George Bush at the White House.'], dateline: null };
		const digest = digestNameInput(article);
		const first = await NamesCache.open(dir);
		assert.deepEqual(first.find([digest]), [null]);
		first.keep([digest], [extractEntities(article)]);
		await first.save();
		const second = await NamesCache.open(dir);
		assert.deepEqual(second.find([digest]), [extractEntities(article)]);
		const edited = { ...article, paragraphs: ['Tony Blair met Jacques Chirac in Paris.'] };
		assert.notEqual(digestNameInput(edited), digest);
		assert.deepEqual(second.find([digestNameInput(edited)]), [null]);
		// The dateline is read too.
		assert.notEqual(digestNameInput({ ...article, dateline: 'LONDON (Reuters)' }), digest);
	});

	it('ignores a corrupt file and keeps nothing without a folder', async () => {
		const dir = tempDir();
		writeFileSync(path.join(dir, 'names-cache.v8'), 'not a cache');
		const cache = await NamesCache.open(dir);
		assert.deepEqual(cache.find(['x']), [null]);
		const none = await NamesCache.open(undefined);
		none.keep(['x'], [extractEntities({ title: 'A', paragraphs: [] })]);
		await none.save();
	});

	it('leaves no temporary file behind', async () => {
		const dir = tempDir();
		const cache = await NamesCache.open(dir);
		cache.keep(['x'], [extractEntities({ title: 'A', paragraphs: [] })]);
		await cache.save();
		assert.deepEqual(readdirSync(dir), ['names-cache.v8']);
	});
});

describe('linking with a names cache', () => {
	it('links the corpus the same with names read, kept or partly kept, on one thread or two', async () => {
		const corpus = fixtureCorpus();
		const expected = linkCorpus(corpus);
		const dir = tempDir();
		const cold = await NamesCache.open(dir);
		assert.deepEqual(linkCorpus(corpus, { namesCache: cold }), expected);
		await cold.save();
		const warm = await NamesCache.open(dir);
		assert.ok(warm.find(corpus.map(digestNameInput)).every((names) => names !== null));
		assert.deepEqual(await linkCorpusInParallel(corpus, { workerFrom: 1, namesCache: warm }), expected);
		// One article changed since: its names are read again, the others come from the cache.
		const changed = corpus.map((a, i) => (i === 0 ? { ...a, paragraphs: [...a.paragraphs, 'Gordon Brown spoke in Edinburgh.'] } : a));
		const partly = await NamesCache.open(dir);
		assert.deepEqual(await linkCorpusInParallel(changed, { workerFrom: 1, namesCache: partly }), linkCorpus(changed));
	});
});
