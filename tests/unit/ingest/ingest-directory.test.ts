/**
 * Folder-level behaviour of `ingestDirectory`: every file becomes a page or a
 * named problem, unsafe files are not read, duplicates fold, slugs are unique and
 * stable, and the parse cache is invisible except for speed.
 * Folders are built in the OS temp dir for each test.
 */
import assert from 'node:assert/strict';
import { promises as fs } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { after, test } from 'node:test';
import { ingestDirectory } from '../../../src/lib/ingest/ingest-directory.ts';
import type { IngestResult } from '../../../src/lib/ingest/types.ts';

const temps: string[] = [];
after(async () => {
	for (const dir of temps) await fs.rm(dir, { recursive: true, force: true });
});

async function makeDir(files: Record<string, string | Uint8Array>): Promise<string> {
	const dir = await fs.mkdtemp(path.join(os.tmpdir(), 'broadsheet-ingest-test-'));
	temps.push(dir);
	for (const [name, content] of Object.entries(files)) {
		await fs.mkdir(path.dirname(path.join(dir, name)), { recursive: true });
		await fs.writeFile(path.join(dir, name), content);
	}
	return dir;
}

const article = (title: string, body: string) => `${title}\n\n${body}\n`;
const LONG_BODY = Array.from({ length: 12 }, (_, i) => `Paragraph ${i + 1} of the story reports that the council met on Monday and agreed the plan for the harbour, the bridge and the new school in a long session.`).join('\n\n');

function problemFor(result: IngestResult, file: string) {
	return result.problems.find((p) => p.file === file);
}

test('every file becomes a page or a named problem, and nothing throws', async () => {
	const dir = await makeDir({
		'good.txt': article('A good article', 'It has a body.'),
		'empty.txt': '',
		'blank.txt': ' \n\n \t\n',
		'title-only.txt': 'Only a title\n',
		'boilerplate-only.txt': 'Share:\nRelated News\n',
		'binary.txt': new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0, 0, 0, 0, 1, 2, 3]),
		'notes.docx': 'not an article',
		'README.md': '# Readme\n\nAbout this folder.\n',
		'name with spaces.txt': article('Spaces in the name', 'Still read.'),
		'café-é.txt': article('Accented name', 'Also read fine.'),
		'sub/nested.md': '---\ntitle: Nested\n---\n\nBody of the nested article.\n',
	});
	const result = await ingestDirectory(dir);
	const pages = new Set(result.articles.map((a) => a.file));
	const problems = new Map(result.problems.map((p) => [p.file, p]));
	for (const file of ['good.txt', 'name with spaces.txt', 'café-é.txt', 'sub/nested.md']) assert.ok(pages.has(file), `${file} should get a page`);
	const expected: Record<string, string> = {
		'empty.txt': 'empty',
		'blank.txt': 'empty',
		'title-only.txt': 'title-only',
		'boilerplate-only.txt': 'boilerplate-only',
		'binary.txt': 'binary',
		'notes.docx': 'not-an-article-file',
		'README.md': 'not-an-article-file',
	};
	for (const [file, kind] of Object.entries(expected)) {
		assert.equal(problems.get(file)?.kind, kind, `${file} should be a ${kind} problem`);
		assert.ok(problems.get(file)!.message.length > 20, 'problems explain themselves');
	}
	assert.equal(pages.size + problems.size, 11);
});

