/**
 * `npm run eval:import -- DIR [--show]`: measures the import of saved pages, feeds and
 * web archives and prints Markdown tables.
 *
 * DIR is either a folder of page cases (each `<case>/source.html` with Readability's
 * `expected.html` and `expected-metadata.json`), or a folder holding `html/`, `feeds/`
 * and `warc/` (like the import samples).
 *
 * Pages, per case (each page extracted on its own, as the ingest does):
 * - title: equal to the expected title (whitespace collapsed);
 * - byline: found, on the pages whose metadata states one (and equal, case and "By " aside);
 * - date: found where the expected metadata has `publishedTime`, and the same day;
 * - body F1: word 3-shingle (multiset) precision/recall/F1 of our paragraphs against the
 *   text of `expected.html`. `--show` prints each page's numbers.
 * Feeds and archives, per file: articles made, problems by kind, and whether it crashed
 * (an exception escaping the importer; the promise is that none ever does).
 */
import { promises as fs, existsSync } from 'node:fs';
import path from 'node:path';
import { parseHTML } from 'linkedom';
import { decodeMarkupBytes } from '../src/lib/ingest/decode-markup.ts';
import { extractHtmlArticle } from '../src/lib/ingest/extract-html.ts';
import { importArchive } from '../src/lib/ingest/import-archive.ts';
import { importFeed } from '../src/lib/ingest/import-feed.ts';
import { isArchiveFile, isFeedFile } from '../src/lib/ingest/import-file.ts';
import { parseFileBytes } from '../src/lib/ingest/parse-file.ts';
import { ParseCache } from '../src/lib/ingest/parse-cache.ts';
import { extractWords } from '../src/lib/ingest/normalize-text.ts';

const args = process.argv.slice(2);
const dir = args.find((a) => !a.startsWith('--'));
const show = args.includes('--show');
if (!dir) {
	console.error('Usage: npm run eval:import -- DIR [--show]   (DIR: page cases, or a folder with html/, feeds/, warc/)');
	process.exit(2);
}

const squash = (s: string | null | undefined) => (s ?? '').replace(/\s+/g, ' ').trim();
const SHINGLE = 3;

function shingles(words: readonly string[]): Map<string, number> {
	const out = new Map<string, number>();
	for (let i = 0; i + SHINGLE <= words.length; i++) {
		const key = words.slice(i, i + SHINGLE).join(' ');
		out.set(key, (out.get(key) ?? 0) + 1);
	}
	return out;
}

/** Multiset shingle precision, recall and F1 of `got` against `want`. */
export function shingleF1(got: readonly string[], want: readonly string[]): { p: number; r: number; f1: number } {
	const a = shingles(got);
	const b = shingles(want);
	let common = 0;
	for (const [k, n] of a) common += Math.min(n, b.get(k) ?? 0);
	const na = [...a.values()].reduce((x, y) => x + y, 0);
	const nb = [...b.values()].reduce((x, y) => x + y, 0);
	const p = na ? common / na : nb ? 0 : 1;
	const r = nb ? common / nb : 1;
	return { p, r, f1: p + r ? (2 * p * r) / (p + r) : 0 };
}

const words = (text: string) => extractWords(text.toLowerCase());

/** Text of an HTML fragment with blocks kept apart (a space before every tag). */
function htmlText(html: string): string {
	const { document } = parseHTML(`<!doctype html><html><body>${html.replace(/</g, ' <')}</body></html>`);
	return document.body?.textContent ?? '';
}

const normByline = (s: string | null | undefined) => squash(s).replace(/^by\s+/i, '').toLowerCase();

