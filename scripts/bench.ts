/**
 * `npm run bench -- --articles 1000,10000[,100000] --source <dir>[,<dir>…] [--search 10000] [--work /tmp/broadsheet-bench] [--no-rebuilds | --skip-forced] [--peers <peer sites folder> [--peer eleventy[,hugo]] [--rounds 3]]`
 *
 * Replicates a source corpus to each size (outside the repo; several folders are merged, each
 * file prefixed with its folder's name, and copies are made only past their own count), then measures with the
 * real build command: a cold build, a no-change rebuild (also forced with `--rebuild`,
 * which bypasses the whole-build skip) and a rebuild after changing one article and adding one; per stage (from the build's `[timing]` lines), wall and
 * CPU time, peak RSS of the process tree, pages/files/size of the output, an article
 * page's gzipped weight, and search in Chromium. Writes `bench-results/latest.json`
 * and `latest.md` (sizes measured earlier are kept unless measured again).
 *
 * `--peers DIR` compares with the peers: after the cold build of a size (which then waits for
 * idle CPUs first and is redone when other processes competed with it, as the peers' steps are),
 * it runs `DIR/bench-peers.sh` on the same folder (`PEERS_SRC=<folder> PEERS=eleventy RUNS=1`) and
 * adds a side-by-side table (pages, wall, CPU, CPU / wall, peak memory, the wall-time ratio).
 * `--idle-wait S` caps each wait for idle CPUs (default 900 s, the peers' own default). `--rounds N`
 * repeats the comparison N times, Broadsheet and the peers alternately first, and reports the median ratio
 * (the machine's speed drifts: one build measured 52–64 s within an hour).
 *
 * `--archive N` also measures importing a web archive of N generated news pages (pages
 * per second, cold and from the cache; `bench-results/archive.md`); `--archive-only`
 * measures only that (`--source` then optional: its articles become the page bodies).
 */
import { existsSync, promises as fs } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { formatResults, type BenchResults, type BenchRound, type BuildFigure, type SizeResult } from './bench/format-results.ts';
import { backgroundCpuMs, flushPendingWrites, readBusyCpuMs, waitForIdle } from './bench/machine-load.ts';
import { formatArchiveBench, measureArchive } from './bench/measure-archive.ts';
import { measureDist } from './bench/measure-dist.ts';
import { measureSearch } from './bench/measure-search.ts';
import { replicateCorpus, rewriteAsCopy } from './bench/replicate-corpus.ts';
import { parseIngestSummary, parseStageTimings, runMeasured } from './bench/run-measured.ts';
import { type PeerComparison, runPeers } from './bench/run-peers.ts';

const root = path.resolve(import.meta.dirname, '..');
const { values } = parseArgs({
	options: {
		articles: { type: 'string', default: '1000,10000' },
		source: { type: 'string', default: process.env.BENCH_SOURCE },
		work: { type: 'string', default: path.join(os.tmpdir(), 'broadsheet-bench') },
		search: { type: 'string' },
		results: { type: 'string', default: path.join(root, 'bench-results') },
		'no-rebuilds': { type: 'boolean', default: false },
		'skip-forced': { type: 'boolean', default: false },
		note: { type: 'string', default: '' },
		archive: { type: 'string' },
		'archive-only': { type: 'boolean', default: false },
		peers: { type: 'string' },
		peer: { type: 'string', default: 'eleventy' },
		'peers-work': { type: 'string' },
		'idle-wait': { type: 'string', default: '900' },
		rounds: { type: 'string', default: '1' },
	},
});
const sources = values.source?.split(',').map((s) => s.trim()).filter(Boolean) ?? [];
if (values.archive) {
	// The archive's pages take their bodies from the first source folder.
	const bench = await measureArchive({ pages: Number(values.archive), work: values.work, source: sources[0] });
	await fs.mkdir(values.results, { recursive: true });
	await fs.writeFile(path.join(values.results, 'archive.json'), JSON.stringify(bench, null, '\t') + '\n');
	await fs.writeFile(path.join(values.results, 'archive.md'), formatArchiveBench(bench) + '\n');
	console.log(formatArchiveBench(bench));
	if (values['archive-only']) process.exit(0);
}
if (!sources.length) {
	console.error('usage: npm run bench -- --articles 1000,10000 --source <folder of articles>[,<folder>…] [--search 10000] [--peers <peer sites folder> [--peer eleventy]]');
	process.exit(2);
}
const sizes = values.articles.split(',').map((n) => Number(n.trim()));
/** Side-by-side rounds per size (`--rounds`): Broadsheet's cold build and the peers', alternately first. */
const rounds = Math.max(1, Number(values.rounds) || 1);
const searchSizes = new Set((values.search ?? (sizes.includes(10000) ? '10000' : String(Math.max(...sizes)))).split(',').filter(Boolean).map(Number));
const log = (line: string) => console.log(`[bench] ${line}`);
const ownCpuMs = (usage: NodeJS.CpuUsage) => Math.round((usage.user + usage.system) / 1000);
const peers = values.peer.split(',').map((p) => p.trim()).filter(Boolean);
const peersWork = values['peers-work'] ?? path.join(values.work, 'peers');
/** How long a compared build (ours and the peers' steps) waits for idle CPUs before measuring anyway. */
const idleWaitMs = Number(values['idle-wait']) * 1000;
/** A build compared with the peers is redone (up to this many times) when others competed with it, as `bench_peers.py` does. */
const MAX_RETRIES = 3;
/** …when other processes used more than this share of one core during it (`bench_peers.py`'s MAX_BG_SHARE). */
const MAX_BACKGROUND_SHARE = 0.25;