test('hidden files are not read and symlinks out of the folder are refused', async (t) => {
	const outside = await makeDir({ 'secret.txt': article('Secret', 'Must not be published.') });
	const dir = await makeDir({ 'inside.txt': article('Inside', 'Published.'), '.hidden.txt': article('Hidden', 'Not read.') });
	try {
		await fs.symlink(path.join(outside, 'secret.txt'), path.join(dir, 'link.txt'));
		await fs.symlink(outside, path.join(dir, 'linked-folder'));
		await fs.symlink(path.join(dir, 'inside.txt'), path.join(dir, 'alias.txt'));
		await fs.symlink(dir, path.join(dir, 'loop'));
	} catch (error) {
		// Only a file system that forbids links (EPERM: Windows without developer mode, some mounts) skips; any other error fails.
		if ((error as NodeJS.ErrnoException).code !== 'EPERM') throw error;
		t.skip(`symbolic links are not permitted here (EPERM: operation not permitted in ${os.tmpdir()}), so this case is untested`);
		return;
	}
	const result = await ingestDirectory(dir);
	assert.deepEqual(result.articles.map((a) => a.title).sort(), ['Inside']);
	assert.ok(!JSON.stringify(result).includes('Must not be published'));
	assert.equal(problemFor(result, 'link.txt')?.kind, 'outside-folder');
	assert.equal(problemFor(result, 'linked-folder')?.kind, 'outside-folder');
	assert.equal(problemFor(result, 'alias.txt')?.kind, 'duplicate', 'a link to an in-folder file is skipped, not published twice');
	assert.equal(problemFor(result, '.hidden.txt')?.kind, 'hidden', 'hidden files are named, not read');
	assert.equal(problemFor(result, 'loop')?.kind, 'symlink-loop');
	assert.ok(!result.articles.some((a) => a.title === 'Hidden'));
});

test('a 5 MB article is ingested and a 1 MB single line becomes a problem', async () => {
	const big = `Big article\n\n${`${'word '.repeat(200).trim()}.\n\n`.repeat(5 * 1024)}`;
	const line = `${'x'.repeat(1024 * 1024)}\n`;
	const dir = await makeDir({ 'big.txt': big, 'line.txt': line });
	// No time limit here: a slow machine must not fail a unit test. A hang on such files is caught
	// by the hostile-input build (the same 5 MB and 1 MB-line cases) and its build time limit.
	const result = await ingestDirectory(dir);
	assert.equal(result.articles.find((a) => a.file === 'big.txt')?.wordCount, 200 * 5 * 1024);
	assert.equal(problemFor(result, 'line.txt')?.kind, 'title-only');
});

test('exact and near-duplicate bodies fold into one page and are reported', async () => {
	const near = LONG_BODY.replace('Paragraph 7 of the story', 'Paragraph seven of this story');
	const dir = await makeDir({
		'a.txt': article('First headline', LONG_BODY),
		'b.txt': article('Another headline entirely', LONG_BODY),
		'c.txt': `Third headline\nThird headline\nShare:\n\n${LONG_BODY}\n\nSome related story\n\nJoin NewsTrack Whatsapp group\nRelated News\n`,
		'd.txt': article('Near copy', near),
		'e.txt': article('Unrelated', 'A different story about the weather, with nothing in common at all.'),
	});
	const result = await ingestDirectory(dir);
	const keeper = result.articles.find((a) => a.file === 'a.txt');
	assert.deepEqual(keeper?.duplicates, ['b.txt', 'c.txt', 'd.txt']);
	assert.equal(problemFor(result, 'b.txt')?.kind, 'duplicate');
	assert.equal(problemFor(result, 'c.txt')?.kind, 'duplicate');
	assert.equal(problemFor(result, 'd.txt')?.kind, 'near-duplicate');
	assert.ok(result.articles.some((a) => a.file === 'e.txt'));
	assert.equal(result.articles.length, 2);
});

test('a brief kept whole for want of text hands its later lines to the related list when they name other articles', async () => {
	const brief = 'Globex lifts payout\nGlobex lifts payout\nShare:\n\nQtly div 12 cts vs 10 cts\n\nPay May 1\n\nInitech names new chief\n\nJoin NewsTrack Whatsapp group\nRelated News\n';
	const dir = await makeDir({
		'brief.txt': brief,
		'other.txt': article('Initech names new chief', 'Initech named a new chief executive on Tuesday.'),
		'alone.txt': brief.replaceAll('Globex', 'Umbrella').replace('Initech names new chief', 'Vandelay opens new plant'),
	});
	const result = await ingestDirectory(dir);
	const settled = result.articles.find((a) => a.file === 'brief.txt')!;
	assert.deepEqual(settled.paragraphs, ['Qtly div 12 cts vs 10 cts', 'Pay May 1']);
	assert.deepEqual(settled.sourceRelated, ['Initech names new chief']);
	assert.ok(!settled.summary.includes('Initech'));
	// Nothing in the corpus confirms the last line is a headline: it stays body.
	const alone = result.articles.find((a) => a.file === 'alone.txt')!;
	assert.deepEqual(alone.paragraphs, ['Qtly div 12 cts vs 10 cts', 'Pay May 1', 'Vandelay opens new plant']);
	assert.deepEqual(alone.sourceRelated, []);
	assert.equal(result.problems.filter((p) => p.severity === 'error').length, 0);
});

