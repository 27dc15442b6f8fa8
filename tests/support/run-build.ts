/**
 * Runs `scripts/build.ts` like `npm run build -- ARGS`, with its own content,
 * output and cache folders and a hard time limit. Every test build goes through it:
 * some need extra arguments (`--shard 1/2`), and all must fail rather than hang when
 * a bad file makes the build loop. The limit is far above a build's usual time
 * (seconds for the fixtures) so that a loaded 2-core CI machine does not trip it;
 * when it fires, the error says which processes of the build were still running.
 */
import { spawn } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { repoRoot } from './repo-root.ts';

/** Default time limit of one test build: fixture builds take 5–20 s; 10 minutes means a hang, not a slow machine. */
export const BUILD_TIMEOUT_MS = 600_000;

/** Options for {@link runBuild}. */
export interface RunBuildOptions {
	/** Content folder (absolute, or relative to the repo). */
	contentDir: string;
	/** Output folder; a fresh temporary one by default. */
	outDir?: string;
	/** Astro cache folder; a fresh temporary one by default. */
	cacheDir?: string;
	/** Arguments after `npm run build --`, e.g. `['--shard', '1/2']`. */
	args?: string[];
	/** `BASE_PATH`; `/` by default. */
	basePath?: string;
	/** `SITE_URL`; `http://localhost:4321` by default. */
	siteUrl?: string;
	/** Extra environment variables. */
	env?: Record<string, string>;
	/** Kill the build after this long; {@link BUILD_TIMEOUT_MS} by default. */
	timeoutMs?: number;
}

/** The result of one build. */
export interface BuildRun {
	/** Absolute output folder. */
	outDir: string;
	/** Exit code (null when killed). */
	code: number | null;
	/** True when the time limit killed the build. */
	timedOut: boolean;
	/** Everything the build printed (stdout and stderr, interleaved). */
	log: string;
	/** When the time limit fired: the build's processes still running then (pid, command line). */
	runningAtTimeout?: string[];
}

/**
 * The processes of process group `group` (the build and what it started: Astro,
 * Pagefind, workers), read from /proc, so a time-out can say what was still running;
 * the build itself first.
 */
function listProcessGroup(group: number): string[] {
	const found: string[] = [];
	let pids: string[];
	try {
		pids = readdirSync('/proc').filter((name) => /^\d+$/.test(name));
	} catch {
		return ['(no /proc on this system: cannot list the running processes)'];
	}
	for (const pid of pids) {
		try {
			// Field 5 of /proc/PID/stat is the process group; the command name in field 2 may hold spaces.
			const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
			const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
			if (Number(fields[2]) !== group) continue;
			const command = readFileSync(`/proc/${pid}/cmdline`, 'utf8').split('\0').join(' ').trim();
			// The group's leader (the build script) first: process ids wrap around, so its id is not always the lowest.
			if (Number(pid) === group) found.unshift(`${pid} ${command.slice(0, 300)}`);
			else found.push(`${pid} ${command.slice(0, 300)}`);
		} catch {
			// The process ended while we looked.
		}
	}
	return found;
}

/** Runs the real build; resolves whatever the exit code (callers assert on it, with the log). */
export async function runBuild(options: RunBuildOptions): Promise<BuildRun> {
	// A scratch folder only for what the caller did not place: an unused one would be left behind.
	const work = options.outDir && options.cacheDir ? undefined : await mkdtemp(path.join(os.tmpdir(), 'broadsheet-run-'));
	const outDir = options.outDir ?? path.join(work!, 'dist');
	const timeoutMs = options.timeoutMs ?? BUILD_TIMEOUT_MS;
	const env = {
		...process.env,
		NEWS_CONTENT_DIR: path.resolve(repoRoot, options.contentDir),
		BROADSHEET_OUT_DIR: outDir,
		BROADSHEET_CACHE_DIR: options.cacheDir ?? path.join(work!, 'cache'),
		BASE_PATH: options.basePath ?? '/',
		SITE_URL: options.siteUrl ?? 'http://localhost:4321',
		ASTRO_TELEMETRY_DISABLED: '1',
		NO_COLOR: '1',
		...options.env,
	};
	const child = spawn(process.execPath, [path.join(repoRoot, 'scripts/build.ts'), ...(options.args ?? [])], {
		cwd: repoRoot,
		env,
		// Own process group, so a timeout can end Astro and Pagefind too.
		detached: true,
	});
	let log = '';
	child.stdout.on('data', (chunk) => (log += chunk));
	child.stderr.on('data', (chunk) => (log += chunk));
	let timedOut = false;
	let runningAtTimeout: string[] | undefined;
	const timer = setTimeout(() => {
		timedOut = true;
		runningAtTimeout = listProcessGroup(child.pid!);
		try {
			process.kill(-child.pid!, 'SIGKILL');
		} catch {
			child.kill('SIGKILL');
		}
	}, timeoutMs);
	const code = await new Promise<number | null>((resolve) => child.on('close', resolve));
	clearTimeout(timer);
	return { outDir, code, timedOut, log, ...(runningAtTimeout ? { runningAtTimeout } : {}) };
}

/** What to say when a build ran out of time: the limit, the processes still running, the end of the log. */
export function describeTimeout(contentDir: string, run: BuildRun, timeoutMs = BUILD_TIMEOUT_MS): string {
	const running = run.runningAtTimeout?.length ? run.runningAtTimeout.map((p) => `  ${p}`).join('\n') : '  (none found)';
	return `build of ${contentDir} did not finish in ${timeoutMs / 1000} s and was killed. Still running then:\n${running}\nLast lines of its log:\n${run.log.slice(-4000)}`;
}

/** {@link runBuild}, rejecting with the log when the build fails or times out. */
export async function runBuildOrThrow(options: RunBuildOptions): Promise<BuildRun> {
	const run = await runBuild(options);
	if (run.timedOut) throw new Error(describeTimeout(options.contentDir, run, options.timeoutMs));
	if (run.code !== 0) throw new Error(`build of ${options.contentDir} failed (exit ${run.code}):\n${run.log.slice(-8000)}`);
	return run;
}

/** Deletes a build made by {@link runBuild} with its default folders (output and cache). */
export async function removeBuild(run: Pick<BuildRun, 'outDir'> | undefined): Promise<void> {
	if (run && path.basename(path.dirname(run.outDir)).startsWith('broadsheet-run-')) await rm(path.dirname(run.outDir), { recursive: true, force: true });
}
