/**
 * `npm run build`: builds the site with Astro; Pagefind indexes the pages as they render
 * (`src/integrations/search-index.ts`); large sites index afterwards, in parts
 * (`scripts/build/index-search-in-parts.ts`); `BROADSHEET_SEARCH_INDEX=cli` runs the
 * Pagefind CLI afterwards instead.
 * The output folder is `dist/`, or `BROADSHEET_OUT_DIR` when set (tests build elsewhere).
 * Prints `[timing] <stage> <ms> ms` lines that `npm run bench` reads.
 */
import { spawn, spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readdirSync, renameSync } from 'node:fs';
import { rm } from 'node:fs/promises';
import path from 'node:path';
import { resolveContentDir, projectRoot } from '../src/lib/site-config.ts';
import { formatShard, resolveShard, SEARCH_PARTS_ENV, SHARD_ENV, takeShardArgument } from '../src/lib/shards.ts';
import { countSearchParts, indexSearchInParts } from './build/index-search-in-parts.ts';
import { clearFingerprint, computeBuildInputs, describeChangedInputs, isUpToDate, onlyContentChanged, saveFingerprint, type FingerprintStore } from './build/build-fingerprint.ts';
import { BUILD_MODE_ENV, incrementalBuildsEnabled } from '../src/lib/build-mode.ts';
import { readSearchRecord, searchRewriteMarker, writeSearchModule, writeSearchRecord } from '../src/integrations/search-record.ts';

const bin = (name: string) => path.join(projectRoot, 'node_modules', '.bin', name);

/** What one build run does; filled from argv and the environment by {@link parseBuildOptions}. */
export interface BuildOptions {
	/** Absolute output folder. */
	outDir: string;
	/** Arguments passed through to `astro build`. */
	astroArgs: string[];
	/**
	 * When and how search is indexed: `render` while pages render (the default);
	 * `parts`, after the build, split into parts (by default from
	 * {@link INDEX_IN_PARTS_FROM} content files); `cli`, after the build with the Pagefind
	 * CLI. `BROADSHEET_SEARCH_INDEX=render|parts|cli` chooses.
	 */
	searchIndexing: 'render' | 'parts' | 'cli';
	/** Search index parts the search page merges: more than 1 only for `parts` in a whole-site build. */
	searchParts: number;
	/** `--rebuild`: build even when no input changed since the last build of this output folder. */
	rebuild: boolean;
	/** `--strict` (or `BROADSHEET_STRICT=1`): fail when any file could not become a page. */
	strict: boolean;
	/** Astro's cache folder (`BROADSHEET_CACHE_DIR`); the build keeps its own bookkeeping there too. */
	cacheDir: string;
}

/**
 * Content files from which search is indexed after the build, in parts, rather than
 * while pages render. Overlapping puts Astro and Pagefind in memory at once (at 100,000
 * articles 5.7 GB + 5.5 GB, past the 8 GB budget), and one Pagefind index of 100,000
 * pages took 15 GB to write; parts of 25,000 are indexed one after the other.
 */
export const INDEX_IN_PARTS_FROM = 50_000;

/** How search is indexed: `BROADSHEET_SEARCH_INDEX` (`api` is the old name of `render`), else by size. */
function chooseSearchIndexing(env: NodeJS.ProcessEnv, contentFiles: () => number): BuildOptions['searchIndexing'] {
	const chosen = env.BROADSHEET_SEARCH_INDEX;
	if (chosen === 'cli' || chosen === 'parts') return chosen;
	if (chosen === 'render' || chosen === 'api') return 'render';
	return contentFiles() >= INDEX_IN_PARTS_FROM ? 'parts' : 'render';
}

/** Number of entries below `dir` (0 when it is missing). */
function countEntries(dir: string): number {
	try {
		return readdirSync(dir, { recursive: true }).length;
	} catch {
		return 0;
	}
}