/** Runs the real build (`scripts/build.ts`) on a corpus into `site`, measured. */
async function measureBuild(contentDir: string, site: string, label: string, args: string[] = []): Promise<BuildFigure> {
	const env = {
		...process.env,
		// Astro's bin starts with `#!/usr/bin/env node`: the project's Node must come first.
		PATH: `${path.join(root, 'node_modules/.bin')}${path.delimiter}${process.env.PATH}`,
		NEWS_CONTENT_DIR: contentDir,
		BROADSHEET_OUT_DIR: path.join(site, 'dist'),
		BROADSHEET_CACHE_DIR: path.join(site, 'cache'),
		ASTRO_TELEMETRY_DISABLED: '1',
	};
	const loadBefore = os.loadavg()[0]!;
	const busyBefore = await readBusyCpuMs();
	const ownBefore = process.cpuUsage();
	const run = await runMeasured(process.execPath, [path.join(root, 'scripts/build.ts'), ...args], { cwd: root, env, logFile: path.join(site, `${label}.log`) });
	if (run.exitCode !== 0) throw new Error(`${label} build failed (exit ${run.exitCode}); log in ${path.join(site, `${label}.log`)}\n${run.log.slice(-3000)}`);
	// The machine is shared: the 1-minute load average before and after, and the CPU others used meanwhile, say how noisy the wall time is.
	const figure: BuildFigure = {
		wallMs: run.wallMs,
		cpuMs: run.cpuMs,
		cpuSources: { waitedMs: run.waitedCpuMs, sampledMs: run.sampledCpuMs },
		peakRssBytes: run.peakRssBytes,
		stages: parseStageTimings(run.log),
		loadAverage: [loadBefore, os.loadavg()[0]!],
		// The bench's own memory sampling is not "other work": its CPU is counted with the build's.
		backgroundCpuMs: backgroundCpuMs(busyBefore, await readBusyCpuMs(), run.cpuMs === null ? null : run.cpuMs + ownCpuMs(process.cpuUsage(ownBefore))),
		ingest: parseIngestSummary(run.log),
	};
	log(
		`${label}: ${(figure.wallMs / 1000).toFixed(1)} s wall, ${((figure.cpuMs ?? 0) / 1000).toFixed(1)} s CPU (waited-for processes ${((run.waitedCpuMs ?? 0) / 1000).toFixed(1)} s, sampled ${(run.sampledCpuMs / 1000).toFixed(1)} s), ${(figure.peakRssBytes / 1e9).toFixed(2)} GB peak RSS, ` +
			`load ${figure.loadAverage!.map((x) => x.toFixed(1)).join('→')}, others used ${figure.backgroundCpuMs == null ? '?' : (figure.backgroundCpuMs / 1000).toFixed(1)} CPU s; stages ${JSON.stringify(figure.stages)}`,
	);
	return figure;
}

/**
 * The cold build compared with the peers: measured on quiet CPUs, like the peers' steps (wait for
 * idle first; redo when other processes used more than a quarter of a core meanwhile). When no
 * attempt ran clean, the one others disturbed least is reported, marked contended.
 */
