/**
 * Benchmark results → the Markdown tables committed in `bench-results/` and shown in the README.
 */
import { describeCorpus, formatSideBySide } from './format-peers.ts';
import { cpuPerWall, gb, kb, load, mb, sec as s } from './format-units.ts';
import type { DistFigures } from './measure-dist.ts';
import type { SearchFigures } from './measure-search.ts';
import type { ReplicaSummary } from './replicate-corpus.ts';
import type { PeerComparison } from './run-peers.ts';
import type { IngestSummary } from './run-measured.ts';

/** One measured build. */
export interface BuildFigure {
	wallMs: number;
	/** CPU of the whole process tree, ms (see `Measured.cpuMs`). */
	cpuMs: number | null;
	/** The two CPU figures it is the larger of: `/usr/bin/time` (waited-for processes) and per-process samples. */
	cpuSources?: { waitedMs: number | null; sampledMs: number };
	peakRssBytes: number;
	/** Stage → wall ms, from the build's `[timing]` lines and Astro's own. */
	stages: Record<string, number>;
	/** 1-minute load average of the machine before and after the build. */
	loadAverage?: number[];
	/** CPU ms that other processes used while the build ran (from /proc/stat; null off Linux). */
	backgroundCpuMs?: number | null;
	/** How long the bench waited for idle CPUs before the build, ms (only when comparing with peers). */
	waitedForIdleMs?: number;
	/** Attempts made (a build compared with peers is redone when other processes competed with it). */
	attempts?: number;
	/** True when every attempt competed with other processes (the least disturbed one is reported). */
	contended?: boolean;
	/** Every attempt: wall, CPU, and the CPU others used meanwhile, ms. */
	tried?: { wallMs: number; cpuMs: number | null; backgroundCpuMs: number | null }[];
	/** The ingest's summary line: article pages, duplicates folded, problems. */
	ingest?: IngestSummary | null;
}

/** Everything measured at one corpus size. */
export interface SizeResult {
	/** Articles in the replicated corpus (files). */
	articles: number;
	/** How the corpus was made: real articles and replicated copies, by source. */
	corpus?: ReplicaSummary;
	/** The peers' benchmark on the same folder, right after the cold build. */
	peers?: PeerComparison | null;
	/** With `--rounds N`: every round's cold build and peer runs, the first being `cold` and `peers`. */
	rounds?: BenchRound[];
	/** When this size was measured (ISO). */
	measuredAt: string;
	cold: BuildFigure;
	noChange: BuildFigure | null;
	/** No-change rebuild with `--rebuild` (the whole-build skip bypassed). */
	noChangeForced?: BuildFigure | null;
	oneChange: BuildFigure | null;
	dist: DistFigures;
	search: SearchFigures | null;
	/** The same search API queries on each peer's site (no search page there). */
	peerSearch?: { peer: string; tool: string; search: SearchFigures }[];
}

/** One round of the side-by-side comparison: Broadsheet's cold build and the peers', one after the other. */
export interface BenchRound {
	/** Which ran first: the machine's speed drifts, and the first build of a pair measured slower. */
	order: 'broadsheet-first' | 'peers-first';
	/** Broadsheet's cold build, wall ms. */
	broadsheetWallMs: number;
	/** Each peer's build + search index, wall ms. */
	peers: { peer: string; name: string; wallMs: number }[];
}

/** A whole results file. */
export interface BenchResults {
	machine: { cpu: string; cores: number; memoryGb: number; os: string; node: string; note: string };
	sizes: SizeResult[];
}

/** Stages shown as columns, in pipeline order. */
export const STAGE_ORDER = ['fingerprint', 'ingest', 'entities', 'term-vectors', 'neighbours', 'event-vectors', 'related', 'stories', 'topics', 'entity-pages', 'source-headlines', 'corpus', 'store', 'vite', 'render', 'pagefind', 'pagefind-rest', 'pagefind-write', 'astro', 'total'];

const pct = (part: number | undefined, whole: number) => (part == null ? '' : ` (${Math.round((100 * part) / whole)}%)`);
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)] ?? 0;
const range = (xs: number[], f: (x: number) => string) => (xs.length ? `${f(Math.min(...xs))}–${f(Math.max(...xs))} (median ${f(median(xs))})` : '–');