test('reports that share a template but not their facts keep their own pages; a re-publication folds', async () => {
	const report = (amount: string, rate: string) =>
		`The central bank entered the money market to add ${amount} billion dlrs of temporary reserves through customer repurchase agreements, a spokesman said.\n\nDealers said overnight funds were trading at ${rate} pct when the bank began its indirect supply of reserves to the banking system, a move most of them had expected.\n\nThe agreements are the bank's usual way of adding reserves for a few days at a time without buying securities outright, and dealers watch them for signs of its policy.`;
	const ninth = report('2.5', '6-1/8');
	const dir = await makeDir({
		'01.txt': article('CENTRAL BANK ADDS RESERVES', `NEW YORK, March 9 - ${ninth}`),
		'02.txt': article('CENTRAL BANK ADDS RESERVES', `NEW YORK, March 20 - ${report('1.5', '6-1/4')}`),
		// The same words as 01 on another day: only the dateline tells them apart.
		'03.txt': article('CENTRAL BANK ADDS RESERVES', `NEW YORK, March 23 - ${ninth}`),
		// 01 re-published with a word changed, and updated with a paragraph (and its facts) added.
		'04.txt': article('Central bank adds reserves', `NEW YORK, March 9 - ${ninth.replace('most of them', 'most dealers')}`),
		'06.txt': article('Central bank adds reserves (update)', `NEW YORK, March 9 - ${ninth}\n\nThe bank last added reserves on March 5.`),
		// 01 once more, without its dateline: agrees with 01, not with 02 or 03.
		'05.txt': article('Bank adds reserves', ninth),
	});
	const result = await ingestDirectory(dir);
	const pages = Object.fromEntries(result.articles.map((a) => [a.file, a.duplicates]));
	assert.deepEqual(pages, { '01.txt': ['04.txt', '05.txt', '06.txt'], '02.txt': [], '03.txt': [] });
	assert.equal(problemFor(result, '04.txt')?.kind, 'near-duplicate');
	assert.match(problemFor(result, '04.txt')!.message, /no number or date changed/);
	assert.equal(problemFor(result, '05.txt')?.kind, 'duplicate');
});

test('slugs are readable, unique, safe and stable across rebuilds', async () => {
	const dir = await makeDir({
		'one.txt': article('Same Title', 'Body one is here.'),
		'two.txt': article('Same Title', 'Body two is different.'),
		'three.txt': article('../../etc/passwd', 'Tricky title.'),
		'four.txt': article('🎉🎉', 'Emoji title.'),
		'five.txt': article('東京の天気', 'Japanese title.'),
	});
	const first = await ingestDirectory(dir);
	const slugs = first.articles.map((a) => a.slug);
	assert.equal(new Set(slugs).size, slugs.length);
	for (const slug of slugs) assert.match(slug, /^[a-z0-9]+(?:-[a-z0-9]+)*$/);
	const bySlug = new Map(first.articles.map((a) => [a.file, a.slug]));
	assert.equal(bySlug.get('one.txt'), 'same-title');
	assert.match(bySlug.get('two.txt')!, /^same-title-[0-9a-f]{6}$/);
	assert.equal(bySlug.get('three.txt'), 'etc-passwd');
	const second = await ingestDirectory(dir);
	assert.deepEqual(second.articles.map((a) => [a.file, a.slug]), first.articles.map((a) => [a.file, a.slug]));
});

