/**
 * How the running build treats the previous output: `full` starts from an empty output
 * folder and indexes search from scratch; `incremental` (only content files changed
 * since the last build, chosen by scripts/build.ts) keeps the pages whose data did not
 * change and updates the search index. Unset, as in a bare `astro build`: `full`.
 */
export const BUILD_MODE_ENV = 'BROADSHEET_BUILD_MODE';

/** The running build's mode. */
export function resolveBuildMode(env: NodeJS.ProcessEnv = process.env): 'full' | 'incremental' {
	return env[BUILD_MODE_ENV] === 'incremental' ? 'incremental' : 'full';
}

/** Set to `0` to turn incremental builds off: every build renders every page and indexes search from scratch. */
export const INCREMENTAL_ENV = 'BROADSHEET_INCREMENTAL';

/** False when {@link INCREMENTAL_ENV} turns incremental builds off. */
export function incrementalBuildsEnabled(env: NodeJS.ProcessEnv = process.env): boolean {
	return env[INCREMENTAL_ENV] !== '0';
}
