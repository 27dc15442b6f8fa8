/**
 * `npm run eval:ingest -- <dir> [--times N]`: measures the ingest against a labelled
 * corpus (`<dir>/labels.json`, format described in the dev corpus README) and
 * prints a Markdown table.
 *
 * Metrics, per labelled file (each file parsed on its own, before duplicates are folded):
 * - title exact match;
 * - related headlines: precision and recall of `sourceRelated` against `related_titles`;
 * - boilerplate leaked: body paragraphs equal to a chrome line (headline, "Share:",
 *   "Join … group", "Related News", or one of the file's related headlines);
 * - words lost: words of the source body (scraped: the text between the headline
 *   lines and "Share:" and the related block; plain: everything after the headline)
 *   missing from paragraphs + dateline (multiset difference); words added likewise;
 * - duplicates: labelled `duplicate_body_files` pairs that end in one group, and
 *   pairs grouped that the labels do not list.
 * Speed: the whole `ingestDirectory` run, cold (no cache) and warm (cache in a temp dir).
 * `--speed N` also copies the corpus N times into a temp folder outside the repo and
 * times `ingestDirectory` on it twice: as exact copies (all but one folded as
 * duplicates) and as distinct copies (every word of copy k gets a suffix, so nothing
 * folds and every article is rendered: the worst case).
 */
import { promises as fs } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { matchBoilerplate } from '../src/lib/ingest/boilerplate.ts';
import { ingestDirectory, parseDirectory, parseFileBytes } from '../src/lib/ingest/ingest-directory.ts';
import { extractWords, normalizeForCompare } from '../src/lib/ingest/normalize-text.ts';

interface Label {
	title: string;
	style: 'scraped' | 'plain';
	/** Absent in corpora without source related headlines (ECB+): read as none. */
	related_titles: string[];
	duplicate_body_files: string[];
}

const args = process.argv.slice(2);
const dir = args.find((a, i) => !a.startsWith('--') && args[i - 1] !== '--speed');
if (!dir) {
	console.error('Usage: npm run eval:ingest -- <dir-with-labels.json> [--speed N]');
	process.exit(2);
}
const corpusDir: string = dir;
let labels: Record<string, Label>;
try {
	labels = JSON.parse(await fs.readFile(path.join(dir, 'labels.json'), 'utf8')) as Record<string, Label>;
	for (const label of Object.values(labels)) {
		label.related_titles ??= [];
		label.duplicate_body_files ??= [];
	}
} catch (error) {
	console.error(`${path.join(dir, 'labels.json')}: cannot read the labels (${(error as Error).message}). Pass a folder that holds labels.json.`);
	process.exit(2);
}

/** The labelled source body of a file: see the module comment. */
function sourceBody(text: string, label: Label): string {
	const lines = text.split('\n');
	let start = 0;
	while (start < lines.length && (lines[start]!.trim() === label.title.trim() || (label.style === 'scraped' && lines[start]!.trim() === 'Share:'))) start++;
	let end = lines.length;
	if (label.style === 'scraped') {
		// Drop trailing blanks and chrome, then exactly the labelled related headlines.
		const chrome = new Set(['', 'Join NewsTrack Whatsapp group', 'Related News']);
		while (end > start && chrome.has(lines[end - 1]!.trim())) end--;
		for (let k = label.related_titles.length - 1; k >= 0; k--) {
			while (end > start && lines[end - 1]!.trim() === '') end--;
			if (lines[end - 1]!.trim() === label.related_titles[k]!.trim()) end--;
		}
	}
	return lines.slice(start, end).join('\n');
}

function multiset(words: readonly string[]): Map<string, number> {
	const m = new Map<string, number>();
	for (const w of words) m.set(w, (m.get(w) ?? 0) + 1);
	return m;
}

/** Occurrences in `a` not matched in `b`. */
function missing(a: Map<string, number>, b: Map<string, number>): number {
	let n = 0;
	for (const [w, c] of a) n += Math.max(0, c - (b.get(w) ?? 0));
	return n;
}

const { parsed } = await parseDirectory(dir);
// The parser alone (no corpus-level check of related blocks), to show what the corpus step adds.
let soloTp = 0;
let soloPredicted = 0;
for (const [file, label] of Object.entries(labels)) {
	const outcome = parseFileBytes(file, await fs.readFile(path.join(dir, file)));
	if (outcome.ok !== true) continue;
	const predicted = multiset(outcome.article.sourceRelated);
	soloTp += label.related_titles.length - missing(multiset(label.related_titles), predicted);
	soloPredicted += outcome.article.sourceRelated.length;
}
const byFile = new Map(parsed.map((p) => [p.file, p.article]));
let titlesOk = 0;
let relatedTp = 0;
let relatedPredicted = 0;
let relatedTruth = 0;
let leaked = 0;
let wordsLost = 0;
let wordsAdded = 0;
let sourceWords = 0;
let missingFiles = 0;
const failures: string[] = [];