/** Reads the build's options. Keep option parsing here so new flags (e.g. sharding) have one home. */
export function parseBuildOptions(argv: string[], env: NodeJS.ProcessEnv = process.env): BuildOptions {
	// Walking a 100,000-file folder takes a while: at most once, and only when a default needs it.
	let counted: number | undefined;
	const contentFiles = () => (counted ??= countEntries(resolveContentDir(env)));
	const searchIndexing = chooseSearchIndexing(env, contentFiles);
	return {
		outDir: path.resolve(projectRoot, env.BROADSHEET_OUT_DIR || 'dist'),
		astroArgs: argv.filter((a) => a !== '--rebuild' && a !== '--strict'),
		searchIndexing,
		// A sharded build indexes its own slice in one piece.
		searchParts: searchIndexing === 'parts' && !resolveShard(env) ? countSearchParts(contentFiles()) : 1,
		rebuild: argv.includes('--rebuild'),
		strict: argv.includes('--strict') || env.BROADSHEET_STRICT === '1',
		cacheDir: path.resolve(projectRoot, env.BROADSHEET_CACHE_DIR || 'node_modules/.astro'),
	};
}

/**
 * Where to run `astro build`. Astro writes its intermediate prerender bundle to
 * `<outDir>/.prerender/` when the output folder lies inside the working directory,
 * and otherwise to `<cwd>/.astro/.prerender/`, which every out-of-tree build (tests,
 * benchmarks, shards) would share and overwrite mid-build. The bundle must stay
 * inside the project so its bare imports resolve from `node_modules`. So a build
 * into a folder outside the project runs, with `--root`, from a working folder of
 * its own under `node_modules/.cache/`, named after its output folder.
 */
export function astroWorkingDirectory(outDir: string): { cwd: string; args: string[] } {
	const inside = outDir === projectRoot || outDir.startsWith(projectRoot.replace(/\/?$/, path.sep));
	if (inside) return { cwd: projectRoot, args: [] };
	const key = createHash('sha1').update(outDir).digest('hex').slice(0, 16);
	return { cwd: path.join(projectRoot, 'node_modules', '.cache', 'broadsheet-builds', key), args: ['--root', projectRoot] };
}

/**
 * Moves the previous output out of the way and deletes it in a background process.
 * Astro empties the output folder synchronously before it builds; with 30,000 files
 * that held a rebuild up for minutes on a busy disk. A rename is instant, and the
 * deletion then overlaps with the build. Falls back to Astro's own emptying when the
 * cache folder is on another file system.
 */
function clearOutputInBackground(outDir: string, cacheDir: string): void {
	if (!existsSync(outDir)) return;
	const stale = path.join(cacheDir, `stale-output-${process.pid}-${Date.now()}`);
	try {
		mkdirSync(cacheDir, { recursive: true });
		renameSync(outDir, stale);
	} catch {
		return;
	}
	const script = `require('node:fs').rmSync(${JSON.stringify(stale)}, { recursive: true, force: true })`;
	spawn(process.execPath, ['-e', script], { detached: true, stdio: 'ignore' }).unref();
}

/**
 * Whether a site indexed in parts must be indexed again after Astro: always after a build
 * from scratch; after an incremental one, unless the search-index integration updated the
 * recorded index with a delta (it leaves a marker when too much changed for that).
 */
async function needsSearchParts(options: BuildOptions, incremental: boolean): Promise<boolean> {
	if (!incremental || existsSync(searchRewriteMarker(options.cacheDir))) return true;
	const record = await readSearchRecord(options.cacheDir, options.outDir);
	return record?.mainParts !== options.searchParts;
}

/** Runs a command to completion, exiting the build with its status when it fails. */
function run(command: string, args: string[], cwd = projectRoot): void {
	const result = spawnSync(command, args, { stdio: 'inherit', cwd });
	if (result.status !== 0) {
		console.error(`\n${path.basename(command)} ${args.join(' ')} failed (exit ${result.status ?? result.signal}).`);
		process.exit(result.status ?? 1);
	}
}

/** Runs `fn` and prints how long it took as a `[timing]` line. */
function timed<T>(stage: string, fn: () => T): T {
	const started = performance.now();
	const result = fn();
	console.log(`[timing] ${stage} ${Math.round(performance.now() - started)} ms`);
	return result;
}

