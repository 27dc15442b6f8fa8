/**
 * Runs the peers' benchmark (`bench-peers.sh` of the peer sites folder: Eleventy 3 + Pagefind,
 * Hugo + Pagefind) on the very folder the Broadsheet bench just built, and reads its results
 * JSON (`$PEERS_WORK/results-N.json`) into figures comparable with a Broadsheet build.
 */
import { spawn } from 'node:child_process';
import { createWriteStream, existsSync, promises as fs } from 'node:fs';
import os from 'node:os';
import path from 'node:path';

/** One timed step of a peer (its site build, or `pagefind --site`). */
export interface PeerStep {
	wallMs: number;
	cpuMs: number;
	/** Largest RSS of one process of the step (`/usr/bin/time -v`), bytes. */
	peakRssBytes: number;
	/** CPU ms other processes used while the step ran (null when not recorded). */
	backgroundCpuMs: number | null;
	/** How long the peers' script waited for idle CPUs before the step, ms. */
	waitedForIdleMs: number | null;
	/** Attempts made (the peers' script redoes a step that other processes competed with). */
	attempts: number;
	/** True when every attempt competed with other processes. */
	contended: boolean;
}

/** One peer, built and indexed once (medians over the peers' runs when there were several). */
export interface PeerFigure {
	/** Key in the peers' JSON (`eleventy`, `hugo`). */
	peer: string;
	/** The peer's name, e.g. `Eleventy`. */
	name: string;
	/** Tools and versions, e.g. `Eleventy 3.1.8 + Pagefind 1.6.0`. */
	tool: string;
	/** Articles the peer was given (N). */
	articles: number;
	/** Article pages it wrote (`articles/<x>/index.html`). */
	articlePages: number;
	/** HTML files it wrote outside the search index. */
	pages: number;
	/** Pages Pagefind says it indexed. */
	indexedPages: number | null;
	build: PeerStep;
	pagefind: PeerStep;
	/** Build + search index: wall ms (the steps run one after the other). */
	wallMs: number;
	/** Build + search index: CPU ms. */
	cpuMs: number;
	/** The larger of the two steps' peaks, bytes. */
	peakRssBytes: number;
	/** The peers' own output checks (every article page, its body, title and 5 related links; the index). */
	checksOk: boolean;
	/** The checks that found something (name: count), e.g. `pages_without_5_related: 57`. */
	failedChecks: string[];
	/** Timed runs the figures are medians of. */
	runs: number;
}

/** One run of the peers' benchmark beside a Broadsheet build. */
export interface PeerComparison {
	/** The command, as one could paste it. */
	command: string;
	startedAt: string;
	/** 1-minute load average before and after. */
	loadAverage: number[];
	/** Exit code of `bench-peers.sh` (1 when a peer failed its checks). */
	exitCode: number | null;
	/** The peers' results file and log. */
	resultsFile: string;
	logFile: string;
	/** Wall ms of the whole peers' run, set-up (replication, conversion to Markdown) and waits included. */
	totalMs: number;
	figures: PeerFigure[];
}

const MB = 1024 * 1024;

/** Counts in the peers' checks that should be 0 (`bench_peers.py` check_output). */
const FAULT_COUNTS = ['articles_without_md', 'pages_body_text_missing', 'pages_title_missing', 'pages_without_5_related', 'related_links_broken', 'related_links_to_self'];

/** Tool names as the table shows them. */
const PEER_NAMES: Record<string, string> = { eleventy: 'Eleventy', hugo: 'Hugo' };

/** The version number in a tool's `--version` output (`pagefind 1.6.0` → `1.6.0`), or the output itself. */
function versionOf(text: unknown): string {
	const s = String(text ?? '');
	return /\bv?(\d+\.\d+(?:\.\d+)?)/.exec(s)?.[1] ?? s;
}

/** One timed step as `bench_peers.py` records it. */
interface StepJson {
	background_cpu_s?: number;
	waited_for_idle_s?: number;
	attempt?: number;
	contended?: boolean;
}
/** The parts of `results-N.json` (written by `bench_peers.py`) read here. */
interface ResultsJson {
	n: number;
	meta?: { date?: string; corpus_src?: string; runs?: number; pagefind?: string } & Record<string, unknown>;
	peers: Record<string, {
		median?: Record<string, number>;
		runs?: { build?: StepJson; pagefind?: StepJson }[];
		checks?: { article_pages: number; html_files: number; pagefind_indexed_pages?: number | null; ok: boolean } & Record<string, unknown>;
	}>;
}

