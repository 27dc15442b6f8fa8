/**
 * User settings for the ingest, from `broadsheet.config.ts` at the project root.
 * The file is optional: without it the built-in defaults apply.
 */
import { existsSync } from 'node:fs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { type BoilerplatePatternInput, compileBoilerplate } from './boilerplate.ts';
import type { IngestOptions } from './ingest-directory.ts';

/** The shape of `broadsheet.config.ts`'s default export. */
export interface BroadsheetConfig {
	/** Ingest settings. */
	ingest?: {
		/** Extra site-furniture lines to drop, added after the built-in list (see `boilerplate.ts`). */
		boilerplate?: BoilerplatePatternInput[];
		/** Reading speed for reading-time estimates (default 230 words a minute). */
		wordsPerMinute?: number;
		/** Jaccard similarity at or above which bodies count as near-duplicates (default 0.8). */
		duplicateThreshold?: number;
		/** A short line opening or closing at least this many articles is dropped as furniture (default 5; 0: off). */
		repeatedLineMinFiles?: number;
		/** Set to false to turn the parse cache off. */
		cache?: boolean;
	};
}

/** Identity helper that gives `broadsheet.config.ts` type checking and editor hints. */
export function defineConfig(config: BroadsheetConfig): BroadsheetConfig {
	return config;
}

/**
 * Turns a config into ingest options. `projectRoot` places the parse cache in
 * `node_modules/.cache/broadsheet/` (build tools' usual spot; ignored by git).
 * @throws Error naming the setting when a boilerplate pattern is invalid.
 */
export function resolveIngestOptions(config: BroadsheetConfig, projectRoot?: string): IngestOptions {
	const ingest = config.ingest ?? {};
	return {
		boilerplate: compileBoilerplate(ingest.boilerplate ?? []),
		...(ingest.wordsPerMinute ? { wordsPerMinute: ingest.wordsPerMinute } : {}),
		...(ingest.duplicateThreshold ? { duplicateThreshold: ingest.duplicateThreshold } : {}),
		...(ingest.repeatedLineMinFiles !== undefined ? { repeatedLineMinFiles: ingest.repeatedLineMinFiles } : {}),
		...(projectRoot && ingest.cache !== false ? { cacheDir: path.join(projectRoot, 'node_modules', '.cache', 'broadsheet') } : {}),
	};
}

/**
 * Loads `broadsheet.config.ts` from `projectRoot` (if present) and resolves it into ingest options.
 * @throws Error saying which file failed and why, when the config exists but cannot be loaded.
 */
export async function loadIngestOptions(projectRoot: string): Promise<IngestOptions> {
	const file = path.join(projectRoot, 'broadsheet.config.ts');
	if (!existsSync(file)) return resolveIngestOptions({}, projectRoot);
	let config: BroadsheetConfig;
	try {
		const mod = (await import(/* @vite-ignore */ pathToFileURL(file).href)) as { default?: BroadsheetConfig };
		config = mod.default ?? {};
	} catch (error) {
		throw new Error(`${file} could not be loaded: ${(error as Error).message}. Fix the file, or delete it to use the defaults.`);
	}
	return resolveIngestOptions(config, projectRoot);
}