async function main(): Promise<void> {
	// `--shard i/n` (src/lib/shards.ts) reaches the Astro pages, and the fingerprint, as BROADSHEET_SHARD.
	const { shard, rest } = takeShardArgument(process.argv.slice(2));
	if (shard) process.env[SHARD_ENV] = formatShard(shard);
	const options = parseBuildOptions(rest);
	const started = performance.now();
	// Skip the whole build when nothing it reads changed and its output is untouched.
	const store: FingerprintStore = { file: path.join(options.cacheDir, 'broadsheet-build.json'), outDir: options.outDir };
	const inputs = await computeBuildInputs({ projectRoot, contentDir: resolveContentDir(), argv: options.astroArgs, env: process.env });
	const fingerprint = inputs.all;
	console.log(`[timing] fingerprint ${Math.round(performance.now() - started)} ms`);
	if (!options.rebuild && (await isUpToDate(store, fingerprint))) {
		console.log(`[timing] total ${Math.round(performance.now() - started)} ms`);
		console.log(`No input changed since the last build of ${path.relative(process.cwd(), options.outDir) || '.'}; kept it (npm run build -- --rebuild to build anyway).`);
		return;
	}
	// Only content changed: keep the output, render only pages whose data changed, update search.
	const incremental = !options.rebuild && incrementalBuildsEnabled() && (await onlyContentChanged(store, inputs));
	console.log(`Building ${incremental ? 'incrementally' : 'from scratch'} (${options.rebuild ? '--rebuild' : await describeChangedInputs(store, inputs)}).`);
	await clearFingerprint(store);
	// Paths the config and loader read relative to the working directory, made absolute for the child.
	process.env.BROADSHEET_OUT_DIR = options.outDir;
	process.env.BROADSHEET_CACHE_DIR = options.cacheDir;
	process.env.NEWS_CONTENT_DIR = resolveContentDir();
	if (options.strict) process.env.BROADSHEET_STRICT = '1';
	// `cli` and `parts` turn the integration off (astro.config.mjs); the search page merges the parts.
	process.env.BROADSHEET_SEARCH_INDEX = options.searchIndexing;
	if (options.searchParts > 1) process.env[SEARCH_PARTS_ENV] = String(options.searchParts);
	else delete process.env[SEARCH_PARTS_ENV];
	process.env[BUILD_MODE_ENV] = incremental ? 'incremental' : 'full';
	if (!incremental) {
		clearOutputInBackground(options.outDir, options.cacheDir);
		// Without its manifest, Astro's incremental build renders every page (and records them for next time).
		await rm(path.join(options.cacheDir, 'incremental-build.json'), { force: true });
	}
	const astro = astroWorkingDirectory(options.outDir);
	mkdirSync(astro.cwd, { recursive: true });
	timed('astro', () => run(bin('astro'), ['build', ...astro.args, ...options.astroArgs], astro.cwd));
	// Otherwise the search-index integration indexed the pages while Astro rendered them.
	if (options.searchIndexing === 'cli') timed('pagefind', () => run(bin('pagefind'), ['--site', options.outDir]));
	if (options.searchIndexing === 'parts' && (await needsSearchParts(options, incremental))) {
		const started = performance.now();
		const report = await indexSearchInParts(options.outDir, options.searchParts);
		console.log(`[timing] pagefind ${Math.round(performance.now() - started)} ms`);
		console.log(`Search index in ${options.searchParts} part(s) of ${report.pagesPerPart.join(', ')} pages (${report.skipped} pages without data-pagefind-body not indexed).`);
		await writeSearchModule(options.outDir, { delta: false, staleIds: [] });
		await writeSearchRecord(options.cacheDir, options.outDir, { mainParts: options.searchParts, main: report.digests, pages: report.digests });
		await rm(searchRewriteMarker(options.cacheDir), { force: true });
	}
	// Indexed from scratch by the CLI: the search page loads Pagefind through the site's search module.
	if (options.searchIndexing === 'cli') await writeSearchModule(options.outDir, { delta: false, staleIds: [] });
	await saveFingerprint(store, fingerprint, inputs);
	const ms = performance.now() - started;
	console.log(`[timing] total ${Math.round(ms)} ms`);
	console.log(`Built and indexed ${path.relative(process.cwd(), options.outDir) || '.'} in ${(ms / 1000).toFixed(1)} s.`);
}

await main();
