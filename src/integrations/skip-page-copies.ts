/**
 * Stops Astro's incremental build from keeping a second copy of every page in its cache
 * folder. Astro writes each rendered page twice, to the output and to `<cacheDir>/dist/`,
 * and copies a page back from there only when the output folder lost it. This project's
 * builds keep the output folder between incremental builds (scripts/build.ts), so the
 * copies are never read; a page missing from the output is rendered again instead
 * (what Astro does when it has no copy). At 10,000 articles the copies were 19,600 more
 * files (435 MB), each a directory check and a write on the thread that also renders.
 *
 * Astro's options have no switch for this: the integration replaces two methods of
 * Astro 7.3's `IncrementalBuildCache`. When they are missing (Astro changed), the copies
 * are written as before and the build says so.
 */
import type { AstroIntegration } from 'astro';
import { promises as fs } from 'node:fs';
import { astroDistUrl } from './astro-internals.ts';

interface IncrementalBuildCacheLike {
	writeOutputFile(...args: unknown[]): Promise<void>;
	restoreOutputFile(...args: unknown[]): Promise<boolean>;
}

/**
 * Makes Astro's incremental build cache keep no page copies: nothing is written, and
 * nothing is restored (a copy left by an earlier build could be stale). Returns why
 * not, when Astro's cache class is not what this expects.
 */
export async function disablePageCopies(distUrl: URL = astroDistUrl()): Promise<string | undefined> {
	let cache: { prototype: IncrementalBuildCacheLike } | undefined;
	try {
		({ IncrementalBuildCache: cache } = (await import(new URL('core/build/incremental.js', distUrl).href)) as { IncrementalBuildCache?: { prototype: IncrementalBuildCacheLike } });
	} catch (error) {
		return `Astro's incremental build cache did not load (${(error as Error).message})`;
	}
	const proto = cache?.prototype;
	if (typeof proto?.writeOutputFile !== 'function' || typeof proto.restoreOutputFile !== 'function') return "Astro's incremental build cache has no writeOutputFile / restoreOutputFile";
	proto.writeOutputFile = async () => {};
	proto.restoreOutputFile = async () => false;
	return undefined;
}

/** The integration (build only). */
export function skipPageCopies(): AstroIntegration {
	let cacheDir: URL | undefined;
	return {
		name: 'broadsheet-skip-page-copies',
		hooks: {
			'astro:config:done': ({ config }) => {
				cacheDir = config.cacheDir;
			},
			'astro:build:start': async ({ logger }) => {
				const why = await disablePageCopies();
				if (why) return logger.warn(`${why} (has Astro changed?): Astro keeps a copy of every page in its cache folder`);
				// Copies an earlier build left there are never read again.
				if (cacheDir) await fs.rm(new URL('dist/', cacheDir), { recursive: true, force: true });
			},
		},
	};
}
