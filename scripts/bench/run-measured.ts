/**
 * Runs a command and measures it the way the benchmark reports it: wall time, CPU
 * time of the whole process tree (user + system, children included via
 * `/usr/bin/time`) and peak resident memory of the whole tree (sampled from /proc).
 */
import { spawn } from 'node:child_process';
import { createWriteStream, existsSync, promises as fs } from 'node:fs';
import os from 'node:os';
import path from 'node:path';

/** What one measured run cost. */
export interface Measured {
	/** Exit code (null when killed by a signal). */
	exitCode: number | null;
	/** Wall-clock time, ms. */
	wallMs: number;
	/**
	 * User + system CPU of the whole tree, ms: the larger of `/usr/bin/time`'s figure (exact, but
	 * only for processes their parents waited for) and the sum of the last CPU seen of every process
	 * of the group (counts processes left running when their parent exited, such as the Pagefind
	 * service Astro kills on close, but misses each process's last half second); null without either.
	 */
	cpuMs: number | null;
	/** `/usr/bin/time`'s figure alone (null without it). */
	waitedCpuMs: number | null;
	/** The sampled figure alone (0 off Linux). */
	sampledCpuMs: number;
	/** Largest sum of RSS over all processes of the tree at one sample, bytes. */
	peakRssBytes: number;
	/** Everything the command printed (stdout and stderr interleaved). */
	log: string;
}

const PAGE_SIZE = 4096;
const GNU_TIME = '/usr/bin/time';

/** `/proc/<pid>/stat` counts CPU in USER_HZ ticks, 100 a second on Linux. */
const MS_PER_TICK = 10;

/**
 * One look at process group `pgid` (the spawned tree): the sum of its processes' RSS, and each
 * process's CPU so far (user + system, ms), recorded into `cpuByPid`.
 */
async function sampleGroup(pgid: number, cpuByPid: Map<number, number>): Promise<number> {
	let total = 0;
	const pids = await fs.readdir('/proc').catch(() => [] as string[]);
	await Promise.all(
		pids.map(async (pid) => {
			if (!/^\d+$/.test(pid)) return;
			const stat = await fs.readFile(`/proc/${pid}/stat`, 'utf8').catch(() => '');
			// Fields after the parenthesised command name: state ppid pgrp …; utime, stime and rss are fields 14, 15 and 24 overall.
			const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
			if (Number(fields[2]) !== pgid) return;
			total += Number(fields[21]) * PAGE_SIZE;
			cpuByPid.set(Number(pid), (Number(fields[11]) + Number(fields[12])) * MS_PER_TICK);
		}),
	);
	return total;
}

/** Runs `command args` in its own process group and measures it. */
export async function runMeasured(
	command: string,
	args: string[],
	options: { cwd: string; env: NodeJS.ProcessEnv; sampleMs?: number; echo?: boolean; logFile?: string },
): Promise<Measured> {
	const timeFile = path.join(os.tmpdir(), `bench-time-${process.pid}-${Date.now()}.txt`);
	const useTime = existsSync(GNU_TIME);
	const [cmd, argv] = useTime ? [GNU_TIME, ['-f', '%U %S', '-o', timeFile, command, ...args]] : [command, args];
	const started = performance.now();
	const child = spawn(cmd, argv, { cwd: options.cwd, env: options.env, detached: true, stdio: ['ignore', 'pipe', 'pipe'] });
	let log = '';
	// Streamed to a file as it comes, so a long (100k) build can be watched.
	const logStream = options.logFile ? createWriteStream(options.logFile) : null;
	const collect = (chunk: Buffer) => {
		log += chunk;
		logStream?.write(chunk);
		if (options.echo) process.stderr.write(chunk);
	};
	child.stdout.on('data', collect);
	child.stderr.on('data', collect);

	let peakRssBytes = 0;
	let sampling = true;
	const cpuByPid = new Map<number, number>();
	const sampler = (async () => {
		while (sampling) {
			if (child.pid) peakRssBytes = Math.max(peakRssBytes, await sampleGroup(child.pid, cpuByPid));
			await new Promise((r) => setTimeout(r, options.sampleMs ?? 500));
		}
	})();
	const exitCode = await new Promise<number | null>((resolve) => child.on('close', resolve));
	const wallMs = performance.now() - started;
	sampling = false;
	await sampler;
	logStream?.end();

	// A last look: processes of the group that outlived the command (orphans) are still there.
	if (child.pid) await sampleGroup(child.pid, cpuByPid);
	const sampledCpuMs = [...cpuByPid.values()].reduce((sum, ms) => sum + ms, 0);
	let waitedCpuMs: number | null = null;
	if (useTime) {
		const line = (await fs.readFile(timeFile, 'utf8').catch(() => '')).trim().split('\n').at(-1) ?? '';
		const [user, sys] = line.split(' ').map(Number);
		if (Number.isFinite(user) && Number.isFinite(sys)) waitedCpuMs = Math.round((user! + sys!) * 1000);
		await fs.rm(timeFile, { force: true });
	}
	const cpuMs = waitedCpuMs === null && !sampledCpuMs ? null : Math.max(waitedCpuMs ?? 0, sampledCpuMs);
	return { exitCode, wallMs: Math.round(wallMs), cpuMs, waitedCpuMs, sampledCpuMs, peakRssBytes, log };
}

/** Stage timings the build prints as `[timing] <stage> <ms> ms` (optionally `cpu <ms> ms`), plus Astro's own lines. */
export function parseStageTimings(log: string): Record<string, number> {
	const stages: Record<string, number> = {};
	for (const match of log.matchAll(/\[timing\] ([\w.-]+) (\d+(?:\.\d+)?) ms/g)) {
		stages[match[1]!] = (stages[match[1]!] ?? 0) + Math.round(Number(match[2]));
	}
	// Astro prints these itself ("1.5s", "30ms", "2m 25s"); they name the two stages our code does not wrap.
	const DURATION = String.raw`(?:(\d+)m )?(\d+(?:\.\d+)?)(ms|s)`;
	const toMs = (m: RegExpMatchArray, at: number) => Number(m[at] ?? 0) * 60_000 + Number(m[at + 1]) * (m[at + 2] === 's' ? 1000 : 1);
	const vite = [...log.matchAll(new RegExp(String.raw`\[vite\] ✓ built in ${DURATION}`, 'g'))].reduce((sum, m) => sum + toMs(m, 1), 0);
	if (vite) stages['vite'] ??= Math.round(vite);
	const routes = new RegExp(String.raw`generating static routes[\s\S]*?✓ Completed in ${DURATION}`).exec(log);
	if (routes) stages['render'] ??= Math.round(toMs(routes, 1));
	return stages;
}

/** The ingest's summary line in a build log: articles (pages), duplicates folded into them, problems. */
export interface IngestSummary {
	articles: number;
	duplicatesFolded: number;
	errors: number;
	warnings: number;
}

/** Reads the build's `Ingest …: N articles, D duplicates folded, E errors, W warnings.` line (the last, if several); null without one. */
export function parseIngestSummary(log: string): IngestSummary | null {
	const m = [...log.matchAll(/Ingest\b[^\n]*?: (\d+) articles, (\d+) duplicates folded, (\d+) errors, (\d+) warnings\./g)].at(-1);
	return m ? { articles: Number(m[1]), duplicatesFolded: Number(m[2]), errors: Number(m[3]), warnings: Number(m[4]) } : null;
}
