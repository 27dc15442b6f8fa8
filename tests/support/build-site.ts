/**
 * Builds a site for tests: `npm run build` with its own content folder, output
 * folder and Astro cache, so test builds never touch `dist/` or each other.
 */
import { spawn } from 'node:child_process';
import { mkdtemp } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

/** The repository root. */
export const repoRoot = fileURLToPath(new URL('../../', import.meta.url));

/** A built site. */
export interface BuiltSite {
	/** Absolute path of the output folder. */
	outDir: string;
	/** Everything the build printed, for assertions and failure messages. */
	log: string;
}

/** Options for {@link buildSite}. */
export interface BuildSiteOptions {
	/** Content folder (absolute, or relative to the repo). */
	contentDir: string;
	/** `BASE_PATH` for a sub-path deployment. */
	basePath?: string;
	/** `SITE_URL`. */
	siteUrl?: string;
	/** Extra environment variables. */
	env?: Record<string, string>;
}

/** Runs the real build on a content folder; rejects with the build log when it fails. */
export async function buildSite(options: BuildSiteOptions): Promise<BuiltSite> {
	const work = await mkdtemp(path.join(os.tmpdir(), 'broadsheet-test-'));
	const outDir = path.join(work, 'dist');
	const env = {
		...process.env,
		NEWS_CONTENT_DIR: path.resolve(repoRoot, options.contentDir),
		BROADSHEET_OUT_DIR: outDir,
		BROADSHEET_CACHE_DIR: path.join(work, 'cache'),
		BASE_PATH: options.basePath ?? '/',
		SITE_URL: options.siteUrl ?? 'http://localhost:4321',
		ASTRO_TELEMETRY_DISABLED: '1',
		...options.env,
	};
	const child = spawn(process.execPath, [path.join(repoRoot, 'scripts/build.ts')], { cwd: repoRoot, env });
	let log = '';
	child.stdout.on('data', (chunk) => (log += chunk));
	child.stderr.on('data', (chunk) => (log += chunk));
	const code = await new Promise<number | null>((resolve) => child.on('close', resolve));
	if (code !== 0) throw new Error(`build of ${options.contentDir} failed (exit ${code}):\n${log}`);
	return { outDir, log };
}