for (const [file, label] of Object.entries(labels)) {
	const article = byFile.get(file);
	if (!article) {
		missingFiles++;
		failures.push(`${file}: no article parsed`);
		continue;
	}
	if (article.title === label.title) titlesOk++;
	else failures.push(`${file}: title ${JSON.stringify(article.title)} ≠ ${JSON.stringify(label.title)}`);

	const truth = multiset(label.related_titles);
	const predicted = multiset(article.sourceRelated);
	const tp = label.related_titles.length - missing(truth, predicted);
	relatedTp += tp;
	relatedPredicted += article.sourceRelated.length;
	relatedTruth += label.related_titles.length;
	if (tp !== label.related_titles.length || article.sourceRelated.length !== tp) {
		failures.push(`${file}: related ${JSON.stringify(article.sourceRelated)} ≠ ${JSON.stringify(label.related_titles)}`);
	}

	const chrome = new Set([label.title, 'Share:', ...label.related_titles].map(normalizeForCompare));
	for (const p of article.paragraphs) {
		if (chrome.has(normalizeForCompare(p)) || matchBoilerplate(p)) {
			leaked++;
			failures.push(`${file}: boilerplate in body: ${JSON.stringify(p.slice(0, 80))}`);
		}
	}

	const text = await fs.readFile(path.join(dir, file), 'utf8');
	const source = multiset(extractWords(sourceBody(text, label)));
	const output = multiset(extractWords([article.dateline ?? '', ...article.paragraphs].join('\n')));
	const lost = missing(source, output);
	const added = missing(output, source);
	for (const n of source.values()) sourceWords += n;
	wordsLost += lost;
	wordsAdded += added;
	if (lost || added) failures.push(`${file}: ${lost} body words lost, ${added} words added`);
}

// Duplicates and speed come from the full ingest, as the build runs it.
const started = performance.now();
const result = await ingestDirectory(dir);
const coldMs = performance.now() - started;
const cacheDir = await fs.mkdtemp(path.join(os.tmpdir(), 'broadsheet-eval-cache-'));
await ingestDirectory(dir, { cacheDir });
const warmStart = performance.now();
await ingestDirectory(dir, { cacheDir });
const warmMs = performance.now() - warmStart;
await fs.rm(cacheDir, { recursive: true, force: true });

/** Times ingestDirectory on `copies` copies of the corpus; `distinct` makes every copy's words unique. */
async function timeReplicated(copies: number, distinct: boolean): Promise<string> {
	const root = await fs.mkdtemp(path.join(os.tmpdir(), 'broadsheet-speed-'));
	try {
		const names = Object.keys(labels);
		for (let k = 0; k < copies; k++) {
			const sub = path.join(root, `copy-${k}`);
			await fs.mkdir(sub);
			for (const name of names) {
				let text = await fs.readFile(path.join(corpusDir, name), 'utf8');
				if (distinct && k > 0) text = text.replace(/\p{L}{2,}/gu, (w) => `${w}q${k}`);
				await fs.writeFile(path.join(sub, name), text);
			}
		}
		// Wall time and this process's CPU time: on a shared machine the CPU figure shows the ingest's own cost.
		const cpuMs = (since: NodeJS.CpuUsage) => {
			const u = process.cpuUsage(since);
			return (u.user + u.system) / 1000;
		};
		const c0 = process.cpuUsage();
		const t0 = performance.now();
		const cold = await ingestDirectory(root);
		const coldMs = performance.now() - t0;
		const coldCpu = cpuMs(c0);
		const cache = path.join(os.tmpdir(), `${path.basename(root)}-cache`);
		await ingestDirectory(root, { cacheDir: cache });
		const c1 = process.cpuUsage();
		const t1 = performance.now();
		await ingestDirectory(root, { cacheDir: cache });
		const warmMs = performance.now() - t1;
		const warmCpu = cpuMs(c1);
		await fs.rm(cache, { recursive: true, force: true });
		return `${names.length * copies} files → ${cold.articles.length} pages: cold ${coldMs.toFixed(0)} ms (CPU ${coldCpu.toFixed(0)} ms), warm cache ${warmMs.toFixed(0)} ms (CPU ${warmCpu.toFixed(0)} ms)`;
	} finally {
		await fs.rm(root, { recursive: true, force: true });
	}
}
const speedArg = args.indexOf('--speed');
const speedCopies = speedArg >= 0 ? Number(args[speedArg + 1] ?? 10) : 0;
const speedRows: [string, string, string, string][] = [];
if (speedCopies > 0) {
	speedRows.push([`ingestDirectory ×${speedCopies}, exact copies`, await timeReplicated(speedCopies, false), '', '≤ 5 s']);
	speedRows.push([`ingestDirectory ×${speedCopies}, distinct copies`, await timeReplicated(speedCopies, true), '', '≤ 5 s']);
}

