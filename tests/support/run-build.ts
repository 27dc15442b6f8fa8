/**
 * Runs `scripts/build.ts` like `npm run build -- ARGS`, with its own content,
 * output and cache folders and a hard time limit. The hostile-input, integrity
 * and shard tests use it: they need extra arguments (`--shard 1/2`) and must
 * fail rather than hang when a bad file makes the build loop.
 */
import { spawn } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { repoRoot } from './build-site.ts';

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
	/** Kill the build after this long; 240 s by default. */
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
}

/** Runs the real build; resolves whatever the exit code (callers assert on it, with the log). */
export async function runBuild(options: RunBuildOptions): Promise<BuildRun> {
	const work = await mkdtemp(path.join(os.tmpdir(), 'broadsheet-run-'));
	const outDir = options.outDir ?? path.join(work, 'dist');
	const timeoutMs = options.timeoutMs ?? 240_000;
	const env = {
		...process.env,
		NEWS_CONTENT_DIR: path.resolve(repoRoot, options.contentDir),
		BROADSHEET_OUT_DIR: outDir,
		BROADSHEET_CACHE_DIR: options.cacheDir ?? path.join(work, 'cache'),
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
	const timer = setTimeout(() => {
		timedOut = true;
		try {
			process.kill(-child.pid!, 'SIGKILL');
		} catch {
			child.kill('SIGKILL');
		}
	}, timeoutMs);
	const code = await new Promise<number | null>((resolve) => child.on('close', resolve));
	clearTimeout(timer);
	return { outDir, code, timedOut, log };
}

/** {@link runBuild}, rejecting with the log when the build fails or times out. */
export async function runBuildOrThrow(options: RunBuildOptions): Promise<BuildRun> {
	const run = await runBuild(options);
	if (run.timedOut) throw new Error(`build of ${options.contentDir} did not finish in ${(options.timeoutMs ?? 240_000) / 1000} s:\n${run.log.slice(-4000)}`);
	if (run.code !== 0) throw new Error(`build of ${options.contentDir} failed (exit ${run.code}):\n${run.log.slice(-8000)}`);
	return run;
}

/** Deletes a build made by {@link runBuild} with its default folders (output and cache). */
export async function removeBuild(run: BuildRun | undefined): Promise<void> {
	if (run && path.basename(path.dirname(run.outDir)).startsWith('broadsheet-run-')) await rm(path.dirname(run.outDir), { recursive: true, force: true });
}