async function measureColdBuild(contentDir: string, site: string): Promise<BuildFigure> {
	const attempts: BuildFigure[] = [];
	for (let attempt = 1; ; attempt++) {
		await fs.rm(site, { recursive: true, force: true });
		await fs.mkdir(site, { recursive: true });
		flushPendingWrites();
		if (!values.peers) return measureBuild(contentDir, site, 'cold');
		const waitedForIdleMs = await waitForIdle({ maxWaitMs: idleWaitMs, onBusy: (busy) => log(`waiting for idle CPUs (${Math.round(busy * 100)}% busy) before the cold build`) });
		const figure: BuildFigure = { ...(await measureBuild(contentDir, site, 'cold')), waitedForIdleMs };
		attempts.push(figure);
		const tried = attempts.map((a) => ({ wallMs: a.wallMs, cpuMs: a.cpuMs, backgroundCpuMs: a.backgroundCpuMs ?? null }));
		if (figure.backgroundCpuMs == null || figure.backgroundCpuMs <= MAX_BACKGROUND_SHARE * Math.max(figure.wallMs, 1000)) {
			return { ...figure, attempts: attempt, contended: false, tried };
		}
		if (attempt > MAX_RETRIES) {
			const least = attempts.reduce((a, b) => (b.backgroundCpuMs! < a.backgroundCpuMs! ? b : a));
			log(`cold: no attempt ran clean; reporting the least disturbed (${(least.wallMs / 1000).toFixed(1)} s, others used ${(least.backgroundCpuMs! / 1000).toFixed(1)} CPU s)`);
			return { ...least, attempts: attempt, contended: true, tried };
		}
		log(`cold: other processes used ${(figure.backgroundCpuMs! / 1000).toFixed(1)} CPU s during a ${(figure.wallMs / 1000).toFixed(1)} s build; redoing`);
	}
}

/** Changes one article (its first paragraph) and adds one new article; returns how to undo both. */
async function changeOneAddOne(contentDir: string): Promise<() => Promise<void>> {
	const names = (await fs.readdir(contentDir)).filter((n) => n.endsWith('.txt')).sort();
	const changed = path.join(contentDir, names[Math.floor(names.length / 2)]!);
	const original = await fs.readFile(changed, 'utf8');
	const lines = original.split('\n');
	const body = lines.findIndex((l, i) => i > 0 && l.length > 60);
	lines[body] += ' This paragraph was corrected after publication.';
	await fs.writeFile(changed, lines.join('\n'));
	const added = path.join(contentDir, 'zz-added-article.txt');
	const donor = await fs.readFile(path.join(contentDir, names[0]!), 'utf8');
	await fs.writeFile(added, rewriteAsCopy(donor, 99_999, new Set()));
	return async () => {
		await fs.writeFile(changed, original);
		await fs.rm(added, { force: true });
	};
}

