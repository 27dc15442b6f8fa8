import assert from 'node:assert/strict';
import { promises as fs } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, it } from 'node:test';
import { describeCorpus, describePages, formatSideBySide, roundRatios, type SideBySideRow } from '../../../scripts/bench/format-peers.ts';
import { formatResults } from '../../../scripts/bench/format-results.ts';
import { backgroundCpuMs, parseBusyCpuMs } from '../../../scripts/bench/machine-load.ts';
import { interleaveSources, replicateCorpus, sourcePrefixes } from '../../../scripts/bench/replicate-corpus.ts';
import { parseIngestSummary } from '../../../scripts/bench/run-measured.ts';
import { readPeerResults } from '../../../scripts/bench/run-peers.ts';

const plain = (title: string) => `${title}\n\nThe council said on Monday that the new bridge over the river would open in the spring, after two years of work and a long dispute over its cost.\n`;

/** A results file shaped like the one `bench_peers.py` writes (one run, Eleventy only). */
function peersResults(overrides: { ok?: boolean; withoutRelated?: number } = {}) {
	const step = (wall: number, cpu: number, rss: number) => ({ wall_s: wall, rss_mb: rss, cpu_s: cpu, exit: 0, background_cpu_s: 0.4, waited_for_idle_s: 2.1, attempt: 1, contended: false });
	return {
		n: 1000,
		meta: { date: '2026-12-01T08:00:00Z', corpus_src: '/tmp/bench/corpus-1000', runs: 1, eleventy: '3.1.8', pagefind: 'pagefind 1.6.0', hugo: 'hugo not installed' },
		peers: {
			eleventy: {
				median: { build_s: 3.5, build_cpu_s: 4.75, build_rss_mb: 300, pagefind_s: 1.5, pagefind_cpu_s: 2.25, pagefind_rss_mb: 150, total_s: 5, peak_rss_mb: 300 },
				runs: [{ build: step(3.5, 4.75, 300), pagefind: step(1.5, 2.25, 150), total_s: 5 }],
				checks: {
					article_pages: 1000,
					html_files: 1702,
					articles_without_md: 0,
					pages_body_text_missing: 0,
					pages_title_missing: 0,
					pages_without_5_related: overrides.withoutRelated ?? 0,
					related_links_broken: 0,
					related_links_to_self: 0,
					pagefind_indexed_pages: 1000,
					ok: overrides.ok ?? true,
				},
			},
		},
	};
}

const dist = { pages: 2500, pagesBySection: { articles: 990, topics: 60, '/': 2, people: 700 }, files: 4000, searchFiles: 300, bytes: 30e6, searchBytes: 3e6, articlePage: null };

