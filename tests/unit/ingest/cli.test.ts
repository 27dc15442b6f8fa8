/**
 * The ingest CLI end to end: summary text, `--json` contract, `--strict` exit code.
 * Runs `scripts/ingest.ts` on tests/fixtures/ingest-corpus/ with the same Node.
 */
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { promises as fs } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { test } from 'node:test';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('../../../', import.meta.url));
const corpus = path.join(root, 'tests/fixtures/ingest-corpus');

function run(...args: string[]) {
	// A time limit far above the CLI's usual second, so a hang fails instead of stalling the suite.
	const result = spawnSync(process.execPath, [path.join(root, 'scripts/ingest.ts'), corpus, '--no-cache', ...args], { cwd: root, encoding: 'utf8', timeout: 300_000, env: { ...process.env, BASE_PATH: '/news/' } });
	if (result.error) throw new Error(`scripts/ingest.ts ${args.join(' ')} did not finish (limit 300 s): ${result.error.message}\n${result.stdout}${result.stderr}`);
	return result;
}

test('prints the summary and every problem; exit 0 without --strict', () => {
	const result = run();
	assert.equal(result.status, 0, result.stderr);
	assert.match(result.stdout, /3 articles, 1 duplicates folded, 1 errors, 1 warnings/);
	assert.match(result.stdout, /error empty\.txt: is empty/);
	assert.match(result.stdout, /warning ferry\.txt: has the same body as ferry copy\.txt/);
});

test('--strict exits non-zero when there are errors', () => {
	assert.equal(run('--strict').status, 1);
});

test('--json writes the documented shape with whole Article objects', async () => {
	const out = path.join(await fs.mkdtemp(path.join(os.tmpdir(), 'broadsheet-cli-')), 'ingest.json');
	const result = run('--json', out);
	assert.equal(result.status, 0, result.stderr);
	const data = JSON.parse(await fs.readFile(out, 'utf8')) as { articles: Record<string, unknown>[]; problems: Record<string, unknown>[] };
	const ferry = data.articles.find((a) => a.file === 'ferry copy.txt')!;
	for (const key of ['file', 'slug', 'url', 'title', 'date', 'summary', 'paragraphs', 'dateline', 'sourceRelated', 'duplicates']) assert.ok(key in ferry, `articles[].${key}`);
	assert.equal(ferry.url, `/news/articles/${ferry.slug}/`);
	assert.deepEqual(ferry.duplicates, ['ferry.txt']);
	assert.equal(data.articles.find((a) => a.file === 'park.md')?.date, '2024-03-03');
	assert.equal(data.articles.find((a) => a.file === 'section/library.txt')?.title, 'Library extends opening hours');
	assert.deepEqual(Object.keys(data.problems[0]!).slice(0, 3), ['file', 'severity', 'message']);
	await fs.rm(path.dirname(out), { recursive: true, force: true });
});

test('bad usage exits 2 with a hint', () => {
	const result = spawnSync(process.execPath, [path.join(root, 'scripts/ingest.ts'), '--bogus'], { cwd: root, encoding: 'utf8' });
	assert.equal(result.status, 2);
	assert.match(result.stderr, /unknown option --bogus\nUsage:/);
});