async function evalPages(pagesDir: string): Promise<void> {
	const cases = (await fs.readdir(pagesDir, { withFileTypes: true })).filter((d) => d.isDirectory() && existsSync(path.join(pagesDir, d.name, 'source.html'))).map((d) => d.name).sort();
	let titles = 0, bylineStated = 0, bylineFound = 0, bylineEqual = 0, dateStated = 0, dateFound = 0, refused = 0;
	const f1s: number[] = [], ps: number[] = [], rs: number[] = [];
	const rows: string[] = [];
	const started = performance.now();
	for (const name of cases) {
		const caseDir = path.join(pagesDir, name);
		const meta = JSON.parse(await fs.readFile(path.join(caseDir, 'expected-metadata.json'), 'utf8')) as { title?: string; byline?: string | null; publishedTime?: string | null };
		const expected = words(htmlText(await fs.readFile(path.join(caseDir, 'expected.html'), 'utf8')));
		if (meta.byline) bylineStated++;
		if (meta.publishedTime) dateStated++;
		let article;
		try {
			article = extractHtmlArticle(decodeMarkupBytes(await fs.readFile(path.join(caseDir, 'source.html'))).text);
		} catch (error) {
			refused++;
			f1s.push(0); ps.push(0); rs.push(0);
			rows.push(`| ${name} | refused: ${(error as Error).message} | | | | |`);
			continue;
		}
		const titleOk = squash(article.title) === squash(meta.title);
		if (titleOk) titles++;
		if (meta.byline && article.author) {
			bylineFound++;
			if (normByline(article.author) === normByline(meta.byline)) bylineEqual++;
		}
		const dateOk = !!meta.publishedTime && article.date === meta.publishedTime.slice(0, 10);
		if (dateOk) dateFound++;
		const score = shingleF1(words(article.paragraphs.join('\n')), expected);
		f1s.push(score.f1); ps.push(score.p); rs.push(score.r);
		rows.push(`| ${name} | ${titleOk ? 'yes' : `no: "${article.title}"`} | ${article.author ?? '—'} | ${article.date ?? '—'} | ${score.p.toFixed(3)} / ${score.r.toFixed(3)} | ${score.f1.toFixed(3)} |`);
	}
	const mean = (xs: number[]) => (xs.length ? xs.reduce((a, b) => a + b, 0) / xs.length : 0);
	const pct = (n: number, d: number) => (d ? `${((100 * n) / d).toFixed(1)}% (${n}/${d})` : '—');
	console.log(`## Pages: ${pagesDir} (${cases.length} cases, ${((performance.now() - started) / 1000).toFixed(1)} s)\n`);
	console.log('| metric | value |\n| --- | --- |');
	console.log(`| title right | ${pct(titles, cases.length)} |`);
	console.log(`| byline found where stated | ${pct(bylineFound, bylineStated)} |`);
	console.log(`| byline equal to Readability's | ${pct(bylineEqual, bylineStated)} |`);
	console.log(`| date found where stated (same day) | ${pct(dateFound, dateStated)} |`);
	console.log(`| body precision (3-shingles) | ${mean(ps).toFixed(3)} |`);
	console.log(`| body recall | ${mean(rs).toFixed(3)} |`);
	console.log(`| body F1 (mean, a refused page scores 0) | ${mean(f1s).toFixed(3)} |`);
	const accepted = f1s.filter((_, i) => !rows[i]!.includes('| refused:'));
	console.log(`| body F1 (mean over pages not refused) | ${mean(accepted).toFixed(3)} |`);
	console.log(`| body F1 (median) | ${[...f1s].sort((a, b) => a - b)[Math.floor(f1s.length / 2)]?.toFixed(3)} |`);
	console.log(`| pages refused | ${refused} |`);
	if (show) {
		console.log('\n| case | title right | byline | date | P / R | F1 |\n| --- | --- | --- | --- | --- | --- |');
		for (const row of rows) console.log(row);
	}
}

/** One row per feed or archive: articles made, items or records that failed, problems by kind, and crashes. */
async function evalFiles(label: string, folder: string): Promise<void> {
	const names = (await fs.readdir(folder)).filter((n) => !n.startsWith('.')).sort();
	console.log(`\n## ${label}: ${folder} (${names.length} files)\n`);
	console.log('| file | articles | failed items | problems (kind: count) | crashed |\n| --- | --- | --- | --- | --- |');
	let articles = 0, crashed = 0, named = 0;
	for (const name of names) {
		const file = path.join(folder, name);
		const kinds = new Map<string, number>();
		const count = (kind: string) => kinds.set(kind, (kinds.get(kind) ?? 0) + 1);
		let made = 0, failed = 0, crash = '';
		try {
			if (isArchiveFile(name) || isFeedFile(name)) {
				// Read as the ingest reads them: streamed, one article per record or item.
				const read = isArchiveFile(name) ? importArchive : importFeed;
				const result = await read(file, { cache: await ParseCache.open(undefined, 'eval'), parseOptions: {} });
				for (const item of result.items) if (item.outcome.ok === true) made++; else (failed++, count(item.outcome.kind));
				for (const p of result.problems) count(p.kind);
			} else {
				const outcome = parseFileBytes(name, await fs.readFile(file));
				if (outcome.ok === 'items') {
					for (const { outcome: o } of outcome.items) if (o.ok) made++; else (failed++, count(o.kind));
					for (const w of outcome.warnings) count(w.kind);
				} else if (outcome.ok) {
					made++;
					for (const w of outcome.warnings) count(w.kind);
				} else count(outcome.kind);
			}
		} catch (error) {
			crash = (error as Error).message;
			crashed++;
		}
		articles += made;
		if (!made && kinds.size) named++;
		const problems = [...kinds].map(([k, n]) => `${k}: ${n}`).join(', ') || '—';
		console.log(`| ${name} | ${made} | ${failed} | ${problems} | ${crash ? `yes: ${crash}` : 'no'} |`);
	}
	console.log(`\n${names.length} files: ${articles} articles, ${names.length - named - crashed} files imported, ${named} files gave only named problems, ${crashed} crashed.`);
}

const root = path.resolve(dir);
if (existsSync(path.join(root, 'html'))) await evalPages(path.join(root, 'html'));
else if (!existsSync(path.join(root, 'feeds')) && !existsSync(path.join(root, 'warc'))) await evalPages(root);
if (existsSync(path.join(root, 'feeds'))) await evalFiles('Feeds', path.join(root, 'feeds'));
if (existsSync(path.join(root, 'warc'))) await evalFiles('Web archives', path.join(root, 'warc'));
