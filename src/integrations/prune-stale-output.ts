/**
 * Removes what an earlier build left in the output folder and this build did not
 * write. Astro's incremental build keeps the output folder between builds (pages whose
 * cache key did not change are not written again), so a deleted article's page, a
 * topic page that no longer exists or an old hashed stylesheet would otherwise stay
 * online. Pages and feeds: every file the last build's routes wrote that this build's
 * did not (rendered or kept), or, with no record of the last build, every other HTML file.
 * Bundled assets (`_astro/`): every file older than this build, since Vite writes
 * all of them on every build.
 */
import type { AstroIntegration } from 'astro';
import { existsSync, promises as fs, readdirSync, statSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

/** Where the files the last build's routes wrote are listed, in the cache folder. */
const RECORD_FILE = 'broadsheet-output-files.json';

/** Folders of the output that other steps own (the search index and its parts). */
const OWNED_ELSEWHERE = /^pagefind[^/\\]*[/\\]/;

/** Every file below `dir`, relative to it ([] when it is missing). */
function listFiles(dir: string): string[] {
	// Synchronous: the asynchronous recursive readdir took 2.1 s over the 20,000 folders of a 10,000-article site, this 0.4 s.
	try {
		return readdirSync(dir, { recursive: true, withFileTypes: true })
			.filter((e) => e.isFile())
			.map((e) => path.relative(dir, path.join(e.parentPath, e.name)));
	} catch {
		return [];
	}
}

/** HTML files below `outDir` that are not in `built` (paths relative to `outDir`). */
export function findStalePages(outDir: string, built: ReadonlySet<string>): string[] {
	return listFiles(outDir).filter((e) => e.endsWith('.html') && !OWNED_ELSEWHERE.test(e) && !built.has(e));
}

/** Files below `dir` last written before `since` (ms since the epoch), relative to `dir`. */
export function findFilesOlderThan(dir: string, since: number): string[] {
	return listFiles(dir).filter((file) => statSync(path.join(dir, file)).mtimeMs < since);
}

/** The Astro integration. */
export function pruneStaleOutput(): AstroIntegration {
	let started = 0;
	let assetsDir = '_astro';
	let recordFile = '';
	return {
		name: 'broadsheet-prune-stale-output',
		hooks: {
			'astro:config:done': ({ config }) => {
				assetsDir = config.build.assets;
				recordFile = path.join(fileURLToPath(config.cacheDir), RECORD_FILE);
			},
			'astro:build:start': () => {
				// File times have a coarse resolution on some file systems: allow a second of slack.
				started = Date.now() - 1000;
			},
			'astro:build:done': async ({ dir, assets, logger }) => {
				const outDir = fileURLToPath(dir);
				const builtFiles = [...assets.values()].flat().map((url) => path.relative(outDir, fileURLToPath(url)));
				const built = new Set(builtFiles);
				// The last build's route outputs (pages, feeds) that this build did not produce; without a record, stray HTML.
				const recorded = JSON.parse(await fs.readFile(recordFile, 'utf8').catch(() => 'null')) as { outDir: string; files: string[] } | null;
				const stalePages = recorded?.outDir === outDir ? recorded.files.filter((f) => !built.has(f) && existsSync(path.join(outDir, f))) : findStalePages(outDir, built);
				const staleAssets = findFilesOlderThan(path.join(outDir, assetsDir), started).map((f) => path.join(assetsDir, f));
				for (const file of [...stalePages, ...staleAssets]) {
					await fs.rm(path.join(outDir, file), { force: true });
					// A page's folder (articles/<slug>/) goes with it once empty.
					await fs.rmdir(path.dirname(path.join(outDir, file))).catch(() => {});
				}
				await fs.mkdir(path.dirname(recordFile), { recursive: true });
				await fs.writeFile(recordFile, JSON.stringify({ outDir, files: builtFiles }));
				if (stalePages.length + staleAssets.length > 0) logger.info(`removed ${stalePages.length} page(s) and ${staleAssets.length} asset(s) left by an earlier build`);
			},
		},
	};
}