function step(median: Record<string, number>, last: StepJson | undefined, kind: 'build' | 'pagefind'): PeerStep {
	return {
		wallMs: Math.round(Number(median[`${kind}_s`]) * 1000),
		cpuMs: Math.round(Number(median[`${kind}_cpu_s`]) * 1000),
		peakRssBytes: Math.round(Number(median[`${kind}_rss_mb`]) * MB),
		backgroundCpuMs: last?.background_cpu_s == null ? null : Math.round(last.background_cpu_s * 1000),
		waitedForIdleMs: last?.waited_for_idle_s == null ? null : Math.round(last.waited_for_idle_s * 1000),
		attempts: Number(last?.attempt ?? 1),
		contended: Boolean(last?.contended),
	};
}

/**
 * Reads the peers' results JSON (`results-N.json` of `bench_peers.py`) into one figure per peer
 * asked for. Throws, naming the file, when a peer is missing or the JSON is not what the peers'
 * script writes.
 */
export function readPeerResults(results: unknown, peers: readonly string[], file = 'the peers results'): PeerFigure[] {
	const r = results as ResultsJson;
	if (!r || typeof r !== 'object' || typeof r.n !== 'number' || typeof r.peers !== 'object' || !r.peers) {
		throw new Error(`${file} is not a bench_peers.py results file (no "n" and "peers"); run bench-peers.sh again.`);
	}
	return peers.map((peer) => {
		const p = r.peers[peer];
		if (!p?.median || !p.checks) throw new Error(`${file} has no results for peer "${peer}"; did bench-peers.sh run with PEERS=${peer}?`);
		const last = p.runs?.at(-1);
		const build = step(p.median, last?.build, 'build');
		const pagefind = step(p.median, last?.pagefind, 'pagefind');
		const name = PEER_NAMES[peer] ?? peer;
		return {
			peer,
			name,
			tool: `${name} ${versionOf(r.meta?.[peer])} + Pagefind ${versionOf(r.meta?.pagefind)}`,
			articles: r.n,
			articlePages: Number(p.checks.article_pages),
			pages: Number(p.checks.html_files),
			indexedPages: p.checks.pagefind_indexed_pages ?? null,
			build,
			pagefind,
			wallMs: Math.round(Number(p.median.total_s) * 1000),
			cpuMs: build.cpuMs + pagefind.cpuMs,
			peakRssBytes: Math.max(build.peakRssBytes, pagefind.peakRssBytes),
			checksOk: Boolean(p.checks.ok),
			failedChecks: FAULT_COUNTS.filter((k) => Number(p.checks![k] ?? 0) > 0).map((k) => `${k}: ${p.checks![k]}`),
			runs: Number(r.meta?.runs ?? p.runs?.length ?? 1),
		};
	});
}

/** Options for {@link runPeers}. */
export interface RunPeersOptions {
	/** The peer sites folder holding `bench-peers.sh`. */
	peersDir: string;
	/** The folder of articles the Broadsheet bench built (handed over as `PEERS_SRC`). */
	contentDir: string;
	/** Peers to run (`eleventy`, `hugo`). */
	peers: readonly string[];
	/** `PEERS_WORK`: the peers' scratch folder. */
	work: string;
	/** Longest wait for idle CPUs before a step, ms (`IDLE_MAX_WAIT`; default the script's own). */
	idleWaitMs?: number;
	/** Folder whose `node_modules/.bin` (Node 24) goes first on PATH. */
	projectRoot: string;
	/** Where the run's output is written. */
	logFile: string;
}

/** Article files the peers will read from the folder: its `.txt` files (what `replicate_corpus.py` takes). */
export async function countPeerInputs(contentDir: string): Promise<number> {
	return (await fs.readdir(contentDir)).filter((n) => n.endsWith('.txt')).length;
}