describe('bench sources', () => {
	it('names sources after their folders, numbering equal names', () => {
		assert.deepEqual(sourcePrefixes(['/data/bbc/dev', '/x/ecbplus', '/y/dev']), ['dev', 'ecbplus', 'dev2']);
	});
	it('interleaves several sources with prefixed names and keeps one source as it is', () => {
		const files = interleaveSources([
			{ dir: '/a', prefix: 'bbc', files: ['1.txt', '2.txt', '3.txt'] },
			{ dir: '/b', prefix: 'ecb', files: ['1.txt'] },
		]);
		assert.deepEqual(files.map((f) => f.name), ['bbc-1.txt', 'ecb-1.txt', 'bbc-2.txt', 'bbc-3.txt']);
		assert.deepEqual(interleaveSources([{ dir: '/a', prefix: 'bbc', files: ['1.txt'] }]).map((f) => f.name), ['1.txt']);
	});
	it('merges two folders without name clashes, copies only past their count, and carries their categories', async () => {
		const tmp = await fs.mkdtemp(path.join(os.tmpdir(), 'bench-sources-'));
		const [one, two] = [path.join(tmp, 'wire'), path.join(tmp, 'broadcast')];
		await fs.mkdir(one);
		await fs.mkdir(two);
		// The same file name in both folders must give two articles.
		await fs.writeFile(path.join(one, 'a.txt'), plain('Bridge opens in spring'));
		await fs.writeFile(path.join(one, 'b.txt'), plain('Rail fares rise again'));
		await fs.writeFile(path.join(two, 'a.txt'), plain('Storm closes ferry port'));
		await fs.writeFile(path.join(two, 'labels.json'), JSON.stringify({ 'a.txt': { category: 'weather' } }));

		const target = path.join(tmp, 'corpus');
		const three = await replicateCorpus({ source: [one, two], target, count: 3 });
		assert.equal(three.distinct, 3);
		assert.equal(three.copies, 0);
		assert.deepEqual(three.sources.map((s) => [s.prefix, s.available, s.distinct, s.copies]), [['wire', 2, 2, 0], ['broadcast', 1, 1, 0]]);
		const names = (await fs.readdir(target)).filter((n) => n.endsWith('.txt')).sort();
		assert.deepEqual(names, ['0-broadcast-a.txt', '0-wire-a.txt', '0-wire-b.txt']);
		assert.equal(await fs.readFile(path.join(target, '0-broadcast-a.txt'), 'utf8'), plain('Storm closes ferry port'));
		assert.deepEqual(JSON.parse(await fs.readFile(path.join(target, 'labels.json'), 'utf8')), { '0-broadcast-a.txt': 'weather' });

		const seven = await replicateCorpus({ source: [one, two], target, count: 7 });
		assert.equal(seven.distinct, 3);
		assert.equal(seven.copies, 4);
		assert.deepEqual(seven.sources.map((s) => [s.distinct, s.copies]), [[2, 3], [1, 1]]);
		assert.equal((await fs.readdir(target)).filter((n) => n.endsWith('.txt')).length, 7);
		assert.match(await fs.readFile(path.join(target, '1-broadcast-a.txt'), 'utf8'), /^Storm closes ferry port \(edition 2\)/);
		assert.equal(describeCorpus(seven), '3 real (2 wire + 1 broadcast) + 4 replicated copies');
		await fs.rm(tmp, { recursive: true, force: true });
	});
});

describe('bench machine load', () => {
	it('counts busy time from /proc/stat, leaving out idle and iowait', () => {
		// user nice system idle iowait irq softirq steal (ticks of 10 ms)
		assert.equal(parseBusyCpuMs('cpu  100 0 50 900 30 5 5 0 0 0\ncpu0 1 2 3 4\n'), 1600);
		assert.equal(parseBusyCpuMs('intr 1 2 3\n'), null);
	});
	it('gives the CPU others used as the machine\'s busy time minus the command\'s own, never below 0', () => {
		assert.equal(backgroundCpuMs(10_000, 25_000, 12_000), 3000);
		assert.equal(backgroundCpuMs(10_000, 20_000, 12_000), 0);
		assert.equal(backgroundCpuMs(null, 20_000, 12_000), null);
	});
});

describe('bench peers results', () => {
	it('reads a peer\'s build and index step into one figure', () => {
		const [eleventy] = readPeerResults(peersResults(), ['eleventy']);
		assert.equal(eleventy!.tool, 'Eleventy 3.1.8 + Pagefind 1.6.0');
		assert.equal(eleventy!.wallMs, 5000);
		assert.equal(eleventy!.cpuMs, 7000);
		assert.equal(eleventy!.peakRssBytes, 300 * 1024 * 1024);
		assert.equal(eleventy!.pages, 1702);
		assert.equal(eleventy!.articlePages, 1000);
		assert.equal(eleventy!.build.backgroundCpuMs, 400);
		assert.deepEqual(eleventy!.failedChecks, []);
	});
	it('names the checks that failed and refuses a file without the peer', () => {
		const [eleventy] = readPeerResults(peersResults({ ok: false, withoutRelated: 12 }), ['eleventy']);
		assert.equal(eleventy!.checksOk, false);
		assert.deepEqual(eleventy!.failedChecks, ['pages_without_5_related: 12']);
		assert.throws(() => readPeerResults(peersResults(), ['hugo'], 'results-1000.json'), /results-1000\.json has no results for peer "hugo"/);
		assert.throws(() => readPeerResults({ peers: {} }, ['eleventy'], 'x.json'), /x\.json is not a bench_peers\.py results file/);
	});
});