/** Renders the results as Markdown. */
export function formatResults(results: BenchResults): string {
	const { machine, sizes } = results;
	const lines: string[] = [];
	lines.push(`Machine: ${machine.cpu}, ${machine.cores} cores, ${machine.memoryGb} GB RAM, ${machine.os}, Node ${machine.node}. ${machine.note}`.trim(), '');
	const sideBySide = formatSideBySide(sizes);
	if (sideBySide) lines.push(sideBySide);
	lines.push('Each build: wall time / CPU time of the whole process tree (percent: wall time of the cold build). CPU / wall: of the cold build (2 cores: 2.0 would be both busy throughout). Load: the machine\'s 1-minute load average around the cold build (2 cores; above 2, other work competed).', '');
	lines.push('| articles | pages | cold build | CPU / wall | cold peak RSS | load | no-change rebuild | no-change, forced (`--rebuild`) | one changed + one added | dist | search index | article page (gz HTML / CSS / JS) |');
	lines.push('| ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | --- |');
	const build = (f: BuildFigure | null | undefined, cold: BuildFigure) => (f ? `${s(f.wallMs)} / ${s(f.cpuMs)}${f === cold ? '' : pct(f.wallMs, cold.wallMs)}` : '–');
	for (const r of sizes) {
		const a = r.dist.articlePage;
		lines.push(
			`| ${r.articles.toLocaleString('en')} | ${r.dist.pages.toLocaleString('en')} | ${build(r.cold, r.cold)} | ${cpuPerWall(r.cold.cpuMs, r.cold.wallMs)} | ${gb(r.cold.peakRssBytes)} | ${load(r.cold.loadAverage)} | ` +
				`${build(r.noChange, r.cold)} | ${build(r.noChangeForced, r.cold)} | ${build(r.oneChange, r.cold)} | ` +
				`${mb(r.dist.bytes)} in ${r.dist.files.toLocaleString('en')} files | ${mb(r.dist.searchBytes)} | ${a ? `${kb(a.htmlGz)} / ${kb(a.cssGz)} / ${kb(a.jsGz)}` : '–'} |`,
		);
	}
	lines.push('', `Corpora: ${sizes.map((r) => `${r.articles.toLocaleString('en')}: ${describeCorpus(r.corpus)}`).join('; ')}.`);
	const seen = new Set(sizes.flatMap((r) => Object.keys(r.cold.stages)));
	const stages = [...STAGE_ORDER.filter((st) => seen.has(st)), ...[...seen].filter((st) => !STAGE_ORDER.includes(st))];
	lines.push('', 'Cold build by stage (wall time; stages inside Astro overlap with search indexing, so they do not add up):', '');
	lines.push(`| articles | ${stages.join(' | ')} |`, `| ---: | ${stages.map(() => '---:').join(' | ')} |`);
	for (const r of sizes) lines.push(`| ${r.articles.toLocaleString('en')} | ${stages.map((st) => s(r.cold.stages[st])).join(' | ')} |`);
	const searched = sizes.filter((r) => r.search);
	if (searched.length) {
		lines.push('', 'Search in headless Chromium (Pagefind JS API timed in the page: `search()` plus the first five results\' data; first query in a fresh browser context, every request of page and search worker metered):', '');
		lines.push('| articles | site | first query | first query transfer | later queries |', '| ---: | --- | --- | --- | --- |');
		const row = (articles: number, site: string, { cold, warm }: SearchFigures) =>
			`| ${articles.toLocaleString('en')} | ${site} | ${range(cold.map((q) => q.resultsMs), (x) => `${x} ms`)} | ${range(cold.map((q) => q.transferBytes), kb)} | ${range(warm.map((q) => q.resultsMs), (x) => `${x} ms`)} |`;
		for (const r of searched) {
			lines.push(row(r.articles, 'Broadsheet', r.search!));
			for (const p of r.peerSearch ?? []) lines.push(row(r.articles, p.tool, p.search));
		}
		const paged = searched.filter((r) => r.search!.page);
		if (paged.length) {
			lines.push('', "Broadsheet's search page in headless Chromium, each query in a fresh browser context, to the first result shown (timed in the page):", '');
			lines.push('| articles | link to `search/?q=…`, from navigation | query typed on the loaded page |', '| ---: | --- | --- |');
			for (const r of paged) {
				const { link, typed } = r.search!.page!;
				lines.push(`| ${r.articles.toLocaleString('en')} | ${range(link.map((q) => q.ms), (x) => `${x} ms`)} | ${range(typed.map((q) => q.ms), (x) => `${x} ms`)} |`);
			}
		}
	}
	return lines.join('\n') + '\n';
}
