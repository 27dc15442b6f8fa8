/**
 * `node scripts/bench-corpus.ts DIR [--copies N]`
 *
 * Times the corpus cross-link steps (entities, related, stories, topics,
 * entity pages, source headlines) on a large corpus made in memory: the
 * articles of DIR are ingested once and replicated N times (default 100), each
 * copy with a changed headline and first sentence and its own slug. Prints a
 * Markdown table with wall time, CPU time (robust when the machine is busy) and
 * peak RSS (process high-water mark) after each step. Run it with `--expose-gc` for steadier memory figures.
 */
import { ingestDirectory } from '../src/lib/ingest/ingest-directory.ts';
import type { IngestedArticle } from '../src/lib/ingest/types.ts';
import { linkCorpusInParallel } from '../src/lib/build-corpus.ts';
import { MIN_ARTICLES_FOR_WORKER } from '../src/lib/text-features.ts';

const args = process.argv.slice(2);
const dir = args.find((a) => !a.startsWith('--') && !/^\d+$/.test(a));
if (!dir) {
	console.error('Usage: node scripts/bench-corpus.ts DIR [--copies N]');
	process.exit(2);
}
const copiesArg = args.indexOf('--copies');
const copies = copiesArg >= 0 ? Number(args[copiesArg + 1]) : 100;

const peakMb = (): number => process.resourceUsage().maxRSS / 1024;

const { articles: base } = await ingestDirectory(dir);
/** Copy `k` of an article: new slug, file, headline and first sentence; same body otherwise. */
function replicate(a: IngestedArticle, k: number): IngestedArticle {
	if (k === 0) return a;
	const [first = '', ...rest] = a.paragraphs;
	return {
		...a,
		file: `copy-${k}/${a.file}`,
		slug: `${a.slug}-${k}`,
		digest: `${a.digest}-${k}`,
		title: `${a.title} (update ${k})`,
		paragraphs: [`Update ${k}: ${first}`, ...rest],
	};
}
const corpus: IngestedArticle[] = [];
for (let k = 0; k < copies; k++) for (const a of base) corpus.push(replicate(a, k));
corpus.sort((a, b) => (a.slug < b.slug ? -1 : a.slug > b.slug ? 1 : 0));
console.log(`${corpus.length} articles (${base.length} × ${copies}); peak RSS before linking ${peakMb().toFixed(0)} MB\n`);

const rows: string[] = [];
const started = performance.now();
const cpuStarted = process.cpuUsage();
const linked = await linkCorpusInParallel(corpus, {
	measure: (step, run) => {
		const t = performance.now();
		const cpu = process.cpuUsage();
		const result = run();
		const used = process.cpuUsage(cpu);
		rows.push(`| ${step} | ${((performance.now() - t) / 1000).toFixed(2)} | ${((used.user + used.system) / 1e6).toFixed(2)} | ${peakMb().toFixed(0)} |`);
		return result;
	},
	// Steps on the worker thread (the topics) and this thread's wait for them: wall time only.
	report: (step, ms) => rows.push(`| ${step} | ${(ms / 1000).toFixed(2)} | | |`),
});
const total = (performance.now() - started) / 1000;
const cpuTotal = process.cpuUsage(cpuStarted);
console.log('| step | wall s | CPU s | peak RSS (MB) |\n| --- | ---: | ---: | ---: |');
for (const row of rows) console.log(row);
if (corpus.length >= MIN_ARTICLES_FOR_WORKER) console.log('| (names, then topics: on a worker thread while this thread runs the other steps; CPU rows include both threads) | | | |');
console.log(`| **linkCorpus total** | **${total.toFixed(2)}** | **${((cpuTotal.user + cpuTotal.system) / 1e6).toFixed(2)}** | **${peakMb().toFixed(0)}** |`);
console.log(
	`\n${linked.stories.length} stories, ${linked.topics.length} topics, ${linked.people.length} people, ${linked.places.length} places, ${linked.organizations.length} organisations; ` +
		`${linked.articles.filter((a) => a.related.length > 0).length} articles with related news.`,
);