describe('bench side-by-side table', () => {
	it('reads the ingest summary line of a build log', () => {
		const log = '[timing] ingest 30 ms\n08:00:01 [broadsheet-articles] Ingest from /tmp/c: 990 articles, 10 duplicates folded, 0 errors, 12 warnings.\n';
		assert.deepEqual(parseIngestSummary(log), { articles: 990, duplicatesFolded: 10, errors: 0, warnings: 12 });
		assert.equal(parseIngestSummary('no summary here'), null);
	});
	it('puts Broadsheet beside the peer with the wall-time ratio, CPU / wall and a same-input check', () => {
		const row: SideBySideRow = {
			articles: 1000,
			corpus: { dir: '/tmp/c', files: 1000, distinct: 1000, copies: 0, labelled: 1000, sources: [{ dir: '/s/dev', prefix: 'dev', available: 1000, distinct: 500, copies: 0 }, { dir: '/s/ecbplus', prefix: 'ecbplus', available: 982, distinct: 500, copies: 0 }] },
			cold: { wallMs: 8000, cpuMs: 10_000, peakRssBytes: 1.1e9, loadAverage: [0.5, 1.2], ingest: { articles: 990, duplicatesFolded: 10, errors: 0, warnings: 12 }, backgroundCpuMs: 200 },
			dist,
			peers: { command: 'x', startedAt: '', loadAverage: [1.2, 1.0], exitCode: 0, resultsFile: '', logFile: '', totalMs: 9000, figures: readPeerResults(peersResults(), ['eleventy']) },
		};
		const table = formatSideBySide([row]);
		assert.match(table, /\| 1,000 \| 1,000 real \(500 dev \+ 500 ecbplus\), no copies \| Broadsheet \| 2,500 \| 990 \| 8\.0 s \| 10\.0 s \| 1\.25 \| 1\.10 GB \| \*\*1\.60×\*\* Eleventy \| 0\.5→1\.2 \|/);
		assert.match(table, /\| \| \| Eleventy 3\.1\.8 \+ Pagefind 1\.6\.0 \| 1,702 \| 1,000 \| 5\.0 s \(3\.5 s \+ 1\.5 s\) \| 7\.0 s \| 1\.40 \| 0\.31 GB \| \|/);
		assert.match(table, /same input: 1,000 files; Eleventy 1,000 article pages \(its checks: ok\); Broadsheet 990 article pages \+ 10 duplicates folded into them = 1,000/);
		assert.match(table, /Broadsheet's pages: 990 articles, 700 people, 60 topics, 2 home and other root pages\./);
		assert.equal(formatSideBySide([{ ...row, peers: null }]), '');
		// The results file leads with the side-by-side table and names each size's corpus.
		const md = formatResults({ machine: { cpu: 'cpu', cores: 2, memoryGb: 24, os: 'Linux', node: '24', note: '' }, sizes: [{ ...row, measuredAt: '', cold: { ...row.cold, stages: {} }, noChange: null, oneChange: null, search: null }] });
		assert.ok(md.indexOf('Side by side') < md.indexOf('| articles | pages | cold build | CPU / wall |'));
		assert.match(md, /Corpora: 1,000: 1,000 real \(500 dev \+ 500 ecbplus\), no copies\./);
	});
	it("puts the peer's search API figures beside Broadsheet's and adds the search page's two ways in", () => {
		const query = (ms: number) => ({ query: 'q', searchMs: ms - 50, resultsMs: ms, hits: 3, transferBytes: 200_000 });
		const search = { cold: [query(500), query(520)], warm: [query(80)], page: { link: [{ query: 'q', ms: 1400 }], typed: [{ query: 'q', ms: 410 }] } };
		const size = { articles: 10_000, measuredAt: '', cold: { wallMs: 1, cpuMs: null, peakRssBytes: 1, stages: {} }, noChange: null, oneChange: null, dist, search, peerSearch: [{ peer: 'eleventy', tool: 'Eleventy 3.1.8 + Pagefind 1.6.0', search: { cold: [query(450)], warm: [query(60)] } }] };
		const md = formatResults({ machine: { cpu: 'cpu', cores: 2, memoryGb: 24, os: 'Linux', node: '24', note: '' }, sizes: [size] });
		assert.match(md, /\| 10,000 \| Broadsheet \| 500 ms–520 ms \(median 520 ms\) \|/);
		assert.match(md, /\| 10,000 \| Eleventy 3\.1\.8 \+ Pagefind 1\.6\.0 \| 450 ms–450 ms \(median 450 ms\) \|/);
		assert.match(md, /\| 10,000 \| 1400 ms–1400 ms \(median 1400 ms\) \| 410 ms–410 ms \(median 410 ms\) \|/);
	});
	it('reports the median ratio of several rounds and lists each round with its order', () => {
		const peers = { command: 'x', startedAt: '', loadAverage: [], exitCode: 0, resultsFile: '', logFile: '', totalMs: 1, figures: readPeerResults(peersResults(), ['eleventy']) };
		const round = (order: 'broadsheet-first' | 'peers-first', broadsheetWallMs: number, peerMs: number) => ({ order, broadsheetWallMs, peers: [{ peer: 'eleventy', name: 'Eleventy', wallMs: peerMs }] });
		const row: SideBySideRow = {
			articles: 1000,
			cold: { wallMs: 8000, cpuMs: null, peakRssBytes: 1e9 },
			dist,
			peers,
			rounds: [round('broadsheet-first', 8000, 5000), round('peers-first', 6000, 5000), round('broadsheet-first', 7000, 5000)],
		};
		assert.deepEqual(roundRatios(row.rounds, 'eleventy'), { ratios: [1.6, 1.2, 1.4], median: 1.4 });
		assert.equal(roundRatios(row.rounds!.slice(0, 1), 'eleventy'), null);
		assert.equal(roundRatios(row.rounds!.slice(0, 2), 'eleventy')!.median, 1.4);
		const table = formatSideBySide([row]);
		assert.match(table, /\*\*1\.40×\*\* Eleventy \(median of 3 rounds; this row's 1\.60×\)/);
		assert.match(table, /Rounds \(the table's rows are round 1\): 1: 8\.0 s against 5\.0 s \(1\.60×\), Broadsheet first; 2: 6\.0 s against 5\.0 s \(1\.20×\), peers first; 3: 7\.0 s/);
		// One round: the row's own ratio, no list.
		assert.doesNotMatch(formatSideBySide([{ ...row, rounds: row.rounds!.slice(0, 1) }]), /median of|Rounds/);
	});
	it('flags a size where the two tools did not get the same articles', () => {
		const row: SideBySideRow = {
			articles: 1000,
			cold: { wallMs: 8000, cpuMs: null, peakRssBytes: 1e9, ingest: { articles: 900, duplicatesFolded: 10, errors: 0, warnings: 0 } },
			dist,
			peers: { command: 'x', startedAt: '', loadAverage: [], exitCode: 0, resultsFile: '', logFile: '', totalMs: 1, figures: readPeerResults(peersResults(), ['eleventy']) },
		};
		assert.match(formatSideBySide([row]), /\*\*input differs: compare with care\*\*/);
		const contended = { ...row.cold, contended: true, tried: [{ wallMs: 9000, cpuMs: 9000, backgroundCpuMs: 5000 }, { wallMs: 8000, cpuMs: 9000, backgroundCpuMs: 3000 }] };
		assert.match(formatSideBySide([{ ...row, cold: contended }]), /tried 2 times: 9\.0 s \(others 5\.0 s\), 8\.0 s \(others 3\.0 s\); none ran clean, the least disturbed is shown/);
		assert.equal(describePages({ ...dist, pagesBySection: undefined }), null);
	});
});