test('the parse cache gives identical results and survives corruption', async () => {
	const dir = await makeDir({ 'a.txt': article('Cached article', 'Body.'), 'b.txt': '', 'c.md': '# Markdown\n\nRendered **once**.\n' });
	const cacheDir = await makeDir({});
	const cold = await ingestDirectory(dir, { cacheDir });
	const cacheFile = path.join(cacheDir, 'ingest-cache.ndjson');
	assert.ok((await fs.stat(cacheFile)).size > 0, 'the cache is written');
	const warm = await ingestDirectory(dir, { cacheDir });
	assert.deepEqual(warm, cold);
	await fs.writeFile(cacheFile, '{"key": broken');
	assert.deepEqual(await ingestDirectory(dir, { cacheDir }), cold);
	await fs.writeFile(cacheFile, JSON.stringify({ key: 'stale', entries: { x: { ok: true } } }));
	assert.deepEqual(await ingestDirectory(dir, { cacheDir }), cold);
	// A good key line followed by a damaged entry line: the whole file is ignored, not half-read.
	await ingestDirectory(dir, { cacheDir });
	const [keyLine] = (await fs.readFile(cacheFile, 'utf8')).split('\n');
	await fs.writeFile(cacheFile, `${keyLine}\n["a", {"ok": tr\n`);
	assert.deepEqual(await ingestDirectory(dir, { cacheDir }), cold);
});

test('a missing content folder is a clear error', async () => {
	await assert.rejects(ingestDirectory(path.join(os.tmpdir(), 'broadsheet-no-such-folder-xyz')), /does not exist.*NEWS_CONTENT_DIR/);
});

test('a short line closing many articles is dropped as furniture, whatever its wording', async () => {
	const files: Record<string, string> = {};
	for (let i = 0; i < 6; i++) files[`a${i}.txt`] = article(`Story number ${i}`, `Distinct body text number ${i} about topic ${i * 7}.\n\nSubscribe to The Daily Planet`);
	files['keep.txt'] = article('Keeps its line', 'Only this story mentions the Daily Planet.');
	const dir = await makeDir(files);
	const result = await ingestDirectory(dir);
	for (const a of result.articles) assert.ok(!a.paragraphs.includes('Subscribe to The Daily Planet'), a.file);
	const warnings = result.problems.filter((p) => p.kind === 'repeated-line');
	assert.equal(warnings.length, 1);
	assert.match(warnings[0]!.message, /"Subscribe to The Daily Planet" starts or ends 6 articles/);
	const off = await ingestDirectory(dir, { repeatedLineMinFiles: 0 });
	assert.ok(off.articles.every((a) => a.file === 'keep.txt' || a.paragraphs.includes('Subscribe to The Daily Planet')));
});

test('parsing on worker threads gives the same result as in-thread parsing', async () => {
	const files: Record<string, string> = {};
	for (let i = 0; i < 1600; i++) files[`f${String(i).padStart(4, '0')}.${i % 50 === 0 ? 'md' : 'txt'}`] = article(`Headline number ${i}`, `Body of story ${i} with words ${i * 3} and ${i * 7}.\n\nSecond paragraph ${i}.`);
	files['bad.txt'] = '';
	const dir = await makeDir(files);
	const inThread = await ingestDirectory(dir, { workers: 1 });
	const threaded = await ingestDirectory(dir, { workers: 2 });
	assert.deepEqual(threaded, inThread);
	assert.equal(inThread.articles.length, 1600);
});

test('worker threads start and parse (no silent fallback)', async () => {
	const { parseInWorkers } = await import('../../../src/lib/ingest/parse-in-workers.ts');
	const { defaultBoilerplate } = await import('../../../src/lib/ingest/boilerplate.ts');
	const jobs = Array.from({ length: 5 }, (_, i) => ({ file: `a${i}.txt`, bytes: new TextEncoder().encode(`Title ${i}\n\nBody ${i}.\n`) }));
	const outcomes = await parseInWorkers(jobs, defaultBoilerplate, undefined, 2);
	assert.deepEqual(outcomes?.map((o) => (o.ok === true ? o.article.title : o.ok === false ? o.kind : 'items')), ['Title 0', 'Title 1', 'Title 2', 'Title 3', 'Title 4']);
});