/** Finds `name` on PATH. */
function onPath(name: string, pathVar = process.env.PATH ?? ''): boolean {
	return pathVar.split(path.delimiter).some((dir) => dir && existsSync(path.join(dir, name)));
}

/**
 * `bench-peers.sh` refuses to start without `hugo` even when only Eleventy is asked for; when
 * Hugo is not installed and not asked for, a stand-in that only says so goes on PATH (its
 * "version" then reads as not installed in the results).
 */
async function hugoStandIn(dir: string): Promise<string> {
	await fs.mkdir(dir, { recursive: true });
	const file = path.join(dir, 'hugo');
	await fs.writeFile(file, '#!/bin/sh\necho "hugo not installed (stand-in from npm run bench: PEERS without hugo)"\nexit 1\n', { mode: 0o755 });
	return dir;
}

/** Runs `PEERS_SRC=<contentDir> PEERS=<peers> RUNS=1 bench-peers.sh <files>` and reads its results. */
export async function runPeers(options: RunPeersOptions): Promise<PeerComparison> {
	const script = path.join(options.peersDir, 'bench-peers.sh');
	if (!existsSync(script)) throw new Error(`${script} not found; --peers must name the peer sites folder that holds bench-peers.sh.`);
	const n = await countPeerInputs(options.contentDir);
	const pathParts = [path.join(options.projectRoot, 'node_modules/.bin'), process.env.PATH ?? ''];
	if (!onPath('hugo')) {
		if (options.peers.includes('hugo')) throw new Error('hugo is not installed: apt-get install -y hugo, or leave hugo out of --peer.');
		pathParts.unshift(await hugoStandIn(path.join(options.work, 'no-hugo')));
	}
	const env: NodeJS.ProcessEnv = { ...process.env, PATH: pathParts.join(path.delimiter), PEERS_SRC: options.contentDir, PEERS: options.peers.join(' '), RUNS: '1', PEERS_WORK: options.work };
	if (options.idleWaitMs !== undefined) env.IDLE_MAX_WAIT = String(Math.round(options.idleWaitMs / 1000));
	const command = `PEERS_SRC=${options.contentDir} PEERS="${options.peers.join(' ')}" RUNS=1 PEERS_WORK=${options.work}${env.IDLE_MAX_WAIT ? ` IDLE_MAX_WAIT=${env.IDLE_MAX_WAIT}` : ''} ${script} ${n}`;
	const startedAt = new Date().toISOString();
	const loadBefore = os.loadavg()[0]!;
	const started = performance.now();
	await fs.mkdir(path.dirname(options.logFile), { recursive: true });
	const log = createWriteStream(options.logFile);
	const child = spawn(script, [String(n)], { env, stdio: ['ignore', 'pipe', 'pipe'] });
	const forward = (chunk: Buffer) => {
		log.write(chunk);
		process.stdout.write(chunk.toString().replace(/^(?=.)/gm, '[peers] '));
	};
	child.stdout.on('data', forward);
	child.stderr.on('data', forward);
	const exitCode = await new Promise<number | null>((resolve) => child.on('close', resolve));
	log.end();
	const totalMs = Math.round(performance.now() - started);
	const resultsFile = path.join(options.work, `results-${n}.json`);
	const text = await fs.readFile(resultsFile, 'utf8').catch(() => null);
	if (text === null) throw new Error(`bench-peers.sh exited with ${exitCode} and wrote no ${resultsFile}; its output is in ${options.logFile}.`);
	const results = JSON.parse(text) as ResultsJson;
	// The results file is merged across runs: make sure this one is ours, on our folder.
	if (path.resolve(String(results.meta?.corpus_src)) !== path.resolve(options.contentDir) || !(Date.parse(results.meta?.date ?? '') >= Date.parse(startedAt) - 1000)) {
		throw new Error(`${resultsFile} is not from this run on ${options.contentDir} (it names ${results.meta?.corpus_src} at ${results.meta?.date}); see ${options.logFile}.`);
	}
	return { command, startedAt, loadAverage: [loadBefore, os.loadavg()[0]!], exitCode, resultsFile, logFile: options.logFile, totalMs, figures: readPeerResults(results, options.peers, resultsFile) };
}