async function measureSize(n: number, save: (partial: SizeResult) => Promise<void>): Promise<SizeResult> {
	const contentDir = path.join(values.work, `corpus-${n}`);
	log(`replicating ${sources.join(' + ')} to ${n} articles in ${contentDir}`);
	const corpus = await replicateCorpus({ source: sources, target: contentDir, count: n });
	log(`corpus: ${n} articles = ${corpus.distinct} real (${corpus.sources.map((s) => `${s.distinct} from ${s.dir}`).join(', ')}) + ${corpus.copies} replicated copies`);
	const site = path.join(values.work, `site-${n}`);

	const measuredAt = new Date().toISOString();
	const cold = await measureColdBuild(contentDir, site);
	const dist = await measureDist(path.join(site, 'dist'));
	log(`dist: ${JSON.stringify(dist)}`);
	// Saved after every step: a 100k run can take long, and a partial result is still a result.
	const result: SizeResult = { articles: n, measuredAt, corpus, cold, noChange: null, noChangeForced: null, oneChange: null, dist, search: null, peers: null };
	await save(result);
	if (values.peers) {
		// Right after the cold build, on the very same folder, before anything changes it.
		// Logs beside the corpus: a later round's cold build empties the site folder.
		const comparePeers = async (broadsheetWallMs: number | null, round: number) => {
			flushPendingWrites();
			const compared = await runPeers({ peersDir: values.peers!, contentDir, peers, work: peersWork, idleWaitMs, projectRoot: root, logFile: path.join(values.work, `peers-${n}-round-${round}.log`) });
			for (const p of compared.figures) {
				const ratio = broadsheetWallMs === null ? '' : `; Broadsheet / ${p.peer} = ${(broadsheetWallMs / p.wallMs).toFixed(2)}×`;
				log(`${p.tool}: ${(p.wallMs / 1000).toFixed(1)} s wall (build ${(p.build.wallMs / 1000).toFixed(1)} s + index ${(p.pagefind.wallMs / 1000).toFixed(1)} s), ${p.pages} pages${ratio}`);
			}
			return compared;
		};
		result.peers = await comparePeers(cold.wallMs, 1);
		const toRound = (order: BenchRound['order'], broadsheetWallMs: number, compared: PeerComparison): BenchRound => ({
			order,
			broadsheetWallMs,
			peers: compared.figures.map((p) => ({ peer: p.peer, name: p.name, wallMs: p.wallMs })),
		});
		result.rounds = [toRound('broadsheet-first', cold.wallMs, result.peers)];
		await save(result);
		// More rounds, the order alternating: the machine's speed drifts between runs a minute apart.
		for (let round = 2; round <= rounds; round++) {
			log(`round ${round} of ${rounds}`);
			const peersFirst = round % 2 === 0;
			const before = peersFirst ? await comparePeers(null, round) : undefined;
			const again = await measureColdBuild(contentDir, site);
			const compared = before ?? (await comparePeers(again.wallMs, round));
			result.rounds.push(toRound(peersFirst ? 'peers-first' : 'broadsheet-first', again.wallMs, compared));
			log(`round ${round}: Broadsheet ${(again.wallMs / 1000).toFixed(1)} s; ${compared.figures.map((p) => `${p.peer} ${(p.wallMs / 1000).toFixed(1)} s = ${(again.wallMs / p.wallMs).toFixed(2)}×`).join(', ')}`);
			await save(result);
		}
	}
	if (searchSizes.has(n)) {
		// Chromium's first query is CPU work too: measured, like the builds, once the peers' processes have settled.
		flushPendingWrites();
		await waitForIdle({ maxWaitMs: idleWaitMs, onBusy: (busy) => log(`waiting for idle CPUs (${Math.round(busy * 100)}% busy) before the search measurement`) });
		result.search = await measureSearch(path.join(site, 'dist'));
		log(`search: ${JSON.stringify(result.search)}`);
		// The same API queries on each peer's site (same Pagefind, same articles): what Pagefind alone costs.
		result.peerSearch = [];
		for (const p of result.peers?.figures ?? []) {
			const out = path.join(peersWork, 'out', `${p.peer}-${n}`);
			const search = await measureSearch(out, undefined, { readerPaths: false }).catch((error: Error) => (log(`search on ${out}: ${error.message}`), null));
			if (search) result.peerSearch.push({ peer: p.peer, tool: p.tool, search });
		}
		await save(result);
	}
	if (!values['no-rebuilds']) {
		result.noChange = await measureBuild(contentDir, site, 'no-change');
		await save(result);
		const undo = await changeOneAddOne(contentDir);
		try {
			result.oneChange = await measureBuild(contentDir, site, 'one-change');
		} finally {
			await undo();
		}
		await save(result);
		if (!values['skip-forced']) {
			// No change again, with the whole-build skip bypassed: what the caches save on their own.
			result.noChangeForced = await measureBuild(contentDir, site, 'no-change-forced', ['--rebuild']);
			await save(result);
		}
	}
	return result;
}

const jsonFile = path.join(values.results, 'latest.json');
const previous: BenchResults | null = existsSync(jsonFile) ? JSON.parse(await fs.readFile(jsonFile, 'utf8')) : null;
const results: BenchResults = {
	machine: {
		cpu: os.cpus()[0]?.model ?? 'unknown CPU',
		cores: os.cpus().length,
		memoryGb: Math.round(os.totalmem() / 2 ** 30),
		os: `${os.type()} ${os.release()}`,
		node: process.versions.node,
		note: values.note,
	},
	sizes: previous?.sizes ?? [],
};
for (const n of sizes) {
	log(`load average before ${n}: ${os.loadavg().map((x) => x.toFixed(2)).join(' ')}`);
	await measureSize(n, async (result) => {
		results.sizes = [...results.sizes.filter((r) => r.articles !== n), result].sort((a, b) => a.articles - b.articles);
		await fs.mkdir(values.results, { recursive: true });
		await fs.writeFile(jsonFile, JSON.stringify(results, null, '\t') + '\n');
		await fs.writeFile(path.join(values.results, 'latest.md'), formatResults(results));
	});
}
console.log('\n' + formatResults(results));
