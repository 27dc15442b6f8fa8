/**
 * Builds a site for tests: `npm run build` with its own content folder, output
 * folder and Astro cache, so test builds never touch `dist/` or each other.
 * The same runner as {@link runBuildOrThrow}, so these builds have its time limit too.
 */
import { runBuildOrThrow } from './run-build.ts';

export { repoRoot } from './repo-root.ts';

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

/** Runs the real build on a content folder; rejects with the build log when it fails or runs out of time. */
export async function buildSite(options: BuildSiteOptions): Promise<BuiltSite> {
	const { outDir, log } = await runBuildOrThrow(options);
	return { outDir, log };
}