const groupOf = new Map<string, string>();
for (const a of result.articles) {
	groupOf.set(a.file, a.file);
	for (const d of a.duplicates) groupOf.set(d, a.file);
}
const labelledPairs = new Set<string>();
for (const [file, label] of Object.entries(labels)) for (const other of label.duplicate_body_files) labelledPairs.add([file, other].sort().join(' + '));
let pairsFound = 0;
for (const pair of labelledPairs) {
	const [a, b] = pair.split(' + ') as [string, string];
	if (groupOf.get(a) !== undefined && groupOf.get(a) === groupOf.get(b)) pairsFound++;
	else failures.push(`duplicate pair not found: ${pair}`);
}
// Lost: a labelled file that is neither a page nor folded into one (a named problem is still lost).
const lostFiles = Object.keys(labels).filter((file) => !groupOf.has(file));
for (const file of lostFiles) failures.push(`${file}: lost (${result.problems.find((p) => p.file === file)?.message ?? 'no page, no problem'})`);
const extraPairs: string[] = [];
for (const a of result.articles) {
	for (const d of a.duplicates) {
		const pair = [a.file, d].sort().join(' + ');
		if (!labelledPairs.has(pair)) extraPairs.push(pair);
	}
}

const files = Object.keys(labels).length;
const pct = (n: number, d: number) => (d ? `${((100 * n) / d).toFixed(2)}%` : 'n/a');
const ratio = (n: number, d: number) => (d ? (n / d).toFixed(4) : 'n/a');
const rows: [string, string, string, string][] = [
	['Title exact match', `${titlesOk} / ${files}`, pct(titlesOk, files), '100%'],
	['Related headlines: precision', `${relatedTp} / ${relatedPredicted}`, ratio(relatedTp, relatedPredicted), '≥ 0.99'],
	['Related headlines: recall', `${relatedTp} / ${relatedTruth}`, ratio(relatedTp, relatedTruth), '≥ 0.99'],
	['Related, parser alone (no corpus check): P / R', `${soloTp} / ${soloPredicted} · ${soloTp} / ${relatedTruth}`, `${ratio(soloTp, soloPredicted)} / ${ratio(soloTp, relatedTruth)}`, ''],
	['Boilerplate lines leaked into bodies', String(leaked), '', '0'],
	['Body words lost', `${wordsLost} / ${sourceWords}`, pct(wordsLost, sourceWords), '0'],
	['Words added to bodies', String(wordsAdded), '', '0'],
	['Labelled duplicate pairs found', `${pairsFound} / ${labelledPairs.size}`, pct(pairsFound, labelledPairs.size), 'all'],
	['Extra duplicate pairs (not in labels)', String(extraPairs.length), extraPairs.join('; '), 'review'],
	['Files without an article', String(missingFiles), '', '0'],
	['Labelled articles lost (full ingest: no page, not folded)', String(lostFiles.length), '', '0'],
	['Pages / problems (full ingest)', `${result.articles.length} / ${result.problems.length}`, '', ''],
	['ingestDirectory time, cold / warm cache', `${coldMs.toFixed(0)} ms / ${warmMs.toFixed(0)} ms`, '', ''],
	...speedRows,
];
console.log(`Ingest evaluation of ${dir} (${files} labelled files); ${os.cpus().length} CPUs, load average ${os.loadavg().map((l) => l.toFixed(1)).join(' / ')}\n`);
console.log('| Metric | Count | Rate | Target |\n| --- | ---: | ---: | ---: |');
for (const r of rows) console.log(`| ${r.join(' | ')} |`);
if (failures.length) {
	console.log(`\n${failures.length} mismatches${failures.length > 40 ? ' (first 40)' : ''}:`);
	for (const f of failures.slice(0, 40)) console.log(`- ${f}`);
}
